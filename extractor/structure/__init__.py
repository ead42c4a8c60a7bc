"""Structure: the shape of a clean text as character spans (paragraphs, sentences, clauses, enumerated lists
and series, heading runs, announced counts) and its words (the segmenter)."""
from __future__ import annotations

from .counts import find_stated_count
from .list_types import FoundList
from .lists import find_lists
# The model location (MODEL_FILES, default_model_dir, has_model) is also what tools/provision.py fills.
from .segmenter import MODEL_FILES, default_model_dir, get_nlp, has_model, last_notice, missing_model_notice, segment
from .sentences import Span, SpanSet, iter_sentences, split_clauses, split_sentences

__all__ = [
    "find_stated_count", "FoundList", "find_lists", "MODEL_FILES", "default_model_dir", "get_nlp", "has_model",
    "last_notice", "missing_model_notice", "segment", "Span", "SpanSet", "iter_sentences", "split_clauses",
    "split_sentences",
]
