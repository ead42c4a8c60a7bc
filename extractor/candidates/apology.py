"""Find the sentence in which the responding organization apologises.

Rules come from ``rules/apology.regex.jsonl``: ``kind: apology`` rules find apology words (致歉, 道歉, 歉意,
鞠躬 …); ``kind: block`` rules find the same words used by others — an apology demanded (要求…道歉),
refused or absent (拒绝道歉, 没道歉) or asked about (是否道歉). An apology word inside a block match does
not count. All matching runs on ``clean.view``; offsets point into ``clean.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..clean import CleanText
from ..structure.scan import rules_that_may_match

Span = tuple[int, int]

_SPACE = re.compile(r"\s*")


@dataclass
class ApologyHit:
    """The first apology sentence of a document, or an empty hit; ``blocked`` counts demanded/refused ones."""

    found: bool = False
    text: str = ""
    start: int = 0
    end: int = 0
    rule: str = ""
    blocked: int = 0
    blocked_rules: tuple[str, ...] = ()


def _matches(view: str, start: int, end: int, rules) -> list[tuple[int, int, str]]:
    """(start, end, rule id) of every non-empty match of ``rules`` in view[start:end]."""
    return [(m.start(), m.end(), rule.id) for rule in rules
            for m in rule.pattern.finditer(view, start, end) if m.end() > m.start()]


def _starts_item(view: str, pos: int, item_starts: Sequence[re.Pattern]) -> bool:
    """Whether the sentence at ``pos`` opens with a list marker (an ordinal rule of rules/ordinals.regex.jsonl)."""
    pos = _SPACE.match(view, pos).end()
    return any(p.match(view, pos) for p in item_starts)


def _demand(view: str, s: int, e: int, demand_rules) -> str:
    """The first demand-list rule found in the sentence ``view[s:e]`` ("" for none)."""
    return next((r.id for r in demand_rules if r.pattern.search(view, s, e)), "")


def find_apology(clean: CleanText, rules, sentences: list[Span], item_starts: Sequence[re.Pattern] = ()) -> ApologyHit:
    """The earliest sentence with an apology word that is not demanded, refused or questioned.

    A block scopes over the rest of its sentence (责成某某书面道歉，在周会上公开道歉), and a demand list
    keeps its scope over the following items of the list (② 责成…道歉；③ …；④ …向公众道歉). ``item_starts``: the
    patterns of the list markers (the ordinal rules).
    """
    view = clean.view
    hit = ApologyHit()
    blocked_rules: list[str] = []
    list_block = ""
    # The rules by kind once per document, not once per sentence.
    by_kind: dict[str, list] = {}
    for r in rules_that_may_match(rules, view, sentences):
        by_kind.setdefault(r.get("kind"), []).append(r)
    block_rules, apology_rules = by_kind.get("block", []), by_kind.get("apology", [])
    demand_rules = by_kind.get("demand_list", [])
    for s, e in sentences:
        blocks = _matches(view, s, e, block_rules)
        # Items: an ordinal or bullet start, or a line of a semicolon series (loaders drop bullets). An item keeps
        # the demand list it is in; any other sentence starts or ends one. Whether a sentence is an item is asked
        # only where the answer changes something (on most pages no sentence holds a block or a demand).
        is_item = False
        if blocks or list_block:
            is_item = view[e - 1] in "；;" or _starts_item(view, s, item_starts)
            if not is_item:
                list_block = _demand(view, s, e, demand_rules)
        else:
            found = _demand(view, s, e, demand_rules)
            if found and not (view[e - 1] in "；;" or _starts_item(view, s, item_starts)):
                list_block = found
        # Longest match first at a position, so 致歉信 (apology.letter) wins over 致歉 (apology.express).
        for ms, me, rid in sorted(_matches(view, s, e, apology_rules), key=lambda t: (t[0], -(t[1] - t[0]))):
            covering = [b[2] for b in blocks if b[0] <= ms or (b[0] < me and ms < b[1])]
            if not covering and list_block:
                covering = [list_block]
            if covering:
                hit.blocked += 1
                blocked_rules.extend(covering)
                continue
            if not hit.found:
                hit.found, hit.text, hit.start, hit.end, hit.rule = True, clean.text[s:e], s, e, rid
        if is_item and blocks:
            list_block = blocks[0][2]
    hit.blocked_rules = tuple(dict.fromkeys(blocked_rules))
    return hit
