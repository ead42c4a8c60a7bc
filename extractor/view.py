"""The matching view of a text: Simplified script, full-width characters and enclosed numerals folded, and the same
length as the text, so that an offset in the view is an offset in the text.

Every rule matches on it (clean/ makes a document's view once); the HTML reader also asks it whether a list
item writes its own marker, which is why it sits beside the floors rather than in clean/.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

import opencc

__all__ = ["char_class", "fold", "matching_view", "simplified"]

# (first code point, how many, the number of the first): parenthesized ⑴-⒇, with full stop ⒈-⒛, dingbat negative
# circled ❶-❿, sans-serif circled ➀-➉ and negative ➊-➓, double circled ⓵-⓾, negative circled ⓫-⓴
_ENCLOSED_NUMERALS = ((0x2474, 20, 1), (0x2488, 20, 1), (0x2776, 10, 1), (0x2780, 10, 1), (0x278A, 10, 1),
                      (0x24F5, 10, 1), (0x24EB, 10, 11), (0x3220, 10, 1), (0x3280, 10, 1))


def char_class(codepoints: Iterable[int]) -> re.Pattern:
    """A character class of ``codepoints``, written as ranges (a class of single characters beyond the BMP is a
    list ``re`` tries one by one)."""
    runs: list[list[int]] = []
    for cp in sorted(codepoints):
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return re.compile("[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                                    for a, b in runs) + "]")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Full-width digits, letters and space to ASCII, hyphen look-alikes to '-' (never ，：；（ ), and the other
    enclosed numerals (⑴ ⒈ ❶ ➀ ➊ ⓵, and the enclosed ideographs ㈠ ㊀) to the circled ones (① …), so that every
    way of numbering items one character wide is one list scheme."""
    table = {cp: chr(cp - 0xFEE0) for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
             for cp in range(r[0], r[1] + 1)}
    table[0x3000] = " "
    for cp in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63, 0xFF0D):
        table[cp] = "-"
    for first, count, to in _ENCLOSED_NUMERALS:
        for k in range(count):
            table[first + k] = chr(0x2460 + to - 1 + k)
    return table


@lru_cache(maxsize=1)
def _foldable() -> re.Pattern:
    return char_class(_fold_table())


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """OpenCC t2s of ``text`` with the same length: whole text at once, per character only where needed."""
    cc = _t2s()
    simp = cc.convert(text)
    if len(simp) == len(text):
        return simp
    out = []
    for line in text.split("\n"):
        conv = cc.convert(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := cc.convert(c)) == 1 else c for c in line)
        out.append(conv)
    return "\n".join(out)


def fold(text: str) -> str:
    """``text`` with full-width characters and enclosed numerals folded (a page holding none, nearly every page,
    is returned as it is, without a per-character lookup)."""
    if _foldable().search(text) is None:
        return text
    return text.translate(_fold_table())


def matching_view(text: str) -> str:
    """The matching view of ``text``: Simplified, folded, the same length."""
    return fold(simplified(text))
