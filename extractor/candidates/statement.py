"""Decide whether a document reports an organization's response to an incident.

Signals are data (``rules/statement.regex.jsonl``), each with a ``weight``: response verbs and notices,
remediation and discipline vocabulary, an incident being discussed (positive); templates, "no response",
petitions, policy/campaign, promotional and commentary vocabulary, denials (negative). A signal counts at
most ``MAX_HITS`` times, with half weight for repeats, so one word repeated all over a page cannot decide
alone. Apology and the measures the pipeline found add to the score. The document is a statement when
the score reaches ``THRESHOLD``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .apology import ApologyHit

Span = tuple[int, int]

THRESHOLD = 3.75       # apology + any other evidence, or remediation (two remedy signals) with context
MAX_HITS = 3
APOLOGY_WEIGHT = 3.5      # the organization apologising is close to decisive on its own
# Measures found by the pipeline are weak evidence: the list and prose finders also fire on work plans,
# promotional articles and incident reports (measured on dev: 7-13 "measures" in negatives), so finding
# any adds a small bonus only.
MEASURE_WEIGHT = 0.25
MAX_MEASURE_POINTS = 0.25
# Points one kind of positive evidence can add at most: talk of a response (发布声明, 回应) cannot make a
# statement without an apology or remediation, and an incident word only says what the text is about.
KIND_CAP = {"response": 1.5, "remedy": 4.0, "incident": 0.5}
# Negative kinds: "negative" counts once, "negative_cumulative" grows with repeats like positives.
ONCE_KINDS = {"negative", "no_response"}
# Counter-evidence that only counts in the absence of a response of the organization's own: a denial
# (不涉及, 不实) when it does not apologise; "did not respond" when it neither apologises nor remedies
# (a reporter noting one unanswered question does not undo a statement).
CONDITIONAL_KINDS = {
    "denial": lambda apology, by_kind: not apology.found,
    "no_response": lambda apology, by_kind: not apology.found and not by_kind.get("remedy"),
}


@dataclass
class StatementScore:
    """The score, the decision and the contribution of every rule that fired (rule id -> points)."""

    score: float = 0.0
    is_statement: bool = False
    contributions: dict[str, float] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        """Ids of the rules that fired, strongest first, joined by '+'; the explanation of the decision."""
        ranked = sorted(self.contributions.items(), key=lambda kv: -abs(kv[1]))
        return "+".join(rid for rid, _ in ranked)


def _count_hits(view: str, sentences: list[Span], pattern, third_party=()) -> int:
    """Matches of a pattern, leaving out those preceded in their sentence by a third-party marker."""
    count = 0
    for s, e in sentences:
        for m in pattern.finditer(view, s, e):
            if not any(tp.pattern.search(view, s, m.start()) for tp in third_party):
                count += 1
    return count


def score_statement(view: str, rules, sentences: list[Span], apology: ApologyHit,
                    n_measures: int = 0, n_listed: int = 0) -> StatementScore:
    """Weighted sum of the statement signals of a document (see module docstring)."""
    result = StatementScore()
    by_kind: dict[str, float] = {}
    third_party = [r for r in rules if r.get("kind") == "third_party"]
    # Counter-evidence last: whether it counts depends on the evidence found before it.
    ordered = sorted(rules, key=lambda r: r.get("kind") in CONDITIONAL_KINDS)
    for rule in ordered:
        weight = float(rule.get("weight", 0.0))
        kind = rule.get("kind", "")
        if not weight or (kind in CONDITIONAL_KINDS and not CONDITIONAL_KINDS[kind](apology, by_kind)):
            continue
        # Remediation someone else orders (责令整改) is not the organization's own response.
        guard = third_party if kind == "remedy" else ()
        hits = min(_count_hits(view, sentences, rule.pattern, guard), MAX_HITS)
        if not hits:
            continue
        # First hit full weight, repeats half: more evidence, but with diminishing returns.
        points = weight if kind in ONCE_KINDS else weight * (1 + 0.5 * (hits - 1))
        cap = KIND_CAP.get(kind)
        if cap is not None:
            points = max(0.0, min(points, cap - by_kind.get(kind, 0.0)))
        by_kind[kind] = by_kind.get(kind, 0.0) + points
        if points:
            result.contributions[rule.id] = round(points, 2)
    if apology.found:
        result.contributions[apology.rule or "apology"] = APOLOGY_WEIGHT
    if n_measures:
        result.contributions["measures"] = min(MEASURE_WEIGHT * n_measures, MAX_MEASURE_POINTS)
    result.score = round(sum(result.contributions.values()), 2)
    result.is_statement = result.score >= THRESHOLD
    return result
