"""Chinese and Arabic numerals of ordinals and counts (一 … 九十九, 两, 1 … 99, ①…⑳)."""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def parse_numeral(s: str) -> int | None:
    """Value of a small numeral: '三' -> 3, '十二' -> 12, '二十' -> 20, '两' -> 2, '12' -> 12, '③' -> 3."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 1 and s in _CIRCLED:
        return _CIRCLED.index(s) + 1
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _DIGITS.get(head, None) if head else 1
        ones = _DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None or len(head) > 1 or len(tail) > 1:
            return None
        return tens * 10 + ones
    if len(s) == 1:
        return _DIGITS.get(s)
    return None
