"""Status of a measure from aspect and modality: done | ongoing | planned | unknown.

Rules (``rules/status.regex.jsonl``) carry ``status`` and ``level``: level 2 are aspect/modal markers
(已/已经/业已/了 done, 正在/目前正 ongoing, 将/后续/计划/拟/下一步 planned), level 1 weak hints (立即/迅速 in a
report read as done, 持续 as ongoing, 必须/应 as planned).

A measure can mix aspects (已迅速调离…，后续将…严肃问责). The status is that of the *main action*: the first
cue verb of the headline (the lead action clause, see ``categorize.extract_headline``). We take, in order:

1. the level-2 marker of the headline closest before that verb, else the first one after it (成立了);
2. the last level-2 marker before the headline (已第一时间，成立… / 后续将在…基础上，严肃问责);
3. a level-1 hint in the headline;
4. otherwise ``unknown`` with rule id ``status.default``.

A measure due by a date after the statement's own (``status_given_deadline``) is planned unless a level-2 marker
says otherwise: 立即组织全面排查，8月底前完成 is not done, 已于7月底前完成 is.
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..candidates import find_cue_verbs
from ..ruleset import RuleSet
from ..candidates.categorize import extract_headline, find_quoted

__all__ = ["STATUSES", "classify_status", "status_given_deadline"]

STATUSES = ("done", "ongoing", "planned", "unknown")


@lru_cache(maxsize=16)
def _rules(ruleset: RuleSet) -> tuple:
    return tuple((r.id, r.pattern, r.get("status", "unknown"), int(r.get("level", 2)))
                 for r in ruleset.regex("status"))


@lru_cache(maxsize=16)
def _levels(ruleset: RuleSet) -> dict[str, int]:
    return {rid: level for rid, _p, _s, level in _rules(ruleset)}


def _markers(view_text: str, ruleset: RuleSet, level: int, lo: int, hi: int) -> list[tuple[int, str, str]]:
    """(start, status, rule id) of the markers of ``level`` starting inside [lo, hi) and outside quotes."""
    quoted = find_quoted(view_text)
    found: list[tuple[int, str, str, int]] = []
    for rid, pattern, status, lv in _rules(ruleset):
        if lv != level:
            continue
        for m in pattern.finditer(view_text, lo, hi):
            # 「超越了医疗事故」 and “长江学者奖励计划” quote words; their aspect is not ours
            if not any(qs <= m.start() < qe for qs, qe in quoted):
                found.append((m.start(), status, rid, m.end()))
    found.sort(key=lambda f: (f[0], -f[3]))
    kept: list[tuple[int, str, str]] = []
    end = -1
    for start, status, rid, stop in found:
        if start >= end:  # 将会 is one marker, not 将 and then 会
            kept.append((start, status, rid))
            end = stop
    return kept


def classify_status(view_text: str, ruleset: RuleSet) -> tuple[str, str]:
    """(status, rule id) of a measure's main action, from the Simplified view of its text."""
    head_s, head_e = extract_headline(view_text, view_text, ruleset)
    if head_e <= head_s:
        return ("unknown", "status.default")
    verbs = [s for s, _e, _v, _r in find_cue_verbs(view_text, ruleset) if head_s <= s < head_e]
    verb_at = verbs[0] if verbs else head_s
    strong = _markers(view_text, ruleset, 2, head_s, head_e)
    before = [m for m in strong if m[0] < verb_at]
    if before:
        return (before[-1][1], before[-1][2])
    if strong:
        return (strong[0][1], strong[0][2])
    prefix = _markers(view_text, ruleset, 2, 0, head_s)
    if prefix:
        return (prefix[-1][1], prefix[-1][2])
    weak = _markers(view_text, ruleset, 1, head_s, head_e)
    if weak:
        return (weak[0][1], weak[0][2])
    return ("unknown", "status.default")


def status_given_deadline(status: str, rule_id: str, deadline_iso: str | None, deadline_rule: str,
                          doc_date: date | None, ruleset: RuleSet) -> tuple[str, str]:
    """(status, rule id) of a measure that has a deadline: ``planned`` by the deadline's rule when the deadline
    falls after the document's date and the status came from a weak hint (立即, 迅速) or from none; else as
    classified. Without the document's date nothing is known of the deadline's tense."""
    if doc_date is None or not deadline_iso or deadline_iso <= doc_date.isoformat():
        return status, rule_id
    if rule_id == "status.default" or _levels(ruleset).get(rule_id) == 1:
        return "planned", deadline_rule
    return status, rule_id
