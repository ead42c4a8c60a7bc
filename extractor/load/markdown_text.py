"""Markdown (and plain-text) bodies to plain text, one paragraph or list item per line.

Handles what the corpus holds: feed dumps wrapped as a Python list of dicts
(``[{'type': 'text/html', ..., 'value': '...'}]``), literal ``\\u3000`` escapes, inline HTML (converted with
the same routine as whole pages), Hugo shortcodes, and Markdown syntax: heading marks, images, links (text
kept), emphasis, block quotes, rules, tables, code fences. List markers are content for the list finder:
numbered ones (``1.``) are kept, bullets (``-``, ``*``, ``+``) become ``•``, as HTML lists' do.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .html_dom import drop_broken_tags
from .html_text import BULLET, CELL_SEPARATOR, has_html, html_to_text, row_number, tidy_line

_FEED = re.compile(r"^\[\{'type':\s*'[^']*',.*?'value':\s*'", re.M)
_FEED_END = re.compile(r"'\s*\}\s*\]\s*$")
_U_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
# Bracket text holds no '[': a search from one '[' stops at the next, linear on a line of thousands of them.
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\((?:[^()\n]|\([^()\n]*\))*\)|!\[[^\[\]\n]*\]\[[^\[\]\n]*\]")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)|\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.M)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$", re.M)
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_EM = re.compile(r"(?<![A-Za-z0-9*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![A-Za-z0-9*])")  # Han is \w: not \b
_STRIKE = re.compile(r"~~(.+?)~~")
_CODE = re.compile(r"`([^`\n]+)`")
_FENCE = re.compile(r"^\s*(?:```|~~~).*$", re.M)
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+", re.M)
_BULLET = re.compile(r"^\s*[*+-]\s+(?=\S)", re.M)
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$", re.M)
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
_BACKSLASH = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>])")
_DATE_LINE = re.compile(r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?)\s*$")


@dataclass
class MarkdownText:
    text: str
    title: str = ""
    date: str = ""


def unwrap_feed(text: str) -> str:
    """Return the ``value`` of a Python-dict feed wrapper (kept in place of the wrapper), or the text as is."""
    m = _FEED.search(text)
    if not m:
        return text
    end = _FEED_END.search(text, m.end())
    value = text[m.end():end.start() if end else len(text)]
    value = value.replace("\\'", "'").replace("\\n", "\n").replace("\\\\", "\\")
    return text[:m.start()] + value


def decode_escapes(text: str) -> str:
    """Literal ``\\u3000``/``\\xa0`` escapes left by a bad export become the characters (spaces, CJK, punctuation
    only: a backslash-u in ordinary prose is left alone)."""

    def repl(m: re.Match) -> str:
        cp = int(m.group(1) or m.group(2), 16)
        ok = (0x3000 <= cp <= 0x303F or 0x4E00 <= cp <= 0x9FFF or 0xFF00 <= cp <= 0xFFEF or 0x2000 <= cp <= 0x206F
              or cp == 0xA0)
        return chr(cp) if ok else m.group(0)

    return _U_ESCAPE.sub(repl, text)


def _strip_table_row(line: str) -> str:
    """A table row as one line, its cells set apart as HTML tables' are (CELL_SEPARATOR: a space the cleaner keeps)
    and a row numbered in its first cell (a 序号 column) starting with that number as its marker."""
    if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
        cells = [c for c in (c.strip() for c in line.strip().strip("|").split("|")) if c]
        if len(cells) >= 2 and (number := row_number(cells[0])) is not None:
            return f"{number}. " + CELL_SEPARATOR.join(cells[1:])
        return CELL_SEPARATOR.join(cells)
    return line


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax, keeping the words (link text, emphasised text, heading text)."""
    text = _SHORTCODE.sub("", text)
    text = _FENCE.sub("", text)
    text = _TABLE_SEP.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub(BULLET, text)  # a bullet stays a list item's marker, written as the HTML lists' are
    text = _STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _EM.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _BACKSLASH.sub(r"\1", text)
    return "\n".join(_strip_table_row(line) for line in text.split("\n"))


def _head_title_date(text: str) -> tuple[str, str]:
    """'# title' as the first line and a bare date line right after it (CDT mirror headers)."""
    lines = [ln for ln in text.split("\n")[:8] if ln.strip()]
    title = date = ""
    if lines:
        m = _HEADING.match(lines[0])
        if m and lines[0].lstrip().startswith("# "):
            title = m.group(1).strip()
            if len(lines) > 1:
                d = _DATE_LINE.match(lines[1])
                date = d.group(1) if d else ""
    return title, date


def markdown_to_text(body: str, *, markdown: bool = True) -> MarkdownText:
    """Convert a Markdown (``markdown=True``) or plain-text body to plain text, one paragraph per line.

    HTML inside the body goes through ``html_to_text`` with newlines kept; Markdown syntax is stripped only for
    Markdown (a .txt file only when it is a Markdown dump: ``sources.looks_like_markdown``), so a plain .txt keeps
    a leading '#' or '*' as written.
    """
    body = drop_broken_tags(decode_escapes(unwrap_feed(body)))
    title, date = _head_title_date(body) if markdown else ("", "")
    if has_html(body):
        body = html_to_text(body, keep_newlines=True).text
    if markdown:
        body = strip_markdown(body)
    lines = (tidy_line(ln) for ln in body.split("\n"))
    return MarkdownText("\n".join(ln for ln in lines if ln), title, date)
