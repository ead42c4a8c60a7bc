"""Features of a measure's wording for the category decision."""
from __future__ import annotations

from ...candidates import score_categories
from ...ruleset import RuleSet
from .common import Features, ngrams

def category_features(view_text: str, rs: RuleSet, list_kind: str = "") -> Features:
    """Features of a measure's wording for its category: cue and category rules (weighted by where they sit,
    as the rule scorer weighs them), the rules' own pick, and the words."""
    f: Features = {"bias": 1.0}
    scores = score_categories(view_text, rs)
    for cat, (score, rid) in scores.items():
        f["score=" + cat] = min(score, 8.0) / 4.0
        f["strongest=" + rid] = 1.0
    if scores:
        top = max(scores, key=lambda c: scores[c][0])
        f["top=" + top] = 1.0
    if list_kind:
        f["list_kind=" + list_kind] = 1.0
    ngrams(view_text[:60], 2, "ng=", f)
    return f
