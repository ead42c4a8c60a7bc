"""Records -> table rows: documents, measures, findings, parties, hotlines, and organizations across records
(and pandas frames of them).

Columns and types are in output/schema.py; writing the rows to files is output/writer.py's job.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Iterable, TextIO

from .organizations import OrganizationIndex
from .schema import (DOCUMENT_COLUMNS, FINDING_COLUMNS, HOTLINE_COLUMNS, MEASURE_COLUMNS, OUTPUT_TABLES,
                     PARTY_COLUMNS, TABLES, typed_frame)

if TYPE_CHECKING:  # pandas is imported where a frame is made
    import pandas as pd


def _join(values: Iterable[str]) -> str:
    return "；".join(v for v in values if v)


def document_row(rec: dict) -> dict:
    """The documents-table row of a record (lists joined, counts of each kind of value)."""
    row = {k: rec.get(k) for k in DOCUMENT_COLUMNS if k in rec}
    row["branches"] = _join(rec.get("branches") or [])
    row["warnings"] = " | ".join(rec.get("warnings") or [])
    row["n_measures"] = len(rec.get("measures") or [])
    row["n_findings"] = len(rec.get("findings") or [])
    row["n_parties"] = len(rec.get("parties") or [])
    row["n_hotlines"] = len(rec.get("hotlines") or [])
    return {k: row.get(k) for k in DOCUMENT_COLUMNS}


def measure_rows(rec: dict) -> list[dict]:
    rows = []
    for m in rec.get("measures") or []:
        dl = m.get("deadline") or {}
        row = {k: m.get(k) for k in MEASURE_COLUMNS}
        row.update(doc_id=rec["doc_id"], path=rec.get("path", ""), deadline=dl.get("text", ""),
                   deadline_iso=dl.get("iso") or "", cue_verbs=_join(m.get("cue_verbs") or []),
                   parties=_join(f"{p['name']}({p['role']})" for p in m.get("parties") or []),
                   hotlines=_join(h["number"] for h in m.get("hotlines") or []))
        rows.append(row)
    return rows


def _value_rows(rec: dict, key: str, columns: list[str]) -> list[dict]:
    return [{**{k: v.get(k) for k in columns}, "doc_id": rec["doc_id"], "path": rec.get("path", "")}
            for v in rec.get(key) or []]


def finding_rows(rec: dict) -> list[dict]:
    return _value_rows(rec, "findings", FINDING_COLUMNS)


def party_rows(rec: dict) -> list[dict]:
    return _value_rows(rec, "parties", PARTY_COLUMNS)


def hotline_rows(rec: dict) -> list[dict]:
    return _value_rows(rec, "hotlines", HOTLINE_COLUMNS)


ROWS = {"documents": lambda r: [document_row(r)], "measures": measure_rows, "findings": finding_rows,
        "parties": party_rows, "hotlines": hotline_rows}


def to_frames(records: Iterable[dict]) -> dict[str, "pd.DataFrame"]:
    """One pandas DataFrame per table (documents, measures, findings, parties, hotlines, and organizations: the
    statements grouped by organization in date order, one row per measure), typed as in Parquet."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    orgs = OrganizationIndex()
    for rec in records:
        for table in TABLES:
            rows[table].extend(ROWS[table](rec))
        orgs.add(rec)
    rows["organizations"] = orgs.rows()
    return {t: typed_frame(rows[t], t) for t in OUTPUT_TABLES}


def write_jsonl_record(rec: dict, fh: TextIO) -> None:
    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
