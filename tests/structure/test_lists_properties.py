"""Property tests of the list finder: any Unicode input, valid offsets, items in order and never overlapping."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.candidates.collect import site_lines
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.structure import find_lists

RS = load_ruleset()
# Text built from the pieces lists are made of, so that markers, nesting and series actually occur.
PIECES = st.sampled_from(["一是", "二是", "三是", "一、", "二、", "（一）", "（二）", "(1)", "(2)", "1.", "2.", "1、", "2、",
                          "①", "②", "第一，", "第二，", "首先，", "其次，", "最后，", "其一，", "其二，", "措施为：", "如下：",
                          "；", "。", "，", "\n", "整改", "回退处理", "开通专线", "存在的主要问题", "责任处理", "给予警告",
                          "公司", "10015-6", " ", "？", "“", "”", "\n分享到：微信\n", "\n图源：网络\n"])
TEXT = st.one_of(st.text(max_size=300), st.lists(st.one_of(PIECES, st.text(max_size=5)), max_size=60).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_list_finder_never_raises_and_keeps_offsets_valid(raw):
    clean = clean_text(raw)
    lists = find_lists(clean.text, clean.view, RS, [(s, e) for s, e, _ in clean.skip_spans], site_lines(clean))
    for fl in lists:
        spans = [(it.start, it.end) for it in fl.items]
        assert all(0 <= s < e <= len(clean.text) for s, e in spans)
        assert spans == sorted(spans), "items in document order"
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "items never overlap"
        assert len(fl.items) >= 2
        for it in fl.items:
            if it.marker is not None:
                assert it.start == it.marker.end, "an item starts right after its marker"
        if fl.parent is not None:
            assert fl.parent.start <= spans[0][0] and spans[-1][1] <= fl.parent.end, "nested inside its parent"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_whole_pipeline_never_fails_and_every_value_slices_back(raw):
    from extractor.run import Options, extract_text

    # format="text": read as a .txt file; the default, "auto", may find (malformed) JSON or HTML in random text
    rec = extract_text(raw, doc_id="h.txt", options=Options(segmenter="none", timeout=None), format="text")
    assert rec["status"] == "ok", rec["error"]
    text = rec["clean_text"]
    for key, field in (("measures", "text"), ("findings", "text"), ("parties", "name"), ("hotlines", "number")):
        for value in rec[key]:
            assert text[value["start"]:value["end"]] == value[field]
