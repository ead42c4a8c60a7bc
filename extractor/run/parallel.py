"""Records for many documents, in input order, from this process or from supervised worker processes.

With a per-document time limit (the default) or several jobs, the sources run in worker processes under
run/supervisor.py: a document that overruns is stopped from outside even when its worker is stuck where no
signal reaches it, and its worker is replaced. Workers return plain record dicts (not spaCy Docs: measured,
``nlp.pipe(n_process=2)`` returning Docs was slower than one process, because pickling Docs back costs more
than the segmentation saves), and each reads its sources itself, so no document text crosses a process
boundary on the way in. Rules are loaded in the parent before the workers start (forked workers share them);
the segmentation model is loaded once per process on first use, or in the parent before the fork (the default
with several workers), so the workers share its pages.

Output is streamed and ordered: a bounded number of sources is in flight, and records are yielded in input
order as soon as their turn comes, so memory stays flat and the records are the same as a single-process run's.
Without a time limit and with one job, or when reading stdin, everything runs in this process.
"""
from __future__ import annotations

from typing import Iterator

from ..load import Source, iter_sources
from .documents import extract_source, warm_up
from .pipeline import Options

__all__ = ["extract_source", "iter_records", "preload_model"]


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
    stdin = any(isinstance(s, Source) and s.path == "-" for s in sources)
    try:
        if stdin or (jobs == 1 and not options.timeout):
            # stdin can only be read by this process; its limit is SIGALRM's (run/timelimit.py)
            for src in sources:
                yield from extract_source(src, options)
                if bar:
                    bar[0].advance(bar[1])
            return
        from .supervisor import Supervisor

        warm_up(options)  # rules compiled and modules imported once here; forked workers inherit them
        if preload or (preload is None and jobs > 1 and options.segmenter != "none"):
            preload_model(options)
        with Supervisor(options, jobs) as pool:
            for records in pool.run(sources):
                yield from records
                if bar:
                    bar[0].advance(bar[1])
    finally:
        if bar:
            bar[0].stop()


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    prog = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    prog.start()
    return prog, prog.add_task("extracting", total=total)
