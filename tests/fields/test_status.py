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
