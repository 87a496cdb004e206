"""The ONE worker recipe (ARCHITECTURE rule 3): a QObject on a QThread drains a core generator.

`Task` is what a panel owns: `start(make_generator)` runs `make_generator(cancel)` on a fresh
thread; its events arrive on the GUI thread through `event`; an exception becomes `errored` with
a message a person can act on; `finished` always comes last. One task at a time per `Task`.
Events are sent in small batches (at most every 30 ms, at once for anything but step/progress
events) so a fast trainer cannot flood the GUI thread (rule 5).
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from desktop_app.core.errors import CoreError
from desktop_app.core.training.events import CancelToken, Progress, StepEnd
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


class Task(QObject):
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
