"""Fields: the values read from a document and its measures: category, status, deadline, parties, hotlines,
and the document's own fields (statement or not, apology, company, incident, timeline)."""
from __future__ import annotations

from .apology import find_apology
from .categorize import CATEGORIES, classify_category, extract_headline
from .company import CompanyResult, find_company
from .deadlines import find_deadline, parse_doc_date
from .document import DocumentFields, analyze_document, find_responding_company
from .hotlines import find_hotlines, normalize_number
from .parties import find_parties, is_company_unit
# The statement score's constants: run/prefilter.py re-checks its arithmetic on the loaded rules.
from .statement import KIND_CAP, MAX_HITS, MAX_MEASURE_POINTS, ONCE_KINDS, THRESHOLD, score_statement
from .status import STATUSES, classify_status
from .timeline import find_incident, find_timeline

__all__ = [
    "find_apology", "CATEGORIES", "classify_category", "extract_headline", "CompanyResult", "find_company",
    "find_deadline", "parse_doc_date", "DocumentFields", "analyze_document", "find_responding_company",
    "find_hotlines", "normalize_number", "find_parties", "is_company_unit", "KIND_CAP", "MAX_HITS",
    "MAX_MEASURE_POINTS", "ONCE_KINDS", "THRESHOLD", "score_statement", "STATUSES", "classify_status",
    "find_incident", "find_timeline",
]
