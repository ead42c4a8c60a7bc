"""What the feature families share: the feature type, buckets and counts, character pairs, and the rule groups
each family reads (compiled once per rule set)."""
from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Iterable

from ...ruleset import RuleSet

Features = dict[str, float]

DROP = re.compile(r"[\W_]+")  # what n-grams skip: punctuation, spaces, symbols


def bucket(x: float, edges: Iterable[float]) -> int:
    """The index of the first edge ``x`` lies below (the number of edges when none)."""
    for i, edge in enumerate(edges):
        if x < edge:
            return i
    return len(tuple(edges))


def log_count(n: float) -> float:
    """A count as log2(1 + n): the first few occurrences say most, a long page does not say more."""
    return math.log2(1.0 + n)


def ngrams(text: str, n: int, prefix: str, out: Features, value: float = 1.0) -> None:
    """Add the character ``n``-grams of ``text`` (punctuation, spaces and symbols left out) to ``out``."""
    s = DROP.sub("", text)
    for i in range(len(s) - n + 1):
        out[prefix + s[i:i + n]] = value


@lru_cache(maxsize=8)
def rule_groups(rs: RuleSet) -> dict[str, tuple]:
    """The regex rules a feature family looks at, compiled once per rule set."""
    return {
        "prose": tuple((r.id, r.pattern) for r in rs.regex("prose")),
        "status": tuple((r.id, r.pattern) for r in rs.regex("status")),
        "statement": tuple((r.id, r.pattern) for r in rs.regex("statement")),
        "list_kind": tuple((r.id, r.pattern) for r in rs.regex("lists") if r.id.startswith("list_kind.")),
        "list_intro": tuple((r.id, r.pattern) for r in rs.regex("lists") if r.id.startswith("list_intro.")),
        "apology": tuple((r.id, r.pattern) for r in rs.regex("apology") if r.get("kind") == "apology"),
        "attitude": tuple((r.id, r.pattern) for r in rs.regex("vows") if r.get("kind") == "attitude"),
        "org_suffix": tuple((r.id, r.pattern) for r in rs.regex("company") if r.get("kind") in ("suffix", "suffix_short")),
        "org_anchor": tuple((r.id, r.pattern) for r in rs.regex("company") if r.get("kind") == "anchor"),
        "org_name_suffix": tuple((r.id, r.pattern) for r in rs.regex("company")
                                 if r.get("kind") in ("suffix", "suffix_short", "suffix_body")),
    }


def rule_hits(group: tuple, text: str, prefix: str, out: Features) -> None:
    """Add ``prefix + rule id`` to ``out`` for each rule of ``group`` that matches in ``text``."""
    for rid, pattern in group:
        m = pattern.search(text)
        if m is not None and m.end() > m.start():  # a pattern that can match nothing says nothing
            out[prefix + rid] = 1.0
