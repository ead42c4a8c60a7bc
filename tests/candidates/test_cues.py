"""Table-driven tests for candidates/cues.py: cue verbs, vows and concrete actions (tests/cases/categories.jsonl
and the ``examples`` of every cue rule)."""
from __future__ import annotations

import pytest

from conftest import case_params, read_cases
from extractor.candidates import find_cue_verbs, find_vows, has_concrete_action, is_generic_vow
from extractor.candidates import CATEGORIES
from extractor.ruleset import load_ruleset

CASES = read_cases("categories.jsonl")
RS = load_ruleset()


@pytest.mark.parametrize("case", case_params(CASES, "vow"))
def test_generic_vow(case):
    assert is_generic_vow(case["text"], RS) is case["vow"]
    fired = {rid for *_, rid in find_vows(case["text"], RS)}
    assert set(case.get("rules", [])) <= fired


@pytest.mark.parametrize("case", case_params(CASES, "concrete"))
def test_concrete_action(case):
    found, rule = has_concrete_action(case["text"], RS)
    assert found is case["concrete"]
    assert (rule != "") is case["concrete"]


@pytest.mark.parametrize("rule", RS.patterns("cues"), ids=lambda r: r.id)
def test_cue_rule_matches_its_example(rule):
    example = rule.get("examples")[0]
    if rule.get("level") == "blocker":
        # The blocked word leaves no cue inside it: 网上报价 holds no 上报.
        at = example.index(rule.pattern)
        assert not [q for q in find_cue_verbs(example, RS) if q[0] < at + len(rule.pattern) and at < q[1]]
        return
    hits = [(s, e, verb, rid) for s, e, verb, rid in find_cue_verbs(example, RS) if rid == rule.id]
    assert hits, f"{rule.id} does not fire on its example {example!r}"
    s, e, verb, _ = hits[0]
    assert example[s:e] == verb == rule.pattern


@pytest.mark.parametrize("text, absent", [
    ("调查组已建议对此事进行监督纠正", "cue.diaocha"),   # 调查组 is a team
    ("将进一步调查处理", "cue.chachu"),                 # 调查处理 overlaps 查处; the leftmost-longest wins
    ("应设立通报机制", "cue.tongbao"),                  # a mechanism, not a notification
])
def test_cue_in_noun_phrase_is_not_a_verb(text, absent):
    assert absent not in {rid for *_, rid in find_cue_verbs(text, RS)}


def test_every_cue_rule_has_category_hint_and_example():
    for rule in RS.patterns("cues"):
        assert rule.get("category") in CATEGORIES or rule.get("level") == "blocker", rule.id
        assert rule.get("examples"), rule.id


def test_cue_patterns_load_in_spacy_span_ruler():
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("zh")  # default char segmentation: every Han character is a token, so phrases align
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns([r.as_spacy() for r in RS.patterns("cues")])
    doc = nlp("迅速设立客服专线，开通服务专线，对相关责任人迅速调离工作岗位")
    found = {(span.text, span.id_) for span in doc.spans["ruler"]}
    assert ("设立", "cue.sheli") in found
    assert ("调离", "cue.diaoli") in found
    assert all(span.label_ == "CUE" for span in doc.spans["ruler"])


def test_vows_found_with_the_screen_are_those_every_rule_finds():
    """find_vows first asks one pattern of the vow rules' literal strings whether any can match: on every clause of
    the corpus documents it returns what searching every rule returns, and the screen does turn most clauses away."""
    import re
    from pathlib import Path

    from extractor.candidates.cues import _vow_rules, _vow_screen
    from extractor.clean import clean_text

    screen = _vow_screen(RS)
    assert screen is not None
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    clauses = [c for p in sorted(corpus.glob("*.txt"))
               for line in clean_text(p.read_text(encoding="utf-8")).view.split("\n")
               for c in re.split("(?<=[，。；！？])", line) if c]
    turned_away = 0
    for clause in clauses:
        every = tuple((m.start(), m.end(), rid) for rid, pat in _vow_rules(RS) for m in pat.finditer(clause))
        assert find_vows(clause, RS) == every, clause
        turned_away += screen.search(clause) is None
    assert turned_away > len(clauses) // 2
