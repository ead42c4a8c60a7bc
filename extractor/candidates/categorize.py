"""Per-measure fields from the wording of a measure: headline and category.

All functions take the *matching view* of the measure (Simplified, full-width folded) and return offsets
relative to the string they were given, so the caller adds the measure's start offset.

Rule files used:

* ``rules/cues.patterns.jsonl`` — cue verbs of remediation (matched in candidates/cues.py), each with a ``category``
  hint and a ``weight``.
* ``rules/categories.regex.jsonl`` — category vocabulary (nouns and phrases) with ``category`` and ``weight``;
  the core rule of each category carries ``priority``, the tie-break order.

Category = the highest sum of weights over cue verbs and category rules, where a match inside the headline
(the lead action clause) counts ``1 + HEADLINE_BONUS`` times: in 迅速设立客服专线，…开通10015-6服务专线 the lead clause
decides. Ties go to the category with the higher ``priority``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .cues import cue_matches
from ..ruleset import RuleSet, load_ruleset

__all__ = [
    "CATEGORIES", "classify_category", "extract_headline", "find_quoted", "find_category_matches",
    "score_categories",
]

CATEGORIES = (
    "refund", "hotline", "system", "accountability", "process",
    "investigation", "communication", "training", "compliance", "other",
)
HEADLINE_BONUS = 1.5     # a match in the lead clause counts 2.5 times
FAR_AFTER = 60           # matches this far into a long measure are detail, not its point...
FAR_FACTOR = 0.5         # ...and count half
MIN_SCORE = 1.0          # below this nothing specific was said: "other"
HEADLINE_CLAUSES = 3     # the lead action is among the first clauses; a later one is detail

# Clause breaks for the headline; 、 is not one (设立、开通 stay together).
_CLAUSE_BREAK = re.compile(r"[，,；;。！!？?：:\n]")
# A lead clause that only sets the scene (根据调查结果，/ 经…会面后，/ 针对…问题，) carries no action.
_SCENE = re.compile(r"^(?:根据|按照|依据|依照|经过?|针对|对于|关于|由于|鉴于|为了?|在|随着|基于)|(?:后|时|期间|之际|以来|建议|表示|指出|称|指|说)$")
# Quoted slogans and titles (“聚焦4G…优化规则…”攻坚行动) name things; their verbs do not pick the headline.
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"")


def _clauses(view_text: str) -> list[tuple[int, int]]:
    """Clause spans split at clause punctuation, stripped of spaces; empty clauses dropped."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(view_text + "。"):
        s, e = start, m.start()
        while s < e and view_text[s].isspace():
            s += 1
        while e > s and view_text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = m.end()
    return spans


def find_quoted(view_text: str) -> list[tuple[int, int]]:
    """Spans of quoted slogans and titles (“…”, 「…」, 《…》): they name things, their verbs are not actions."""
    return [m.span() for m in _QUOTED.finditer(view_text)]


def extract_headline(text: str, view_text: str, ruleset: RuleSet | None = None) -> tuple[int, int]:
    """The lead action clause of a measure as (start, end) relative offsets.

    The first clause (of the first HEADLINE_CLAUSES) that contains a cue verb and is not a scene-setting clause (根据…, 经…后): in
    迅速设立客服专线，对回退过程中… it is 迅速设立客服专线. Falls back to the first clause, and to (0, 0) for
    empty text. ``text`` and ``view_text`` have the same length; only the view is inspected.
    """
    rs = ruleset if ruleset is not None else load_ruleset()
    clauses = _clauses(view_text)
    if not clauses:
        return (0, 0)
    quoted = find_quoted(view_text)
    cues = [c for c in cue_matches(view_text, rs) if not any(qs <= c[0] < qe for qs, qe in quoted)]
    for s, e in clauses[:HEADLINE_CLAUSES]:
        clause = view_text[s:e]
        if any(s <= cs and ce <= e for cs, ce, *_ in cues) and not _SCENE.search(clause):
            return (s, e)
    return clauses[0]


@lru_cache(maxsize=16)
def _category_rules(ruleset: RuleSet) -> tuple[tuple, dict[str, int]]:
    rules = tuple((r.id, r.pattern, r.get("category", "other"), float(r.get("weight", 1.0)))
                  for r in ruleset.regex("categories"))
    priority = {r.get("category"): int(r.get("priority")) for r in ruleset.regex("categories")
                if r.get("priority") is not None}
    return rules, priority


def find_category_matches(view_text: str, ruleset: RuleSet) -> list[tuple[int, int, str, str]]:
    """Every category-rule match: (start, end, category, rule id), in text order (for --explain and tests)."""
    rules, _ = _category_rules(ruleset)
    out = [(m.start(), m.end(), cat, rid) for rid, pattern, cat, _w in rules for m in pattern.finditer(view_text)]
    return sorted(out)


def score_categories(view_text: str, ruleset: RuleSet) -> dict[str, tuple[float, str]]:
    """Category -> (score, id of its strongest rule) for every category with evidence in ``view_text``."""
    head_s, head_e = extract_headline(view_text, view_text, ruleset)
    scores: dict[str, float] = {}
    best: dict[str, tuple[float, str]] = {}

    def add(cat: str, weight: float, start: int, rid: str) -> None:
        w = weight * (1 + HEADLINE_BONUS) if head_s <= start < head_e else weight
        if start >= FAR_AFTER:
            w *= FAR_FACTOR
        scores[cat] = scores.get(cat, 0.0) + w
        if w > best.get(cat, (0.0, ""))[0]:
            best[cat] = (w, rid)

    for s, _e, _verb, rid, cat, weight in cue_matches(view_text, ruleset):
        add(cat, weight, s, rid)
    rules, _ = _category_rules(ruleset)
    for rid, pattern, cat, weight in rules:
        for m in pattern.finditer(view_text):
            add(cat, weight, m.start(), rid)
    return {cat: (score, best[cat][1]) for cat, score in scores.items()}


def classify_category(view_text: str, ruleset: RuleSet, list_kind: str | None = None) -> tuple[str, str]:
    """(category, rule id) of a measure; one of CATEGORIES.

    ``list_kind == "accountability"`` (an item of a 责任处理 list) forces accountability. The rule id is the
    strongest rule of the winning category, ``category.list_kind`` when forced and ``category.default`` when
    nothing scored at least MIN_SCORE.
    """
    if list_kind == "accountability":
        return ("accountability", "category.list_kind")
    scores = score_categories(view_text, ruleset)
    if not scores:
        return ("other", "category.default")
    _, priority = _category_rules(ruleset)
    cat = max(scores, key=lambda c: (scores[c][0], priority.get(c, 0)))
    if scores[cat][0] < MIN_SCORE:
        return ("other", "category.default")
    return (cat, scores[cat][1])
