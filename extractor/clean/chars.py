"""Character-level repairs: look-alike folding, pinyin annotations, anti-scrape strings, ASCII full stops, the
matching view.

The regexes for pinyin and anti-scrape strings are data (rules/noise.regex.jsonl, kinds ``pinyin`` and
``scrape``); this module only applies them.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..probe import absent
from ..ruleset import RegexRule
from ..view import char_class, fold, simplified
from .markup import HAN
from .textmap import MappedText

__all__ = ["fold_lookalikes", "mark_ascii_full_stops", "remove_pinyin", "remove_scrape_noise", "make_view",
           "count_lost_chars", "is_mixed_token"]

# Kangxi radicals, CJK radicals supplement, compatibility ideographs (BMP and supplementary).
_LOOKALIKE_RANGES = ((0x2E80, 0x2EF3), (0x2F00, 0x2FD5), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_HAN_RE = re.compile(f"[{HAN}\U00020000-\U0003134f]")
# Lost bytes show as U+FFFD next to Han, or as a run of 2+ '?' between Han characters (異??圪M); a single
# ASCII '?' between Han is usually a question mark in ASCII-punctuated pages (怎么认定?湖北发布...).
_LOST = re.compile(f"(?<=[{HAN}])\\?{{2,}}(?=[{HAN}])|(?<=[{HAN}])\ufffd+|\ufffd+(?=[{HAN}])")
# An ASCII '.' right after a Han character or a closing quote or bracket ends a sentence of a page written with
# ASCII punctuation (声明如下.公司已, 大豆油.2. 儿童餐, 发布《致歉信》.同时), unless it is part of an ellipsis (...) or
# of an address (公司.com); a decimal point or a list number's dot follows a digit.
_ASCII_STOP = re.compile(f"(?:(?<=[{HAN}])|(?<=[”’」』）)》】]))\\.(?![.A-Za-z])")
# ... except the dot of a Chinese numeral that numbers an item (一.全面排查…, 措施如下：一.排查；二.退款): the numeral
# opens a line or follows a clause's end, and ordinal.cn_dun reads 一. as it reads 一、
_NUMERAL_BEFORE = re.compile(r"(?:^|[\s：:；;。，,！？!?（(【])[一二三四五六七八九十]{1,3}$")


@lru_cache(maxsize=1)
def _lookalike_table() -> dict[int, str]:
    """Look-alike -> unified ideograph, from Unicode's own decompositions (⼊ -> 入, 不 (U+F967) -> 不)."""
    table: dict[int, str] = {}
    for lo, hi in _LOOKALIKE_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            norm = unicodedata.normalize("NFKC", ch)
            if len(norm) == 1 and norm != ch and _HAN_RE.match(norm):
                table[cp] = norm
    return table


@lru_cache(maxsize=1)
def _lookalike_chars() -> re.Pattern:
    """The characters the look-alike table changes: a page holding none (nearly every page) is left as it is."""
    return char_class(_lookalike_table())


def fold_lookalikes(mt: MappedText) -> MappedText:
    """Replace Kangxi radicals and compatibility ideographs by the unified character, in the text itself."""
    if _lookalike_chars().search(mt.text) is None:
        return mt
    return mt.translate(_lookalike_table())


def mark_ascii_full_stops(mt: MappedText) -> MappedText:
    """Write 。 for an ASCII full stop that ends a Chinese sentence: sentences, clauses and every rule read 。 as
    the end of a sentence, and a page punctuated in ASCII would otherwise be one sentence per line (its measures
    run together and its lists lose their items). A list number's dot stays (一.全面排查). Same length, so the
    offset map is unchanged."""
    if "." not in mt.text:
        return mt
    text = mt.text

    def stop(m: re.Match) -> str | None:
        return None if _NUMERAL_BEFORE.search(text, max(0, m.start() - 4), m.start()) else "。"

    return mt.sub(_ASCII_STOP, stop)


def remove_pinyin(mt: MappedText, rules: list[RegexRule]) -> tuple[MappedText, int]:
    """Delete pinyin annotations like 聯(lián); returns the new text and how many were removed."""
    edits = [(m.start(), m.end(), "") for rule in rules if not absent(rule.pattern, mt.text)
             for m in rule.pattern.finditer(mt.text)]
    return _apply_unique(mt, edits)


def is_mixed_token(token: str) -> bool:
    """A 2-char token mixing classes (letter+digit, letter+symbol, digit+symbol): typical of jammer strings."""
    if len(token) != 2:
        return False
    kinds = {"a" if c.isalpha() else "d" if c.isdigit() else "s" for c in token}
    return len(kinds) == 2


def remove_scrape_noise(mt: MappedText, rules: list[RegexRule]) -> tuple[MappedText, int]:
    """Delete anti-scrape strings ("; m; y* O0 H3 O7 }").

    A match counts when it has at least ``value`` (from the rule) mixed tokens and two tokens holding a symbol:
    runs of codes like "4G 5G 6G 7G" have no symbols, formulas like "x + y = z" no mixed tokens.
    """
    edits = []
    for rule in rules:
        if absent(rule.pattern, mt.text):
            continue
        need = int(rule.get("value", 3))
        for m in rule.pattern.finditer(mt.text):
            tokens = m.group(0).split()
            symbols = sum(not all(c.isalnum() for c in t) for t in tokens)
            if symbols >= 2 and sum(is_mixed_token(t) for t in tokens) >= need:
                edits.append((m.start(), m.end(), ""))
    return _apply_unique(mt, edits)


def _apply_unique(mt: MappedText, edits: list[tuple[int, int, str]]) -> tuple[MappedText, int]:
    """Apply deletions from several rules, dropping ones that overlap an earlier one."""
    kept, pos = [], -1
    for e in sorted(edits):
        if e[0] >= pos:
            kept.append(e)
            pos = e[1]
    return mt.apply(kept), len(kept)


def make_view(text: str) -> tuple[str, int, int]:
    """The matching view (Simplified, full-width folded, same length) plus Han count and Han chars changed by t2s."""
    simp = simplified(text)
    changed = sum(map(str.__ne__, text, simp)) if simp != text else 0
    han = len(_HAN_RE.findall(text))
    return fold(simp), han, changed


def count_lost_chars(text: str) -> int:
    """How many '?' / U+FFFD sit inside or next to Han text (bytes lost in a bad conversion: 異??圪M)."""
    if "\ufffd" not in text and "??" not in text:  # what every match holds; the lookbehinds make a scan slow
        return 0
    return sum(len(m.group(0)) for m in _LOST.finditer(text))
