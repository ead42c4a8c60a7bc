"""LinearModel: probabilities, explanations, and the JSON form that is data, not code."""
from __future__ import annotations

import math

import pytest

from extractor.decide.linear import LinearModel

BINARY = LinearModel("hotline", ("no", "yes"), (-1.0,), {"cue=hotline.ctx_line": (2.5,), "boilerplate": (-3.0,)})
MULTI = LinearModel("item", ("finding", "measure", "none"), (0.0, 0.5, 0.2),
                    {"kind=findings": (2.0, -1.0, 0.0), "cue_cat=refund": (-0.5, 1.5, -0.5)})


def test_binary_probability_is_the_logistic_of_the_score():
    p = BINARY.prob({"cue=hotline.ctx_line": 1.0, "unknown feature": 1.0})
    assert p == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert BINARY.predict_proba({})["no"] == pytest.approx(1 - 1 / (1 + math.exp(1.0)))


def test_multiclass_probabilities_sum_to_one_and_pick_the_best():
    probs = MULTI.predict_proba({"kind=findings": 1.0})
    assert sum(probs.values()) == pytest.approx(1.0)
    assert MULTI.predict({"kind=findings": 1.0})[0] == "finding"
    assert MULTI.predict({"cue_cat=refund": 1.0})[0] == "measure"


def test_explain_names_the_features_that_weighed_most():
    feats = {"cue=hotline.ctx_line": 1.0, "boilerplate": 1.0}
    assert BINARY.explain(feats, "yes") == [("boilerplate", -3.0), ("cue=hotline.ctx_line", 2.5)]
    assert BINARY.explain(feats, "no")[0] == ("boilerplate", 3.0)
    top = MULTI.explain({"kind=findings": 1.0, "cue_cat=refund": 1.0}, "finding")
    assert top[0][0] == "kind=findings" and top[0][1] > 0


def test_json_round_trip_is_exact_after_rounding():
    again = LinearModel.from_json(MULTI.to_json())
    assert again.to_json() == MULTI.to_json()
    assert again.predict({"cue_cat=refund": 1.0}) == MULTI.predict({"cue_cat=refund": 1.0})


@pytest.mark.parametrize("broken, message", [
    ({"name": "x", "classes": ["a"], "bias": [0.0], "weights": {}}, "classes"),
    ({"name": "x", "classes": ["a", "b", "c"], "bias": [0.0], "weights": {}}, "bias"),
    ({"name": "x", "classes": ["a", "b"], "bias": [0.0], "weights": {"f": [1.0, 2.0]}}, "wrong length"),
    ({"name": "x", "classes": ["a", "b"], "bias": [float("nan")], "weights": {}}, "not finite"),
])
def test_malformed_models_are_refused(broken, message):
    with pytest.raises(ValueError, match=message):
        LinearModel.from_json(broken)
