"""Load: paths, files and stdin to documents of plain text with their metadata (formats, encodings, HTML
main content); bad input becomes a document carrying its error."""
from __future__ import annotations

from .paths import iter_sources
from .sources import TEXT_FORMATS, LoadedDoc, Source, load_source, load_text

__all__ = ["TEXT_FORMATS", "LoadedDoc", "Source", "iter_sources", "load_source", "load_text"]
