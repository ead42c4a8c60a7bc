"""Document-level fields: is it a statement, does the organization apologise, who is it, what happened, when.

``analyze_document`` is called by the pipeline after it has found the measures; it combines the small
field finders in apology.py, statement.py, company.py and timeline.py. All matching runs on
``clean.view`` (Simplified, full-width folded); every offset points into ``clean.text``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..clean import CleanText
from ..structure import iter_sentences
from ..candidates import CompanyResult, find_apology, find_company, score_statement
from .timeline import find_incident, find_timeline

__all__ = ["DocumentFields", "analyze_document"]


@dataclass
class DocumentFields:
    """Fields of one document; ``*_rule`` name the rule ids that decided each value."""

    is_statement: bool
    statement_score: float
    statement_rule: str
    apology: bool
    apology_text: str
    apology_start: int
    apology_end: int
    apology_rule: str
    company: str            # Simplified, the main responding organization as named most often, "" if none
    company_rule: str
    branches: list[str]     # branch names acting for it (长沙联通, 湖南联通 for 中国联通)
    incident: str
    incident_start: int
    incident_end: int       # the sentence saying what happened
    timeline: list[dict] = field(default_factory=list)


def _simplified(clean: CleanText, text: str) -> str:
    """The matching-view form of a short string (title) with the same folding as the document."""
    from ..clean import clean_text  # local: the cleaner owns the folding rules

    return clean_text(text).view if text else ""


def _repeats_title(view: str, span: tuple[int, int], title_view: str) -> bool:
    """A heading or line that repeats the title: the publisher's headline, not the organization's words."""
    if len(title_view) < 6:
        return False
    return title_view in view[span[0]:span[1]] and span[1] - span[0] <= len(title_view) + 12


def _sentences(clean: CleanText, title_view: str, skip: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    return [sp for sp in iter_sentences(clean.view, skip) if not _repeats_title(clean.view, sp, title_view)]


def find_responding_company(clean: CleanText, ruleset, title: str = "",
                            skip: list[tuple[int, int]] | None = None) -> CompanyResult:
    """The organization(s) that may be responding, found the way :func:`analyze_document` finds its company.

    The pipeline needs them before the measures (to attribute prose sentences) and passes the result on to
    :func:`analyze_document`, so the search runs once per document."""
    title_view = _simplified(clean, title)
    return find_company(clean, ruleset.regex("company"), _sentences(clean, title_view, skip), title_view)


def analyze_document(clean: CleanText, ruleset, title: str = "", doc_date: str = "",
                     n_measures: int = 0, n_listed: int = 0,
                     skip: list[tuple[int, int]] | None = None,
                     company: CompanyResult | None = None) -> DocumentFields:
    """All document-level fields of a cleaned document (see DocumentFields).

    ``skip`` spans (footers, link lists, injected noise) are left out of every search. ``n_measures`` and
    ``n_listed`` are the measures the pipeline found; they add evidence that the document is a statement.
    ``company``: the result of :func:`find_responding_company` when the caller has it already.
    """
    title_view = _simplified(clean, title)
    sentences = _sentences(clean, title_view, skip)
    apology = find_apology(clean, ruleset.regex("apology"), sentences)
    stmt = score_statement(clean.view, ruleset.regex("statement"), sentences, apology, n_measures, n_listed)
    if not stmt.is_statement:
        company = None
    elif company is None:
        company = find_company(clean, ruleset.regex("company"), sentences, title_view)
    incident, i_start, i_end, _ = find_incident(clean, ruleset.regex("timeline"), sentences)
    timeline = find_timeline(clean, ruleset.regex("timeline"), sentences, doc_date)
    has_apology = apology.found and stmt.is_statement
    return DocumentFields(
        is_statement=stmt.is_statement,
        statement_score=stmt.score,
        statement_rule=stmt.rule,
        apology=has_apology,
        apology_text=apology.text if has_apology else "",
        apology_start=apology.start if has_apology else 0,
        apology_end=apology.end if has_apology else 0,
        apology_rule=apology.rule if has_apology else "",
        company=company.name if company else "",
        company_rule=company.rule if company else "",
        branches=company.branches if company else [],
        incident=incident,
        incident_start=i_start,
        incident_end=i_end,
        timeline=timeline,
    )
