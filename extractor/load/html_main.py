"""Main-content selection for full web pages: find the element that holds the article, drop page chrome.

Measured against trafilatura on the dev pages (README "HTML main content"): this small extractor keeps every
paragraph and list item of the article, trafilatura occasionally drops short paragraphs. The method:
1. subtrees that are chrome by tag (nav, footer, aside, form, ...) or by class/id (menu, sidebar, breadcrumb,
   copyright, related, comment, share, ...) do not count;
2. from <body>, descend while one container child holds at least 70% of the remaining non-link text, but never
   into a paragraph-level element (so a dominant first paragraph does not cut off the list that follows);
3. inside the chosen element, blocks made mostly of links (related-article lists) are dropped at render time.
"""
from __future__ import annotations

import re

from .html_dom import Node

SKIP_TAGS = frozenset(
    "script style noscript template head nav footer header aside form select button iframe svg canvas "
    "c:param jsp:param c:set".split()
)
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|menu|footer|sidebar|side-bar|breadcrumb|crumb|copyright|related|recommend|"
    r"comment|share|advert|banner|toolbar|pager|pagination|login|subscribe|hotnews|friendlink|"
    r"links?(?:$|[\s_-]))",
    re.I,
)
_CONTAINERS = frozenset("body div section article main td tr tbody table center font span #root html".split())
_PROSE = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre ul ol".split())
_DOMINANT = 0.7


def is_chrome(node: Node) -> bool:
    """True for elements that are page furniture by tag, class or id (only used on full pages)."""
    if node.tag in SKIP_TAGS:
        return True
    hint = " ".join((node.attrs.get("class", ""), node.attrs.get("id", ""), node.attrs.get("role", "")))
    return bool(hint.strip()) and bool(_CHROME.search(hint))


class TextStats:
    """Per element (keyed by id()): non-space characters of text, of link text, and number of links below it."""

    def __init__(self) -> None:
        self.total: dict[int, int] = {}
        self.links: dict[int, int] = {}
        self.anchors: dict[int, int] = {}


def measure_text(root: Node, chrome: bool) -> TextStats:
    """Measure text and link text under every element not skipped (by tag, or as chrome when ``chrome``)."""
    stats = TextStats()
    total, links, anchors = stats.total, stats.links, stats.anchors
    order: list[Node] = []
    stack = [root]
    while stack:  # pre-order; skipped subtrees never enter ``order``
        node = stack.pop()
        if node is not root and (node.tag in SKIP_TAGS or (chrome and is_chrome(node))):
            continue
        order.append(node)
        stack.extend(c for c in node.children if isinstance(c, Node))
    for node in reversed(order):  # children before parents
        own = sum(len("".join(c.split())) for c in node.children if isinstance(c, str))
        t = own + sum(total.get(id(c), 0) for c in node.children if isinstance(c, Node))
        lk = own if node.tag == "a" else 0
        lk += sum(links.get(id(c), 0) for c in node.children if isinstance(c, Node))
        total[id(node)], links[id(node)] = t, min(lk, t)
        anchors[id(node)] = (node.tag == "a") + sum(anchors.get(id(c), 0) for c in node.children
                                                    if isinstance(c, Node))
    return stats


def find_main(root: Node) -> tuple[Node, TextStats]:
    """The element holding the article text of a full page (<body> when nothing stands out), and the stats."""
    stats = measure_text(root, chrome=True)
    total, links = stats.total, stats.links
    body = next((n for n in root.iter_nodes() if n.tag == "body"), root)
    node = body
    while True:
        own = total.get(id(node), 0) - links.get(id(node), 0)
        if own <= 0:
            return body, stats
        best = None
        prose_beside = False  # a paragraph or bare text next to the candidate: this level is the article
        for child in node.children:
            if isinstance(child, str):
                prose_beside = prose_beside or len("".join(child.split())) >= 10
            elif id(child) in total:
                score = total[id(child)] - links[id(child)]
                if score >= _DOMINANT * own and child.tag in _CONTAINERS:
                    best = child
                elif child.tag in _PROSE and score > 0:
                    prose_beside = True
        if best is None or prose_beside:
            return node, stats
        node = best


def is_link_block(node: Node, stats: TextStats) -> bool:
    """A list/div/table/paragraph whose text is mostly links: related articles, tag clouds, menus."""
    if node.tag not in ("ul", "ol", "div", "table", "p", "dl", "section"):
        return False
    t = stats.total.get(id(node), 0)
    return stats.anchors.get(id(node), 0) >= 3 and t > 0 and stats.links.get(id(node), 0) / t > 0.6
