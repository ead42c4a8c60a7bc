"""A cheap pre-filter: documents that cannot be statements skip the expensive stages.

On a crawl only a few percent of pages are statements. The statement score (candidates/statement.py) reaches its
threshold only with an apology or with remediation evidence: every other positive signal (a response issued,
regret, an incident word, the measures found) adds up to less than the threshold even at its caps. So a
document where no ``kind: apology`` rule of rules/apology.regex.jsonl and no ``kind: remedy`` rule of
rules/statement.regex.jsonl matches anywhere in the matching view is not a statement, whatever its lists and
prose hold. Those rules are the pre-filter's vocabulary: the same data, so the two cannot drift apart.
:func:`gate_rules` re-checks the arithmetic on the loaded rules (an overlay may add signals) and turns the
pre-filter off when it does not hold, or when a rule uses an anchor or lookahead that could match inside a
sentence but not in the whole text.

A ``prefilter.regex.jsonl`` in a rule overlay may add vocabulary that lets documents through (never fewer).

A second, equally exact step (:func:`prefilter_record`) handles documents with remediation words but no
apology (news about an incident, 警方已介入调查): the document-level fields are computed first, and when the
statement score plus the largest bonus that found measures could add stays below the threshold, lists,
prose and segmentation are skipped.

A pre-filtered document still gets a full record: ``status="ok"``, ``is_statement=False``, no measures,
findings, parties or hotlines (the pipeline reports none for non-statements either), its ``script`` and
cleaning warnings, and a warning naming the pre-filter step. After step 1 ``statement_score`` is 0.0 and
``incident``/``timeline`` are empty (not computed); after step 2 they are computed, and ``statement_score``
is the score without the measure bonus (at most ``MAX_MEASURE_POINTS`` lower than a full run's).
tests/run/test_fastpath.py checks that records are the same with and without the fast paths on the shared
seeds and dev sets.
"""
from __future__ import annotations

import re
import weakref
from typing import Callable

from ..clean import CleanText
from ..records import DocumentRecord
from ..ruleset import RegexRule, RuleSet

PREFILTER_WARNING = "pre-filter: no apology or remediation vocabulary; statement fields not computed"
SCORE_WARNING = "pre-filter: statement score below the threshold before measures; lists and prose not read"
GATE_KINDS = ("remedy",)  # statement signals that can carry a document past the threshold without an apology
# Constructs that may match at a sentence end (endpos) but not at the same place in the whole text.
_UNSAFE = re.compile(r"\\[bBZ]|\$|\(\?!")

Tokens = list[tuple[int, int]]
_gates: "weakref.WeakKeyDictionary[RuleSet, list[RegexRule] | None]" = weakref.WeakKeyDictionary()


def gate_rules(rs: RuleSet) -> list[RegexRule] | None:
    """The rules one of which every statement matches, or None when the loaded rules give no such guarantee."""
    if rs not in _gates:
        _gates[rs] = _find_gates(rs)
    return _gates[rs]


def _find_gates(rs: RuleSet) -> list[RegexRule] | None:
    from ..candidates import KIND_CAP, MAX_HITS, MAX_MEASURE_POINTS, ONCE_KINDS, THRESHOLD

    other: dict[str, float] = {}
    gates = [r for r in rs.regex("apology") if r.get("kind") == "apology"]
    for rule in rs.regex("statement"):
        weight, kind = float(rule.get("weight", 0.0)), rule.get("kind", "")
        if weight <= 0:
            continue
        if kind in GATE_KINDS:
            gates.append(rule)
        else:
            other[kind] = other.get(kind, 0.0) + (weight if kind in ONCE_KINDS else weight * (1 + 0.5 * (MAX_HITS - 1)))
    best_without = sum(min(v, KIND_CAP.get(k, v)) for k, v in other.items()) + MAX_MEASURE_POINTS
    if best_without >= THRESHOLD or not gates or any(_UNSAFE.search(r.pattern.pattern) for r in gates):
        return None
    return gates + rs.regex("prefilter")


def has_response_vocabulary(view: str, rs: RuleSet) -> str:
    """Id of the first apology, remediation or pre-filter rule that matches the matching view, or "" when none
    does (then the document cannot be a statement). Returns "off" when the rules allow no pre-filter."""
    gates = gate_rules(rs)
    if gates is None:
        return "off"
    for rule in gates:
        if rule.pattern.search(view):
            return rule.id
    return ""


def prefilter_record(record: DocumentRecord, clean: CleanText, rs: RuleSet) -> bool:
    """Fill ``record`` and return True when the document cannot be a statement; False: run the pipeline.

    Two steps, both exact. (1) No apology or remediation vocabulary anywhere: not a statement. (2) Without an
    apology word, the document-level score is computed first (it needs no lists, prose or segmentation), and
    when even the largest bonus the found measures could add leaves it below the threshold, the document is
    not a statement either. Documents with an apology word go straight on: nearly all of them are statements.
    """
    gate = has_response_vocabulary(clean.view, rs)
    if gate == "off":
        return False
    if not gate:
        _fill(record, clean, PREFILTER_WARNING)
        return True
    if gate.startswith("apology."):
        return False
    from ..candidates import MAX_MEASURE_POINTS, THRESHOLD
    from ..fields import analyze_document

    skip = [(sp[0], sp[1]) for sp in getattr(clean, "skip_spans", None) or []]
    fields = analyze_document(clean, rs, title=record.title, doc_date=record.date, n_measures=0, n_listed=0,
                              skip=skip)
    # scores are rounded to 2 decimals: keep a margin so rounding cannot carry the full score over
    if fields.statement_score + MAX_MEASURE_POINTS >= THRESHOLD - 0.01:
        return False
    _fill(record, clean, SCORE_WARNING)
    record.statement_score = fields.statement_score
    record.incident, record.timeline = fields.incident, fields.timeline
    return True


def fill_prefiltered(record: DocumentRecord, clean: CleanText) -> DocumentRecord:
    """The record of a document without apology or remediation vocabulary (see module docstring)."""
    return _fill(record, clean, PREFILTER_WARNING)


def _fill(record: DocumentRecord, clean: CleanText, warning: str) -> DocumentRecord:
    record.is_statement = False
    record.statement_score = 0.0
    record.script = clean.script
    record.warnings.extend(clean.warnings)
    record.warnings.append(warning)
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
    """A segment function for candidates/prose.py that defers the work until the tokens are read, and resolves the
    spaCy pipeline once (per document) instead of once per sentence."""
    cut = []  # loaded on the first span that needs tokens: a document may need none

    def segment(text: str) -> Tokens:
        if not cut:
            from ..structure import get_nlp

            cut.append(_token_spans(get_nlp(segmenter)))
        return cut[0](text)

    return lambda text: LazyTokens(segment, text)


def _token_spans(nlp) -> Callable[[str], Tokens]:
    """Non-space token spans as ``nlp.make_doc`` would give them. With pkuseg, the words are aligned to the
    text here the way spaCy aligns them, without building a ``Doc`` (a third of the segmentation time)."""
    def via_doc(text: str) -> Tokens:
        return [(tok.idx, tok.idx + len(tok.text)) for tok in nlp.make_doc(text) if not tok.is_space]

    tokenizer = nlp.tokenizer
    pkuseg = getattr(tokenizer, "pkuseg_seg", None)
    if getattr(tokenizer, "segmenter", None) != "pkuseg" or pkuseg is None:
        return via_doc

    def via_words(text: str) -> Tokens:
        words = pkuseg.cut(text)
        if "".join("".join(words).split()) != "".join(text.split()):
            return via_doc(text)  # spaCy's own error path
        out, pos = [], 0
        for word in words:
            if word.isspace():
                continue
            start = text.index(word, pos)
            pos = start + len(word)
            out.append((start, pos))
            if pos < len(text) and text[pos] == " ":
                pos += 1
        return out

    return via_words
