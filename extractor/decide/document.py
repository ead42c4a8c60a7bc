"""Document decisions: is it an organization's response to an incident, and does the organization apologise."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..candidates import Signals
from ..ruleset import RuleSet
from .features import VETO_KINDS, document_features
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
    # A template's unfilled slot for the organization's own name ([公司名称], a signature line 银行名称) leaves no
    # organization to respond: no weight learnt from the few templates of a training set can say that, as their
    # other evidence is a statement's (b016 of dev2 stayed a statement at 0.84 in-sample).
    veto = sorted(rid for rid, kind in sig.statement.kinds.items() if kind in VETO_KINDS)
    if veto:
        p_stmt = 0.0
    stmt = p_stmt >= model.threshold("statement") and not veto
    # Only a statement's organization can apologise; and the apology needs its sentence.
    apology = stmt and sig.apology.found and p_apology >= model.threshold("apology")
    why = {}
    if explain:
        vetoed = [(f"veto={rid}", 0.0) for rid in veto]
        why = {"statement": vetoed or model["statement"].explain(feats, "yes" if stmt else "no"),
               "apology": model["apology"].explain(feats, "yes" if apology else "no")}
    return DocumentDecision(stmt, round(p_stmt, 4), apology, round(p_apology, 4), why)
