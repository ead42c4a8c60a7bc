"""Features of an organization-name candidate for the company decision."""
from __future__ import annotations

from ...candidates import Candidates
from ...candidates.orgs import OrgCandidate, followed_by, left_clean
from ...ruleset import RuleSet
from .common import Features, bucket, log_count, ngrams, rule_groups

NAME_PAIR_WEIGHT = 0.5


def org_features(cands: Candidates, c: OrgCandidate, rs: RuleSet, counts: dict[str, int]) -> Features:
    """Features of an organization-name candidate: how it recurs, where it stands, what the rules said of it.
    ``counts``: mentions of every candidate in the body (to compare a name with its longer and shorter forms)."""
    body = cands.body
    n = counts[c.name]
    f: Features = {"bias": 1.0}
    for src in c.sources:
        f["src=" + src] = 1.0
    f["mentions"] = log_count(n) / 2
    f["anchors"] = log_count(c.anchors) / 2
    if c.in_head:
        f["in_head"] = 1.0
    first = body.find(c.name)
    f["first_at=%d" % bucket(first / max(1, len(body)), (0.05, 0.2, 0.5))] = 1.0
    f["left_clean"] = left_clean(c.name, body)
    groups = rule_groups(rs)
    # every response-verb rule counts (the last one alone did when there was one rule)
    f["then_responds"] = max((followed_by(c.name, body, pattern) for _r, pattern in groups["org_anchor"]),
                             default=0.0)
    f["len=%d" % min(len(c.name), 9)] = 1.0
    if c.name.isascii():
        f["latin"] = 1.0
    if any(p.search(c.name) for _r, p in groups["org_name_suffix"]):
        f["suffix"] = 1.0
    prose = dict(groups["prose"])
    for rid in ("prose.external_body", "prose.public_body"):
        if prose.get(rid) is not None and prose[rid].search(c.name):
            f["is=" + rid] = 1.0
    # A clipped form (润发) is always inside a longer one; an over-long one (对此大润发) is rarer than its tail.
    longer = max((counts[o] for o in counts if o != c.name and c.name in o), default=0)
    shorter = max((counts[o] for o in counts if o != c.name and o in c.name), default=0)
    if n and longer >= 0.8 * n:
        f["inside_longer"] = 1.0
    if shorter > 1.5 * n:
        f["holds_commoner"] = 1.0
    if any(ch in "的了在是和与后内被将已" for ch in c.name):
        f["function_char"] = 1.0
    if any(c.name in line for line in cands.signals.signed_by):
        f["signs"] = 1.0
    # What a name looks like (…公司, …监管局, 视频发出后…): its character pairs, at half weight so that the many
    # pairs of a long fragment do not outweigh the few facts above (cross-validated: 0.77 at full weight, 0.78
    # at half, 0.75 without).
    ngrams(c.name, 2, "name=", f, NAME_PAIR_WEIGHT)
    return f
