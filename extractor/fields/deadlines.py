"""Time expressions attached to a measure (5月7日, 24小时内, 限时, 年底前, 2020年7月16日) with an ISO date when
the text and the document date fix the day.

Rules: ``rules/deadlines.regex.jsonl``; each has a ``kind``: ``deadline`` (a limit: 年底前, 6个月内, 限时,
5月31日前) or ``date`` (a day something happens: 5月7日). A measure gets one value: the first ``deadline``
match if there is one, else the first ``date``. Named groups ``y``/``m``/``d`` in a rule give the date parts.

ISO dates: a full date is taken as written; a month-day takes its year from the document date, one year
earlier when that would put it more than half a year after the document (a January report about 12月7日
means last December); 年底 is 12-31 and 6月底 the last day of June. Spans (24小时内) have no ISO date: their
start is not known.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache

from ..ruleset import RuleSet

__all__ = ["parse_doc_date", "find_deadline", "year_of"]

_YMD = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_FUTURE_SLACK = timedelta(days=183)
_PAST_SLACK = timedelta(days=60)  # a deadline this far before the statement's date is next year's
RELATIVE_YEAR = {"去年": -1, "今年": 0, "明年": 1}  # a year said before a month-and-day, from the document's


def parse_doc_date(doc_date: str | None) -> date | None:
    """The document date from "2022-05-11", "2022年5月11日", "2022-03-29 14:52:18 +0800" or an RFC 2822
    date such as "Wed, 11 May 2022 14:31:00 GMT"; None when absent or unreadable."""
    if not doc_date:
        return None
    m = _YMD.search(doc_date)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(doc_date.strip()).date()
    except (TypeError, ValueError, IndexError):
        return None


@lru_cache(maxsize=16)
def _rules(ruleset: RuleSet) -> tuple:
    return tuple((r.id, r.pattern, r.get("kind", "date")) for r in ruleset.regex("deadlines"))


def _group(m: re.Match, name: str) -> int | None:
    value = m.groupdict().get(name)
    if not value:
        return None
    return year_of(value) if name == "y" else int(value)


ROC_OFFSET = 1911  # 中华民国 (Republic of China) year 1 is 1912: Taiwan's notices date themselves 113年7月22日


def year_of(year: str | int) -> int:
    """A year as the rules read it: four digits, or three of a 民国 year (113 -> 2024)."""
    year = int(year)
    return year + ROC_OFFSET if 0 < year < 1000 else year


def _iso_from_match(m: re.Match, raw: str, doc: date | None, ahead: bool = False, said: int | None = None
                    ) -> str | None:
    """ISO date of a match from its y/m/d groups, the period words (底/末) and the document date.

    A date without a year takes the document's, or the one said before it (``said``: -1 for 去年, 0 for 今年, 1
    for 明年). ``ahead``: the match is a deadline (…前, …底, …内), which lies after the statement that sets it,
    so a month-and-day well before the document's date is next year's (3月底前 in a notice of May)."""
    year, month, day = _group(m, "y"), _group(m, "m"), _group(m, "d")
    period_end = "底" in raw or "末" in raw or raw.startswith("年内")
    if year is None and month is None and not period_end:
        return None
    inferred = year is None
    if inferred:
        if doc is None:
            return None
        year = doc.year + (said or 0)
    if period_end and day is None:
        if month is None and ("本月" in raw or "当月" in raw):
            month = doc.month if doc else None
            if month is None:
                return None
        month = month or 12
        found = date(year, month, calendar.monthrange(year, month)[1])
    elif month is None or day is None:
        return None
    else:
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if inferred and said is None and found > doc + _FUTURE_SLACK:
            found = found.replace(year=year - 1) if not (month == 2 and day == 29) else found
    if inferred and ahead and said is None and found < doc - _PAST_SLACK:
        last = calendar.monthrange(found.year + 1, found.month)[1]
        found = found.replace(year=found.year + 1, day=min(found.day, last))
    return found.isoformat()


def find_deadline(view_text: str, ruleset: RuleSet, doc_date: str | None = None
                  ) -> tuple[int, int, str, str | None, str] | None:
    """The time expression of a measure: (start, end, raw text, ISO date or None, rule id), offsets relative
    to ``view_text``; None when there is none. ``raw`` is cut from the view: callers report the text as
    written at the same offsets."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, int, str, re.Match]] = []
    for rid, pattern, kind in _rules(ruleset):
        for m in pattern.finditer(view_text):
            s, e = m.span()
            # rules are ordered specific-first: 5月31日前 wins over 5月31日 at the same place
            if e <= s or any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((0 if kind == "deadline" else 1, s, e, rid, m))
    if not found:
        return None
    kind, s, e, rid, m = min(found, key=lambda f: (f[0], f[1]))
    raw = view_text[s:e]
    ahead = kind == 0 or raw.endswith(("前", "之前", "以前"))
    said = RELATIVE_YEAR.get(view_text[max(0, s - 2):s])
    return (s, e, raw, _iso_from_match(m, raw, parse_doc_date(doc_date), ahead, said), rid)
