"""Retelling: a prose measure that repeats a listed measure, or another prose measure, is the same measure again.

News reports restate the statement they quote, and a news lead sums up what the body tells in full; the
repetition is told by shared character bigrams and cue verbs."""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable

from ..structure import Span, SpanSet

RESTATE_WINDOW = 5000
RECENT = 50  # prose measures a new one is compared with for repetition
RETOLD_SHARE = 1 / 3  # share of its bigrams a retold measure has in common with the first telling
RETOLD_HALF = 0.5  # or half of its bigrams in common, however much it adds
RETOLD_NEW = 8  # at most this many bigrams of its own (about four words)


def _bigrams(view: str, s: int, e: int) -> set[str]:
    return {g for g in (view[i:i + 2] for i in range(s, e - 1)) if not any(ch in "，,。；;：:、 " for ch in g)}


class Listed:
    """Listed measures, indexed by character bigram, to tell a prose restatement of one of them. Only lists
    within ``RESTATE_WINDOW`` characters are compared, so a page of thousands of items stays linear.

    A restatement is either mostly the same words (60% of its bigrams in one measure), or the same action told
    again in fewer words: it shares a cue verb with the measure, a third of its bigrams, and adds little of its
    own (处以停业整顿3个月的处罚 after 停业整顿3个月，期满整改合格后重新开诊；, 予以撤销 after 撤销…公告)."""

    def __init__(self, view: str, listed: list[Span], cues: Callable[[str], set[str]] | None = None,
                 names: list[str] = ()):
        self.spans = sorted(listed)
        self.starts = [s for s, _ in self.spans]
        self.taken = SpanSet(listed)
        self.index: dict[str, list[int]] = {}
        for k, (s, e) in enumerate(self.spans):
            for g in _bigrams(view, s, e):
                self.index.setdefault(g, []).append(k)
        self.cues = cues
        self.listed_words: dict[int, tuple[set[str], set[str]]] = {}
        # The organization's name is in every telling of every measure: it says nothing about which one.
        self.name_grams = {n[i:i + 2] for n in names for i in range(len(n) - 1)}
        self.said: list[tuple[set[str], set[str]]] = []  # (bigrams, cue verbs) of accepted prose measures

    def _retold(self, grams: set[str], verbs: set[str], other: set[str], other_verbs: set[str]) -> bool:
        grams = grams - self.name_grams
        shared = len(grams & other)
        return bool(verbs & other_verbs) and shared >= RETOLD_SHARE * len(grams) and (
            len(grams) - shared <= RETOLD_NEW or shared >= RETOLD_HALF * len(grams))

    def repeats(self, view: str, s: int, e: int) -> bool:
        """A news report repeats the statement: a measure whose bigrams are 60% those of one already taken
        from the prose (recent ones only, so that the check stays cheap) is the same measure again."""
        grams = _bigrams(view, s, e)
        if any(len(grams & seen) >= 0.6 * min(len(grams), len(seen)) for seen, _ in self.said[-RECENT:]):
            return True
        self.said.append((grams, self.cues(view[s:e]) if self.cues else set()))
        return False

    def retold_in_prose(self) -> set[int]:
        """Indexes (into the accepted prose measures) of shorter retellings of another one, before or after it:
        a news lead sums up what the body tells in full (撤销前述公告 … 撤销《…公告》)."""
        drop = set()
        for i, (grams, verbs) in enumerate(self.said):
            for j in range(max(0, i - RECENT), min(len(self.said), i + RECENT + 1)):
                if j == i or j in drop:
                    continue
                other, other_verbs = self.said[j]
                if self._retold(grams, verbs, other, other_verbs) and (
                        j < i or not self._retold(other, other_verbs, grams, verbs)):
                    drop.add(i)
                    break
        return drop

    def restates(self, view: str, s: int, e: int) -> bool:
        """Inside a listed measure, or 60% of its bigrams in one (并称已进行回退处理 after 一是…回退处理)."""
        grams = _bigrams(view, s, e)
        if not grams:
            return True
        if self.taken.overlaps(s, e):
            return True
        lo = bisect_left(self.starts, s - RESTATE_WINDOW)
        hi = bisect_left(self.starts, e + RESTATE_WINDOW)
        hits: dict[int, int] = {}
        for g in grams:
            postings = self.index.get(g, ())
            for k in postings[bisect_left(postings, lo):bisect_left(postings, hi)]:
                hits[k] = hits.get(k, 0) + 1
        if any(n / len(grams) >= 0.6 for n in hits.values()):
            return True
        if self.cues is None:
            return False
        verbs = self.cues(view[s:e])
        return any(self._retold(grams, verbs, *self._listed_words(view, k))
                   for k, n in hits.items() if n >= RETOLD_SHARE * len(grams))

    def _listed_words(self, view: str, k: int) -> tuple[set[str], set[str]]:
        """Bigrams and cue verbs of listed measure ``k``, computed once."""
        if k not in self.listed_words:
            a, b = self.spans[k]
            self.listed_words[k] = (_bigrams(view, a, b), self.cues(view[a:b]))
        return self.listed_words[k]
