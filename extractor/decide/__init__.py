"""Decisions: small trained models weigh the rules' evidence and decide what the candidates are (statement or
not, apology, which clauses and list items are measures or findings, categories, hotlines)."""
from __future__ import annotations

from .category import decide_category
from .company import decide_company
from .document import DocumentDecision, decide_document
from .hotlines import decide_hotlines
from .linear import LinearModel
from .measures import Chosen, decide_spans
from .parties import decide_parties
from .model import DECISIONS, Model, load_model, save_model

__all__ = [
    "decide_category", "decide_company", "DocumentDecision", "decide_document", "decide_hotlines", "LinearModel", "Chosen",
    "decide_spans", "decide_parties", "DECISIONS", "Model", "load_model", "save_model",
]
