"""Clause boundaries: the separators that end a clause, and the ones inside a number that do not."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract_text
from extractor.structure.sentences import split_clauses

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _clauses(text: str) -> list[str]:
    return [text[s:e] for s, e in split_clauses(text, 0, len(text))]


def test_clauses_split_at_commas_semicolons_and_colons():
    assert _clauses("经核实,系统升级所致;我们决定:全额退款。") == ["经核实,", "系统升级所致;", "我们决定:", "全额退款。"]


@pytest.mark.parametrize("time", ["00:00", "21：22", "19:00~23:59"])
def test_a_colon_between_digits_is_a_time_not_a_boundary(time):
    # Times sit inside measures on four dev2 pages of four sites (00:00 — 10:00 期间产生的所有异常订单, 1月28日00:00,
    # 19:00~23:59, 21:22分): a clause cut at their colon left "…1月28日00:" and "00开始恢复扣点" as two clauses.
    text = f"将从1月28日{time}开始恢复扣点,同时补扣此前登录用户的应扣点数。"
    assert _clauses(text) == [f"将从1月28日{time}开始恢复扣点,", "同时补扣此前登录用户的应扣点数。"]


def test_a_colon_after_a_number_and_before_words_still_ends_a_clause():
    assert _clauses("整改措施共3:一是退款。") == ["整改措施共3:", "一是退款。"]


@pytest.mark.skipif(not (SHARED / "dev2" / "b010.txt").exists(), reason="../shared sets not present")
def test_no_measure_of_a_real_notice_ends_inside_a_time():
    text = (SHARED / "dev2" / "b010.txt").read_text(encoding="utf-8")
    measures = [m["text"] for m in extract_text(text, "b010.txt")["measures"]]
    assert measures
    assert not any(m.rstrip().endswith(("00:", "00：")) or m.startswith("00") for m in measures)
