"""Logistic models over named features, stored as JSON: a model file is data, never code.

A decision is ``softmax(bias + Σ weight[feature] * value)`` over the model's classes; a binary model keeps one
weight per feature, for its second class. Features are readable strings (``cue=cue.tuikuan``,
``intro=list_kind.measures_heading``), so :meth:`LinearModel.explain` can say which ones weighed most, the way
Presidio's decision process does. Training happens in :mod:`extractor.decide.train` with scikit-learn;
applying a model needs neither scikit-learn nor numpy.
"""
from __future__ import annotations

import math
from itertools import chain
from dataclasses import dataclass
from typing import Mapping, Sequence

Features = Mapping[str, float]

_DIGITS = 6  # significant digits kept in files: enough for the decisions, stable across platforms


def _round(x: float) -> float:
    return float(f"{x:.{_DIGITS}g}")


def _row_of(width: int):
    """A check that a JSON value is a weight row of ``width`` numbers' length."""
    return lambda row: type(row) is list and len(row) == width


@dataclass(frozen=True)
class LinearModel:
    """One trained decision: its classes, a bias and a weight row per feature."""

    name: str
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]

    def __post_init__(self) -> None:
        # A binary decision is applied to every candidate run of clauses (hundreds per statement): its weights as
        # plain numbers spare the per-feature loop over one-element rows. Same sums in the same order.
        if len(self.bias) == 1:
            object.__setattr__(self, "_flat", {n: row[0] for n, row in self.weights.items()})

    @property
    def binary(self) -> bool:
        return len(self.bias) == 1

    @property
    def flat(self) -> Mapping[str, float]:
        """A binary model's weights as plain numbers (feature -> weight of the second class)."""
        return self._flat

    def family(self, prefix: str) -> Mapping[str, float]:
        """A binary model's weights of the features named ``prefix + x``, by ``x`` (made once per prefix): a
        caller that has the ``x`` of many features looks them up without building their names."""
        cache = self.__dict__.setdefault("_families", {})
        if prefix not in cache:
            cache[prefix] = {n[len(prefix):]: w for n, w in self._flat.items() if n.startswith(prefix)}
        return cache[prefix]

    def _logits(self, feats: Features) -> list[float]:
        # The weights are looked up by one C-level map over the feature names rather than a method call per
        # feature; the sums are added in the features' order, as they always were.
        if len(self.bias) == 1:
            z0 = self.bias[0]
            for wk, value in zip(map(self._flat.get, feats), feats.values()):
                if wk is not None and value:
                    z0 += wk * value
            return [z0]
        z = list(self.bias)
        for row, value in zip(map(self.weights.get, feats), feats.values()):
            if row is not None and value:
                for k, wk in enumerate(row):
                    z[k] += wk * value
        return z

    @staticmethod
    def sigmoid(z: float) -> float:
        """A binary model's probability of its second class from its logit."""
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def predict_proba(self, feats: Features) -> dict[str, float]:
        """Probability of every class."""
        z = self._logits(feats)
        if self.binary:
            p = self.sigmoid(z[0])
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {c: v / total for c, v in zip(self.classes, e)}

    def prob(self, feats: Features, cls: str | None = None) -> float:
        """Probability of ``cls`` (the second class of a binary model by default)."""
        return self.predict_proba(feats)[cls if cls is not None else self.classes[-1]]

    def predict(self, feats: Features) -> tuple[str, float]:
        """The most probable class (the earlier one on a tie) and its probability."""
        probs = self.predict_proba(feats)
        best = max(self.classes, key=lambda c: (probs[c], -self.classes.index(c)))
        return best, probs[best]

    def explain(self, feats: Features, cls: str | None = None, top: int = 5) -> list[tuple[str, float]]:
        """The features that pushed hardest towards (positive) or away from (negative) ``cls``."""
        cls = cls if cls is not None else self.classes[-1]
        k = self.classes.index(cls)
        contrib = []
        for n, v in feats.items():
            row = self.weights.get(n)
            if row is None or not v:
                continue
            if self.binary:
                c = row[0] * v * (1.0 if k == 1 else -1.0)
            else:
                # Against the mean of the other classes: what makes this class win, not what all share.
                c = (row[k] - (sum(row) - row[k]) / (len(row) - 1)) * v
            if abs(c) >= 1e-3:
                contrib.append((n, round(c, 3)))
        contrib.sort(key=lambda nc: (-abs(nc[1]), nc[0]))
        return contrib[:top]

    def to_json(self) -> dict:
        """A JSON-ready dict; rounded and sorted, so the same model always gives the same bytes."""
        return {
            "name": self.name,
            "classes": list(self.classes),
            "bias": [_round(b) for b in self.bias],
            "weights": {n: [_round(w) for w in row] for n, row in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, obj: dict) -> "LinearModel":
        """The model of :meth:`to_json`; ValueError when the shapes do not fit."""
        name = str(obj.get("name", "?"))
        classes = tuple(str(c) for c in obj["classes"])
        bias = tuple(float(b) for b in obj["bias"])
        width = len(bias)
        if len(classes) < 2 or width not in (1, len(classes)) or (width == 1 and len(classes) != 2):
            raise ValueError(f"decision {name!r}: {len(classes)} classes but {width} bias values")
        weights = obj["weights"]
        if not isinstance(weights, dict):
            raise ValueError(f"decision {name!r}: weights are not a mapping")
        # The rows stay the lists JSON gave (no copy: the shipped model has some 60,000 of them); they are checked
        # for shape and type here, once, so a damaged file fails on load and not in the middle of a run.
        # (map over C builtins: the check runs on every start-up, and the first record waits for it)
        if not all(map(_row_of(width), weights.values())):
            n = next(n for n, row in weights.items() if not _row_of(width)(row))
            raise ValueError(f"decision {name!r}: feature {n!r} has a weight row of the wrong length")
        flat = list(chain.from_iterable(weights.values()))
        if not set(map(type, flat)) <= {float, int}:
            raise ValueError(f"decision {name!r}: weights that are not numbers")
        if not all(map(math.isfinite, bias)) or not all(map(math.isfinite, flat)):
            raise ValueError(f"decision {name!r}: weights that are not finite numbers")
        return cls(name, classes, bias, weights)
