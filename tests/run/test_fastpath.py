"""The fast paths (pre-filter, lazy segmentation) change speed only: records are the same with and without.

Runs the shared seeds and dev documents both ways (skipped when ../shared is absent) and compares the
contract fields document by document, plus table tests for the pre-filter vocabulary.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.candidates import MAX_MEASURE_POINTS
from extractor.ruleset import load_ruleset
from extractor.run import Options, extract_paths, extract_text
from extractor.run.prefilter import PREFILTER_WARNING, SCORE_WARNING, LazyTokens, gate_rules, has_response_vocabulary

SHARED = Path(__file__).resolve().parents[3] / "shared"
SETS = [SHARED / "seeds", SHARED / "dev"]
# Fields compared for every document. statement_score, incident and timeline are not computed for a
# pre-filtered document (see extractor/run/prefilter.py); they are compared for every other document.
CONTRACT = ("status", "error", "title", "date", "script", "is_statement", "apology", "apology_text", "company",
            "branches", "stated_count", "count_ok", "measures", "findings", "hotlines", "parties")
DEEP = ("statement_score", "incident", "timeline", "warnings")


@lru_cache(maxsize=4)
def _records(folder: str, fast: bool, segmenter: str) -> dict[str, dict]:
    options = Options(segmenter=segmenter, fast=fast, with_text=False)
    return {r["doc_id"]: r for r in extract_paths([folder], options)}


def _doc_ids(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(_records(str(folder), False, "pkuseg"))


CASES = [(folder, doc_id) for folder in SETS for doc_id in _doc_ids(folder)]


@pytest.mark.skipif(not CASES, reason="../shared seeds/dev not present")
@pytest.mark.parametrize("folder,doc_id", CASES, ids=[f"{f.name}/{d}" for f, d in CASES])
def test_fast_paths_keep_records(folder: Path, doc_id: str) -> None:
    slow = _records(str(folder), False, "pkuseg")[doc_id]
    fast = _records(str(folder), True, "pkuseg")[doc_id]
    assert {k: fast[k] for k in CONTRACT} == {k: slow[k] for k in CONTRACT}
    if PREFILTER_WARNING in fast["warnings"]:
        return
    if SCORE_WARNING in fast["warnings"]:  # the measure bonus is not added: the score may be lower, never higher
        assert 0 <= slow["statement_score"] - fast["statement_score"] <= MAX_MEASURE_POINTS
        assert (fast["incident"], fast["timeline"]) == (slow["incident"], slow["timeline"])
        return
    assert {k: fast[k] for k in DEEP} == {k: slow[k] for k in DEEP}


PREFILTER_CASES = [
    ("对此次事件给广大用户带来的不便，我们深表歉意。", "apology.express"),
    ("公司已对涉及的扣费进行回退。", "statement.remedy"),
    ("對相關責任人予以停職處理。", "statement.discipline"),  # Traditional: matched on the Simplified view
    ("公司第一时间成立了专项工作组。", "statement.taskforce"),
    ("该医院发布情况说明，称患者病情稳定。", ""),  # a response without apology or remedy cannot be a statement
    ("今天白天多云转晴，最高气温二十六摄氏度。", ""),
    ("本届马拉松共有三万名选手参赛，男子组冠军成绩为两小时八分。", ""),
    ("中国联通进一步完善业务办理机制，让老百姓明明白白消费。", ""),
]


@pytest.mark.parametrize("sentence,expected", PREFILTER_CASES)
def test_prefilter_vocabulary(sentence: str, expected: str) -> None:
    assert has_response_vocabulary(clean_text(sentence).view, load_ruleset()) == expected


def test_gate_holds_for_the_shipped_rules() -> None:
    """The shipped weights keep the pre-filter on: without apology or remedy no document reaches the threshold."""
    assert gate_rules(load_ruleset()) is not None


OVERLAYS = [
    ("statement.regex.jsonl", '{"id": "statement.praise", "kind": "praise", "weight": 4.0, "pattern": "好评", '
                              '"name": "a new positive signal that can make a statement alone"}', "off"),
    ("statement.regex.jsonl", '{"id": "statement.regret", "kind": "response", "weight": 0.5, "pattern": "深感$", '
                              '"name": "unchanged weights"}', ""),
    ("prefilter.regex.jsonl", '{"id": "prefilter.praise", "pattern": "好评", "name": "let praise through"}',
     "prefilter.praise"),
    ("statement.regex.jsonl", '{"id": "statement.remedy", "kind": "remedy", "weight": 1.0, "pattern": "好评$", '
                              '"name": "a remedy rule that may match at a sentence end only"}', "off"),
]


@pytest.mark.parametrize("file,line,expected", OVERLAYS)
def test_overlays_keep_the_gate_sound(tmp_path: Path, file: str, line: str, expected: str) -> None:
    (tmp_path / file).write_text(line + "\n", encoding="utf-8")
    assert has_response_vocabulary(clean_text("顾客好评如潮。").view, load_ruleset(tmp_path)) == expected


def test_prefiltered_record_is_complete() -> None:
    rec = extract_text("今天白天多云转晴，最高气温二十六摄氏度。夜间有小雨。", doc_id="weather.txt",
                       options=Options(segmenter="none"))
    assert (rec["status"], rec["is_statement"], rec["measures"], rec["hotlines"]) == ("ok", False, [], [])
    assert PREFILTER_WARNING in rec["warnings"]


def test_news_with_remediation_words_but_no_apology_skips_lists() -> None:
    text = "昨日，本市一小区电梯发生故障。警方已介入调查，事故原因正在进一步核实中。市民出行请注意安全。"
    rec = extract_text(text, doc_id="news.txt", options=Options(segmenter="none"))
    slow = extract_text(text, doc_id="news.txt", options=Options(segmenter="none", fast=False))
    assert SCORE_WARNING in rec["warnings"] and rec["is_statement"] is slow["is_statement"] is False


def test_lazy_tokens_segment_once() -> None:
    calls = []

    def segment(text: str) -> list[tuple[int, int]]:
        calls.append(text)
        return [(0, 2), (2, 4)]

    tokens = LazyTokens(segment, "整改措施")
    assert calls == []
    assert list(tokens) == list(tokens) == [(0, 2), (2, 4)]
    assert calls == ["整改措施"]


SEGMENT_CASES = [
    "公司已对涉及的扣费进行回退处理。",
    "中国联通 再次 向用户致歉，并开通10015-6专线。",
    "  前后有空格  ，中间\t也有  。",
    "對相關責任人予以停職處理",
    "",
]


@pytest.mark.parametrize("text", SEGMENT_CASES)
def test_token_spans_match_spacy_docs(text: str) -> None:
    from extractor.run.prefilter import _token_spans
    from extractor.structure import get_nlp

    nlp = get_nlp("pkuseg")
    doc_spans = [(t.idx, t.idx + len(t.text)) for t in nlp.make_doc(text) if not t.is_space]
    assert _token_spans(nlp)(text) == doc_spans
