"""Lists without ordinal markers: ；-separated clauses after a cue (措施为：A；B；C。), runs of lines ending in ；,
and parallel clauses of one sentence (给予…；给予…；给予…。). They become lists of the same shape as ordinal lists.
"""
from __future__ import annotations

import re

from ..ruleset import RuleSet
from .list_types import FoundList, ListItem
from .sentences import Span, SpanSet, paragraph_of, split_paragraphs, split_sentences

MIN_ITEM_CHARS = 4  # a shorter "item" means the separators were not a list's (1、2、3月)


SEMICOLONS = "；;"  # the marks that separate parallel clauses (here a series' items, in decide/measures.py measures)
_SEMI_RE = re.compile(f"[{SEMICOLONS}]")


def _make_list(scheme: str, rule: str, spans: list[Span], context: Span) -> FoundList:
    fl = FoundList(scheme, rule, [ListItem(None, s, e) for s, e in spans])
    for it in fl.items:
        it.owner = fl
    fl.context_span = context
    return fl


def _taken(lists: list[FoundList], start: int, end: int) -> bool:
    """Whether [start, end) overlaps an item of an ordinal list (leaf items only: sections may hold series)."""
    return any(it.start < end and start < it.end and not it.children for fl in lists for it in fl.items)


def find_semicolon_series(text: str, view: str, ruleset: RuleSet, lists: list[FoundList],
                          skip: list[Span] | None = None, paragraphs: list[Span] | None = None) -> list[FoundList]:
    """Lists without markers: ；-separated clauses after a cue (措施为：A；B；C。), lines ending in ；, and
    parallel clauses (给予…；给予…；给予…。)."""
    rules = {r.id: r for r in ruleset.regex("lists")}
    skipped = SpanSet(skip or [])
    paragraphs = paragraphs if paragraphs is not None else split_paragraphs(text)
    out: list[FoundList] = []

    # leaf items of the ordinal lists, merged once: a list of 20,000 items must not be scanned per clause
    in_lists = SpanSet((it.start, it.end) for fl in lists for it in fl.items if not it.children)

    def free(s: int, e: int) -> bool:
        return not in_lists.overlaps(s, e) and not _taken(out, s, e) and not skipped.covers(s)

    cue = rules.get("list.semicolon_cue")
    if cue is not None:
        for m in cue.pattern.finditer(view):
            start = m.end()
            if any(start <= fl.start < start + 6 for fl in lists):
                continue  # an ordinal list follows the cue: the chain is the list
            ps, pe = paragraph_of(paragraphs, start)
            items = _semicolon_items(view, start, pe)
            if len(items) >= 2 and free(items[0][0], items[-1][1]):
                out.append(_make_list("semicolon", cue.id, items, (max(ps, m.start() - 60), m.end())))
    if "list.semicolon_lines" in rules:
        for items, ctx in _semicolon_lines(view, paragraphs):
            if free(items[0][0], items[-1][1]):
                out.append(_make_list("lines", "list.semicolon_lines", items, ctx))
    if "list.parallel_series" in rules:
        for ps, pe in paragraphs:
            for ss, se in split_sentences(text, ps, pe):
                items = _parallel_items(view, ss, se)
                if items and free(items[0][0], items[-1][1]):
                    out.append(_make_list("parallel", "list.parallel_series", items, (ps, items[0][0])))
    return out


def _semicolon_items(view: str, start: int, end: int) -> list[Span]:
    stop = view.find("。", start, end)
    semis = [m.start() for m in _SEMI_RE.finditer(view, start, end)]
    if not semis:
        return []
    if stop != -1 and stop < semis[0]:
        return []  # the sentence after the cue ended before any ；
    if stop == -1 or stop < semis[-1]:
        last_end = view.find("。", semis[-1], end)
        last_end = end if last_end == -1 else last_end + 1
    else:
        last_end = stop + 1
    items, pos = [], start
    for p in semis:
        if p >= last_end:
            break
        items.append((pos, p + 1))
        pos = p + 1
    items.append((pos, last_end))
    return [(s, e) for s, e in items if e - s >= MIN_ITEM_CHARS]


def _semicolon_lines(view: str, paragraphs: list[Span]) -> list[tuple[list[Span], Span]]:
    """Runs of lines ending in ；, closed by a line ending in 。 (or by the last ；-line)."""
    runs = []
    i = 0
    while i < len(paragraphs):
        s, e = paragraphs[i]
        if view[e - 1] not in SEMICOLONS or _SEMI_RE.search(view, s, e - 1):
            i += 1
            continue
        j = i
        items = []
        while j < len(paragraphs):
            ps, pe = paragraphs[j]
            if _SEMI_RE.search(view, ps, pe - 1):
                break  # a line holding its own series is not one item
            items.append((ps, pe))
            j += 1
            if view[pe - 1] not in "；;":
                if view[pe - 1] not in "。！!":
                    items.pop()
                    j -= 1
                break
        if len(items) >= 2:
            ctx_start = paragraphs[i - 1][0] if i > 0 else s
            runs.append((items, (ctx_start, s)))
        i = max(j, i + 1)
    return runs


def _parallel_items(view: str, start: int, end: int) -> list[Span]:
    """Clauses of one sentence split at ；, when at least three open with the same two characters."""
    semis = [m.start() for m in _SEMI_RE.finditer(view, start, end)]
    if len(semis) < 2:
        return []
    bounds = [start, *[p + 1 for p in semis], end]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:]) if b - a >= MIN_ITEM_CHARS]
    # The first clause may carry the lead-in (经研究决定，给予…): its item starts where the shared opener does.
    openers = [view[a:a + 2] for a, _ in spans[1:]]
    if len(openers) < 2 or len(set(openers)) != 1:
        return []
    head = openers[0]
    first_at = view.find(head, spans[0][0], spans[0][1])
    if first_at == -1:
        return []
    return [(first_at, spans[0][1]), *spans[1:]]
