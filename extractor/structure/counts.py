"""The number of measures a statement announces (推出五项措施, 以下三点) and which list it refers to."""
from __future__ import annotations

from dataclasses import dataclass

from ..ruleset import RuleSet
from .list_types import FoundList
from .numerals import parse_numeral
from .sentences import Span, SpanSet

_MEASURE_KINDS = {"measures", "accountability", "unknown", "facts"}


@dataclass
class StatedCount:
    value: int
    text: str
    start: int
    end: int
    rule: str
    list_id: int | None  # index into the lists it was read for, None when it names no particular list


def _counts(view: str, ruleset: RuleSet, start: int, end: int, skip: list[Span]) -> list[StatedCount]:
    out = []
    skipped = SpanSet(skip)
    for rule in ruleset.regex("lists"):
        if not rule.id.startswith("count."):
            continue
        for m in rule.pattern.finditer(view, start, end):
            if skipped.covers(m.start()):
                continue
            raw = next((v for v in m.groupdict().values() if v), None)
            value = parse_numeral(raw or "")
            if value and 1 < value <= 30:
                out.append(StatedCount(value, view[m.start():m.end()], m.start(), m.end(), rule.id, None))
    return sorted(out, key=lambda c: c.start)


def find_stated_count(view: str, lists: list[FoundList], ruleset: RuleSet,
                      skip: list[Span] | None = None) -> StatedCount | None:
    """The announced count of the measure list: read in a list's intro or heading first, else anywhere."""
    skip = skip or []
    for list_id, fl in enumerate(lists):
        if fl.kind not in _MEASURE_KINDS:
            continue
        spans = [fl.context_span]
        item = fl.parent
        while item is not None:
            spans.append((item.start, item.start + len(item.heading)))
            item = item.owner.parent if item.owner is not None else None
        for s, e in spans:
            found = _counts(view, ruleset, s, e, skip)
            if found:
                found[-1].list_id = list_id
                return found[-1]
    found = _counts(view, ruleset, 0, len(view), skip)
    return found[0] if found else None
