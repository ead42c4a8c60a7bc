"""One source to its records, under the per-document time limit: loading counts, not only extraction.

``run_source`` is the unit of work of every engine (this process, worker processes, Dask tasks): it loads a
source and extracts each of its documents, announcing the documents' ids once they are known, so that a
supervisor that has to stop a stuck worker knows which document was stuck and where to resume. Limits: a
file's reading, decoding and conversion count toward its first document's ``Options.timeout``; each further
document of the same file (JSON Lines records) has a limit of its own.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Iterator

from ..load import LoadedDoc, Source, load_source
from ..records import DocumentRecord
from ..ruleset import load_ruleset
from .pipeline import Options, extract_loaded
from .timelimit import TimeLimitExceeded, time_limit

DocIds = list[tuple[str, str, str]]  # (doc_id, path, path_hex) of a source's documents


def timeout_message(path: str, seconds: float | None) -> str:
    """The error of a document that overran its limit (the same words wherever the limit was enforced)."""
    return f"{path}: time limit of {seconds or 0:g} s exceeded; raise it with --timeout"


def error_record(doc_id: str, path: str, path_hex: str, error: str, options: Options) -> dict:
    """The record of a document that produced nothing but an error (overran its limit, its worker died)."""
    rec = DocumentRecord(doc_id=doc_id, path=path, path_hex=path_hex, status="error", error=error)
    return rec.as_dict(with_text=options.with_text)


def extract_document(doc: LoadedDoc, options: Options) -> dict:
    """The JSON-ready record of one loaded document: ``extract_loaded`` plus what the loader knows of the path
    (the raw bytes of a name that is not UTF-8; ``status="skipped"`` for a path not read on purpose)."""
    rec = extract_loaded(doc, options, load_ruleset(options.rules)).as_dict(with_text=options.with_text)
    rec["path_hex"] = doc.path_hex
    if doc.skipped:
        rec["status"] = "skipped"
    return rec


def warm_up(options: Options) -> None:
    """Load the rules and the decision model and extract one tiny document, so that a fresh worker's first real
    document is not charged with imports and loading (the segmentation model still loads on first need)."""
    load_ruleset(options.rules)
    doc = LoadedDoc("warm-up", "warm-up", "txt", text="公司对此深表歉意。\n一是全面退还相关费用。")
    extract_document(doc, replace(options, segmenter="none", timeout=None))


def run_source(src: Source | LoadedDoc, options: Options, skip: int = 0) -> Iterator[tuple[str, object]]:
    """Load ``src`` and extract its documents from the ``skip``-th on.

    Yields ``("loaded", DocIds)`` once, then ``("record", dict)`` per document, in order. Never raises for a
    bad or slow document: one that overruns its limit (here, where SIGALRM works) becomes an error record.
    """
    started = time.monotonic()
    if isinstance(src, LoadedDoc):
        docs = [src]
    else:
        try:
            with time_limit(options.timeout, started):
                docs = load_source(src, max_bytes=options.max_bytes)
        except TimeLimitExceeded:
            yield "loaded", [(src.doc_id, src.path, src.path_hex)]
            yield "record", error_record(src.doc_id, src.path, src.path_hex,
                                         timeout_message(src.path, options.timeout), options)
            return
    yield "loaded", [(d.doc_id, d.path, d.path_hex) for d in docs]
    for i, doc in enumerate(docs[skip:], skip):
        try:
            with time_limit(options.timeout, started if i == 0 else None):
                rec = extract_document(doc, options)
        except TimeLimitExceeded:  # ran out outside the pipeline's own limit (before or after extraction)
            rec = error_record(doc.doc_id, doc.path, doc.path_hex, timeout_message(doc.path, options.timeout),
                               options)
        yield "record", rec


def extract_source(src: Source | LoadedDoc, options: Options) -> list[dict]:
    """Records of one source in this process (an error document from ``iter_sources`` gives its error record)."""
    return [rec for kind, rec in run_source(src, options) if kind == "record"]
