"""Table-driven tests for extractor.candidates.parties: one case per line in tests/cases/parties.jsonl."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.candidates import find_parties
from extractor.ruleset import load_ruleset

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "cases" / "parties.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
RULE_FILES = ("parties", "party_heads")


def _run(text: str):
    clean = clean_text(text)
    return clean, find_parties(clean, load_ruleset(), 0, len(clean.text))


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['rule']}" for i, c in enumerate(CASES)])
def test_case(case):
    clean, parties = _run(case["text"])
    got = sorted((p.text, p.role, p.penalty) for p in parties)
    want = sorted((p["name"], p["role"], p.get("penalty", "")) for p in case["parties"])
    assert got == want, case.get("note", "")


@pytest.mark.parametrize("case", [c for c in CASES if c["parties"]], ids=lambda c: c["text"][:12])
def test_offsets_and_simplified_name(case):
    clean, parties = _run(case["text"])
    for p in parties:
        assert clean.text[p.start:p.end] == p.text
        assert clean.view[p.start:p.end] == p.name


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"].startswith("party.") and c["parties"]
                                  and not load_ruleset().by_id(c["rule"]).get("kind") == "block"],
                         ids=lambda c: c["rule"])
def test_trigger_case_fires_its_rule(case):
    _, parties = _run(case["text"])
    assert case["rule"] in {p.rule for p in parties}


@pytest.mark.parametrize("case", [c for c in CASES if c["rule"].startswith("party_")], ids=lambda c: c["rule"])
def test_lexicon_case_exercises_its_rule(case):
    rule = load_ruleset().by_id(case["rule"])
    unanchored = re.compile(rule.source.removesuffix("$"))  # end-anchored lexicon rules are tested on pieces
    assert unanchored.search(clean_text(case["text"]).view), f"{case['rule']} does not occur in the case"


# kind "candidate" rules only propose candidates for the party decision; tests/decide/test_features.py covers them
@pytest.mark.parametrize("rule_id", [r.id for name in RULE_FILES for r in load_ruleset().regex(name)
                                     if r.get("kind") != "candidate"])
def test_every_rule_has_a_case(rule_id):
    assert any(c["rule"] == rule_id for c in CASES), f"add a case for {rule_id} to tests/cases/parties.jsonl"


def test_traditional_name_is_written_script():
    clean, parties = _run("當天成立工作專班，進行全面整改。")
    assert [(p.text, p.name) for p in parties] == [("工作專班", "工作专班")]


def test_range_limits_search():
    text = "对相关责任人迅速调离工作岗位。成立工作专班。"
    clean = clean_text(text)
    parties = find_parties(clean, load_ruleset(), 0, text.index("。") + 1)
    assert [p.name for p in parties] == ["相关责任人"]
