"""A record as a draft annotation: ``<doc>.gold.json`` in ../shared/eval/GOLD_SCHEMA.md's shape, filled with the
model's decisions for an annotator to correct.

Correcting a draft is quicker than writing an annotation from nothing (the pre-annotation of annotation tools
such as Prodigy's ``correct`` recipes), and more annotated pages of the user's own kind are what raises the
held-out figures most (README, "Adapt it to your documents"). A draft is marked ``"draft": true`` and
``extract train`` refuses it until the annotator deletes that line: a model trained on its own unreviewed
guesses would only learn them again, and its cross-validated figures would flatter it.
"""
from __future__ import annotations

from ..decide.gold import DRAFT_KEY


def _unique(items: list[dict], keys: tuple[str, ...]) -> list[dict]:
    seen: set[tuple] = set()
    out = []
    for item in items:
        key = tuple(item[k] for k in keys)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def gold_draft(record: dict, doc_name: str, note: str) -> dict:
    """The gold annotation ``record`` amounts to, for the document file ``doc_name`` (its name in the folder the
    draft is written to). Measure and finding texts are the page's own words in its own script (the record's
    clean text); the company and party names are Simplified, as the schema asks and as the record gives them."""
    return {
        "doc": doc_name,
        "source": record.get("url") or "",
        "notes": note,
        DRAFT_KEY: True,
        "is_statement": bool(record.get("is_statement")),
        "apology": bool(record.get("apology")),
        "company": record.get("company") or "",
        "company_aliases": [],
        "stated_count": record.get("stated_count"),
        "measures": [{"ordinal": m.get("ordinal") or "", "listed": bool(m.get("listed")),
                      "category": m.get("category") or "other", "text": m["text"]}
                     for m in record.get("measures") or []],
        "findings": [{"ordinal": f.get("ordinal") or "", "text": f["text"]} for f in record.get("findings") or []],
        "hotlines": list(dict.fromkeys(h["number"] for h in record.get("hotlines") or [])),
        "parties": _unique([{"name": p["name"], "role": p["role"]} for p in record.get("parties") or []],
                           ("name", "role")),
    }


def certainty(record: dict, threshold: float) -> float:
    """How far the page's statement decision stayed from the other answer (0: on the threshold, 1: as far as it
    goes): the pages to annotate first are the ones the model is least sure of (uncertainty sampling)."""
    score = float(record.get("statement_score") or 0.0)
    span = threshold if score < threshold else 1.0 - threshold
    return abs(score - threshold) / span if span > 0 else 1.0
