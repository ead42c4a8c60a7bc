"""extractor: Chinese incident-response statements to tables of remediation measures.

Public API::

    import extractor
    rec = extractor.extract_text(text, doc_id="a.txt")          # one JSON-ready record (dict)
    rec = extractor.extract_text(page, format="html")            # auto (as stdin), text, markdown, html, json
    recs = extractor.extract_paths(["corpus/"])                  # iterator of records
    frames = extractor.to_frames(recs)                           # dict of pandas DataFrames
    extractor.report(recs, "report.html")                        # the HTML review report of the records
    extractor.display(rec)                                       # in Jupyter: the document view, inline
"""
from __future__ import annotations

__all__ = ["extract_text", "extract_paths", "to_frames", "report", "display", "Options", "load_ruleset", "InputError",
           "RuleError"]

from .errors import InputError, RuleError
from .ruleset import load_ruleset


def __getattr__(name: str):
    # The pipeline imports pandas/OpenCC; keep `import extractor` (and the rule loader) light until asked for.
    if name in ("extract_text", "extract_paths", "Options"):
        from . import run

        return getattr(run, name)
    if name == "to_frames":
        from .output import to_frames

        return to_frames
    if name == "report":
        from .output import write_report

        return write_report
    if name == "display":
        from .output import display

        return display
    raise AttributeError(name)
