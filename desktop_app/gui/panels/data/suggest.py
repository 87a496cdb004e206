"""Label new images by suggestion: the project's model guesses a label for each unlabelled image
(`core/workflows/suggest.py`, least sure first); the keyboard answers — 1–9 pick a class,
Enter takes the suggestion, S skips — and each answered image joins the project's training data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.inference import PathPrediction, Predictor
from desktop_app.core.project import Item
from desktop_app.core.project_schema import ProjectError
from desktop_app.core.training.events import Cancelled, Progress
from desktop_app.core.workflows.suggest import Suggestions, suggest_labels
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.messages import error_text
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.thumbnails import ThumbnailLoader

SUGGEST_JOB = "suggest"
PICTURE = 300


class SuggestDialog(QDialog, JobOwner):
    """One unlabelled image at a time with the model's suggestion; keys answer."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.rows: list[PathPrediction] = []
        self.index = 0
        self.added = 0
        self.classes: list[str] = []
        self.setWindowTitle(self.tr("Label new images"))
        self.resize(760, 620)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "The model suggests a label for each new image, the ones it is least sure of "
                "first. Press 1–9 to choose a class, Enter to take the suggestion, S to skip."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        busy = QHBoxLayout()
        self.status = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(lambda: self.cancel_job(SUGGEST_JOB))
        busy.addWidget(self.status, 1)
        busy.addWidget(self.bar)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.picture = QLabel()
        self.picture.setFixedSize(PICTURE, PICTURE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        self.name = QLabel()
        self.name.setObjectName("hint")
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.name)
        self.suggestion = QLabel()
        self.suggestion.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.suggestion)
        self.class_grid = QGridLayout()
        layout.addLayout(self.class_grid)
        self.class_buttons: list[QPushButton] = []
        actions = QHBoxLayout()
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("primary")
        self.accept_button.clicked.connect(self.take_suggestion)
        self.skip_button = QPushButton(self.tr("Skip (S)"))
        self.skip_button.clicked.connect(self.skip)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        actions.addStretch(1)
        actions.addWidget(self.accept_button)
        actions.addWidget(self.skip_button)
        actions.addWidget(self.close_button)
        layout.addLayout(actions)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, activated=self.take_suggestion)
        QShortcut(QKeySequence(Qt.Key.Key_S), self, activated=self.skip)
        for number in range(1, 10):
            QShortcut(
                QKeySequence(str(number)), self, activated=lambda n=number: self.choose(n - 1)
            )
        self.loader = ThumbnailLoader(PICTURE, self)  # sharp at this size, not the grid's
        self.loader.ready.connect(self._on_thumbnail)

    # ------------------------------------------------------------------ the job
    def start(self, paths: list[str]) -> bool:
        """Ask the project's model about `paths` (images, folders); False without a model."""
        project, model = self.session.project, self.session.model_path()
        if project is None or model is None or self.job_running(SUGGEST_JOB):
            return False
        self.classes = list(self.session.result.classes)
        self._build_class_buttons()
        self.rows, self.index, self.added = [], 0, 0
        self.status.setText(self.tr("The model is looking at the images…"))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self._show_current()
        self.start_job(
            SUGGEST_JOB,
            lambda cancel: suggest_labels(lambda: Predictor(model), project.task, paths, cancel),
        )
        return True

    def _build_class_buttons(self) -> None:
        for button in self.class_buttons:
            button.deleteLater()
        self.class_buttons = []
        for i, name in enumerate(self.classes):  # keys for the first nine, clicks for all
            button = QPushButton(f"{i + 1}  {name}" if i < 9 else name)
            button.clicked.connect(lambda _=False, n=i: self.choose(n))
            self.class_grid.addWidget(button, i // 3, i % 3)
            self.class_buttons.append(button)

    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Progress) and event.total > 0:
            self.bar.setRange(0, event.total)
            self.bar.setValue(event.done)
        elif isinstance(event, Cancelled):
            self.status.setText(self.tr("Cancelled."))

    def on_done(self, name: str, result: Any) -> None:
        project = self.session.project
        assert isinstance(result, Suggestions)
        known = set(project.items) if project is not None else set()
        self.rows = [r for r in result.rows if r.prediction is not None and r.path not in known]
        self.index = 0
        self._show_current()

    def on_error(self, name: str, message: str) -> None:
        self.status.setText(message)

    def on_job_finished(self, name: str) -> None:
        self.bar.hide()
        self.cancel_button.hide()

    # ------------------------------------------------------------------ answering
    @property
    def current(self) -> PathPrediction | None:
        return self.rows[self.index] if self.index < len(self.rows) else None

    def _show_current(self) -> None:
        row = self.current
        answering = row is not None
        for button in (*self.class_buttons, self.accept_button, self.skip_button):
            button.setEnabled(answering)
        if row is None:
            self.picture.clear()
            self.name.clear()
            self.suggestion.clear()
            self.accept_button.setText(self.tr("Take the suggestion (Enter)"))
            if not self.job_running(SUGGEST_JOB):
                self.status.setText(
                    self.tr("All done: %n images added to the project.", "", self.added)
                )
            return
        p = row.prediction
        self.status.setText(
            self.tr("Image {0} of {1} · %n added", "", self.added).format(
                self.index + 1, len(self.rows)
            )
        )
        self.name.setText(Path(row.path).name)
        others = ", ".join(
            f"{label} {round(100 * prob)} %"
            for label, prob in zip(p.labels[1:], p.probabilities[1:], strict=True)
        )
        self.suggestion.setText(
            self.tr("Suggestion: <b>{0}</b> ({1} %) · then {2}").format(
                p.label, round(100 * p.probabilities[0]), others
            )
        )
        self.accept_button.setText(self.tr("Take “{0}” (Enter)").format(p.label))
        found = self.loader.get(row.path)
        self._show_picture(found)

    def _show_picture(self, image: Any) -> None:
        if image is None or isinstance(image, str):
            self.picture.clear()
            return
        self.picture.setPixmap(
            QPixmap.fromImage(image).scaled(
                PICTURE,
                PICTURE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    @Slot(str)
    def _on_thumbnail(self, path: str) -> None:
        if self.current is not None and self.current.path == path:
            self._show_picture(self.loader.get(path))

    @Slot()
    def take_suggestion(self) -> None:
        if self.current is not None:
            self._label(self.current.prediction.label)

    def choose(self, number: int) -> None:
        """Key `number + 1` (or its button): the class at that place in the list."""
        if self.current is not None and number < len(self.classes):
            self._label(self.classes[number])

    @Slot()
    def skip(self) -> None:
        if self.current is not None:
            self.index += 1
            self._show_current()

    def _label(self, label: str) -> None:
        project, row = self.session.project, self.current
        if project is None or row is None:
            return
        try:
            project.check_writable()
            if label not in project.classes:
                project.add_class(label)
            project.items[row.path] = Item(label, "train")
        except ProjectError as error:
            self.status.setText(error_text(error))
            return
        self.session.data_edited()
        self.added += 1
        self.index += 1
        self._show_current()

    def done(self, result: int) -> None:  # closing cancels the model's pass
        self.cancel_job(SUGGEST_JOB)
        super().done(result)
