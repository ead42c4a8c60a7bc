"""The signals that a document is (or only looks like) an organization's response to an incident.

Each rule of ``rules/statement.regex.jsonl`` names a recurring pattern and its ``kind``: ``response``,
``notice`` (formulas, notice titles, salutations to the public), ``remedy``, ``incident`` and ``third_party``
speak for a statement; ``no_organization`` (templates with placeholders, anonymised cases, fiction),
``other_genre`` (guides, advice, policy, promotion, commentary, work reports) and ``no_response`` (no answer,
demands) against it; ``template`` (a template's unfilled slot for the organization's name) settles it: no
statement; ``denial`` (a denial or a justification: 不实信息, 不涉及) either way, as the annotators of
dev2 keep a denial that comes with a remedy as a statement and those of dev a bare denial as none. The rules
carry no weights: the statement decision (decide/document.py) learns how much each kind counts from the gold
annotations.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..structure.scan import rules_that_may_match

Span = tuple[int, int]

MAX_COUNT = 3  # hits counted per rule: a word repeated all over a page says no more than three times


@dataclass
class StatementSignals:
    """Hits per statement rule (capped at MAX_COUNT) and the kind of each rule that fired."""

    hits: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def by_kind(self) -> dict[str, int]:
        """How many distinct rules of each kind fired."""
        out: dict[str, int] = {}
        for rid in self.hits:
            out[self.kinds[rid]] = out.get(self.kinds[rid], 0) + 1
        return out


def find_statement_signals(view: str, rules, sentences: list[Span]) -> StatementSignals:
    """The statement rules that fire in the document's sentences, with capped hit counts."""
    out = StatementSignals()
    for rule in rules_that_may_match(rules, view, sentences):
        n = 0
        for s, e in sentences:
            for m in rule.pattern.finditer(view, s, e):
                if m.end() > m.start():
                    n += 1
            if n >= MAX_COUNT:
                break
        if n:
            out.hits[rule.id] = min(n, MAX_COUNT)
            out.kinds[rule.id] = rule.get("kind", "")
    return out
