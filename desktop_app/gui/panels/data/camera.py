"""The camera on the Data tab: a live preview; hold the record button (or Space) to add frames
to a class — at most a few a second, near-identical frames skipped (`core/capture.py`). The
frames are saved as PNG files in the project folder (`captures/<class>/`) and join the
training data at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.capture import Frame, Recording, Saved, camera_frames
from desktop_app.core.project import Item
from desktop_app.core.project_schema import ProjectError
from desktop_app.core.training.events import Cancelled
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.messages import error_text
from desktop_app.gui.session import ProjectSession

CAMERA_JOB = "camera"
CAPTURES = "captures"
# The frames' source: the first camera. A video file (a path) plays at its own frame rate
# instead; tests and machines without a camera replace this.
SOURCE: int | str = 0


class CameraDialog(QDialog, JobOwner):
    """Preview + hold-to-record into the chosen class."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.recording = Recording()
        self.recorded = 0
        self.setWindowTitle(self.tr("Camera"))
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        hint = QLabel(
            self.tr(
                "Choose a class, then hold the button (or Space) while you show it examples from "
                "different sides. A few frames a second are kept; frames that do not change are "
                "skipped."
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self.preview = QLabel(self.tr("Starting the camera…"))
        self.preview.setMinimumSize(480, 360)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.preview, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Class:")))
        self.class_combo = QComboBox()
        self.class_combo.setEditable(True)  # a new class: type its name
        self.class_combo.setMinimumWidth(200)
        row.addWidget(self.class_combo)
        self.record_button = QPushButton(self.tr("Hold to record"))
        self.record_button.setObjectName("primary")
        self.record_button.pressed.connect(self.start_recording)
        self.record_button.released.connect(self.stop_recording)
        row.addWidget(self.record_button)
        row.addStretch(1)
        self.status = QLabel()
        row.addWidget(self.status)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)

    def start(self) -> bool:
        """Open the camera (or video) and show its frames; False when no project is open."""
        project = self.session.project
        if project is None or self.job_running(CAMERA_JOB):
            return False
        current = self.class_combo.currentText()
        self.class_combo.clear()
        self.class_combo.addItems(project.classes)
        if current:
            self.class_combo.setCurrentText(current)
        self.recorded = 0
        self.status.clear()
        folder = project.folder / CAPTURES
        source, recording = SOURCE, self.recording  # the worker reads only these
        self.start_job(
            CAMERA_JOB,
            lambda cancel: camera_frames(
                source, folder, recording, cancel, pace=isinstance(source, str)
            ),
        )
        return True

    @Slot()
    def start_recording(self) -> None:
        label = self.class_combo.currentText().strip()
        if not label:
            self.status.setText(self.tr("Choose or type a class first."))
            return
        self.recording.label = label
        self.record_button.setText(self.tr("Recording…"))

    @Slot()
    def stop_recording(self) -> None:
        self.recording.label = None
        self.record_button.setText(self.tr("Hold to record"))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.start_recording()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.stop_recording()
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------------ the job's events
    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Frame):
            rgb = event.rgb
            image = QImage(
                rgb.data, rgb.shape[1], rgb.shape[0], rgb.strides[0], QImage.Format.Format_RGB888
            )
            self.preview.setPixmap(
                QPixmap.fromImage(image.copy()).scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        elif isinstance(event, Saved):
            self._add(event)
        elif isinstance(event, Cancelled):
            self.status.setText(self.tr("Camera stopped."))

    def _add(self, saved: Saved) -> None:
        project = self.session.project
        if project is None:
            return
        try:
            project.check_writable()
            if saved.label not in project.classes:
                project.add_class(saved.label)
            project.items[saved.path] = Item(saved.label, "train")
        except ProjectError as error:
            self.status.setText(error_text(error))
            return
        self.session.data_edited()
        self.recorded += 1
        self.status.setText(
            self.tr("%n images recorded into “{0}”", "", self.recorded).format(saved.label)
        )

    def on_done(self, name: str, result: Any) -> None:
        self.stop_recording()

    def on_error(self, name: str, message: str) -> None:
        self.preview.setText(message)

    def done(self, result: int) -> None:  # closing stops the camera
        self.stop_recording()
        self.cancel_job(CAMERA_JOB)
        super().done(result)
