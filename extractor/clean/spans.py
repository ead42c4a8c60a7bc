"""Spans downstream should skip but that stay in the text: site boilerplate lines and repeated paragraphs.

Deleting them would hide what the page said and shift offsets for no gain; instead each becomes a
``(start, end, reason)`` span on the clean text. Boilerplate rules are data (rules/noise.regex.jsonl, kind
``boilerplate``; ``level`` = the longest line, in characters, the rule may mark; 0 = any length; ``group: tail``
= the span runs from the matched line to the end of the page, for comment sections).
"""
from __future__ import annotations

import re

from ..ruleset import RegexRule

__all__ = ["find_boilerplate", "find_duplicates", "line_spans"]

MIN_DUPLICATE = 50  # characters (without spaces) a paragraph needs before its repetition counts: shorter
# lines (给予警告；, a sanction repeated for a second hospital) legitimately recur in one statement
_SPACE = re.compile(r"\s+")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, newline excluded."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_boilerplate(view: str, rules: list[RegexRule]) -> list[tuple[int, int, str]]:
    """Whole lines matched by a boilerplate rule (matched on the view), reason ``boilerplate:<rule id>``."""
    out: dict[int, tuple[int, int, str]] = {}
    for rule in rules:
        limit = int(rule.get("level", 0) or 0)
        line_end = -1
        for m in rule.pattern.finditer(view):
            if m.start() <= line_end:
                continue  # one verdict per line; also keeps a line with thousands of matches linear
            start = view.rfind("\n", 0, m.start()) + 1
            end = view.find("\n", m.start())
            end = len(view) if end < 0 else end
            line_end = end
            if start in out or (limit and end - start > limit):
                continue
            if rule.get("group") == "tail":
                end = len(view)  # a comments / related-reading section runs to the end of the page
            out[start] = (start, end, f"boilerplate:{rule.id}")
    return sorted(out.values())


def find_duplicates(view: str) -> list[tuple[int, int, str]]:
    """Lines repeating an earlier line verbatim (spaces ignored), reason ``duplicate``; the first copy stays."""
    seen: set[str] = set()
    out = []
    for start, end in line_spans(view):
        key = _SPACE.sub("", view[start:end])
        if len(key) < MIN_DUPLICATE:
            continue
        if key in seen:
            out.append((start, end, "duplicate"))
        else:
            seen.add(key)
    return out
