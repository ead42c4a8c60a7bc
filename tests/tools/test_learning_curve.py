"""The learning curve (extractor.tools.learning_curve): shares of whole incidents, and at the full share the same
held-out figures as ``make eval``'s cross-validation, on tiny gold sets built in tmp_path."""
from __future__ import annotations

import pytest

from extractor.decide.gold import read_gold_dirs
from extractor.decide.train import prepare_all
from extractor.ruleset import load_ruleset
from extractor.run import Options
from extractor.tools.crossval import cross_validate, score_records
from extractor.tools.learning_curve import learning_curve, main, subsample_groups


def test_a_share_takes_whole_incidents_and_the_same_ones_for_the_same_seed():
    groups = [0, 0, 1, 1, 1, 2, 3, 3, 4, 5]
    train = list(range(len(groups)))
    sub = subsample_groups(train, groups, 0.5, seed=1)
    kept = {groups[i] for i in sub}
    assert len(kept) == 3  # half of the six incidents
    assert sub == [i for i in train if groups[i] in kept]  # every page of a kept incident, in order
    assert subsample_groups(train, groups, 0.5, seed=1) == sub
    assert len({tuple(subsample_groups(train, groups, 0.5, seed=s)) for s in range(1, 11)}) > 1
    assert len({groups[i] for i in subsample_groups(train, groups, 0.01, seed=3)}) == 1  # never no incident
    assert subsample_groups(train, groups, 1.0, seed=7) == train


def test_the_whole_share_is_the_cross_validation_of_make_eval(shared):
    rs = load_ruleset(None)
    prepared = [p for s in ("first", "second") for p in prepare_all(read_gold_dirs([shared / s]), rs)]
    options = Options(with_text=False)
    score_py = shared / "eval" / "score.py"
    half, whole = learning_curve(prepared, rs, options, score_py, [0.5, 1.0], seeds=1, last_set=2, folds=2)
    cv = score_records(cross_validate(prepared, rs, options, folds=2), prepared, score_py)
    assert whole.measures_f1 == pytest.approx(cv["measures"]["f1"])
    assert whole.is_statement == pytest.approx(cv["is_statement_accuracy"])
    assert half.train_pages < whole.train_pages == pytest.approx(len(prepared) / 2)


def test_the_command_prints_a_row_per_share_and_refuses_bad_shares(shared, capsys):
    args = ["--sets", "first,second", "--folds", "2", "--seeds", "1", "--shared", str(shared)]
    assert main([*args, "--fractions", "0.5,1"]) == 0
    rows = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("| 0.50") or ln.startswith("| 1.00")]
    assert len(rows) == 2
    assert main([*args, "--fractions", "0,1"]) == 2
    assert "--fractions must lie in (0, 1]" in capsys.readouterr().err
    assert main([*args, "--fractions", "half"]) == 2
    assert main(["--sets", "first,missing", "--shared", str(shared)]) == 2
    assert "no set missing" in capsys.readouterr().err
    assert main(["--sets", "first", "--folds", "5", "--shared", str(shared)]) == 2  # three pages, five folds
    assert capsys.readouterr().err.startswith("learning_curve: first: ")
