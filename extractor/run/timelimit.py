"""A per-document time limit: one pathological page must not hold up a crawl of 100,000.

Uses SIGALRM where it exists and we are in the main thread (the CLI, and each worker process); elsewhere
(Windows, threads, Dask threads) the limit is not enforced and the code simply runs.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(Exception):
    """Raised inside the document's processing when its time limit is up."""


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed (None or 0: no limit)."""
    if not seconds or not _can_alarm():
        yield
        return

    def _expired(signum, frame):
        raise TimeLimitExceeded(f"time limit of {seconds:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
