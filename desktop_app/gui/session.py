"""`ProjectSession`: the one place the GUI keeps the open project and the current model.

Panels read the project from here and call `data_edited()` / `runs_edited()` after changing it;
the session saves at once (autosave, atomic) and tells every panel through its signals.
Only the GUI thread touches the session or the project.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop_app.core.project import Project, ProjectError
from desktop_app.gui.jobs import Job, user_message

log = logging.getLogger(__name__)

MODEL_FILE = "model.onnx"


class ProjectSession(QObject):
    project_changed = Signal()  # a project was opened, created or closed
    data_changed = Signal()  # classes or items changed
    runs_changed = Signal()  # a run started, finished, was cancelled…
    result_changed = Signal()  # the run shown in Evaluate, or the one Predict uses, changed
    save_failed = Signal(str)
    status_message = Signal(str)  # a short line for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.result = None  # TrainResult of `result_run_id`, loaded lazily
        self.result_run_id: str | None = None
        # The run Predict and Export use: the best finished run, unless the user picked one in
        # the run list (`model_picked`). Evaluate may show another (e.g. the run just trained).
        self.model_run_id: str | None = None
        self.model_result = None  # TrainResult of `model_run_id`
        self.model_picked = False
        self.jobs: list[Job] = []

    # ------------------------------------------------------------------ projects
    def new_project(self, name: str, task: str = "image", folder: str | None = None) -> Project:
        project = (
            Project.create(folder, name, task)
            if folder
            else Project.create_in_default_location(name, task)
        )
        self._set_project(project)
        return project

    def open_project(self, folder: str | Path) -> Project:
        project = Project.open(folder)
        self._set_project(project)
        return project

    def close_project(self) -> None:
        self._set_project(None)

    def _set_project(self, project: Project | None) -> None:
        self.project = project
        self.result = None
        self.result_run_id = None
        self.model_run_id, self.model_result, self.model_picked = None, None, False
        if project is not None:
            best = project.best_finished_run()
            if best is not None:
                self.show_run(best.id, emit=False)
        self.project_changed.emit()
        self.data_changed.emit()
        self.runs_changed.emit()
        self.result_changed.emit()

    # ------------------------------------------------------------------ autosave
    def save(self) -> bool:
        if self.project is None:
            return True
        try:
            self.project.save()
        except OSError as error:
            message = self.tr("Could not save the project in {0}: {1}").format(
                self.project.folder, error.strerror or error
            )
            log.error(message)
            self.save_failed.emit(message)
            return False
        return True

    def data_edited(self) -> None:
        """Call after any change to classes or items: saves, then refreshes the panels."""
        self.save()
        self.data_changed.emit()

    def runs_edited(self) -> None:
        self.save()
        self.runs_changed.emit()

    # ------------------------------------------------------------------ results
    def show_run(self, run_id: str, emit: bool = True, pick: bool = False) -> None:
        """Make a finished run the one Evaluate shows; Predict uses it too when `pick` (the user
        chose it in the run list), else the best finished run."""
        assert self.project is not None
        try:
            self.result = self.project.load_result(run_id)
            self.result_run_id = run_id
        except (ProjectError, ValueError) as error:
            log.warning("cannot load run %s: %s", run_id, error)
            self.result = None
            self.result_run_id = None
            self.status_message.emit(user_message(error))
        if pick and self.result_run_id == run_id:
            self.model_run_id, self.model_result, self.model_picked = run_id, self.result, True
        else:
            self._use_best_run()
        if emit:
            self.result_changed.emit()

    def _use_best_run(self) -> None:
        """Predict and Export use the best finished run (by its eval-split accuracy)."""
        assert self.project is not None
        self.model_picked = False
        best = self.project.best_finished_run()
        if best is None or best.id == self.result_run_id:
            self.model_run_id, self.model_result = self.result_run_id, self.result
            return
        if best.id == self.model_run_id and self.model_result is not None:
            return  # already loaded
        try:
            self.model_run_id, self.model_result = best.id, self.project.load_result(best.id)
        except (ProjectError, ValueError) as error:
            log.warning("cannot load run %s: %s", best.id, error)
            self.model_run_id, self.model_result = self.result_run_id, self.result

    def model_path(self, run_id: str | None = None) -> Path | None:
        """The fused `.onnx` of a run (written when the run finished), if it exists."""
        run_id = run_id or self.result_run_id
        if self.project is None or run_id is None:
            return None
        try:
            path = self.project.run_folder(run_id) / MODEL_FILE
        except ProjectError:  # a run folder linking out of the project: never read
            return None
        return path if path.exists() else None

    # ------------------------------------------------------------------ jobs
    def register_job(self, job: Job) -> Job:
        self.jobs.append(job)
        return job

    def forget_job(self, job: Job) -> None:
        """A job that will not run again (its panel is going away)."""
        if job in self.jobs:
            self.jobs.remove(job)

    def forget_all_jobs(self) -> None:
        """Nothing runs (the window is rebuilt); the new panels register their own jobs."""
        self.jobs.clear()

    def busy(self) -> bool:
        return any(t.running for t in self.jobs)

    def cancel_all_and_wait(self) -> None:
        for job in self.jobs:
            job.cancel_and_wait()
