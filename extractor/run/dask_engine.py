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
from ..output import COLUMNS, ROWS, TABLES
from .pipeline import Options

if TYPE_CHECKING:
    import dask.dataframe as dd

SOURCES_PER_PARTITION = 64
_INT = {"index", "start", "end", "level", "list_id", "stated_count", "n_measures", "n_findings", "n_parties",
        "n_hotlines"}
_BOOL = {"is_statement", "apology", "listed", "count_ok"}
_FLOAT = {"statement_score"}
_clients: dict[str, object] = {}
_local = threading.local()  # per Dask worker thread: its supervised extraction process


def table_dtypes(table: str) -> dict[str, str]:
    """Column types of one table (nullable integers and booleans, strings), the same for every partition."""
    return {c: "Int64" if c in _INT else "boolean" if c in _BOOL else "float64" if c in _FLOAT else "string"
            for c in COLUMNS[table]}


def empty_frame(table: str) -> pd.DataFrame:
    """A frame with the columns and types of ``table`` and no rows (the ``meta`` of the Dask frames)."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in table_dtypes(table).items()})


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
    return {t: pd.DataFrame(rows[t], columns=COLUMNS[t]).astype(table_dtypes(t)) if rows[t] else empty_frame(t)
            for t in TABLES}


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


def write_parquet(frames: dict[str, "dd.DataFrame"], out_dir: str | Path) -> list[Path]:
    """Write every table as partitioned Parquet, ``out_dir/<table>/part.N.parquet``, in one computation."""
    import dask

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    writes = [frames[t].to_parquet(str(out / t), write_index=False, compute=False, overwrite=True) for t in TABLES]
    dask.compute(*writes)
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
