"""The count a statement announces for its measure list (五项措施, 以下三点) and whether it agrees."""
import pytest

from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.structure import find_lists, find_stated_count


@pytest.fixture(scope="module")
def rs():
    return load_ruleset()


@pytest.mark.parametrize("text, value, rule", [
    ("公司重点推出五项措施，开展专项治理：\n一是加快整治服务漏洞。\n二是强化实名制管理。", 5, "count.measures"),
    ("公司重點推出五項措施，開展專項治理：\n一是加快整治服務漏洞。\n二是強化實名制管理。", 5, "count.measures"),
    ("港铁提出5项改善建议，包括加强巡查。", 5, "count.measures"),
    ("下一步，我们将做好以下三点：一是加强培训；二是完善制度；三是畅通渠道。", 3, "count.points"),
    ("学校将从两个方面开展整改：一是停止问卷；二是加强审核。", 2, "count.points"),
])
def test_stated_count(text, value, rule, rs):
    clean = clean_text(text)
    lists = find_lists(clean.text, clean.view, rs)
    count = find_stated_count(clean.view, lists, rs)
    assert count is not None and (count.value, count.rule) == (value, rule)
    assert clean.view[count.start:count.end] == count.text


@pytest.mark.parametrize("text", [
    "经核查，该用户名下的6个手机号码系当地某代理商违规使用用户资料办理。",
    "要求各级分公司梳理出不少于20个本地区用户投诉最多的服务短板问题。",
    "集团公司分别于12月12日、15日两次召开全国视频会议。",
])
def test_counts_of_other_things_are_not_stated_counts(text, rs):
    clean = clean_text(text)
    assert find_stated_count(clean.view, find_lists(clean.text, clean.view, rs), rs) is None


def test_phases_announced_as_a_count(rs):
    clean = clean_text("國泰表示，今次事件分三個階段處理：\n第一階段，馬上採取行動堵截。\n第二階段，確認受影響的乘客。")
    count = find_stated_count(clean.view, find_lists(clean.text, clean.view, rs), rs)
    assert count is not None and count.value == 3 and count.rule == "count.points"
