"""Per-measure fields from the wording of a measure: cue verbs, headline, category, vows.

All functions take the *matching view* of the measure (Simplified, full-width folded) and return offsets
relative to the string they were given, so the caller adds the measure's start offset.

Rule files used:

* ``rules/cues.patterns.jsonl`` — cue verbs of remediation in spaCy phrase shape, each with a ``category``
  hint and a ``weight``. Loaded unchanged by spaCy's ``span_ruler``; matched here as plain substrings
  (equivalent to a phrase match on a character-segmented doc).
* ``rules/categories.regex.jsonl`` — category vocabulary (nouns and phrases) with ``category`` and ``weight``;
  the core rule of each category carries ``priority``, the tie-break order.
* ``rules/vows.regex.jsonl`` — vows and attitudes that are not measures (深刻反思, 汲取教训, 高度重视...).

Category = the highest sum of weights over cue verbs and category rules, where a match inside the headline
(the lead action clause) counts ``1 + HEADLINE_BONUS`` times: in 迅速设立客服专线，…开通10015-6服务专线 the lead clause
decides. Ties go to the category with the higher ``priority``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .ruleset import RuleSet, load_ruleset

__all__ = [
    "CATEGORIES", "classify_category", "find_cue_verbs", "extract_headline", "find_quoted",
    "is_generic_vow", "has_concrete_action", "find_category_matches", "score_categories", "find_vows",
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
# Nouns a cue verb can modify; then the verb is part of a noun phrase (调查组 is a team, not an action).
_NOUN_HEAD = re.compile(r"(?:组|小组|委员会|问卷|结果|报告|机制|制度|通道|专线|工作组|人员|对象|范围|资料|信|书|会(?![同上]))")
# Quoted slogans and titles (“聚焦4G…优化规则…”攻坚行动) name things; their verbs do not pick the headline.
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"")
# Negators right before a cue verb: 并未停职, 不存在…, 没有回退.
_NEGATED = re.compile(r"(?:未|没有?|不|无|非|并非|尚未)$")


BLOCKER = "blocker"  # "level" of a cue-file entry naming a word that contains a cue but is none (网上, 抗体)


@lru_cache(maxsize=16)
def _phrases(ruleset: RuleSet) -> tuple[tuple[str, str, str, float], ...]:
    """(phrase, rule id, category, weight) of the cue rules, longest phrase first."""
    out = []
    for rule in ruleset.patterns("cues"):
        if rule.is_phrase:
            phrase = rule.pattern
        elif all(set(tok) <= {"ORTH", "TEXT"} and isinstance(next(iter(tok.values())), str) for tok in rule.pattern):
            # a token pattern of exact strings is the same phrase; other token patterns need spaCy
            phrase = "".join(next(iter(tok.values())) for tok in rule.pattern)
        else:
            continue
        category = BLOCKER if rule.get("level") == "blocker" else rule.get("category", "other")
        out.append((phrase, rule.id, category, float(rule.get("weight", 1.0))))
    out.sort(key=lambda p: -len(p[0]))
    return tuple(out)


def _cue_matches(view_text: str, ruleset: RuleSet) -> list[tuple[int, int, str, str, str, float]]:
    """Non-overlapping cue matches in text order, with category hint and weight.

    Overlaps go to the longest match, then the leftmost (调查处理 is 调查, not 查处). A verb used as the
    modifier of a noun (调查组, 调查问卷, 通报机制, 处理结果) is not an action and is dropped.
    """
    candidates = []
    for phrase, rid, cat, weight in _phrases(ruleset):
        start = view_text.find(phrase)
        while start >= 0:
            candidates.append((start, start + len(phrase), phrase, rid, cat, weight))
            start = view_text.find(phrase, start + 1)
    # Blockers first (网上 keeps 上报 out of 网上报价, 抗体 keeps 体检 out of 抗体检测), then longest, then leftmost.
    candidates.sort(key=lambda c: (c[4] != BLOCKER, c[0] - c[1], c[0]))
    taken = [False] * len(view_text)
    found = []
    for cand in candidates:
        start, end = cand[0], cand[1]
        if any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        if cand[4] != BLOCKER and not _NOUN_HEAD.match(view_text, end):
            found.append(cand)
    found.sort()
    return found


def find_cue_verbs(view_text: str, ruleset: RuleSet) -> list[tuple[int, int, str, str]]:
    """Cue verbs of remediation in ``view_text``: (start, end, verb, rule id), offsets relative to it."""
    return [(s, e, verb, rid) for s, e, verb, rid, _, _ in _cue_matches(view_text, ruleset)]


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
    cues = [c for c in _cue_matches(view_text, rs) if not any(qs <= c[0] < qe for qs, qe in quoted)]
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

    for s, _e, _verb, rid, cat, weight in _cue_matches(view_text, ruleset):
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


@lru_cache(maxsize=16)
def _vow_rules(ruleset: RuleSet) -> tuple:
    return tuple((r.id, r.pattern) for r in ruleset.regex("vows"))


def find_vows(view_text: str, ruleset: RuleSet) -> list[tuple[int, int, str]]:
    """Vow and attitude phrases (深刻反思, 汲取教训, 高度重视...): (start, end, rule id)."""
    return [(m.start(), m.end(), rid) for rid, pat in _vow_rules(ruleset) for m in pat.finditer(view_text)]


def has_concrete_action(view_text: str, ruleset: RuleSet) -> tuple[bool, str]:
    """Whether a cue verb of a concrete action is present: (True, cue rule id) or (False, "").

    A cue counts when it is not negated (并未停职), not inside a vow phrase (改进 in 持续改进) and not marked
    ``"level": "weak"`` in the cue rules (提升, 落实, 解决 alone are too vague to make a sentence a measure).
    """
    weak = _weak_cues(ruleset)
    vows = find_vows(view_text, ruleset)
    for s, e, _verb, rid, _cat, _weight in _cue_matches(view_text, ruleset):
        if rid in weak:
            continue
        if any(vs <= s and e <= ve for vs, ve, _ in vows):
            continue
        if _NEGATED.search(view_text[max(0, s - 2):s]):
            continue
        return (True, rid)
    return (False, "")


@lru_cache(maxsize=16)
def _weak_cues(ruleset: RuleSet) -> frozenset:
    return frozenset(r.id for r in ruleset.patterns("cues") if r.get("level") == "weak")


def is_generic_vow(view_text: str, ruleset: RuleSet) -> bool:
    """True when the sentence states only a vow or attitude (深刻反思、汲取教训) and no concrete action."""
    if not find_vows(view_text, ruleset):
        return False
    return not has_concrete_action(view_text, ruleset)[0]
