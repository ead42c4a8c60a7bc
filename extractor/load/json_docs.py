"""JSON and JSON Lines inputs: one record per object, text from ``text``, ``content`` or ``body``.

Returns plain ``JsonRecord`` values (the loader turns them into documents), so a malformed line or a record
without a text field becomes an error for that record only.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .decode import code_point_warning, repair_code_points

TEXT_FIELDS = ("text", "content", "body")


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


def read_record(obj, key: str, where: str) -> JsonRecord:
    """Validate one decoded JSON value and pick its fields."""
    if not isinstance(obj, dict):
        return JsonRecord(key, where, error=f"record is a JSON {type(obj).__name__}, not an object")
    text_key = next((k for k in TEXT_FIELDS if k in obj and obj[k] is not None), None)
    if text_key is None:
        return JsonRecord(key, where, error="no text field (expected text, content or body)")
    text = obj[text_key]
    if not isinstance(text, str):
        return JsonRecord(key, where, error=f"text field '{text_key}' is not a string")
    fields = {
        "text": text,
        "title": _as_str(obj.get("title")),
        "date": _as_str(obj.get("date") or obj.get("published") or obj.get("pubdate")),
        "author": _as_str(obj.get("author")),
        "url": _as_str(obj.get("url") or obj.get("link")),
        "categories": _as_list(obj.get("categories") or obj.get("category")),
        "tags": _as_list(obj.get("tags") or obj.get("keywords")),
        "id": _as_str(obj.get("id")),
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


def parse_json(text: str) -> list[JsonRecord]:
    """A single object (one document) or a list of objects (one document each, keyed '#<n>' or '#<id>')."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return [JsonRecord("", "", error=f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}")]
    if isinstance(data, dict):
        return [read_record(data, "", "")]
    if isinstance(data, list):
        if not data:
            return [JsonRecord("", "", error="JSON list holds no records")]
        return _keyed([read_record(obj, f"#{n}", f"[{n}]") for n, obj in enumerate(data, start=1)])
    return [JsonRecord("", "", error="JSON holds neither an object nor a list of objects")]
