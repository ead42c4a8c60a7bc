"""spaCy pipeline component ``remediation_measures``: our extraction inside a user's own spaCy pipeline.

Registered through the ``spacy_factories`` entry point, so after ``pip install`` any pipeline can do::

    nlp = spacy.blank("zh")
    nlp.add_pipe("remediation_measures")
    doc = nlp(text)
    doc._.measures, doc._.parties, doc._.hotlines       # lists of dicts (as in the JSON Lines output)
    doc.spans["measures"], doc.spans["findings"], doc.spans["parties"], doc.spans["hotlines"]

Everything is in the Doc's own character space: the values are found on our clean text and mapped back through
its offset map. Spans are aligned to the Doc's tokens with ``alignment_mode="expand"``; in the dicts, every
``start``/``end`` (of measures, findings, parties, hotlines, and of the deadline, parties and hotlines inside a
measure) indexes ``doc.text``. A value's ``text`` is as found in the clean text: it equals
``doc.text[start:end]`` unless the cleaner removed noise inside it (a pinyin annotation, an anti-scrape string)
or decoded an entity; ``doc._.clean_text`` is that clean text.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .clean import clean_text
from .records import DocumentRecord
from .ruleset import load_ruleset
from .run import Options, extract_clean

for _name in ("measures", "findings", "parties", "hotlines", "remediation", "clean_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class RemediationMeasures:
    """Runs the extractor on ``doc.text`` and stores values and spans on the Doc."""

    def __init__(self, nlp: Language, name: str, rules: str | None = None, segmenter: str = "none"):
        self.name = name
        self.options = Options(segmenter=segmenter, rules=rules, with_text=False)
        self.ruleset = load_ruleset(rules)

    def __call__(self, doc: Doc) -> Doc:
        clean = clean_text(doc.text)
        record = extract_clean(DocumentRecord(doc_id="", path=""), clean, self.ruleset, self.options)
        to_doc = clean.raw_index

        def span(start: int, end: int, label: str):
            s, e = to_doc[start], to_doc[end - 1] + 1 if end > start else to_doc[start]
            return doc.char_span(s, e, label=label, alignment_mode="expand")

        groups = {"measures": [], "findings": [], "parties": [], "hotlines": []}
        for m in record.measures:
            groups["measures"].append(span(m.start, m.end, m.category or "other"))
        for f in record.findings:
            groups["findings"].append(span(f.start, f.end, "finding"))
        for p in record.parties:
            groups["parties"].append(span(p.start, p.end, p.role))
        for h in record.hotlines:
            groups["hotlines"].append(span(h.start, h.end, h.kind))
        for key, spans in groups.items():
            doc.spans[key] = [s for s in spans if s is not None]
        data = record.as_dict(with_text=False)
        doc._.measures = [_in_doc_offsets(v, to_doc) for v in data["measures"]]
        doc._.findings = [_in_doc_offsets(v, to_doc) for v in data["findings"]]
        doc._.parties = [_in_doc_offsets(v, to_doc) for v in data["parties"]]
        doc._.hotlines = [_in_doc_offsets(v, to_doc) for v in data["hotlines"]]
        doc._.clean_text = clean.text
        doc._.remediation = {k: data[k] for k in ("is_statement", "apology", "company", "stated_count", "count_ok")}
        return doc


def _in_doc_offsets(value: dict, to_doc: list[int]) -> dict:
    """A copy of ``value`` whose ``start``/``end`` (and those of the dicts inside it) index the Doc's text."""
    out = {}
    for key, v in value.items():
        if isinstance(v, dict):
            v = _in_doc_offsets(v, to_doc)
        elif isinstance(v, list):
            v = [_in_doc_offsets(x, to_doc) if isinstance(x, dict) else x for x in v]
        out[key] = v
    if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
        start, end = value["start"], value["end"]
        out["start"] = to_doc[start]
        out["end"] = to_doc[end - 1] + 1 if end > start else to_doc[start]
    return out


@Language.factory("remediation_measures", default_config={"rules": None, "segmenter": "none"})
def make_remediation_measures(nlp: Language, name: str, rules: str | None, segmenter: str) -> RemediationMeasures:
    """Factory behind ``nlp.add_pipe("remediation_measures")``."""
    return RemediationMeasures(nlp, name, rules=rules, segmenter=segmenter)
