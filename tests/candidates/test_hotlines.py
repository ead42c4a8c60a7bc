"""Hotline extraction: table-driven over tests/cases/hotlines.jsonl, plus offsets, spans/skip and rule coverage."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.candidates import find_hotlines, normalize_number
from extractor.ruleset import load_ruleset

CASES_FILE = Path(__file__).parents[1] / "cases" / "hotlines.jsonl"
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
RULES = load_ruleset()


class _Without:
    """The shipped rules minus one hotline rule, to show that the rule decides its case."""

    def __init__(self, rule_id: str):
        self.rule_id = rule_id

    def regex(self, name: str):
        return [r for r in RULES.regex(name) if r.id != self.rule_id]


def _case_id(case: dict) -> str:
    return f"{case['rule'] or 'none'}:{case['text'][:18]}"


def _found(text: str, ruleset=RULES):
    return find_hotlines(clean_text(text), ruleset)


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_case_numbers(case):
    assert [h.normalized for h in _found(case["text"])] == case["numbers"], case["note"]


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"]], ids=_case_id)
def test_case_rule_decides(case):
    """A number rule is the one that fired; any other rule changes the result when it is removed."""
    rule = RULES.by_id(case["rule"])
    assert rule is not None, f"unknown rule id {case['rule']}"
    found = _found(case["text"])
    if rule.get("role") == "number":
        assert case["rule"] in {h.rule for h in found}
    else:
        without = _found(case["text"], _Without(case["rule"]))
        assert [(h.normalized, h.kind) for h in without] != [(h.normalized, h.kind) for h in found]


def test_every_rule_has_a_case():
    covered = {c["rule"] for c in CASES}
    missing = [r.id for r in RULES.regex("hotlines") if r.id not in covered]
    assert missing == []


def test_every_rule_has_a_role():
    roles = {"number", "context", "context_reject", "reject"}
    assert [r.id for r in RULES.regex("hotlines") if r.get("role") not in roles] == []


@pytest.mark.parametrize("case", [c for c in CASES if c["numbers"]], ids=_case_id)
def test_offsets_point_at_number_as_written(case):
    clean = clean_text(case["text"])
    for h in find_hotlines(clean, RULES):
        assert clean.text[h.start:h.end] == h.number


@pytest.mark.parametrize("text, kind, context", [
    ("达芬奇家居终于开通全国性的投诉热线4006505867", "complaint", "投诉热线"),
    ("开通10015-6服务专线，以专席积极主动妥善处理", "service", "服务专线"),
    ("如对处理结果不满意，消费者可拨打12315进行投诉。", "government", "可拨打"),
    ("咨询电话：010-12345678转8001", "landline", "咨询电话"),
    ("受影响的客户可致电138-1234-5678，专人负责对接。", "mobile", "可致电"),
])
def test_kind_and_context(text, kind, context):
    (h,) = _found(text)
    assert (h.kind, h.context) == (kind, context)


@pytest.mark.parametrize("number, normalized", [
    ("400 610 1360", "400-610-1360"),
    ("４００－６１０－１３６０", "400-610-1360"),
    ("4006101360", "4006101360"),
    ("(0451)86201234", "0451-86201234"),
    ("（0451）86201234", "0451-86201234"),
    ("010-12345678转8001", "010-12345678-8001"),
    ("10015-6", "10015-6"),
])
def test_normalize_number(number, normalized):
    assert normalize_number(number) == normalized


def test_traditional_script_is_matched_on_the_view():
    (h,) = _found("如有疑問，請致電客服熱線95588。")
    assert (h.number, h.context) == ("95588", "客服熱線")


def test_spans_restrict_the_search():
    text = "客服热线95588。另请拨打10086咨询。"
    clean = clean_text(text)
    cut = text.index("。") + 1
    assert [h.number for h in find_hotlines(clean, RULES, spans=[(cut, len(text))])] == ["10086"]


def test_skip_ignores_boilerplate():
    text = "如有疑问请拨打95588。网站客服热线4006101360"
    clean = clean_text(text)
    footer = (text.index("网站"), len(text))
    assert [h.number for h in find_hotlines(clean, RULES, skip=[footer])] == ["95588"]


def test_results_sorted_and_unique():
    text = "服务热线：400-610-1360、95588，投诉电话：12315"
    found = _found(text)
    assert [h.start for h in found] == sorted({h.start for h in found})
    assert [h.normalized for h in found] == ["400-610-1360", "95588", "12315"]


def test_html_attribute_does_not_swallow_the_sentence():
    """A stock-code attribute before the text (seed 000 as scraped) must not hide the hotline after it."""
    text = '<a code="600050">中国联通</a>介绍，二是迅速设立客服专线，开通10015-6服务专线。'
    assert [h.normalized for h in _found(text)] == ["10015-6"]


def test_overlap_index_answers_as_a_scan_does():
    """The log-time overlap index the number candidates use (structure.SpanSet: a page of thousands of numbers
    must not compare each with all others) gives the answer of the plain scan, for ranges that overlap one
    another and touch at their ends, asked about numbers (never empty)."""
    import random

    from extractor.structure import SpanSet

    rng = random.Random(7)
    for _ in range(300):
        ranges = [(s, s + rng.randint(0, 6)) for s in (rng.randint(0, 40) for _ in range(rng.randint(0, 8)))]
        index = SpanSet(ranges)
        for _ in range(20):
            s = rng.randint(0, 45)
            e = s + rng.randint(1, 6)
            assert index.overlaps(s, e) == any(s < b and a < e for a, b in ranges), (ranges, s, e)


def test_a_page_of_numbers_keeps_every_number_once():
    """Thousands of numbers on one page (a price list, a page of links): each one is a candidate once, and
    the longer reading of overlapping digits wins as before."""
    from extractor.candidates.hotlines import hotline_candidates

    text = "".join(f"第{i}条：请拨打客服热线400-{i % 1000:03d}-{i:04d}。\n" for i in range(1, 3001))
    numbers = hotline_candidates(clean_text(text), load_ruleset())
    assert [c.number for c in numbers[:2]] == ["400-001-0001", "400-002-0002"]
    assert len(numbers) == 3000
    assert all(a.end <= b.start for a, b in zip(numbers, numbers[1:]))


def test_a_publishers_line_is_never_offered_by_the_responder():
    """A statement reposted by a news site keeps the site's footer (新聞熱線:…): the candidate says it is the
    publisher's line, and the hotline decision never accepts it, whatever its model says of the wording."""
    from extractor.candidates import find_candidates, find_signals
    from extractor.decide import LinearModel, Model, decide_hotlines, load_model

    text = ("关于患者就医投诉的情况说明\n我院高度重视，已成立调查组。如有疑问，请拨打医院客服热线0571-87654321。\n"
            "新聞投稿:news@example.com 新聞熱線:13157110107\n")
    cands = find_candidates(find_signals(clean_text(text), "", RULES), RULES)
    publisher = {c.number: c.publisher for c in cands.numbers}
    assert publisher == {"0571-87654321": False, "13157110107": True}
    offered = [h.number for h, _p, _why in decide_hotlines(cands, load_model())]
    assert offered == ["0571-87654321"]
    # a model that accepts every number still does not get the publisher's
    eager = Model({"hotline": LinearModel("hotline", ("no", "yes"), (10.0,), {})}, {"hotline": 0.5}, {})
    assert [h.number for h, _p, _why in decide_hotlines(cands, eager)] == ["0571-87654321"]


def test_a_number_in_the_sites_footer_is_never_offered_by_the_responder():
    """A government page keeps its site's footer (主办：… 联系电话：…, the shape of dev2's c016): the footer is
    boilerplate to the end of the page, and no number in boilerplate is the responder's offer, whatever the
    model says (none of the 13 numbers in boilerplate of the gold pages is a gold hotline)."""
    from extractor.candidates import find_candidates, find_signals
    from extractor.decide import LinearModel, Model, decide_hotlines, load_model

    text = ("关于患者就医投诉的情况说明\n我院高度重视，已成立调查组。如有疑问，请拨打医院客服热线0571-87654321。\n\n"
            "主办：某某县人民政府 承办：某某县人民政府办公室\n联系电话：0887-8626078 地址：某某县行政中心\n")
    cands = find_candidates(find_signals(clean_text(text), "", RULES), RULES)
    assert {c.number: c.in_skip for c in cands.numbers} == {"0571-87654321": False, "0887-8626078": True}
    assert [h.number for h, _p, _why in decide_hotlines(cands, load_model())] == ["0571-87654321"]
    eager = Model({"hotline": LinearModel("hotline", ("no", "yes"), (10.0,), {})}, {"hotline": 0.5}, {})
    assert [h.number for h, _p, _why in decide_hotlines(cands, eager)] == ["0571-87654321"]


def test_a_number_nothing_offers_is_never_a_hotline():
    """An offer is worded (请拨打客服热线…) or made by the number's shape alone (400…); a number the text only
    mentions (通过12306网站发布信息, the shape of dev2's d010) is no offer, whatever the model says of it."""
    from extractor.candidates import find_candidates, find_signals
    from extractor.decide import LinearModel, Model, decide_hotlines

    text = ("关于列车停运的情况说明\n铁路部门已启动应急预案。铁路部门将通过12306网站及时发布列车停运信息。"
            "如有疑问，请拨打客服热线0571-87654321。退票事宜另见4008123456。\n")
    cands = find_candidates(find_signals(clean_text(text), "", RULES), RULES)
    assert {c.number: c.offered for c in cands.numbers} == {"12306": False, "0571-87654321": True,
                                                            "4008123456": True}
    eager = Model({"hotline": LinearModel("hotline", ("no", "yes"), (10.0,), {})}, {"hotline": 0.5}, {})
    assert [h.number for h, _p, _why in decide_hotlines(cands, eager)] == ["0571-87654321", "4008123456"]
