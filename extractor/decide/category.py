"""The category of a chosen measure (refund, hotline, system, accountability, …)."""
from __future__ import annotations

from ..ruleset import RuleSet
from .features import category_features
from .model import Model


def decide_category(view_text: str, model: Model, rs: RuleSet, list_kind: str = "",
                    explain: bool = False) -> tuple[str, float, list[tuple[str, float]]]:
    """(category, probability, the features that weighed most when ``explain``) of a measure's wording."""
    feats = category_features(view_text, rs, list_kind)
    cat, p = model["category"].predict(feats)
    return cat, round(p, 4), (model["category"].explain(feats, cat) if explain else [])
