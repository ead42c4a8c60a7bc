"""Sign-constrained logistic regression (decide/bounded.py): the statement decision keeps the weights whose direction
is known (extractor/decide/data/signs.json) on their side of zero."""
from __future__ import annotations

import json

import pytest

from extractor.decide.bounded import SIGNS_FILE, fit_bounded, load_signs
from extractor.decide.model import load_model
from extractor.decide.train import fit_linear

# Pages as the statement decision sees them: a notice signed by its organization, an apology, a template whose
# placeholders (XX公司) say nobody in particular speaks; one template happens to be labelled a statement, the way a
# real statement that quotes a template line would be.
PAGES = [
    ({"signed": 1.0, "kind=notice": 0.5}, "yes"),
    ({"apology": 1.0, "kind=response": 0.5}, "yes"),
    ({"apology": 1.0, "signed": 1.0}, "yes"),
    ({"kind=no_organization": 0.5, "apology": 1.0, "signed": 1.0}, "yes"),
    ({"kind=no_organization": 0.5, "apology": 1.0, "signed": 1.0, "kind=response": 0.5}, "yes"),
    ({"kind=no_organization": 0.5, "cues": 1.0}, "no"),
    ({"cues": 1.0}, "no"),
    ({"kind=notice": 0.5, "cues": 1.0}, "no"),
    ({}, "no"),
]


def _xy():
    return [f for f, _ in PAGES], [y for _, y in PAGES]


def test_without_signs_the_fit_is_scikit_learns_logistic_regression():
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = _xy()
    vec = DictVectorizer(sort=True)
    A = vec.fit_transform(X)
    ref = LogisticRegression(C=3.0, tol=1e-10, max_iter=10000).fit(A, y)
    coef, intercept = fit_bounded(vec.feature_names_, A, [int(v == "yes") for v in y], 3.0, {})
    assert np.allclose(coef, ref.coef_[0], atol=1e-4) and intercept == pytest.approx(ref.intercept_[0], abs=1e-4)


def test_a_signed_feature_stays_on_its_side_and_the_others_refit():
    X, y = _xy()
    free = fit_linear("statement", X, y, 3.0)
    held = fit_linear("statement", X, y, 3.0, signs={"kind=no_organization": -1})
    # the data alone weigh the template's placeholders for a statement; the sign holds them at zero at most
    assert free.flat["kind=no_organization"] > 0
    assert held.flat.get("kind=no_organization", 0.0) <= 0
    assert held.flat["apology"] != pytest.approx(free.flat["apology"])


def test_the_shipped_statement_decision_weighs_every_signed_feature_on_its_side():
    weights = load_model(None)["statement"].flat
    signs = load_signs()["statement"]
    assert len(signs) >= 20
    wrong = {f: w for f, w in weights.items() if f in signs and w * signs[f] < 0}
    assert not wrong


def test_the_signs_file_names_features_the_statement_decision_has():
    raw = json.loads(SIGNS_FILE.read_text(encoding="utf-8"))
    named = raw["statement"]["positive"] + raw["statement"]["negative"]
    assert len(named) == len(set(named))  # no feature both ways
    weights = load_model(None)["statement"].flat
    assert sum(f in weights for f in named) >= len(named) // 2  # they are the decision's own feature names
