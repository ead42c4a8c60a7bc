"""Bytes to text: detect the encoding from the content, never from the file extension.

Order of evidence (strongest first): a BOM, strict UTF-8, UTF-16 without BOM (NUL-byte pattern), then the
legacy Chinese candidates GB18030 and Big5 scored by how plausible the decoded text is as Chinese (share of
common characters; a wrong codec yields valid but rare characters). charset-normalizer only breaks near-ties:
on short Chinese texts it often mis-detects. Problems are reported as ``InputError(path, problem)``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import InputError
from .hanzi_common import COMMON_HANZI

_BOMS = (  # UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# (codec used to decode, name reported). big5hkscs is a superset of big5 (HK characters).
_LEGACY = (("gb18030", "gb18030"), ("big5hkscs", "big5"))
_TIE = 0.05  # scores closer than this are a tie, broken by charset-normalizer
_MAX_BAD_SHARE = 0.02  # more replaced bytes than this share of characters: undecodable
_MOJIBAKE = re.compile(r"(?:[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       r"\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122]{1,2}){2,}")
_GBK_MOJIBAKE = re.compile("锟斤拷|烫烫烫|屯屯屯")
_SAMPLE = 200_000  # characters scored per candidate: enough to decide, bounded for 20 MB files


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Common characters in both scripts (Traditional forms derived once with OpenCC)."""
    import opencc  # imported lazily: only needed when a legacy encoding must be chosen

    trad = opencc.OpenCC("s2t").convert(COMMON_HANZI)
    return frozenset(COMMON_HANZI) | frozenset(trad)


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def _is_expected_symbol(ch: str) -> bool:
    """Punctuation and forms normal in Chinese text (CJK punctuation, full-width forms, general punctuation)."""
    o = ord(ch)
    return (0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F or 0x00A0 <= o <= 0x00FF
            or 0x2460 <= o <= 0x24FF or 0x3200 <= o <= 0x32FF or 0x25A0 <= o <= 0x25FF)


def score_chinese(text: str) -> float:
    """Plausibility of ``text`` as (Chinese) text decoded with the right codec, in [-2, 1].

    1.0 = every non-ASCII character is a common Han character or normal punctuation. Rare Han characters count
    a little, replacement characters and odd scripts (Hangul, PUA, symbols a wrong codec produces) count against.
    """
    common = _common_chars()
    good = 0.0
    nonascii = 0
    for ch in text[:_SAMPLE]:
        if ch < "\x80":
            continue
        nonascii += 1
        if ch in common:
            good += 1.0
        elif _is_expected_symbol(ch):
            good += 0.8
        elif _is_han(ch):
            good += 0.25
        elif ch == "\ufffd":
            good -= 2.0
        elif unicodedata.category(ch) in ("Co", "Cn", "Cc"):
            good -= 1.0
    return good / nonascii if nonascii else 1.0


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_code_points(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (U+D800-U+DFFF: no character, and no UTF-8 encoder accepts them) replaced by
    U+FFFD, and how many there were. Decoded bytes never hold them; a Python string or a JSON ``"\\ud800"``
    escape can."""
    if text.isascii():
        return text, 0
    return _SURROGATE.subn("\ufffd", text)


def code_point_warning(n: int) -> str:
    """The document warning for ``n`` repaired code points."""
    return f"invalid code points replaced ({n} lone surrogate{'' if n == 1 else 's'})"


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR (old Mac files, mixed endings) become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_mojibake(text: str) -> str | None:
    """Name the kind of mojibake found in ``text``, or None.

    UTF-8 read as Latin-1/cp1252 shows as 'ä¸­å›½'; a check that the suspicious run re-encodes to valid UTF-8
    keeps ordinary accented Latin text ('café') from being flagged. GBK text that went through a replacement
    character shows as '锟斤拷'.
    """
    for m in _MOJIBAKE.finditer(text[:_SAMPLE]):
        run = m.group(0)
        for codec in ("cp1252", "latin-1"):
            try:
                run.encode(codec).decode("utf-8")
                sample = "".join(ch for ch in run[:12] if ch.isprintable())
                return f"possible mojibake (UTF-8 text read as Latin-1, e.g. '{sample}')"
            except UnicodeError:
                continue
    if _GBK_MOJIBAKE.search(text[:_SAMPLE]):
        return "possible mojibake ('锟斤拷'/'烫烫烫': bytes lost in an earlier GBK conversion)"
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NULs (high bytes of ASCII, some Latin) sit only at odd (LE) or even (BE) offsets.

    Chinese text in UTF-16 has few NULs, so the parity alone is weak evidence: the strict decode must also
    read as plausible text.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    # mostly on one side (a Han character like U+4E00 puts a NUL on the other side now and then)
    codec = "utf-16-le" if odd > 3 * even else "utf-16-be" if even > 3 * odd else None
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec if score_chinese(text) > 0.5 and _control_share(text) < 0.05 else None


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v" or ch == "\x7f")
    return bad / max(1, len(sample))


def _pick_legacy(data: bytes) -> tuple[str, str, int, float]:
    """Decode with each candidate (replacing bad bytes) and return (text, encoding, n_replaced, score)."""
    results = []
    for codec, name in (("utf-8", "utf-8"),) + _LEGACY:
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        results.append((score_chinese(text), -bad, text, name, bad))
    results.sort(key=lambda r: (r[0], r[1]), reverse=True)
    best = results[0]
    if len(results) > 1 and best[0] - results[1][0] < _TIE:
        hint = _normalizer_guess(data)
        for r in results[:2]:
            if hint and r[3] in hint:
                best = r
                break
    return best[2], best[3], best[4], best[0]


def _normalizer_guess(data: bytes) -> str:
    """charset-normalizer's best encoding name (lower case), '' when it has none."""
    from charset_normalizer import from_bytes

    match = from_bytes(data[:_SAMPLE]).best()
    if match is None:
        return ""
    enc = match.encoding.lower().replace("_", "")
    return {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030", "big5hkscs": "big5", "cp950": "big5",
            "utf8": "utf-8"}.get(enc, enc)


def decode_bytes(data: bytes, path: str) -> Decoded:
    """Decode a file's bytes to text with LF line endings; raise ``InputError(path, ...)`` when it is not text.

    Errors: "empty file", "binary file (...)", "undecodable bytes (...)". Warnings: replaced invalid bytes,
    possible mojibake.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    warnings: list[str] = []
    text = encoding = None
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text, encoding = data.decode(codec, errors="replace"), name
            break
    if text is None and b"\x00" in data:
        utf16 = _looks_utf16(data)
        if utf16 is None:
            raise InputError(path, "binary file (contains NUL bytes)")
        text, encoding = data.decode(utf16, errors="replace"), utf16
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, bad, score = _pick_legacy(data)
            if bad > max(3, _MAX_BAD_SHARE * len(text)) or score < 0.3:
                raise InputError(path, "undecodable bytes (not UTF-8, GB18030 or Big5)") from None
            if bad:
                warnings.append(f"invalid {encoding.upper()} bytes replaced ({bad})")
    else:
        bad = text.count("\ufffd")
        if bad:
            warnings.append(f"invalid {encoding.upper()} bytes replaced ({bad})")
    if text.startswith("\ufeff"):
        text = text[1:]
    if _control_share(text) > 0.05:
        raise InputError(path, "binary file (mostly control characters)")
    if not text.strip():
        raise InputError(path, "empty file")
    moji = find_mojibake(text)
    if moji:
        warnings.append(moji)
    return Decoded(normalize_newlines(text), encoding, warnings)
