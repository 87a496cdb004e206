"""The Train tab's right column: what the run is doing, its live curves and its messages.

Events of the running job are shown here (plain data on the GUI thread); the curves redraw on
their own timer (ARCHITECTURE rule 5). Strings stay in the "TrainPanel" translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.training.events import EpochEnd, Progress, StepEnd
from desktop_app.gui.panels.train.words import TrainWords, train_words
from desktop_app.gui.widgets.curves import TrainingCurves

translate = QCoreApplication.translate
LOG_LINES = 200


def eta_text(seconds: float | None) -> str:
    """ "about 12 s left" ("" when unknown)."""
    if seconds is None:
        return ""
    if seconds < 1.5:
        return translate("TrainPanel", "about 1 s left")
    if seconds < 90:
        return translate("TrainPanel", "about {0} s left").format(round(seconds))
    return translate("TrainPanel", "about {0} min left").format(round(seconds / 60))


class ProgressView(QWidget):
    """Stage line, progress bar, live result, error line, curves and the message log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words: TrainWords = train_words("image")  # the panel sets the project's kind
        self._steps_per_epoch = 0
        self._epoch_steps: list[StepEnd] = []  # steps of the current epoch, not placed yet
        self._eta = ""  # the last time estimate shown during training
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        title = QLabel(translate("TrainPanel", "Progress"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.stage_label = QLabel(self.words.prompt)
        self.stage_label.setObjectName("hint")
        # Text changes many times a second: a fixed width keeps them from re-laying out the plots.
        self.stage_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.stage_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p %")
        layout.addWidget(self.progress)
        self.live_label = QLabel(" ")
        live_font = self.live_label.font()
        live_font.setPointSizeF(live_font.pointSizeF() * 1.15)
        live_font.setBold(True)
        self.live_label.setFont(live_font)
        self.live_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.live_label)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.curves = TrainingCurves()
        layout.addWidget(self.curves, 1)
        log_title = QLabel(translate("TrainPanel", "Messages"))
        log_title.setObjectName("sectionTitle")
        layout.addWidget(log_title)
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(LOG_LINES)
        self.log_view.setFixedHeight(84)
        layout.addWidget(self.log_view)

    def reset(self) -> None:
        """Another project: no bar, live line, error or messages of the previous one."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.live_label.setText(" ")
        self.show_error("")
        self.log_view.clear()

    def start_run(self) -> None:
        """A run starts: empty curves, log and live line; the bar waits."""
        self._steps_per_epoch = 0
        self._epoch_steps = []
        self._eta = ""
        self.curves.clear()
        self.log_view.clear()
        self.live_label.setText(" ")
        self.stage_label.setText(translate("TrainPanel", "Starting…"))
        self.progress.setRange(0, 0)

    def append_log(self, text: str) -> None:
        self.log_view.appendPlainText(text)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def on_step(self, event: StepEnd) -> None:
        if self._steps_per_epoch:
            within = event.step - (event.epoch - 1) * self._steps_per_epoch
            self.curves.add_step(
                event.epoch - 1 + within / self._steps_per_epoch, event.loss, event.accuracy
            )
        else:  # first epoch: placed when its length is known
            self._epoch_steps.append(event)

    def on_epoch(self, event: EpochEnd) -> None:
        if not self._steps_per_epoch and self._epoch_steps:
            self._steps_per_epoch = len(self._epoch_steps)
            for k, step in enumerate(self._epoch_steps, start=1):
                self.curves.add_step(
                    step.epoch - 1 + k / self._steps_per_epoch, step.loss, step.accuracy
                )
            self._epoch_steps = []
        self.curves.add_epoch(event)
        # the epoch's progress event may come a batch later: say the same epoch now
        self._show_training(event.epoch, event.max_epochs)
        if event.val_accuracy is not None:
            text = translate("TrainPanel", "epoch {0}: val accuracy {1} %").format(
                event.epoch, f"{100 * event.val_accuracy:.1f}"
            )
        else:
            text = translate("TrainPanel", "epoch {0}: train accuracy {1} %").format(
                event.epoch, f"{100 * event.train_accuracy:.1f}"
            )
        self.live_label.setText(text)

    def _set_bar(self, done: int, total: int) -> None:
        if total > 0:
            if self.progress.maximum() != total:
                self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)

    def _show_training(self, epoch: int, max_epochs: int) -> None:
        """Bar and stage line at `epoch` epochs done, with the last time estimate."""
        self._set_bar(epoch, max_epochs)
        text = translate("TrainPanel", "Training epoch {0}/{1}").format(epoch, max_epochs)
        self.stage_label.setText(f"{text} · {self._eta}" if self._eta else text)

    def on_progress(self, event: Progress) -> None:
        if event.stage == "training":
            self._eta = eta_text(event.eta_s)
            self._show_training(event.done, event.total)
            return
        self._set_bar(event.done, event.total)
        if event.stage == "features":
            if event.total and (event.done or not event.message):
                text = self.words.reading.format(event.done, event.total)
            else:
                text = self.words.reading_started
        elif event.stage == "prepare":
            text = translate("TrainPanel", "Getting ready…")
        elif event.stage == "export":
            text = translate("TrainPanel", "Saving the model…")
        else:
            text = event.message or event.stage
        eta = eta_text(event.eta_s)
        self.stage_label.setText(f"{text} · {eta}" if eta else text)

    def end_job(self) -> None:
        """The job ended: the last points drawn, an endless bar stopped."""
        self.curves.flush()
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
