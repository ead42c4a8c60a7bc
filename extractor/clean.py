"""PLACEHOLDER (to be replaced by the cleaning helper; keep the interface).

clean_text(text, title) -> CleanText with .text (clean text, all offsets point into it),
.view (same length as .text: Simplified script, full-width digits/letters folded; for matching only),
.raw_index (clean index -> index into the input text), .script, .warnings.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import opencc

_T2S = opencc.OpenCC("t2s")


@dataclass
class CleanText:
    text: str
    view: str
    raw_index: list[int]
    script: str = "simplified"
    warnings: list[str] = field(default_factory=list)


def _fold(ch: str) -> str:
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    return ch


def clean_text(text: str, title: str = "") -> CleanText:
    simp = _T2S.convert(text)
    if len(simp) != len(text):
        simp = "".join(_T2S.convert(c) if len(_T2S.convert(c)) == 1 else c for c in text)
    view = "".join(_fold(c) for c in simp)
    changed = sum(a != b for a, b in zip(text, simp))
    script = "traditional" if changed > max(3, len(text) // 200) else "simplified"
    return CleanText(text, view, list(range(len(text))), script)
