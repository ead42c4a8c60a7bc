"""The company decision (decide/company.py) with the shipped model: the name a reader would write."""
from __future__ import annotations

from pathlib import Path

import pytest

import extractor

# Brand names without an organization suffix, each the subject of every sentence: the pieces of the name
# (招商证, 华莱) recur exactly as often as the name, and the gold counts a piece as right, so the model alone
# liked them about as much as the name.
CASES = {
    "招商证券": "招商证券回应称，今日上午因系统升级导致部分客户交易异常，招商证券对此深表歉意。招商证券表示，已临时增加服务器，"
              "招商证券将对受影响客户进行补偿。招商证券客服热线95565。",
    "华莱士": "华莱士致歉：针对门店篡改食材效期一事，华莱士表示高度重视。华莱士已对涉事门店停业整顿，华莱士将开除涉事员工，"
            "华莱士全国门店开展30天自检。",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_piece_that_never_stands_alone_is_completed_to_the_whole_name(name):
    rec = extractor.extract_text(CASES[name], doc_id="statement.txt")
    assert rec["is_statement"]
    assert rec["company"] == name


def test_a_news_dateline_is_no_part_of_the_name_after_it():
    """新华社北京7日电 / 中新网2月4日电 (company.left_stop): the dispatch ends before the organization's name;
    日 alone stays part of names (日产, 日立)."""
    text = ("新华社北京7日电中国国际航空股份有限公司7日发布致歉声明，对航班延误给旅客带来的不便深表歉意，"
            "并表示将为受影响旅客办理免费退改签。")
    rec = extractor.extract_text(text, doc_id="statement.txt")
    assert rec["company"] == "中国国际航空股份有限公司"


def test_a_news_dateline_with_its_digits_spaced_is_no_part_of_the_name_either():
    """中新经纬 1 月 23 日电 中国国际航空 (dev2's d011 writes its dates so): the spaces between the Han characters
    go, the one after the digits stays, and the name's candidate starts at 日电 with the digits before it."""
    text = ("中新经纬 1 月 23 日电 中国国际航空 ( 下称:国航 ) 官方微博 23 日晚间称,1 月 22 日从北京飞往常州的 CA1825 航班,"
            "因国航工作人员工作疏忽未取下前起落架安全销,导致飞机返航。\n"
            "国航表示,我们对由此给旅客行程带来的不便深表歉意,立即启动有关领域整改,严肃追责问责。")
    rec = extractor.extract_text(text, doc_id="statement.txt")
    assert rec["is_statement"]
    assert rec["company"] in ("中国国际航空", "国航")


SHARED = Path(__file__).resolve().parents[3] / "shared"


# Real pages (dev2) whose pick is a piece met once, inside a word: the water utility's name in its signature
# line when the title (given as an HTML page gives it) takes the headline out of the sentences, and a school
# named once in full.
@pytest.mark.skipif(not (SHARED / "dev2" / "d006.txt").exists(), reason="../shared sets not present")
@pytest.mark.parametrize("stem, headline_as_title, name", [("d006", True, "曲靖市城市供排水总公司"),
                                                            ("c013", False, "贵溪市第一中学")])
def test_a_piece_met_once_inside_a_word_is_completed(stem, headline_as_title, name):
    text = (SHARED / "dev2" / f"{stem}.txt").read_text(encoding="utf-8")
    title = text.split("\n", 1)[0] if headline_as_title else ""
    assert extractor.extract_text(text, title=title, format="text")["company"] == name


@pytest.mark.skipif(not (SHARED / "dev2" / "a011.txt").exists(), reason="../shared sets not present")
def test_a_headline_given_as_the_title_still_proposes_the_name_it_responds_with():
    """dev2's a011 names the restaurant chain only in its headline's response (胖哥俩肉蟹煲创办人…道歉) and twice in
    passing. Read as plain text the headline is its first sentence; given as the page's title (HTML, front
    matter), the line repeating it leaves the sentences, and the name had no candidate left (张灵, 0.14)."""
    text = (SHARED / "dev2" / "a011.txt").read_text(encoding="utf-8")
    headline = text.split("\n", 1)[0]
    plain = extractor.extract_text(text, format="text")
    titled = extractor.extract_text(text, title=headline, format="text")
    assert plain["company"] == titled["company"] == "胖哥俩肉蟹煲"
