"""Document-level rule finders: apology, statement signals, company with branches, incident and timeline.

Table-driven: the cases live in tests/cases/document_*.jsonl, one real sentence or short paragraph per
line, positive and negative. Every rule id of the four rule files must be named by at least one case
(``covers``), and every named rule must match its case, so a rule without a working example fails. Whether
a document is a statement is the statement decision's (tests/decide/test_shipped_model.py); here the
statement cases check which signals fire.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.candidates import find_apology, find_company, find_statement_signals
from extractor.decide.features import AGAINST_KINDS, VETO_KINDS
from extractor.fields import find_document_date, find_incident, find_timeline
from extractor.ruleset import load_ruleset
from extractor.structure import iter_sentences

CASES = Path(__file__).parents[1] / "cases"
FIELDS = ("apology", "statement", "company", "timeline")


def load_cases(field: str) -> list[dict]:
    lines = (CASES / f"document_{field}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def case_params(field: str):
    return [pytest.param(c, id=c["id"]) for c in load_cases(field)]


@pytest.fixture(scope="module")
def rules():
    return load_ruleset()


def sentences_of(clean):
    return list(iter_sentences(clean.view))


@pytest.mark.parametrize("case", case_params("apology"))
def test_apology(case, rules):
    clean = clean_text(case["text"])
    hit = find_apology(clean, rules.regex("apology"), sentences_of(clean))
    assert hit.found == case["apology"]
    if hit.found:
        assert clean.text[hit.start:hit.end] == hit.text
        assert hit.rule.startswith("apology.")


@pytest.mark.parametrize("case", case_params("statement"))
def test_statement_signals(case, rules):
    clean = clean_text(case["text"])
    signals = find_statement_signals(clean.view, rules.regex("statement"), sentences_of(clean))
    assert set(case.get("covers", [])) <= set(signals.hits), signals.hits
    # the same words inside another word or use (转向助力, a law's 第四章, a question in quotes) are not the signal
    assert not set(case.get("silent", [])) & set(signals.hits), signals.hits
    for rid, n in signals.hits.items():
        assert 1 <= n <= 3 and signals.kinds[rid] == rules.by_id(rid).get("kind")
    against = set(AGAINST_KINDS) | set(VETO_KINDS)
    if not case["is_statement"] and case.get("covers"):
        # every look-alike case shows at least one signal that speaks against a statement, or one that the decision
        # may weigh either way (an order by others, a denial)
        assert set(signals.by_kind()) & (against | {"third_party", "denial"}), signals.hits


STATEMENT_RULES = load_ruleset().regex("statement")
STATEMENT_EXAMPLES = ([(r.id, ex, True) for r in STATEMENT_RULES for ex in r.get("examples", [])]
                      + [(r.id, ex, False) for r in STATEMENT_RULES for ex in r.get("counterexamples", [])])


@pytest.mark.parametrize("rule_id, text, fires", STATEMENT_EXAMPLES)
def test_statement_rules_fire_on_their_examples_and_not_on_their_counterexamples(rule_id, text, fires):
    clean = clean_text(text)
    rule = [r for r in STATEMENT_RULES if r.id == rule_id]
    assert (rule_id in find_statement_signals(clean.view, rule, sentences_of(clean)).hits) is fires


@pytest.mark.parametrize("case", case_params("company"))
def test_company(case, rules):
    clean = clean_text(case["text"])
    title_view = clean_text(case["title"]).view if case["title"] else ""
    result = find_company(clean, rules.regex("company"), sentences_of(clean), title_view)
    assert result.name == case["company"], result.candidates
    assert result.branches == case["branches"]
    if result.name:
        assert result.rule.startswith("company.")


@pytest.mark.parametrize("case", case_params("timeline"))
def test_timeline(case, rules):
    clean = clean_text(case["text"])
    sents = sentences_of(clean)
    entries = find_timeline(clean, rules.regex("timeline"), sents, case["doc_date"])
    assert [[t["date"], t["iso"]] for t in entries] == case["dates"]
    for t in entries:
        assert clean.text[t["start"]:t["start"] + len(t["date"])] == t["date"]
        assert t["action"] and t["action"] in clean.text[t["start"]:t["end"]]
    text, start, end, rid = find_incident(clean, rules.regex("timeline"), sents)
    assert bool(text) == case["incident"]
    assert clean.text[start:end] == text
    if "own_date" in case:  # the document's own date, read off its signature or byline
        found = find_document_date(clean, rules.regex("timeline"))
        assert (list(found) if found else None) == case["own_date"]


def covered_ids() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for field in FIELDS:
        for case in load_cases(field):
            for rid in case.get("covers", []):
                out.setdefault(rid, []).append(case)
    return out


def shipped_ids() -> list[str]:
    rs = load_ruleset()
    return sorted(r.id for field in FIELDS for r in rs.regex(field))


@pytest.mark.parametrize("rule_id", shipped_ids())
def test_every_rule_has_a_case(rule_id):
    assert rule_id in covered_ids(), f"no case in tests/cases/document_*.jsonl covers {rule_id}"


@pytest.mark.parametrize("rule_id,case", [pytest.param(rid, c, id=f"{rid}-{c['id']}")
                                          for rid, cs in sorted(covered_ids().items()) for c in cs])
def test_covered_rule_matches_its_case(rule_id, case, rules):
    rule = rules.by_id(rule_id)
    assert rule is not None, f"case {case['id']} names unknown rule {rule_id}"
    probe = case.get("probes", {}).get(rule_id)
    target = clean_text(probe).view if probe else clean_text(case["text"] + "\n" + case.get("title", "")).view
    assert rule.pattern.search(target), f"{rule_id} does not match case {case['id']}"
