"""Features of a party candidate (a person, post or unit) for the party decision."""
from __future__ import annotations

from bisect import bisect_right

from ...candidates import Candidates, cue_matches, is_company_unit, party_head_kind
from ...records import Party
from ...ruleset import RuleSet
from .common import Features, log_count, ngrams, rule_groups

class PartyContext:
    """Per-document facts the party features share: the rules' measure spans, sentences with cues."""

    def __init__(self, cands: Candidates, rs: RuleSet):
        self.cands = cands
        self.rs = rs
        self.view = cands.clean.view
        self.measure_spans = [(m.start, m.end) for m in cands.rule_measures]
        self.sentences = cands.signals.sentences
        self.sentence_starts = [s for s, _ in self.sentences]
        self.groups = rule_groups(rs)
        self.orgs = [o for o in cands.signals.orgs if len(o) >= 2]
        self._mentions: dict[str, int] = {}
        self._sentence_cues: dict[int, set[str]] = {}

    def mentions(self, name: str) -> int:
        """How often the body names ``name`` (counted once per name)."""
        if name not in self._mentions:
            self._mentions[name] = self.cands.body.count(name)
        return self._mentions[name]

    def sentence_cues(self, pos: int) -> set[str]:
        """Categories of the action verbs in the sentence holding ``pos`` (once per sentence)."""
        k = bisect_right(self.sentence_starts, pos) - 1
        if k < 0 or pos >= self.sentences[k][1]:
            return set()
        if k not in self._sentence_cues:
            s, e = self.sentences[k]
            self._sentence_cues[k] = {c[4] for c in cue_matches(self.view[s:e], self.rs) if c[4] != "blocker"}
        return self._sentence_cues[k]


def party_features(ctx: PartyContext, p: Party) -> Features:
    """Features of a party candidate: the rule that found it, its head noun, the sentence around it."""
    f: Features = {"bias": 1.0, "rule=" + p.rule: 1.0, "role=" + p.role: 1.0}
    kind = party_head_kind(p.name, ctx.rs)
    f["head=" + (kind or "none")] = 1.0
    if p.penalty:
        f["penalty"] = 1.0
    if is_company_unit(p.name, ctx.rs):
        f["company_unit"] = 1.0
    if any(o in p.name or p.name in o for o in ctx.orgs):
        f["is_org"] = 1.0
    prose = dict(ctx.groups["prose"])
    for rid in ("prose.external_body", "prose.other_subject"):
        pat = prose.get(rid)
        if pat is not None and pat.search(p.name):
            f["is=" + rid] = 1.0
    if any(a <= p.start < b for a, b in ctx.measure_spans):
        f["in_rule_measure"] = 1.0
    for cat in ctx.sentence_cues(p.start):
        f["sent_cue=" + cat] = 1.0
    f["len=%d" % min(len(p.name), 9)] = 1.0
    f["mentions"] = log_count(ctx.mentions(p.name)) / 2
    ngrams(p.name[:2], 2, "lead=", f)
    # A noun phrase ends in its head (…人员, …团队, …队长, …专班): its last two characters name what the party is
    # where the head lexicon (head=) has no entry (held out, dev2's parties F1 over four cross-validations
    # 0.313 -> 0.330, up on all four; the six-split mean 0.556 -> 0.558, within noise: docs/decisions.md).
    ngrams(p.name[-2:], 2, "tail=", f)
    return f
