"""Document-level fields: apology, statement score, company with branches, incident and timeline.

Table-driven: the cases live in tests/cases/document_*.jsonl, one real sentence or short paragraph per
line, positive and negative. Every rule id of the four rule files must be named by at least one case
(``covers``), and every named rule must match its case, so a rule without a working example fails.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.clean import clean_text
from extractor.candidates import find_apology, find_company, score_statement
from extractor.fields import DocumentFields, analyze_document, find_incident, find_timeline
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
def test_statement(case, rules):
    clean = clean_text(case["text"])
    sents = sentences_of(clean)
    apology = find_apology(clean, rules.regex("apology"), sents)
    result = score_statement(clean.view, rules.regex("statement"), sents, apology)
    assert result.is_statement == case["is_statement"], result.contributions


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


DOCS = [
    pytest.param("中国联通就异常扣费再致歉：已全面回退",
                 "5月6日，有报道称中国联通因系统升级导致部分用户被异常扣费。中国联通表示，当天启动应急处置机制，"
                 "成立工作专班，进行全面整改。5月7日，公司通过客服平台，向相关用户进行了情况告知和诚恳道歉。",
                 True, True, "中国联通", id="statement"),
    pytest.param("中国联通：让老百姓实在用网、明白消费",
                 "中国联通推出服务再升级行动计划，各省分公司纷纷结合本地实际，打造智慧生活，"
                 "让老百姓实实在在用网、明明白白消费。",
                 False, False, "", id="promotional"),
    pytest.param("两车追尾当场1死7伤",
                 "昨日清晨7时许，国道发生一起交通事故，一辆卡车与一辆面包车发生追尾，事故共造成1人死亡。",
                 False, False, "", id="plain_incident"),
]


@pytest.mark.parametrize("title,text,is_statement,apology,company", DOCS)
def test_analyze_document(title, text, is_statement, apology, company, rules):
    clean = clean_text(text, title)
    fields = analyze_document(clean, rules, title=title, doc_date="2022-05-11")
    assert isinstance(fields, DocumentFields)
    assert (fields.is_statement, fields.apology, fields.company) == (is_statement, apology, company)
    if fields.apology:
        assert clean.text[fields.apology_start:fields.apology_end] == fields.apology_text
    assert clean.text[fields.incident_start:fields.incident_end] == fields.incident


def test_measures_add_evidence(rules):
    text = "针对网点违规收寄活体动物一事，快递公司表示正在核实。"
    clean = clean_text(text)
    without = analyze_document(clean, rules)
    with_measures = analyze_document(clean, rules, n_measures=3, n_listed=3)
    assert with_measures.statement_score > without.statement_score
    assert "measures" in with_measures.statement_rule
