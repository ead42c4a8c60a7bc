"""The tables' columns and their types: one schema for CSV headers, pandas frames and Parquet, from every engine.

Types are pandas' nullable ones, fixed per column whatever the data holds: counts, offsets and ids ``Int64``,
flags ``boolean``, the statement score ``float64``, everything else ``string``. A table with no rows, or with a
column that is null in every row, still has these types, and the local engine's Parquet files and the Dask
engine's partitions share one Arrow schema (``arrow_schema``), so they read back identically.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = ("documents", "measures", "findings", "parties", "hotlines")

DOCUMENT_COLUMNS = [
    "doc_id", "path", "path_hex", "status", "error", "title", "date", "url", "format", "encoding", "script",
    "is_statement", "statement_score", "apology", "apology_text", "company", "branches", "incident",
    "stated_count", "count_ok", "n_measures", "n_findings", "n_parties", "n_hotlines", "warnings",
]
# Every other table ends with the document's path, so rows join to their document on doc_id or on path.
MEASURE_COLUMNS = [
    "doc_id", "index", "ordinal", "listed", "category", "text", "start", "end", "section", "headline",
    "status", "deadline", "deadline_iso", "cue_verbs", "parties", "hotlines", "level", "list_id", "rule",
    "category_rule", "status_rule", "path",
]
FINDING_COLUMNS = ["doc_id", "index", "ordinal", "listed", "text", "start", "end", "section", "level", "list_id",
                   "rule", "path"]
PARTY_COLUMNS = ["doc_id", "name", "text", "role", "penalty", "start", "end", "rule", "path"]
HOTLINE_COLUMNS = ["doc_id", "number", "normalized", "kind", "context", "start", "end", "rule", "path"]

COLUMNS = {"documents": DOCUMENT_COLUMNS, "measures": MEASURE_COLUMNS, "findings": FINDING_COLUMNS,
           "parties": PARTY_COLUMNS, "hotlines": HOTLINE_COLUMNS}

_INT = {"index", "start", "end", "level", "list_id", "stated_count", "n_measures", "n_findings", "n_parties",
        "n_hotlines"}
_BOOL = {"is_statement", "apology", "listed", "count_ok"}
_FLOAT = {"statement_score"}


def table_dtypes(table: str) -> dict[str, str]:
    """Column -> pandas dtype of ``table`` (nullable integers and booleans, strings), the same for every run."""
    return {c: "Int64" if c in _INT else "boolean" if c in _BOOL else "float64" if c in _FLOAT else "string"
            for c in COLUMNS[table]}


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with the columns and types of ``table`` and no rows (also the ``meta`` of the Dask frames)."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in table_dtypes(table).items()})


def typed_frame(rows: list[dict], table: str) -> pd.DataFrame:
    """The rows of ``table`` as a frame with the table's columns and types."""
    if not rows:
        return empty_frame(table)
    return pd.DataFrame(rows, columns=COLUMNS[table]).astype(table_dtypes(table))


def arrow_schema(table: str) -> "pa.Schema":
    """The Arrow schema every Parquet file of ``table`` is written with (pandas types kept in its metadata)."""
    import pyarrow as pa

    return pa.Schema.from_pandas(empty_frame(table), preserve_index=False)
