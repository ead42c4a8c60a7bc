"""The values the pipeline produces: plain dataclasses that turn into JSON objects and table rows.

Every extracted value carries its text as written, ``start``/``end`` offsets into the document's clean
text (``clean_text[start:end] == text``) and the id of the rule that produced it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .load import LoadedDoc


@dataclass
class Hotline:
    number: str
    normalized: str
    kind: str
    start: int
    end: int
    context: str = ""
    rule: str = ""
    score: float | None = None  # probability that it is offered to the public (the hotline decision)


@dataclass
class Party:
    """A person, post or unit; ``name`` is Simplified (as the gold schema and company names are), ``text`` is the
    name as written, with ``clean_text[start:end] == text``."""

    name: str
    role: str  # disciplined | responsible | actor
    start: int
    end: int
    penalty: str = ""
    rule: str = ""
    text: str = ""


@dataclass
class Deadline:
    text: str
    start: int
    end: int
    iso: str | None = None
    rule: str = ""


@dataclass
class Item:
    """One enumerated or prose item: a measure (with a category) or a finding (category None)."""

    index: int
    ordinal: str
    listed: bool
    text: str
    start: int
    end: int
    section: str = ""
    rule: str = ""
    score: float | None = None  # probability of the decision that kept it (decide/measures.py)
    category: str | None = None
    category_rule: str = ""
    category_score: float | None = None
    list_id: int | None = None
    level: int = 0
    headline: str = ""
    cue_verbs: list[str] = field(default_factory=list)
    status: str = "unknown"
    status_rule: str = ""
    deadline: Deadline | None = None
    parties: list[Party] = field(default_factory=list)
    hotlines: list[Hotline] = field(default_factory=list)

    def as_dict(self, finding: bool = False) -> dict[str, Any]:
        d = asdict(self)
        if finding:
            for key in ("category", "category_rule", "category_score", "status", "status_rule", "deadline",
                        "cue_verbs"):
                d.pop(key, None)
        return d


@dataclass
class DocumentRecord:
    """Everything extracted from one input document; ``as_dict()`` is the JSON Lines object."""

    doc_id: str
    path: str
    path_hex: str = ""  # the bytes of ``path`` in hex when the file name is not UTF-8 (``path`` shows them as \xNN)
    status: str = "ok"  # ok | error | skipped (not read on purpose: a file reached twice, a link loop)
    error: str | None = None
    title: str = ""
    date: str = ""
    date_source: str = ""  # metadata (front matter, JSON, HTML meta, the caller) or the rule that read it off the text
    url: str = ""
    format: str = ""
    encoding: str = ""
    script: str = "simplified"
    is_statement: bool = False
    statement_score: float = 0.0  # probability that the document is a statement (the statement decision)
    apology: bool = False
    apology_text: str = ""
    apology_score: float = 0.0
    company: str = ""
    company_score: float = 0.0
    branches: list[str] = field(default_factory=list)
    incident: str = ""
    stated_count: int | None = None
    count_ok: bool | None = None
    measures: list[Item] = field(default_factory=list)
    findings: list[Item] = field(default_factory=list)
    hotlines: list[Hotline] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    clean_text: str = ""
    # The features that weighed most in each decision, filled only when asked for (--explain); not in as_dict().
    explanations: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, doc: "LoadedDoc") -> "DocumentRecord":
        """The record of a loaded document before anything is extracted: what its file and metadata say."""
        return cls(doc_id=doc.doc_id, path=doc.path, title=doc.title, date=doc.date,
                   date_source="metadata" if doc.date else "", url=doc.url, format=doc.format,
                   encoding=doc.encoding, warnings=list(doc.warnings))

    def as_dict(self, with_text: bool = True) -> dict[str, Any]:
        explanations, self.explanations = self.explanations, {}
        try:
            d = asdict(self)
        finally:
            self.explanations = explanations
        d.pop("explanations")
        d["findings"] = [f.as_dict(finding=True) for f in self.findings]
        if not with_text:
            d.pop("clean_text")
        return d
