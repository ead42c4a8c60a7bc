"""Text wrapped at a fixed width (a PDF's or an e-mail's lines, a terminal copy) joined back into paragraphs.

Sentences end at line ends (structure/sentences.py), as they must for headings, list items and captions. A
page whose lines were cut at a fixed width would be read as fragments: dev2's pages wrapped at 38 characters
lost two thirds of their measures (in-sample measures F1 0.868 -> 0.567, listed recall 0.94 -> 0.43). A page
is read as wrapped only when many of its lines stop at the same width in mid-sentence; then each such line is
joined to the next, and every other line end (a heading, a short last line of a paragraph, a sentence that ends
at the margin) stays. No page of the gold sets is wrapped, and none changes.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .textmap import MappedText

__all__ = ["unwrap_fixed_width", "display_width"]

MIN_LINE = 16       # display columns below which a line says nothing about a wrap width
MIN_HAN = 8         # Han characters a line of running text holds
MIN_WIDTH = 30      # the narrowest margin read as one (characters or columns): below it, lines of one length are
#                     headlines or captions
MAX_OVER = 0.05     # lines wider than the margin, as a share of the lines at it
MIN_WRAPPED = 5     # lines stopping at the width, in mid-sentence, before a page is read as wrapped
MIN_SHARE = 0.4     # ... and their share of the page's long lines
SLACK = 3           # columns short of the width a wrapped line may stop (a wide character does not fit)
_LATIN = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ENDS = set("。！？!?；;：:…")
_CLOSERS = "”’」』）)】>\"'"
# a line that opens with an ordinal or a bullet starts an item, never continues the line above
_ITEM_START = re.compile(r"\s*(?:[0-9]{1,2}[.、．)）]|[（(][0-9一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]"
                         r"|第[一二三四五六七八九十0-9]|[①-⑳]|[■●◆•·\-*])")


def _prose(line: str) -> bool:
    """A line of running Chinese text: a link, an image's Markdown or a table row of codes has lines of one length
    too, and no sentence to join."""
    return "://" not in line and len(_HAN.findall(line)) >= MIN_HAN


def _ends_sentence(line: str) -> bool:
    """Whether the line ends a sentence or a clause list (…。”, …：): a closing quote alone does not."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _ENDS


def display_width(line: str) -> int:
    """Columns the line takes in a monospaced rendering: a wide (East Asian) character two, others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _wrap_width(lines: list[str], measure) -> tuple[int, int] | None:
    """``(width, lines at it)`` the page was wrapped at under ``measure`` (characters or display columns), or
    None when it was not wrapped so."""
    long_lines = [ln for ln in lines if measure(ln) >= MIN_LINE and _prose(ln)]
    open_ended = [measure(ln) for ln in long_lines if not _ends_sentence(ln)]
    if len(open_ended) < MIN_WRAPPED:
        return None
    counts = Counter(open_ended)
    # the margin: the width with the most open-ended lines at it or up to SLACK short of it
    width = max(counts, key=lambda w: (sum(counts[v] for v in range(w - SLACK, w + 1)), w))
    width = max(v for v in counts if width <= v <= width + SLACK)  # the margin itself: the widest line near it
    near = sum(counts[v] for v in range(width - SLACK, width + 1))
    # the margin is the page's widest: a page whose paragraphs run past it has lines of one length by chance
    # (a column of headlines, titles repeated)
    over = sum(1 for ln in long_lines if measure(ln) > width)
    if width < MIN_WIDTH or near < MIN_WRAPPED or near < MIN_SHARE * len(long_lines) or over > MAX_OVER * near:
        return None
    return width, near


def unwrap_fixed_width(mt: MappedText) -> MappedText:
    """Join the lines of a fixed-width-wrapped page that stop at the margin in mid-sentence to the line after them
    (the line end deleted; between two Latin letters it becomes a space). Any other page is returned
    unchanged."""
    text = mt.text
    lines = text.split("\n")
    stripped = [ln.rstrip() for ln in lines]
    body = [ln for ln in stripped if ln]
    # Wrapped by columns (a wide character takes two) or by characters, whichever explains more lines.
    found = [(r, m) for m in (display_width, len) if (r := _wrap_width(body, m)) is not None]
    if not found:
        return mt
    (width, _), measure = max(found, key=lambda x: x[0][1])
    edits = []
    pos = 0
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)  # the "\n" after this line
        cur, nxt = stripped[k], lines[k + 1]
        if cur and nxt.strip() and _prose(cur) and not _ends_sentence(cur) and measure(cur) >= width - SLACK \
                and not _ITEM_START.match(nxt):
            # two Latin letters were two words (a word wrapper breaks at spaces); digits and Han run on
            joint = " " if _LATIN.match(cur[-1]) and _LATIN.match(nxt[:1]) else ""
            edits.append((pos + len(cur), end + 1, joint))
        pos = end + 1
    return mt.apply(edits)
