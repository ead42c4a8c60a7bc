"""The loop a worker process runs: tasks in, one message per step out (run/supervisor.py is the other side).

A worker first warms up (run/documents.py ``warm_up``) and says ``(None, "ready", None)``. Then it receives
lists of tasks ``(index, source, skip)`` and answers every step of every task as soon as it is done:
``(index, "loaded", doc ids)``, ``(index, "record", record)`` per document, ``(index, "done", None)`` (the
last record and the end in one ``(index, "last", record)`` message).
Answering per step is what lets the supervisor hold each document to its deadline and, when a worker has to be
stopped, resume the task after the stuck document.

Workers are forked from the parent where the platform allows it (they then share its loaded rules and model),
or started as ``python -m extractor.run.worker FD_IN FD_OUT`` (Windows, and inside Dask workers, which are
daemon processes and may not fork children through multiprocessing); the first message is then the Options.
"""
from __future__ import annotations

import signal
import sys
from multiprocessing.connection import Connection

from .documents import run_source, warm_up
from .pipeline import Options


def serve(conn: Connection, options: Options) -> None:
    """Run tasks from ``conn`` until it closes or sends None."""
    # Ctrl-C reaches the whole process group; the parent decides what happens to its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(options)
    conn.send((None, "ready", None))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for index, src, skip in batch:
            _run_task(conn, index, src, skip, options)


def _run_task(conn: Connection, index: int, src, skip: int, options: Options) -> None:
    """One task's messages, as few as the supervisor needs: the last record and the end of the task go in one
    ("last", record) message, and the ids of a file's documents only when they are not the file's own (JSON Lines
    records), for the supervisor to name and skip a stuck one. A plain file costs one message."""
    ended = False
    remaining = 0
    for kind, payload in run_source(src, options, skip):
        if kind == "loaded":
            remaining = len(payload) - skip
            if payload != [(src.doc_id, src.path, src.path_hex)]:
                conn.send((index, "loaded", payload))
            continue
        remaining -= 1
        ended = remaining == 0
        conn.send((index, "last" if ended else "record", payload))
    if not ended:  # no document was left to read
        conn.send((index, "done", None))


def main(argv: list[str] | None = None) -> None:
    """Entry point of a spawned worker: ``FD_IN FD_OUT`` are the pipe ends its parent passed on."""
    fd_in, fd_out = (int(a) for a in (argv or sys.argv[1:]))
    inbox, outbox = Connection(fd_in, writable=False), Connection(fd_out, readable=False)
    serve(_Duplex(inbox, outbox), inbox.recv())  # type: ignore[arg-type]


class _Duplex:
    """Two one-way pipe ends as the one connection ``serve`` reads from and writes to."""

    def __init__(self, inbox: Connection, outbox: Connection):
        self.recv, self.send = inbox.recv, outbox.send


if __name__ == "__main__":
    main()
