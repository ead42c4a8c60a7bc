"""Load: paths, files and stdin to documents of plain text with their metadata (formats, encodings, HTML
main content); bad input becomes a document carrying its error."""
from __future__ import annotations

from .paths import iter_sources
from .sources import LoadedDoc, Source, load_source

__all__ = ["LoadedDoc", "Source", "iter_sources", "load_source"]
