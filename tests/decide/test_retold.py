"""One action told twice is counted once; alike items of lists are not one action told twice."""
from __future__ import annotations

from extractor.candidates import find_candidates, find_signals
from extractor.clean import clean_text
from extractor.decide.measures import Chosen, _drop_retold
from extractor.ruleset import load_ruleset

RS = load_ruleset()

SANCTIONS = ("卫健委通报，经研究，对两家医院作出如下处理意见：\n"
             "甲医院处理意见：\n一、停业整顿3个月，期满整改合格后重新开诊；\n二、给予警告；\n"
             "三、责成甲医院追究医院负责人责任，总经理停职。\n"
             "乙医院处理意见：\n一、停业整顿3个月，期满整改合格后重新开诊；\n二、给予警告；\n"
             "三、责成乙医院追究医院负责人责任，免去董事长职务。\n")

TOLD_TWICE = ("公司决定采取以下措施：\n1. 涉事门店停业整顿；\n2. 全国门店开展自查；\n3. 开除涉事员工。\n"
              "以下为声明全文：公司决定采取以下措施：\n1. 涉事门店停业整顿；\n2. 全国门店开展自查；\n3. 开除涉事员工。\n")

OFFICIALS = ("经研究决定，对相关人员作出处理：\n1. 给予陈某同志政务记大过处分；\n2. 给予杨某、赵某同志政务记过处分。\n")


def _kept_items(text: str) -> list[str]:
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    chosen = [Chosen("measure", it.start, it.end, 0.9, True, it.ordinal, k)
              for k, fl in enumerate(cands.lists) for it in fl.items]
    view = cands.clean.view
    return [view[c.start:c.end].strip() for c in _drop_retold(cands, chosen)]


def test_the_same_sanction_for_two_subjects_is_two_measures():
    kept = _kept_items(SANCTIONS)
    assert sum(t.startswith("停业整顿3个月") for t in kept) == 2
    assert sum(t.startswith("给予警告") for t in kept) == 2


def test_a_list_told_twice_is_counted_once():
    kept = _kept_items(TOLD_TWICE)
    assert sum(t.startswith("涉事门店停业整顿") for t in kept) == 1
    assert len(kept) == 3


def test_alike_items_of_one_list_are_two_measures():
    kept = _kept_items(OFFICIALS)
    assert len(kept) == 2
