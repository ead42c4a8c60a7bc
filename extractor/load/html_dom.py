"""A tolerant, minimal DOM built with the standard library's HTMLParser (no lxml needed).

Server-side code (JSP/ASP ``<% %>``, PHP ``<?php ?>``) is removed first, CDATA sections are unwrapped, and a
tag left unterminated by a broken converter (``<a href="https://x)`` followed by text) is cut at its line end
instead of swallowing what follows.
Every walk over the tree is iterative, so a deeply nested page cannot hit Python's recursion limit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SERVER_CODE = re.compile(r"<%.*?%>|<\?php.*?(?:\?>|$)", re.S | re.I)
_OPEN_TAG = re.compile(r"<[A-Za-z][^<>]*")



@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)
    parent: "Node | None" = None

    def iter_nodes(self):
        """Yield this node and every element below it, document order, without recursion."""
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def text(self) -> str:
        """All text below this node, concatenated (no layout)."""
        parts: list[str] = []
        stack: list[Node | str] = [self]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            else:
                stack.extend(reversed(item.children))
        return "".join(parts)


def drop_broken_tags(markup: str) -> str:
    """Drop tag openings that never reach '>' before the next '<' (only up to their line end)."""
    out: list[str] = []
    pos = 0
    for m in _OPEN_TAG.finditer(markup):
        end = m.end()
        if end < len(markup) and markup[end] == ">":
            continue
        line_end = markup.find("\n", m.start(), end)
        if line_end == -1:
            continue  # unterminated on one line at the very end: HTMLParser keeps it as text, harmless
        out.append(markup[pos:m.start()])
        pos = line_end
    out.append(markup[pos:])
    return "".join(out)


def unwrap_cdata(markup: str) -> str:
    """``markup`` with every CDATA section replaced by its content: XML pages and feeds hold their HTML in one, and
    HTMLParser drops a section whole. One pass (a section left open stays as written)."""
    if "<![CDATA[" not in markup:
        return markup
    out: list[str] = []
    pos = 0
    while (start := markup.find("<![CDATA[", pos)) >= 0 and (end := markup.find("]]>", start + 9)) >= 0:
        out += [markup[pos:start], markup[start + 9:end]]
        pos = end + 3
    out.append(markup[pos:])
    return "".join(out)


def strip_server_code(markup: str) -> str:
    """Remove JSP/ASP directives and scriptlets and PHP blocks."""
    return _SERVER_CODE.sub("", markup)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v or "") for k, v in attrs}, parent=self.stack[-1]))

    def handle_endtag(self, tag):
        # close up to the nearest open element of that name; a stray end tag is ignored
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(markup: str) -> Node:
    """Parse markup (HTML, XHTML, XML, JSP pages) into a Node tree rooted at ``#root``."""
    builder = _TreeBuilder()
    builder.feed(drop_broken_tags(strip_server_code(unwrap_cdata(markup))))
    builder.close()
    return builder.root
