"""Lists without markers written as a run of heading lines, each followed by its body paragraphs.

Reports and news summaries of investigation reports often enumerate problems or measures as short bold or <h3>
lines (Markdown ``**…**`` is stripped by cleaning, so a heading is just a short line) after an intro that
announces them::

    报告列出以下问题：
    未按规定封存文件          <- item (the heading line only)
    报告指出，……。            <- body: left to the prose finder, so its measures are still found
    值班人员未点算物资        <- item
    ……。

Conservative on purpose, since news text is full of short captions and subheadings: the intro sentence must end
in ：/: and name a list kind (the same cue rules that classify every other list); every heading needs at least
one body paragraph (a run of bare short lines may be a flattened table or a menu); the run ends at the first
paragraph that is neither a heading nor a body, at the end of the enclosing section, or at boilerplate.
What a heading and a body look like are the rules ``list.heading_run`` and ``list_end.heading_body``.
"""
from __future__ import annotations

from bisect import bisect_left

from ..ruleset import RuleSet
from .list_types import FoundList, ListItem, innermost_item, kind_rule_of
from .sentences import Span, SpanSet, split_sentences

HEADING_RULE = "list.heading_run"
BODY_RULE = "list_end.heading_body"
MIN_HEADINGS = 2


def find_heading_runs(text: str, view: str, ruleset: RuleSet, lists: list[FoundList], paragraphs: list[Span],
                      skip: list[Span] | None = None, doc_end: int | None = None) -> list[FoundList]:
    """Heading runs after an announcing intro, as lists of scheme "heading" whose items are the heading lines.

    ``lists`` are the ordinal lists already found: a run inside one of their items becomes a child of it, and a
    run never takes a paragraph that opens with an ordinal marker.
    """
    heading = ruleset.by_id(HEADING_RULE)
    body = ruleset.by_id(BODY_RULE)
    if heading is None or body is None:
        return []
    kinds = set(heading.get("context") or ())
    skipped = SpanSet(skip or [])
    doc_end = len(text) if doc_end is None else doc_end
    ordinals = ruleset.regex("ordinals")
    starts = [p[0] for p in paragraphs]

    def is_heading(span: Span) -> bool:
        s, e = span
        if skipped.covers(s) or any(r.pattern.match(view, s, e) for r in ordinals):
            return False
        return heading.pattern.search(view[s:e]) is not None  # a slice: the rule anchors the whole line

    def is_body(span: Span) -> bool:
        return body.pattern.search(view[span[0]:span[1]]) is not None

    out: list[FoundList] = []
    i = 1
    while i < len(paragraphs):
        first = paragraphs[i]
        if not is_heading(first) or not _announces(text, view, paragraphs[i - 1], kinds, ruleset):
            i += 1
            continue
        parent = innermost_item([*lists, *out], first[0])
        bound = min(doc_end, parent.end) if parent is not None else doc_end
        items = _run_from(paragraphs, i, bound, is_heading, is_body)
        if len(items) < MIN_HEADINGS:
            i += 1
            continue
        fl = FoundList("heading", HEADING_RULE, [ListItem(None, s, e) for s, e in items], parent=parent)
        for it in fl.items:
            it.owner = fl
        if parent is not None:
            fl.level = parent.owner.level + 1 if parent.owner is not None else 1
            parent.children.append(fl)
        out.append(fl)
        i = bisect_left(starts, items[-1][1])
    return out


def _announces(text: str, view: str, para: Span, kinds: set[str], ruleset: RuleSet) -> bool:
    """The paragraph ends with an intro sentence in ：/: that names a list kind of ``kinds``."""
    s, e = para
    if view[e - 1] not in "：:":
        return False
    sents = split_sentences(text, s, e)
    rule = kind_rule_of(view[sents[-1][0]:e], ruleset) if sents else None
    return rule is not None and rule.get("list_kind") in kinds


def _run_from(paragraphs: list[Span], i: int, bound: int, is_heading, is_body) -> list[Span]:
    """Headings from paragraph ``i`` on, each with at least one body paragraph; stops at anything else."""
    items: list[Span] = []
    bodies = 0
    for span in paragraphs[i:]:
        if span[1] > bound:
            break
        if is_heading(span):
            if items and bodies == 0:
                break  # two headings in a row: short lines, not a heading run
            items.append(span)
            bodies = 0
        elif is_body(span):
            bodies += 1
        else:
            break
    if items and bodies == 0:
        items.pop()  # the last heading has no body
    return items

