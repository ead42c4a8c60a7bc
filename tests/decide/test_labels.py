"""Gold annotations become labels the way the shared scorer matches (ratio 0.7 on normalized text)."""
from __future__ import annotations

import pytest

from extractor.decide.labels import align_runs, item_label, norm, number_key, ratio, same_org, unit_labels


def test_norm_folds_script_width_spaces_and_punctuation():
    assert norm("對相關責任人，予以停職！ ") == "对相关责任人予以停职"
    assert norm("ＡＢＣ１２３") == "ABC123"


def test_ratio_below_the_threshold_is_zero():
    assert ratio("迅速进行回退处理", "迅速进行回退处理") == 1.0
    assert ratio("迅速进行回退处理", "成立工作专班") == 0.0


UNITS = [norm(u) for u in ["针对此事，", "公司表示，", "已成立工作专班，", "对相关责任人予以停职。", "感谢监督。"]]


def test_a_gold_measure_is_aligned_to_its_best_run_of_clauses():
    run, = align_runs(UNITS, ["已成立工作专班，对相关责任人予以停职。"])
    assert (run.first, run.last) == (2, 3) and run.score == 1.0


def test_a_measure_no_run_can_match_is_lost():
    labels, lost_m, lost_f = unit_labels(UNITS, ["开通客服专线"], [])
    assert labels == ["O"] * 5 and (lost_m, lost_f) == (1, 0)


def test_unit_labels_mark_measures_and_findings():
    labels, lost_m, lost_f = unit_labels(UNITS, ["已成立工作专班，对相关责任人予以停职。"], ["针对此事"])
    assert labels == ["B-F", "O", "B-M", "I-M", "O"] and (lost_m, lost_f) == (0, 0)


@pytest.mark.parametrize("text, label", [
    ("对相关责任人予以停职。", "measure"), ("系统升级方案审核不严。", "finding"), ("天气晴。", "none")])
def test_item_label(text, label):
    assert item_label(text, ["对相关责任人予以停职"], ["系统升级方案审核不严"]) == label


def test_company_and_number_matching_follow_the_scorer():
    assert same_org("联通", ["中国联通"]) and same_org("中國聯通", ["中国联通"])
    assert not same_org("公", ["中国联通"]) and not same_org("电信", ["中国联通"])
    assert number_key("400 610-1360") == "400610-1360" and number_key("（10015-6）") == "10015-6"
