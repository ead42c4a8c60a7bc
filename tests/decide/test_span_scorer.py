"""The span scorer adds up the shipped span model's weights without building the span features; it must give
the model's logit of the features themselves, on every candidate run of real statements."""
from __future__ import annotations

import math

import pytest

from extractor.candidates import find_candidates, find_signals
from extractor.clean import clean_text
from extractor.decide.features import SpanScorer, UnitContext, span_candidates, span_features, unit_features
from extractor.decide.model import load_model
from extractor.load import load_text
from extractor.ruleset import load_ruleset

from conftest import CORPUS

RS = load_ruleset()
MODEL = load_model()


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:12])
def test_the_scorer_gives_the_models_logit_of_every_candidate_run(path):
    doc = load_text(path.read_text("utf-8"), path.name, "text")[0]
    cands = find_candidates(find_signals(clean_text(doc.text, doc.title), doc.title, RS), RS)
    ctx = UnitContext(cands, RS)
    feats = [unit_features(ctx, i) for i in range(len(ctx.units))]
    span_model = MODEL["span"]
    scorer = SpanScorer(ctx, feats, span_model)
    runs = span_candidates(ctx, lambda k: True)
    assert len(runs) > 10
    many = 0
    for a, b in runs:
        f = span_features(ctx, feats, a, b)
        many += b > a
        assert math.isclose(scorer.logit(a, b), span_model._logits(f)[0], rel_tol=1e-9, abs_tol=1e-9), (a, b)
    assert many  # runs of several clauses (their rule hits and bigrams joined as sets) were compared too


def test_a_bigram_or_rule_hit_repeated_in_a_run_counts_once():
    text = "我们已全面排查隐患，并已全面排查隐患。"
    cands = find_candidates(find_signals(clean_text(text), "", RS), RS)
    ctx = UnitContext(cands, RS)
    feats = [unit_features(ctx, i) for i in range(len(ctx.units))]
    scorer = SpanScorer(ctx, feats, MODEL["span"])
    f = span_features(ctx, feats, 0, len(ctx.units) - 1)
    assert math.isclose(scorer.logit(0, len(ctx.units) - 1), MODEL["span"]._logits(f)[0], rel_tol=1e-9)
