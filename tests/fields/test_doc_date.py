"""The document's own date, read off its text when its metadata gives none: the date under a notice's signature,
else a byline's; a date in a sentence is neither."""
from __future__ import annotations

import pytest

from extractor import extract_text
from extractor.clean import clean_text
from extractor.fields import find_document_date
from extractor.ruleset import load_ruleset

NOTICE = ("关于网民反映饭店后厨脏乱问题的调查处理情况\n近日，有网民反映某快餐店后厨脏乱。执法人员现场检查后责令其停业整改。\n"
          "南岗区市场监督管理局\n{signed}\n")


@pytest.fixture(scope="module")
def rules():
    return load_ruleset().regex("timeline")


@pytest.mark.parametrize("signed, iso", [("2023年12月17日", "2023-12-17"), ("2020 年 1 月 19 日", "2020-01-19"),
                                         ("二〇二四年三月十二日", "2024-03-12"), ("二〇二三年十二月三十一日", "2023-12-31")])
def test_a_notice_is_dated_by_the_line_under_its_signature(rules, signed, iso):
    assert find_document_date(clean_text(NOTICE.format(signed=signed)), rules) == (iso, signed.startswith("二") and
                                                                                 "date.signed_cn" or "date.signed")


def test_the_signature_wins_over_the_byline_of_a_page_that_reprints_the_notice(rules):
    page = "执法人员踢翻小贩摊位 涉事人员停职\n2022-08-14 12:14:41 作者：潜江发布\n" + NOTICE.format(signed="2022年8月12日")
    assert find_document_date(clean_text(page), rules) == ("2022-08-12", "date.signed")


@pytest.mark.parametrize("head, iso, rule", [
    ("牟念双 2025-03-18 内地新闻 5 次浏览 0个评论", "2025-03-18", "date.byline"),
    ("发表日期：2024.4.20", "2024-04-20", "date.byline"),
    ("买不了、卖不出！官方回应来了 2022-03-14 14:22:56 来源：上海证券报", "2022-03-14", "date.byline"),
    ("2021-03-16", "2021-03-16", "date.byline"),
    ("發佈時間：2024年11月24日 來源：新華網", "2024-11-24", "date.byline_ymd"),  # read on the Simplified view
])
def test_a_news_page_is_dated_by_its_byline(rules, head, iso, rule):
    page = f"某银行致歉并整改\n{head}\n该行表示，已对涉事员工停职处理，并向客户当面致歉。"
    assert find_document_date(clean_text(page), rules) == (iso, rule)


def test_a_short_head_line_with_a_date_is_a_byline_only_when_it_says_so(rules):
    cue = next(r for r in rules if r.id == "date.byline_cue")
    assert cue.pattern.search("2022-03-14 14:22:56") and cue.pattern.search("来源：新华网")
    assert not cue.pattern.search("注册:2019-08-07")


@pytest.mark.parametrize("line", ["2025年10月1日前，全国门店会陆续完成以下调整：", "注册:2019-08-07",
                                  "召回2014年3月20日至2016年3月2日生产的汽车，共计76657辆。"])
def test_a_date_in_a_sentence_or_a_profile_dates_nothing(rules, line):
    assert find_document_date(clean_text(f"某公司致歉\n{line}\n公司已全面整改。"), rules) is None


def test_the_record_says_where_its_date_came_from_and_deadlines_get_their_year():
    page = "关于系统故障的致歉声明\n我公司将对系统进行全面升级改造，年底前完成。\n华信科技有限公司\n2024年5月10日\n"
    rec = extract_text(page, doc_id="n.txt")
    assert (rec["date"], rec["date_source"]) == ("2024-05-10", "date.signed")
    assert [m["deadline"]["iso"] for m in rec["measures"]] == ["2024-12-31"]  # 年底前: the end of the notice's year
    given = extract_text(page, doc_id="n.txt", date="2023-06-01")
    assert (given["date"], given["date_source"]) == ("2023-06-01", "metadata")
    assert [m["deadline"]["iso"] for m in given["measures"]] == ["2023-12-31"]
    assert extract_text("今天天气晴朗。", doc_id="w.txt")["date_source"] == ""
