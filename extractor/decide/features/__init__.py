"""Readable features of the candidates: the rules that fired on or around them, where they sit, and the
characters they are made of.

Every feature is a string a person can read (``cue=cue.tuikuan``, ``prose=prose.self_reference``,
``intro_kind=list_kind.measures_heading``, ``ng=退款``) with a value, almost always 1. The rules stay the
evidence; the trained models only weigh it. ``FEATURE_SCHEMA`` names this module's vocabulary: a model
trained on another schema is refused on load (decide/model.py), since its weights would mean other things.

One module per decision's candidates (document, clauses, spans, items, numbers, category, orgs, parties), what
they share in ``common``.
"""
from __future__ import annotations

from .category import category_features
from .clauses import BEFORE_CHARS, UnitContext, unit_features
from .common import Features
from .document import AGAINST_KINDS, DIALOGUE_SHARE, HEAD_CHARS, VETO_KINDS, dialogue_share, document_features
from .items import item_features, leaf_items
from .numbers import number_features
from .orgs import NAME_PAIR_WEIGHT, org_features
from .parties import PartyContext, party_features
from .spans import MAX_SPAN_UNITS, SpanScorer, neighbour_keys, span_candidates, span_context, span_features

FEATURE_SCHEMA = 11

__all__ = [
    "FEATURE_SCHEMA", "Features", "AGAINST_KINDS", "BEFORE_CHARS", "DIALOGUE_SHARE", "HEAD_CHARS", "MAX_SPAN_UNITS",
    "NAME_PAIR_WEIGHT", "VETO_KINDS", "PartyContext", "SpanScorer", "UnitContext", "category_features",
    "dialogue_share", "document_features", "item_features", "leaf_items", "neighbour_keys", "number_features",
    "org_features", "party_features", "span_candidates", "span_context", "span_features", "unit_features",
]
