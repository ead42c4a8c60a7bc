"""Paragraphs, sentences and clauses of a clean text, as character spans.

Characters decide these boundaries, not tokens: Chinese punctuation is reliable and this runs on every
document, so it must cost no more than a regex pass.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, Iterator

Span = tuple[int, int]

_PARA_RE = re.compile(r"[^\n]+")
# A sentence ends at 。！？!? (plus any closing quotes/brackets right after) or at a line end.
_SENT_RE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|$)", re.M)
_SHORT_QUOTE_RE = re.compile(r"“[^“”\n]{1,16}”|「[^「」\n]{1,16}」")
# A colon between digits is a time (00:00, 21：22), not a clause boundary.
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;]|(?<!\d)[:：]|[:：](?!\d)")
_TRIM = " \t\u3000"


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def split_paragraphs(text: str) -> list[Span]:
    """Non-empty lines of the text, trimmed."""
    out = []
    for m in _PARA_RE.finditer(text):
        s, e = _trim(text, m.start(), m.end())
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of text[start:end], trimmed, each ending with its terminator when it has one."""
    end = len(text) if end is None else end
    out = []
    for m in _SENT_RE.finditer(text, start, end):
        if m.end() == m.start():
            continue
        s, e = _trim(text, m.start(), m.end())
        if e > s:
            out.append((s, e))
    return out


def split_clauses(text: str, start: int, end: int) -> list[Span]:
    """Clauses of a sentence, split at ，；： (the separator stays with the clause before it; a colon between
    digits is a time and splits nothing)."""
    out = []
    pos = start
    # A short quotation is one slogan or title (未能将“人民至上，生命至上”贯彻落实): its commas split nothing.
    slogans = [m.span() for m in _SHORT_QUOTE_RE.finditer(text, start, end)]
    for m in _CLAUSE_SPLIT_RE.finditer(text, start, end):
        if any(a < m.start() < b for a, b in slogans):
            continue
        out.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [c for c in (_trim(text, s, e) for s, e in out) if c[1] > c[0]]


def iter_sentences(text: str, skip: list[Span] | None = None) -> Iterator[Span]:
    """All sentences of the text, paragraph by paragraph, leaving out those inside ``skip`` spans."""
    # Merged and sorted, the skip spans answer "inside one?" by binary search: a page of thousands of link lines
    # has thousands of skip spans and sentences, and a scan per sentence would be quadratic.
    merged: list[list[int]] = []
    for a, b in sorted(skip or []):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    for ps, pe in split_paragraphs(text):
        for s, e in split_sentences(text, ps, pe):
            k = bisect_right(starts, s) - 1
            if k < 0 or e > merged[k][1]:
                yield s, e


def paragraph_of(paragraphs: list[Span], pos: int) -> Span:
    """The paragraph span containing position ``pos`` (binary search over sorted spans)."""
    lo, hi = 0, len(paragraphs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = paragraphs[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return s, e
    return pos, pos


class SpanSet:
    """Sorted, merged spans answering "does [s, e) touch any of them?" in log time (a document can hold
    thousands of list items; a linear scan per sentence is quadratic)."""

    def __init__(self, spans: Iterable[Span]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start

    def covers(self, pos: int) -> bool:
        """Is ``pos`` inside one of the spans?"""
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
