"""Document decisions: is it an organization's response to an incident, and does the organization apologise."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..candidates import Signals
from ..ruleset import RuleSet
from .features import document_features
from .model import Model


@dataclass
class DocumentDecision:
    """The two document decisions with their probabilities (and, on request, the features that weighed most)."""

    is_statement: bool
    statement_score: float
    apology: bool
    apology_score: float
    explain: dict[str, list[tuple[str, float]]] = field(default_factory=dict)


def decide_document(sig: Signals, model: Model, rs: RuleSet, explain: bool = False) -> DocumentDecision:
    """Statement and apology decisions of a document from its signals alone (no lists, no clauses)."""
    feats = document_features(sig, rs)
    p_stmt = model["statement"].prob(feats)
    p_apology = model["apology"].prob(feats)
    stmt = p_stmt >= model.threshold("statement")
    # Only a statement's organization can apologise; and the apology needs its sentence.
    apology = stmt and sig.apology.found and p_apology >= model.threshold("apology")
    why = {}
    if explain:
        why = {"statement": model["statement"].explain(feats, "yes" if stmt else "no"),
               "apology": model["apology"].explain(feats, "yes" if apology else "no")}
    return DocumentDecision(stmt, round(p_stmt, 4), apology, round(p_apology, 4), why)
