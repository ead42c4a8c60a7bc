"""Output: records to tables (pandas, CSV, JSON Lines, Parquet), to a human-readable explanation, and to the HTML
review report (``report.py``; its document view alone, for Jupyter, is ``report_doc.display``)."""
from __future__ import annotations

from .explain import explain_record
from .export import COLUMNS, OUTPUT_TABLES, ROWS, TABLES, TableWriter, measure_rows, to_frames, write_jsonl_record
from .organizations import organization_rows
from .report import ReportWriter, write_report
from .report_doc import display

__all__ = [
    "explain_record", "COLUMNS", "OUTPUT_TABLES", "ROWS", "TABLES", "TableWriter", "measure_rows", "to_frames",
    "write_jsonl_record", "organization_rows", "ReportWriter", "write_report", "display",
]
