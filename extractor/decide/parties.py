"""Which party candidates are parties of the response (disciplined, responsible or acting)."""
from __future__ import annotations

from ..candidates import Candidates
from ..records import Party
from ..ruleset import RuleSet
from .features import PartyContext, party_features
from .model import Model


def decide_parties(cands: Candidates, model: Model, rs: RuleSet) -> list[Party]:
    """The kept parties in text order (a name kept once, at its first mention)."""
    ctx = PartyContext(cands, rs)
    out, seen = [], set()
    threshold = model.threshold("party")
    for p in cands.parties:
        if p.name in seen:
            continue
        if model["party"].prob(party_features(ctx, p)) >= threshold:
            seen.add(p.name)
            out.append(p)
    return out
