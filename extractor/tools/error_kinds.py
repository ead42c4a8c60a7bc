"""Where the measure errors are, by kind: so that work goes to the kind that costs most, across all sets.

Every gold measure the records miss and every measure they add is counted once, under the first kind that
explains it:

- ``lost with a rejected statement``: a gold statement the record calls no statement (all its measures go);
- ``from an accepted look-alike``: measures of a page the gold calls no statement;
- ``boundary``: a missed gold measure and an added one that say the same thing cut differently (the scorer's
  similarity at least ``NEAR`` but under its match ratio), told apart by which of the two is longer;
- ``missed`` / ``added`` with nothing near, listed (an enumerated item) or prose.

The pairing is the shared scorer's own (its ``norm`` and ``match_items``), so the counts add up to its
false negatives and false positives.
"""
from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import Iterable, Sequence

from ..decide.labels import MATCH  # the scorer's default ratio for a measure to count as found

NEAR = 0.4  # below this, a missed and an added measure are unrelated
LONGER = 1.15  # a boundary miss whose prediction is this much longer than the gold (or shorter) says which way

KINDS = (
    ("missed", "lost with a rejected statement"),
    ("missed", "boundary: predicted longer"),
    ("missed", "boundary: predicted shorter"),
    ("missed", "boundary: same length, other words"),
    ("missed", "listed, nothing near"),
    ("missed", "prose, nothing near"),
    ("added", "from an accepted look-alike"),
    ("added", "boundary (the same pairs)"),
    ("added", "listed, nothing near"),
    ("added", "prose, nothing near"),
)


def _kind(item: dict) -> str:
    return "listed" if item.get("listed") else "prose"


def measure_errors(pairs: Iterable[tuple[dict, dict]], scorer: ModuleType) -> Counter:
    """``(missed|added, kind) -> count`` over ``(record, gold)`` pairs, plus ``("found", "")`` for the matches."""
    counts: Counter = Counter()
    for rec, gold in pairs:
        gm = gold.get("measures") or []
        pm = rec.get("measures") or []
        if gold.get("is_statement") and not rec.get("is_statement"):
            counts["missed", "lost with a rejected statement"] += len(gm)
            continue
        if not gold.get("is_statement"):
            counts["added", "from an accepted look-alike"] += len(pm)
            continue
        matched = scorer.match_items(gm, pm, MATCH)
        counts["found", ""] += len(matched)
        found_g, found_p = {i for i, _, _ in matched}, {j for _, j, _ in matched}
        rest_g = [x for i, x in enumerate(gm) if i not in found_g]
        rest_p = [y for j, y in enumerate(pm) if j not in found_p]
        near = scorer.match_items(rest_g, rest_p, NEAR)
        for i, j, _ratio in near:
            g, p = len(scorer.norm(rest_g[i].get("text", ""))), len(scorer.norm(rest_p[j].get("text", "")))
            way = ("predicted longer" if p > g * LONGER else "predicted shorter" if p * LONGER < g
                   else "same length, other words")
            counts["missed", "boundary: " + way] += 1
            counts["added", "boundary (the same pairs)"] += 1
        near_g, near_p = {i for i, _, _ in near}, {j for _, j, _ in near}
        for i, x in enumerate(rest_g):
            if i not in near_g:
                counts["missed", _kind(x) + ", nothing near"] += 1
        for j, y in enumerate(rest_p):
            if j not in near_p:
                counts["added", _kind(y) + ", nothing near"] += 1
    return counts


def format_error_kinds(columns: Sequence[tuple[str, Counter]]) -> str:
    """A Markdown table: one row per kind, one column per ``(heading, counts)``, then the totals."""
    lines = ["| measures | " + " | ".join(h for h, _ in columns) + " |",
             "|---|" + "---:|" * len(columns)]
    lines.append("| found | " + " | ".join(str(c["found", ""]) for _, c in columns) + " |")
    for side, kind in KINDS:
        lines.append(f"| {side}: {kind} | " + " | ".join(str(c[side, kind]) for _, c in columns) + " |")
    for side in ("missed", "added"):
        lines.append(f"| {side}, all | " + " | ".join(
            str(sum(n for (s, _k), n in c.items() if s == side)) for _, c in columns) + " |")
    return "\n".join(lines) + "\n"
