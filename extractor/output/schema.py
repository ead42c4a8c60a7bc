"""The tables' columns and their types: one schema for CSV headers, pandas frames and Parquet, from every engine.

Types are pandas' nullable ones, fixed per column whatever the data holds: counts, offsets and ids ``Int64``,
flags ``boolean``, the statement score ``float64``, everything else ``string``. A table with no rows, or with a
column that is null in every row, still has these types, and the local engine's Parquet files and the Dask
engine's partitions share one Arrow schema (``arrow_schema``), so they read back identically.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and pyarrow are imported where a frame or a schema is made: `extractor.output` stays light
    import pandas as pd
    import pyarrow as pa

# Tables whose rows each record gives on its own; the Dask engine writes these per partition.
TABLES = ("documents", "measures", "findings", "parties", "hotlines")
# Every table of `--out` and `to_frames`: organizations groups the statements of all records, so it is made once
# every record is in (output/organizations.py).
OUTPUT_TABLES = TABLES + ("organizations",)

DOCUMENT_COLUMNS = [
    "doc_id", "path", "path_hex", "status", "error", "title", "date", "date_source", "url", "format", "encoding", "script",
    "is_statement", "statement_score", "apology", "apology_text", "apology_score", "company", "company_score",
    "branches", "incident",
    "stated_count", "count_ok", "n_measures", "n_findings", "n_parties", "n_hotlines", "warnings",
]
# Every other table ends with the document's path, so rows join to their document on doc_id or on path.
MEASURE_COLUMNS = [
    "doc_id", "index", "ordinal", "listed", "category", "text", "start", "end", "section", "headline",
    "status", "deadline", "deadline_iso", "cue_verbs", "parties", "hotlines", "level", "list_id", "rule", "score",
    "category_rule", "category_score", "status_rule", "path",
]
FINDING_COLUMNS = ["doc_id", "index", "ordinal", "listed", "text", "start", "end", "section", "level", "list_id",
                   "rule", "score", "path"]
PARTY_COLUMNS = ["doc_id", "name", "text", "role", "penalty", "start", "end", "rule", "path"]
HOTLINE_COLUMNS = ["doc_id", "number", "normalized", "kind", "context", "start", "end", "rule", "score", "path"]
# One row per measure of each statement of each organization, statements in date order (organizations.py).
ORGANIZATION_COLUMNS = [
    "organization", "statement", "n_statements", "date", "doc_id", "title", "index", "ordinal", "category",
    "status", "deadline", "deadline_iso", "text", "start", "end", "done_later",
]

COLUMNS = {"documents": DOCUMENT_COLUMNS, "measures": MEASURE_COLUMNS, "findings": FINDING_COLUMNS,
           "parties": PARTY_COLUMNS, "hotlines": HOTLINE_COLUMNS, "organizations": ORGANIZATION_COLUMNS}

_INT = {"index", "start", "end", "level", "list_id", "stated_count", "n_measures", "n_findings", "n_parties",
        "n_hotlines", "statement", "n_statements"}
_BOOL = {"is_statement", "apology", "listed", "count_ok"}
_FLOAT = {"statement_score", "apology_score", "company_score", "score", "category_score"}


def table_dtypes(table: str) -> dict[str, str]:
    """Column -> pandas dtype of ``table`` (nullable integers and booleans, strings), the same for every run."""
    return {c: "Int64" if c in _INT else "boolean" if c in _BOOL else "float64" if c in _FLOAT else "string"
            for c in COLUMNS[table]}


def empty_frame(table: str) -> "pd.DataFrame":
    """A frame with the columns and types of ``table`` and no rows (also the ``meta`` of the Dask frames)."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in table_dtypes(table).items()})


def typed_frame(rows: list[dict], table: str) -> "pd.DataFrame":
    """The rows of ``table`` as a frame with the table's columns and types."""
    import pandas as pd

    if not rows:
        return empty_frame(table)
    return pd.DataFrame(rows, columns=COLUMNS[table]).astype(table_dtypes(table))


def arrow_schema(table: str) -> "pa.Schema":
    """The Arrow schema every Parquet file of ``table`` is written with (pandas types kept in its metadata)."""
    import pyarrow as pa

    return pa.Schema.from_pandas(empty_frame(table), preserve_index=False)
