"""A line of the site between two paragraphs (a share bar, a picture credit) is not a clause's neighbour."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractor.candidates.collect import find_candidates, find_signals
from extractor.clean import clean_text
from extractor.decide.features import UnitContext, unit_features
from extractor.ruleset import load_ruleset
from extractor.run import Options
from extractor.run.pipeline import extract_loaded, iter_loaded

RS = load_ruleset()
SHARED = Path(__file__).resolve().parents[3] / "shared"


def _under_third_line(text: str, line: str) -> str:
    lines = text.split("\n")
    return "\n".join(lines[:3] + [line] + lines[3:])


def _features_of(view: str, clause: str) -> dict:
    cands = find_candidates(find_signals(clean_text(view), "", RS), RS)
    ctx = UnitContext(cands, RS)
    i = next(k for k, u in enumerate(ctx.units) if ctx.text(k).startswith(clause))
    return unit_features(ctx, i)


def test_a_clause_after_a_share_bar_has_the_clause_before_the_bar_as_its_neighbour():
    first = "经调查，事故系机房供电故障引起。\n"
    second = "为此，公司对相关部门和领导进行了严肃问责。"
    plain = _features_of(first + second, "为此")
    barred = _features_of(first + "分享到：微信 微博\n" + second, "为此")
    assert plain["prev_ends=。"] == barred["prev_ends=。"] == 1.0
    assert {k: v for k, v in barred.items() if k.startswith(("prev_", "next_", "doc_first"))} == \
        {k: v for k, v in plain.items() if k.startswith(("prev_", "next_", "doc_first"))}


@pytest.mark.skipif(not (SHARED / "dev2" / "b006.txt").exists(), reason="../shared sets not present")
@pytest.mark.parametrize("line", ["分享到：微信 微博", "（图片来源：网络）"])
def test_a_real_report_keeps_its_measures_with_a_site_line_between_paragraphs(line):
    # dev2 b006: the line put between two of its paragraphs had cut 为此, off the sanction that follows it.
    options = Options(with_text=False)
    doc = next(iter_loaded([str(SHARED / "dev2" / "b006.txt")], options))
    noisy = dataclasses.replace(doc, text=_under_third_line(doc.text, line), warnings=list(doc.warnings))
    alone, again = extract_loaded(doc, options).as_dict(), extract_loaded(noisy, options).as_dict()
    assert alone["measures"]
    assert [m["text"] for m in again["measures"]] == [m["text"] for m in alone["measures"]]
