""" "Evaluate on other data…" on the Evaluate tab: measure the current model on a folder of
labelled images (or a file of labelled texts) it was not trained on, with progress and Cancel.

Runs the evaluate workflow (`core/workflows/evaluate.py`, the same as `desktop-app evaluate`) on a
background job ("evaluate-other-data", the job-owner helper); the answer is one line: accuracy
and macro-F1 on how many items. What differs per kind of data (the chooser, "images" or
"texts") comes from the tab's cell page for the project's kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop_app.core.training.events import CancelToken, Progress
from desktop_app.core.workflows.evaluate import Evaluation, Mistake, evaluate_on_data
from desktop_app.core.workflows.importing import ReadOptions
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.panels.evaluate.cells import CellPage
from desktop_app.gui.panels.evaluate.mistakes_dialog import MistakesDialog
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.job_row import add_job_widgets

JOB = "evaluate-other-data"


class OtherDataEvaluator(QWidget, JobOwner):
    """A button, a progress bar with Cancel while it runs, and the result in one line."""

    finished = Signal(str)  # the result line; "" when cancelled, failed or nothing to measure

    def __init__(
        self,
        session: ProjectSession,
        page: Callable[[], CellPage],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._page = page  # the Evaluate tab's page for the project's kind of data
        self._evaluation: Evaluation | None = None
        self._error = ""
        self._name = ""

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(self.tr("Evaluate on other data…"))
        self.button.setToolTip(
            self.tr(
                "Measure this model on labelled data it was not trained on: a folder with one "
                "sub-folder of images per class, or a file of texts with labels."
            )
        )
        self.button.clicked.connect(self._choose)
        row.addWidget(self.button)
        self.progress, self.cancel_button, self.result_label = add_job_widgets(
            row, self.cancel, 260
        )
        self.mistakes_button = QPushButton("")
        self.mistakes_button.setToolTip(
            self.tr("The items the model got wrong on this data, its surest mistakes first.")
        )
        self.mistakes_button.clicked.connect(self.show_mistakes)
        self.mistakes_button.setVisible(False)
        row.addWidget(self.mistakes_button)
        self.mistakes: tuple[Mistake, ...] = ()
        self.mistakes_dialog: MistakesDialog | None = None

    @property
    def running(self) -> bool:
        return self.job_running(JOB)

    def evaluate(self, path: str) -> bool:
        """Measure the current model on the data at `path`; `finished` tells the result."""
        model = self.session.model_path()
        if model is None or self.running:
            return False
        self._evaluation, self._error, self._name = None, "", Path(path).name
        self.mistakes = ()
        self.mistakes_button.setVisible(False)
        self.progress.setRange(0, 0)
        self.result_label.setText(self.tr("Evaluating on {0}…").format(self._name))

        def make(cancel: CancelToken) -> Iterator[Any]:
            # All of a plain folder or file is measured (a test split where the data has one).
            return evaluate_on_data(model, path, cancel, ReadOptions(val_fraction=0.0))

        self.start_job(JOB, make)
        self._show_running(True)
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop after the batch in progress."""
        if self.running:
            self.cancel_job(JOB)
            self.result_label.setText(self.tr("Cancelling…"))

    @Slot()
    def show_mistakes(self) -> None:
        """The last evaluation's mistakes in a window of their own (closed with Esc)."""
        if not self.mistakes:
            return
        if self.mistakes_dialog is not None:  # one such window at a time
            self.mistakes_dialog.close()
            self.mistakes_dialog.deleteLater()
        self.mistakes_dialog = MistakesDialog(
            self.mistakes, self._page().kind, self._name, self.window()
        )
        self.mistakes_dialog.show()

    @Slot()
    def _choose(self) -> None:
        path = self._page().choose_data(self)
        if path:
            self.evaluate(path)

    def _measured_line(self, n: int) -> str:
        """The result line's template ({0}-{2}: where, accuracy, macro-F1) for the project's
        kind of data. Here and not on the cell pages: lupdate reads plural forms (%n) only from
        self.tr() in this class, the strings' translation context."""
        lines = {
            "image": self.tr("{0}: accuracy {1} %, macro-F1 {2} on %n images.", "", n),
            "text": self.tr("{0}: accuracy {1} %, macro-F1 {2} on %n texts.", "", n),
        }
        return lines[self._page().kind]

    def _show_running(self, running: bool) -> None:
        self.button.setEnabled(not running)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)

    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Progress) and event.total > 0:
            self.progress.setRange(0, event.total)
            self.progress.setValue(event.done)

    def on_done(self, name: str, result: Any) -> None:
        if isinstance(result, Evaluation):
            self._evaluation = result

    def on_error(self, name: str, message: str) -> None:
        self._error = message

    def on_job_finished(self, name: str) -> None:
        self._show_running(False)
        evaluation, name = self._evaluation, self._name
        self._evaluation = None
        line = ""
        if evaluation is not None and evaluation.metrics is not None:
            metrics = evaluation.metrics
            line = self._measured_line(metrics.n).format(
                name, f"{100 * metrics.accuracy:.1f}", f"{metrics.macro_f1:.3f}"
            )
            if evaluation.skipped:
                line += " " + self.tr("(%n skipped)", "", len(evaluation.skipped))
            self.result_label.setText(line)
            self.mistakes = evaluation.mistakes
            self.mistakes_button.setText(self.tr("Show %n mistakes", "", len(self.mistakes)))
            self.mistakes_button.setVisible(bool(self.mistakes))
        elif evaluation is not None:
            self.result_label.setText(
                self.tr("Nothing in {0} belongs to the model's classes.").format(name)
            )
        elif self._error:
            self.result_label.setText(
                self.tr("Evaluating on {0} failed: {1}").format(name, self._error)
            )
        else:
            self.result_label.setText(self.tr("Evaluating on {0} was cancelled.").format(name))
        self.finished.emit(line)
