"""HTML (and XML/JSP markup) to plain text with paragraph and list-item boundaries kept as line breaks.

One routine for whole pages (.html/.jsp/.xml) and for HTML inside Markdown bodies. Every block element
(<p>, <div>, <li>, headings, <tr>, ...) and <br> starts a new line, and a list item starts with the marker its
list shows (1. 2. … in an <ol>, • in a <ul>; a table row whose first cell is only a number starts with that
number as its marker); script/style/nav/footer/header/aside/form
and comments are dropped; entities are decoded (&#8221; &nbsp;). Whitespace that only wraps the source
between two Chinese characters is removed, other runs become one space. For full pages, ``main_content``
keeps only the article (see html_main).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..view import matching_view
from .html_dom import Node, parse_html
from .html_main import SKIP_TAGS, find_main, is_chrome, is_link_block

BLOCK = frozenset(
    "p div li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot blockquote section article main "
    "pre hr address figure figcaption caption center body html paragraph content title".split()
)
_CELL = frozenset(("td", "th"))
CELL_SEPARATOR = "\u3000"
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0002ffff"
_WRAP_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v\n]*\n[ \t\r\f\v\n]*(?=[{_CJK}])")
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_MARKUP_HINT = re.compile(r"<(?:!doctype|html|head|body|p|div|br|table|span|a|li|ul|h[1-6]|meta|title|\?xml)\b",
                          re.I)
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_DATE_META = ("article:published_time", "og:published_time", "pubdate", "publishdate", "publish_date",
              "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date")
_DATE_IN_TEXT = re.compile(r"(?:发布时间|发布日期|發佈時間|發布時間|日期|时间)[:：]\s*"
                           r"(\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")
_CEC_DATE_TAGS = ("reporttime",)


@dataclass
class HtmlText:
    text: str
    title: str = ""
    date: str = ""
    author: str = ""
    url: str = ""


def looks_like_markup(text: str) -> bool:
    """True when ``text`` is an HTML/XML page or fragment (several tags, or a doctype/root/xml declaration)."""
    head = text[:5000].lstrip().lower()
    if head.startswith(("<!doctype", "<html", "<?xml", "<%", "<?php")):
        return True
    return len(_TAG.findall(text[:20000])) >= 3 and bool(_MARKUP_HINT.search(text[:20000])
                                                         or head.startswith("<"))


def has_html(text: str) -> bool:
    """True when Markdown/plain text contains at least one HTML tag or entity worth converting."""
    return bool(_TAG.search(text)) or "&" in text and bool(re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.I))


def tidy_line(line: str) -> str:
    """Drop source wrapping between Chinese characters, collapse other whitespace, trim."""
    line = _WRAP_BETWEEN_CJK.sub("", line)
    return _SPACES.sub(" ", line).strip(" \u3000")


def _render(start: Node, chrome: bool, keep_newlines: bool, stats) -> str:
    """Walk the tree iteratively; block boundaries and <br> become line breaks."""
    lines: list[str] = []
    buf: list[str] = []
    markers: dict[int, str] = {}  # id(<li>) -> the marker its list gives it

    def flush() -> None:
        if buf:
            raw = "".join(buf)
            parts = raw.split("\n") if keep_newlines else [raw]
            lines.extend(p for p in (tidy_line(x) for x in parts) if p)
            buf.clear()

    stack: list[Node | str | None] = [start]  # None marks the end of a block element
    while stack:
        item = stack.pop()
        if item is None:
            flush()
            continue
        if isinstance(item, str):
            buf.append(item)
            continue
        tag = item.tag
        if item is not start and (tag in SKIP_TAGS or tag == "title" or tag in _CEC_DATE_TAGS
                                  or (chrome and (is_chrome(item) or is_link_block(item, stats)))):
            continue
        if tag == "br":
            buf.append("\n") if keep_newlines else flush()
            continue
        if tag in _CELL and not next((b for b in reversed(buf) if b), " ")[-1].isspace():
            # an ideographic space, which the cleaner keeps as a space: an ASCII one between two Chinese
            # characters is read as wrapping and removed, which ran the cells of a row into one phrase
            # (序号整改措施完成时限, 严肃问责已完成)
            buf.append(CELL_SEPARATOR)
        if tag in BLOCK:
            flush()
            stack.append(None)
        numbered = _numbered_row(item) if tag == "tr" else None
        if numbered is not None:
            # a table of measures with a 序号 column: the number is the item's marker (1. …), not a cell
            number, rest = numbered
            stack.extend(reversed(rest))
            stack.append(f"{number}. ")
            continue
        stack.extend(reversed(item.children))
        if tag in _LISTS:
            markers.update(_item_markers(item))
        elif tag == "li" and id(item) in markers:
            stack.append(markers.pop(id(item)))
    flush()
    return "\n".join(lines)


_LISTS = frozenset(("ol", "ul"))
BULLET = "• "
_OWN_MARKER_CHARS = 8  # the start of an item that is read for its own marker


@lru_cache(maxsize=1)
def _ordinal_patterns() -> tuple[re.Pattern, ...]:
    from ..ruleset import load_ruleset  # the list finder's own vocabulary (rules/ordinals.regex.jsonl)

    return tuple(r.pattern for r in load_ruleset().regex("ordinals"))


def _writes_own_marker(item: Node) -> bool:
    """Whether an item starts with a marker the list finder reads (1、 （一） 一是 ⑴ ✅ …), in the matching view."""
    start = matching_view(_text_start(item, _OWN_MARKER_CHARS).lstrip())
    return any(p.match(start) for p in _ordinal_patterns())


def _item_markers(lst: Node) -> dict[int, str]:
    """The marker each <li> of a list is written with (1. 2. … in an <ol>, a bullet in a <ul>), so that the list
    finder sees the list the page shows; an item that writes its own marker (1、…, 一是…) keeps only that."""
    out: dict[int, str] = {}
    try:
        n = int(lst.attrs.get("start", "1"))
    except ValueError:
        n = 1
    for item in _list_items(lst):
        if not _writes_own_marker(item):
            out[id(item)] = f"{n}. " if lst.tag == "ol" else BULLET
        n += 1
    return out


def _numbered_row(row: Node) -> tuple[int, list[Node | str]] | None:
    """(number, the row's other children) when a table row's first cell holds only a number (序号 1, 2, …) and
    other cells follow; None otherwise."""
    cells = [c for c in row.children if isinstance(c, Node) and c.tag in _CELL]
    if len(cells) < 2:
        return None
    number = row_number(_text_start(cells[0], 8))
    if number is None:
        return None
    return number, [c for c in row.children if c is not cells[0]]


def row_number(cell: str) -> int | None:
    """The number of a table row's first cell when the cell holds only a number (a 序号 column: 1, 12), else None."""
    cell = cell.strip()
    return int(cell) if cell.isdigit() and 0 < len(cell) <= 3 and cell.isascii() else None


def _text_start(node: Node, limit: int) -> str:
    """The text below ``node`` up to ``limit`` characters other than white space (an unclosed <li> holds every
    later item: its whole text would make a long list quadratic)."""
    out: list[str] = []
    size = 0
    stack: list[Node | str] = [node]
    while stack and size < limit:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            size += len(item.strip())
        elif item.tag not in SKIP_TAGS:
            stack.extend(reversed(item.children))
    return "".join(out)


def _list_items(lst: Node) -> list[Node]:
    """The <li> of a list, in order: its children, the items an unclosed <li> swallowed (<li>a<li>b parses as
    nested), items wrapped in other tags; not the items of a list nested in it."""
    out: list[Node] = []
    stack: list[Node | str] = list(reversed(lst.children))
    while stack:
        node = stack.pop()
        if isinstance(node, Node) and node.tag not in _LISTS:
            if node.tag == "li":
                out.append(node)
            stack.extend(reversed(node.children))
    return out


def _meta(root: Node) -> dict[str, str]:
    """title/date/author/url from <title>, <meta> (og:, article:, name=) and CEC <ReportTime>."""
    found: dict[str, str] = {}
    metas: dict[str, str] = {}
    for node in root.iter_nodes():
        if node.tag == "title" and "title" not in found:
            found["title"] = tidy_line(node.text())
        elif node.tag == "h1" and "h1" not in found:
            found["h1"] = tidy_line(node.text())
        elif node.tag in _CEC_DATE_TAGS and "date" not in found:
            found["date"] = tidy_line(node.text())
        elif node.tag == "meta":
            key = (node.attrs.get("property") or node.attrs.get("name") or node.attrs.get("itemprop") or "").lower()
            if key and node.attrs.get("content", "").strip():
                metas.setdefault(key, node.attrs["content"].strip())
        elif node.tag == "link" and node.attrs.get("rel", "").lower() == "canonical":
            metas.setdefault("canonical", node.attrs.get("href", ""))
    title = metas.get("og:title") or found.get("title", "")
    h1 = found.get("h1", "")
    if h1 and (not title or title.startswith(h1)):  # "<h1> - site name" titles: the h1 is the headline
        title = h1
    date = next((metas[k] for k in _DATE_META if metas.get(k)), found.get("date", ""))
    author = metas.get("author") or metas.get("article:author", "")
    url = metas.get("og:url") or metas.get("canonical", "")
    return {"title": title, "date": date, "author": author, "url": url}


def html_to_text(markup: str, *, main_content: bool = False, keep_newlines: bool = False) -> HtmlText:
    """Convert markup to text (one paragraph or list item per line) plus title/date/author/url.

    ``main_content``: full web page, keep only the article element and drop chrome by class/id and link lists.
    ``keep_newlines``: the markup is HTML inside Markdown/plain text, where a newline in the text is a line break.
    """
    root = parse_html(markup)
    meta = _meta(root)
    if main_content:
        start, stats = find_main(root)
    else:
        start, stats = root, None
    text = _render(start, main_content, keep_newlines, stats)
    if main_content and not text.strip():  # chrome rules removed everything: fall back to the whole page
        text = _render(root, False, keep_newlines, stats)
    if not meta["date"]:
        m = _DATE_IN_TEXT.search(text[:1000])
        if m:
            meta["date"] = m.group(1)
    return HtmlText(text=text, **meta)
