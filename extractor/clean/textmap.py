"""A string that remembers where each of its characters came from.

Cleaning is a chain of small edits (delete a tag, collapse spaces, drop a pinyin annotation). Each edit
produces a new :class:`MappedText` whose ``index`` maps every character back to the position in the
*original* input, so an offset in the clean text can always be traced back to the raw document.

``index`` has ``len(text) + 1`` entries: the last one is the end of the input, so a span
``[start, end)`` of the clean text maps to ``[index[start], index[end])`` of the input (for kept text).
Replacement characters map to the start of the span they replaced; deleted spans leave no entries.
The index is therefore always non-decreasing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

__all__ = ["MappedText", "Edit"]

Edit = tuple[int, int, str]  # (start, end, replacement) on the current text


@dataclass(frozen=True)
class MappedText:
    """Text plus, for each character, its offset in the original input (``len(index) == len(text) + 1``)."""

    text: str
    index: list[int]

    @classmethod
    def from_text(cls, text: str) -> "MappedText":
        """Identity mapping of ``text`` onto itself."""
        return cls(text, list(range(len(text) + 1)))

    def apply(self, edits: Iterable[Edit]) -> "MappedText":
        """Apply non-overlapping edits (sorted or not); returns self when there is nothing to do.

        A replacement of the same length keeps the per-character mapping (folds); any other replacement maps
        each new character to the start of the replaced span.
        """
        edits = sorted(edits)
        if not edits:
            return self
        text, index = self.text, self.index
        parts: list[str] = []
        idx: list[int] = []
        pos = 0
        for start, end, repl in edits:
            if start < pos or end < start or end > len(text):
                raise ValueError(f"overlapping or out-of-range edit ({start}, {end}) after {pos}")
            parts.append(text[pos:start])
            idx.extend(index[pos:start])
            parts.append(repl)
            if len(repl) == end - start:
                idx.extend(index[start:end])
            elif repl:
                idx.extend([index[start]] * len(repl))
            pos = end
        parts.append(text[pos:])
        idx.extend(index[pos:])  # includes the end sentinel
        return MappedText("".join(parts), idx)

    def sub(self, pattern: re.Pattern, repl: str | Callable[[re.Match], str | None]) -> "MappedText":
        """Like ``pattern.sub`` but keeping the map; a callable returning None leaves the match unchanged."""
        edits: list[Edit] = []
        for m in pattern.finditer(self.text):
            new = repl if isinstance(repl, str) else repl(m)
            if new is None or new == m.group(0):
                continue
            edits.append((m.start(), m.end(), new))
        return self.apply(edits)

    def translate(self, table: dict[int, str]) -> "MappedText":
        """Per-character replacement by a table of one-character values (keeps the map unchanged)."""
        new = self.text.translate(table)
        if new == self.text:
            return self
        if len(new) != len(self.text):
            raise ValueError("translate table must map characters to single characters")
        return MappedText(new, self.index)
