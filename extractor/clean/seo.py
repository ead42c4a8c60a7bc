"""Injected title fragments (SEO spam): find short pieces of the title spliced into the body.

Spam sites cut the page title into two-character chunks and splice one or two chunks at clause starts all
through the text (seed 001, title 中国联通用户凌晨被异常扣费…: ``,中国踪扣《中国消费者报》``, ``。被异5月9日``).
The detector works only from the title and the document itself:

1. *Runs* are maximal stretches of title characters in the body; an injected fragment sits at the start of a run
   and is cut off from what follows: its last character plus the next one is not a bigram of the title
   (real text like 异常扣费 continues the title, so it is never cut).
2. *Sure fragments*: 2-4 character run prefixes that are NOT a substring of the title (中国踪扣, 联通凌晨), occur
   cut off at least twice, and occur nowhere else than at a clause start (no Han character before). At least
   three different sure fragments must exist, or nothing is removed: clean documents lose nothing (checked on
   the corpus and the dev set).
3. *Chunk fragments*: when the sure fragments show the generator's chunking (each splits into two-character title
   chunks at one parity of the title), the other chunks at that parity are fragments too: a pair of them
   (费报费已) when it occurs cut off twice, a single chunk (被异, 常扣, 道追) when it starts a clause twice.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from .markup import HAN

__all__ = ["find_title_fragments", "guess_titles"]

_HAN_CHAR = re.compile(f"[{HAN}]")
_CLAUSE_PAIR = re.compile(f"(?<![{HAN}])[{HAN}]{{2}}")  # two Han characters that start a clause
MIN_SURE = 3  # distinct sure fragments needed before anything is removed
MIN_REPEAT = 2  # cut-off occurrences each fragment needs


def guess_titles(text: str, limit: int = 3, boilerplate: Sequence[re.Pattern] = ()) -> list[str]:
    """Title candidates when none is given: the first few non-empty short lines (< 60 chars), less those a
    ``boilerplate`` pattern finds (a post's time stamp, a follow-us line, a welcome line are the site's, and
    above a title they would take the places of the candidates)."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line and len(line) < 60 and len(_HAN_CHAR.findall(line)) >= 4 \
                and not any(p.search(line) for p in boilerplate):
            out.append(line)
            if len(out) == limit:
                break
    return out


def _runs(text: str, chars: str) -> list[tuple[int, int]]:
    """Spans of two or more characters of ``chars`` in a row (only pages with sure fragments get here)."""
    cls = re.compile("[" + re.escape(chars) + "]{2,}")
    return [m.span() for m in cls.finditer(text)]


def _cut_off(text: str, end: int, bigrams: set[str]) -> bool:
    """True when the fragment ending at ``end`` does not continue into title text."""
    return end >= len(text) or text[end - 1:end + 1] not in bigrams


def _chunk_parity(core: str, sure: set[str]) -> tuple[int, set[str]] | None:
    """The parity at which every sure fragment splits into title chunks, and the chunks they use."""
    for parity in (0, 1):
        chunks = {core[i:i + 2] for i in range(parity, len(core) - 1, 2)}
        used: set[str] = set()
        ok = 0
        for frag in sure:
            parts = [frag[i:i + 2] for i in range(0, len(frag), 2)]
            if len(frag) % 2 == 0 and all(p in chunks for p in parts):
                used.update(parts)
                ok += 1
        if ok >= MIN_SURE and ok == sum(len(f) % 2 == 0 for f in sure):
            return parity, used
    return None


def _walk(text: str, runs: list[tuple[int, int]], frags: set[str], bigrams: set[str]) -> list[tuple[int, int]]:
    """Spans of fragments at run starts, chained (a fragment may follow another one in the same run)."""
    ordered = sorted(frags, key=len, reverse=True)
    spans = []
    for start, end in runs:
        pos = start
        while pos < end:
            for frag in ordered:
                stop = pos + len(frag)
                if stop <= end + 0 and text.startswith(frag, pos) and _cut_off(text, stop, bigrams):
                    spans.append((pos, stop))
                    pos = stop
                    break
            else:
                break
    return spans


def _distinct_lines(text: str) -> str:
    """``text`` with every line after its first verbatim occurrence left out (blank lines kept)."""
    seen: set[str] = set()
    out = []
    for line in text.split("\n"):
        if line.strip():
            if line in seen:
                continue
            seen.add(line)
        out.append(line)
    return "\n".join(out)


@lru_cache(maxsize=4)
def _clause_heads(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text's distinct lines, and where each clause that starts with two Han characters starts, with its first
    four characters: the same for every title tried on one page (a page without a title tries two or three)."""
    evidence = _distinct_lines(text)
    return evidence, [(m.start(), evidence[m.start():m.start() + 4]) for m in _CLAUSE_PAIR.finditer(evidence)]


def find_title_fragments(text: str, title: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Spans of injected title fragments in ``text`` and the distinct fragments; ([], []) when none are sure."""
    core = "".join(_HAN_CHAR.findall(title))
    if len(core) < 6:
        return [], []
    bigrams = {core[i:i + 2] for i in range(len(core) - 1)}
    chars = set(core)
    # Sure fragments start clauses, so the runs that start clauses decide first whether there are any; a page
    # without (nearly every page) is not searched for the title's characters everywhere. Occurrences are counted
    # over distinct lines: a page that prints its article twice repeats every clause start it has.
    evidence, heads = _clause_heads(text)
    at_clause: Counter[str] = Counter()  # cut-off occurrences at the start of a run that starts a clause
    for start, head in heads:
        if head[0] not in chars or head[1] not in chars:
            continue
        run = 2  # title characters in a row at the clause start, up to four
        while run < len(head) and head[run] in chars:
            run += 1
        for size in range(2, run + 1):
            if _cut_off(evidence, start + size, bigrams):
                at_clause[head[:size]] += 1
    # sure: not title text, repeated, and never seen anywhere but at a clause start
    sure = {f for f, n in at_clause.items() if n >= MIN_REPEAT and f not in core and n == evidence.count(f)}
    sure = {f for f in sure if not any(g != f and g.startswith(f) for g in sure)}
    if len(sure) < MIN_SURE:
        return [], []
    at_run: Counter[str] = Counter()  # cut-off occurrences at the start of any run of title characters
    for start, end in _runs(evidence, "".join(sorted(chars))):
        for size in range(2, min(4, end - start) + 1):
            if _cut_off(evidence, start + size, bigrams):
                at_run[evidence[start:start + size]] += 1
    frags = set(sure)
    chunking = _chunk_parity(core, sure)
    if chunking is not None:
        parity, used = chunking
        free = {core[i:i + 2] for i in range(parity, len(core) - 1, 2)} - used
        for frag, n in at_run.items():
            if len(frag) not in (2, 4) or not all(frag[i:i + 2] in free for i in (0, len(frag) - 2)):
                continue
            # two spliced chunks are evidence enough; a single chunk may be a real word, so it must start clauses
            if (at_run if len(frag) == 4 else at_clause)[frag] >= MIN_REPEAT:
                frags.add(frag)
    spans = _walk(text, _runs(text, "".join(sorted(chars))), frags, bigrams)
    found = sorted({text[s:e] for s, e in spans})
    return spans, found
