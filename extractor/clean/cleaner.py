"""Turn loader text into the clean text every later stage works on, keeping an offset map.

``clean_text(text, title)`` runs small steps in order, each one a function on a
:class:`~extractor.clean.textmap.MappedText` (see :data:`STEPS`):

1. line endings unified, invisible characters dropped;
2. Kangxi radicals and compatibility ideographs folded to the unified character (⼊ -> 入);
3. leftover tags removed (block tags become newlines), entities and literal ``\\u3000`` escapes decoded;
4. whitespace tidied (space runs collapsed, lines stripped, spaces inside Han text and next to CJK punctuation
   removed, 3+ newlines -> 2);
5. pinyin annotations removed (聯(lián) -> 聯);
6. forum anti-scrape strings removed ("; m; y* O0 H3 O7 }");
   then an ASCII full stop ending a Chinese sentence written 。 (声明如下.公司已… -> 声明如下。公司已…; after
   5, which takes 體(tǐ)驗(yàn).我們 to 體驗.我們);
7. injected title fragments (SEO spam) removed;
8. newlines tidied again (a removal can empty a line).

Rules for 5, 6 and the boilerplate spans are data in rules/noise.regex.jsonl. Full-width digits and letters
are folded only in ``view``; the text keeps them as written.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..ruleset import RegexRule, load_ruleset
from .chars import (count_lost_chars, fold_lookalikes, make_view, mark_ascii_full_stops, remove_pinyin,
                    remove_scrape_noise)
from .markup import (decode_entities, decode_escapes, normalize_controls, strip_tags, tidy_newlines,
                     tidy_whitespace)
from .seo import find_title_fragments, guess_titles
from .spans import find_boilerplate, find_duplicates, outermost
from .textmap import MappedText
from .wrapped import unwrap_fixed_width

__all__ = ["CleanText", "clean_text", "STEPS", "TRADITIONAL_SHARE"]

TRADITIONAL_SHARE = 0.05  # share of Han characters t2s must change for a text to count as Traditional


@dataclass
class CleanText:
    """The clean text of one document and everything needed to match on it and trace it back.

    text:       the clean text; every offset in the output points into it.
    view:       same length as ``text``: Simplified (OpenCC t2s, per character where a phrase conversion would
                change the length), full-width digits/letters/space and hyphen look-alikes folded to ASCII.
                For matching only; report text from ``text`` at the same offsets.
    raw_index:  ``len(text) + 1`` entries, non-decreasing: clean offset -> offset in the input text.
    script:     "simplified" | "traditional".
    warnings:   human-readable notes on repairs and damage (lost characters, SEO fragments, scrape noise).
    skip_spans: ``(start, end, reason)`` spans of ``text`` that downstream stages should skip but that were
                kept for transparency: reason ``boilerplate:<rule id>`` (copyright, ICP, link lists, bylines,
                share widgets...) or ``duplicate`` (a paragraph repeating an earlier one verbatim).
    """

    text: str
    view: str
    raw_index: list[int]
    script: str = "simplified"
    warnings: list[str] = field(default_factory=list)
    skip_spans: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def boilerplate(self) -> list[tuple[int, int]]:
        """(start, end) of the skip spans that are site boilerplate."""
        return [(s, e) for s, e, why in self.skip_spans if why.startswith("boilerplate")]

    def is_skipped(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies inside one skip span."""
        return any(s <= start and end <= e for s, e, _ in self.skip_spans)


def _rules(kind: str) -> list[RegexRule]:
    return [r for r in load_ruleset().regex("noise") if r.get("kind") == kind]


def remove_title_fragments(mt: MappedText, title: str) -> tuple[MappedText, list[str]]:
    """Delete injected title fragments; without a title, try the first short lines as candidates."""
    if title.strip():
        candidates = [title]
    else:
        candidates = guess_titles(mt.text, boilerplate=[r.pattern for r in _rules("boilerplate")])
    best: tuple[list[tuple[int, int]], list[str]] = ([], [])
    for cand in candidates:
        spans, frags = find_title_fragments(mt.text, cand)
        if len(spans) > len(best[0]):
            best = (spans, frags)
    return mt.apply((s, e, "") for s, e in best[0]), best[1]


# The text-only steps, in order; each maps a MappedText to a MappedText (tests run them one by one).
STEPS: list[tuple[str, Callable[[MappedText], MappedText]]] = [
    ("controls", normalize_controls),
    ("lookalikes", fold_lookalikes),
    ("tags", strip_tags),
    ("entities", decode_entities),
    ("escapes", decode_escapes),
    ("whitespace", tidy_whitespace),
    ("unwrap", unwrap_fixed_width),
    ("pinyin", lambda mt: remove_pinyin(mt, _rules("pinyin"))[0]),
    ("scrape", lambda mt: remove_scrape_noise(mt, _rules("scrape"))[0]),
    ("full stops", mark_ascii_full_stops),
]


def clean_text(text: str, title: str = "") -> CleanText:
    """Clean ``text`` (plain text from the loader, possibly with stray markup) for matching; never raises on str."""
    mt = MappedText.from_text(text)
    for _, step in STEPS[:6]:
        mt = step(mt)
    warnings: list[str] = []
    lines = mt.text.count("\n")
    mt = unwrap_fixed_width(mt)
    joined = lines - mt.text.count("\n")
    if joined:
        warnings.append(f"lines cut at a fixed width joined: {joined}")
    mt, n_pinyin = remove_pinyin(mt, _rules("pinyin"))
    mt, n_scrape = remove_scrape_noise(mt, _rules("scrape"))
    if n_scrape:
        warnings.append(f"anti-scrape noise strings removed: {n_scrape}")
    mt = mark_ascii_full_stops(mt)
    mt, frags = remove_title_fragments(mt, title)
    if frags:
        warnings.append(f"injected title fragments removed (SEO spam): {', '.join(frags)}")
    if n_scrape or frags:
        mt = tidy_newlines(mt)  # a removed fragment may have been a whole line
    view, han, changed = make_view(mt.text)
    script = "traditional" if han and changed >= 2 and changed >= TRADITIONAL_SHARE * han else "simplified"
    lost = count_lost_chars(mt.text)
    if lost:
        warnings.append(f"lost characters ('?') inside Han text: {lost}")
    # Boilerplate first: of a line that is both, the boilerplate reason stays.
    skips = outermost(find_boilerplate(view, _rules("boilerplate")) + find_duplicates(view))
    return CleanText(mt.text, view, mt.index, script, warnings, skips)
