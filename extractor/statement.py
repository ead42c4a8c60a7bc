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

THRESHOLD = 3.0
MAX_HITS = 3
APOLOGY_WEIGHT = 2.5
DEMANDED_APOLOGY_WEIGHT = -1.5
MEASURE_WEIGHT = 0.5
MAX_MEASURES = 6


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


def _count_hits(view: str, sentences: list[Span], pattern) -> int:
    return sum(1 for s, e in sentences for _ in pattern.finditer(view, s, e))


def score_statement(view: str, rules, sentences: list[Span], apology: ApologyHit,
                    n_measures: int = 0, n_listed: int = 0) -> StatementScore:
    """Weighted sum of the statement signals of a document (see module docstring)."""
    result = StatementScore()
    for rule in rules:
        weight = float(rule.get("weight", 0.0))
        hits = min(_count_hits(view, sentences, rule.pattern), MAX_HITS)
        if hits and weight:
            # First hit full weight, repeats half: more evidence, but with diminishing returns.
            result.contributions[rule.id] = round(weight * (1 + 0.5 * (hits - 1)), 2)
    if apology.found:
        result.contributions["apology"] = APOLOGY_WEIGHT
    elif apology.blocked:
        result.contributions["apology.demanded"] = DEMANDED_APOLOGY_WEIGHT
    if n_measures:
        # Listed measures alone prove little (work plans are lists too); prose measures count the same.
        result.contributions["measures"] = MEASURE_WEIGHT * min(n_measures, MAX_MEASURES)
    result.score = round(sum(result.contributions.values()), 2)
    result.is_statement = result.score >= THRESHOLD
    return result
