"""Organization-name candidates (candidates/orgs.py): what the rules propose for the company decision."""
from __future__ import annotations

from extractor.candidates import find_contacts, find_signals
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset

RS = load_ruleset()


def _names(text: str, title: str = "") -> list[str]:
    return [c.name for c in find_contacts(find_signals(clean_text(text, title), title, RS), RS).orgs]


def test_latin_names_are_never_cut():
    """Pieces of a response verb's subject are candidates, but a Latin word stays whole: H&M, not H& or &M."""
    text = ("H&M发布声明称，H&M已将涉事产品下架。H&M表示，H&M将对全部门店进行排查。"
            "Facebook表示，Facebook已修复漏洞，Facebook将通知受影响用户。")
    names = _names(text)
    assert "H&M" in names and "Facebook" in names
    assert not {"H&", "&M", "Fa", "Fac", "Facebo", "book"} & set(names), names


def test_a_recurring_subject_and_a_suffixed_name_are_proposed():
    """Brand names without a company suffix recur as subjects (西贝表示); suffixed names are found anywhere,
    and a suffix found late in a long sentence is found all the same."""
    text = ("西贝表示，西贝将全面整改。" + "据了解，" + "这是一段没有任何机构名称的很长的叙述文字，" * 5
            + "涉事门店属于北京西贝餐饮管理有限公司。西贝致歉。")
    names = _names(text)
    assert "西贝" in names
    assert "北京西贝餐饮管理有限公司" in names
