"""Fields: the values read off the chosen measures and the document: status, deadline,
and the document's own fields (statement or not, apology, company, incident, timeline)."""
from __future__ import annotations

from .deadlines import find_deadline, parse_doc_date
from .document import DocumentFields, analyze_document, find_responding_company
from .status import STATUSES, classify_status
from .timeline import find_incident, find_timeline

__all__ = [
    "find_deadline", "parse_doc_date", "DocumentFields",
    "analyze_document", "find_responding_company", "STATUSES", "classify_status", "find_incident", "find_timeline",
]
