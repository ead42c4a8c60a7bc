"""The head of a page (candidates.collect.page_head): the title and first lines where a page says what it is, less
the lines that list the site's other topics."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractor.candidates import head_end, page_head
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset
from extractor.run import Options
from extractor.run.pipeline import extract_loaded, iter_loaded

RS = load_ruleset()
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
TAGS = "标签：道歉信范文 情况说明怎么写 整改报告模板 小说"
WECHAT_HEAD = "原创 某某发布 某某发布 2023-05-21 18:30 发表于北京\n点击上方蓝字关注我们\n"
WECHAT_FOOT = "预览时标签不可点\n微信扫一扫\n关注该公众号\n继续滑动看下一个\n轻触阅读原文\n知道了\n"


def test_a_tag_line_is_left_out_and_the_next_lines_take_its_place():
    body = "关于部分用户无法登录的致歉声明\n" + TAGS + "\n" + "尊敬的用户：" * 40
    clean = clean_text(body)
    head = page_head(clean, 200, RS)
    assert "范文" not in head and "小说" not in head
    assert head.startswith("关于部分用户无法登录的致歉声明\n尊敬的用户：") and len(head) == 200


def test_the_sites_interface_lines_are_left_out_and_bylines_stay():
    # Navigation, a breadcrumb and app or sign-in prompts say nothing about the page; a byline says who wrote it.
    top = "下载客户端\n登录\n首页 > 新闻中心 > 正文\n当前位置：首页 > 社会\n"
    body = "关于部分用户无法登录的致歉声明\n来源：本站\n我们深表歉意。"
    assert page_head(clean_text(top + body), 200, RS) == page_head(clean_text(body), 200, RS)
    assert "来源：本站" in page_head(clean_text(body), 200, RS)


def test_without_such_lines_the_head_is_the_first_characters_up_to_other_peoples_words():
    body = "关于部分用户无法登录的致歉声明\n来源：本站\n我们深表歉意。\n\n相关阅读\n某公司回应丢件\n某银行致歉\n"
    clean = clean_text(body)
    assert page_head(clean, 200, RS) == clean.view[:head_end(clean, 200)]
    assert "来源" in page_head(clean, 200, RS) and "相关阅读" not in page_head(clean, 200, RS)


def test_a_real_statement_under_a_tag_line_stays_a_statement_with_its_measures():
    # Seed 001 (a real apology and its measures): with the tag line under its first line, the old head read
    # 范文 / 怎么写 / 小说 as the page saying it is a template, a how-to or fiction, and rejected it.
    options = Options(with_text=False)
    doc = next(iter_loaded([str(CORPUS / "001_fea7d35032dd25c1.txt")], options))
    first, _, rest = doc.text.partition("\n")
    tagged = dataclasses.replace(doc, text=first + "\n" + TAGS + "\n" + rest, warnings=list(doc.warnings))
    alone, noisy = extract_loaded(doc, options).as_dict(), extract_loaded(tagged, options).as_dict()
    assert alone["is_statement"] and noisy["is_statement"]
    assert [m["text"] for m in noisy["measures"]] == [m["text"] for m in alone["measures"]]


def test_a_real_statement_saved_from_wechat_keeps_its_measures():
    # Seed 001 with a WeChat post's head (time stamp, follow line) and the app's footer. The head's two lines took
    # the places of the title candidates of the SEO cleaner, which then left the injected fragments of the real
    # title (常扣, 费报费已 …) in the first measure.
    options = Options(with_text=False)
    doc = next(iter_loaded([str(CORPUS / "001_fea7d35032dd25c1.txt")], options))
    saved = dataclasses.replace(doc, text=WECHAT_HEAD + doc.text.rstrip("\n") + "\n" + WECHAT_FOOT,
                                warnings=list(doc.warnings))
    alone, noisy = extract_loaded(doc, options).as_dict(), extract_loaded(saved, options).as_dict()
    # read as the statement it is (its four listed measures and its prose ones), so that the comparison says something
    assert len(alone["measures"]) >= 7
    assert sum(m["listed"] for m in alone["measures"]) == 4
    assert [m["text"] for m in noisy["measures"]] == [m["text"] for m in alone["measures"]]

def test_a_titles_headline_leaves_the_site_and_column_names_out():
    from extractor.candidates.collect import headline_of
    # the shapes of four dev titles (新浪科技｜…, 上观新闻｜…, 法度Law｜…, … | 新京报快评) and of site suffixes
    assert headline_of("新浪科技｜拼多多为知乎账号“管控不严”道歉：系供应商员工发布") == "拼多多为知乎账号“管控不严”道歉：系供应商员工发布"
    assert headline_of("自如甲醛又超标，“图财害命”到何时？ | 新京报快评") == "自如甲醛又超标，“图财害命”到何时？"
    assert headline_of("中国联通就异常扣费致歉_新浪新闻") == "中国联通就异常扣费致歉"
    assert headline_of("某地铁致歉 - 澎湃新闻") == "某地铁致歉"
    # a hyphen inside a word is no separator
    assert headline_of("COVID-19疫情下某医院致歉") == "COVID-19疫情下某医院致歉"


SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.skipif(not (SHARED / "dev" / "g045.md").exists(), reason="../shared sets not present")
def test_the_column_name_in_a_real_title_leaves_the_headlines_subject_the_company():
    # dev g045: 自如甲醛又超标，“图财害命”到何时？ | 新京报快评 — read whole, the headline's quoted phrase won
    # (图财害命); its headline alone names 自如.
    options = Options(with_text=False)
    doc = next(iter_loaded([str(SHARED / "dev" / "g045.md")], options))
    assert extract_loaded(doc, options).as_dict()["company"] == "自如"


@pytest.mark.skipif(not (SHARED / "dev2" / "b013.txt").exists(), reason="../shared sets not present")
def test_a_real_notice_under_a_sites_prompts_keeps_its_organization():
    # dev2 b013 (a bank's notice): two prompt lines on top took head lines and turned the company pick from
    # 中国农业银行 to a branch.
    options = Options(with_text=False)
    doc = next(iter_loaded([str(SHARED / "dev2" / "b013.txt")], options))
    prompted = dataclasses.replace(doc, text="下载客户端\n登录\n" + doc.text, warnings=list(doc.warnings))
    alone, noisy = extract_loaded(doc, options).as_dict(), extract_loaded(prompted, options).as_dict()
    assert alone["company"] and noisy["company"] == alone["company"]
