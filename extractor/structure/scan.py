"""Skip the rules that cannot match: one regex search over a document's whole sentence range decides, for most
rules, that no sentence holds a match, instead of a search per sentence (rules x sentences in Python).

The shortcut is exact. A match inside a sentence ``view[s:e]`` (searched with ``pattern.finditer(view, s, e)``:
the string ends at ``e``, lookbehinds still see before ``s``) is also a match at the same place of the longer
range, unless the pattern looks at where the string ends: a lookahead, ``$``, ``\\Z``, a word boundary, or an
atomic group or possessive quantifier that could run on past ``e``. Patterns with any of those are always
searched sentence by sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence, TypeVar

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
    return not range_safe(pattern) or pattern.search(view, span[0], span[1]) is not None


def rules_that_may_match(rules: Iterable[T], view: str, sentences: Sequence[Span]) -> list[T]:
    """The rules (objects with a ``pattern``) that may match in some sentence; the others cannot."""
    span = sentence_range(sentences)
    return [r for r in rules if may_match(r.pattern, view, span)]
