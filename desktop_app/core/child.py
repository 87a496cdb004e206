"""Run a workflow generator in a child process and relay its events: `run_in_child`.

Why: training imports torch (1.3 s of imports holding the GIL) and runs native code. In the
window's own process that freezes the GUI thread and a crash in native code takes the window
with it; in a child process the window never imports torch, a crash ends only the child, and the
training memory goes back to the system when the run ends.

The child is started with the `spawn` context (a fresh interpreter: no copied threads, no Qt).
Events come back over a private pipe as the generator yields them (steps, epochs and progress
within a stage in batches of up to BATCH_S, anything else at once); the parent yields the same
events, the same `Finished(result)`, and raises the child's exception again (a `CoreError` keeps
its key). Cancelling the parent's token asks the child to cancel (its token is checked at every
yield); a child that has not ended CANCEL_GRACE_S later is killed (it may be busy importing
torch, or starved of the cores by a niced priority on a loaded machine), and the parent yields
`Cancelled` with the stage the run was in (from the last event it relayed). The child's end is
always awaited.

The pipe carries pickles (multiprocessing's own channel): only this module's parent reads them,
and only from the child it started itself; never from a file or any other source (the one
exception to "never unpickle", listed in tests/unit/test_no_pickle.py).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Progress,
    StepEnd,
)

log = logging.getLogger(__name__)

# A cancelled child that has not ended by then is killed. On a quiet machine a child ends within
# 0.1-0.3 s of being asked; 1.5 s was too short on a loaded 2-core machine (a niced child decoding
# a chunk of images, or still importing torch).
CANCEL_GRACE_S = 3.0
POLL_S = 0.05  # how often the parent looks at its cancel token while the child is quiet

_EVENTS, _ERROR, _END = "events", "error", "end"
# Steps, epochs and progress within one stage are sent together at most this often: a fast
# trainer yields hundreds of events a second, and each message costs the parent's relaying
# thread a wake-up and the GIL (shared with the window's GUI thread).
BATCH_S = 0.05


class ChildProcessDied(ChildProcessError):
    """The child ended without a word (killed, or a crash in native code)."""

    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"the training process ended unexpectedly (exit code {exitcode})")
        self.exitcode = exitcode

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.exitcode,))


class ChildFailed(RuntimeError):
    """The child raised an exception that could not be sent back as itself."""


class _ChildCancel(CancelToken):
    """The child's token: cancelled when the parent sets the shared flag (a byte of shared
    memory without a lock: a child killed at any moment can never leave it locked)."""

    def __init__(self, flag: Any) -> None:
        super().__init__()
        self._flag = flag

    @property
    def cancelled(self) -> bool:
        return bool(self._flag.value) or super().cancelled


def _child_main(
    connection: Any,
    cancel_flag: Any,
    target: Callable[..., Iterator[Any]],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    nice: int,
) -> None:
    """In the child: drain `target(*args, cancel=token, **kwargs)` into the pipe."""
    if nice and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(nice)
    cancel = _ChildCancel(cancel_flag)
    try:
        pending: list[Any] = []
        sent_at = time.monotonic()
        stage = None
        for event in target(*args, cancel=cancel, **kwargs):
            now = time.monotonic()
            frequent = isinstance(event, StepEnd | EpochEnd) or (
                isinstance(event, Progress) and event.stage == stage
            )
            stage = getattr(event, "stage", stage)
            pending.append(event)
            if not frequent or now - sent_at >= BATCH_S:
                connection.send((_EVENTS, pending))
                pending, sent_at = [], now
        if pending:
            connection.send((_EVENTS, pending))
        connection.send((_END, None))
    except BaseException as error:  # noqa: BLE001 - everything goes back to the parent
        text = traceback.format_exc()
        try:
            connection.send((_ERROR, (error, text)))
        except Exception:  # noqa: BLE001 - the exception itself cannot be pickled
            plain = ChildFailed(f"{type(error).__name__}: {error}")
            connection.send((_ERROR, (plain, text)))
    finally:
        connection.close()


def run_in_child(
    target: Callable[..., Iterator[Any]],
    *args: Any,
    cancel: CancelToken,
    meanwhile: Callable[[], None] | None = None,
    nice: int = 0,
    **kwargs: Any,
) -> Iterator[Any]:
    """Yield the events of `target(*args, cancel=..., **kwargs)` run in a spawned child.

    `target` must be a module-level generator function and every argument plain data (they
    are sent to the child). Raises what the child raised; `ChildProcessDied` if it ended
    without finishing. Closing this generator early (or cancelling) ends the child too.
    `meanwhile` is called here once the child has started (while it starts up): e.g. import
    the modules of the result now rather than when it arrives. `nice`: the child lowers its
    own priority by that much (POSIX), so that the window's GUI thread is served first when
    the cores are busy."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    cancel_flag = context.RawValue("b", 0)
    process = context.Process(
        target=_child_main,
        args=(sender, cancel_flag, target, args, kwargs, nice),
        name="classifier-studio-job",
        daemon=True,  # never outlives the window, whatever happens to it
    )
    process.start()
    sender.close()  # the child holds the only writing end: EOF when it ends
    cancelled_at: float | None = None
    stage = "start"  # what the run was doing, for the Cancelled of a child that had to be killed
    try:
        if meanwhile is not None:
            meanwhile()
        while True:
            if cancel.cancelled and cancelled_at is None:
                cancel_flag.value = 1
                cancelled_at = time.monotonic()
            if not receiver.poll(POLL_S):
                if cancelled_at is not None and time.monotonic() - cancelled_at > CANCEL_GRACE_S:
                    log.warning("the child process did not stop within %.1f s", CANCEL_GRACE_S)
                    process.kill()
                    process.join()
                    yield Cancelled(stage)
                    return
                continue
            try:
                kind, payload = receiver.recv()
            except EOFError:
                process.join(CANCEL_GRACE_S)
                raise ChildProcessDied(process.exitcode) from None
            if kind == _EVENTS:
                for event in payload:
                    stage = _stage_of(event, stage)
                    yield event
            elif kind == _ERROR:
                error, text = payload
                log.error("the child process failed:\n%s", text)
                raise error
            else:
                return
    finally:
        receiver.close()
        _end(process, cancel_flag)


def _stage_of(event: Any, stage: str) -> str:
    """The stage an event says the run is in (`Progress.stage`; steps and epochs: training)."""
    named = getattr(event, "stage", None)
    if isinstance(named, str) and named:
        return named
    if hasattr(event, "epoch"):
        return "training"
    return stage


def _end(process: Any, cancel_flag: Any) -> None:
    """Await the child's end (asked to cancel, in case it is still running); kill it if it has
    not ended within CANCEL_GRACE_S."""
    cancel_flag.value = 1
    process.join(CANCEL_GRACE_S)
    if process.exitcode is None:
        log.warning("the child process did not end: killed")
        process.kill()
        process.join()
    process.close()
