"""Cue verbs of remediation and vows: the evidence that a clause states a concrete action.

All functions take the *matching view* of a text (Simplified, full-width folded) and return offsets relative to
the string they were given.

Rule files used:

* ``rules/cues.patterns.jsonl`` — cue verbs of remediation in spaCy phrase shape, each with a ``category``
  hint and a ``weight`` (the category scorer, candidates/categorize.py, adds them up). Loaded unchanged by spaCy's
  ``span_ruler``; matched here as plain substrings (equivalent to a phrase match on a character-segmented doc).
* ``rules/vows.regex.jsonl`` — vows and attitudes that are not measures (深刻反思, 汲取教训, 高度重视...).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..probe import any_of, literal_strings
from ..ruleset import RuleSet

__all__ = ["BLOCKER", "cue_matches", "find_cue_verbs", "find_vows", "has_concrete_action", "is_generic_vow"]

# Nouns a cue verb can modify; then the verb is part of a noun phrase (调查组 is a team, not an action).
_NOUN_HEAD = re.compile(r"(?:组|小组|委员会|问卷|结果|报告|机制|制度|通道|专线|工作组|人员|对象|范围|资料|信|书|会(?![同上]))")
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


@lru_cache(maxsize=16)
def _first_chars(ruleset: RuleSet) -> tuple[re.Pattern, dict[str, tuple]]:
    """A character class of the phrases' first characters, and the phrases by first character."""
    by_first: dict[str, list] = {}
    for entry in _phrases(ruleset):
        by_first.setdefault(entry[0][0], []).append(entry)
    chars = "".join(sorted(by_first))
    return re.compile("[" + re.escape(chars) + "]" if chars else "(?!)"), {k: tuple(v) for k, v in by_first.items()}


@lru_cache(maxsize=4096)
def cue_matches(view_text: str, ruleset: RuleSet) -> tuple[tuple[int, int, str, str, str, float], ...]:
    """Non-overlapping cue matches in text order, with category hint and weight.

    Overlaps go to the longest match, then the leftmost (调查处理 is 调查, not 查处). A verb used as the
    modifier of a noun (调查组, 调查问卷, 通报机制, 处理结果) is not an action and is dropped.

    Cached: the same clause is asked about by the statement features, the rules' proposals, the clause units
    and the categories (a third of the calls on a statement repeat an earlier one).
    """
    starts, by_first = _first_chars(ruleset)
    candidates = []
    # Only where a phrase can begin: one C-level scan for the first characters, then the few phrases that
    # begin with that character (a search per phrase cost 200 scans of every clause).
    for m in starts.finditer(view_text):
        pos = m.start()
        for phrase, rid, cat, weight in by_first[m.group()]:
            if view_text.startswith(phrase, pos):
                candidates.append((pos, pos + len(phrase), phrase, rid, cat, weight))
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
    return tuple(found)


def find_cue_verbs(view_text: str, ruleset: RuleSet) -> list[tuple[int, int, str, str]]:
    """Cue verbs of remediation in ``view_text``: (start, end, verb, rule id), offsets relative to it."""
    return [(s, e, verb, rid) for s, e, verb, rid, _, _ in cue_matches(view_text, ruleset)]


@lru_cache(maxsize=16)
def _vow_rules(ruleset: RuleSet) -> tuple:
    return tuple((r.id, r.pattern) for r in ruleset.regex("vows"))


@lru_cache(maxsize=16)
def _vow_screen(ruleset: RuleSet) -> re.Pattern | None:
    """One pattern of the literal strings every vow rule's match holds one of (probe.literal_strings); None when
    some rule has none."""
    strings = [literal_strings(pat) for _rid, pat in _vow_rules(ruleset)]
    if not strings or any(s is None for s in strings):
        return None
    return any_of(set().union(*strings))


@lru_cache(maxsize=4096)
def find_vows(view_text: str, ruleset: RuleSet) -> tuple[tuple[int, int, str], ...]:
    """Vow and attitude phrases (深刻反思, 汲取教训, 高度重视...): (start, end, rule id). Cached, as cue_matches."""
    screen = _vow_screen(ruleset)
    # most clauses hold none of the vows' words: one search says so instead of one per rule
    if screen is not None and screen.search(view_text) is None:
        return ()
    return tuple((m.start(), m.end(), rid) for rid, pat in _vow_rules(ruleset) for m in pat.finditer(view_text))


def has_concrete_action(view_text: str, ruleset: RuleSet) -> tuple[bool, str]:
    """Whether a cue verb of a concrete action is present: (True, cue rule id) or (False, "").

    A cue counts when it is not negated (并未停职), not inside a vow phrase (改进 in 持续改进) and not marked
    ``"level": "weak"`` in the cue rules (提升, 落实, 解决 alone are too vague to make a sentence a measure).
    """
    weak = _weak_cues(ruleset)
    vows = find_vows(view_text, ruleset)
    for s, e, _verb, rid, _cat, _weight in cue_matches(view_text, ruleset):
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
