"""Output: records to tables (pandas, CSV, JSON Lines, Parquet) and to a human-readable explanation."""
from __future__ import annotations

from .explain import explain_record
from .export import COLUMNS, OUTPUT_TABLES, ROWS, TABLES, TableWriter, measure_rows, to_frames, write_jsonl_record
from .organizations import organization_rows

__all__ = [
    "explain_record", "COLUMNS", "OUTPUT_TABLES", "ROWS", "TABLES", "TableWriter", "measure_rows", "to_frames",
    "write_jsonl_record", "organization_rows",
]
