"""Run: the pipeline that feeds each floor into the next, the pre-filter, worker processes, the Dask engine
(imported by module path, ``extractor.run.dask_engine``: it needs pandas and the optional dask extra) and the
per-document time limit with the worker supervisor."""
from __future__ import annotations

from .documents import extract_document, extract_source
from .parallel import iter_records
from .pipeline import Options, extract_clean, extract_loaded, extract_paths, extract_text, iter_loaded

__all__ = [
    "extract_document", "extract_source", "iter_records", "Options", "extract_clean", "extract_loaded", "extract_paths", "extract_text",
    "iter_loaded",
]
