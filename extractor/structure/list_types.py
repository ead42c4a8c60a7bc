"""The shapes of a found list: markers, items (possibly holding nested lists) and lists, and the two lookups
both list finders (lists.py, headings.py) share."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..ruleset import RegexRule, RuleSet
from .sentences import Span


@dataclass
class Marker:
    start: int
    end: int  # where the item text begins
    scheme: str
    value: int
    rule: str
    text: str
    line_start: bool


@dataclass
class ListItem:
    marker: Marker | None
    start: int
    end: int
    children: list["FoundList"] = field(default_factory=list)
    heading: str = ""
    owner: "FoundList | None" = field(default=None, repr=False)
    is_section: bool = False  # cut to the heading line of a section whose paragraphs follow it (structure/lists.py)

    @property
    def ordinal(self) -> str:
        return self.marker.text if self.marker else ""


@dataclass
class FoundList:
    scheme: str
    rule: str
    items: list[ListItem]
    level: int = 0
    kind: str = "measures"  # measures | findings | accountability | facts | other | container
    kind_rule: str = ""
    intro: str = ""  # the sentence(s) right before the first item (matching view)
    headings: list[str] = field(default_factory=list)  # headings of the enclosing sections, innermost first
    context_span: Span = (0, 0)
    section: str = ""
    parent: ListItem | None = None

    @property
    def start(self) -> int:
        return self.items[0].marker.start if self.items[0].marker else self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


def innermost_item(placed: list[FoundList], pos: int) -> ListItem | None:
    """The innermost item of ``placed`` lists that contains ``pos`` (a nested list's parent), or None."""
    best = None
    for fl in placed:
        for it in fl.items:
            if it.start <= pos < it.end and (best is None or it.start >= best.start):
                best = it
    return best


def kind_rule_of(context: str, ruleset: RuleSet) -> RegexRule | None:
    """The list_kind rule an intro or heading names (the highest priority among those matching), or None."""
    kinds = [r for r in ruleset.regex("lists") if r.id.startswith("list_kind.") and r.id != "list_kind.topic_items"]
    hits = [(r.get("priority", 0), r) for r in kinds if r.pattern.search(context)]
    return max(hits, key=lambda h: h[0])[1] if hits else None

