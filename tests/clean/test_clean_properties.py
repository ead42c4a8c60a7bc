"""Property-based tests (hypothesis): the cleaner never raises, and its offset map is always valid."""
from __future__ import annotations

import html
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.clean.cleaner import STEPS, clean_text
from extractor.clean.textmap import MappedText

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces real pages are made of, so random text hits the interesting paths, not only noise.
PIECES = st.sampled_from([
    "中国联通", "聯(lián)", "持續(xù)", "(記者 司宇萌)", "(S2株)", "(2021)", "<p>", "</p>", "<br/>", "&amp;", "&#8221;",
    "&nbsp;", "\\u3000", "\u3000", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n\n", "，", "。", "；", "：", "?", "??",
    "\ufffd", "⼊", "\uf967", "１０", "ＡＰＰ", "－", "; m; y* O0 H3 O7 }", "一是", "二、", "①", "责任编辑：王磊",
    "版权所有", "友情链接:", "\u200b", "\ufeff", "<script>x</script>", "<!-- c -->", "a<b", "Mr Shithole",
])
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join),
)


def related(raw: str, clean: str) -> bool:
    """Whether clean character ``clean`` can stand for raw character ``raw`` it maps to."""
    if raw == clean:
        return True
    if clean.isspace() or clean == "\n":
        return True  # whitespace collapse, block tags, escapes and line endings become spaces/newlines
    if raw in "&\\<":
        return True  # decoded entity, literal escape, tag start
    if raw == "." and clean == "。":
        return True  # an ASCII full stop that ends a Chinese sentence (chars.mark_ascii_full_stops)
    return unicodedata.normalize("NFKC", raw) == clean  # folded look-alike


@SETTINGS
@given(TEXT)
def test_clean_text_never_raises_and_keeps_lengths(text):
    ct = clean_text(text)
    assert len(ct.view) == len(ct.text)
    assert len(ct.raw_index) == len(ct.text) + 1
    assert ct.script in ("simplified", "traditional")


@SETTINGS
@given(TEXT, st.text(max_size=40))
def test_raw_index_monotonic_and_in_bounds(text, title):
    ct = clean_text(text, title)
    idx = ct.raw_index
    assert all(a <= b for a, b in zip(idx, idx[1:]))
    assert all(0 <= i <= len(text) for i in idx)
    assert idx[-1] == len(text)


@SETTINGS
@given(TEXT)
def test_clean_characters_trace_back_to_input(text):
    ct = clean_text(text)
    for i, ch in enumerate(ct.text):
        assert related(text[ct.raw_index[i]], ch), (i, ch, text[ct.raw_index[i]])


@SETTINGS
@given(TEXT)
def test_skip_spans_are_valid_line_spans(text):
    ct = clean_text(text)
    for start, end, reason in ct.skip_spans:
        assert 0 <= start <= end <= len(ct.text)
        assert "\n" not in ct.text[start:end]
        assert reason == "duplicate" or reason.startswith("boilerplate:")


@pytest.mark.parametrize("name", [name for name, _ in STEPS])
@SETTINGS
@given(text=TEXT)
def test_each_step_maps_back(name, text):
    step = dict(STEPS)[name]
    mt = step(MappedText.from_text(text))
    assert len(mt.index) == len(mt.text) + 1 and mt.index[-1] == len(text)
    assert all(a <= b for a, b in zip(mt.index, mt.index[1:]))
    for i, ch in enumerate(mt.text):
        assert related(text[mt.index[i]], ch)


@pytest.mark.parametrize("text", [
    "！" * 100_000,
    "。\n" * 50_000,
    "\r\n\r\r\n\n" * 10_000,
    "中" * 200_000,
    "<" * 50_000 + ">" * 50_000,
    "&" * 100_000,
    "(lián)" * 20_000,
    "; m; y* " * 20_000,
    "a" * 300_000,
    "版权所有©" * 100_000,
    "被异" * 100_000 + "，被异" * 50_000,
])
def test_huge_repetitive_input_is_fine(text):
    ct = clean_text(text, text[:50])
    assert len(ct.view) == len(ct.text)


def test_entity_decoding_relates_back():
    ct = clean_text(html.escape("<p>中国&联通</p>"))
    assert ct.text == "<p>中国&联通</p>"
    assert ct.raw_index[:4] == [0, 4, 5, 9]  # "&lt;" -> "<", "p", "&gt;" -> ">", then 中
