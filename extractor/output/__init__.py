"""Output: records to tables (pandas, CSV, JSON Lines, Parquet, one fixed schema), to a human-readable
explanation, and to the HTML review report (``report.py``; its document view alone, for Jupyter, is
``report_doc.display``)."""
from __future__ import annotations

from .explain import explain_record
from .export import ROWS, measure_rows, to_frames, write_jsonl_record
from .organizations import organization_rows
from .report import ReportWriter, write_report
from .report_doc import display
from .schema import COLUMNS, OUTPUT_TABLES, TABLES, arrow_schema, empty_frame, table_dtypes, typed_frame
from .writer import TableWriter, output_problem, writing

__all__ = [
    "explain_record", "COLUMNS", "OUTPUT_TABLES", "ROWS", "TABLES", "TableWriter", "arrow_schema", "empty_frame",
    "measure_rows", "output_problem", "table_dtypes", "to_frames", "typed_frame", "write_jsonl_record", "writing",
    "organization_rows", "ReportWriter", "write_report", "display",
]
