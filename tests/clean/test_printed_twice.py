"""Pages that carry their article twice (a summary block over the full text, a print or mobile copy kept in the
page): the second copy is the same words, so the records must be those of the page printed once."""
from __future__ import annotations

from pathlib import Path

import pytest

import extractor
from extractor.candidates import page_head
from extractor.clean import clean_text
from extractor.ruleset import load_ruleset

RS = load_ruleset()
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SHARED = Path(__file__).resolve().parents[3] / "shared"


def twice(text: str) -> str:
    return text.rstrip("\n") + "\n\n" + text


def test_a_statement_printed_twice_gives_its_measures_once():
    # The list items of the second copy are short lines that the paragraph rule alone did not mark: corpus/000
    # gave its four listed measures a second time.
    text = (CORPUS / "000_96c7af21cd661f14.txt").read_text(encoding="utf-8")
    once = extractor.extract_text(text, doc_id="000.txt")
    again = extractor.extract_text(twice(text), doc_id="000.txt")
    assert sum(m["listed"] for m in once["measures"]) == 4
    assert [m["text"] for m in again["measures"]] == [m["text"] for m in once["measures"]]


def test_the_head_of_a_short_page_ends_where_its_copy_begins():
    page = ("关于部分用户无法登录的致歉声明\n因服务器故障，我公司App出现部分用户无法登录的情况，我们深表歉意。"
            "我们将采取以下措施：一是全面排查服务器隐患，完善容灾备份；二是对受影响用户补偿一个月会员。")
    once, doubled = clean_text(page), clean_text(twice(page))
    assert [why for _s, _e, why in doubled.skip_spans] == ["duplicate", "duplicate"]
    assert page_head(doubled, 200, RS) == page_head(once, 200, RS) + "\n\n"


@pytest.mark.skipif(not (SHARED / "dev" / "g041.md").exists(), reason="../shared sets not present")
def test_a_repeated_article_is_no_evidence_of_injected_title_fragments():
    # dev g041 (a news report, no title): printed twice, each clause start it has occurs twice, which the SEO
    # cleaner took for fragments of a guessed title injected twice (坠楼者经, 经查, 腾讯公 …) and cut out; the page
    # then lost its company (腾讯).
    text = (SHARED / "dev" / "g041.md").read_text(encoding="utf-8")
    once = extractor.extract_text(text, doc_id="g041.md", format="markdown")
    again = extractor.extract_text(twice(text), doc_id="g041.md", format="markdown")
    assert not any("title fragments" in w for w in again["warnings"])
    assert again["company"] == once["company"] == "腾讯"
