"""Run the extractor on a Dask cluster: one lazy Dask DataFrame per table, written as partitioned Parquet.

The client lists the sources (``iter_sources``: cheap, no file is read) and cuts them into partitions of
``sources_per_partition``; each partition is one task that loads and extracts its sources on a worker and
returns one pandas frame per table, with fixed column types so that every partition matches the ``meta``.
The five tables share those tasks: computing them together extracts every document once.

Workers read the input files themselves, so the paths must be readable from every worker (a shared file
system, or a local cluster). The rules and the segmentation model are loaded once per worker process, on first
use, through the module-level caches of ruleset.py and structure/segmenter.py; every task on that worker reuses them.

    from extractor.run.dask_engine import extract_to_dask
    frames = extract_to_dask(["crawl/"], scheduler="tcp://10.0.0.5:8786")
    frames["measures"].to_parquet("out/measures")
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pandas as pd

from ..load import iter_sources
from ..output import ROWS, TABLES, arrow_schema, empty_frame, table_dtypes, typed_frame, writing
from .pipeline import Options

if TYPE_CHECKING:
    import dask.dataframe as dd

__all__ = ["extract_partition", "extract_to_dask", "write_parquet", "run_dask", "connect", "empty_frame",
           "table_dtypes"]

SOURCES_PER_PARTITION = 64
_clients: dict[str, object] = {}
_local = threading.local()  # per Dask worker thread: its supervised extraction process


def _supervisor(options: Options):
    """This thread's worker process (run/supervisor.py), kept for the next partitions with the same options.

    Dask runs tasks in threads, where no SIGALRM limit is possible, and its worker processes are daemons,
    which may not fork: a spawned worker under a supervisor enforces the limit, and is replaced when stuck.
    """
    from .supervisor import Supervisor

    sup = getattr(_local, "supervisor", None)
    if sup is None or sup.options != options:
        if sup is not None:
            sup.close()
        sup = _local.supervisor = Supervisor(options, jobs=1, method="spawn")
    return sup


def _partition_records(sources: list, options: Options) -> Iterator[dict]:
    if not options.timeout:
        from .documents import extract_source

        for src in sources:
            yield from extract_source(src, options)
        return
    for records in _supervisor(options).run(sources):
        yield from records


def extract_partition(sources: list, options: Options) -> dict[str, pd.DataFrame]:
    """Load and extract one partition of sources on a worker: one typed pandas frame per table.

    With a time limit (``Options.timeout``) the sources run in a supervised worker process of this Dask worker,
    so the limit covers loading and extraction and a stuck document costs only its limit.
    """
    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for rec in _partition_records(sources, options):
        for table in TABLES:
            rows[table].extend(ROWS[table](rec))
    return {t: typed_frame(rows[t], t) for t in TABLES}


def _pick(frames: dict[str, pd.DataFrame], table: str) -> pd.DataFrame:
    return frames[table]


def connect(scheduler: str | None):
    """A ``distributed.Client`` for ``scheduler`` (an address such as ``tcp://host:8786``), kept for reuse;
    None when no address is given (Dask's current default scheduler or client is used)."""
    if not scheduler:
        return None
    if scheduler not in _clients:
        from distributed import Client

        _clients[scheduler] = Client(scheduler)
    return _clients[scheduler]


def extract_to_dask(paths: list[str] | str, options: Options = Options(), scheduler: str | None = None,
                    sources_per_partition: int = SOURCES_PER_PARTITION) -> dict[str, "dd.DataFrame"]:
    """One lazy Dask DataFrame per table (documents, measures, findings, parties, hotlines).

    Nothing is extracted until the frames are computed or written; compute them together
    (``dask.compute(*frames.values())`` or :func:`write_parquet`) so every document is extracted once.
    """
    import dask
    import dask.dataframe as dd

    connect(scheduler)
    if isinstance(paths, str):
        paths = [paths]
    if "-" in paths:
        raise ValueError("the Dask engine reads files on the workers; stdin ('-') is not supported")
    sources = list(iter_sources(list(paths)))
    size = max(1, sources_per_partition)
    parts = [sources[i:i + size] for i in range(0, len(sources), size)] or [[]]
    extracted = [dask.delayed(extract_partition, pure=True)(part, options) for part in parts]
    return {t: dd.from_delayed([dask.delayed(_pick, pure=True)(e, t) for e in extracted], meta=empty_frame(t),
                               verify_meta=False)
            for t in TABLES}


def _part_name(i: int) -> str:
    # zero-padded, so that readers listing the files in name order read the partitions in input order
    return f"part.{i:06d}.parquet"


def write_parquet(frames: dict[str, "dd.DataFrame"], out_dir: str | Path) -> list[Path]:
    """Write every table as partitioned Parquet, ``out_dir/<table>/part.000000.parquet``, ..., in one computation.

    Every table is written with the fixed schema of output/schema.py (the local engine's), into
    ``<table>.part/`` first, and renamed to ``<table>/`` (replacing an earlier run's folder) only when all tables
    are written. Raises OutputError when the folder cannot be written.
    """
    import shutil

    import dask

    out = Path(out_dir)
    with writing(out):
        out.mkdir(parents=True, exist_ok=True)
    parts = {t: out / f"{t}.part" for t in TABLES}
    writes = [frames[t].to_parquet(str(parts[t]), write_index=False, compute=False, overwrite=True,
                                   schema=arrow_schema(t), name_function=_part_name) for t in TABLES]
    try:
        with writing(out):
            dask.compute(*writes)
        for t in TABLES:
            with writing(out / t):
                if (out / t).is_dir():
                    shutil.rmtree(out / t)
                parts[t].replace(out / t)
    except BaseException:
        for part in parts.values():
            shutil.rmtree(part, ignore_errors=True)
        raise
    return [out / t for t in TABLES]


def run_dask(paths: list[str], out_dir: str | Path, options: Options = Options(), scheduler: str | None = None,
             jobs: int = 1) -> list[str]:
    """The CLI's ``--engine dask``: extract to ``out_dir`` as Parquet; returns the errors of failed documents.

    Without ``scheduler`` a ``LocalCluster`` of ``jobs`` single-threaded worker processes runs the work.
    """
    cluster = client = None
    if not scheduler:
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                               dashboard_address=":0")
        client = Client(cluster)
    try:
        write_parquet(extract_to_dask(paths, options, scheduler=scheduler), out_dir)
    finally:
        if client is not None:
            client.close()
            cluster.close()
    docs = pd.read_parquet(Path(out_dir) / "documents", columns=["status", "error"])
    return [e for s, e in zip(docs["status"], docs["error"]) if s == "error"]
