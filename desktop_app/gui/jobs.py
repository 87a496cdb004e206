"""The ONE worker recipe (ARCHITECTURE rule 3): a QObject on a QThread drains a core generator.

`Job` is what a panel owns: `start(make_generator)` runs `make_generator(cancel)` on a fresh
thread; its events arrive on the GUI thread through `event`; an exception becomes `errored` with
a message a person can act on; `finished` always comes last. One job at a time per `Job`.
Events are sent in small batches (at most every 30 ms, at once for anything but step/progress
events) so a fast trainer cannot flood the GUI thread (rule 5).

The job-owner helper (`JobOwner`, the shape of Orange's `ConcurrentWidgetMixin`): a panel mixes
it in, calls `start_job(name, make_generator)` and overrides `on_event(name, event)`,
`on_done(name, result)`, `on_error(name, message)` and `on_job_finished(name)` instead of
creating a `Job`, registering it with the session and connecting its four signals by hand.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from desktop_app.core.errors import CoreError
from desktop_app.core.training.events import CancelToken, Finished, Progress, StepEnd
from desktop_app.gui.messages import error_text

log = logging.getLogger(__name__)

GeneratorFactory = Callable[[CancelToken], Iterator[Any]]
BATCH_SECONDS = 0.03


def user_message(error: BaseException) -> str:
    """The text shown for an exception: the engine's own errors (the set the CLI prints too)
    in the user's language, by key."""
    if isinstance(error, CoreError):
        return error_text(error)
    if isinstance(error, MemoryError):
        return QCoreApplication.translate(
            "workers", "Not enough memory. Try a smaller dataset or close other programs."
        )
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}"
    return QCoreApplication.translate("workers", "Unexpected error: {0}: {1}").format(
        type(error).__name__, error
    )


class GeneratorWorker(QObject):
    """Lives on the worker thread; never touches a widget (rule 4)."""

    events = Signal(object)  # a tuple of events
    errored = Signal(str)
    done = Signal()

    def __init__(self, make_generator: GeneratorFactory, cancel: CancelToken) -> None:
        super().__init__()
        self._make_generator = make_generator
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        pending: list[Any] = []
        last_flush = time.perf_counter()
        try:
            for event in self._make_generator(self._cancel):
                pending.append(event)
                now = time.perf_counter()
                if not isinstance(event, (StepEnd, Progress)) or now - last_flush >= BATCH_SECONDS:
                    self.events.emit(tuple(pending))
                    pending = []
                    last_flush = now
            if pending:
                self.events.emit(tuple(pending))
        except BaseException as error:  # noqa: BLE001 - nothing may escape the thread
            if pending:
                self.events.emit(tuple(pending))
            log.error("worker failed:\n%s", traceback.format_exc())
            self.errored.emit(user_message(error))
        finally:
            self.done.emit()


class Job(QObject):
    """A panel's background job: start, cancel, and signals delivered on the GUI thread."""

    event = Signal(object)
    errored = Signal(str)
    finished = Signal()
    running_changed = Signal(bool)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._thread: QThread | None = None
        self._worker: GeneratorWorker | None = None
        self._cancel: CancelToken | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, make_generator: GeneratorFactory) -> CancelToken:
        if self.running:
            raise RuntimeError(f"{self.objectName()} is already running")
        cancel = CancelToken()
        thread = QThread()
        thread.setObjectName(f"{self.objectName()}-thread")
        worker = GeneratorWorker(make_generator, cancel)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.events.connect(self._on_events)
        worker.errored.connect(self.errored)
        # Direct: quit must reach the thread even while the GUI thread waits in cancel_and_wait.
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker, self._cancel = thread, worker, cancel
        thread.start()
        self.running_changed.emit(True)
        return cancel

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def cancel_and_wait(self, timeout_ms: int = 30_000) -> bool:
        """Closing the window: cancel, then wait for the thread to end."""
        thread = self._thread
        if thread is None:
            return True
        self.cancel()
        ended = thread.wait(timeout_ms)
        QCoreApplication.sendPostedEvents()
        return ended

    @Slot(object)
    def _on_events(self, batch: tuple) -> None:
        for event in batch:
            self.event.emit(event)

    @Slot()
    def _on_thread_finished(self) -> None:
        # `finished` is emitted from the thread just before it ends: wait for the end, then let
        # Python free thread and worker (they have no parent; no deleteLater, no double delete).
        if self._thread is not None:
            self._thread.wait()
        self._thread = self._worker = self._cancel = None
        self.running_changed.emit(False)
        self.finished.emit()


class JobOwner:
    """Mix into a panel (a QObject with a `session`) that runs background jobs."""

    session: Any  # ProjectSession: the panel sets it before its first job starts

    def owned_job(self, name: str) -> Job:
        """The panel's `Job` called `name` (created, wired and registered on first use)."""
        jobs: dict[str, Job] = self.__dict__.setdefault("_owned_jobs", {})
        job = jobs.get(name)
        if job is None:
            assert isinstance(self, QObject), "JobOwner is for QObjects (panels)"
            job = Job(name, self)
            job.event.connect(lambda event, n=name: self._dispatch_event(n, event))
            job.errored.connect(lambda message, n=name: self.on_error(n, message))
            job.finished.connect(lambda n=name: self.on_job_finished(n))
            self.session.register_job(job)
            jobs[name] = job
        return job

    def start_job(self, name: str, make_generator: GeneratorFactory) -> CancelToken | None:
        """Run `make_generator(cancel)` on a worker thread; None if `name` is already running."""
        job = self.owned_job(name)
        if job.running:
            return None
        return job.start(make_generator)

    def job_running(self, name: str) -> bool:
        jobs: dict[str, Job] = self.__dict__.get("_owned_jobs", {})
        return name in jobs and jobs[name].running

    def cancel_job(self, name: str) -> None:
        jobs: dict[str, Job] = self.__dict__.get("_owned_jobs", {})
        if name in jobs:
            jobs[name].cancel()

    def _dispatch_event(self, name: str, event: object) -> None:
        if isinstance(event, Finished):
            self.on_done(name, event.result)
        else:
            self.on_event(name, event)

    # ------------------------------------------------------------------ hooks
    def on_event(self, name: str, event: object) -> None:
        """A progress, epoch, message or cancel event of job `name`."""

    def on_done(self, name: str, result: Any) -> None:
        """Job `name` finished with `result`."""

    def on_error(self, name: str, message: str) -> None:
        """Job `name` failed; `message` is fit to show."""

    def on_job_finished(self, name: str) -> None:
        """Job `name` ended (after `on_done`, `on_error` or a cancel)."""
