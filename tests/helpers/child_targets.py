"""Generator functions that `tests/unit/test_child.py` runs in a child process (a spawned child
imports them by name, so they live in a module, not in the test)."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator

from desktop_app.core.errors import CoreError
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress, StepEnd


def counting(n: int, cancel: CancelToken, result: object = None) -> Iterator[object]:
    """n Progress events, then Finished((result, pid, whether torch was imported))."""
    for i in range(n):
        yield Progress("count", i + 1, n)
    yield Finished((result, os.getpid(), "torch" in sys.modules))


def failing(key: str, cancel: CancelToken) -> Iterator[object]:
    yield Progress("fail", 0, 1)
    raise CoreError(key, "one", 2)


def failing_oddly(cancel: CancelToken) -> Iterator[object]:
    """An exception that cannot be pickled (its class lives inside the function)."""

    class Odd(Exception):
        pass

    yield Progress("odd", 0, 1)
    raise Odd("cannot travel")


def until_cancelled(cancel: CancelToken) -> Iterator[object]:
    """Progress every 10 ms until cancelled, then Cancelled (the well-behaved long job)."""
    yield Progress("pid", os.getpid(), 0)
    while not cancel.cancelled:
        time.sleep(0.01)
        yield Progress("wait", 0, 0)
    yield Cancelled("wait")


def deaf(cancel: CancelToken) -> Iterator[object]:
    """Ignores its cancel token for a minute (stuck in native code, say)."""
    yield Progress("pid", os.getpid(), 0)
    time.sleep(60)
    yield Finished("too late")


def crashing(cancel: CancelToken) -> Iterator[object]:
    """Dies the way a crash in native code does: no exception, no word."""
    yield Progress("pid", os.getpid(), 0)
    os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(10)
    yield Finished("never")


def niceness(cancel: CancelToken) -> Iterator[object]:
    """Finished(the child's niceness)."""
    yield Finished(os.nice(0))


def many_steps(n: int, pause_s: float, cancel: CancelToken) -> Iterator[object]:
    """n optimiser steps `pause_s` apart, then a new stage that takes a second."""
    for i in range(n):
        time.sleep(pause_s)
        yield StepEnd(1, i + 1, 0.5, 0.5)
    yield Progress("export", 0, 1)
    time.sleep(1.0)
    yield Finished(n)
