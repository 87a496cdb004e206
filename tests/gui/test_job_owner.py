"""The job-owner helper: one call starts a job; the hooks arrive in order on the GUI thread."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desktop_app.core.training.events import Cancelled, Finished, Progress
from desktop_app.gui.jobs import JobOwner


class _Panel(QWidget, JobOwner):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.seen: list[tuple] = []

    def on_event(self, name, event):
        self.seen.append(("event", name, type(event).__name__))

    def on_done(self, name, result):
        self.seen.append(("done", name, result))

    def on_error(self, name, message):
        self.seen.append(("error", name, message))

    def on_job_finished(self, name):
        self.seen.append(("finished", name))


def test_a_job_reports_events_result_and_end_in_order(qtbot, session) -> None:
    panel = _Panel(session)

    def job(cancel):
        yield Progress("work", 1, 2)
        yield Progress("work", 2, 2)
        yield Finished(42)

    with qtbot.waitSignal(panel.owned_job("count").finished, timeout=5000):
        assert panel.start_job("count", job) is not None
    assert panel.seen == [
        ("event", "count", "Progress"),
        ("event", "count", "Progress"),
        ("done", "count", 42),
        ("finished", "count"),
    ]
    assert panel.owned_job("count") in session.jobs  # closing the window waits for it


def test_an_error_becomes_a_message_and_the_end_still_comes(qtbot, session) -> None:
    panel = _Panel(session)

    def job(cancel):
        yield Progress("work", 0, 1)
        raise MemoryError

    with qtbot.waitSignal(panel.owned_job("bad").finished, timeout=5000):
        panel.start_job("bad", job)
    kinds = [entry[0] for entry in panel.seen]
    assert kinds == ["event", "error", "finished"]
    assert "memory" in panel.seen[1][2].lower()


def test_one_job_per_name_and_cancel_reaches_the_generator(qtbot, session) -> None:
    panel = _Panel(session)
    release = threading.Event()

    def job(cancel):
        while not cancel.cancelled:
            release.wait(0.01)
            yield Progress("wait", 0, 1)
        yield Cancelled("wait")

    assert panel.start_job("slow", job) is not None
    assert panel.job_running("slow")
    assert panel.start_job("slow", job) is None  # already running: refused, not queued
    with qtbot.waitSignal(panel.owned_job("slow").finished, timeout=5000):
        panel.cancel_job("slow")
    assert not panel.job_running("slow")
    assert ("event", "slow", "Cancelled") in panel.seen
    assert panel.seen[-1] == ("finished", "slow")
