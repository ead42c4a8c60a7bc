"""Table tests for each cleaning step and for clean_text as a whole (real sentences, positive and negative)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.clean import CleanText, clean_text
from extractor.clean.chars import count_lost_chars, fold_lookalikes, make_view
from extractor.clean.markup import decode_entities, decode_escapes, normalize_controls, strip_tags, tidy_whitespace
from extractor.clean.textmap import MappedText

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def run(step, text: str) -> str:
    return step(MappedText.from_text(text)).text


# --- textmap -----------------------------------------------------------------------------------------------

def test_apply_keeps_map_for_deletion_and_replacement():
    mt = MappedText.from_text("聯(lián)通&amp;").apply([(1, 7, ""), (8, 13, "&")])
    assert mt.text == "聯通&"
    assert mt.index == [0, 7, 8, 13]


def test_apply_rejects_overlapping_edits():
    with pytest.raises(ValueError):
        MappedText.from_text("中国联通").apply([(0, 2, ""), (1, 3, "")])


# --- controls, tags, entities, escapes -----------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("整改措施\r\n一是加强管理\r二是", "整改措施\n一是加强管理\n二是"),
    ("中国\u200b联通\ufeff致歉", "中国联通致歉"),
    ("软\u00ad件升级", "软件升级"),
    # bidirectional marks of text copied from an app (left-to-right mark, an isolate)
    ("公司\u200e已经\u2066道歉\u2069。", "公司已经道歉。"),
    ("第一行\n第二行", "第一行\n第二行"),
])
def test_normalize_controls(raw, clean):
    assert run(normalize_controls, raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("<p>一是迅速进行回退处理</p><p>二是设立客服专线</p>", "\n一是迅速进行回退处理\n\n二是设立客服专线\n"),
    ('<a class="trsHotWords" href="x">中国联通</a>官方微博', "中国联通官方微博"),
    ("致歉<br/>声明", "致歉\n声明"),
    ("<script>var a = '<p>';</script>正文", "\n正文"),
    ("<!-- 广告 -->正文", "正文"),
    ("若 a<b 且 c>d 则", "若 a<b 且 c>d 则"),
    ("对1<2的情况", "对1<2的情况"),
])
def test_strip_tags(raw, clean):
    assert run(strip_tags, raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("声明中有&#8221;幕后黑手&#8221;", "声明中有”幕后黑手”"),
    ("AT&amp;T 致歉", "AT&T 致歉"),
    ("价格&nbsp;调整", "价格\u00a0调整"),
    ("R&D部门", "R&D部门"),
    ("&unknownentity;保留", "&unknownentity;保留"),
])
def test_decode_entities(raw, clean):
    assert run(decode_entities, raw) == clean


@pytest.mark.parametrize("raw, clean", [
    ("\\u3000\\u3000中国科学院大学19日通报", "\u3000\u3000中国科学院大学19日通报"),
    ("路径C:\\users\\u0041", "路径C:\\users\\u0041"),
])
def test_decode_escapes(raw, clean):
    assert run(decode_escapes, raw) == clean


# --- whitespace ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("  一是加强管理。  \n二是", "一是加强管理。\n二是"),
    ("整 改 措 施", "整改措施"),
    ("寬帶包年用戶入網時可選擇 “停機”", "寬帶包年用戶入網時可選擇“停機”"),
    ("道歉 。", "道歉。"),
    ("开通10015-6  服务专线", "开通10015-6 服务专线"),
    ("推出  APP\t功能", "推出 APP 功能"),
    ("中国联通回应携号转网困难\u3000湖南联通表态", "中国联通回应携号转网困难 湖南联通表态"),
    ("安全\u00a0 山西省", "安全 山西省"),
    ("第一段\n\n\n\n第二段", "第一段\n\n第二段"),
    ("\n\n标题\n", "标题"),
    ("Mr Shithole said", "Mr Shithole said"),
])
def test_tidy_whitespace(raw, clean):
    assert run(tidy_whitespace, raw) == clean


# --- look-alikes, view, lost characters ---------------------------------------------------------------------------

@pytest.mark.parametrize("raw, clean", [
    ("落实⼊网实名制", "落实入网实名制"),  # U+2F0A KANGXI RADICAL ENTER
    ("不能\uf967離開病人", "不能不離開病人"),  # U+F967 CJK COMPATIBILITY IDEOGRAPH
    ("⺟婴用品", "母婴用品"),  # U+2E9F CJK RADICAL MOTHER
    ("入网实名制", "入网实名制"),
    ("，：；（）", "，：；（）"),
])
def test_fold_lookalikes(raw, clean):
    assert run(fold_lookalikes, raw) == clean


@pytest.mark.parametrize("text, view", [
    ("中國聯通客服熱線１００１０", "中国联通客服热线10010"),
    ("ＡＰＰ　上線", "APP 上线"),
    ("開通10015－6服務專線", "开通10015-6服务专线"),
    ("整改措施：一是，二是；（一）", "整改措施：一是，二是；（一）"),
    ("乾淨的頭髮", "干净的头发"),
])
def test_make_view(text, view):
    got, _, _ = make_view(text)
    assert got == view and len(got) == len(text)


@pytest.mark.parametrize("text, n", [
    ("被異??圪M", 2),
    ("中\ufffd\ufffd文", 2),
    ("哄抬价格怎么认定?湖北发布", 0),
    ("真的吗??", 0),
    ("What??", 0),
])
def test_count_lost_chars(text, n):
    assert count_lost_chars(text) == n


# --- clean_text -------------------------------------------------------------------------------------------------

def test_clean_text_interface_and_offsets():
    raw = "<p>中國聯(lián)通表示，持續(xù)改進服務。</p>"
    ct = clean_text(raw)
    assert isinstance(ct, CleanText)
    assert ct.text == "中國聯通表示，持續改進服務。"
    assert ct.view == "中国联通表示，持续改进服务。"
    assert len(ct.raw_index) == len(ct.text) + 1
    assert raw[ct.raw_index[3]] == "通"  # traces back past the removed annotation
    assert ct.script == "traditional"


@pytest.mark.parametrize("text, script", [
    ("中國聯通回應媒體曝光：哈爾濱聯通專項治理", "traditional"),
    ("中国联通回应携号转网困难，湖南联通表态：坚决落实", "simplified"),
    ("公司於是决定整改", "simplified"),  # one stray Traditional character is not a Traditional text
    ("Apology statement", "simplified"),
])
def test_script_detection(text, script):
    assert clean_text(text).script == script


def test_lost_characters_warning():
    ct = clean_text("用戶遭遇異??圪M扣費")
    assert "lost characters ('?') inside Han text: 2" in ct.warnings


def test_no_warning_on_clean_sentence():
    assert clean_text("中国联通表示，已向相关用户诚恳道歉。").warnings == []


def test_seed_001_loses_injected_fragments_but_keeps_words():
    raw = (CORPUS / "001_fea7d35032dd25c1.txt").read_text(encoding="utf-8")
    ct = clean_text(raw)
    body = ct.text[ct.text.index("中国消费者报北京讯"):ct.text.index("责任编辑")]
    for frag in ("中国踪扣", "联通凌晨", "用户原路", "费报费已", ",被异", "。被异", ",常扣", ",道追", "。道追"):
        assert frag not in body, frag
    assert "5月9日,《中国消费者报》" in body
    assert "扣费已原路退回" in body
    assert body.count("异常扣费") == 3
    assert body.count("中国联通") == 5


def test_seed_001_boilerplate_spans():
    raw = (CORPUS / "001_fea7d35032dd25c1.txt").read_text(encoding="utf-8")
    ct = clean_text(raw)
    skipped = {ct.text[s:e] for s, e in ct.boilerplate}
    assert "责任编辑:赵英男" in skipped
    assert any(t.startswith("相关新闻推荐") for t in skipped)
    assert any(t.startswith("友情链接") for t in skipped)
    measure = ct.text.index("迅速进行回退处理")
    assert not ct.is_skipped(measure, measure + 8)


def test_seed_003_pinyin_removed_everywhere():
    raw = (CORPUS / "003_b5eccb2a8ffc8f38.txt").read_text(encoding="utf-8")
    ct = clean_text(raw)
    assert "(lián)" not in ct.text and "(xù)" not in ct.text
    assert "中國聯通" in ct.text and "持續改進服務" in ct.text
    start = ct.text.index("持續改進服務")
    assert raw[ct.raw_index[start]:ct.raw_index[start + 6]] == "持續(xù)改進服務"
