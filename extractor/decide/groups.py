"""Incident groups for cross-validation: pages about one event, or near-copies of one page, share a fold.

A fold that holds one report of an incident while another report of it is trained on flatters the method;
so documents are joined when a manifest names the same incident, when their gold organizations are the same
(one name inside the other, as the scorer matches them), or when they share a fifth of their 8-character
shingles (reposts, summaries and full texts of one statement).
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"[\w]")


def _shingles(view: str, n: int = 8) -> set[str]:
    s = "".join(_KEEP.findall(view))
    return {s[i:i + n] for i in range(max(0, len(s) - n + 1))}


def incident_groups(incidents: list[str], companies: list[str], views: list[str],
                    overlap: float = 0.2) -> list[int]:
    """A group number per document (the smallest index in its group), deterministic for the same input."""
    n = len(views)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    shingles = [_shingles(v) for v in views]
    names = ["".join(_KEEP.findall(c or "")) for c in companies]
    for i in range(n):
        for j in range(i):
            if incidents[i] and incidents[i] == incidents[j]:
                union(i, j)
            elif len(names[i]) >= 2 and len(names[j]) >= 2 and (names[i] in names[j] or names[j] in names[i]):
                union(i, j)
            elif shingles[i] and shingles[j] and (
                    len(shingles[i] & shingles[j]) / min(len(shingles[i]), len(shingles[j])) > overlap):
                union(i, j)
    return [find(i) for i in range(n)]
