"""Which organization-name candidate is the responding organization."""
from __future__ import annotations

from ..candidates import Candidates
from ..ruleset import RuleSet
from .features import org_features
from .model import Model


def org_counts(cands: Candidates) -> dict[str, int]:
    """Mentions of every organization candidate in the document body."""
    return {c.name: cands.body.count(c.name) for c in cands.orgs}


def decide_company(cands: Candidates, model: Model, rs: RuleSet,
                   explain: bool = False) -> tuple[str, float, list[tuple[str, float]]]:
    """(name, probability, the features that weighed most) of the best candidate; ("", 0.0, []) when none."""
    counts = org_counts(cands)
    best, best_p, best_f = "", 0.0, None
    for c in cands.orgs:
        feats = org_features(cands, c, rs, counts)
        p = model["company"].prob(feats)
        if p > best_p:
            best, best_p, best_f = c.name, p, feats
    why = model["company"].explain(best_f, "yes") if explain and best_f is not None else []
    return best, round(best_p, 4), why
