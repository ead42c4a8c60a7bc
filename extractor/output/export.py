"""Records -> tables: documents, measures, findings, parties, hotlines, one row set per record, and organizations,
across records (pandas, CSV, JSON Lines, Parquet)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

from .organizations import ORGANIZATION_COLUMNS, OrganizationIndex

if TYPE_CHECKING:  # pandas is imported where a frame is made, so that `extractor.output` stays light
    import pandas as pd

# Tables whose rows each record gives on its own (ROWS); the Dask engine writes these per partition.
TABLES = ("documents", "measures", "findings", "parties", "hotlines")
# Every table of `--out` and `to_frames`: organizations groups the statements of all records, so it is made once
# every record is in.
OUTPUT_TABLES = TABLES + ("organizations",)

DOCUMENT_COLUMNS = [
    "doc_id", "path", "status", "error", "title", "date", "url", "format", "encoding", "script",
    "is_statement", "statement_score", "apology", "apology_text", "company", "branches", "incident",
    "stated_count", "count_ok", "n_measures", "n_findings", "n_parties", "n_hotlines", "warnings",
]
MEASURE_COLUMNS = [
    "doc_id", "index", "ordinal", "listed", "category", "text", "start", "end", "section", "headline",
    "status", "deadline", "deadline_iso", "cue_verbs", "parties", "hotlines", "level", "list_id", "rule",
    "category_rule", "status_rule",
]
FINDING_COLUMNS = ["doc_id", "index", "ordinal", "listed", "text", "start", "end", "section", "level", "list_id",
                   "rule"]
PARTY_COLUMNS = ["doc_id", "name", "text", "role", "penalty", "start", "end", "rule"]
HOTLINE_COLUMNS = ["doc_id", "number", "normalized", "kind", "context", "start", "end", "rule"]


def _join(values: Iterable[str]) -> str:
    return "；".join(v for v in values if v)


def document_row(rec: dict) -> dict:
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
        row.update(doc_id=rec["doc_id"], deadline=dl.get("text", ""), deadline_iso=dl.get("iso") or "",
                   cue_verbs=_join(m.get("cue_verbs") or []),
                   parties=_join(f"{p['name']}({p['role']})" for p in m.get("parties") or []),
                   hotlines=_join(h["number"] for h in m.get("hotlines") or []))
        rows.append(row)
    return rows


def finding_rows(rec: dict) -> list[dict]:
    return [{**{k: f.get(k) for k in FINDING_COLUMNS}, "doc_id": rec["doc_id"]} for f in rec.get("findings") or []]


def party_rows(rec: dict) -> list[dict]:
    return [{**{k: p.get(k) for k in PARTY_COLUMNS}, "doc_id": rec["doc_id"]} for p in rec.get("parties") or []]


def hotline_rows(rec: dict) -> list[dict]:
    return [{**{k: h.get(k) for k in HOTLINE_COLUMNS}, "doc_id": rec["doc_id"]} for h in rec.get("hotlines") or []]


ROWS = {"documents": lambda r: [document_row(r)], "measures": measure_rows, "findings": finding_rows,
        "parties": party_rows, "hotlines": hotline_rows}
COLUMNS = {"documents": DOCUMENT_COLUMNS, "measures": MEASURE_COLUMNS, "findings": FINDING_COLUMNS,
           "parties": PARTY_COLUMNS, "hotlines": HOTLINE_COLUMNS, "organizations": ORGANIZATION_COLUMNS}
# organizations has empty measure columns on a statement without measures: nullable integers keep them integers.
_NULLABLE_INT = {"organizations": ("index", "start", "end")}


def _frame(table: str, rows: list[dict]) -> "pd.DataFrame":
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS[table])
    ints = _NULLABLE_INT.get(table, ())
    return frame.astype({c: "Int64" for c in ints}) if ints else frame


def _parquet_frame(table: str, rows: list[dict]) -> "pd.DataFrame":
    # Columns that may be empty in every row are typed string, or Parquet would type them by what this input
    # happened to hold (null, float).
    frame = _frame(table, rows)
    if table == "organizations":
        strings = [c for c in ORGANIZATION_COLUMNS if c not in ("statement", "n_statements", *_NULLABLE_INT[table])]
    else:
        strings = [c for c in ("error", "deadline_iso") if c in frame]
    return frame.astype({c: "string" for c in strings})


def to_frames(records: Iterable[dict]) -> dict[str, "pd.DataFrame"]:
    """One pandas DataFrame per table: documents, measures, findings, parties, hotlines and organizations
    (statements grouped by organization in date order, one row per measure)."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    orgs = OrganizationIndex()
    for rec in records:
        for table in TABLES:
            rows[table].extend(ROWS[table](rec))
        orgs.add(rec)
    rows["organizations"] = orgs.rows()
    return {t: _frame(t, rows[t]) for t in OUTPUT_TABLES}


def write_jsonl_record(rec: dict, fh: TextIO) -> None:
    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


class TableWriter:
    """Streams records into per-table files in ``out_dir`` (CSV and JSON Lines row by row; Parquet at close;
    organizations at close, as it groups the statements of every record)."""

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = ("csv",), excel: bool = False):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.formats = list(formats)
        self._csv = {}
        self._jsonl = {}
        self._parquet_rows: dict[str, list[dict]] = {t: [] for t in OUTPUT_TABLES}
        self._orgs = OrganizationIndex()
        import csv

        for table in OUTPUT_TABLES:
            if "csv" in self.formats:
                fh = open(self.out / f"{table}.csv", "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
                writer = csv.DictWriter(fh, fieldnames=COLUMNS[table])
                writer.writeheader()
                self._csv[table] = (fh, writer)
            if "jsonl" in self.formats:
                self._jsonl[table] = open(self.out / f"{table}.jsonl", "w", encoding="utf-8")

    def _write_rows(self, table: str, rows: list[dict]) -> None:
        if table in self._csv:
            self._csv[table][1].writerows(rows)
        if table in self._jsonl:
            for row in rows:
                self._jsonl[table].write(json.dumps(row, ensure_ascii=False) + "\n")
        if "parquet" in self.formats:
            self._parquet_rows[table].extend(rows)

    def write(self, rec: dict) -> None:
        for table in TABLES:
            self._write_rows(table, ROWS[table](rec))
        self._orgs.add(rec)

    def close(self) -> list[Path]:
        self._write_rows("organizations", self._orgs.rows())
        written = []
        for table in OUTPUT_TABLES:
            if table in self._csv:
                self._csv[table][0].close()
                written.append(self.out / f"{table}.csv")
            if table in self._jsonl:
                self._jsonl[table].close()
                written.append(self.out / f"{table}.jsonl")
            if "parquet" in self.formats:
                path = self.out / f"{table}.parquet"
                _parquet_frame(table, self._parquet_rows[table]).to_parquet(path, index=False)
                written.append(path)
        return written
