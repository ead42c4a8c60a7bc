"""Table-driven tests for categorize.py: category, rule firing, headline (tests/cases/categories.jsonl)."""
from __future__ import annotations

import pytest

from conftest import case_params, read_cases
from extractor.candidates.categorize import CATEGORIES, classify_category, extract_headline, find_category_matches
from extractor.ruleset import load_ruleset

CASES = read_cases("categories.jsonl")
RS = load_ruleset()


@pytest.mark.parametrize("case", case_params(CASES, "category"))
def test_category(case):
    cat, rule = classify_category(case["text"], RS, case.get("list_kind"))
    assert cat == case["category"]
    assert cat in CATEGORIES
    if "rule" in case:
        assert rule == case["rule"]
    else:
        assert RS.by_id(rule) is not None


@pytest.mark.parametrize("case", case_params(CASES, "fires"))
def test_category_rule_fires(case):
    assert case["fires"] in {rid for *_, rid in find_category_matches(case["text"], RS)}


@pytest.mark.parametrize("case", case_params(CASES, "not_fires"))
def test_category_rule_does_not_fire(case):
    assert case["not_fires"] not in {rid for *_, rid in find_category_matches(case["text"], RS)}


@pytest.mark.parametrize("case", case_params(CASES, "headline"))
def test_headline(case):
    start, end = extract_headline(case["text"], case["text"], RS)
    assert case["text"][start:end] == case["headline"]


def _covered() -> set:
    ids = set()
    for case in CASES:
        ids.update(filter(None, [case.get("rule"), case.get("fires")]))
        ids.update(case.get("rules", []))
    return ids


@pytest.mark.parametrize("rule", RS.regex("categories") + RS.regex("vows"), ids=lambda r: r.id)
def test_rule_has_a_case(rule):
    assert rule.id in _covered(), f"{rule.id} has no case in tests/cases/categories.jsonl"
