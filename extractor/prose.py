"""Measures stated in prose: sentences outside lists in which the organization takes a concrete action.

A sentence qualifies when a cue verb of a concrete action (rules/cues.patterns.jsonl) stands in it, not negated,
not inside a vow, not in a third party's mouth (rules/prose.regex.jsonl), and — when a word segmenter is
available — on word boundaries (排查 must not be read out of 安排查看). The measure text drops the leading
clauses that only frame the sentence (中国联通表示，/ 5月7日，/ 公司高度重视，) and ends where a new
``对…`` target starts after the action, so one measure is one action group.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .categorize import find_cue_verbs, has_concrete_action, is_generic_vow
from .ruleset import RuleSet
from .sentences import Span, split_clauses

Segmenter = Callable[[str], list[tuple[int, int]]]
_AIM_OPENERS = {"努力", "全力", "切实", "确保", "力争", "旨在", "以便", "以期", "为了", "从而"}


@dataclass
class ProseMeasure:
    start: int
    end: int
    rule: str  # the cue rule that made it a measure


def _rule(ruleset: RuleSet, rid: str):
    for r in ruleset.regex("prose"):
        if r.id == rid:
            return r.pattern
    return None


def _rejected(view: str, s: int, e: int, ruleset: RuleSet) -> str:
    """Id of the reject rule that fires on view[s:e] (the action and its frame), or ""."""
    sentence = view[s:e]
    for r in ruleset.regex("prose"):
        if r.id in ("prose.reject_third_party", "prose.reject_regulator_order", "prose.reject_question",
                    "prose.reject_hypothetical_other") and r.pattern.search(sentence):
            return r.id
    return ""


def _aligned(cue: tuple[int, int], tokens: list[tuple[int, int]]) -> bool:
    starts = {a for a, _ in tokens}
    ends = {b for _, b in tokens}
    return cue[0] in starts and cue[1] in ends or any(a <= cue[0] and cue[1] <= b for a, b in tokens)


def _action_span(view: str, s: int, e: int, ruleset: RuleSet, segment: Segmenter | None) -> tuple[int, int, str] | None:
    clauses = split_clauses(view, s, e)
    frame = _rule(ruleset, "prose.frame_clause")
    negation = _rule(ruleset, "prose.reject_negation")
    cause = _rule(ruleset, "prose.cause_clause")
    itself = _rule(ruleset, "prose.statement_itself")
    tokens = segment(view[s:e]) if segment else None
    first = None
    rule = ""
    for i, (cs, ce) in enumerate(clauses):
        body = view[cs:ce].rstrip("，,；;：:。！!")
        if frame is not None and frame.search(body):
            continue
        if (cause is not None and cause.search(body)) or (itself is not None and itself.search(body)):
            continue
        ok, rid = has_concrete_action(body, ruleset)
        if not ok:
            continue
        cues = find_cue_verbs(body, ruleset)
        if negation is not None and cues and all(negation.search(body[:c[0]]) for c in cues):
            continue
        if tokens is not None and cues and not any(
                _aligned((cs - s + c[0], cs - s + c[1]), tokens) for c in cues):
            continue
        first, rule = i, rid
        break
    if first is None:
        return None
    start = clauses[first][0]
    # A clause "对X" right before the action clause is its object (对系统…每一个流程，重新进行梳理完善).
    if first > 0 and view[clauses[first - 1][0]] == "对" and not has_concrete_action(
            view[clauses[first - 1][0]:clauses[first - 1][1]], ruleset)[0]:
        start = clauses[first - 1][0]
    end = e
    kept = [c for c in clauses if c[0] >= start]
    for cs, ce in kept[1:]:
        if view[cs] == "对" and view[start] != "对":
            end = cs
            break
    # Trailing clauses that only vow or aim (持续改进服务，努力为用户提供满意服务) are not part of the action.
    tail = [c for c in kept if c[1] <= end]
    while len(tail) > 1 and (is_generic_vow(view[tail[-1][0]:tail[-1][1]], ruleset) or
                             not has_concrete_action(view[tail[-1][0]:tail[-1][1]], ruleset)[0] and
                             view[tail[-1][0]:tail[-1][0] + 2] in _AIM_OPENERS):
        end = tail[-2][1]
        tail.pop()
    while end > start and view[end - 1] in "，,；;：: ":
        end -= 1
    # The frame clause right before the action (记者了解到，/ 中国移动方面表示，) says whose words these are.
    speech = _rule(ruleset, "prose.speech_frame")
    frame_start = start
    if first > 0 and speech is not None and speech.search(view[clauses[first - 1][0]:clauses[first - 1][1]].rstrip("，,")):
        frame_start = clauses[first - 1][0]
    if _rejected(view, frame_start, end, ruleset):
        return None
    return start, end, rule


def _overlaps_listed(view: str, s: int, e: int, listed: list[Span]) -> bool:
    """A prose sentence that restates a listed measure (并称已进行回退处理) is a summary, not a new measure."""
    grams = {view[i:i + 2] for i in range(s, e - 1)}
    grams = {g for g in grams if not any(ch in "，,。；;：:、 " for ch in g)}
    if not grams:
        return True
    for ls, le in listed:
        if s >= ls and e <= le:
            return True
        other = {view[i:i + 2] for i in range(ls, le - 1)}
        if len(grams & other) / len(grams) >= 0.6:
            return True
    return False


class _Attribution:
    """Whose action a sentence states: the organization's (named, self-referring, or speaking in this
    paragraph) or someone else's. News reports mix the organization's response with everybody else's doings."""

    def __init__(self, ruleset: RuleSet, org_names: list[str]):
        self.self_ref = _rule(ruleset, "prose.self_reference")
        self.org = _rule(ruleset, "prose.org_subject")
        self.other = _rule(ruleset, "prose.other_subject")
        self.demand = _rule(ruleset, "prose.demand_before_cue")
        self.speech = _rule(ruleset, "prose.org_speech")
        self.names = [n for n in org_names if n and len(n) >= 2]

    def names_org(self, text: str) -> bool:
        if any(n in text for n in self.names):
            return True
        return bool((self.self_ref and self.self_ref.search(text)) or (self.org and self.org.search(text)))

    def org_speaks(self, sentence: str) -> bool:
        if self.speech is None:
            return False
        for m in self.speech.finditer(sentence):
            if self.names_org(sentence[max(0, m.start() - 24):m.start()]):
                return True
        return False

    def judge(self, view: str, s: int, a: int, cue_at: int, in_context: bool) -> str:
        """"org", "other" or "" (unknown) for the action starting at ``a`` whose cue is at ``cue_at``."""
        lead = view[a:cue_at]
        if self.demand is not None and self.demand.search(lead):
            return "other"
        if self.other is not None and self.other.search(lead):
            return "other"
        if self.names_org(view[s:cue_at]):
            return "org"
        return "org" if in_context else ""


def find_prose_measures(text: str, view: str, sentences: list[Span], ruleset: RuleSet,
                        listed: list[Span], segment: Segmenter | None = None,
                        org_names: list[str] | None = None, assume_org: bool = False) -> list[ProseMeasure]:
    """Prose measures among ``sentences`` (already restricted to text outside list items and boilerplate).

    ``org_names`` are the names of the responding organization (Simplified); with them, a sentence counts only
    when the organization is its subject or speaks in the paragraph before it. ``assume_org``: the sentences
    are the organization's own words (items of a list in its statement) unless they name someone else.
    """
    attribution = _Attribution(ruleset, org_names or [])
    out = []
    context = False
    last_para = -1
    for s, e in sentences:
        para = view.rfind("\n", 0, s)
        if para != last_para:
            context, last_para = assume_org, para
        if any(ls < e and s < le for ls, le in listed):
            context = True
        sentence = view[s:e]
        speaks = attribution.org_speaks(sentence)
        if sentence.rstrip().endswith(("：", ":")):
            context = context or speaks
            continue  # a list intro
        if not sentence.rstrip().endswith(("。", "！", "!", "；", ";", "”", "」", ")", "）")) and e - s < 40:
            continue  # a headline or caption, not a sentence of the statement
        if is_generic_vow(sentence, ruleset):
            context = context or speaks
            continue
        span = _action_span(view, s, e, ruleset, segment)
        if span is None:
            context = context or speaks
            continue
        a, b, rule = span
        cues = find_cue_verbs(view[a:b], ruleset)
        cue_at = a + (cues[0][0] if cues else 0)
        who = attribution.judge(view, s, a, cue_at, context)
        context = (context or speaks or who == "org") and who != "other"
        if who != "org":
            continue
        if b - a < 4 or _overlaps_listed(view, a, b, listed):
            continue
        out.append(ProseMeasure(a, b, rule))
    return out
