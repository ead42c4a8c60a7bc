"""The site-noise check of ``make eval`` (extractor.tools.noise_check) on the tiny gold set of conftest."""
from __future__ import annotations

from conftest import DOCS, write_gold

from extractor.decide.gold import read_gold_dirs
from extractor.decide.model import load_model
from extractor.decide.train import prepare_all
from extractor.ruleset import load_ruleset
from extractor.run import Options
from extractor.tools.noise_check import NOISE, changed_decisions, headlines_of, noisy_records

RS = load_ruleset()
OPTIONS = Options(with_text=False)


def _prepared(tmp_path):
    return prepare_all(read_gold_dirs([write_gold(tmp_path / "gold", DOCS)]), RS)


def test_headlines_are_the_pages_titles_or_short_first_lines(tmp_path):
    heads = headlines_of(_prepared(tmp_path))  # n1, n2, s1, s2, s3
    assert heads[1:3] == ["两车追尾当场1死7伤", "关于部分用户无法登录的致歉声明"]
    assert all(h == "" or 8 <= len(h) <= 40 for h in heads) and len(heads) == 5


def test_related_headlines_are_other_pages_titles_under_a_heading(tmp_path):
    heads = ["甲公司致歉声明标题", "", "乙公司回应丢件标题", "丙银行情况通报标题"]
    text = NOISE["related headlines"]("正文第一段。", 0, heads)
    assert text == "正文第一段。\n\n相关阅读\n乙公司回应丢件标题\n丙银行情况通报标题\n"  # never its own title


def test_ranked_headlines_are_numbered_under_a_bare_heading(tmp_path):
    heads = ["甲公司致歉声明标题", "", "乙公司回应丢件标题", "丙银行情况通报标题"]
    text = NOISE["ranked headlines"]("正文第一段。", 0, heads)
    assert text == "正文第一段。\n\n24小时热闻\n1 乙公司回应丢件标题\n2 丙银行情况通报标题\n"


def test_noise_changes_no_decision_of_the_shipped_model(tmp_path):
    prepared = _prepared(tmp_path)
    model = load_model()
    base = noisy_records(prepared, model, RS, OPTIONS, "as is")
    assert [r["is_statement"] for r in base] == [False, False, True, True, True]  # n1, n2, s1, s2, s3
    for noise in NOISE:
        assert changed_decisions(base, noisy_records(prepared, model, RS, OPTIONS, noise)) == 0, noise
