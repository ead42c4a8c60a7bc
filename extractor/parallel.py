"""Records for many documents, in input order, from one process or several.

Workers return plain record dicts (not spaCy Docs: pickling Docs back costs more than it saves), each worker
loads the rules and the segmentation model once, and results are yielded as they arrive in input order, so
memory stays flat however large the corpus is.
"""
from __future__ import annotations

from typing import Iterator

from .load import Source, iter_sources, load_source
from .pipeline import Options, extract_loaded


def _extract_source(src: Source, options: Options) -> list[dict]:
    return [extract_loaded(doc, options).as_dict(with_text=options.with_text)
            for doc in load_source(src, max_bytes=options.max_bytes)]


def _work(args: tuple[Source, Options]) -> list[dict]:
    return _extract_source(*args)


def iter_records(paths: list[str], options: Options, jobs: int = 1, progress: bool = False) -> Iterator[dict]:
    """Yield one record per document under ``paths`` (stable order, identical for any ``jobs``)."""
    sources = list(iter_sources(paths))
    bar = _progress(len(sources)) if progress and len(sources) > 5 else None
    try:
        if jobs <= 1:
            for src in sources:
                recs = _extract_source(src, options) if isinstance(src, Source) else [
                    extract_loaded(src, options).as_dict(with_text=options.with_text)]
                if bar:
                    bar[0].advance(bar[1])
                yield from recs
            return
        import multiprocessing as mp

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        ready = [src for src in sources if not isinstance(src, Source)]
        for doc in ready:
            yield extract_loaded(doc, options).as_dict(with_text=options.with_text)
        work = [(src, options) for src in sources if isinstance(src, Source)]
        with ctx.Pool(jobs) as pool:
            for recs in pool.imap(_work, work, chunksize=4):
                if bar:
                    bar[0].advance(bar[1])
                yield from recs
    finally:
        if bar:
            bar[0].stop()


def _progress(total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
    from rich.console import Console

    prog = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True)
    prog.start()
    return prog, prog.add_task("extracting", total=total)
