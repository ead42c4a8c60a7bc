"""Clean: loader text to the offset-mapped clean text every later floor reads (noise repair, boilerplate
spans, the Simplified matching view)."""
from __future__ import annotations

from .cleaner import CleanText, clean_text

__all__ = ["CleanText", "clean_text"]
