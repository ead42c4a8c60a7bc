"""Records for many documents, in input order, from one process or several.

Workers return plain record dicts (not spaCy Docs: measured, ``nlp.pipe(n_process=2)`` returning Docs was
slower than one process, because pickling Docs back costs more than the segmentation saves). Each worker
reads and extracts whole sources (a file, or a JSON Lines file with its records), so no document text
crosses a process boundary on the way in. Rules are loaded in the parent before the workers start (forked
workers share them); the segmentation model is loaded once per process on first use, or in the parent
before the fork (the default with several workers), so the workers share its pages.

Output is streamed and ordered: at most ``jobs * WINDOW`` tasks of up to ``MAX_CHUNK`` sources are in flight, and records are yielded in
input order as soon as their turn comes, so memory stays flat however large the corpus and the records are
the same as a single-process run's.
"""
from __future__ import annotations

from collections import deque
from typing import Iterator

from ..load import LoadedDoc, Source, iter_sources, load_source
from ..ruleset import load_ruleset
from .pipeline import Options, extract_loaded

WINDOW = 8  # tasks in flight per worker: enough to hide the slow ones, few enough to keep memory flat
MAX_CHUNK = 16  # sources per task at most


def extract_source(src: Source | LoadedDoc, options: Options) -> list[dict]:
    """Records of one source (an error document from ``iter_sources`` gives its error record)."""
    rs = load_ruleset(options.rules)
    docs = load_source(src, max_bytes=options.max_bytes) if isinstance(src, Source) else [src]
    return [extract_loaded(doc, options, rs).as_dict(with_text=options.with_text) for doc in docs]


def _work(args: tuple[list, Options]) -> list[dict]:
    sources, options = args
    return [rec for src in sources for rec in extract_source(src, options)]


def preload_model(options: Options) -> None:
    """Load the segmentation model now (in the parent, before forking workers that share its pages)."""
    if options.segmenter != "none":
        from ..structure import get_nlp

        get_nlp(options.segmenter)


def iter_records(paths: list[str], options: Options, jobs: int = 1, progress: bool = False,
                 preload: bool | None = None) -> Iterator[dict]:
    """Yield one record per document under ``paths`` (stable order, identical for any ``jobs``).

    ``preload``: load the segmentation model in the parent before forking (None: whenever several workers
    run with a segmenter). Measured (docs/benchmarks.md): workers then share the model's pages and start
    faster than when each loads its own copy.
    """
    sources = list(iter_sources(paths))
    bar = _progress(len(sources)) if progress and len(sources) > 5 else None
    jobs = max(1, min(jobs, len(sources)))
    try:
        if jobs == 1 or any(isinstance(s, Source) and s.path == "-" for s in sources):
            # stdin can only be read by this process
            for src in sources:
                yield from extract_source(src, options)
                if bar:
                    bar[0].advance(bar[1])
            return
        yield from _iter_pool(sources, options, jobs, preload, bar)
    finally:
        if bar:
            bar[0].stop()


def _iter_pool(sources: list, options: Options, jobs: int, preload: bool, bar) -> Iterator[dict]:
    import multiprocessing as mp

    load_ruleset(options.rules)  # compiled once here; forked workers inherit it
    if preload or (preload is None and options.segmenter != "none"):
        preload_model(options)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    # Several small files per task: one round trip per file costs more than extracting a short non-statement.
    size = max(1, min(MAX_CHUNK, len(sources) // (jobs * WINDOW * 4)))
    chunks = (sources[i:i + size] for i in range(0, len(sources), size))
    pending: deque = deque()
    with ctx.Pool(jobs) as pool:
        while True:
            while len(pending) < jobs * WINDOW:
                chunk = next(chunks, None)
                if chunk is None:
                    break
                pending.append((len(chunk), pool.apply_async(_work, ((chunk, options),))))
            if not pending:
                break
            n, result = pending.popleft()
            yield from result.get()
            if bar:
                bar[0].advance(bar[1], n)


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    prog = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    prog.start()
    return prog, prog.add_task("extracting", total=total)
