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
from functools import lru_cache
from typing import Iterable, Sequence, TypeVar

from ..probe import absent

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
