"""spaCy pipeline component ``remediation_measures``: our extraction inside a user's own spaCy pipeline.

Registered through the ``spacy_factories`` entry point, so after ``pip install`` any pipeline can do::

    nlp = spacy.blank("zh")
    nlp.add_pipe("remediation_measures")
    doc = nlp(text)
    doc._.measures, doc._.parties, doc._.hotlines       # lists of dicts (as in the JSON Lines output)
    doc.spans["measures"], doc.spans["findings"], doc.spans["parties"], doc.spans["hotlines"]

Spans are in the Doc's own character space: the values are found on our clean text and mapped back through
its offset map, then aligned to the Doc's tokens with ``alignment_mode="expand"``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .clean import clean_text
from .records import DocumentRecord
from .ruleset import load_ruleset
from .run import Options, extract_clean

for _name in ("measures", "findings", "parties", "hotlines", "remediation"):
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
        doc._.measures = data["measures"]
        doc._.findings = data["findings"]
        doc._.parties = data["parties"]
        doc._.hotlines = data["hotlines"]
        doc._.remediation = {k: data[k] for k in ("is_statement", "apology", "company", "stated_count", "count_ok")}
        return doc


@Language.factory("remediation_measures", default_config={"rules": None, "segmenter": "none"})
def make_remediation_measures(nlp: Language, name: str, rules: str | None, segmenter: str) -> RemediationMeasures:
    """Factory behind ``nlp.add_pipe("remediation_measures")``."""
    return RemediationMeasures(nlp, name, rules=rules, segmenter=segmenter)
