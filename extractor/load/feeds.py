"""RSS and Atom feeds: one document per ``<item>`` / ``<entry>``, as a JSON list is one per object.

Crawlers save feeds as they find them; read as one page, a feed ran every item's statement together (and its HTML,
held in CDATA sections, was dropped). Items are flat and never nested, so each is cut out of the markup and its
fields read with the same names the JSON loader fills: the text from ``content:encoded``, ``content``,
``description`` or ``summary`` (HTML, in a CDATA section or entity-escaped), the title, the link (an Atom link's
``href``), the date (``pubDate``, ``published``, ``updated``, ``dc:date``).
"""
from __future__ import annotations

import html
import re

from .html_dom import unwrap_cdata
from .json_docs import JsonRecord

_FEED_ROOT = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?xml-stylesheet[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b",
                        re.S | re.I)
_ITEM_OPEN = re.compile(r"<(?:item|entry)\b[^>]*>", re.I)
_ITEM_CLOSE = re.compile(r"</(?:item|entry)\s*>", re.I)
_TEXT_TAGS = ("content:encoded", "content", "description", "summary")
_DATE_TAGS = ("pubDate", "published", "updated", "dc:date")


def _element(item: str, tag: str) -> str | None:
    """The content of the first ``<tag>`` of an item, CDATA unwrapped or entities decoded; None when absent."""
    m = re.search(rf"<{re.escape(tag)}\b[^>]*?(?<!/)>(.*?)</{re.escape(tag)}\s*>", item, re.S | re.I)
    if m is None:
        return None
    value = m.group(1)
    return unwrap_cdata(value) if "<![CDATA[" in value else html.unescape(value)


def _link(item: str) -> str:
    link = _element(item, "link")
    if link and link.strip():
        return link.strip()
    m = re.search(r"<link\b[^>]*\bhref=[\"']([^\"']+)[\"']", item, re.I)  # Atom: <link href="…"/>
    return html.unescape(m.group(1)) if m else ""


def _items(markup: str) -> list[str]:
    """The inside of every item, each ending at its closing tag or at the next item's opening (an item left open
    ends there): every character is scanned a bounded number of times, whatever the feed holds."""
    opens = list(_ITEM_OPEN.finditer(markup))
    out = []
    for k, m in enumerate(opens):
        limit = opens[k + 1].start() if k + 1 < len(opens) else len(markup)
        close = _ITEM_CLOSE.search(markup, m.end(), limit)
        out.append(markup[m.end():close.start() if close else limit])
    return out


def parse_feed(markup: str) -> list[JsonRecord] | None:
    """The items of an RSS or Atom feed as records (keyed '#<n>'); None when ``markup`` is no feed."""
    if not _FEED_ROOT.match(markup[:4000]):
        return None
    records = []
    for n, item in enumerate(_items(markup), start=1):
        text = next((t for t in map(lambda tag: _element(item, tag), _TEXT_TAGS) if t and t.strip()), None)
        if text is None:
            records.append(JsonRecord(f"#{n}", f"[{n}]", error="feed item without a text (description, content)"))
            continue
        date = next((d.strip() for d in (_element(item, tag) for tag in _DATE_TAGS) if d and d.strip()), "")
        title = re.sub(r"<[^>]+>", "", _element(item, "title") or "").strip()
        records.append(JsonRecord(f"#{n}", f"[{n}]", {"text": text, "title": title, "date": date, "author": "",
                                                     "url": _link(item), "categories": [], "tags": [], "id": ""}))
    return records or None
