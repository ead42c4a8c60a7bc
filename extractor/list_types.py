"""The shapes of a found list: markers, items (possibly holding nested lists) and lists."""
from __future__ import annotations

from dataclasses import dataclass, field

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
