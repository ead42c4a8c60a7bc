"""Output: records to tables (pandas, CSV, JSON Lines, Parquet, one fixed schema) and to a human-readable
explanation."""
from __future__ import annotations

from .explain import explain_record
from .export import ROWS, measure_rows, to_frames, write_jsonl_record
from .schema import COLUMNS, TABLES, arrow_schema, empty_frame, table_dtypes, typed_frame
from .writer import TableWriter, output_problem, writing

__all__ = [
    "explain_record", "COLUMNS", "ROWS", "TABLES", "TableWriter", "arrow_schema", "empty_frame", "measure_rows",
    "output_problem", "table_dtypes", "to_frames", "typed_frame", "write_jsonl_record", "writing",
]
