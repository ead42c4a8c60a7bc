"""A per-document time limit inside one process: a slow step becomes the document's error, the run goes on.

Uses SIGALRM where it exists and we are in the main thread (the CLI, and each worker process); elsewhere
(Windows, threads) the limit is not enforced here and the code simply runs. This limit stops Python code at
the next bytecode; a step stuck inside C code or a system call that retries is stopped from outside instead:
the worker supervisor (run/supervisor.py) kills and replaces a worker that overruns.

Limits nest: an inner block never extends an outer one (the earliest deadline wins, and the message names the
limit whose deadline it was), so a worker can limit a file's loading and its first document together while
the pipeline limits the extraction alone.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(BaseException):
    """Raised inside the document's processing when its time limit is up.

    A BaseException, as KeyboardInterrupt is: the ``except Exception`` guards that turn a converter's or a
    stage's bug into that document's error must not swallow it (the loader's would report "could not be loaded").
    """


# (deadline on the monotonic clock, seconds of that limit) of the enclosing limits, earliest last
_active: list[tuple[float, float]] = []


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _expired(signum, frame) -> None:
    raise TimeLimitExceeded(f"time limit of {_active[-1][1]:g} s exceeded")


def _arm(deadline: float) -> None:
    # A deadline already passed fires at once (an outer limit that ran out inside an inner block). The alarm
    # repeats until the block ends: an exception raised where Python cannot propagate it (a garbage collector
    # callback, a __del__) is only reported as unraisable, and the next one must then stop the block.
    signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 1e-4), 0.1)


@contextmanager
def time_limit(seconds: float | None, started: float | None = None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed since ``started`` (a
    ``time.monotonic()`` value; default: now). None or 0: no limit."""
    if not seconds or not _can_alarm():
        yield
        return
    deadline = (time.monotonic() if started is None else started) + seconds
    if _active and _active[-1][0] <= deadline:
        yield  # an enclosing limit ends first and is armed already
        return
    previous = signal.signal(signal.SIGALRM, _expired) if not _active else None
    _active.append((deadline, seconds))
    _arm(deadline)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _active.pop()
        if _active:
            _arm(_active[-1][0])
        else:
            signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
