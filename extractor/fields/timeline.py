"""The incident sentence and the dated actions of a document.

Rules in ``rules/timeline.regex.jsonl``: ``kind: date`` (named groups y/m/d), ``kind: action`` (verbs that
make a dated sentence an action of the organization) and ``kind: incident`` (words saying something went
wrong). Matching runs on ``clean.view``; every value carries offsets into ``clean.text``.
"""
from __future__ import annotations

import re

from ..clean import CleanText
from ..structure.scan import rules_that_may_match
from .deadlines import RELATIVE_YEAR, year_of

Span = tuple[int, int]

INCIDENT_WINDOW = 12      # the incident sentence is looked for among the first sentences of the body
MAX_ACTION = 80           # characters of action text kept after a date
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_MONTH_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}[-./年](\d{1,2})")


def _cn_number(text: str) -> int:
    """一..三十一 written in Chinese numerals -> int (0 when not a number)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _iso(year: int | None, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31) or year is None:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def doc_year_month(doc_date: str) -> tuple[int | None, int | None]:
    """Year and month of a document date in any common spelling ('2022-05-11', 'Wed, 11 May 2022 …')."""
    year = _YEAR_RE.search(doc_date or "")
    month = _MONTH_RE.search(doc_date or "")
    return (int(year.group(1)) if year else None, int(month.group(1)) if month else None)


def find_incident(clean: CleanText, rules, sentences: list[Span]) -> tuple[str, int, int, str]:
    """(text, start, end, rule id) of the earliest sentence near the top naming what went wrong."""
    incident_rules = [r for r in rules if r.get("kind") == "incident"]
    for s, e in sentences[:INCIDENT_WINDOW]:
        for rule in incident_rules:
            if rule.pattern.search(clean.view, s, e):
                return clean.text[s:e], s, e, rule.id
    return "", 0, 0, ""


def find_timeline(clean: CleanText, rules, sentences: list[Span], doc_date: str = "") -> list[dict]:
    """Dated actions: a date followed in its sentence by an action verb, with an ISO date when knowable.

    A date without a year takes the document's year, or the previous year when its month lies after the
    document's month (a January article about December).
    """
    view = clean.view
    rules = rules_that_may_match(rules, view, sentences)
    date_rules = [r for r in rules if r.get("kind") == "date"]
    action_rules = [r for r in rules if r.get("kind") == "action"]
    year, month = doc_year_month(doc_date)
    out: list[dict] = []
    for s, e in sentences:
        dates = []
        for rule in date_rules:
            for m in rule.pattern.finditer(view, s, e):
                if any(m.start() < b and a < m.end() for a, b, *_ in dates):
                    continue
                dates.append((m.start(), m.end(), rule.id, m.groupdict()))
        dates.sort()
        for i, (ds, de, rid, groups) in enumerate(dates):
            stop = dates[i + 1][0] if i + 1 < len(dates) else e
            stop = min(stop, de + MAX_ACTION)
            if not any(r.pattern.search(view, de, stop) for r in action_rules):
                continue
            m_, d_ = _cn_number(groups.get("m") or ""), _cn_number(groups.get("d") or "")
            y_ = year_of(groups["y"]) if groups.get("y") else year
            said = view[max(0, ds - 2):ds]  # 去年12月30日, 今年1月5日: the year is said, relative to the document's
            if not groups.get("y") and year and said in RELATIVE_YEAR:
                y_ = year + RELATIVE_YEAR[said]
            elif not groups.get("y") and year and month and m_ > month:
                y_ = year - 1
            action_start = de
            while action_start < stop and view[action_start] in "，,、 \u3000（(上下午晚早间凌晨中旬":
                action_start += 1
            out.append({"date": clean.text[ds:de], "iso": _iso(y_, m_, d_),
                        "action": clean.text[action_start:stop].rstrip("，,；;、 "), "start": ds, "end": stop,
                        "rule": rid})
    return out
