"""`ProjectSession`: the one place the GUI keeps the open project and the current model.

Panels read the project from here and call `data_edited()` / `runs_edited()` after changing it;
the session saves at once (autosave, atomic) and tells every panel through its signals. Runs
start, finish and end through the session too, so a save the disk refuses is told, not raised.
A project open elsewhere, on a read-only folder or on a full disk is read-only (`read_only`):
panels keep viewing and predicting, and disable what would change it.
Only the GUI thread touches the session or the project.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.core.errors import Phrase
from desktop_app.core.project import Project, ProjectError, ProjectReadOnlyError, RunInfo
from desktop_app.gui.jobs import Job, user_message
from desktop_app.gui.messages import error_text, phrase_text

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
        self.last_save_error = ""  # what the last refused save said (in the user's language)

    # ------------------------------------------------------------------ projects
    def new_project(self, name: str, task: str = "image", folder: str | None = None) -> Project:
        project = (
            Project.create(folder, name, task)
            if folder
            else Project.create_in_default_location(name, task)
        )
        self._set_project(project)
        return project

    def open_project(self, folder: str | Path, read_only: bool = False) -> Project:
        """Open a project to change it (`ProjectLockedError` if it is open elsewhere), or
        `read_only` to view it. Opening the project this session has open opens it afresh."""
        again = self.project is not None and _same_folder(self.project.folder, folder)
        if again:
            self.project.close()  # its lock would refuse this very session
        try:
            project = Project.open(folder, read_only=read_only)
        except BaseException:
            if again:
                self._set_project(None)  # closed above: not shown as if still open
            raise
        self._set_project(project)
        return project

    def close_project(self) -> None:
        self._set_project(None)

    def release(self) -> None:
        """The window is closing: let other windows write the project (it stays shown)."""
        if self.project is not None:
            self.project.close()

    @property
    def read_only(self) -> Phrase | None:
        """Why the open project cannot be changed (None: it can, or no project is open)."""
        return self.project.read_only if self.project is not None else None

    def read_only_text(self) -> str:
        """The read-only sentence in the user's language ("" when the project can be changed)."""
        why = self.read_only
        return phrase_text(why) if why is not None else ""

    def _set_project(self, project: Project | None) -> None:
        if self.project is not None and self.project is not project:
            self.project.close()
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
        """Save now; False (and `save_failed` said why) if the project cannot be saved."""
        if self.project is None:
            return True
        if self.project.read_only is not None:  # already told: the window shows why
            return False
        try:
            self.project.save()
        except ProjectError as error:
            self._write_failed(error)
            return False
        except OSError as error:
            message = self.tr("Could not save the project in {0}: {1}").format(
                self.project.folder, error.strerror or error
            )
            log.error(message)
            self.save_failed.emit(message)
            return False
        return True

    def _write_failed(self, error: ProjectError) -> None:
        """Tell why a change could not be saved; a project that became read-only (its folder
        or a full disk) refreshes the panels, which then disable what would change it."""
        message = error_text(error)
        if isinstance(error, ProjectReadOnlyError):
            message += " " + self.tr("The last change was not saved.")
        self.last_save_error = message
        log.error(message)
        self.save_failed.emit(message)
        if isinstance(error, ProjectReadOnlyError):
            self.data_changed.emit()
            self.runs_changed.emit()

    # ------------------------------------------------------------------ runs
    def start_run(self, config: dict[str, Any]) -> RunInfo | None:
        """Record a new run (saved); None, with `save_failed` saying why, if it cannot be."""
        if self.project is None:
            return None
        try:
            run = self.project.start_run(config)
        except ProjectError as error:
            self._write_failed(error)
            return None
        self.runs_changed.emit()
        return run

    def finish_run(self, run_id: str, result: Any, files_saved: bool = False) -> bool:
        """Save a finished run's result (`files_saved`: its files are written already, only the
        project's record is left); False (and told) if the disk refused it."""
        if self.project is None:
            return False
        try:
            self.project.finish_run(run_id, result, files_saved=files_saved)
        except ProjectError as error:
            self._write_failed(error)
            return False
        finally:
            self.runs_changed.emit()
        return True

    def end_run(self, run_id: str, status: str, message: str = "") -> None:
        """Record a run that did not finish (cancelled, failed); a refused save is told once."""
        if self.project is None:
            return
        already_read_only = self.project.read_only is not None
        try:
            self.project.end_run(run_id, status, message)
        except ProjectError as error:
            if already_read_only:  # said when it became read-only: not again for each run
                log.warning("run %s ended (%s) but could not be recorded", run_id, status)
            else:
                self._write_failed(error)
        self.runs_changed.emit()

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

    def replace_result(self, run_id: str, result: Any) -> None:
        """A run's saved result changed (its "unsure" threshold): use the new one wherever that
        run is in use; Predict reloads the run's model."""
        if self.result_run_id == run_id:
            self.result = result
        if self.model_run_id == run_id:
            self.model_result = result
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


def _same_folder(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one project folder (a path to project.json names its folder)."""
    a, b = Path(a), Path(b)
    b = b.parent if b.name == "project.json" else b
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
