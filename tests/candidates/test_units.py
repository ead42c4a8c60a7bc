"""Clause units: where a clause is cut and which units no prose measure may start at (rules/units.regex.jsonl)."""
from __future__ import annotations

import pytest

from extractor.candidates.units import find_units
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset

RS = load_ruleset()
CUT = {r.id: r.pattern for r in RS.regex("units")}


def find(text: str):
    ct = clean_text(text)
    units = find_units(ct.text, [], [], ct.view, CUT["units.speech_cut"], CUT["units.speech_lead"],
                       CUT["units.result_tail"])
    return ct, units


def units_of(text: str) -> list[tuple[str, bool]]:
    ct, units = find(text)
    return [(ct.text[u.start:u.end], u.frame) for u in units]


@pytest.mark.parametrize("text, frame, rest", [
    ("滴滴官方稱經技術團隊連夜修復，滴滴網約車等服務已恢復。", "滴滴官方稱", "經技術團隊連夜修復，"),
    ("歐萊雅並稱已成立專項小組，將提出妥善解決方案。", "歐萊雅並稱", "已成立專項小組，"),
    ("教育局又指將進一步調查處理。", "教育局又指", "將進一步調查處理。"),
    ("华莱士表示将进行永久关停，相关涉事员工予以开除。", "华莱士表示", "将进行永久关停，"),
])
def test_units_speech_cut_separates_the_speaker_from_what_was_said(text, frame, rest):
    units = units_of(text)
    assert units[0] == (frame, True)
    assert units[1] == (rest, False)


@pytest.mark.parametrize("text", [
    "公司对此表示歉意，并将全额退款。",          # an attitude, not a frame
    "公司名称已变更，新的品牌即日启用。",        # 称 inside a word
    "该店被称为网红餐厅，已停业整顿。",          # 称为: naming
    "公司表示，将全额退款。",                    # the comma already cuts it (a frame clause: units.speech_lead)
])
def test_units_speech_cut_leaves_other_uses_whole(text):
    first = units_of(text)[0][0]
    assert first == text.split("，")[0] + "，"


@pytest.mark.parametrize("text, framed", [
    ("上海地鐵運營方7月27日表示，將對25名乘客進行退款。", True),
    ("记者从该公司获悉：涉事员工已被停职。", True),
    ("公司高度重视，立即成立调查组。", False),         # an attitude frame, not whose words: measures take it in
    ("针对受影响的用户，公司将赠送优惠券。", False),    # a condition, part of the measure
    ("现将有关情况通报如下。", True),                   # a notice's announcing formula says what follows
    ("現將調查情況通報如下：", True),
    ("特此通报。", True),
    ("公司将对有关情况进行通报。", False),              # informing is an action of its own
])
def test_units_speech_lead_marks_a_whole_reporting_clause(text, framed):
    assert units_of(text)[0][1] is framed


@pytest.mark.parametrize("text, outcome", [
    ("該局領導就此事向當事人進行了賠禮道歉，得到了當事人的諒解。", "得到了當事人的諒解。"),
    ("并责成其向当事群众登门道歉，赔偿经济损失，现已取得当事群众谅解。", "现已取得当事群众谅解。"),
])
def test_units_result_tail_marks_how_the_action_was_received(text, outcome):
    ct, units = find(text)
    assert [ct.text[u.start:u.end] for u in units if u.outcome] == [outcome]


@pytest.mark.parametrize("text, turns", [
    ("愿配合银行将这笔钱退还给彭虎，但银行方面一直未将这笔钱退回。", ["但银行方面一直未将这笔钱退回。"]),
    ("玩家已经可以恢复登录，不过部分道具仍在核对，然而补偿已经发放。", ["不过部分道具仍在核对，", "然而补偿已经发放。"]),
    ("药监局责令其停产整顿，而蜀中制药主动递交了停产整顿的报告。", []),   # 而 joins as often as it turns
    ("公司将全额退款，并向用户道歉。", []),
])
def test_units_contrast_lead_marks_a_turn(text, turns):
    ct = clean_text(text)
    units = find_units(ct.text, [], [], ct.view, CUT["units.speech_cut"], CUT["units.speech_lead"],
                       CUT["units.result_tail"], CUT["units.contrast_lead"])
    assert [ct.text[u.start:u.end] for u in units if u.turn] == turns


@pytest.mark.parametrize("text, bound", [
    ("同款面膜买20片，而且额外赠送30片。", ["而且额外赠送30片。"]),
    ("该公司屡次因为环境问题，而被环保局处罚。", ["而被环保局处罚。"]),
    ("玩家已经可以恢复登录，然而补偿尚未发放。", []),   # a turn, not a bound clause
    ("对公司而言，这是一次教训。", []),               # 而 inside a clause binds nothing
])
def test_units_bound_lead_marks_a_clause_that_leans_on_the_one_before(text, bound):
    ct = clean_text(text)
    units = find_units(ct.text, [], [], ct.view, CUT["units.speech_cut"], CUT["units.speech_lead"],
                       CUT["units.result_tail"], CUT["units.contrast_lead"], CUT["units.bound_lead"])
    assert [ct.text[u.start:u.end] for u in units if u.bound] == bound


@pytest.mark.parametrize("text, causes, comments", [
    ("涉事职员已被调离，由于事隔多时，无从断定资料何时遗失。", ["由于事隔多时，"], []),
    ("涉事门店已被停业三个月，这一处罚也被认为过重。", [], ["这一处罚也被认为过重。"]),
    ("因为系统升级，部分用户无法登录。", ["因为系统升级，"], []),      # a measure may still open with a cause
    ("公司已成立专项小组，原因是系统故障，因此做出补偿。", [], []),
    ("公司将针对这一问题全面排查。", [], []),                           # 这 inside a clause comments on nothing
])
def test_units_cause_and_comment_leads(text, causes, comments):
    ct = clean_text(text)
    units = find_units(ct.text, [], [], ct.view, CUT["units.speech_cut"], CUT["units.speech_lead"],
                       CUT["units.result_tail"], CUT["units.contrast_lead"], CUT["units.bound_lead"],
                       CUT["units.cause_lead"], CUT["units.comment_lead"])
    assert [ct.text[u.start:u.end] for u in units if u.cause] == causes
    assert [ct.text[u.start:u.end] for u in units if u.comment] == comments


def test_an_action_that_obtains_something_is_no_outcome():
    ct, units = find("公司已取得相关部门的许可，将恢复营业。")
    assert not any(u.outcome for u in units)


def candidate_runs(text: str) -> set[str]:
    """The texts of every candidate run of clause units of a page (what the span decision scores)."""
    from extractor.candidates import find_candidates
    from extractor.candidates.collect import find_signals
    from extractor.decide.features import UnitContext, span_candidates

    clean = clean_text(text)
    cands = find_candidates(find_signals(clean, "", RS), RS)
    ctx = UnitContext(cands, RS)
    return {clean.text[cands.units[a].start:cands.units[b].end]
            for a, b in span_candidates(ctx, lambda k: not cands.units[k].skip)}


def test_no_measure_starts_at_a_frame_unit():
    starts = candidate_runs("星海科技有限公司关于系统故障的情况说明\n星海科技官方称经技术团队连夜修复，相关服务已全面恢复。")
    assert "经技术团队连夜修复，相关服务已全面恢复。" in starts
    assert not any(s.startswith("星海科技官方称") for s in starts)


def test_no_measure_of_several_clauses_ends_at_an_outcome():
    runs = candidate_runs("星海区城管执法局关于执法人员问题的情况说明\n该局领导就此事向当事人进行了赔礼道歉，得到了当事人的谅解。")
    assert "该局领导就此事向当事人进行了赔礼道歉，" in runs
    assert not any(r.endswith("谅解。") for r in runs)
