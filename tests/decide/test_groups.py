"""Cross-validation folds group pages of one incident: same manifest event, same organization, near-copies."""
from __future__ import annotations

from extractor.decide.groups import incident_groups

TEXT = "中国联通就异常扣费致歉，已对受影响用户全面回退，并开通客服专线，对相关责任人严肃问责。" * 3


def test_pages_of_one_incident_share_a_group():
    groups = incident_groups(["", "", "", "e1", "e1"],
                             ["中国联通", "联通", "顺丰", "甲", "乙"],
                             ["甲" * 50, "乙" * 50, "丙" * 50, "丁" * 50, "戊" * 50])
    assert groups[0] == groups[1]            # one name inside the other
    assert groups[2] not in (groups[0], groups[3])
    assert groups[3] == groups[4]            # the manifest names the same event


def test_near_copies_share_a_group_and_the_result_is_deterministic():
    views = [TEXT, "转载：" + TEXT, "今天白天多云转晴，最高气温二十六摄氏度，夜间有小雨。" * 3]
    groups = incident_groups(["", "", ""], ["", "", ""], views)
    assert groups[0] == groups[1] != groups[2]
    assert groups == incident_groups(["", "", ""], ["", "", ""], views)
