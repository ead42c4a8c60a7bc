"""Candidates: what the rules propose for the decisions to take: clause units, prose measures with a concrete
action cue stated by the organization, organization names, phone numbers, parties, and the document's
statement and apology signals."""
from __future__ import annotations

from .apology import ApologyHit, find_apology
from .attribution import is_outside_body, is_public_body
from .company import CompanyResult, find_company
from .collect import Candidates, Signals, find_candidates, find_contacts, find_signals, head_end, page_head
from .categorize import CATEGORIES, classify_category, extract_headline, find_quoted, score_categories
from .cues import cue_matches, find_cue_verbs, find_vows, has_concrete_action, is_generic_vow
from .hotlines import find_hotlines, normalize_number
from .parties import find_parties, is_company_unit, party_candidates, party_head_kind
from .prose import ProseMeasure, find_prose_measures
from .statement import StatementSignals, find_statement_signals
from .units import Unit, find_units, unit_runs

__all__ = [
    "ApologyHit", "find_apology", "CompanyResult", "find_company", "find_hotlines", "normalize_number",
    "find_parties", "is_company_unit", "party_candidates", "party_head_kind", "StatementSignals",
    "find_statement_signals", "Unit", "find_units", "unit_runs", "CATEGORIES", "classify_category", "extract_headline", "find_quoted",
    "score_categories", "Candidates", "Signals", "find_candidates", "find_contacts", "find_signals", "head_end", "page_head", "is_outside_body", "is_public_body", "cue_matches", "find_cue_verbs", "find_vows", "has_concrete_action",
    "is_generic_vow", "ProseMeasure", "find_prose_measures",
]
