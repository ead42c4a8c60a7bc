"""The document's own date, read off its text when its metadata gives none.

Most saved pages are plain text without metadata (89 of dev2's 100), yet a notice dates itself under its
signature (某某公司 / 2024年3月12日, or 二〇二四年三月十二日) and a news page prints its publication date in a short
line of its head (2024-11-24 18:14 来源：…, admin 2022-8-31 12:02). The date orders an organization's statements
(the organizations table and the report), and gives a year to the month-and-day dates of deadlines and timelines.

Rules in ``rules/timeline.regex.jsonl``: ``kind: signed_date`` (a line holding only a date) and ``kind:
byline_date``, named groups ``y``, ``m``, ``d`` in Arabic or Chinese numerals. The signature wins over the byline:
a page reprinting a notice was published after the notice was signed, and the notice is the statement.
"""
from __future__ import annotations

from datetime import date
from typing import Sequence

from ..clean import CleanText
from ..structure import SpanSet
from .deadlines import year_of

__all__ = ["find_document_date"]

HEAD_LINES = 8  # the page's first non-empty lines, where its byline is
MAX_BYLINE = 80  # longest line read as a byline: a longer one is prose that happens to start with a date
MAX_SIGNATURE = 30  # longest line read as the signature above a date line
SIGNATURE_LINES = 8  # the page's last own lines, where a notice signs and dates itself
_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(text: str) -> int:
    """12, 十二, 二十一 or a year written digit by digit (二〇二四) -> int; -1 when it is none of them."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN.get(tens, 1) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    digits = [_CN.get(ch, -1) for ch in text]
    return -1 if -1 in digits else int("".join(map(str, digits)))


def _iso(groups: dict) -> str | None:
    try:
        return date(year_of(_number(groups["y"])), _number(groups["m"]), _number(groups["d"])).isoformat()
    except (KeyError, TypeError, ValueError):
        return None


def _lines(view: str, skip: SpanSet) -> list[tuple[int, int]]:
    """(start, end) of the page's own non-empty lines: the site's boilerplate (skip spans) left out."""
    out, pos = [], 0
    for line in view.split("\n"):
        end = pos + len(line)
        if line.strip() and not skip.overlaps(pos, max(end, pos + 1)):
            out.append((pos, end))
        pos = end + 1
    return out


def find_document_date(clean: CleanText, rules, skip: Sequence[tuple[int, int]] = ()) -> tuple[str, str] | None:
    """``(ISO date, rule id)`` of the document's own date: the last date line under a short signature line, else
    the first date of a byline (a short line of the page's head that is the date alone or says what the date is:
    ``kind: byline_cue``); None when the text dates itself nowhere."""
    view = clean.view
    lines = _lines(view, SpanSet(skip))
    signed = [r for r in rules if r.get("kind") == "signed_date"]
    tail = lines[-SIGNATURE_LINES - 1:]
    for (ps, pe), (s, e) in reversed(list(zip(tail, tail[1:]))):
        if pe - ps > MAX_SIGNATURE:
            continue
        for rule in signed:
            m = rule.pattern.fullmatch(view, s, e)
            if m is not None and (iso := _iso(m.groupdict())):
                return iso, rule.id
    byline = [r for r in rules if r.get("kind") == "byline_date"]
    cues = [r for r in rules if r.get("kind") == "byline_cue"]
    for s, e in lines[:HEAD_LINES]:
        if e - s > MAX_BYLINE:
            continue
        found = [(m.start(), m.end(), iso, rule.id) for rule in byline for m in [rule.pattern.search(view, s, e)]
                 if m is not None and (iso := _iso(m.groupdict()))]
        if not found:
            continue
        start, end, iso, rid = min(found)
        alone = not view[s:start].strip() and not view[end:e].strip()
        if alone or any(r.pattern.search(view, s, e) for r in cues):
            return iso, rid
    return None
