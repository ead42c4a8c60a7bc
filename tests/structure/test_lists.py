"""Enumerated lists: every ordinal scheme, nesting, item boundaries, list kinds; offsets into the clean text."""
import json
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.structure import find_lists

CASES = Path(__file__).parents[1] / "cases"
CORPUS = Path(__file__).parents[2] / "corpus"
POSITIVE = [json.loads(l) for l in (CASES / "lists.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
NEGATIVE = [json.loads(l) for l in (CASES / "lists_negative.jsonl").read_text(encoding="utf-8").splitlines()
            if l.strip()]


@pytest.fixture(scope="module")
def rs():
    return load_ruleset()


def _lists(text, rs):
    clean = clean_text(text)
    return clean, find_lists(clean.text, clean.view, rs)


@pytest.mark.parametrize("case", POSITIVE, ids=[f"{c['rule']}:{c['text'][:12]}" for c in POSITIVE])
def test_list_items_and_offsets(case, rs):
    clean, lists = _lists(case["text"], rs)
    leaf = [fl for fl in lists if fl.kind != "container"]
    assert len(leaf) == 1, [(fl.scheme, [clean.text[i.start:i.end] for i in fl.items]) for fl in leaf]
    fl = leaf[0]
    assert [clean.text[it.start:it.end] for it in fl.items] == case["items"]
    assert [it.ordinal for it in fl.items] == case["ordinals"]


@pytest.mark.parametrize("case", POSITIVE, ids=[f"{c['rule']}:{c['text'][:12]}" for c in POSITIVE])
def test_list_kind_and_rule(case, rs):
    _, lists = _lists(case["text"], rs)
    fl = [fl for fl in lists if fl.kind != "container"][0]
    assert fl.kind == case["kind"]
    assert case["rule"] in (fl.rule, fl.kind_rule)


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["text"][:12] for c in NEGATIVE])
def test_no_list(case, rs):
    _, lists = _lists(case["text"], rs)
    assert lists == []


def test_items_never_overlap_and_keep_order(rs):
    text = (CORPUS / "003_b5eccb2a8ffc8f38.txt").read_text(encoding="utf-8")
    clean, lists = _lists(text, rs)
    for fl in lists:
        spans = [(it.start, it.end) for it in fl.items]
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_nested_sections_of_seed_003(rs):
    text = (CORPUS / "003_b5eccb2a8ffc8f38.txt").read_text(encoding="utf-8")
    clean, lists = _lists(text, rs)
    kinds = [(fl.level, fl.kind, len(fl.items)) for fl in lists]
    assert kinds == [(0, "container", 3), (1, "findings", 4), (1, "accountability", 3), (1, "measures", 5)]
    measures = lists[3]
    assert measures.section.startswith("整改措施")
    assert clean.text[measures.items[-1].start:measures.items[-1].end].startswith("健全完善服務工作常態長效機制")
    assert clean.text[measures.items[-1].start:measures.items[-1].end].endswith("提高服務水平。")


def test_last_item_stops_before_narrative_in_seed_000(rs):
    from extractor.load import Source, load_source

    doc = load_source(Source("000.txt", str(CORPUS / "000_96c7af21cd661f14.txt")))[0]
    clean, lists = _lists(doc.text, rs)
    last = lists[0].items[-1]
    assert clean.text[last.start:last.end].endswith("严肃进行管理问责追责。")
    assert "中国联通称" not in clean.text[last.start:last.end]


def test_every_ordinal_and_list_rule_has_a_case(rs):
    ids = {r.id for r in rs.regex("ordinals")} | {r.id for r in rs.regex("lists") if r.id.startswith(("list", "list_kind"))}
    covered = {c["rule"] for c in POSITIVE}
    # list_intro.* rules are evidence for the item decision (tests/decide/test_features.py), not list finders
    missing = sorted(i for i in ids if i not in covered and not i.startswith(("list_end.", "list_intro.")))
    assert not missing, f"rules without a case in tests/cases/lists.jsonl: {missing}"


def test_last_inline_item_stops_at_a_reporting_frame(rs):
    """list_end.reporting_frame: 该公司负责人表示，… after the last item is narrative, not part of it."""
    text = ("公司采取了以下措施：一是全面排查同类设备。二是对涉事员工停职处理。"
            "该公司负责人表示，目前各项工作正在有序推进，后续进展将及时向社会公布。")
    clean, lists = _lists(text, rs)
    last = lists[0].items[-1]
    assert clean.text[last.start:last.end] == "对涉事员工停职处理。"
    frame = rs.by_id("list_end.reporting_frame").pattern
    assert frame.match("该公司负责人表示，目前各项工作正在有序推进。")
    assert not frame.match("对涉事员工停职处理。")


def test_a_page_cut_off_mid_list_keeps_the_items_it_has(rs):
    text = "公司采取以下措施：\n一是全面回退异常扣费，确保用户权益。\n二是开通服务专线10015-6。\n三是对相关责任人"
    clean, lists = _lists(text, rs)
    items = [clean.text[it.start:it.end] for it in lists[0].items]
    assert items == ["全面回退异常扣费，确保用户权益。", "开通服务专线10015-6。", "对相关责任人"]


def _items_with_site_lines(view: str, rs) -> list[str]:
    from extractor.candidates.collect import find_candidates, find_signals

    cands = find_candidates(find_signals(clean_text(view), "", rs), rs)
    return [cands.clean.view[it.start:it.end] for fl in cands.lists for it in fl.items]


def test_an_item_does_not_run_over_the_sites_line_between_two_items(rs):
    # A share bar or a picture credit between two items of a recall notice (dev2 d001's 1、/2、 items, with such a
    # line put between them) had joined the first item and made the list read as sections, the last item then
    # running on to the end of the page.
    items = ("上汽通用五菱汽车股份有限公司日前向国家市场监督管理总局备案了召回计划,将自即日起召回部分宝骏汽车,"
             "共计二万余辆。召回范围内的车辆存在以下问题,公司将采取下列措施:\n"
             "1、由于供应商制造原因,本次召回范围内部分车辆燃油管间隙偏小,存在安全隐患。公司将对召回范围内的车辆进行免费检修。\n"
             "{line}\n"
             "2、公司将通过特约维修服务中心主动与相关车主取得联系,安排免费更换事宜。\n"
             "|\n")
    plain = _items_with_site_lines(items.replace("{line}\n", ""), rs)
    for line in ("分享到：微信 微博", "（图片来源：网络）"):
        assert _items_with_site_lines(items.replace("{line}", line), rs) == plain
    assert [p[-5:] for p in plain] == ["免费检修。", "更换事宜。"]


def test_a_section_is_its_heading_and_its_paragraphs_are_prose(rs):
    # An item of several paragraphs is a section: the item is its heading line (a case of a discipline notice is
    # a finding, a commentator's point none), the paragraphs under it are prose for the clause decisions, whatever
    # site line sits right under the heading.
    view = ("一、事件背景\n分享到：微信 微博\n近日，我行网点发生一起服务纠纷。\n经核查，员工处置不当。\n"
            "二、整改措施\n我行已对相关员工进行批评教育。\n加强服务培训。\n")
    assert _items_with_site_lines(view, rs) == ["事件背景", "整改措施"]
    clean, lists = _lists(view, rs)
    assert [it.is_section for it in lists[0].items] == [True, True]


def test_a_long_first_line_is_the_item_and_the_paragraphs_after_it_are_prose(rs):
    # 首先是Mac和ip…: an item whose first line is a paragraph of its own (over SECTION_HEADING characters) is that
    # paragraph, not a section's heading; the paragraphs up to the next marker are the page's prose. No gold
    # measure or finding of the shared sets runs over two paragraphs; a commentary's 首先 … 此外, forty
    # paragraphs apart, had made one item of all of them when the page was read from HTML (single line ends).
    first = "第一阶段于2018年3月展开。当时公司首次在系统中发现可疑活动迹象，马上采取行动了解堵截该等活动，并聘请了一家网络安全公司协助调查。"
    view = (f"公司表示，事件分三个阶段处理。\n{first}\n在这个调查阶段，系统仍然不断受到攻击。\n"
            "第二阶段，公司集中确认哪些乘客资料被取览。\n第三阶段，公司通知受影响的乘客。\n")
    clean, lists = _lists(view, rs)
    items = [it for fl in lists for it in fl.items]
    first_item = clean.text[items[0].start:items[0].end]
    assert first_item.startswith("于2018年3月") and first_item.endswith("网络安全公司协助调查。"), first_item
    assert not items[0].is_section
