"""Loading: one source (a file or stdin) to documents of plain text with their metadata; bad input becomes a
document with an error.

``load_source`` reads, decodes and converts one source and never raises: each problem is a one-line message
naming the file (``corpus/a.md: malformed front matter: ...``). Which paths become sources is load/paths.py's
job (``iter_sources``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..errors import InputError
from .decode import code_point_warning, decode_bytes, normalize_newlines, repair_code_points
from .files import read_bytes, size_text
from .frontmatter import FrontMatterError, split_front_matter
from .html_text import html_to_text, looks_like_markup
from .feeds import parse_feed
from .json_docs import JsonRecord, parse_json, parse_jsonl
from .markdown_text import markdown_to_text

FORMATS = {".txt": "txt", ".text": "txt", ".md": "markdown", ".markdown": "markdown", ".html": "html",
           ".htm": "html", ".xhtml": "html", ".json": "json", ".jsonl": "jsonl"}
# read as markup when the content has tags (server pages and XML), as plain text otherwise
MARKUP_EXTENSIONS = frozenset((".jsp", ".xml", ".shtml", ".php", ".asp", ".aspx"))
SUPPORTED = frozenset(FORMATS) | MARKUP_EXTENSIONS
LONG_LINE = 2_000_000  # bytes of UTF-8 in one line without a break
# not documents when met inside a folder (a file given by name is always read): the project's own gold
# annotations next to the texts, and folder read-me/licence files
_NOT_DOCUMENTS = re.compile(r"(?:.*\.gold\.json|(?:readme|license|licence|changelog)(?:\.\w+)?)$", re.I)
_PUBLIC = {"txt": "txt", "markdown": "markdown", "html": "html", "json": "json", "jsonl": "json", "auto": "txt",
           "markup": "html"}


@dataclass
class Source:
    """One input to read: ``doc_id`` is stable and unique in a run (path relative to the given root, the file
    name for a file given directly, "-" for stdin); ``path`` is the path to show (valid UTF-8), ``fs_path`` the
    path to open when it differs (a name that is not UTF-8), and ``path_hex`` then its bytes in hex."""

    doc_id: str
    path: str
    fs_path: str = ""
    path_hex: str = ""

    @property
    def open_path(self) -> str:
        return self.fs_path or self.path


@dataclass
class LoadedDoc:
    doc_id: str
    path: str
    format: str  # txt | markdown | html | json
    text: str = ""  # plain text, one paragraph or list item per line
    title: str = ""
    date: str = ""
    author: str = ""
    url: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    path_hex: str = ""  # the bytes of a path that is not UTF-8, in hex (load/names.py)
    skipped: bool = False  # not read on purpose (a repeat or a link loop); ``error`` says why


def _error_doc(doc_id: str, path: str, problem: str, fmt: str = "") -> LoadedDoc:
    return LoadedDoc(doc_id, path, fmt, error=str(InputError(path, problem)))


# Markdown's marks for an image, a link, a heading and bold: a page saved as Markdown under .txt has several, a
# plain text may open a line with '#' or bold a phrase once. Bracket text holds no '[' and bold no '*', so a search
# from one mark stops at the next: linear on a line of thousands of '[' (every .txt passes here).
_MD_SYNTAX = re.compile(r"!\[[^\[\]\n]*\]\(|\[[^\[\]\n]+\]\((?:https?:|/)|^#{1,6} +\S|\*\*\S[^*\n]*?\S\*\*",
                        re.M)
MIN_MD_SYNTAX = 2


def looks_like_markdown(text: str) -> bool:
    """A plain-text file that is a Markdown dump of a page (images, links, headings or bold in Markdown syntax)."""
    found = 0
    for _ in _MD_SYNTAX.finditer(text):
        found += 1
        if found >= MIN_MD_SYNTAX:
            return True
    return False


def _sniff(text: str) -> str:
    """Format of content without a telling extension (stdin, strings, unknown extensions)."""
    head = text.lstrip()[:1]
    if head in "{[":
        for fmt, parse in (("json", parse_json), ("jsonl", parse_jsonl)):
            recs = parse(text)
            if not any(r.error and r.error.startswith("malformed") for r in recs):
                return fmt
    if head == "-" and split_front_matter(text).found:
        return "auto"  # front matter first: _from_text keeps it and reads the body's own format
    if looks_like_markup(text):
        return "html"
    return "auto"


def _from_markup(doc: LoadedDoc, text: str) -> None:
    page = html_to_text(text, main_content=True)
    doc.format, doc.text = "html", page.text
    doc.title, doc.date, doc.author, doc.url = page.title, page.date, page.author, page.url


def _from_text(doc: LoadedDoc, text: str, markdown: bool, sniffed: bool = False) -> None:
    """Plain text or Markdown, with front matter detected by content (``sniffed``: the format was guessed from
    the content, so a body of markup after front matter is a page, not text with inline tags)."""
    fm = split_front_matter(text)
    if (fm.body.lstrip()[:15].lower().startswith(("<!doctype", "<html"))
            or sniffed and fm.found and looks_like_markup(fm.body)):
        _from_markup(doc, fm.body)
    else:
        body = markdown_to_text(fm.body, markdown=markdown or fm.found)
        doc.text, doc.title, doc.date = body.text, body.title, body.date
    meta = fm.meta
    doc.title = _first(meta, "title") or doc.title
    doc.date = _first(meta, "date", "pubDate", "published", "publishDate") or doc.date
    doc.author = _first(meta, "author", "authors", "author.name") or doc.author
    doc.url = _first(meta, "url", "link", "original_url", "permalink") or doc.url
    doc.categories = _listed(meta, "categories", "category")
    doc.tags = _listed(meta, "tags", "tag", "keywords")


def _first(meta: dict, *keys: str) -> str:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return value
    return ""


def _listed(meta: dict, *keys: str) -> list[str]:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, list):
            return [v for v in value if v]
        if value:
            return [v.strip() for v in value.split(",") if v.strip()]
    return []


def _from_records(src: Source, records: list[JsonRecord], fmt: str, encoding: str,
                  warnings: list[str]) -> list[LoadedDoc]:
    """One document per record (of a JSON list, a JSON Lines file or a feed; ``fmt`` their documents' format),
    its ``doc_id`` the file's and the record's key (#<n>, #<line> or #<id>)."""
    docs = []
    for rec in records:
        doc = LoadedDoc(src.doc_id + rec.key, src.path, fmt, encoding=encoding,
                        warnings=list(warnings) + rec.warnings)
        if rec.error:
            doc.error = str(InputError(src.path + rec.where, rec.error))
        else:
            f = rec.fields
            body = f["text"]
            if looks_like_markup(body):
                page = html_to_text(body, main_content=True)
                body = page.text
            else:
                body = markdown_to_text(body, markdown=False).text
            doc.text, doc.title, doc.date, doc.author, doc.url = body, f["title"], f["date"], f["author"], f["url"]
            doc.categories, doc.tags = f["categories"], f["tags"]
            _check_text(doc, src.path + rec.where)
        docs.append(doc)
    return docs


def _check_text(doc: LoadedDoc, where: str, empty_ok: bool = False) -> None:
    """A document with no text left is an error for a file; for a string (``empty_ok``) it is a warning, as an empty
    string is nothing to find rather than an error."""
    if not doc.text.strip():
        if empty_ok:
            doc.warnings.append("no text left after removing markup")
        else:
            doc.error = str(InputError(where, "no text left after removing markup"))
        return
    line = max(doc.text.split("\n"), key=len)
    # the limit is in UTF-8 bytes, as the message says (a 2 MB Chinese line has only ~700,000 characters)
    if len(line) * 4 > LONG_LINE and (size := len(line.encode("utf-8", "surrogatepass"))) > LONG_LINE:
        doc.warnings.append(f"very long line ({size_text(size)} without a line break)")


def load_source(src: Source, max_bytes: int = 20_000_000) -> list[LoadedDoc]:
    """Read one source into one document (several for JSON Lines / JSON lists); never raises for bad input."""
    docs = _load(src, max_bytes)
    for doc in docs:
        doc.path_hex = src.path_hex
    return docs


def _load(src: Source, max_bytes: int) -> list[LoadedDoc]:
    ext = os.path.splitext(src.path)[1].lower() if src.path != "-" else ""
    fmt = FORMATS.get(ext, "markup" if ext in MARKUP_EXTENSIONS else "")

    def convert() -> list[LoadedDoc]:
        decoded = decode_bytes(read_bytes(src.path, src.open_path, max_bytes), src.path)
        return _convert(src, decoded.text, fmt, ext, decoded.encoding, decoded.warnings)

    return _guarded(src, fmt, convert)


# extract_text's formats -> the loader's (the names of the file extensions they stand for)
TEXT_FORMATS = {"auto": "", "text": "txt", "markdown": "markdown", "html": "html", "json": "json"}


def load_text(text: str, doc_id: str = "-", fmt: str = "auto") -> list[LoadedDoc]:
    """Documents of a string, read as stdin is (``fmt="auto"``: JSON, JSON Lines, HTML, front matter and Markdown
    recognised by content) or as a file of that format (``"text"``, ``"markdown"``, ``"html"``, ``"json"``).

    Never raises for bad input (the document carries its error); ValueError for an unknown ``fmt``.
    """
    if fmt not in TEXT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(TEXT_FORMATS)}")
    src = Source(doc_id, doc_id)

    def convert() -> list[LoadedDoc]:
        repaired, n = repair_code_points(text)
        warnings = [code_point_warning(n)] if n else []
        if not repaired.strip():  # nothing to find, which is not an error for a string (stdin says "empty file")
            return [LoadedDoc(doc_id, doc_id, "txt", text=repaired, warnings=warnings)]
        return _convert(src, normalize_newlines(repaired), TEXT_FORMATS[fmt], "", "", warnings, sniffed=fmt == "auto",
                        empty_ok=True)

    return _guarded(src, TEXT_FORMATS[fmt], convert)


def _convert(src: Source, text: str, fmt: str, ext: str, encoding: str, warnings: list[str],
             sniffed: bool | None = None, empty_ok: bool = False) -> list[LoadedDoc]:
    """Decoded text of ``fmt`` ("" = unknown: sniffed from the content) to documents. ``sniffed``: read as stdin
    (plain text as Markdown); default: only for stdin itself. ``empty_ok``: a page or text with nothing left after
    its markup is removed is a warning, not an error (a string given to the API)."""
    sniffed = src.path == "-" if sniffed is None else sniffed
    if not fmt:
        fmt = _sniff(text)
    if fmt in ("json", "jsonl"):
        records = parse_jsonl(text) if fmt == "jsonl" else parse_json(text)
        return _from_records(src, records, "json", encoding, warnings)
    items = parse_feed(text) if fmt in ("html", "markup") else None
    if items is not None:  # an RSS or Atom feed: a document per item
        return _from_records(src, items, "html", encoding, warnings)
    doc = LoadedDoc(src.doc_id, src.path, fmt, encoding=encoding, warnings=list(warnings))
    if fmt == "html" or (fmt == "markup" and looks_like_markup(text)):
        _from_markup(doc, text)
    else:
        if fmt == "markup":
            doc.warnings.append(f"no markup found in a {ext} file: read as plain text")
        doc.format = {"markdown": "markdown", "auto": "txt", "markup": "txt"}.get(fmt, fmt)
        _from_text(doc, text, markdown=fmt == "markdown" or fmt == "auto" and sniffed
                   or fmt == "txt" and looks_like_markdown(text), sniffed=sniffed)
    _check_text(doc, src.path, empty_ok)
    return [doc]


def _guarded(src: Source, fmt: str, convert) -> list[LoadedDoc]:
    """``convert()``, with every problem turned into a document carrying its one-line error."""
    try:
        return convert()
    except InputError as err:
        return [LoadedDoc(src.doc_id, src.path, _PUBLIC.get(fmt, ""), error=str(err))]
    except FrontMatterError as err:
        return [LoadedDoc(src.doc_id, src.path, _PUBLIC.get(fmt, ""), error=str(InputError(src.path, str(err))))]
    except Exception as err:  # a converter bug must not stop the run: report it on this document only
        problem = f"could not be loaded ({type(err).__name__}: {err})".replace("\n", " ")
        return [LoadedDoc(src.doc_id, src.path, "", error=str(InputError(src.path, problem)))]
