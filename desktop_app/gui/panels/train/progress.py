"""The Train tab's right column: what the run is doing, its live curves and its messages.

Events of the running job are shown here (plain data on the GUI thread); the curves redraw on
their own timer (ARCHITECTURE rule 5). Strings stay in the "TrainPanel" translation context.

One bar covers the whole run (issue 15, rough edge 11): step 1 reading the data, step 2
training, step 3 saving, each over its own stretch of the bar, which never moves back. Reading
takes the larger stretch when most items must be computed (the features stage's `Plan` says how
many), a small one when they come from the cache. While the data is read, the live map of the
items (`FeatureMapView`) takes the place of the still-empty curves; the curves come back at the
first epoch, and either can be picked with the two buttons above them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.feature_map import MapPoints
from desktop_app.core.training.events import EpochEnd, Plan, Progress, StepEnd
from desktop_app.gui.model_words import model_name, model_title
from desktop_app.gui.panels.train.words import TrainWords, train_words
from desktop_app.gui.widgets.curves import TrainingCurves
from desktop_app.gui.widgets.feature_map import FeatureMapView

translate = QCoreApplication.translate
LOG_LINES = 200
BAR_SCALE = 1000  # the bar's range: per mille of the whole run
READ_START = 20  # getting ready (starting the training process) takes the first 2 %
READ_END_CACHED = 80  # reading ends here when every item is in the cache
READ_END_COMPUTED = 800  # … and here when every item must be computed
SAVE_START = 970  # saving the model takes the last 3 %
FINE_TUNE_HEAD_SHARE = 0.1  # a fine-tuning run: the head's quick training, of step 2's stretch
# texts: reading the lower layers' token states, of the fine-tune's stretch (ChnSentiCorp: 187 s of
# reading to 693 s of steps, 2 cores)
READ_SHARE = 0.2
STEPS = 3


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
        self._read_end = READ_START + (READ_END_COMPUTED - READ_START) // 2  # until the Plan
        self._fine_tune = False  # this run fine-tunes the model after the head
        self._candidates: tuple[str, ...] = ()  # an Automatic run's candidates
        self._items = 0  # the run's items
        self._fine_tune_started = False
        self._fine_tune_read = False  # texts: the fine-tune began by reading their states
        self._step_epoch, self._step_in_epoch = 0, 0  # the epoch of the last step, its count
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
        self.progress.setRange(0, BAR_SCALE)
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
        switch = QHBoxLayout()
        switch.setSpacing(0)
        self.curves_button = QToolButton()
        self.curves_button.setText(translate("TrainPanel", "Curves"))
        self.map_button = QToolButton()
        self.map_button.setText(translate("TrainPanel", "Map of the data"))
        self.map_button.setToolTip(
            translate(
                "TrainPanel",
                "Where each item lies for the chosen model, drawn while the data is read",
            )
        )
        self._views = QButtonGroup(self)
        for index, button in enumerate((self.curves_button, self.map_button)):
            button.setCheckable(True)
            button.setObjectName("segment")
            self._views.addButton(button, index)
            switch.addWidget(button)
        switch.addStretch(1)
        layout.addLayout(switch)
        self.stack = QStackedWidget()
        self.curves = TrainingCurves()
        self.feature_map = FeatureMapView()
        self.stack.addWidget(self.curves)
        self.stack.addWidget(self.feature_map)
        layout.addWidget(self.stack, 1)
        self._views.idClicked.connect(self.stack.setCurrentIndex)
        self.show_view("curves")
        log_title = QLabel(translate("TrainPanel", "Messages"))
        log_title.setObjectName("sectionTitle")
        layout.addWidget(log_title)
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(LOG_LINES)
        self.log_view.setFixedHeight(84)
        layout.addWidget(self.log_view)

    def add_under_result(self, widget: QWidget) -> None:
        """Place `widget` under the live result line (e.g. what the Automatic choice chose)."""
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.live_label) + 1, widget)

    def show_view(self, name: str) -> None:
        """Show the "curves" or the "map"."""
        index = 1 if name == "map" else 0
        self.stack.setCurrentIndex(index)
        self._views.button(index).setChecked(True)

    def current_view(self) -> str:
        return "map" if self.stack.currentIndex() == 1 else "curves"

    def set_kind(self, words: TrainWords, kind: str) -> None:
        """The open project's words (images or texts)."""
        self.words = words
        self.feature_map.set_kind(kind)

    def reset(self) -> None:
        """Another project: no bar, live line, error, map or messages of the previous one."""
        self.progress.setRange(0, BAR_SCALE)
        self.progress.setValue(0)
        self.live_label.setText(" ")
        self.show_error("")
        self.log_view.clear()
        self.feature_map.set_items((), (), ())
        self.show_view("curves")

    def start_run(
        self,
        classes: Sequence[str] = (),
        labels: Sequence[int] = (),
        names: Sequence[str] = (),
        fine_tune: bool = False,
        candidates: Sequence[str] = (),
    ) -> None:
        """A run starts: empty curves, map, log and live line; the bar at 0. `classes`,
        `labels` and `names` (each item's class index and name) colour and name the map;
        `fine_tune`: the head's training takes a short stretch of step 2, the fine-tune the rest;
        `candidates`: the Automatic choice's models, whose images are read one after another."""
        self._fine_tune, self._fine_tune_started = fine_tune, False
        self._fine_tune_read = False
        self._candidates = tuple(candidates)  # the Automatic choice's, read one after another
        self._items = len(names)
        self._step_epoch, self._step_in_epoch = 0, 0
        self._steps_per_epoch = 0
        self._epoch_steps = []
        self._eta = ""
        self._read_end = READ_START + (READ_END_COMPUTED - READ_START) // 2
        self.curves.clear()
        self.show_view("curves")  # the map comes back when this run's first items are read
        self.feature_map.set_items(classes, labels, names)
        self.log_view.clear()
        self.live_label.setText(" ")
        self._set_stage(1, translate("TrainPanel", "Starting…"))
        self.progress.setRange(0, BAR_SCALE)
        self.progress.setValue(0)

    def append_log(self, text: str) -> None:
        self.log_view.appendPlainText(text)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def on_step(self, event: StepEnd) -> None:
        # counted within its epoch (a fine-tune numbers its steps from 1 again)
        if event.epoch != self._step_epoch:
            self._step_epoch, self._step_in_epoch = event.epoch, 0
        self._step_in_epoch += 1
        if self._steps_per_epoch:
            within = min(self._step_in_epoch, self._steps_per_epoch)
            self.curves.add_step(
                event.epoch - 1 + within / self._steps_per_epoch, event.loss, event.accuracy
            )
        else:  # a phase's first epoch: placed when its length is known
            self._epoch_steps.append(event)

    def on_plan(self, event: Plan) -> None:
        """The features stage says how much must be computed: size its stretch of the bar."""
        if event.stage == "features" and event.total > 0:
            share = min(1.0, max(0.0, event.to_do / event.total))
            self._read_end = round(READ_END_CACHED + (READ_END_COMPUTED - READ_END_CACHED) * share)

    def on_map(self, points: MapPoints) -> None:
        """The newest map of the items read so far; shown while the curves are still empty."""
        self.feature_map.show_points(points)
        if not self.curves.point_counts()["train"] and self.current_view() != "map":
            self.show_view("map")

    def on_epoch(self, event: EpochEnd) -> None:
        if event.epoch == 1 and self.current_view() == "map":
            self.show_view("curves")  # something to watch there now
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

    def _stretch(self, stage: str) -> tuple[int, int]:
        """The part of the bar (per mille) that `stage` fills."""
        if stage == "features":
            return READ_START, self._read_end
        head_end = (
            self._read_end + round(FINE_TUNE_HEAD_SHARE * (SAVE_START - self._read_end))
            if self._fine_tune
            else SAVE_START
        )
        if stage in ("training", "compare"):  # compare: the Automatic choice's candidates
            return self._read_end, head_end
        if stage == "fine_tune_read":  # texts: the lower layers' token states, first
            return head_end, head_end + round(READ_SHARE * (SAVE_START - head_end))
        if stage == "fine_tune":
            if self._fine_tune_read:
                return self._stretch("fine_tune_read")[1], SAVE_START
            return head_end, SAVE_START
        if stage == "export":
            return SAVE_START, BAR_SCALE
        return 0, READ_START

    def _set_bar(self, stage: str, done: int, total: int) -> None:
        """Move the bar to `done`/`total` of `stage`'s stretch; never back."""
        start, end = self._stretch(stage)
        share = min(1.0, done / total) if total > 0 else 0.0
        value = round(start + (end - start) * share)
        if self.progress.maximum() != BAR_SCALE:
            self.progress.setRange(0, BAR_SCALE)
        if value > self.progress.value():
            self.progress.setValue(value)

    def _set_stage(self, step: int, text: str, eta: str = "") -> None:
        """ "Step 2 of 3: Training epoch 4/60 · about 12 s left"."""
        line = translate("TrainPanel", "Step {0} of {1}: {2}").format(step, STEPS, text)
        self.stage_label.setText(f"{line} · {eta}" if eta else line)

    def _show_training(self, epoch: int, max_epochs: int) -> None:
        """Bar and stage line at `epoch` epochs done, with the last time estimate."""
        self._set_bar("training", epoch, max_epochs)
        text = translate("TrainPanel", "Training epoch {0}/{1}").format(epoch, max_epochs)
        self._set_stage(2, text, self._eta)

    def on_progress(self, event: Progress) -> None:
        if event.stage == "training":
            self._eta = eta_text(event.eta_s)
            self._show_training(event.done, event.total)
            return
        if event.stage in ("fine_tune", "fine_tune_read"):
            self._show_fine_tune(event)
            return
        if event.stage == "compare":  # the Automatic choice trains each candidate's head
            self._set_bar("compare", event.done, event.total)
            name = model_name(event.message)
            text = translate("TrainPanel", "Comparing the models: trying {0}").format(name)
            self._set_stage(2, text, eta_text(event.eta_s))
            return
        if event.stage == "augment":  # before the fine-tune: its augmentations, measured
            text = translate("TrainPanel", "Fine-tuning: choosing the changes for your images…")
            self._set_stage(2, text)
            return
        self._set_bar(event.stage, event.done, event.total)
        step = {"features": 1, "prepare": 1, "export": 3}.get(event.stage, 2)
        if event.stage == "features":
            if event.message in self._candidates and self._items:  # "… 438/2062 · Accurate"
                each = self._items  # the event counts the items of every candidate in turn
                done = event.done - self._candidates.index(event.message) * each
                name = model_title(event.message) or event.message
                text = f"{self.words.reading.format(done, each)} · {name}"
            elif event.total and (event.done or not event.message):
                text = self.words.reading.format(event.done, event.total)
            else:
                text = self.words.reading_started
        elif event.stage == "prepare":
            text = translate("TrainPanel", "Getting ready…")
        elif event.stage == "export":
            text = translate("TrainPanel", "Saving the model…")
        else:
            text = event.message or event.stage
        self._set_stage(step, text, eta_text(event.eta_s))

    def _show_fine_tune(self, event: Progress) -> None:
        """Step 2's fine-tune: reading the images, its steps with an estimate, measuring."""
        if not self._fine_tune_started:  # its epochs have their own length
            self._fine_tune_started = True
            self._steps_per_epoch, self._epoch_steps = 0, []
        if event.stage == "fine_tune_read":  # texts: "reading the texts 1200/7765"
            self._fine_tune_read = True
            self._set_bar(event.stage, event.done, event.total)
            if event.total <= 0:
                text = translate("TrainPanel", "Fine-tuning: reading the texts…")
            else:
                text = translate("TrainPanel", "Fine-tuning: reading the texts {0}/{1}").format(
                    event.done, event.total
                )
            self._set_stage(2, text, eta_text(event.eta_s))
            return
        self._set_bar("fine_tune", event.done, event.total)
        if event.total <= 0:
            text = translate("TrainPanel", "Fine-tuning: reading the images…")
        elif event.message:
            text = translate("TrainPanel", "Fine-tuning: measuring the fine-tuned model…")
        else:
            text = translate("TrainPanel", "Fine-tuning step {0}/{1}").format(
                event.done, event.total
            )
        self._set_stage(2, text, eta_text(event.eta_s))

    def finish(self) -> None:
        """The run finished: the bar full."""
        self.progress.setValue(BAR_SCALE)

    def end_job(self) -> None:
        """The job ended: the last points and dots drawn."""
        self.curves.flush()
        self.feature_map.flush()
