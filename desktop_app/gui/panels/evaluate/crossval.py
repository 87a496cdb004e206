""" "Check with cross-validation" on the Evaluate tab: is the one test figure above luck?

Trains FOLDS heads on the project's data (train and val items; a test split stays out), each
measured on the fifth it did not see, with the run's settings, on the cached features: seconds.
The crossval workflow (`core/workflows/crossval.py`, the same as `desktop-app train --folds K`)
runs in a child process (torch is imported there, never in the window) on the job-owner helper,
with a progress bar, an estimate of the time left and Cancel. The answer is in plain words: the
mean ± spread of accuracy and macro-F1, and each split's accuracy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.core.child import run_in_child
from desktop_app.core.training.events import Cancelled, CancelToken, EtaClock, Progress
from desktop_app.core.workflows.crossval import cross_validate
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.panels.train.progress import eta_text
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.job_row import add_job_widgets

JOB = "cross-validation"
FOLDS = 5
CHILD_NICE = 5  # as training: the window's GUI thread is served first
STEADY_SPREAD = 0.02  # below this standard deviation of accuracy the splits "agree"


def crossval_job(config: Any, dataset: Any, folds: int = FOLDS) -> Any:
    """The worker's generator factory: cross-validation in a child process."""

    def run(cancel: CancelToken) -> Iterator[Any]:
        yield Progress("prepare", 0, 0)  # at once: the child takes a moment to start
        yield from run_in_child(
            cross_validate, config, dataset, folds, cancel=cancel, nice=CHILD_NICE
        )

    return run


def percent(value: float) -> str:
    return f"{100 * value:.1f}"


class CrossValidationCheck(QWidget, JobOwner):
    """A button; while it runs a progress bar, the time left and Cancel; then the figures."""

    finished = Signal(str)  # the result line; "" when cancelled or failed

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._result: Any = None
        self._error = ""
        self._clock: EtaClock | None = None
        self.cv: Any = None  # the last CrossValidation shown
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self.tr("Check with cross-validation"))
        self.button.setToolTip(
            self.tr(
                "Train {0} more models, each on a different part of the data and tested on "
                "the rest, to see how much the figures above depend on which examples were "
                "held out. Uses the saved features: usually seconds."
            ).format(FOLDS)
        )
        self.button.clicked.connect(self.start)
        row.addWidget(self.button)
        self.progress, self.cancel_button, self.result_label = add_job_widgets(
            row, self.cancel, 200
        )

    @property
    def running(self) -> bool:
        return self.job_running(JOB)

    def reset(self) -> None:
        """Another run or project is shown: its figures are not these."""
        if not self.running:
            self.result_label.setText("")
            self.result_label.setToolTip("")
            self.cv = None
        self.update_enabled()

    def update_enabled(self) -> None:
        """The button works when a run is shown and no check runs."""
        result = self.session.result if self.session.project is not None else None
        self.button.setEnabled(result is not None and not self.running)

    @Slot()
    def start(self) -> bool:
        """Cross-validate the project's data with the shown run's settings."""
        project, result = self.session.project, self.session.result
        if project is None or result is None or self.running:
            return False
        dataset = project.dataset()
        used = sum(split != "test" for split in dataset.splits)
        if len(dataset.classes) < 2 or used < 2 * FOLDS:
            self.result_label.setText(
                self.tr("Too few items to split {0} ways: add more and train again.").format(FOLDS)
            )
            return False
        config = result.config
        if getattr(config, "fine_tune", False):  # the check trains heads on frozen features
            config = replace(config, fine_tune=False)
        self._result, self._error, self.cv = None, "", None
        self._clock = None
        self.progress.setRange(0, 0)
        self.result_label.setText(self.tr("Starting…"))
        self.result_label.setToolTip("")
        self.start_job(JOB, crossval_job(config, dataset))
        self._show_running(True)
        return True

    @Slot()
    def cancel(self) -> None:
        if self.running:
            self.cancel_job(JOB)
            self.result_label.setText(self.tr("Cancelling…"))

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.update_enabled()

    # ------------------------------------------------------------------ job
    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Cancelled):
            return
        if not isinstance(event, Progress):
            return
        if event.total <= 0:
            self.progress.setRange(0, 0)
            return
        self.progress.setRange(0, event.total)
        self.progress.setValue(event.done)
        if event.stage == "cross-validation":
            if self._clock is None or self._clock.total != event.total:
                self._clock = EtaClock(event.total)
            # epochs of all folds together; early stopping usually ends sooner
            left = eta_text(self._clock.eta(event.done))
            text = self.tr("Training {0} models…").format(FOLDS)
        else:
            left = eta_text(event.eta_s)
            text = self.tr("Reading the data…")
        self.result_label.setText(f"{text} {left}".strip())

    def on_done(self, name: str, result: Any) -> None:
        self._result = result

    def on_error(self, name: str, message: str) -> None:
        self._error = message

    def on_job_finished(self, name: str) -> None:
        self._show_running(False)
        cv, self._result = self._result, None
        line = ""
        if cv is not None:
            self.cv = cv
            line = self.tr(
                "Across {0} different splits, accuracy was {1} % ± {2} and macro-F1 {3} % ± {4}."
            ).format(
                cv.folds,
                percent(cv.accuracy_mean),
                percent(cv.accuracy_std),
                percent(cv.macro_f1_mean),
                percent(cv.macro_f1_std),
            )
            if cv.accuracy_std < STEADY_SPREAD:
                line += " " + self.tr("The splits agree: the figures above are a fair estimate.")
            else:
                line += " " + self.tr(
                    "The splits differ by several points: the figures above are rough; more "
                    "examples would make them steadier."
                )
            each = ", ".join(f"{percent(f.accuracy)} %" for f in cv.per_fold)
            details = self.tr("Accuracy of each split: {0}.").format(each)
            self.result_label.setText(line + "\n" + details)
            self.result_label.setToolTip(
                "\n".join(
                    self.tr("Split {0}: accuracy {1} %, macro-F1 {2} % ({3} held out)").format(
                        f.fold, percent(f.accuracy), percent(f.macro_f1), f.n_held_out
                    )
                    for f in cv.per_fold
                )
            )
        elif self._error:
            self.result_label.setText(self.tr("Cross-validation failed: {0}").format(self._error))
        else:
            self.result_label.setText(self.tr("Cross-validation was cancelled."))
        self.finished.emit(line)
