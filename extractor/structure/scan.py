"""Skip the rules that cannot match: one regex search over a document's whole sentence range decides, for most
rules, that no sentence holds a match, instead of a search per sentence (rules x sentences in Python).
:func:`rules_in_text` does the same for searches in any piece cut out of a text (clauses, list items).

The shortcut is exact. A match inside a sentence ``view[s:e]`` (searched with ``pattern.finditer(view, s, e)``:
the string ends at ``e``, lookbehinds still see before ``s``) is also a match at the same place of the longer
range, unless the pattern looks at where the string ends: a lookahead, ``$``, ``\\Z``, a word boundary, or an
atomic group or possessive quantifier that could run on past ``e``. Patterns with any of those are always
searched sentence by sentence.
"""
from __future__ import annotations

import re
import re._constants as _sre  # the parsed form of a pattern: which of its parts look outside the match
import re._parser as _sre_parse
from bisect import bisect_left
from functools import lru_cache
from typing import Iterable, Sequence, TypeVar

from ..probe import absent, literal_probe

Span = tuple[int, int]
T = TypeVar("T")

_END_SENSITIVE = re.compile(r"\(\?[=!]|\$|\\[ZbB]|\(\?>|[*+?}]\+")


@lru_cache(maxsize=4096)
def range_safe(pattern: re.Pattern) -> bool:
    """Whether a match in a prefix of a string is always a match in the whole string (see the module doc)."""
    return _END_SENSITIVE.search(pattern.pattern) is None


def sentence_range(sentences: Sequence[Span]) -> Span:
    """From the first sentence's start to the last one's end (0, 0 without sentences)."""
    if not sentences:
        return 0, 0
    return min(s for s, _ in sentences), max(e for _, e in sentences)


def may_match(pattern: re.Pattern, view: str, span: Span) -> bool:
    """False only when no sentence inside ``span`` can hold a match of ``pattern``."""
    if not range_safe(pattern):
        return True
    return not absent(pattern, view, span[0], span[1]) and pattern.search(view, span[0], span[1]) is not None


def rules_that_may_match(rules: Iterable[T], view: str, sentences: Sequence[Span]) -> list[T]:
    """The rules (objects with a ``pattern``) that may match in some sentence; the others cannot."""
    span = sentence_range(sentences)
    return [r for r in rules if may_match(r.pattern, view, span)]


# Zero-width tests that can pass at the edge of a piece and fail at the same place of the whole text: anchors and
# word boundaries (AT), negative lookarounds, and groups that give up backtracking (a match that can run on past
# the piece's end in the whole text may then fail).
_EDGE_SENSITIVE = {_sre.AT, _sre.ASSERT_NOT, _sre.ATOMIC_GROUP, _sre.POSSESSIVE_REPEAT, _sre.GROUPREF_EXISTS}


def _piece_safe(items) -> bool:
    for op, av in items:
        if op in _EDGE_SENSITIVE:
            return False
        if op is _sre.ASSERT:  # a positive lookaround that passes in a piece sees the same characters in the text
            inner = [av[1]]
        elif op is _sre.BRANCH:
            inner = av[1]
        elif op is _sre.SUBPATTERN:
            inner = [av[-1]]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner = [av[2]]
        else:
            continue
        if not all(_piece_safe(sub) for sub in inner):
            return False
    return True


@lru_cache(maxsize=4096)
def piece_safe(pattern: re.Pattern) -> bool:
    """Whether a match in a piece cut out of a text (``text[a:b]``) is always a match in the whole text."""
    return _piece_safe(_sre_parse.parse(pattern.pattern, pattern.flags))


def rules_in_text(rules: Sequence[tuple[str, re.Pattern]], text: str) -> tuple[tuple[str, re.Pattern], ...]:
    """The ``(id, pattern)`` rules that may match in some piece of ``text``: a piece-safe pattern with no match
    in the whole text has none in any piece (searched once here instead of once per piece)."""
    return tuple((rid, p) for rid, p in rules
                 if not piece_safe(p) or (not absent(p, text) and p.search(text) is not None))


MAX_REACH = 200  # the longest whole-text match a screened rule may have (RuleWindows)


class RuleWindows:
    """``(id, pattern)`` rules searched in many windows ``text[a:b]`` of one text (each clause of a page, and the
    stretch of its sentence before it): which rules match in a window, with the searches that cannot match
    skipped. Exact, by the argument of :func:`rules_in_text` carried one step further: a piece-safe pattern that
    matches in a window matches the whole text at the same place, and the whole text's matches found left to right
    (``finditer``) then include one that overlaps the window (the scan reaches the window's match or passes over it
    inside an earlier match). A window no such match overlaps holds none, and is not searched; any other is
    searched as before, on the window cut out, so the result is the search's own. A pattern that is not
    piece-safe (it starts at a clause start, or looks behind) is screened the same way by the literal strings one
    of which its every match holds (probe.literal_probe); a pattern with neither is always searched. The rules
    keep their order, and so do the hits; ``rules`` are those that can match somewhere in the text (a subset of
    :func:`rules_in_text`'s: a rule whose literal strings occur nowhere is left out too)."""

    def __init__(self, rules: Sequence[tuple[str, re.Pattern]], text: str):
        self.text = text
        self.rules: list[tuple[str, re.Pattern]] = []
        self._always: list[int] = []  # the rules searched in every window
        # the whole text's matches of every screened rule: (start, end, rule); an empty match counts one
        # character wide
        spans: list[tuple[int, int, int]] = []
        for rid, p in rules:
            # a piece-safe pattern's own matches; for another, those of the literal strings one of which its every
            # match holds (literal_probe), which overlap a window holding a match just the same
            safe = piece_safe(p)
            if safe and absent(p, text):
                continue  # the probe proves it matches nowhere (as in rules_in_text)
            scan = p if safe else literal_probe(p)
            k = len(self.rules)
            if scan is None:
                self.rules.append((rid, p))
                self._always.append(k)
                continue
            found = [(s, max(e, s + 1), k) for s, e in (m.span() for m in scan.finditer(text))]
            if any(e - s > MAX_REACH for s, e, _k in found):
                # every window looks back as far as the longest match: a rule whose matches run long is searched
                # in every window instead, so that a window's lookup stays short on a page of any length
                self.rules.append((rid, p))
                self._always.append(k)
                continue
            if found:
                self.rules.append((rid, p))
                spans.extend(found)
        # Spans go to buckets by their length (up to 1, 2, 4 … characters): a window looks back only as far as a
        # bucket's longest span, so one long match on a page does not make every window walk over the page's dense
        # short ones (a rule's spans in a bucket do not overlap: a window meets a bounded number of each).
        buckets: dict[int, list[tuple[int, int, int]]] = {}
        for span in spans:
            bound = 1 << max(0, span[1] - span[0] - 1).bit_length()
            buckets.setdefault(bound, []).append(span)
        self._buckets = []
        for bound, group in sorted(buckets.items()):
            group.sort()
            self._buckets.append((bound, [s for s, _e, _k in group], [e for _s, e, _k in group],
                                  [k for _s, _e, k in group]))

    def hits(self, a: int, b: int) -> list[str]:
        """Ids of the rules with a non-empty match in ``text[a:b]`` (the first match in the window counts, as
        ``pattern.search(text[a:b])`` finds it), in the rules' order."""
        which = set(self._always)
        for bound, starts, ends, rule in self._buckets:
            # the spans that overlap the window start at most the bucket's longest span before it
            lo = bisect_left(starts, a - bound)
            hi = bisect_left(starts, b, lo)
            which.update(rule[k] for k in range(lo, hi) if ends[k] > a)
        if not which:
            return []
        window = self.text[a:b]
        out = []
        for k in sorted(which):
            rid, p = self.rules[k]
            m = p.search(window)
            if m is not None and m.end() > m.start():
                out.append(rid)
        return out
