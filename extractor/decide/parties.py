"""Which party candidates are parties of the response (disciplined, responsible or acting)."""
from __future__ import annotations

from typing import Iterable

from ..candidates import Candidates
from ..records import Party
from ..ruleset import RuleSet
from .features import PartyContext, party_features
from .model import Model


def decide_parties(cands: Candidates, model: Model, rs: RuleSet) -> list[Party]:
    """The kept parties in text order, one per party (see :func:`dedupe_parties`)."""
    ctx = PartyContext(cands, rs)
    threshold = model.threshold("party")
    return dedupe_parties(p for p in cands.parties if model["party"].prob(party_features(ctx, p)) >= threshold)


def dedupe_parties(parties: Iterable[Party]) -> list[Party]:
    """One row per (name, role), at its first mention; a name that ends another one of the same role (评估专家组
    within 省级评估专家组) is the same party mentioned shortly."""
    seen, out = set(), []
    ordered = sorted(parties, key=lambda p: p.start)
    names = {(p.name, p.role) for p in ordered}
    for p in ordered:
        key = (p.name, p.role)
        if key in seen or any(other != p.name and other.endswith(p.name) and role == p.role for other, role in names):
            continue
        seen.add(key)
        out.append(p)
    return out
