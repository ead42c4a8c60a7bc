"""A cheap pre-filter: documents without any response vocabulary skip the expensive stages.

On a crawl only a few percent of pages are statements. Every statement the pipeline recognises carries some
of the vocabulary in ``rules/prefilter.regex.jsonl`` (apology words, remediation, accountability, a response
being issued, measure-list intros, regret): the statement score in statement.py only reaches its threshold
through those signals. A document with none of it gets a full record without running lists, prose, fields or
the segmenter: ``status="ok"``, ``is_statement=False``, ``statement_score=0.0``, no measures, findings,
parties or hotlines (the pipeline reports none for non-statements either), its ``script`` and cleaning
warnings, and a warning naming the pre-filter. ``incident`` and ``timeline`` stay empty (not computed).

The test tests/test_fastpath.py checks that records are identical with and without the fast paths on the
shared seeds and dev sets.
"""
from __future__ import annotations

from typing import Callable

from .clean import CleanText
from .records import DocumentRecord
from .ruleset import RuleSet

PREFILTER_WARNING = "pre-filter: no response vocabulary (rules/prefilter.regex.jsonl); statement fields not computed"

Tokens = list[tuple[int, int]]


def has_response_vocabulary(view: str, rs: RuleSet) -> str:
    """Id of the first pre-filter rule that matches the matching view, or "" when none does."""
    for rule in rs.regex("prefilter"):
        if rule.pattern.search(view):
            return rule.id
    return ""


def fill_prefiltered(record: DocumentRecord, clean: CleanText) -> DocumentRecord:
    """The record of a document the pre-filter stopped (see module docstring for what it holds)."""
    record.is_statement = False
    record.statement_score = 0.0
    record.script = clean.script
    record.warnings.extend(clean.warnings)
    record.warnings.append(PREFILTER_WARNING)
    return record


class LazyTokens:
    """Tokens of a span, segmented on first use: most candidate sentences are rejected by a regex check
    before their tokens are looked at, and those never reach the segmenter."""

    __slots__ = ("_segment", "_text", "_tokens")

    def __init__(self, segment: Callable[[str], Tokens], text: str):
        self._segment, self._text, self._tokens = segment, text, None

    def _get(self) -> Tokens:
        if self._tokens is None:
            self._tokens = self._segment(self._text)
        return self._tokens

    def __iter__(self):
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]


def lazy_segmenter(segmenter: str) -> Callable[[str], LazyTokens]:
    """A segment function for prose.py that defers the work until the tokens are read, and resolves the
    spaCy pipeline once (per document) instead of once per sentence."""
    nlp = []  # loaded on the first span that needs tokens: a document may need none

    def segment(text: str) -> Tokens:
        if not nlp:
            from .segment import get_nlp

            nlp.append(get_nlp(segmenter))
        return [(tok.idx, tok.idx + len(tok.text)) for tok in nlp[0].make_doc(text) if not tok.is_space]

    return lambda text: LazyTokens(segment, text)
