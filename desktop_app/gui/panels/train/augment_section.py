"""The Train tab's fine-tune section (shown while "Best accuracy" is ticked): the augmentations,
pre-set from the choice measured on the data with its reason, a strip of augmented training
images with "Shuffle", and how long the fine-tune should take on this computer.

The preview, the choice and the estimate come from one job (`core.workflows.finetune_plan`)
run in a child process: it imports albumentations and torch, which the window never does."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.child import run_in_child
from desktop_app.core.training.augment import AUGMENTATIONS
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken, Progress
from desktop_app.core.workflows.finetune_plan import (
    PREVIEW_PER_ROUND,
    THUMBNAIL,
    AugmentPreview,
    ChoiceReady,
    plan_fine_tune,
    preview_only,
)
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.messages import phrase_text

JOB = "fine-tune plan"
CHILD_NICE = 5
DELAY_MS = 400  # a burst of edits (data, model) starts one job, after it


def plan_job(config: TrainConfig, dataset: Any, seed: int, preview: bool) -> Any:
    """The worker's generator factory: the plan (or only a new preview) in a child process."""

    def run(cancel: CancelToken) -> Any:
        target = preview_only if preview else plan_fine_tune
        yield from run_in_child(
            target, config, dataset, cancel=cancel, preview_seed=seed, nice=CHILD_NICE
        )

    return run


def duration_text(seconds: float, earliest: float | None = None) -> str:
    """ "about 40 s", "about 4 min", "about 3–5 min" (from `earliest`), "about 1 h 10 min",
    in the user's language."""
    if seconds < 50:
        text = QCoreApplication.translate("FineTuneSection", "about {0} s")
        return text.format(max(5, round(seconds / 5) * 5))
    minutes = max(1, round(seconds / 60))
    if minutes >= 60:
        text = QCoreApplication.translate("FineTuneSection", "about {0} h {1} min")
        return text.format(minutes // 60, f"{minutes % 60:02d}")
    low = max(1, round((earliest if earliest is not None else seconds) / 60))
    if low < minutes:
        text = QCoreApplication.translate("FineTuneSection", "about {0}–{1} min")
        return text.format(low, minutes)
    return QCoreApplication.translate("FineTuneSection", "about {0} min").format(minutes)


class FineTuneSection(QFrame, JobOwner):
    """Augmentation checkboxes with the automatic choice's reason, a preview strip, the
    estimate. `augmentations()` is None while the automatic choice stands (the run measures
    it again, the same way), else the names ticked."""

    changed = Signal()  # the user ticked or unticked an augmentation

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.session = session
        self._config: TrainConfig | None = None
        self._dataset: Any = None
        self._pending = False  # restart the job when the running one has ended
        self._measured = False  # the choice and the estimate for this model and data are in
        self._edited = False  # the user changed the ticks: their choice, not the automatic one
        self._automatic: tuple[str, ...] | None = None
        self._preview: AugmentPreview | None = None
        self._round = 0
        self._seed = 0

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.title = QLabel(self.tr("Varied copies for fine-tuning"))
        self.title.setObjectName("sectionTitle")
        layout.addWidget(self.title)
        self.estimate_label = QLabel()  # first: what a user decides on
        self.estimate_label.setWordWrap(True)
        layout.addWidget(self.estimate_label)
        self.reason_label = QLabel(self.tr("Checking which changes suit your images…"))
        self.reason_label.setObjectName("hint")
        self.reason_label.setWordWrap(True)
        layout.addWidget(self.reason_label)

        words = {
            "crop": (self.tr("Crop and zoom"), self.tr("A random part of the image, enlarged")),
            "flip": (
                self.tr("Mirror left–right"),
                self.tr("Half of the images mirrored; off when which way they face matters"),
            ),
            "rotate": (self.tr("Turn a little"), self.tr("Up to 10 degrees either way")),
            "colour": (
                self.tr("Change colours"),
                self.tr("Brightness, contrast and saturation a little different"),
            ),
        }
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        self.checks: dict[str, QCheckBox] = {}
        for i, name in enumerate(AUGMENTATIONS):
            text, tip = words[name]
            check = QCheckBox(text)
            check.setToolTip(tip)
            check.setChecked(True)
            check.toggled.connect(self._on_ticked)
            self.checks[name] = check
            grid.addWidget(check, i // 2, i % 2)
        layout.addLayout(grid)

        self.strip = QWidget()
        strip = QGridLayout(self.strip)
        strip.setContentsMargins(0, 2, 0, 2)
        strip.setSpacing(4)
        self.thumbnails: list[QLabel] = []
        for i in range(PREVIEW_PER_ROUND):
            label = QLabel()
            label.setFixedSize(THUMBNAIL, THUMBNAIL)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setObjectName("thumbnail")
            self.thumbnails.append(label)
            strip.addWidget(label, i // 4, i % 4)
        layout.addWidget(self.strip)
        row = QHBoxLayout()
        self.preview_label = QLabel(self.tr("Preparing a preview…"))
        self.preview_label.setObjectName("hint")
        self.preview_label.setWordWrap(True)
        row.addWidget(self.preview_label, 1)
        self.shuffle_button = QPushButton(self.tr("Shuffle"))
        self.shuffle_button.setToolTip(self.tr("Other images, other random changes"))
        self.shuffle_button.setEnabled(False)
        self.shuffle_button.clicked.connect(self.shuffle)
        row.addWidget(self.shuffle_button)
        layout.addLayout(row)

        self._texts = False  # a text project: no augmentation, the estimate alone
        self._image_parts = [self.reason_label, self.strip, self.preview_label]
        self._image_parts += [self.shuffle_button, *self.checks.values()]

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._start)

    def set_texts(self, texts: bool) -> None:
        """A text project: the section says how long the fine-tune takes, nothing else."""
        self._texts = texts
        for widget in self._image_parts:
            widget.setVisible(not texts)
        self.title.setText(
            self.tr("Fine-tuning your texts") if texts else self.tr("Varied copies for fine-tuning")
        )

    # ------------------------------------------------------------------ settings
    def augmentations(self) -> tuple[str, ...] | None:
        """The names ticked when the user chose them; None while the automatic choice stands."""
        if not self._edited:
            return None
        return tuple(name for name, check in self.checks.items() if check.isChecked())

    def show_augmentations(self, names: tuple[str, ...] | None) -> None:
        """Saved settings: the user's names, or None (automatic: ticks from the measurement)."""
        self._edited = names is not None
        self._tick(names if names is not None else (self._automatic or tuple(AUGMENTATIONS)))

    def _tick(self, names: tuple[str, ...]) -> None:
        for name, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(name in names)
            check.blockSignals(False)
        self._show_preview()

    def _on_ticked(self) -> None:
        self._edited = True
        self._show_preview()
        self.changed.emit()

    # ------------------------------------------------------------------ the job
    def plan(self, config: TrainConfig, dataset: Any) -> None:
        """Measure again for this model and data (soon: a burst of changes starts one job)."""
        self._config, self._dataset = config, dataset
        self._preview, self._automatic = None, None
        self._measured = False
        self._round = 0
        self._show_preview()
        self.reason_label.setText(self.tr("Checking which changes suit your images…"))
        self.estimate_label.setText(self.tr("Estimating how long fine-tuning takes…"))
        self._timer.start()

    def stop(self) -> None:
        """Nothing to plan now (training started, the section was hidden, another project)."""
        self._timer.stop()
        self._pending = False
        self._config = self._dataset = None
        self.cancel_job(JOB)

    def pause(self) -> bool:
        """A run starts: when the choice and the estimate for this model and data are in, True,
        and they stay shown for after the run (the same figures hold); a job still going (the
        plan's process closing, or new preview images) stops and the preview shown stays.
        Else as `stop`, and False: measured again after the run."""
        if not self._measured:
            self.stop()
            return False
        self._timer.stop()
        self._pending = False
        if self.job_running(JOB):
            self.cancel_job(JOB)
            self._show_preview()
        return True

    def _start(self, preview_only: bool = False) -> None:
        if self._config is None or not self.window().isVisible():  # nothing, or closed
            return
        if self.job_running(JOB):
            self._pending = True
            self.cancel_job(JOB)
            return
        self._pending = False
        self.start_job(JOB, plan_job(self._config, self._dataset, self._seed, preview_only))

    def shuffle(self) -> None:
        """The next draw; after the last, new images and draws (a short job)."""
        if self._preview is None:
            return
        self._round += 1
        if self._round < len(self._preview.pictures):
            self._show_preview()
            return
        self._seed += 1
        self._round = 0
        self.shuffle_button.setEnabled(False)
        self.preview_label.setText(self.tr("Preparing a preview…"))
        if not self.job_running(JOB):
            self._start(preview_only=True)

    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, AugmentPreview):
            self._take_preview(event)
        elif isinstance(event, ChoiceReady) and event.choice is not None:
            choice = event.choice
            self._automatic = tuple(choice.names)
            self.reason_label.setText(phrase_text(choice.reason))
            if not self._edited:
                self._tick(self._automatic)
        elif isinstance(event, Progress) and event.stage == "estimate" and event.total:
            self.estimate_label.setText(
                self.tr("Estimating how long fine-tuning takes… ({0}/{1})").format(
                    event.done, event.total
                )
            )

    def on_done(self, name: str, result: Any) -> None:
        if isinstance(result, AugmentPreview):
            self._take_preview(result)
            return
        self._measured = True
        if result is None:  # a few steps: the probe would take as long as the fine-tune
            self.estimate_label.setText(
                self.tr("Fine-tuning: a short one on this data (a few steps).")
            )
            self.estimate_label.setToolTip("")
            return
        self.estimate_label.setText(
            self.tr("Fine-tuning: {0} on this computer (measured with your images).").format(
                duration_text(result.seconds, result.earliest_seconds)
            )
        )
        if self._texts:
            tip = self.tr(
                "Measured by running the model's top layers on a few of your texts for a few "
                "steps, then scaled to all of them. The quick training before it is not included."
            )
        else:
            tip = self.tr(
                "Measured by fine-tuning a few images for a few steps, then scaled to all of "
                "yours. The shorter time if it stops early, when the model stops improving."
            )
        self.estimate_label.setToolTip(tip)

    def on_error(self, name: str, message: str) -> None:
        self.estimate_label.setText(self.tr("Could not estimate the time: {0}").format(message))

    def on_job_finished(self, name: str) -> None:
        if self._pending and self._config is not None:
            self._timer.start()

    # ------------------------------------------------------------------ preview
    def _take_preview(self, preview: AugmentPreview) -> None:
        self._preview = preview
        self._round = 0
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self._preview
        ready = preview is not None and preview.pictures.size > 0
        self.shuffle_button.setEnabled(ready)
        if not ready:
            for label in self.thumbnails:
                label.clear()
            return
        names = tuple(name for name, check in self.checks.items() if check.isChecked())
        pictures = preview.show(names, self._round)
        for label, picture in zip(self.thumbnails, list(pictures) + [None] * 8, strict=False):
            if picture is None:
                label.clear()
                continue
            label.setPixmap(QPixmap.fromImage(_qimage(picture)))
        self.preview_label.setText(
            self.tr("What training sees: your images with the changes ticked above.")
            if names
            else self.tr("No changes ticked: training sees your images as they are.")
        )


def _qimage(picture: np.ndarray) -> QImage:
    picture = np.ascontiguousarray(picture)
    height, width = picture.shape[:2]
    return QImage(picture.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
