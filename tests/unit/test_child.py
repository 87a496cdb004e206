"""`core.child.run_in_child`: a workflow generator run in a spawned child process relays the
same events and result, raises the child's errors (by key), stops on cancel (killed if deaf to
it), reports a child that dies, and always leaves no child behind."""

from __future__ import annotations

import os
import time

import pytest

from desktop_app.core.child import CANCEL_GRACE_S, ChildFailed, ChildProcessDied, run_in_child
from desktop_app.core.errors import CoreError
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress, StepEnd
from tests.helpers import child_targets


def _alive(pid: int) -> bool:
    """True while `pid` exists (a zombie counts: it has not been awaited)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_events_and_result_come_back_from_another_process():
    events = list(run_in_child(child_targets.counting, 5, cancel=CancelToken(), result={"a": 1}))
    assert events[:-1] == [Progress("count", i, 5) for i in range(1, 6)]
    assert isinstance(events[-1], Finished)
    result, pid, torch_there = events[-1].result
    assert result == {"a": 1}
    assert pid != os.getpid()
    assert not _alive(pid)  # ended and awaited


def test_a_core_error_keeps_its_key():
    events = []
    with pytest.raises(CoreError) as caught:
        for event in run_in_child(child_targets.failing, "backbone.unknown", cancel=CancelToken()):
            events.append(event)
    assert events == [Progress("fail", 0, 1)]
    assert caught.value.key == "backbone.unknown"
    assert caught.value.params == ("one", 2)
    assert str(caught.value) == "Unknown backbone 'one'. Choose one of: 2."


def test_an_error_that_cannot_travel_comes_back_as_its_name_and_text():
    with pytest.raises(ChildFailed, match="Odd: cannot travel"):
        list(run_in_child(child_targets.failing_oddly, cancel=CancelToken()))


def test_cancel_stops_the_child_and_it_is_awaited():
    cancel = CancelToken()
    job = run_in_child(child_targets.until_cancelled, cancel=cancel)
    pid = next(job).done
    next(job)
    cancel.cancel()
    start = time.perf_counter()
    rest = list(job)
    assert rest[-1] == Cancelled("wait")
    assert time.perf_counter() - start < 1.0
    assert not _alive(pid)


def test_a_child_deaf_to_cancel_is_killed_after_the_grace_in_its_stage():
    """Killed CANCEL_GRACE_S after the cancel; the Cancelled names the stage of its last event."""
    cancel = CancelToken()
    job = run_in_child(child_targets.deaf, cancel=cancel)
    pid = next(job).done
    cancel.cancel()
    start = time.perf_counter()
    rest = list(job)
    assert CANCEL_GRACE_S <= time.perf_counter() - start < CANCEL_GRACE_S + 1.0
    assert rest == [Cancelled("pid")]
    assert not _alive(pid)


def test_closing_the_generator_early_ends_the_child():
    job = run_in_child(child_targets.until_cancelled, cancel=CancelToken())
    pid = next(job).done
    job.close()
    assert not _alive(pid)


def test_a_child_that_dies_is_reported_not_waited_for():
    job = run_in_child(child_targets.crashing, cancel=CancelToken())
    pid = next(job).done
    with pytest.raises(ChildProcessDied) as caught:
        list(job)
    assert caught.value.exitcode == -11  # SIGSEGV
    assert "ended unexpectedly" in str(caught.value)
    assert not _alive(pid)


def test_the_child_can_yield_the_cores_to_the_window():
    (finished,) = list(run_in_child(child_targets.niceness, cancel=CancelToken(), nice=3))
    assert finished.result == min(19, os.nice(0) + 3)


def test_fast_events_come_in_batches_but_a_new_stage_at_once():
    """Steps 2 ms apart arrive complete and in order, in batches (not 500 messages); the next
    stage's first event is not held back while that stage works."""
    arrived: list[tuple[object, float]] = []
    for event in run_in_child(child_targets.many_steps, 500, 0.002, cancel=CancelToken()):
        arrived.append((event, time.perf_counter()))
    events = [event for event, _ in arrived]
    assert events[:500] == [StepEnd(1, i + 1, 0.5, 0.5) for i in range(500)]
    assert events[500:] == [Progress("export", 0, 1), Finished(500)]
    export_at, finished_at = arrived[500][1], arrived[501][1]
    assert finished_at - export_at > 0.8, "the export's progress waited for the next event"
    # batched: the steps came in few bursts (events that arrive within 1 ms of each other)
    gaps = [b - a for (_, a), (_, b) in zip(arrived[:499], arrived[1:500], strict=True)]
    bursts = 1 + sum(1 for gap in gaps if gap > 0.001)
    assert bursts < 60, bursts
