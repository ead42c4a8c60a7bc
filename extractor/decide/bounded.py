"""Logistic regression whose weights keep a known sign, for decisions trained on a few hundred documents.

The statement decision learns from 152 pages and some 60 features; with so few pages a feature can take the
wrong sign to correct a correlated one (a notice rule in the page's head weighed against a statement, the
other-genre kind for it). Where the evidence's direction is known before any training (a template or a guide speaks
against a statement, a signature or an apology for it: extractor/decide/data/signs.json), the weight is held on
that side of zero and the data decide only how much it weighs. Same objective as scikit-learn's
``LogisticRegression`` (L2 on the weights, none on the intercept), solved by SciPy's L-BFGS-B with bounds;
deterministic, so the same data give the same model file.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

SIGNS_FILE = Path(__file__).parent / "data" / "signs.json"


@lru_cache(maxsize=None)
def load_signs(path: Path = SIGNS_FILE) -> dict[str, dict[str, int]]:
    """``{decision: {feature: +1 | -1}}`` from the signs file (keys starting with ``_`` are comments)."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, int]] = {}
    for decision, spec in raw.items():
        if decision.startswith("_"):
            continue
        signs = {}
        for key, sign in (("positive", 1), ("negative", -1)):
            for feature in spec.get(key, []):
                signs[feature] = sign
        out[decision] = signs
    return out


def fit_bounded(names: Sequence[str], X, y: Sequence[int], C: float, signs: Mapping[str, int]
                ) -> tuple[list[float], float]:
    """Weights (in ``names`` order) and intercept of an L2 logistic regression with ``signs[name]`` holding a
    weight non-negative (+1) or non-positive (-1). ``X``: a (documents x features) matrix, dense or sparse;
    ``y``: 0/1 labels."""
    import numpy as np
    from scipy.optimize import minimize

    A = X.tocsr() if hasattr(X, "tocsr") else np.asarray(X, dtype=float)  # sparse stays sparse (n-gram features)
    t = np.asarray(y, dtype=float)
    n = A.shape[1]

    def objective(w):
        z = A @ w[:n] + w[n]
        p = 0.5 * (1.0 + np.tanh(0.5 * z))  # the logistic function, without overflow
        loss = C * np.sum(np.logaddexp(0.0, z) - t * z) + 0.5 * (w[:n] @ w[:n])
        grad = np.empty(n + 1)
        grad[:n] = C * (A.T @ (p - t)) + w[:n]
        grad[n] = C * np.sum(p - t)
        return loss, grad

    bounds = [(0.0, None) if signs.get(f, 0) > 0 else (None, 0.0) if signs.get(f, 0) < 0 else (None, None)
              for f in names] + [(None, None)]
    result = minimize(objective, np.zeros(n + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 10000, "gtol": 1e-9, "ftol": 1e-12})
    return [float(v) for v in result.x[:n]], float(result.x[n])
