"""Heading runs (lists of bold/<h3> heading lines with body paragraphs): the pipeline keeps the bodies' prose
measures, a run nests in an ordinal section and ends at the next one. Item and no-list cases are in
tests/cases/lists.jsonl and lists_negative.jsonl."""
import pytest

from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.run import Options, extract_text
from extractor.structure.lists import find_lists, kind_rule_of

STATEMENT = (
    "安达地铁公司关于扶梯故障的致歉声明\n"
    "3月5日，安达地铁公司一台自动扶梯突然停运，造成两名乘客受伤，公司对此深表歉意。事件发生后，公司采取以下措施：\n"
    "全面排查同类设备\n"
    "公司已成立专项工作组，对全线四十二个车站的同型号扶梯逐一排查，并停用三台存在隐患的扶梯。\n"
    "开通专线受理投诉\n"
    "公司已开通客服专线，二十四小时受理乘客投诉和理赔申请。"
)

SECTIONS = (
    "一、存在的问题\n调查组列出以下问题：\n值班人员擅离岗位\n事发当晚两名值班人员提前离开控制室。\n"
    "应急预案长期未演练\n该预案修订后从未组织演练。\n"
    "二、整改措施\n一是立即调整值班制度，实行双人值守。\n二是每季度组织一次应急演练。"
)


@pytest.fixture(scope="module")
def rs():
    return load_ruleset()


@pytest.fixture(scope="module")
def record():
    return extract_text(STATEMENT, doc_id="statement.txt", options=Options(segmenter="char"))


def test_headings_are_listed_measures_with_the_rule_and_no_ordinal(record):
    listed = [(m["ordinal"], m["rule"], m["text"]) for m in record["measures"] if m["listed"]]
    assert listed == [("", "list.heading_run", "全面排查同类设备"), ("", "list.heading_run", "开通专线受理投诉")]


@pytest.mark.parametrize("prose", [
    "公司已成立专项工作组",
    "对全线四十二个车站的同型号扶梯逐一排查，并停用三台存在隐患的扶梯。",
    "公司已开通客服专线，二十四小时受理乘客投诉和理赔申请。",
])
def test_body_paragraphs_keep_their_prose_measures(record, prose):
    # how the body's clauses group into measures is the decision layer's; that they are kept as prose is not
    assert any(prose in m["text"] and not m["listed"] for m in record["measures"])


def test_a_run_inside_an_ordinal_section_nests_and_ends_at_the_next_section(rs):
    clean = clean_text(SECTIONS)
    lists = find_lists(clean.text, clean.view, rs)
    run = next(fl for fl in lists if fl.rule == "list.heading_run")
    assert [clean.text[it.start:it.end] for it in run.items] == ["值班人员擅离岗位", "应急预案长期未演练"]
    assert run.kind == "findings" and run.level == 1
    assert clean.text[run.parent.start:].startswith("存在的问题")


@pytest.mark.parametrize("intro, rule_id", [
    ("报告列出以下问题：", "list_kind.findings_heading"),
    ("调查组查明了三项问题：", "list_kind.findings_heading"),
    ("记者提出以下问题：", "list_kind.questions"),
    ("公司采取以下措施：", "list_kind.measures_heading"),
    ("记者在现场了解到：", None),
])
def test_intro_names_the_kind_of_the_run(rs, intro, rule_id):
    rule = kind_rule_of(intro, rs)
    assert (rule.id if rule else None) == rule_id
