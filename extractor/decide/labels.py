"""Gold annotations turned into labels on the candidates, the way the shared scorer would match them.

The scorer (../shared/eval/score.py) pairs a predicted and a gold measure when the similarity ratio of their
normalized texts (NFKC, Simplified, no spaces, punctuation or symbols) reaches 0.7. A gold measure is
therefore learnable when some run of consecutive clause units reaches that ratio: :func:`align_runs` finds
the best such run, and its units are labelled ``B`` (first) and ``I`` (rest). A whole list item is a measure
(or finding) when its own text reaches the ratio. The share of gold items with a run is the candidate recall,
the ceiling of what the models can reach (``make eval`` reports it).
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MATCH = 0.7  # the scorer's default --min-ratio
PARTY_MATCH = 0.8  # the scorer's ratio for party names
MAX_RUN = 60  # units in one measure at most (a long list item)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def norm(text: str) -> str:
    """The scorer's normal form: NFKC, Simplified, without spaces, punctuation and symbols."""
    text = _t2s().convert(unicodedata.normalize("NFKC", text or ""))
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch).startswith(("P", "S"))))


def ratio(a: str, b: str, at_least: float = MATCH) -> float:
    """The scorer's similarity of two normalized texts; 0.0 when it is surely below ``at_least``."""
    if not a or not b:
        return 0.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < at_least or sm.quick_ratio() < at_least:
        return 0.0
    return sm.ratio()


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}


@dataclass(frozen=True)
class Run:
    """Units ``first..last`` (inclusive) match a gold item with ``score``."""

    first: int
    last: int
    score: float


def align_runs(unit_texts: list[str], gold_texts: list[str]) -> list[Run | None]:
    """For each gold text, the run of consecutive units that matches it best (None below the threshold).

    ``unit_texts`` are normalized (:func:`norm`). Only units whose bigrams lie mostly inside the gold text
    can be part of its run, which keeps the search linear in practice.
    """
    unit_grams = [_bigrams(t) if t else set() for t in unit_texts]
    out: list[Run | None] = []
    for gold in gold_texts:
        g = norm(gold)
        if not g:
            out.append(None)
            continue
        gg = _bigrams(g)
        inside = [bool(t) and len(ug & gg) >= 0.6 * len(ug) for t, ug in zip(unit_texts, unit_grams)]
        best: Run | None = None
        k, n = 0, len(unit_texts)
        while k < n:
            if not inside[k]:
                k += 1
                continue
            j = k
            while j + 1 < n and (inside[j + 1] or not unit_texts[j + 1]):
                j += 1
            for a in range(k, j + 1):
                acc = ""
                for b in range(a, min(j + 1, a + MAX_RUN)):
                    acc += unit_texts[b]
                    if len(acc) > 2 * len(g) + 10:
                        break
                    if abs(len(acc) - len(g)) > max(len(g), 10):
                        continue
                    r = ratio(acc, g)
                    if best is None or r > best.score:
                        best = Run(a, b, r)
            k = j + 1
        out.append(best if best is not None and best.score >= MATCH else None)
    return out


def unit_labels(unit_texts: list[str], measures: list[str], findings: list[str]) -> tuple[list[str], int, int]:
    """``B-M``/``I-M``/``B-F``/``I-F``/``O`` per unit, and how many gold measures and findings got no run."""
    labels = ["O"] * len(unit_texts)
    lost = []
    for kind, golds in (("M", measures), ("F", findings)):
        missing = 0
        for run in align_runs(unit_texts, golds):
            if run is None or any(labels[x] != "O" for x in range(run.first, run.last + 1)):
                missing += 1
                continue
            labels[run.first] = "B-" + kind
            for x in range(run.first + 1, run.last + 1):
                labels[x] = "I-" + kind
        lost.append(missing)
    return labels, lost[0], lost[1]


def span_label(span_text: str, measures: list[str]) -> bool:
    """Whether a run of units is, as the scorer would count it, one of the gold measures (normalized texts)."""
    return any(ratio(span_text, m) >= MATCH for m in measures)


def item_label(item_text: str, measures: list[str], findings: list[str]) -> str:
    """``measure``, ``finding`` or ``none`` for a whole list item."""
    t = norm(item_text)
    bm = max((ratio(t, norm(m)) for m in measures), default=0.0)
    bf = max((ratio(t, norm(x)) for x in findings), default=0.0)
    if max(bm, bf) < MATCH:
        return "none"
    return "measure" if bm >= bf else "finding"


def number_key(number: str) -> str:
    """Digits and inner '-' of a number, as the scorer compares hotlines."""
    s = "".join(ch for ch in unicodedata.normalize("NFKC", number) if ch.isdigit() or ch == "-")
    return s.strip("-")


def same_org(pred: str, names: list[str]) -> bool:
    """The scorer's company match: equal after normalization, or one name inside the other (中国联通 / 联通)."""
    p = norm(pred)
    if len(p) < 2:
        return False
    return any(n and (p == n or (len(n) >= 2 and (p in n or n in p))) for n in map(norm, names))
