"""Output: records to tables (pandas, CSV, JSON Lines, Parquet) and to a human-readable explanation."""
from __future__ import annotations

from .explain import explain_record
from .export import COLUMNS, ROWS, TABLES, TableWriter, measure_rows, to_frames, write_jsonl_record

__all__ = [
    "explain_record", "COLUMNS", "ROWS", "TABLES", "TableWriter", "measure_rows", "to_frames", "write_jsonl_record",
]
