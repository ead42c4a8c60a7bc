"""Table-driven tests for status.py (tests/cases/status.jsonl)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.fields import STATUSES, classify_status
from extractor.ruleset import load_ruleset

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "cases" / "status.jsonl").read_text("utf-8").splitlines()
         if line.strip()]
RS = load_ruleset()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:16])
def test_status(case):
    status, rule = classify_status(case["text"], RS)
    assert status == case["status"]
    assert status in STATUSES
    if "rule" in case:
        assert rule == case["rule"]


@pytest.mark.parametrize("rule", RS.regex("status"), ids=lambda r: r.id)
def test_status_rule_has_a_case(rule):
    assert rule.id in {c.get("rule") for c in CASES}, f"{rule.id} has no case in tests/cases/status.jsonl"


def test_empty_text_is_unknown():
    assert classify_status("", RS) == ("unknown", "status.default")


# (measure, the statement's date, status and rule of the measure once its deadline is read)
DEADLINE_CASES = [
    # a weak hint (立即) or none gives way to a deadline after the statement's date
    ("我们立即组织全面排查，8月底前完成系统改造。", "2024-07-22", "planned", "deadline.period_end"),
    ("全面排查支付系统，9月30日前完成。", "2024-07-22", "planned"),
    # an aspect marker stays (已 … 前完成 is done; 将 is planned already)
    ("已于7月21日前完成全部退款。", "2024-07-22", "done"),
    ("公司将于9月30日前完成全员培训。", "2024-07-22", "planned", "status.planned.jiang"),
    # a deadline before the statement's date says nothing of the tense; without a date nothing is known
    ("立即组织全面排查，7月底前完成系统改造。", "2024-08-05", "done", "status.done.immediately"),
    ("我们立即组织全面排查，8月底前完成系统改造。", None, "done", "status.done.immediately"),
]


@pytest.mark.parametrize("case", DEADLINE_CASES, ids=lambda c: f"{c[0][:12]}-{c[1]}")
def test_a_deadline_after_the_statement_makes_a_weakly_marked_measure_planned(case):
    from extractor.fields import find_deadline, parse_doc_date, status_given_deadline
    text, doc_date, status = case[:3]
    _s, _e, _raw, iso, rid = find_deadline(text, RS, doc_date)
    got = status_given_deadline(*classify_status(text, RS), iso, rid, parse_doc_date(doc_date), RS)
    assert got[0] == status
    if len(case) > 3:
        assert got[1] == case[3]
