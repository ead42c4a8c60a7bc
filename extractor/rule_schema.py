"""What a rule's values may be: a type for every value key, and the vocabulary where the code reads a closed set.

A value the code does not expect fails at load with ``file:line: [rule id] what to change`` instead of failing
every document later (``"weight": "heavy"``) or reaching the tables unnoticed (``"category": "refunds"``).
Vocabularies hold exactly the values the code reads, for the keys where it reads a closed set (a kind no code
looks for would be ignored without a word); open sets are left open: a statement signal's ``kind`` names a new
family of evidence, a hotline's ``kind`` is written to the table as it is. A rule file name (its stem,
``hotlines`` for ``hotlines.regex.jsonl``) narrows a vocabulary where one key means different things in
different files.
"""
from __future__ import annotations

from typing import Any

__all__ = ["CATEGORIES", "OPTIONAL_FILES", "check_values"]

# Rule files the code reads that the package does not ship: an overlay may add them (none at present: the
# pre-filter vocabulary went with the hand-set statement score).
OPTIONAL_FILES: tuple[str, ...] = ()

CATEGORIES = ("refund", "hotline", "system", "accountability", "process", "investigation", "communication",
              "training", "compliance", "other")

_NUMBER = "a number"
_TEXT = "a string"
_INTEGER = "an integer"
_TEXT_OR_INTEGER = "a string or an integer"
_TEXT_OR_TEXTS = "a string or a list of strings"
_TEXTS = "a list of strings"

# key -> expected type (the names above), for every file unless _FILE_TYPES says otherwise
_TYPES = {
    "name": _TEXT, "note": _TEXT, "label": _TEXT, "flags": _TEXT, "kind": _TEXT, "scheme": _TEXT, "role": _TEXT,
    "category": _TEXT, "status": _TEXT, "group": _TEXT, "about": _TEXT, "penalty": _TEXT, "list_kind": _TEXT,
    "weight": _NUMBER, "priority": _INTEGER, "level": _TEXT_OR_INTEGER, "value": _TEXT_OR_INTEGER,
    "context": _TEXT_OR_TEXTS, "examples": _TEXTS, "counterexamples": _TEXTS,
}
_FILE_TYPES = {
    ("noise", "level"): _INTEGER, ("status", "level"): _INTEGER, ("cues", "level"): _TEXT,
    ("hotlines", "level"): _TEXT, ("noise", "value"): _INTEGER, ("company", "value"): _TEXT,
}

# (file stem or None for every file, key) -> the values the code reads
_VOCABULARY: dict[tuple[str | None, str], tuple[str, ...]] = {
    (None, "category"): CATEGORIES,
    (None, "status"): ("done", "ongoing", "planned"),
    (None, "list_kind"): ("measures", "findings", "accountability", "facts", "other"),
    ("cues", "level"): ("ambiguous", "weak", "blocker"),
    ("hotlines", "level"): ("line", "point", "point_after", "call"),
    ("hotlines", "role"): ("number", "context", "context_reject", "reject"),
    ("hotlines", "scheme"): ("both", "before", "after"),
    ("hotlines", "context"): ("none", "line", "point"),
    ("parties", "role"): ("disciplined", "responsible", "actor"),
    ("noise", "group"): ("tail", "list", "footer"),
    ("noise", "about"): ("other_pages", "interface"),
    ("apology", "kind"): ("apology", "block", "demand_list"),
    ("company", "kind"): ("suffix", "suffix_short", "suffix_body", "left_stop", "anchor", "object", "filler", "alias",
                          "generic", "determiner", "name_word", "place", "parent", "title", "source", "joint", "acted_on",
                          "addressee"),
    ("deadlines", "kind"): ("date", "deadline"),
    ("noise", "kind"): ("pinyin", "scrape", "boilerplate"),
    ("parties", "kind"): ("region", "before", "after", "mention", "block", "subject", "candidate"),
    ("party_heads", "kind"): ("task_force", "post", "staff", "unit", "agent", "name", "exclude", "not_name", "bare",
                              "modifier", "loose_modifier", "count", "trailer", "stop", "split", "task_modifier",
                              "preposition", "owner_end", "company_unit"),
    ("timeline", "kind"): ("date", "action", "incident", "signed_date", "byline_date", "byline_cue"),
    ("vows", "kind"): ("attitude",),
}


def _type_problem(expected: str, value: Any) -> bool:
    """True when ``value`` is not of the ``expected`` type (booleans are no numbers: JSON true is not 1)."""
    if isinstance(value, bool):
        return True
    if expected == _NUMBER:
        return not isinstance(value, (int, float))
    if expected == _INTEGER:
        return not isinstance(value, int)
    if expected == _TEXT:
        return not isinstance(value, str)
    if expected == _TEXT_OR_INTEGER:
        return not isinstance(value, (str, int))
    if expected == _TEXTS:
        return not (isinstance(value, list) and all(isinstance(v, str) for v in value))
    return not (isinstance(value, str) or isinstance(value, list) and all(isinstance(v, str) for v in value))


def check_values(obj: dict, stem: str) -> str | None:
    """The first problem with the values of rule ``obj`` of file ``<stem>.*.jsonl``, as the fix to make; None."""
    for key, value in obj.items():
        expected = _FILE_TYPES.get((stem, key)) or _TYPES.get(key)
        if expected is not None and _type_problem(expected, value):
            return f"{key!r} must be {expected}, not {value!r}"
        allowed = _VOCABULARY.get((stem, key)) or _VOCABULARY.get((None, key))
        if allowed is not None and isinstance(value, str) and value not in allowed:
            return f"unknown {key} {value!r}; use one of {', '.join(allowed)}"
    return None
