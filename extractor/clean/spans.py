"""Spans downstream should skip but that stay in the text: site boilerplate lines and repeated paragraphs.

Deleting them would hide what the page said and shift offsets for no gain; instead each becomes a
``(start, end, reason)`` span on the clean text. Boilerplate rules are data (rules/noise.regex.jsonl, kind
``boilerplate``; ``level`` = the longest line, in characters, the rule may mark; 0 = any length; ``group: tail``
= the span runs from the matched line to the end of the page, for comment sections; ``group: list`` = a bare
heading takes the short title lines listed under it, for related-article lists; ``group: footer`` = a site's
footer line runs to the end of the page when no sentence follows it).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..probe import absent
from ..ruleset import RegexRule

__all__ = ["find_boilerplate", "find_duplicates", "line_spans", "outermost"]

MIN_DUPLICATE = 50  # characters (without spaces) a paragraph needs before its repetition counts: shorter
# lines (给予警告；, a sanction repeated for a second hospital) legitimately recur in one statement
# A run of short lines counts when it repeats an earlier run line for line and is this long: a page that prints its
# article twice (a summary block, a print or mobile copy) repeats its list items too, while the sanctions a
# statement repeats for a second party are two or three lines (none of the 152 gold pages holds such a run).
MIN_BLOCK_LINES = 4
MIN_BLOCK_CHARS = 2 * MIN_DUPLICATE
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
    tails: set[int] = set()
    found = _SENTENCE_STOP.search(view)
    first_sentence_end = found.start() if found else len(view)
    footers: list[int] = []
    for rule in rules:
        if absent(rule.pattern, view):  # most pages have none of most rules' lines
            continue
        limit = int(rule.get("level", 0) or 0)
        line_end = -1
        for m in rule.pattern.finditer(view):
            if m.start() <= line_end:
                continue  # one verdict per line; also keeps a line with thousands of matches linear
            start = view.rfind("\n", 0, m.start()) + 1
            end = view.find("\n", m.start())
            end = len(view) if end < 0 else end
            line_end = end
            tail = rule.get("group") == "tail"
            # A comments heading that another rule marks as one line (网友评论 also heads related lists) opens
            # the comments section all the same: a tail verdict replaces a line's other verdict.
            if (start in out and (not tail or start in tails)) or (limit and end - start > limit):
                continue
            if tail:
                tails.add(start)
                end = len(view)  # a comments section runs to the end of the page
            elif (rule.get("group") == "list" and len(view[start:end].strip(" \t:：")) <= MAX_LIST_HEADER
                  and first_sentence_end < start):
                # Only after the article has begun: at the top of a page the short lines under 猜你喜欢 may be
                # the page's own title and bylines.
                end = _list_end(view, end)
            elif rule.get("group") == "footer" and first_sentence_end < start:
                footers.append(start)
            out[start] = (start, end, f"boilerplate:{rule.id}")
    if footers:
        # A site's footer (主办：… 承办：…) runs to the end of the page, its contact numbers and address included,
        # when none of the page's own sentences follows it (the sentences of readers' comments below it do not
        # count: they are marked already).
        own_end = _last_own_sentence_end(view, outermost(list(out.values())))
        for start in footers:
            s, e, why = out[start]
            if own_end < e:
                out[start] = (s, len(view), why)
    return outermost(list(out.values()))


def _last_own_sentence_end(view: str, spans: list[tuple[int, int, str]]) -> int:
    """Where the last sentence stop outside the marked spans (sorted, not nesting) is (-1 for none)."""
    starts = [s for s, _e, _why in spans]
    pos = len(view)
    while True:
        pos = max(view.rfind(stop, 0, pos) for stop in _SENTENCE_STOPS)
        if pos < 0:
            return -1
        i = bisect_right(starts, pos) - 1
        if i < 0 or spans[i][1] <= pos:
            return pos
        pos = spans[i][0]  # inside a marked span: look before it


MAX_LIST_HEADER = 8   # a bare heading (相关阅读：, 猜你喜欢) opens a list; 上一篇：<a title> is one line on its own
MAX_ENTRY = 50        # the longest line read as another page's headline
MAX_TEASER = 200      # ... or as the opening of another page's article, cut off with an ellipsis (…, ...)
_TEASER_END = ("…", "...")
MAX_ENTRIES = 30      # a list stops here even when more short lines follow (a table, a poem of the article)
_NOT_A_HEADLINE = ("。", "；", ";", "：", ":")  # line endings of sentences, not of titles (which may end in ！ or ？)
_SENTENCE_STOPS = "。！？!?"
_SENTENCE_STOP = re.compile(f"[{_SENTENCE_STOPS}]")
_ORDINAL_START = re.compile(r"[（(]?[一二三四五六七八九十\d]{1,3}(?:[、)）]|[.．](?!\d))|第[一二三四五六七八九十]+[章节条部分]")


def _list_end(view: str, end: int) -> int:
    """Where the headlines listed under a related-articles heading end: the short lines that read as titles
    (no sentence ending, no ordinal of the article's own sections) and the teasers under them (the opening of the
    other article, cut off with an ellipsis: 是许多网友关注的话题,毕竟在繁忙的生活...), blank lines between them
    included. The article's next paragraph, a sentence or a numbered heading, ends the list."""
    last, pos, entries = end, end, 0
    while pos < len(view) and entries < MAX_ENTRIES:
        nxt = view.find("\n", pos + 1)
        nxt = len(view) if nxt < 0 else nxt
        line = view[pos + 1:nxt].strip()
        if line:
            teaser = len(line) <= MAX_TEASER and line.endswith(_TEASER_END)
            if (len(line) > MAX_ENTRY and not teaser) or line.endswith(_NOT_A_HEADLINE) or _ORDINAL_START.match(line):
                break
            last, entries = nxt, entries + 1
        pos = nxt
    return last


def outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans without those inside an earlier one (a share line inside a related list, a copyright line inside a
    comments section), sorted; of two with the same bounds the first given stays. Lookups that take the last span
    starting before a position (units, sentences) need spans that do not nest."""
    out: list[tuple[int, int, str]] = []
    reach = -1
    for s, e, why in sorted(spans, key=lambda t: (t[0], -t[1])):
        if e <= reach:
            continue
        if s < reach:
            s = reach  # a span running on past an earlier one keeps only its own part
        out.append((s, e, why))
        reach = e
    return out


def find_duplicates(view: str) -> list[tuple[int, int, str]]:
    """Repeated text, reason ``duplicate``; the first copy stays. A line repeats when it is long enough and was seen
    verbatim before (spaces ignored); short lines repeat only as part of a run of lines that copies an earlier run
    (blank lines ignored) of MIN_BLOCK_LINES lines and MIN_BLOCK_CHARS characters or more, or of two lines or more
    with a long one among them (a heading over a repeated paragraph)."""
    lines = [(start, end, key) for start, end in line_spans(view) if (key := _SPACE.sub("", view[start:end]))]
    first: dict[str, int] = {}  # line -> index of its first occurrence
    out: list[tuple[int, int, str]] = []
    j = 0
    while j < len(lines):
        start, end, key = lines[j]
        i = first.setdefault(key, j)
        if i == j:
            j += 1
            continue
        # Compare the runs from the first occurrence; a run stops before it would overlap its copy. A run that
        # does not count stops within MIN_BLOCK_CHARS lines, so the walk stays linear.
        n, chars, long_line = 0, 0, False
        while j + n < len(lines) and i + n < j and lines[i + n][2] == lines[j + n][2]:
            chars += len(lines[j + n][2])
            long_line = long_line or len(lines[j + n][2]) >= MIN_DUPLICATE
            n += 1
        if (n >= MIN_BLOCK_LINES and chars >= MIN_BLOCK_CHARS) or (n >= 2 and long_line):
            out.extend((s, e, "duplicate") for s, e, _ in lines[j:j + n])
            j += n
            continue
        if len(key) >= MIN_DUPLICATE:
            out.append((start, end, "duplicate"))
        j += 1
    return out
