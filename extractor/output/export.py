"""Records -> tables: documents, measures, findings, parties, hotlines (pandas, CSV, JSON Lines, Parquet)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, TextIO

import pandas as pd

TABLES = ("documents", "measures", "findings", "parties", "hotlines")

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
           "parties": PARTY_COLUMNS, "hotlines": HOTLINE_COLUMNS}


def to_frames(records: Iterable[dict]) -> dict[str, pd.DataFrame]:
    """One pandas DataFrame per table (documents, measures, findings, parties, hotlines)."""
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for rec in records:
        for table in TABLES:
            rows[table].extend(ROWS[table](rec))
    return {t: pd.DataFrame(rows[t], columns=COLUMNS[t]) for t in TABLES}


def write_jsonl_record(rec: dict, fh: TextIO) -> None:
    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


class TableWriter:
    """Streams records into per-table files in ``out_dir`` (CSV and JSON Lines row by row; Parquet at close)."""

    def __init__(self, out_dir: str | Path, formats: Iterable[str] = ("csv",), excel: bool = False):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.formats = list(formats)
        self._csv = {}
        self._jsonl = {}
        self._parquet_rows: dict[str, list[dict]] = {t: [] for t in TABLES}
        import csv

        for table in TABLES:
            if "csv" in self.formats:
                fh = open(self.out / f"{table}.csv", "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
                writer = csv.DictWriter(fh, fieldnames=COLUMNS[table])
                writer.writeheader()
                self._csv[table] = (fh, writer)
            if "jsonl" in self.formats:
                self._jsonl[table] = open(self.out / f"{table}.jsonl", "w", encoding="utf-8")

    def write(self, rec: dict) -> None:
        for table in TABLES:
            rows = ROWS[table](rec)
            if table in self._csv:
                self._csv[table][1].writerows(rows)
            if table in self._jsonl:
                for row in rows:
                    self._jsonl[table].write(json.dumps(row, ensure_ascii=False) + "\n")
            if "parquet" in self.formats:
                self._parquet_rows[table].extend(rows)

    def close(self) -> list[Path]:
        written = []
        for table in TABLES:
            if table in self._csv:
                self._csv[table][0].close()
                written.append(self.out / f"{table}.csv")
            if table in self._jsonl:
                self._jsonl[table].close()
                written.append(self.out / f"{table}.jsonl")
            if "parquet" in self.formats:
                frame = pd.DataFrame(self._parquet_rows[table], columns=COLUMNS[table])
                path = self.out / f"{table}.parquet"
                frame.astype({c: "string" for c in ("error", "deadline_iso") if c in frame}).to_parquet(path, index=False)
                written.append(path)
        return written
