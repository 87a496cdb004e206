"""The one worker recipe: events arrive in order on the GUI thread, errors become messages,
cancel_and_wait really ends a running task (closing the window must not hang)."""

from __future__ import annotations

import threading
import time

from desktop_app.core.training.events import Finished, Progress


def test_events_in_order_on_gui_thread(qtbot):
    from desktop_app.gui.jobs import Job

    task = Job("t")
    seen: list[tuple[int, bool]] = []

    def on_event(event) -> None:
        if isinstance(event, Progress):
            seen.append((event.done, threading.current_thread() is threading.main_thread()))

    task.event.connect(on_event)

    def work(cancel):
        for i in range(500):
            yield Progress("x", i, 500)
        yield Finished(None)

    with qtbot.waitSignal(task.finished, timeout=10000):
        task.start(work)
    progress = [done for done, _ in seen]
    assert progress == list(range(500))
    assert all(on_main for _, on_main in seen)
    assert not task.running


def test_exception_becomes_errored_message(qtbot):
    from desktop_app.core.data.dataset import DatasetError
    from desktop_app.gui.jobs import Job

    task = Job("t")

    def work(cancel):
        yield Progress("x", 0, 1)
        raise DatasetError("dataset.folder_not_found", "/nowhere")

    messages: list[str] = []
    task.errored.connect(messages.append)
    with qtbot.waitSignal(task.finished, timeout=10000):
        task.start(work)
    assert messages == ["Folder not found: /nowhere"]


def test_cancel_and_wait_ends_a_running_job(qtbot):
    from desktop_app.gui.jobs import Job

    task = Job("t")

    def work(cancel):
        while not cancel.cancelled:
            time.sleep(0.01)
            yield Progress("x", 0, 1)

    task.start(work)
    qtbot.wait(50)
    start = time.perf_counter()
    assert task.cancel_and_wait(5000)
    assert time.perf_counter() - start < 2
    qtbot.waitUntil(lambda: not task.running, timeout=2000)
