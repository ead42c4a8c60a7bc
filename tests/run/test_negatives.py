"""Negative documents through the whole pipeline: not a statement, no measures; positive controls stay statements.

Cases (tests/cases/negatives.jsonl, written for this test): promotional articles, crisis-management manuals and
course outlines (企业应在24小时内发布致歉声明，一是…二是…), templates with placeholders (XX公司, [公司名称],
【公司名称】, ××局, 某某公司), government work reports with 一是/二是 lists, fiction where a character apologises,
plain incident news; some in Traditional script. Each has several sentences and the vocabulary of a real
statement (道歉, 整改, 退款, 问责), so only the statement scoring keeps them out.
"""
import json
from pathlib import Path

import pytest

import extractor
from extractor.run import Options

CASES = [json.loads(line) for line in
         (Path(__file__).parents[1] / "cases" / "negatives.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
OPTIONS = Options(segmenter="char")


def _extract(case: dict) -> dict:
    return extractor.extract_text(case["text"], doc_id=case["id"] + ".txt", options=OPTIONS)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES if not c["is_statement"]])
def test_negative_document_is_not_a_statement_and_has_no_measures(case):
    rec = _extract(case)
    assert (rec["is_statement"], rec["measures"]) == (False, []), (rec["statement_score"], case["note"])


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES if c["is_statement"]])
def test_positive_control_stays_a_statement_with_measures(case):
    rec = _extract(case)
    assert rec["is_statement"] is True, (rec["statement_score"], case["note"])
    assert len(rec["measures"]) >= 2


def test_cases_cover_every_kind_of_negative():
    kinds = {c["id"].split("_")[0] for c in CASES}
    assert {"promo", "manual", "template", "gov", "fiction", "news", "positive"} <= kinds
