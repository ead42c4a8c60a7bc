"""Find enumerated lists: ordinal markers -> chains of consecutive values -> nesting -> item spans -> kind.

Every ordinal scheme of rules/ordinals.regex.jsonl is handled the same way: a marker is accepted only at a
boundary (line start or after punctuation), markers of one scheme chain when their values run 1, 2, 3…, and a
chain of two or more markers is a list. Items end at the next sibling marker; the last item ends where the
enumeration ends (its paragraph, or the end of its section for headings), never in the narrative after it. A
leaf item that runs over several paragraphs ends with its first line (a section's heading, or a paragraph of
its own), the paragraphs after it prose.
Lists without markers (措施为：A；B；C。, lines ending in ；, parallel clauses) come from series.py; runs of
heading lines with body paragraphs after an announcing intro come from headings.py.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

from ..ruleset import RuleSet
from .headings import find_heading_runs
from .list_types import FoundList, ListItem, Marker, innermost_item, kind_rule_of
from .numerals import parse_numeral
from .sentences import Span, SpanSet, paragraph_of, split_paragraphs, split_sentences
from .series import MIN_ITEM_CHARS, find_semicolon_series

# Characters after which an ordinal may start an item.
_BOUNDARY = set("\n：:；;。，,！？!?、 \t\u3000”\"“」』）)】>")
_PAREN_SCHEMES = {"cn_paren", "digit_paren", "circled"}
_AFTER_MARKER = set("，,：:")  # a separator some writers put after a marker (一是，…; 第一点：…)
_SEQUENCE = {"首先": 1, "其次": 2, "再次": 3, "再者": 3, "然后": 3, "此外": 3, "最后": 99}
_MAX_GAP_INLINE = 1500
_MAX_GAP_BLOCK = 6000
INTRO_WINDOW = 300  # characters before a list read as its intro
BULLET_GAP = 600  # a bullet further than this from the previous one of its kind starts a new list
SECTION_HEADING = 60  # longest first line read as a section's heading: a longer one is the item's own paragraph


def _at_boundary(view: str, pos: int, scheme: str) -> bool:
    if pos == 0:
        return True
    prev = view[pos - 1]
    if scheme in _PAREN_SCHEMES:
        return not ("a" <= prev.lower() <= "z")
    if scheme == "di_yi" and prev in "在于":
        return True  # 在第一阶段，… 在第二阶段，…
    return prev in _BOUNDARY


def _line_start(view: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and view[i] in " \t\u3000":
        i -= 1
    return i < 0 or view[i] == "\n"


def find_markers(view: str, ruleset: RuleSet, skip: list[Span] | None = None,
                 text: str | None = None) -> list[Marker]:
    """All ordinal markers at a boundary, in document order; each marker's ``text`` as ``text`` writes it (the
    view folds 第一條 to 第一条 and ⑴ to ①; the offsets are the same)."""
    written = view if text is None else text
    out = []
    skipped = SpanSet(skip or [])
    for rule in ruleset.regex("ordinals"):
        scheme = rule.get("scheme", rule.id.split(".", 1)[1])
        bullets: dict[str, tuple[int, int]] = {}  # bullet character -> (last position, count)
        for m in rule.pattern.finditer(view):
            s = m.start()
            if scheme == "bullet":
                if not _line_start(view, s) or skipped.covers(s):
                    continue
                last, count = bullets.get(m.group(0), (-BULLET_GAP - 1, 0))
                value = count + 1 if s - last <= BULLET_GAP else 1
                bullets[m.group(0)] = (s, value)
            elif not _at_boundary(view, s, scheme) or skipped.covers(s):
                continue
            elif scheme == "sequence":
                value = _SEQUENCE.get(m.group("w"))
            else:
                value = parse_numeral(m.group("n"))
            if not value:
                continue
            # the item starts after the spaces and the one separator that may follow its marker (一是，全面排查…)
            end = m.end()
            while end < len(view) and view[end] in " \t\u3000":
                end += 1
            if end < len(view) and view[end] in _AFTER_MARKER:
                end += 1
                while end < len(view) and view[end] in " \t\u3000":
                    end += 1
            out.append(Marker(s, end, scheme, value, rule.id, written[s:m.end()].rstrip("，,、：:.． \u3000"),
                              _line_start(view, s)))
    out.sort(key=lambda mk: (mk.start, -mk.end))
    return out


def _chain(markers: list[Marker]) -> list[list[Marker]]:
    """Group markers of each scheme into runs 1, 2, 3… (several runs of a scheme may be open at once)."""
    chains: list[list[Marker]] = []
    open_by_scheme: dict[str, list[list[Marker]]] = {}
    for mk in markers:
        runs = open_by_scheme.setdefault(mk.scheme, [])
        gap = _MAX_GAP_BLOCK if mk.line_start else _MAX_GAP_INLINE
        if mk.scheme == "sequence":
            if mk.value == 1:
                runs.append([mk])
                chains.append(runs[-1])
                continue
            for run in reversed(runs):
                if run[-1].value != 99 and mk.start - run[-1].start <= gap:
                    run.append(Marker(mk.start, mk.end, mk.scheme, len(run) + 1 if mk.value != 99 else 99,
                                      mk.rule, mk.text, mk.line_start))
                    break
            continue
        if mk.value == 1:
            runs.append([mk])
            chains.append(runs[-1])
            continue
        for run in reversed(runs):
            if run[-1].value == mk.value - 1 and mk.start - run[-1].start <= gap:
                run.append(mk)
                break
    result = []
    for run in chains:
        if len(run) < 2:
            continue
        # An item shorter than a few characters means the digits were not ordinals (1、2、3月).
        if any(b.start - a.end < MIN_ITEM_CHARS for a, b in zip(run, run[1:])):
            continue
        result.append(run)
    return result


def _looks_like_heading_list(run: list[Marker], all_runs: list[list[Marker]], text: str,
                             breaks: Sequence[Span] = ()) -> bool:
    """Line-start markers whose items hold other lists or several paragraphs: sections, not leaf items. The site's
    lines between two items (``breaks``) are not a paragraph of the item."""
    if not all(m.line_start for m in run):
        return False
    for a, b in zip(run, run[1:]):
        if "\n" in _without_lines(text, a.end, b.start, breaks).strip():
            return True
        if any(a.end <= other[0].start < b.start for other in all_runs if other is not run):
            return True
    return False


def _end_of_last_item(text: str, view: str, ruleset: RuleSet, run: list[Marker], paragraphs: list[Span],
                      bound: int, heading_like: bool) -> int:
    last = run[-1]
    if heading_like:
        return bound
    ps, pe = paragraph_of(paragraphs, last.start)
    pe = min(pe, bound)
    lengths = [b.start - a.end for a, b in zip(run, run[1:])]
    limit = max(2 * max(lengths), 2 * sum(lengths) / len(lengths) + 40)
    # The last item ends with its paragraph, or sooner: never longer than the limit (plus one sentence).
    sentences = split_sentences(text, last.end, min(pe, last.end + int(limit) + 200))
    if not sentences:
        return pe
    frame = ruleset.by_id("list_end.reporting_frame")
    end = sentences[0][1]
    for s, e in sentences[1:]:
        if frame is not None and frame.pattern.match(view, s, e):
            break
        if e - last.end > limit:
            break
        end = e
    return end


def _heading_of(text: str, item: ListItem) -> str:
    line = text[item.start:item.end].split("\n", 1)[0]
    return line.strip()[:80]


def find_lists(text: str, view: str, ruleset: RuleSet, skip: list[Span] | None = None,
               breaks: list[Span] | None = None) -> list[FoundList]:
    """All enumerated lists of the document, outermost first, with nesting, item spans and kinds. ``breaks``:
    lines of the site (a share bar, a prompt): a leaf item ends before one, as the article's own text does not
    run over the site's line between two items, and they are no paragraph of an item."""
    skip = skip or []
    paragraphs = split_paragraphs(text)
    # Boilerplate after the body (footers) bounds the last section: the first such line after a list's last
    # marker (a share bar between two items in the second half of a page does not end the list before its item).
    late = sorted(a for a, _ in skip if a > len(text) // 2)
    doc_end = late[0] if late else len(text)

    def end_after(pos: int) -> int:
        k = bisect_right(late, pos)
        return late[k] if k < len(late) else len(text)

    breaks = sorted(breaks or [])
    runs = _chain(find_markers(view, ruleset, skip, text))
    runs.sort(key=lambda r: (r[0].start, -r[-1].start))
    placed: list[FoundList] = []
    for run in runs:
        parent = innermost_item(placed, run[0].start)
        if parent is not None and run[-1].start >= parent.end:
            continue  # a run that leaves its parent item is not a list of that item
        bound = parent.end if parent is not None else end_after(run[-1].start)
        heading_like = _looks_like_heading_list(run, runs, text, breaks)
        items = [ListItem(a, a.end, _rstrip(text, a.end, b.start)) for a, b in zip(run, run[1:])]
        last_end = _end_of_last_item(text, view, ruleset, run, paragraphs, bound, heading_like)
        items.append(ListItem(run[-1], run[-1].end, _rstrip(text, run[-1].end, last_end)))
        if not heading_like:  # a section under a heading keeps its span: the site's line may sit under the heading
            for it in items:
                it.end = _before_boilerplate(text, it.start, it.end, breaks)
        if any(it.end <= it.start for it in items):
            continue
        fl = FoundList(run[0].scheme, run[0].rule, items, parent=parent)
        for it in items:
            it.owner = fl
        fl.level = 0 if parent is None else _level_of(placed, parent) + 1
        if parent is not None:
            parent.children.append(fl)
        placed.append(fl)
    placed.extend(find_heading_runs(text, view, ruleset, placed, paragraphs, skip, doc_end))
    placed.extend(find_semicolon_series(text, view, ruleset, placed, skip, paragraphs))
    placed.sort(key=lambda fl: fl.start)
    for fl in placed:
        for it in fl.items:
            if it.children:
                it.heading = _heading_of(text, it)
            elif it.marker is not None and it.marker.line_start:
                _cut_to_first_line(text, it)
        fl.section = fl.parent.heading if fl.parent is not None else ""
        _set_context(text, view, fl, paragraphs)
        classify_list(view, fl, ruleset)
    return placed


def _cut_to_first_line(text: str, it: ListItem) -> None:
    """A leaf item that runs over several paragraphs ends with its first line, and the paragraphs under it are
    prose. A short first line is a section's heading (a case of a discipline notice, a commentator's point:
    ``is_section``); a longer one is a paragraph of its own, the item itself (首先是Mac和ip，… in a commentary
    whose 此外 comes forty paragraphs later). No gold measure or finding runs over two paragraphs; held out, the
    long first lines cut as well: six-split mean measures F1 0.6424 -> 0.6448, prose recall 0.616 -> 0.622
    (docs/decisions.md)."""
    body = text[it.start:it.end]
    lead = len(body) - len(body.lstrip())
    nl = body.find("\n", lead)
    if nl >= 0 and body[nl:].strip():
        it.end = _rstrip(text, it.start, it.start + nl)
        it.is_section = nl - lead <= SECTION_HEADING


def _before_boilerplate(text: str, start: int, end: int, breaks: Sequence[Span]) -> int:
    """``end``, or where the first of the lines ``breaks`` inside ``(start, end)`` begins (trailing space
    stripped)."""
    k = bisect_right(breaks, (start, len(text) + 1))
    if k < len(breaks) and breaks[k][0] < end:
        return _rstrip(text, start, breaks[k][0])
    return end


def _without_lines(text: str, start: int, end: int, breaks: Sequence[Span]) -> str:
    """``text[start:end]`` less the lines ``breaks`` (sorted) and the line end after each."""
    parts, pos = [], start
    # indexed, not sliced: a copy of the rest of ``breaks`` per pair of markers would be quadratic on a long list
    k = bisect_right(breaks, (start, len(text) + 1))
    while k < len(breaks) and breaks[k][0] < end:
        s, e = breaks[k]
        parts.append(text[pos:s])
        pos = min(end, e + 1 if text[e:e + 1] == "\n" else e)
        k += 1
    parts.append(text[pos:end])
    return "".join(parts)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\n\u3000":
        end -= 1
    return end


def _level_of(placed: list[FoundList], item: ListItem) -> int:
    for fl in placed:
        if any(it is item for it in fl.items):
            return fl.level
    return 0


def _set_context(text: str, view: str, fl: FoundList, paragraphs: list[Span]) -> None:
    """Intro = the sentence(s) right before the first item (same paragraph, else the previous paragraph)."""
    first = fl.start
    ps, pe = paragraph_of(paragraphs, first)
    if first > ps and view[ps:first].strip():
        ps = max(ps, first - INTRO_WINDOW)
        intro_start = ps
        sents = split_sentences(text, ps, first)
        if len(sents) > 2:
            intro_start = sents[-2][0]
    else:
        prev = paragraphs[:bisect_right([p[1] for p in paragraphs], ps)]
        intro_start = max(prev[-1][0], prev[-1][1] - INTRO_WINDOW) if prev else ps
        if prev:
            sents = split_sentences(text, intro_start, prev[-1][1])
            if len(sents) > 2:
                intro_start = sents[-2][0]
    fl.context_span = (intro_start, first)
    fl.intro = view[intro_start:first]
    item = fl.parent
    while item is not None:
        fl.headings.append(item.heading)
        item = item.owner.parent if item.owner is not None else None


def classify_list(view: str, fl: FoundList, ruleset: RuleSet) -> None:
    """Set fl.kind from cue phrases in the intro (nearest first), then in the enclosing headings."""
    if any(it.children for it in fl.items) and all(
            it.children or len(view[it.start:it.end]) < 40 for it in fl.items):
        fl.kind, fl.kind_rule = "container", "list_kind.container"
        return
    for ctx in (fl.intro, "\n".join(fl.headings)):
        rule = kind_rule_of(ctx, ruleset)
        if rule is not None:
            fl.kind, fl.kind_rule = rule.get("list_kind"), rule.id
            return
    items_text = [view[it.start:it.end].rstrip() for it in fl.items]
    topic = ruleset.by_id("list_kind.topic_items")
    if topic is not None and sum(bool(topic.pattern.search(t)) for t in items_text) * 2 > len(items_text):
        fl.kind, fl.kind_rule = "facts", topic.id
        return
    if sum(t.endswith(("？", "?")) for t in items_text) * 2 >= len(items_text):
        fl.kind, fl.kind_rule = "other", "list_kind.question_items"
        return
    fl.kind, fl.kind_rule = "unknown", "list_kind.items"
