"""Table-driven tests for deadlines.py (tests/cases/deadlines.jsonl)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractor.fields import find_deadline, parse_doc_date
from extractor.ruleset import load_ruleset

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "cases" / "deadlines.jsonl").read_text("utf-8").splitlines()
         if line.strip()]
RS = load_ruleset()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["text"][:16])
def test_deadline(case):
    found = find_deadline(case["text"], RS, case.get("doc_date"))
    if case["raw"] is None:
        assert found is None
        return
    start, end, raw, iso, rule = found
    assert case["text"][start:end] == raw == case["raw"]
    assert iso == case["iso"]
    assert rule == case["rule"]


@pytest.mark.parametrize("rule", RS.regex("deadlines"), ids=lambda r: r.id)
def test_deadline_rule_has_a_case(rule):
    assert rule.id in {c.get("rule") for c in CASES}, f"{rule.id} has no case in tests/cases/deadlines.jsonl"


@pytest.mark.parametrize("text, expected", [
    ("2022-05-11", date(2022, 5, 11)),
    ("Wed, 11 May 2022 14:31:00 GMT", date(2022, 5, 11)),
    ("2022-03-29 14:52:18 +0800", date(2022, 3, 29)),
    ("2020年7月16日", date(2020, 7, 16)),
    ("", None),
    ("not a date", None),
    ("2022-13-40", None),
])
def test_parse_doc_date(text, expected):
    assert parse_doc_date(text) == expected
