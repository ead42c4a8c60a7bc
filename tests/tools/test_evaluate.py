"""Evaluation tooling: extractor.tools.evaluate on a tiny gold set built in tmp_path, and extractor.tools.rulestats
on hand-made records, both scored with the shared scorer (../shared/eval/score.py, copied into tmp_path)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.tools.crossval import random_group_folds
from extractor.tools.evaluate import default_shared_dir, format_scores, main, score_predictions
from extractor.tools.rulestats import (RuleStat, collect_rule_stats, doc_stem, format_rule_stats, load_scorer,
                                       never_fired, pair_with_gold)

SCORER = default_shared_dir() / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason=f"shared scorer not found at {SCORER}")

DOC = (
    "中国联通就异常扣费致歉\n\n"
    "针对用户异常扣费一事，中国联通表示，主要采取了以下措施：\n"
    "一是迅速进行回退处理，确保用户权益不受损害。\n"
    "二是迅速设立客服专线，开通10015-6服务专线。\n"
    "三是对相关责任人迅速调离工作岗位。\n"
    "中国联通对此深表歉意。\n"
)
GOLD = {
    "doc": "a.txt", "is_statement": True, "apology": True, "company": "中国联通", "stated_count": None,
    "measures": [
        {"ordinal": "一是", "listed": True, "category": "refund", "text": "迅速进行回退处理，确保用户权益不受损害。"},
        {"ordinal": "二是", "listed": True, "category": "hotline", "text": "迅速设立客服专线，开通10015-6服务专线。"},
        {"ordinal": "三是", "listed": True, "category": "accountability", "text": "对相关责任人迅速调离工作岗位。"},
    ],
    "findings": [], "hotlines": ["10015-6"], "parties": [{"name": "相关责任人", "role": "disciplined"}],
}


def _run(shared: Path, out: Path, *extra: str) -> int:
    return main(["--sets", "first,second", "--folds", "2", "--shared", str(shared), "--out", str(out), *extra])


def test_eval_reports_held_out_figures_first_then_in_sample(shared, tmp_path, capsys):
    out = tmp_path / "out"
    assert _run(shared, out) == 0
    printed = capsys.readouterr().out
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report == printed.rstrip("\n") or report in printed
    held = report.index("## What to expect on new pages (held out)")
    assert held < report.index("## Candidate recall") < report.index("## The shipped model on the gold sets (in-sample)")
    assert "| metric | cross-validated | first -> second | second -> first |" in report
    assert "| documents | 5 | 2 | 3 |" in report
    assert "- measures: " in report and "## Rules by the number of gold documents they fired on" in report
    records = [json.loads(line) for line in (out / "crossval.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(doc_stem(r) for r in records) == ["n1", "n2", "s1", "s2", "s3"]
    assert (out / "first.jsonl").is_file() and (out / "transfer-second.jsonl").is_file()
    assert "How much one split says: the same incident groups dealt to the folds at random (seeds 1, 2, 3)" in report
    # the held-out errors by kind, a column per set and one for the transfer, before the candidates' recall
    kinds = report.index("| measures | CV first | CV second | first -> second |")
    assert held < kinds < report.index("## Candidate recall")
    assert "| missed: lost with a rejected statement |" in report[kinds:]
    noise = report.index("## The same pages with site noise added (shipped model, in-sample)")
    assert report.index("## The shipped model on the gold sets (in-sample)") < noise
    assert ("| metric | as is | related headlines | ranked headlines | related teasers | readers' comments | "
            "navigation line |") in report[noise:]
    assert "| article twice | ASCII full stops |" in report[noise:]
    assert "Pages whose statement, apology or company decision or whose measures changed (of 5): " in report


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_group_folds_keep_groups_whole_and_test_everything_once(seed):
    groups = [0, 0, 1, 2, 2, 2, 3, 4, 5, 5, 6, 7]
    splits = random_group_folds(groups, 5, seed)
    tested = sorted(i for _train, test in splits for i in test)
    assert tested == list(range(len(groups)))
    for train, test in splits:
        assert test and not {groups[i] for i in train} & {groups[i] for i in test}
        assert sorted(train + test) == list(range(len(groups)))


def test_random_group_folds_depend_on_the_seed():
    groups = list(range(20))
    deals = {tuple(tuple(test) for _train, test in random_group_folds(groups, 5, seed)) for seed in (1, 2, 3)}
    assert len(deals) == 3


def test_eval_of_missing_set_exits_2_with_message(shared, tmp_path, capsys):
    assert main(["--sets", "nope", "--shared", str(shared), "--out", str(tmp_path / "out")]) == 2
    assert "no set nope" in capsys.readouterr().err


def test_failing_scorer_raises_with_its_stderr(tmp_path):
    broken = tmp_path / "score.py"
    broken.write_text("import sys\nsys.exit('gold dir unreadable')\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="gold dir unreadable"):
        score_predictions(broken, tmp_path, tmp_path / "pred.jsonl")


@pytest.mark.parametrize("head, scores, row", [
    ("cross-validated", {"measures": {"f1": 0.8}}, "| measures.f1 | 0.800 ✓ |"),
    ("cross-validated", {"measures": {"f1": 0.5}}, "| measures.f1 | 0.500 ✗ (≥0.75) |"),
    ("seeds", {"measures_listed_recall": 0.99}, "| measures_listed_recall | 0.990 ✗ (≥1) |"),
    ("other", {"measures": {"f1": 0.1}}, "| measures.f1 | 0.100 |"),  # no targets for other columns
    ("cross-validated", {"company_accuracy": None}, "| company_accuracy | - |"),
])
def test_score_table_marks_targets(head, scores, row):
    assert row in format_scores([(head, scores)]).splitlines()


# ---- rulestats on hand-made records -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def scorer():
    return load_scorer(SCORER)


def _measure(text: str, rule: str, category: str = "other", category_rule: str = "", status_rule: str = "",
             deadline_rule: str = "") -> dict:
    return {"text": text, "rule": rule, "category": category, "category_rule": category_rule,
            "status_rule": status_rule, "deadline": {"rule": deadline_rule} if deadline_rule else None}


def _stats(scorer, rec: dict, gold: dict = GOLD) -> dict[tuple[str, str], tuple[int, int, int]]:
    stats = collect_rule_stats(pair_with_gold([{"doc_id": "tiny/a.txt", **rec}], {"a": gold}), scorer)
    return {(s.rule, s.field): (s.fires, s.judged, s.hits) for s in stats}


@pytest.mark.parametrize("rec, key, expected", [
    pytest.param({"measures": [_measure("迅速进行回退处理，确保用户权益不受损害。", "ordinal.yi_shi")]},
                 ("ordinal.yi_shi", "measure"), (1, 1, 1), id="matched-measure-is-a-hit"),
    pytest.param({"measures": [_measure("中国联通对此深表歉意。", "cue.daoqian")]},
                 ("cue.daoqian", "measure"), (1, 1, 0), id="spurious-measure-is-a-miss"),
    pytest.param({"measures": [_measure("迅速设立客服专线，开通10015-6服务专线。", "ordinal.yi_shi", "hotline",
                                        "category.hotline.core")]},
                 ("category.hotline.core", "category"), (1, 1, 1), id="category-equal-to-gold"),
    pytest.param({"measures": [_measure("迅速设立客服专线，开通10015-6服务专线。", "ordinal.yi_shi", "system",
                                        "cue.sheli")]},
                 ("cue.sheli", "category"), (1, 1, 0), id="category-differs-from-gold"),
    pytest.param({"measures": [_measure("中国联通对此深表歉意。", "cue.daoqian", "communication", "cue.daoqian")]},
                 ("cue.daoqian", "category"), (1, 0, 0), id="category-of-spurious-measure-not-judged"),
    pytest.param({"measures": [_measure("三是对相关责任人迅速调离工作岗位。", "ordinal.yi_shi", status_rule="status.default",
                                        deadline_rule="deadline.within")]},
                 ("status.default", "status"), (1, 0, 0), id="status-fires-but-is-not-judged"),
    pytest.param({"measures": [_measure("三是对相关责任人迅速调离工作岗位。", "ordinal.yi_shi",
                                        deadline_rule="deadline.within")]},
                 ("deadline.within", "deadline"), (1, 0, 0), id="deadline-fires-but-is-not-judged"),
    pytest.param({"findings": [{"text": "宽带包年到期处理不规范。", "rule": "ordinal.yi_shi"}]},
                 ("ordinal.yi_shi", "finding"), (1, 1, 0), id="finding-without-gold-finding"),
    pytest.param({"parties": [{"name": "相關責任人", "rule": "party.dui_penalty"}]},
                 ("party.dui_penalty", "party"), (1, 1, 1), id="party-in-traditional-script-matches"),
    pytest.param({"parties": [{"name": "分管副总经理", "rule": "party.dui_penalty"}]},
                 ("party.dui_penalty", "party"), (1, 1, 0), id="party-not-in-gold"),
    pytest.param({"hotlines": [{"number": "１００１５－６", "rule": "hotline.carrier"}]},
                 ("hotline.carrier", "hotline"), (1, 1, 1), id="full-width-hotline-matches"),
    pytest.param({"hotlines": [{"number": "2022-05-11", "rule": "hotline.landline"}]},
                 ("hotline.landline", "hotline"), (1, 1, 0), id="date-taken-for-hotline-is-a-miss"),
    pytest.param({"timeline": [{"date": "5月6日", "rule": "timeline.md"}]},
                 ("timeline.md", "timeline"), (1, 0, 0), id="timeline-fires-but-is-not-judged"),
])
def test_rule_stat_counts(scorer, rec, key, expected):
    assert _stats(scorer, rec)[key] == expected


def test_value_without_rule_id_is_not_counted(scorer):
    assert _stats(scorer, {"measures": [_measure("迅速进行回退处理。", "")]}) == {}


def test_records_without_gold_are_skipped(scorer):
    rec = {"doc_id": "tiny/b.txt", "measures": [_measure("迅速进行回退处理。", "ordinal.yi_shi")]}
    assert collect_rule_stats(pair_with_gold([rec], {"a": GOLD}), scorer) == []


def test_each_measure_is_matched_once(scorer):
    # Two predictions of the same gold measure: one-to-one matching, as in the scorer, gives one hit.
    text = "迅速进行回退处理，确保用户权益不受损害。"
    stats = _stats(scorer, {"measures": [_measure(text, "ordinal.yi_shi"), _measure(text, "ordinal.yi_shi")]})
    assert stats[("ordinal.yi_shi", "measure")] == (2, 2, 1)


def test_stats_sorted_by_fires(scorer):
    rec = {"hotlines": [{"number": "10015-6", "rule": "hotline.carrier"}],
           "parties": [{"name": "相关责任人", "rule": "party.dui_penalty"}, {"name": "处置专班", "rule": "party.task_force"},
                       {"name": "工作专班", "rule": "party.task_force"}]}
    stats = collect_rule_stats(pair_with_gold([{"doc_id": "a.txt", **rec}], {"a": GOLD}), scorer)
    assert [s.rule for s in stats] == ["party.task_force", "hotline.carrier", "party.dui_penalty"]


def test_never_fired_splits_traced_and_untraced_families():
    stats = [RuleStat("hotline.carrier", "hotline", 1, 1, 1)]
    assert never_fired(stats, ["hotline.carrier", "hotline.400", "noise.pinyin"]) == (["hotline.400"], ["noise.pinyin"])


def test_rule_report_lists_rows_precision_and_silent_rules():
    stats = [RuleStat("hotline.carrier", "hotline", 4, 4, 3), RuleStat("status.default", "status", 2)]
    report = format_rule_stats(stats, ["hotline.carrier", "hotline.400", "status.default", "noise.pinyin"]).splitlines()
    assert "| hotline.carrier | hotline | 4 | 4 | 3 | 0.75 |" in report
    assert "| status.default | status | 2 | 0 | 0 | - |" in report
    assert "- hotline (1): hotline.400" in report
    assert any(line.startswith("Not traced in output") and "noise (1)" in line for line in report)


def test_candidate_recall_counts_company_and_parties_the_candidates_can_reach(tmp_path):
    from conftest import write_gold

    from extractor.decide.gold import read_gold_dirs
    from extractor.decide.train import prepare_all
    from extractor.ruleset import load_ruleset
    from extractor.tools.crossval import candidate_recall

    gold = {k: v for k, v in GOLD.items() if k != "doc"}
    # The same page annotated with a company and a party it never names: no candidate can reach them.
    absent = {**gold, "company": "中国移动", "parties": [{"name": "网络部经理", "role": "disciplined"}]}
    folder = write_gold(tmp_path / "gold", {"a": (DOC, gold), "b": (DOC, absent)})
    prepared = prepare_all(read_gold_dirs([str(folder)]), load_ruleset())
    cr = candidate_recall(prepared)
    assert (cr["n_company"], cr["n_parties"]) == (2, 2)
    assert cr["company"] == 0.5 and cr["parties"] == 0.5
    assert cr["hotlines"] == 1.0 and cr["measures"] == 1.0
