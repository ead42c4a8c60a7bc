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
_H = "\u3400-\u9fff\uf900-\ufaff"
_HANS = re.compile(f"[{_H}](?:[^{_H}]*[{_H}]){{{MIN_HAN - 1}}}")  # MIN_HAN Han characters (the classes are
#                     disjoint, so a failed search is linear)
_ENDS = set("。！？!?；;：:…")
_NARROW3 = "“”‘’…–—"  # three bytes in UTF-8, one column (East Asian width ambiguous)
_CLOSERS = "”’」』）)】>\"'"
# a line that opens with an ordinal or a bullet starts an item, never continues the line above
_ITEM_START = re.compile(r"\s*(?:[0-9]{1,2}[.、．)）]|[（(][0-9一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]"
                         r"|第[一二三四五六七八九十0-9]|[①-⑳]|[■●◆•·\-*])")


def _prose(line: str) -> bool:
    """A line of running Chinese text: a link, an image's Markdown or a table row of codes has lines of one length
    too, and no sentence to join."""
    return len(line) >= MIN_HAN and "://" not in line and _HANS.search(line) is not None


def _ends_sentence(line: str) -> bool:
    """Whether the line ends a sentence or a clause list (…。”, …：): a closing quote alone does not."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _ENDS


def display_width(line: str) -> int:
    """Columns the line takes in a monospaced rendering, nearly: a character of three or four bytes in UTF-8 (Han,
    kana, Hangul, full-width forms and CJK punctuation: East Asian wide) two, others one, less the narrow
    punctuation of three bytes that Chinese text uses (“”‘’…–—). Counted from the encoded length, in C: a
    character at a time through unicodedata took half of the cleaning time of a long page; the rarer narrow
    characters of three bytes count two, and the margin's slack absorbs them."""
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2 - sum(map(line.count, _NARROW3))


def _wrap_width(sizes: list[int], open_ended: list[bool]) -> tuple[int, int] | None:
    """``(width, lines at it)`` the page was wrapped at, from the sizes of its lines of running text (characters or
    display columns) and whether each stops in mid-sentence; None when it was not wrapped so."""
    long_sizes = [n for n in sizes if n >= MIN_LINE]
    counts = Counter(n for n, o in zip(sizes, open_ended) if o and n >= MIN_LINE)
    if sum(counts.values()) < MIN_WRAPPED:
        return None
    # the margin: the width with the most open-ended lines at it or up to SLACK short of it
    width = max(counts, key=lambda w: (sum(counts[v] for v in range(w - SLACK, w + 1)), w))
    width = max(v for v in counts if width <= v <= width + SLACK)  # the margin itself: the widest line near it
    near = sum(counts[v] for v in range(width - SLACK, width + 1))
    # the margin is the page's widest: a page whose paragraphs run past it has lines of one length by chance
    # (a column of headlines, titles repeated)
    over = sum(1 for n in long_sizes if n > width)
    if width < MIN_WIDTH or near < MIN_WRAPPED or near < MIN_SHARE * len(long_sizes) or over > MAX_OVER * near:
        return None
    return width, near


def unwrap_fixed_width(mt: MappedText) -> MappedText:
    """Join the lines of a fixed-width-wrapped page that stop at the margin in mid-sentence to the line after them
    (the line end deleted; between two Latin letters it becomes a space). Any other page is returned
    unchanged."""
    text = mt.text
    if text.count("\n") < MIN_WRAPPED:
        return mt
    lines = text.split("\n")
    stripped = [ln.rstrip() for ln in lines]
    # cheap tests first: most pages have few lines that stop in mid-sentence, and then nothing else is read
    open_ended = [bool(ln) and not _ends_sentence(ln) for ln in stripped]
    if sum(open_ended) < MIN_WRAPPED:
        return mt
    if sum(1 for ln, o in zip(stripped, open_ended) if o and _prose(ln)) < MIN_WRAPPED:
        return mt
    prose = [bool(ln) and _prose(ln) for ln in stripped]
    open_ended = [o and p for o, p in zip(open_ended, prose)]
    # Wrapped by columns (a wide character takes two) or by characters, whichever explains more lines.
    found = []
    for measure in (display_width, len):
        sizes = [measure(ln) if p else 0 for p, ln in zip(prose, stripped)]
        found_here = _wrap_width([n for n, p in zip(sizes, prose) if p], [o for o, p in zip(open_ended, prose) if p])
        if found_here is not None:
            found.append((found_here, sizes))
    if not found:
        return mt
    (width, _), sizes = max(found, key=lambda x: x[0][1])
    edits = []
    pos = 0
    for k, line in enumerate(lines[:-1]):
        end = pos + len(line)  # the "\n" after this line
        nxt = lines[k + 1]
        if open_ended[k] and sizes[k] >= width - SLACK and nxt.strip() and not _ITEM_START.match(nxt):
            cur = stripped[k]
            # two Latin letters were two words (a word wrapper breaks at spaces); digits and Han run on
            joint = " " if _LATIN.match(cur[-1]) and _LATIN.match(nxt[:1]) else ""
            edits.append((pos + len(cur), end + 1, joint))
        pos = end + 1
    return mt.apply(edits)
