"""Find the phone and service numbers an organization offers the public for help or complaints.

All patterns and context words live in ``rules/hotlines.regex.jsonl``; each rule has a ``role``:

* ``number`` — a shape of number (``kind``: service | government | landline | mobile) and the context it
  needs (``context``: ``none`` = accepted alone, ``line`` = a line label or an offer nearby, ``point`` = the
  text must point readers to it, e.g. 可拨打 / 请致电 / 投诉电话：).
* ``context`` — positive words (``level`` line | point | call | point_after), matched ``before`` / ``after`` / ``both`` sides of
  the number (``scheme``). A ``point_after`` cue (拨打12345反映) counts as ``point`` only together with a
  ``call`` cue before the number. A ``kind`` on a context rule (``complaint``) overrides a service number's kind.
* ``context_reject`` — words that make the number someone else's (the publisher's 新闻热线, a reporter who
  called, a fax line). Publisher and narrative words reject anywhere in the window; ``fax`` only when it is
  the label nearest to the number.
* ``reject`` — distractor spans (dates, years, amounts, counts, IDs, QQ groups, URLs, e-mails, ICP, stock
  codes, postcodes); a number overlapping one is dropped.

``normalized`` keeps the grouping as written: digits only, and every run of other characters *between*
digits (space, -, full-width －, dash, 转, the parentheses around an area code) becomes one '-'. So
``400 610 1360`` -> ``400-610-1360``, ``4006101360`` stays, ``(0451)86201234`` -> ``0451-86201234``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..clean import CleanText
from ..records import Hotline
from ..ruleset import RegexRule, RuleSet
from ..structure import SpanSet

__all__ = ["find_hotlines", "hotline_candidates", "NumberCandidate", "normalize_number"]

# How far the context of a number reaches: a sentence boundary or this many characters.
BEFORE_CHARS = 30
AFTER_CHARS = 12
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CLAUSE_END = re.compile(r"[，,、。！？!?；;\n]")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NON_DIGITS = re.compile(r"\D+")


@dataclass
class _Candidate:
    start: int
    end: int
    rule: RegexRule


@dataclass
class _Cue:
    rule: RegexRule
    start: int  # offsets into the clean text
    end: int
    distance: int  # characters between the cue and the number


def normalize_number(number: str) -> str:
    """Digits of ``number`` with every run of non-digits between them turned into one '-'."""
    digits = number.translate(FULLWIDTH_DIGITS)
    return NON_DIGITS.sub("-", digits).strip("-")


def _by_role(rules: list[RegexRule], role: str) -> list[RegexRule]:
    return [r for r in rules if r.get("role") == role]


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _reject_spans(view: str, rules: list[RegexRule]) -> list[tuple[int, int]]:
    return [m.span() for r in rules for m in r.pattern.finditer(view)]


def _candidates(view: str, rules: list[RegexRule]) -> list[_Candidate]:
    """All number matches; where two overlap, the longer reading of the digits wins (then file order)."""
    found = [_Candidate(m.start(), m.end(), r) for i, r in enumerate(rules) for m in r.pattern.finditer(view)]
    order = {r.id: i for i, r in enumerate(rules)}
    found.sort(key=lambda c: (-(c.end - c.start), order[c.rule.id], c.start))
    kept: list[_Candidate] = []
    starts: list[int] = []  # of the kept, which never overlap one another: sorted by start, ends sorted too
    ends: list[int] = []
    for cand in found:
        k = bisect_left(starts, cand.start)
        if (k > 0 and ends[k - 1] > cand.start) or (k < len(starts) and starts[k] < cand.end):
            continue
        starts.insert(k, cand.start)
        ends.insert(k, cand.end)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _window_before(view: str, start: int) -> int:
    """Start of the context before ``start``: the sentence start, at most BEFORE_CHARS back."""
    lo = max(0, start - BEFORE_CHARS)
    ends = [m.end() for m in SENTENCE_END.finditer(view, lo, start)]
    return ends[-1] if ends else lo


def _window_after(view: str, end: int) -> int:
    hi = min(len(view), end + AFTER_CHARS)
    m = CLAUSE_END.search(view, end, hi)
    return m.start() if m else hi


def _cues(view: str, start: int, end: int, rules: list[RegexRule]) -> list[_Cue]:
    """Context rules matching before and after the number, with their distance to it."""
    lo, hi = _window_before(view, start), _window_after(view, end)
    before, after = view[lo:start], view[end:hi]
    cues: list[_Cue] = []
    for rule in rules:
        scheme = rule.get("scheme", "both")
        if scheme in ("before", "both"):
            for m in rule.pattern.finditer(before):
                cues.append(_Cue(rule, lo + m.start(), lo + m.end(), len(before) - m.end()))
        if scheme in ("after", "both"):
            for m in rule.pattern.finditer(after):
                cues.append(_Cue(rule, end + m.start(), end + m.end(), m.start()))
    return cues


def _nearest(cues: list[_Cue]) -> _Cue | None:
    return min(cues, key=lambda c: (c.distance, -(c.end - c.start), c.rule.get("kind") is None), default=None)


def _judge(cand: _Candidate, cues: list[_Cue], clean: CleanText) -> Hotline | None:
    """Accept or reject one candidate from the cues around it; build the Hotline if accepted."""
    rejects = [c for c in cues if c.rule.get("role") == "context_reject"]
    if any(c.rule.get("kind") in ("publisher", "narrative") for c in rejects):
        return None
    lines = [c for c in cues if c.rule.get("role") == "context" and c.rule.get("level") == "line"]
    points = [c for c in cues if c.rule.get("role") == "context" and c.rule.get("level") == "point"]
    # "...反映" after a number is an offer only if someone is told to call it ("拨打12345反映"), not "用户138...反映".
    if any(c.rule.get("level") == "call" for c in cues):
        points += [c for c in cues if c.rule.get("role") == "context" and c.rule.get("level") == "point_after"]
    fax = [c for c in rejects if c.rule.get("kind") == "fax"]
    label = _nearest(lines + fax)
    if label is not None and label.rule.get("kind") == "fax":
        return None
    need = cand.rule.get("context", "none")
    if need == "point" and not points:
        return None
    if need == "line" and not (lines or points):
        return None
    kind = cand.rule.get("kind", "service")
    if label is not None and kind == "service" and label.rule.get("kind"):
        kind = label.rule.get("kind")
    shown = label or _nearest([c for c in points if c.end <= cand.start]) or _nearest(points)
    context = clean.text[shown.start:shown.end] if shown else ""
    number = clean.text[cand.start:cand.end]
    return Hotline(number, normalize_number(number), kind, cand.start, cand.end, context, cand.rule.id)


@dataclass
class NumberCandidate:
    """A phone-like number with everything the rules said about it: the shape rule, the context rules around it
    (``cues``: rule ids), whether a distractor covers it or it sits in boilerplate, and the rules' verdict
    (``hotline``: the accepted Hotline, or None)."""

    start: int
    end: int
    number: str
    shape: str
    cues: tuple[str, ...]
    blocked: bool
    in_skip: bool
    hotline: Hotline | None
    publisher: bool = False  # a context names it the publisher's own line (本报, 新闻热线, 报料)
    offered: bool = False  # words around it offer it (拨打, 热线：, 如有疑问…), or its shape alone does (400…)


def hotline_candidates(clean: CleanText, ruleset: RuleSet,
                       skip: list[tuple[int, int]] | None = None) -> list[NumberCandidate]:
    """Every number a shape rule matches, in text order, with the rules' evidence and verdict."""
    rules = ruleset.regex("hotlines")
    view = clean.view
    numbers = _candidates(view, _by_role(rules, "number"))
    if not numbers:
        return []  # most pages: no need to look for what would block a number
    blocked = SpanSet(_reject_spans(view, _by_role(rules, "reject")))
    skipped = SpanSet(skip or [])
    context_rules = _by_role(rules, "context") + _by_role(rules, "context_reject")
    out = []
    for cand in numbers:
        cues = _cues(view, cand.start, cand.end, context_rules)
        is_blocked = blocked.overlaps(cand.start, cand.end)
        in_skip = skipped.overlaps(cand.start, cand.end)
        verdict = None if is_blocked or in_skip else _judge(cand, cues, clean)
        publisher = any(c.rule.get("role") == "context_reject" and c.rule.get("kind") == "publisher" for c in cues)
        offered = verdict is not None or any(c.rule.get("role") == "context" for c in cues)
        out.append(NumberCandidate(cand.start, cand.end, clean.text[cand.start:cand.end], cand.rule.id,
                                   tuple(sorted({c.rule.id for c in cues})), is_blocked, in_skip, verdict, publisher,
                                   offered))
    return out


def find_hotlines(clean: CleanText, ruleset: RuleSet, spans: list[tuple[int, int]] | None = None,
                  skip: list[tuple[int, int]] | None = None) -> list[Hotline]:
    """Hotlines offered to the public in ``clean``, sorted by start and de-duplicated by offsets.

    ``spans`` restricts the search to these ranges of the clean text (None = whole text); numbers inside
    ``skip`` (page boilerplate such as site footers) are ignored. Context is read around each number even
    when it falls outside ``spans``.
    """
    return [c.hotline for c in hotline_candidates(clean, ruleset, skip) if c.hotline is not None
            and (spans is None or _inside(c.start, c.end, spans))]
