"""The task-owner helper: a panel starts a background job in one call and overrides hooks.

The shape of Orange's `ConcurrentWidgetMixin`: instead of creating a `Task`, registering it with
the session and connecting its four signals by hand, a panel mixes in `TaskOwner`, calls
`start_task(name, make_generator)` and overrides what it needs:

    on_event(name, event)     every event but the last `Finished` (progress, epochs, messages…)
    on_done(name, result)     the `Finished` event's result: the job succeeded
    on_error(name, message)   the job raised; `message` is already fit to show
    on_task_finished(name)    always last, after success, cancel or error

Each name is one `Task` (one job at a time per name), created on first use, parented to the
panel and registered with the session so that closing the window cancels and waits for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.gui.workers import GeneratorFactory, Task


class TaskOwner:
    """Mix into a panel (a QObject with a `session`) that runs background jobs."""

    session: Any  # ProjectSession: the panel sets it before its first task starts

    def task(self, name: str) -> Task:
        """The panel's `Task` called `name` (created, wired and registered on first use)."""
        tasks: dict[str, Task] = self.__dict__.setdefault("_owned_tasks", {})
        task = tasks.get(name)
        if task is None:
            assert isinstance(self, QObject), "TaskOwner is for QObjects (panels)"
            task = Task(name, self)
            task.event.connect(lambda event, n=name: self._dispatch_event(n, event))
            task.errored.connect(lambda message, n=name: self.on_error(n, message))
            task.finished.connect(lambda n=name: self.on_task_finished(n))
            self.session.register_task(task)
            tasks[name] = task
        return task

    def start_task(self, name: str, make_generator: GeneratorFactory) -> CancelToken | None:
        """Run `make_generator(cancel)` on a worker thread; None if `name` is already running."""
        task = self.task(name)
        if task.running:
            return None
        return task.start(make_generator)

    def task_running(self, name: str) -> bool:
        tasks: dict[str, Task] = self.__dict__.get("_owned_tasks", {})
        return name in tasks and tasks[name].running

    def cancel_task(self, name: str) -> None:
        tasks: dict[str, Task] = self.__dict__.get("_owned_tasks", {})
        if name in tasks:
            tasks[name].cancel()

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

    def on_task_finished(self, name: str) -> None:
        """Job `name` ended (after `on_done`, `on_error` or a cancel)."""
