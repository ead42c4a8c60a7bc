"""Clause units: the pieces of text a measure or finding is made of, in document order.

Every paragraph is cut into sentences and every sentence into clauses (at ，；： — structure/sentences.py), and
a clause is cut again where an ordinal marker of a found list starts, so that ``1.…2.…7.`` run together on one
line still gives one unit per item, and after a speaker's reporting verb that runs straight into what was said
(滴滴官方称|经技术团队连夜修复…: rule units.speech_cut). A unit that starts at a marker begins after it (the gold
texts, like the output, leave the marker out). A unit that is a speaker's reporting frame (the cut-off 滴滴官方称,
or a whole clause 运营方表示，: units.speech_lead) is marked ``frame``: annotators leave whose words these are out
of a measure, and no prose measure starts there. A unit telling how the action before it was received
(，得到了当事人的谅解: units.result_tail) is marked ``outcome``: no measure of several clauses ends there. A unit
that turns to a contrast (，但…: units.contrast_lead) is marked ``turn``: no measure starts there or takes it in
after its first clause. A unit that leans on the one before it (，而…: units.bound_lead) is marked ``bound``: no
measure starts there. A unit that gives the cause of what went before (，由于…: units.cause_lead) is marked
``cause``: no measure takes it in after its first clause. A unit that comments on what went before (，这…:
units.comment_lead) is marked ``comment``: no measure starts there or takes it in. A measure is then a run of
consecutive units (:func:`unit_runs` proposes them), which is what the decision layer picks (decide/measures.py):
candidate recall is whatever a run of units can match.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from ..structure import FoundList, Span, split_clauses, split_sentences
from ..structure.list_types import ListItem
from ..structure.sentences import split_paragraphs


@dataclass
class Unit:
    """One clause. ``item``/``owner``: the innermost list item holding it and that item's list."""

    start: int
    end: int
    para: int            # paragraph number
    sent: int            # sentence number, counted over the document
    clause: int          # clause number within its sentence
    n_clauses: int       # clauses in its sentence
    marker: ListItem | None = None    # the item whose marker this unit follows directly
    item: ListItem | None = None
    owner: FoundList | None = None
    skip: bool = False   # inside boilerplate or a repeated paragraph
    frame: bool = False  # a speaker and reporting verb cut off what was said (滴滴官方称|…): no measure starts here
    outcome: bool = False  # how the action before it was received (，得到了当事人的谅解): no measure ends here
    turn: bool = False   # opens with a contrast (，但…): no measure starts here or takes it in after its first clause
    bound: bool = False  # opens with 而 (，而且…): leans on the clause before it; no measure starts here
    cause: bool = False  # gives the cause of what went before (，由于…): no measure takes it in after its first clause
    comment: bool = False  # comments on what went before (，这…): no measure starts here or takes it in


def _walk(lists: list[FoundList]):
    for fl in lists:
        for it in fl.items:
            yield fl, it


def find_units(text: str, lists: list[FoundList], skip: list[Span], view: str | None = None,
               speech_cut: re.Pattern | None = None, speech_lead: re.Pattern | None = None,
               outcome: re.Pattern | None = None, turn: re.Pattern | None = None,
               bound: re.Pattern | None = None, cause: re.Pattern | None = None,
               comment: re.Pattern | None = None) -> list[Unit]:
    """All clause units of the text, in order, with the list item that holds each one. In ``view`` (the text's
    matching view): ``speech_cut``, matched at a clause's start, ends a frame unit of its own; a clause that
    ``speech_lead`` finds is a frame unit whole; one that ``outcome`` matches at its start is an outcome unit, one
    that ``turn`` matches at its start a turn; likewise ``bound``, ``cause`` and ``comment`` mark their units."""
    items = list(_walk(lists))
    by_marker = {it.marker.start: (fl, it) for fl, it in items if it.marker is not None}
    cuts = sorted(by_marker)
    # Innermost item at a position, by a sweep over the items in start order (units come in text order): the
    # open items form a stack, nested ones on top.
    spans = sorted(((it.start, it.end, fl, it) for fl, it in items), key=lambda t: (t[0], -t[1]))
    stack: list[tuple[int, int, FoundList, ListItem]] = []
    nxt = 0

    def holder(pos: int):
        nonlocal nxt
        while nxt < len(spans) and spans[nxt][0] <= pos:
            stack.append(spans[nxt])
            nxt += 1
        while stack and stack[-1][1] <= pos:
            stack.pop()
        for s, e, fl, it in reversed(stack):
            if s <= pos < e:
                return fl, it
        return None, None

    skip_sorted = sorted(skip)
    skip_starts = [a for a, _ in skip_sorted]

    def skipped(pos: int) -> bool:
        i = bisect_right(skip_starts, pos) - 1
        return i >= 0 and pos < skip_sorted[i][1]

    units: list[Unit] = []
    sent_no = 0
    for para_no, (ps, pe) in enumerate(split_paragraphs(text)):
        for ss, se in split_sentences(text, ps, pe):
            pieces: list[Span] = []
            frames: set[int] = set()
            for a, b in split_clauses(text, ss, se):
                lo = bisect_right(cuts, a)
                hi = bisect_right(cuts, b - 1)
                points = [a, *cuts[lo:hi], b]
                if view is not None:
                    m = speech_cut.match(view, a, b) if speech_cut is not None else None
                    if m is not None and a < m.end() < b and m.end() not in points:
                        points = sorted([*points, m.end()])
                        frames.add(a)
                    elif speech_lead is not None and speech_lead.search(view, a, b):
                        frames.add(a)
                pieces.extend((x, y) for x, y in zip(points, points[1:]) if y > x)
            made = []
            for a, b in pieces:
                marked = by_marker.get(a)
                start = a
                if marked is not None:
                    start = max(a, marked[1].marker.end)
                while start < b and text[start] in " \t\u3000":
                    start += 1
                if start >= b:
                    continue
                fl, it = holder(start)
                made.append(Unit(start, b, para_no, sent_no, 0, 0, marked[1] if marked else None, it, fl,
                                 skipped(start), a in frames, _starts_with(outcome, view, start, b),
                                 _starts_with(turn, view, start, b), _starts_with(bound, view, start, b),
                                 _starts_with(cause, view, start, b), _starts_with(comment, view, start, b)))
            for k, u in enumerate(made):
                u.clause, u.n_clauses = k, len(made)
            units.extend(made)
            sent_no += 1
    return units


def _starts_with(pattern: re.Pattern | None, view: str | None, start: int, end: int) -> bool:
    return pattern is not None and view is not None and pattern.match(view, start, end) is not None


def unit_runs(units: list[Unit], usable: Callable[[int], bool], max_units: int) -> list[tuple[int, int]]:
    """Every run ``(first, last)`` of at most ``max_units`` consecutive usable units inside one sentence: the
    candidate prose measures. A measure is a clause, a few clauses or a whole sentence; where it starts and
    stops is what the span decision weighs (a condition before the action, a purpose after it)."""
    by_sent: dict[int, list[int]] = {}
    for k, u in enumerate(units):
        by_sent.setdefault(u.sent, []).append(k)
    out: list[tuple[int, int]] = []
    for idx in by_sent.values():
        for a in range(len(idx)):
            if not usable(idx[a]):
                continue
            for b in range(a, min(a + max_units, len(idx))):
                if not usable(idx[b]):
                    break
                out.append((idx[a], idx[b]))
    return out
