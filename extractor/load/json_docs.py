"""JSON and JSON Lines inputs: one record per object, its text from the first text field it has.

The field names are those of the tools that write crawls and archives as JSON: ``text``, ``content``, ``body``
(most crawlers and CMS exports), ``maintext`` (news-please), ``raw_text`` (trafilatura), ``article``,
``fulltext``, ``正文``/``内容`` (Chinese crawlers), and the same for titles, dates, authors and links. A record
wrapped by its exporter (``{"_source": {...}}`` of a search-engine dump, ``{"data": {...}}`` of an API) is read
inside its wrapper, and a file holding its records in one list under a key (``{"articles": [...]}``,
``{"hits": {"hits": [...]}}``) as a list of records.

Returns plain ``JsonRecord`` values (the loader turns them into documents), so a malformed line or a record
without a text field becomes an error for that record only.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .decode import code_point_warning, repair_code_points

TEXT_FIELDS = ("text", "content", "body", "maintext", "main_text", "raw_text", "article", "article_text",
               "article_content", "fulltext", "full_text", "content_text", "html", "content_html", "正文", "内容")
TITLE_FIELDS = ("title", "headline", "标题")
DATE_FIELDS = ("date", "published", "pubdate", "date_publish", "publish_date", "publish_time", "published_at",
               "pub_time", "pubtime", "发布时间", "日期")
AUTHOR_FIELDS = ("author", "authors", "byline", "作者")
URL_FIELDS = ("url", "link", "source_url", "链接")
ID_FIELDS = ("id", "_id")
# An exporter's envelope around one record (a search engine's hit, an API's payload)
WRAPPERS = ("_source", "data", "item", "article", "doc", "document", "record", "fields")
# Keys under which a file holds its list of records
LIST_KEYS = ("items", "articles", "data", "records", "results", "docs", "documents", "hits", "list", "rows")
NO_TEXT = "no text field (expected text, content, body, maintext, raw_text, article, fulltext or 正文)"


@dataclass
class JsonRecord:
    key: str  # '#<line>' / '#<n>' / '#<id>'; '' for a .json file holding a single object
    where: str  # ':<line>' for messages ('' for a whole file)
    fields: dict = field(default_factory=dict)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def _repaired(fields: dict) -> tuple[dict, list[str]]:
    """The fields with lone surrogates (a JSON "\\ud800" escape) replaced, and the warning if there were any."""
    total = 0
    out = {}
    for key, value in fields.items():
        if isinstance(value, list):
            out[key] = []
            for v in value:
                fixed, n = repair_code_points(v)
                out[key].append(fixed)
                total += n
        else:
            out[key], n = repair_code_points(value)
            total += n
    return out, [code_point_warning(total)] if total else []


def _as_str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_str(v) for v in value)
    return str(value)


def _as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [_as_str(v) for v in value if _as_str(v)]
    return [s.strip() for s in str(value).split(",") if s.strip()]


def _value(value):
    """A field's value; WordPress's REST API writes its texts as ``{"rendered": "<p>…"}``."""
    if isinstance(value, dict) and isinstance(value.get("rendered"), str):
        return value["rendered"]
    return value


def _first(obj: dict, names: tuple[str, ...]):
    """The value of the first of ``names`` that ``obj`` holds and that is not empty (None when none is)."""
    return next((_value(obj[k]) for k in names if _value(obj.get(k)) not in (None, "", [])), None)


def _text_key(obj: dict) -> str | None:
    return next((k for k in TEXT_FIELDS if obj.get(k) is not None), None)


def _unwrapped(obj: dict) -> dict:
    """The record inside an exporter's envelope (``{"_source": {"content": …}, "_id": …}``), its fields first and
    the envelope's after them; ``obj`` itself when it has a text field or no envelope holds one."""
    if _text_key(obj) is not None and isinstance(_value(obj[_text_key(obj)]), str):
        return obj
    for key in WRAPPERS:
        inner = obj.get(key)
        if isinstance(inner, dict) and _text_key(inner) is not None:
            return {**{k: v for k, v in obj.items() if k != key}, **inner}
    return obj


def read_record(obj, key: str, where: str) -> JsonRecord:
    """Validate one decoded JSON value and pick its fields."""
    if not isinstance(obj, dict):
        return JsonRecord(key, where, error=f"record is a JSON {type(obj).__name__}, not an object")
    obj = _unwrapped(obj)
    text_key = _text_key(obj)
    if text_key is None:
        return JsonRecord(key, where, error=NO_TEXT)
    text = _value(obj[text_key])
    if isinstance(text, list) and text and all(isinstance(t, str) for t in text):
        text = "\n".join(text)  # an exporter's list of paragraphs
    if not isinstance(text, str):
        return JsonRecord(key, where, error=f"text field '{text_key}' is not a string")
    fields = {
        "text": text,
        "title": _as_str(_first(obj, TITLE_FIELDS)),
        "date": _as_str(_first(obj, DATE_FIELDS)),
        "author": _as_str(_first(obj, AUTHOR_FIELDS)),
        "url": _as_str(_first(obj, URL_FIELDS)),
        "categories": _as_list(obj.get("categories") or obj.get("category")),
        "tags": _as_list(obj.get("tags") or obj.get("keywords")),
        "id": _as_str(_first(obj, ID_FIELDS)),
    }
    fields, warnings = _repaired(fields)
    return JsonRecord(key, where, fields, warnings=warnings)


def _keyed(records: list[JsonRecord]) -> list[JsonRecord]:
    """Use '#<id>' as the key where a record has an id that is unique in the file and is not the line or
    position key of another record (an id "3" beside the record on line 3 would give two ids '#3')."""
    ids = [r.fields.get("id", "") for r in records]
    counts = Counter(ids)
    positions = {r.key for r in records}
    for r, rid in zip(records, ids):
        if rid and counts[rid] == 1 and r.key and (f"#{rid}" == r.key or f"#{rid}" not in positions):
            r.key = f"#{rid}"
    return records


def parse_jsonl(text: str) -> list[JsonRecord]:
    """One record per non-blank line; a malformed line is an error record named by its line number."""
    records = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            records.append(JsonRecord(f"#{n}", f":{n}", error=f"malformed JSON: {err.msg} (column {err.colno})"))
            continue
        records.append(read_record(obj, f"#{n}", f":{n}"))
    if not records:
        records.append(JsonRecord("", "", error="JSON Lines file holds no records"))
    return _keyed(records)


def _listed_records(data: dict) -> list | None:
    """The list of records a file holds under one key (``{"articles": [...]}``, an Elasticsearch dump's
    ``{"hits": {"hits": [...]}}``), when the object is no record itself; else None."""
    if _text_key(_unwrapped(data)) is not None:
        return None
    for key in LIST_KEYS:
        value = data.get(key)
        if isinstance(value, dict):  # {"hits": {"total": …, "hits": [...]}}
            value = value.get(key)
        # a list holding objects is the records (any other value in it becomes an error record, as in a list file)
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            return value
    return None


def parse_json(text: str) -> list[JsonRecord]:
    """A single object (one document) or a list of objects (one document each, keyed '#<n>' or '#<id>')."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [JsonRecord("", "", error=f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}")]
    if isinstance(data, dict):
        listed = _listed_records(data)
        if listed is None:
            return [read_record(data, "", "")]
        data = listed
    if isinstance(data, list):
        if not data:
            return [JsonRecord("", "", error="JSON list holds no records")]
        return _keyed([read_record(obj, f"#{n}", f"[{n}]") for n, obj in enumerate(data, start=1)])
    return [JsonRecord("", "", error="JSON holds neither an object nor a list of objects")]
