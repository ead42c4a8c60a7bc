"""YAML front matter (Jekyll, Hexo, Hugo, Pandoc): a tiny safe parser that keeps every value a string.

Front matter is recognised by content, not by extension (``.txt`` files in the corpus hold it too): the first
non-blank line is ``---`` and the lines after it look like ``key: value``. Full YAML is not needed and would
turn ``010`` into 8 and dates into objects; this parser handles scalars (plain, quoted, ``|``/``>`` blocks,
folded continuation lines), block lists (``- item``), flow lists (``[a, b]``) and one level of nesting
(flattened as ``parent.child``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^---\s*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)\s*$")
_KEY = re.compile(r"^(?P<indent>\s*)(?P<key>[A-Za-z_][\w.-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_ITEM = re.compile(r"^\s*-\s+(?P<value>.*?)\s*$|^\s*-\s*$")
MAX_HEADER_LINES = 60  # an opening '---' with no closing line within this many lines is malformed


class FrontMatterError(ValueError):
    """The text opens a front matter block that never closes."""


@dataclass
class FrontMatter:
    meta: dict[str, str | list[str]] = field(default_factory=dict)
    body: str = ""
    found: bool = False


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        inner = value[1:-1]
        return re.sub(r'\\(["\\/nt]|u[0-9a-fA-F]{4})', _unescape, inner)
    return value


def _unescape(m: re.Match) -> str:
    esc = m.group(1)
    if esc[0] == "u":
        return chr(int(esc[1:], 16))
    return {"n": "\n", "t": "\t"}.get(esc, esc)


def _split_flow(value: str) -> list[str]:
    """'[a, "b, c"]' -> ['a', 'b, c']."""
    parts = re.findall(r'\s*("(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[^,]+)', value.strip()[1:-1])
    return [_unquote(p) for p in parts if p.strip()]


def _is_yaml_line(line: str) -> bool:
    s = line.strip()
    return not s or s.startswith("#") or bool(_KEY.match(line)) or bool(_ITEM.match(line)) or line[:1] in " \t"


def parse_yaml_block(lines: list[str]) -> dict[str, str | list[str]]:
    """Parse the lines between the fences into str / list[str] values (never ints, dates or booleans)."""
    meta: dict[str, str | list[str]] = {}
    key = parent = None
    block: str | None = None  # '|' or '>' while reading a block scalar
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            if block == "|" and key:
                meta[key] = f"{meta[key]}\n" if meta[key] else ""
            continue
        indented = line[:1] in " \t"
        if block and indented and key:
            sep = "\n" if block == "|" else " "
            meta[key] = f"{meta[key]}{sep}{line.strip()}" if meta[key] else line.strip()
            continue
        block = None
        item = _ITEM.match(line)
        m = _KEY.match(line)
        if item and key is not None:
            cur = meta.get(key)
            values = cur if isinstance(cur, list) else ([cur] if cur else [])
            values.append(_unquote(item.group("value") or ""))
            meta[key] = values
        elif m and not (indented and parent is None and key is not None and meta.get(key)):
            value = m.group("value") or ""
            name = m.group("key")
            if indented and parent:
                name = f"{parent}.{name}"
            else:
                parent = name if not value else None
            key = name
            if value in ("|", ">", "|-", ">-", "|+", ">+"):
                block, meta[key] = value[0], ""
            elif value.startswith("[") and value.endswith("]"):
                meta[key] = _split_flow(value)
            else:
                meta[key] = _unquote(value)
        elif key is not None and isinstance(meta.get(key), str):
            meta[key] = f"{meta[key]} {line.strip()}".strip()  # folded continuation of a plain scalar
    return meta


def split_front_matter(text: str) -> FrontMatter:
    """Split ``text`` into front matter values and body; raise FrontMatterError when the block never closes.

    A leading ``---`` followed by something that is not ``key: value`` is a Markdown rule, not front matter.
    """
    lines = text.split("\n")
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or not _FENCE.match(lines[first]):
        return FrontMatter(body=text)
    nxt = next((ln for ln in lines[first + 1:first + 6] if ln.strip()), "")
    if not _KEY.match(nxt):
        return FrontMatter(body=text)
    for j in range(first + 1, len(lines)):
        if _CLOSE.match(lines[j]):
            return FrontMatter(parse_yaml_block(lines[first + 1:j]), "\n".join(lines[j + 1:]), True)
        if j - first > MAX_HEADER_LINES and not _is_yaml_line(lines[j]):
            break
    raise FrontMatterError("malformed front matter: no closing '---'")
