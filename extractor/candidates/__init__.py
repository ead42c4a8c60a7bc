"""Candidates: what may be a measure in prose: clauses with a concrete action cue, stated by the responding
organization, not told before."""
from __future__ import annotations

from .attribution import is_outside_body, is_public_body
from .cues import cue_matches, find_cue_verbs, find_vows, has_concrete_action, is_generic_vow
from .prose import ProseMeasure, find_prose_measures

__all__ = [
    "is_outside_body", "is_public_body", "cue_matches", "find_cue_verbs", "find_vows", "has_concrete_action",
    "is_generic_vow", "ProseMeasure", "find_prose_measures",
]
