"""Encoding detection from bytes: real sentences encoded in each supported encoding, and bad bytes."""
from __future__ import annotations

import codecs

import pytest

from extractor.errors import InputError
from extractor.load.decode import decode_bytes, find_mojibake, normalize_newlines, score_chinese

SIMP = "中国联通表示，一是迅速进行回退处理，确保用户权益不受损害；二是迅速设立客服专线。"
TRAD = "中國聯通表示，一是迅速進行回退處理，確保用戶權益不受損害；二是迅速設立客服專線。"
SHORT_SIMP = "退款已到账"
SHORT_TRAD = "對此深表歉意"

ENCODINGS = [
    # (case, bytes, expected text, expected encoding)
    ("utf-8", SIMP.encode("utf-8"), SIMP, "utf-8"),
    ("utf-8 with BOM", SIMP.encode("utf-8-sig"), SIMP, "utf-8-sig"),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + TRAD.encode("utf-16-le"), TRAD, "utf-16"),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + SIMP.encode("utf-16-be"), SIMP, "utf-16"),
    ("utf-16 LE without BOM", ("2022年5月10日 " + SIMP).encode("utf-16-le"), "2022年5月10日 " + SIMP, "utf-16-le"),
    ("gbk", SIMP.encode("gbk"), SIMP, "gb18030"),
    ("gb18030 traditional", TRAD.encode("gb18030"), TRAD, "gb18030"),
    ("big5", TRAD.encode("big5"), TRAD, "big5"),
    ("short gbk", SHORT_SIMP.encode("gbk"), SHORT_SIMP, "gb18030"),
    ("short big5", SHORT_TRAD.encode("big5"), SHORT_TRAD, "big5"),
    ("ascii", b"Apology statement", "Apology statement", "utf-8"),
]


@pytest.mark.parametrize("case,data,text,encoding", ENCODINGS, ids=[c[0] for c in ENCODINGS])
def test_decode_detects_encoding(case, data, text, encoding):
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.warnings == []


def test_decode_replaces_few_invalid_utf8_bytes_with_warning():
    decoded = decode_bytes(SIMP.encode() + b"\xff\xfe" + SIMP.encode(), "a.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text == SIMP + "\ufffd\ufffd" + SIMP
    assert decoded.warnings == ["invalid UTF-8 bytes replaced (2)"]


def test_decode_truncated_utf8_keeps_text_and_warns():
    decoded = decode_bytes(SIMP.encode()[:-1], "a.txt")
    assert decoded.text.startswith(SIMP[:-1])
    assert decoded.warnings == ["invalid UTF-8 bytes replaced (1)"]


def test_decode_gbk_cut_mid_character_warns():
    decoded = decode_bytes(SIMP.encode("gbk")[:-1], "a.txt")
    assert decoded.encoding == "gb18030"
    assert decoded.text.startswith(SIMP[:-1])
    assert decoded.warnings == ["invalid GB18030 bytes replaced (1)"]


def test_decode_normalises_mixed_line_endings():
    decoded = decode_bytes("一是回退\r\n二是专线\r三是问责\n".encode("gbk"), "a.txt")
    assert decoded.text == "一是回退\n二是专线\n三是问责\n"


BAD = [
    ("empty", b"", "a.txt: empty file"),
    ("whitespace only", b" \r\n\t", "a.txt: empty file"),
    ("NUL bytes", bytes(range(256)) * 4, "a.txt: binary file (contains NUL bytes)"),
    ("control characters", b"\x01\x02\x03\x04\x05\x06abc" * 20, "a.txt: binary file (mostly control characters)"),
    ("random high bytes", bytes((i * 7919 + 13) % 128 + 128 for i in range(3000)),
     "a.txt: undecodable bytes (not UTF-8, GB18030 or Big5)"),
]


@pytest.mark.parametrize("case,data,message", BAD, ids=[c[0] for c in BAD])
def test_decode_rejects_non_text_with_message_naming_file(case, data, message):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt")
    assert str(err.value) == message


MOJIBAKE = [
    ("utf-8 read as latin-1", SIMP.encode().decode("latin-1"), "UTF-8 text read as Latin-1"),
    ("utf-8 read as cp1252", "中国联通致歉".encode().decode("cp1252", errors="replace"), "UTF-8 text read as Latin-1"),
    ("gbk replacement residue", "用户反映锟斤拷锟斤拷乱码", "锟斤拷"),
    ("clean chinese", SIMP, None),
    ("accented latin", "Le café de la gare a présenté ses excuses.", None),
]


@pytest.mark.parametrize("case,text,expected", MOJIBAKE, ids=[c[0] for c in MOJIBAKE])
def test_find_mojibake(case, text, expected):
    found = find_mojibake(text)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found


def test_decode_warns_on_mojibake():
    decoded = decode_bytes(SIMP.encode().decode("latin-1").encode("utf-8"), "a.txt")
    assert any(w.startswith("possible mojibake") for w in decoded.warnings)


def test_score_prefers_right_codec():
    data = SIMP.encode("gbk")
    assert score_chinese(data.decode("gb18030")) > score_chinese(data.decode("big5hkscs", errors="replace"))


def test_normalize_newlines():
    assert normalize_newlines("a\r\nb\rc\n") == "a\nb\nc\n"
