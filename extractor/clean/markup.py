"""Cleaning steps for markup and layout: control characters, tags, entities, escapes, whitespace.

Each function takes and returns a :class:`~extractor.clean.textmap.MappedText`, so offsets survive every step.
"""
from __future__ import annotations

import html
import re

from .textmap import MappedText

__all__ = [
    "normalize_controls", "strip_tags", "decode_entities", "decode_escapes", "tidy_whitespace", "tidy_newlines",
    "HAN", "CJK_PUNCT",
]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width and CJK punctuation next to which a space is never meaningful.
CJK_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u00b7"

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Invisible characters that break matching and carry no meaning in running text: controls, soft hyphens,
# zero-width characters, BOMs, interlinear annotation marks, and the bidirectional marks that text copied from apps
# carries (U+200E/200F, the embeddings and isolates: Unicode's Bidi_Control). Between two characters of a word,
# each hides the word from every rule.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
                        r"\ufff9-\ufffb]+")

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "dd", "dt", "dl", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "section", "article", "header", "footer", "hr", "pre", "title", "td", "th",
}
_DROP_ELEMENTS = re.compile(r"<(script|style|noscript)\b[^>]{0,500}>.{0,200000}?</\1\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.{0,200000}?-->", re.S)
# A tag's attributes start with an ASCII name, so "若 a<b 且 c>d" (a comparison in prose) is not a tag.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]{0,30})(?:\s+[A-Za-z_:@][^<>]{0,2000})?\s*/?>|<![A-Za-z][^<>]{0,500}>|<\?[^<>]{0,500}\?>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")

_HSPACE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_EDGE_NEWLINES = re.compile(r"\A\n+|\n+\Z")
_HAN_RE = re.compile(f"[{HAN}]")
_PUNCT_RE = re.compile(f"[{CJK_PUNCT}]")


def normalize_controls(mt: MappedText) -> MappedText:
    """Unify line endings to "\\n" and drop invisible characters (zero-width space, BOM, soft hyphen, C0 controls)."""
    mt = mt.sub(_NEWLINES, "\n")
    return mt.sub(_INVISIBLE, "")


def strip_tags(mt: MappedText) -> MappedText:
    """Remove leftover HTML: script/style elements, comments and tags; block-level tags become a newline."""
    if "<" not in mt.text:
        return mt
    mt = mt.sub(_DROP_ELEMENTS, "\n").sub(_COMMENT, "")

    def repl(m: re.Match) -> str:
        name = (m.group(1) or "").lower()
        return "\n" if name in _BLOCK_TAGS else ""

    return mt.sub(_TAG, repl)


def decode_entities(mt: MappedText) -> MappedText:
    """Decode HTML entities (&amp; &#8221; &nbsp;); unknown names stay as written."""
    if "&" not in mt.text:
        return mt

    def repl(m: re.Match) -> str | None:
        out = html.unescape(m.group(0))
        return None if out == m.group(0) else out

    return mt.sub(_ENTITY, repl)


def decode_escapes(mt: MappedText) -> MappedText:
    r"""Decode literal ``\u3000``-style escapes left by feed dumps, only for spaces, CJK punctuation and Han."""
    if "\\u" not in mt.text:
        return mt

    def repl(m: re.Match) -> str | None:
        ch = chr(int(m.group(1), 16))
        if ch.isspace() or _HAN_RE.match(ch) or _PUNCT_RE.match(ch):
            return ch
        return None

    return mt.sub(_ESCAPE, repl)


def _space_repl(m: re.Match) -> str:
    """What a run of horizontal spaces becomes, decided by its neighbours."""
    s = m.string
    before = s[m.start() - 1] if m.start() else "\n"
    after = s[m.end()] if m.end() < len(s) else "\n"
    if before == "\n" or after == "\n":
        return ""  # strip lines
    if _PUNCT_RE.match(before) or _PUNCT_RE.match(after):
        return ""
    if _HAN_RE.match(before) and _HAN_RE.match(after):
        # one stray ASCII space inside Han text is noise ("整 改"); a wider gap is a deliberate separator
        return "" if m.group(0) == " " else " "
    return " "


def tidy_whitespace(mt: MappedText) -> MappedText:
    """Collapse space runs, strip lines, drop spaces inside Han text and next to CJK punctuation, 3+ newlines -> 2."""
    return tidy_newlines(mt.sub(_HSPACE, _space_repl))


def tidy_newlines(mt: MappedText) -> MappedText:
    """3+ newlines -> 2, no newlines at the very start or end (safe to run again after deletions)."""
    mt = mt.sub(_MANY_NEWLINES, "\n\n")
    return mt.sub(_EDGE_NEWLINES, "")
