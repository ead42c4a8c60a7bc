"""extractor.tools.error_kinds on hand-made records and gold, paired by the shared scorer's own matching."""
from __future__ import annotations

import pytest

from extractor.tools.error_kinds import format_error_kinds, measure_errors
from extractor.tools.evaluate import default_shared_dir
from extractor.tools.rulestats import load_scorer

SCORER = default_shared_dir() / "eval" / "score.py"
pytestmark = pytest.mark.skipif(not SCORER.is_file(), reason=f"shared scorer not found at {SCORER}")


def _m(text: str, listed: bool = False) -> dict:
    return {"text": text, "listed": listed}


STATEMENT_GOLD = {"is_statement": True, "measures": [
    _m("对涉事门店停业整顿", listed=True),
    _m("已成立工作专班，立即开展调查"),
    _m("涉事工作人员已被停职，接受调查"),
    _m("向全体用户发放十元代金券作为补偿"),
]}


def test_each_error_is_counted_once_under_the_kind_that_explains_it():
    scorer = load_scorer(SCORER)
    record = {"is_statement": True, "measures": [
        _m("对涉事门店停业整顿", listed=True),                               # found
        _m("已成立工作专班，立即开展调查，并将根据调查情况对当事人员严肃处理"),  # the second, cut longer
        _m("加强队伍建设，严格文明规范执法"),                                  # added, nothing near
    ]}
    counts = measure_errors([(record, STATEMENT_GOLD)], scorer)
    assert counts["found", ""] == 1
    assert counts["missed", "boundary: predicted longer"] == 1
    assert counts["added", "boundary (the same pairs)"] == 1
    assert counts["missed", "prose, nothing near"] == 2
    assert counts["added", "prose, nothing near"] == 1
    # the totals are the scorer's false negatives and false positives
    assert sum(n for (side, _k), n in counts.items() if side == "missed") == 3
    assert sum(n for (side, _k), n in counts.items() if side == "added") == 2


def test_a_wrong_statement_decision_takes_all_its_measures_with_it():
    scorer = load_scorer(SCORER)
    rejected = {"is_statement": False, "measures": []}
    lookalike_gold = {"is_statement": False, "measures": []}
    lookalike_record = {"is_statement": True, "measures": [_m("首先，要第一时间回应"), _m("其次，要真诚道歉")]}
    counts = measure_errors([(rejected, STATEMENT_GOLD), (lookalike_record, lookalike_gold)], scorer)
    assert counts["missed", "lost with a rejected statement"] == 4
    assert counts["added", "from an accepted look-alike"] == 2
    assert counts["found", ""] == 0


def test_the_table_has_a_row_per_kind_and_the_totals():
    scorer = load_scorer(SCORER)
    table = format_error_kinds([("CV a", measure_errors([({"is_statement": False}, STATEMENT_GOLD)], scorer))])
    lines = table.splitlines()
    assert lines[0] == "| measures | CV a |"
    assert "| missed: lost with a rejected statement | 4 |" in lines
    assert "| missed, all | 4 |" in lines and "| added, all | 0 |" in lines
