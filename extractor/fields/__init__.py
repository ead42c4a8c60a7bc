"""Fields: the values read off the chosen measures (status, deadline) and off the document (its own date, the
incident sentence and the timeline of dated actions)."""
from __future__ import annotations

from .deadlines import find_deadline, parse_doc_date
from .doc_date import find_document_date
from .status import STATUSES, classify_status, status_given_deadline
from .timeline import find_incident, find_timeline

__all__ = ["find_deadline", "find_document_date", "parse_doc_date", "STATUSES", "classify_status", "find_incident",
           "find_timeline", "status_given_deadline"]
