"""Worker processes under a deadline: one stuck document costs its own time limit, never the run.

The supervisor hands out sources (tasks) to worker processes a few at a time, so a slow task delays at most the
few queued behind it on the same worker, and collects one message per step (run/worker.py). Each step has a
deadline, ``Options.timeout`` after the previous step of that worker ended, plus a grace period: the worker's
own SIGALRM limit normally turns an overrun into an error record first. A worker that misses its deadline
(stuck in C code or a system call, deadlocked) or dies is killed and replaced: the stuck document gets an error
record, its source is resumed after it on a fresh worker, and the tasks that were queued behind it go back to
the front of the queue for any worker. Records come out per source, in input order.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterator

from ..load import LoadedDoc, Source
from .documents import DocIds, error_record, timeout_message
from .pipeline import Options
from .worker import serve

WINDOW = 64  # tasks per worker that may finish ahead of the oldest unfinished one (bounds memory)
MAX_BATCH = 8  # tasks per message to a worker; a worker holds at most two batches


def grace_seconds(timeout: float) -> float:
    """How long past its limit a worker may take to report the overrun itself before it is killed."""
    return 1.0 + 0.1 * timeout


@dataclass
class _Task:
    index: int  # position in the input: records are yielded in this order
    source: Source | LoadedDoc
    skip: int = 0  # documents of the source done before (a task resumed after its worker was stopped)
    ids: DocIds | None = None  # the source's documents, once the worker has loaded it
    got: int = 0  # records received in this attempt


class _Worker:
    """One worker process and the parent's ends of its pipes."""

    def __init__(self, options: Options, method: str):
        self.assigned: deque[_Task] = deque()
        self.step_started = 0.0
        self.ready = False  # warmed up (rules, model, imports): no task is given before, so none pays for it
        if method == "fork":
            _flush_std_streams()  # a forked child would write the parent's unflushed output again on exit
            ctx = mp.get_context("fork")
            ours, theirs = ctx.Pipe()
            self._proc = ctx.Process(target=serve, args=(theirs, options), daemon=True)
            self._proc.start()
            theirs.close()
            self.inbox = self.outbox = ours
        else:
            to_child, from_parent = os.pipe()[::-1]
            from_child, to_parent = os.pipe()
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "extractor.run.worker", str(from_parent), str(to_parent)],
                pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
            os.close(from_parent)
            os.close(to_parent)
            self.outbox = Connection(to_child, readable=False)
            self.inbox = Connection(from_child, writable=False)
            self.outbox.send(options)

    def give(self, tasks: list[_Task]) -> None:
        """Queue ``tasks`` on this worker (OSError when the process is gone: nothing was queued)."""
        self.outbox.send([(t.index, t.source, t.skip) for t in tasks])
        if not self.assigned:
            self.step_started = time.monotonic()
        self.assigned.extend(tasks)

    def stop(self, kill: bool = False) -> None:
        """End the process: ask it to finish (idle workers) or kill it (busy or stuck ones)."""
        if not kill:
            try:
                self.outbox.send(None)
            except OSError:
                kill = True
        if isinstance(self._proc, subprocess.Popen):
            if kill:
                self._proc.kill()
            try:
                self._proc.wait(timeout=None if kill else 2)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        else:
            if kill:
                self._proc.kill()
            self._proc.join(None if kill else 2)
            if self._proc.exitcode is None:
                self._proc.kill()
                self._proc.join()
        for conn in {id(self.inbox): self.inbox, id(self.outbox): self.outbox}.values():
            conn.close()

    def exit_status(self) -> str:
        code = self._proc.returncode if isinstance(self._proc, subprocess.Popen) else self._proc.exitcode
        return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"


def _flush_std_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass


class Supervisor:
    """A pool of ``jobs`` worker processes running sources under ``options.timeout``.

    ``method``: "fork" (workers share the parent's loaded rules and model) or "spawn" (fresh interpreters;
    required inside daemon processes such as Dask workers). Reusable for several ``run`` calls; ``close`` (or
    leaving the ``with`` block) ends the workers.
    """

    def __init__(self, options: Options, jobs: int = 1, method: str | None = None):
        self.options = options
        self.method = method or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.workers = [_Worker(options, self.method) for _ in range(max(1, jobs))]
        self.limit = (options.timeout + grace_seconds(options.timeout)) if options.timeout else None

    def __enter__(self) -> "Supervisor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End every worker (a busy one is killed: its results are no longer wanted)."""
        for w in self.workers:
            w.stop(kill=bool(w.assigned))
        self.workers = []

    def run(self, sources: list[Source | LoadedDoc]) -> Iterator[list[dict]]:
        """The records of each source, in the order of ``sources``."""
        pending = deque(_Task(i, s) for i, s in enumerate(sources))
        results: dict[int, list[dict]] = {i: [] for i in range(len(sources))}
        finished: set[int] = set()
        batch = max(1, min(MAX_BATCH, len(sources) // (len(self.workers) * 16)))
        window = WINDOW * len(self.workers)
        next_out = 0
        while next_out < len(sources):
            for w in list(self.workers):
                if w.ready and len(w.assigned) <= batch and pending and pending[0].index < next_out + window:
                    take = []
                    while pending and len(take) < batch and pending[0].index < next_out + window:
                        take.append(pending.popleft())
                    self._give(w, take, pending, results, finished)
            while next_out in finished:
                yield results.pop(next_out)
                finished.discard(next_out)
                next_out += 1
            if next_out < len(sources):
                self._wait(pending, results, finished)

    def _give(self, w: _Worker, tasks: list[_Task], pending: deque, results: dict, finished: set) -> None:
        try:
            w.give(tasks)
        except OSError:  # the process is gone (its pipe is closed): replace it, the tasks wait for the next round
            pending.extendleft(reversed(tasks))
            if w.assigned:
                self._replace(w, pending, results, finished, died=True)
            else:
                w.stop(kill=True)
                self.workers[self.workers.index(w)] = _Worker(self.options, self.method)

    def _wait(self, pending: deque, results: dict, finished: set) -> None:
        """Take in the messages of the workers, or stop those past their deadline."""
        busy = [w for w in self.workers if w.assigned]
        starting = [w for w in self.workers if not w.ready]
        if not busy and not starting:
            return
        timeout = None
        if self.limit is not None and busy:
            timeout = max(0.0, min(w.step_started for w in busy) + self.limit - time.monotonic())
        ready = wait([w.inbox for w in busy + starting], timeout)
        for w in busy + starting:
            if w.inbox in ready:
                try:
                    self._take(w, w.inbox.recv(), results, finished)  # ready: a message or the end of the pipe
                    while (w.assigned or not w.ready) and w.inbox.poll():
                        self._take(w, w.inbox.recv(), results, finished)
                except (EOFError, OSError):
                    if not w.ready:
                        w.stop(kill=True)
                        raise RuntimeError(f"an extraction worker process could not start ({w.exit_status()}); "
                                           "its error is on stderr") from None
                    self._replace(w, pending, results, finished, died=True)
                    continue
            if self.limit is not None and w.assigned and time.monotonic() > w.step_started + self.limit:
                self._replace(w, pending, results, finished, died=False)

    @staticmethod
    def _take(w: _Worker, message: tuple, results: dict, finished: set) -> None:
        index, kind, payload = message
        if kind == "ready":
            w.ready = True
            return
        task = w.assigned[0]
        assert task.index == index, (task.index, index)  # a worker runs its tasks in order
        if kind == "loaded":
            task.ids = payload
            return
        w.step_started = time.monotonic()
        if kind in ("record", "last"):
            results[index].append(payload)
            task.got += 1
        if kind in ("last", "done"):
            w.assigned.popleft()
            finished.add(index)

    def _replace(self, w: _Worker, pending: deque, results: dict, finished: set, died: bool) -> None:
        """Kill ``w``, give its stuck document an error record, resume the rest elsewhere, start a new worker."""
        task = w.assigned.popleft()
        queued = list(w.assigned)
        w.assigned.clear()
        w.stop(kill=True)
        ids = task.ids or [(task.source.doc_id, task.source.path, task.source.path_hex)]
        at = task.skip + task.got if task.ids else 0
        doc_id, path, path_hex = ids[at]
        if died:
            error = f"{path}: worker process died ({w.exit_status()}) while processing this document"
        else:
            error = timeout_message(path, self.options.timeout)
        results[task.index].append(error_record(doc_id, path, path_hex, error, self.options))
        if at + 1 < len(ids):
            queued.insert(0, _Task(task.index, task.source, skip=at + 1))
        else:
            finished.add(task.index)
        for t in reversed(queued):
            pending.appendleft(_Task(t.index, t.source, t.skip))
        self.workers[self.workers.index(w)] = _Worker(self.options, self.method)
