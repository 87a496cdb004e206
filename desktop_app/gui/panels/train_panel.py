"""The "2 · Train" tab: choose a model in plain words, press Start, watch it learn.

The panel builds the dataset and `TrainConfig` on the GUI thread, then runs one generator on a
`Job` (the one worker recipe): training events pass through, the fused model is exported on
the worker, and only plain data comes back. The project is updated on the GUI thread alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import backbones_for, default_backbone, load_catalog
from desktop_app.core.errors import Phrase
from desktop_app.core.torch_loading import settle_garbage, warm_up_torch
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Finished,
    Message,
    Progress,
    StepEnd,
)
from desktop_app.core.workflows.train_export import train_and_export
from desktop_app.gui.jobs import Job, user_message
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.model_words import card_title, catalog_text, model_title, suits_text
from desktop_app.gui.session import MODEL_FILE, ProjectSession
from desktop_app.gui.widgets.curves import TrainingCurves

log = logging.getLogger(__name__)

LOG_LINES = 200


def _is_default(backbone_id: str) -> bool:
    return any(b.id == backbone_id and b.default for b in load_catalog())


def training_job(
    config: TrainConfig,
    dataset: Any,
    model_path: Path,
    warm_start: dict | None,
) -> Any:
    """The worker's generator factory: the train → export workflow, with torch imported quietly
    first; its result unwrapped to (TrainResult, ExportReport) for `_on_finished`."""

    def run(cancel: CancelToken) -> Iterator[Any]:
        job = train_and_export(
            config, dataset, model_path, cancel, warm_start, import_torch_first=True
        )
        for event in job:
            if isinstance(event, Finished):
                yield Finished((event.result.result, event.result.export))
            else:
                yield event

    return run


class _ModelCard(QFrame):
    """A large radio button: title, one-line description; a click anywhere selects it."""

    def __init__(
        self, title: str, description: str, tooltip: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        self.radio = QRadioButton(title)
        font = self.radio.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.radio.setFont(font)
        self.description = QLabel(description)
        self.description.setObjectName("hint")
        self.description.setWordWrap(True)
        self.description.setContentsMargins(22, 0, 0, 0)
        layout.addWidget(self.radio)
        layout.addWidget(self.description)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.isEnabled():
            self.radio.setChecked(True)
        super().mousePressEvent(event)


class TrainPanel(QWidget):
    """Model choice, settings, Start/Cancel, live progress and curves, and the run history."""

    training_finished = Signal(str)  # the finished run's id; "" when cancelled or failed

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainPanel")
        self.session = session
        self.job: Job | None = None
        self._run_id: str | None = None  # the run being trained
        self._outcome = ""  # what training_finished will say when the task ends
        # torch is loaded once the data has been on screen for a second (the person is looking
        # at it); a Start before that imports it in the job, without a warm-up racing the click.
        self._warm_up_timer = QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.setInterval(1000)
        self._warm_up_timer.timeout.connect(warm_up_torch)
        self._curves_run_id: str | None = None  # the run the curves show
        self._steps_per_epoch = 0
        self._epoch_steps: list[StepEnd] = []  # steps of the current epoch, not placed yet
        self._defaults = TrainConfig()
        self._extra_settings: dict[str, Any] = {}  # config fields without a widget

        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(14)
        outer.addWidget(self._build_left(), 0)
        outer.addLayout(self._build_right(), 1)

        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_start_clicked)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._on_start_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_training)

        session.project_changed.connect(self._on_project_changed)
        session.data_changed.connect(self._on_data_changed)
        session.runs_changed.connect(self._on_runs_changed)
        session.result_changed.connect(self._on_result_changed)
        self._on_project_changed()

    # ------------------------------------------------------------------ building
    def _build_left(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)

        title = QLabel(self.tr("Model"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.model_group = QButtonGroup(self)
        self.model_cards: dict[str, _ModelCard] = {}
        # The choices are the catalog's models (image ones first), in catalog order.
        choices = [*backbones_for("image"), *backbones_for("text")]
        self.backbone_ids: list[str] = [b.id for b in choices]
        self.backbone_tasks: dict[str, str] = {b.id: b.task for b in choices}
        for index, backbone in enumerate(choices):
            card = _ModelCard(
                card_title(backbone), catalog_text(backbone.description), suits_text(backbone)
            )
            self.model_group.addButton(card.radio, index)
            self.model_cards[backbone.id] = card
            layout.addWidget(card)
            card.setVisible(backbone.task == "image")
        self.model_cards[default_backbone("image").id].radio.setChecked(True)

        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(self.tr("Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self._on_advanced_toggled)
        layout.addWidget(self.advanced_toggle)
        self.advanced = self._build_advanced()
        self.advanced.setVisible(False)
        layout.addWidget(self.advanced)

        self.continue_check = QCheckBox(self.tr("Continue from the last run"))
        self.continue_check.setToolTip(
            self.tr(
                "Start from the weights the last finished run learned instead of from zero. "
                "Useful after adding a few images. If the classes changed, training starts fresh."
            )
        )
        layout.addWidget(self.continue_check)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(self.tr("Train a model on the project's images (Ctrl+Enter)"))
        self.start_button.clicked.connect(self._on_start_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("danger")
        self.cancel_button.setToolTip(self.tr("Stop training; nothing is saved (Esc)"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_training)
        buttons.addWidget(self.start_button, 1)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

        self.message_label = QLabel()
        self.message_label.setObjectName("warning")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        layout.addWidget(self.message_label)

        history_title = QLabel(self.tr("Runs"))
        history_title.setObjectName("sectionTitle")
        layout.addSpacing(4)
        layout.addWidget(history_title)
        self.run_list = QListWidget()
        self.run_list.setObjectName("runList")
        self.run_list.setToolTip(self.tr("Click a finished run to see its curves and results"))
        self.run_list.setMinimumHeight(110)
        self.run_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.run_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.run_list.setSpacing(2)
        self.run_list.itemClicked.connect(self._on_run_clicked)
        self.run_list.itemActivated.connect(self._on_run_clicked)
        layout.addWidget(self.run_list, 1)

        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(330)
        scroll.setMaximumWidth(400)
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        return scroll

    def _build_advanced(self) -> QWidget:
        box = QFrame()
        box.setObjectName("card")
        form = QFormLayout(box)
        form.setContentsMargins(10, 8, 10, 8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        automatic = self.tr("Automatic")

        def spin(low: int, high: int, special: str = "") -> QSpinBox:
            widget = QSpinBox()
            widget.setRange(low, high)
            if special:
                widget.setSpecialValueText(special)
            return widget

        def dspin(low: float, high: float, decimals: int, step: float) -> QDoubleSpinBox:
            widget = QDoubleSpinBox()
            widget.setRange(low, high)
            widget.setDecimals(decimals)
            widget.setSingleStep(step)
            return widget

        self.max_epochs_spin = spin(0, 1000, automatic)
        self.batch_size_spin = spin(0, 1024, automatic)
        self.learning_rate_spin = dspin(0.0, 1.0, 5, 0.0001)
        self.learning_rate_spin.setSpecialValueText(automatic)
        self.weight_decay_spin = dspin(0.0, 1.0, 4, 0.001)
        self.label_smoothing_spin = dspin(-0.05, 0.5, 2, 0.05)
        self.label_smoothing_spin.setSpecialValueText(automatic)  # the minimum: automatic
        self.hidden_units_spin = spin(0, 4096, self.tr("None"))
        self.dropout_spin = dspin(0.0, 0.9, 2, 0.05)
        self.patience_spin = spin(1, 1000)
        self.class_weighting_check = QCheckBox(self.tr("Balance classes"))
        self.seed_spin = spin(0, 2_147_483_647)
        rows = [
            (
                self.tr("Max epochs"),
                self.max_epochs_spin,
                self.tr(
                    "How many times at most the model looks at every training image. "
                    "Automatic picks enough for a few hundred learning steps; training "
                    "usually stops earlier when it no longer improves."
                ),
            ),
            (
                self.tr("Batch size"),
                self.batch_size_spin,
                self.tr(
                    "How many images the model looks at before each small correction. "
                    "Automatic suits the size of your data."
                ),
            ),
            (
                self.tr("Learning rate"),
                self.learning_rate_spin,
                self.tr(
                    "How big each correction is. Too big: unstable; too small: slow. "
                    "Automatic is a safe choice."
                ),
            ),
            (
                self.tr("Weight decay"),
                self.weight_decay_spin,
                self.tr(
                    "Keeps the model simple so it does not memorise the training images. "
                    "Raise it a little if validation accuracy is much lower than training."
                ),
            ),
            (
                self.tr("Label smoothing"),
                self.label_smoothing_spin,
                self.tr(
                    "Stops the model from being over-confident; helps when some labels may "
                    "be wrong. 0 turns it off; Automatic uses 0.1, and 0 for English sentences."
                ),
            ),
            (
                self.tr("Hidden units"),
                self.hidden_units_spin,
                self.tr(
                    "Adds one extra layer of this size to the classifier. None (0) is a "
                    "simple linear classifier, best for small datasets."
                ),
            ),
            (
                self.tr("Dropout"),
                self.dropout_spin,
                self.tr(
                    "Randomly ignores this fraction of the features while learning, so the "
                    "model does not rely on a few of them."
                ),
            ),
            (
                self.tr("Patience"),
                self.patience_spin,
                self.tr(
                    "Stop after this many epochs without a better validation result; the "
                    "best epoch's model is kept."
                ),
            ),
            (
                self.tr("Class weighting"),
                self.class_weighting_check,
                self.tr(
                    "Give classes with fewer images more weight, so a large class does not "
                    "drown out a small one."
                ),
            ),
            (
                self.tr("Seed"),
                self.seed_spin,
                self.tr(
                    "A number that fixes the random choices: the same seed and data give the "
                    "same model."
                ),
            ),
        ]
        for text, widget, tip in rows:
            label = QLabel(text)
            label.setToolTip(tip)
            widget.setToolTip(tip)
            form.addRow(label, widget)
        self.restore_defaults_button = QPushButton(self.tr("Restore defaults"))
        self.restore_defaults_button.clicked.connect(self.restore_defaults)
        form.addRow(self.restore_defaults_button)
        return box

    def _build_right(self) -> QVBoxLayout:
        layout = QVBoxLayout()
        layout.setSpacing(6)
        title = QLabel(self.tr("Progress"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.stage_label = QLabel(self.tr("Press Start to train a model on your images."))
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
        log_title = QLabel(self.tr("Messages"))
        log_title.setObjectName("sectionTitle")
        layout.addWidget(log_title)
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(LOG_LINES)
        self.log_view.setFixedHeight(84)
        layout.addWidget(self.log_view)
        return layout

    # ------------------------------------------------------------------ settings
    def set_backbone(self, backbone_id: str) -> None:
        card = self.model_cards.get(backbone_id)
        if card is None:
            raise ValueError(f"unknown model: {backbone_id}")
        card.radio.setChecked(True)

    def backbone(self) -> str:
        return self.backbone_ids[max(0, self.model_group.checkedId())]

    def task_name(self) -> str:
        """ "text" or "image": which model cards the open project may use."""
        project = self.session.project
        return "text" if project is not None and project.task == "text" else "image"

    def visible_backbones(self) -> list[str]:
        """The model choices shown for the open project's kind of data."""
        task = self.task_name()
        return [b for b in self.backbone_ids if self.backbone_tasks[b] == task]

    def _show_backbones_for_task(self) -> None:
        shown = self.visible_backbones()
        for backbone, card in self.model_cards.items():
            card.setVisible(backbone in shown)
        if shown and self.backbone() not in shown:
            default = next((b for b in shown if _is_default(b)), shown[0])
            self.set_backbone(default)

    def set_max_epochs(self, epochs: int) -> None:
        """0 = automatic."""
        self.max_epochs_spin.setValue(epochs)

    def config(self) -> TrainConfig:
        """The settings shown, as the engine's `TrainConfig`."""
        known = set(TrainConfig.__dataclass_fields__)
        extra = {k: v for k, v in self._extra_settings.items() if k in known}
        return TrainConfig(
            **{
                **extra,
                "backbone": self.backbone(),
                "max_epochs": self.max_epochs_spin.value() or None,
                "batch_size": self.batch_size_spin.value() or None,
                "learning_rate": self.learning_rate_spin.value() or None,
                "weight_decay": self.weight_decay_spin.value(),
                "label_smoothing": (
                    None
                    if self.label_smoothing_spin.value() < 0
                    else self.label_smoothing_spin.value()
                ),
                "hidden_units": self.hidden_units_spin.value(),
                "dropout": self.dropout_spin.value(),
                "patience": self.patience_spin.value(),
                "class_weighting": self.class_weighting_check.isChecked(),
                "seed": self.seed_spin.value(),
            }
        )

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Show saved settings (a run's config); unknown or bad values fall back to defaults."""
        known = set(TrainConfig.__dataclass_fields__)
        try:
            config = TrainConfig(**{k: v for k, v in settings.items() if k in known})
        except TypeError:
            config = TrainConfig()
        self._extra_settings = {k: v for k, v in config.to_json().items()}
        if config.backbone in self.model_cards:
            self.set_backbone(config.backbone)
        self.max_epochs_spin.setValue(int(config.max_epochs or 0))
        self.batch_size_spin.setValue(int(config.batch_size or 0))
        self.learning_rate_spin.setValue(float(config.learning_rate or 0.0))
        self.weight_decay_spin.setValue(float(config.weight_decay))
        self.label_smoothing_spin.setValue(
            -0.05 if config.label_smoothing is None else float(config.label_smoothing)
        )
        self.hidden_units_spin.setValue(int(config.hidden_units))
        self.dropout_spin.setValue(float(config.dropout))
        self.patience_spin.setValue(int(config.patience))
        self.class_weighting_check.setChecked(bool(config.class_weighting))
        self.seed_spin.setValue(int(config.seed))

    @Slot()
    def restore_defaults(self) -> None:
        """Defaults for every advanced setting; the model choice stays."""
        backbone = self.backbone()
        self.apply_settings({})
        self.set_backbone(backbone)

    @Slot(bool)
    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    # ------------------------------------------------------------------ start / cancel
    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @Slot()
    def _on_start_clicked(self) -> None:
        if not self.running:
            self.start_training(self.continue_check.isChecked() and self.continue_check.isEnabled())

    def start_training(self, continue_from_last: bool = False) -> bool:
        """Start a run with the settings shown; False (with a message) when it cannot start."""
        project = self.session.project
        if self.running or project is None:
            return False
        self._show_message("")
        self.error_label.setVisible(False)
        counts = project.counts()
        if sum(1 for n in counts.values() if n > 0) < 2:
            self._show_message(
                self.tr(
                    "Training needs at least two classes with texts. Import a file of texts "
                    "and labels on the Data tab."
                )
                if self.task_name() == "text"
                else self.tr(
                    "Training needs at least two classes with images. Add them on the Data tab "
                    "(one sub-folder of images per class)."
                )
            )
            return False
        config = self.config()
        dataset = project.dataset()
        warm_start = None
        if continue_from_last:
            last = project.last_finished_run()
            if last is not None:
                try:
                    warm_start = dict(project.load_result(last.id).head_state) or None
                except ValueError as error:  # ProjectError / ResultError
                    self._append_log(
                        self.tr("Cannot continue from {0} ({1}); starting fresh.").format(
                            last.id, user_message(error)
                        )
                    )
        self._warm_up_timer.stop()
        settle_garbage()
        run = project.start_run(config.to_json())
        self.session.runs_edited()
        model_path = project.run_folder(run.id) / MODEL_FILE

        self._run_id = run.id
        self._outcome = ""
        self._curves_run_id = run.id
        self._steps_per_epoch = 0
        self._epoch_steps = []
        self.curves.clear()
        self.log_view.clear()
        self.live_label.setText(" ")
        self._append_log(
            (
                self.tr("{0}: training {1} on {2} texts in {3} classes.")
                if self.task_name() == "text"
                else self.tr("{0}: training {1} on {2} images in {3} classes.")
            ).format(
                run.id, self._model_title(config.backbone), len(dataset.items), len(dataset.classes)
            )
        )
        if warm_start:
            self._append_log(self.tr("Continuing from the last run's weights."))
        self.stage_label.setText(self.tr("Starting…"))
        self.progress.setRange(0, 0)

        if self.job is not None:
            self._forget_job(self.job)
        task = Job("training", self)
        task.event.connect(self._on_event)
        task.errored.connect(self._on_errored)
        task.finished.connect(self._on_job_finished)
        self.job = self.session.register_job(task)
        task.start(training_job(config, dataset, model_path, warm_start))
        self._set_running(True)
        return True

    @Slot()
    def cancel_training(self) -> None:
        """Ask the running task to stop; `training_finished("")` follows."""
        if self.running:
            assert self.job is not None
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(self.tr("Stopping…"))

    def _forget_job(self, task: Job) -> None:
        if task in self.session.jobs:
            self.session.jobs.remove(task)
        task.deleteLater()

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for card in self.model_cards.values():
            card.setEnabled(not running)
        self.advanced.setEnabled(not running)
        self.continue_check.setEnabled(not running and self._has_finished_run())

    # ------------------------------------------------------------------ events (GUI thread)
    @Slot(object)
    def _on_event(self, event: Any) -> None:
        if isinstance(event, StepEnd):
            self._on_step(event)
        elif isinstance(event, EpochEnd):
            self._on_epoch(event)
        elif isinstance(event, Progress):
            self._on_progress(event)
        elif isinstance(event, Message):
            self._append_log(self._message_text(event))
        elif isinstance(event, Cancelled):
            self._end_run("cancelled")
            self._append_log(self.tr("Cancelled; nothing was saved."))
            self.stage_label.setText(self.tr("Cancelled."))
        elif isinstance(event, Finished):
            self._on_finished(*event.result)

    def _message_text(self, message: Message) -> str:
        """The engine's messages in the user's language (the engine itself speaks English)."""
        if message.key == "early_stop":
            return self.tr(
                "Stopped early at epoch {0}: no better validation loss since epoch {1}."
            ).format(*message.args)
        if message.key == "skipped":
            return self.tr("{0} file(s) could not be used and were skipped.").format(*message.args)
        if message.key == "warm_start_mismatch":
            return self.tr(
                "The last run's weights do not fit this data (classes changed): starting fresh."
            )
        return message.text

    def _on_step(self, event: StepEnd) -> None:
        if self._steps_per_epoch:
            within = event.step - (event.epoch - 1) * self._steps_per_epoch
            self.curves.add_step(
                event.epoch - 1 + within / self._steps_per_epoch, event.loss, event.accuracy
            )
        else:  # first epoch: placed when its length is known
            self._epoch_steps.append(event)

    def _on_epoch(self, event: EpochEnd) -> None:
        if not self._steps_per_epoch and self._epoch_steps:
            self._steps_per_epoch = len(self._epoch_steps)
            for k, step in enumerate(self._epoch_steps, start=1):
                self.curves.add_step(
                    step.epoch - 1 + k / self._steps_per_epoch, step.loss, step.accuracy
                )
            self._epoch_steps = []
        self.curves.add_epoch(event)
        if event.val_accuracy is not None:
            text = self.tr("epoch {0}: val accuracy {1} %").format(
                event.epoch, f"{100 * event.val_accuracy:.1f}"
            )
        else:
            text = self.tr("epoch {0}: train accuracy {1} %").format(
                event.epoch, f"{100 * event.train_accuracy:.1f}"
            )
        self.live_label.setText(text)

    def _on_progress(self, event: Progress) -> None:
        if event.total > 0:
            if self.progress.maximum() != event.total:
                self.progress.setRange(0, event.total)
            self.progress.setValue(event.done)
        else:
            self.progress.setRange(0, 0)
        if event.stage == "features":
            if event.total and (event.done or not event.message):
                text = (
                    self.tr("Reading texts {0}/{1}")
                    if self.task_name() == "text"
                    else self.tr("Reading images {0}/{1}")
                ).format(event.done, event.total)
            else:
                text = (
                    self.tr("Reading texts…")
                    if self.task_name() == "text"
                    else self.tr("Reading images…")
                )
        elif event.stage == "training":
            text = self.tr("Training epoch {0}/{1}").format(event.done, event.total)
        elif event.stage == "prepare":
            text = self.tr("Getting ready…")
        elif event.stage == "export":
            text = self.tr("Saving the model…")
        else:
            text = event.message or event.stage
        eta = self._eta_text(event.eta_s)
        self.stage_label.setText(f"{text} · {eta}" if eta else text)

    def _eta_text(self, seconds: float | None) -> str:
        if seconds is None:
            return ""
        if seconds < 1.5:
            return self.tr("about 1 s left")
        if seconds < 90:
            return self.tr("about {0} s left").format(round(seconds))
        return self.tr("about {0} min left").format(round(seconds / 60))

    def _on_finished(self, result: Any, report: Any) -> None:
        project = self.session.project
        if project is None or self._run_id is None:
            return
        run_id = self._run_id
        project.finish_run(run_id, result)
        self.session.runs_edited()
        self.curves.flush()
        # show_run (reading the result back) follows when the task ends: two short pauses of
        # the GUI thread, with painting between them, instead of one long one.
        metrics = result.eval_metrics
        if metrics is not None:
            self.live_label.setText(
                (
                    self.tr("Done: {0} % accuracy on the {1} texts ({2} texts).")
                    if self.task_name() == "text"
                    else self.tr("Done: {0} % accuracy on the {1} images ({2} images).")
                ).format(
                    f"{100 * metrics.accuracy:.1f}", self._split_name(result.eval_split), metrics.n
                )
            )
        else:
            self.live_label.setText(self.tr("Done."))
        self._append_log(
            self.tr("Best epoch {0} of {1}; {2} s in all. Model saved ({3} MB).").format(
                result.best_epoch,
                result.epochs_run,
                f"{result.seconds:.1f}",
                f"{report.size_bytes / 1e6:.1f}",
            )
        )
        self.stage_label.setText(self.tr("Finished. See the Evaluate tab for details."))
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._outcome = run_id

    @Slot(str)
    def _on_errored(self, message: str) -> None:
        self._end_run("failed", message)
        self.error_label.setText(self.tr("Training failed: {0}").format(message))
        self.error_label.setVisible(True)
        self.stage_label.setText(self.tr("Training failed."))

    @Slot()
    def _on_job_finished(self) -> None:
        # A run still "running" here ended without a word (should not happen): not finished.
        self._end_run("failed", self.tr("Training stopped unexpectedly."))
        self.curves.flush()
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
        self._set_running(False)
        task = self.job
        if task is not None and task in self.session.jobs:
            self.session.jobs.remove(task)
        outcome, self._outcome, self._run_id = self._outcome, "", None
        if outcome and self.session.project is not None:
            self.session.show_run(outcome)
        self.training_finished.emit(outcome)

    def _end_run(self, status: str, message: str = "") -> None:
        """Record a run that did not finish (once)."""
        project = self.session.project
        if project is None or self._run_id is None:
            return
        try:
            run = project.get_run(self._run_id)
        except ValueError:
            return
        if run.status != "running":
            return
        project.end_run(self._run_id, status, message)
        self.session.runs_edited()

    # ------------------------------------------------------------------ session
    def _warm_up_if_data(self) -> None:
        """Once there is something to train on, load torch in the background (see warm_up_torch)."""
        project = self.session.project
        if project is not None and any(n > 0 for n in project.counts().values()):
            self._warm_up_timer.start()

    @Slot()
    def _on_project_changed(self) -> None:
        self._warm_up_if_data()
        project = self.session.project
        self.apply_settings(dict(project.settings) if project is not None else {})
        self._show_backbones_for_task()
        if self.task_name() == "text":
            self.stage_label.setText(self.tr("Press Start to train a model on your texts."))
            self.start_button.setToolTip(
                self.tr("Train a model on the project's texts (Ctrl+Enter)")
            )
        else:
            self.stage_label.setText(self.tr("Press Start to train a model on your images."))
            self.start_button.setToolTip(
                self.tr("Train a model on the project's images (Ctrl+Enter)")
            )
        self._show_message("")
        self.error_label.setVisible(False)
        self.log_view.clear()
        self.live_label.setText(" ")
        self._curves_run_id = None
        self._on_runs_changed()
        self._on_result_changed()

    @Slot()
    def _on_data_changed(self) -> None:
        self._warm_up_if_data()
        if self.message_label.isVisible() and self.session.project is not None:
            counts = self.session.project.counts()
            if sum(1 for n in counts.values() if n > 0) >= 2:
                self._show_message("")

    @Slot()
    def _on_runs_changed(self) -> None:
        self.run_list.clear()
        project = self.session.project
        if project is not None:
            for run in reversed(project.runs):
                item = QListWidgetItem(self._run_text(run))
                item.setData(Qt.ItemDataRole.UserRole, run.id)
                phrase = Phrase.from_json(run.message_phrase)
                if phrase is not None or run.message:
                    item.setToolTip(phrase_text(phrase or run.message))
                if run.status != "finished":
                    item.setForeground(Qt.GlobalColor.gray)
                self.run_list.addItem(item)
        self._select_shown_run()
        self.continue_check.setEnabled(not self.running and self._has_finished_run())
        if not self.continue_check.isEnabled():
            self.continue_check.setChecked(False)

    @Slot()
    def _on_result_changed(self) -> None:
        self._select_shown_run()
        if self.running:
            return  # the live curves stay
        run_id = self.session.result_run_id
        if run_id is not None and run_id == self._curves_run_id:
            return  # already shown (e.g. the run just trained, with its per-step points)
        self._curves_run_id = run_id
        result = self.session.result
        if result is None:
            self.curves.clear()
            self.curves.flush()
            return
        self.curves.load_history(result.history)
        last = result.history[-1] if result.history else None
        if last is not None and result.eval_metrics is not None:
            self.live_label.setText(
                (
                    self.tr("{0}: {1} % accuracy on the {2} texts, best epoch {3}.")
                    if self.task_name() == "text"
                    else self.tr("{0}: {1} % accuracy on the {2} images, best epoch {3}.")
                ).format(
                    run_id,
                    f"{100 * result.eval_metrics.accuracy:.1f}",
                    self._split_name(result.eval_split),
                    result.best_epoch,
                )
            )

    @Slot(QListWidgetItem)
    def _on_run_clicked(self, item: QListWidgetItem) -> None:
        project = self.session.project
        run_id = item.data(Qt.ItemDataRole.UserRole)
        if project is None or not run_id:
            return
        try:
            run = project.get_run(run_id)
        except ValueError:
            return
        if run.status != "finished":
            return
        if run_id != self.session.result_run_id:
            self.session.show_run(run_id)
        elif run_id != self._curves_run_id:
            self._on_result_changed()  # a cancelled or failed run replaced its curves

    def _select_shown_run(self) -> None:
        shown = self.session.result_run_id
        for row in range(self.run_list.count()):
            item = self.run_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == shown:
                self.run_list.setCurrentItem(item)
                return
        self.run_list.clearSelection()

    # ------------------------------------------------------------------ helpers
    def _has_finished_run(self) -> bool:
        project = self.session.project
        return project is not None and project.last_finished_run() is not None

    def _model_title(self, backbone_id: str) -> str:
        return model_title(backbone_id) or backbone_id

    def _split_name(self, split: str) -> str:
        return {"test": self.tr("test"), "val": self.tr("validation")}.get(split, split)

    def _status_name(self, status: str) -> str:
        return {
            "running": self.tr("running"),
            "finished": self.tr("finished"),
            "cancelled": self.tr("cancelled"),
            "failed": self.tr("failed"),
            "interrupted": self.tr("interrupted"),
        }.get(status, status)

    def _run_text(self, run: Any) -> str:
        """Two lines: "run-0003 · Fast · 94.8 %" over "2024-05-01 14:03 · finished"."""
        parts = [run.id, self._model_title(str(run.config.get("backbone", "")))]
        accuracy = run.summary.get("accuracy") if run.summary else None
        if accuracy is not None:
            parts.append(self.tr("{0} %").format(f"{100 * accuracy:.1f}"))
        second = [run.started.replace("T", " ")[:16], self._status_name(run.status)]
        return " · ".join(parts) + "\n" + " · ".join(second)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _append_log(self, text: str) -> None:
        self.log_view.appendPlainText(text)


if __name__ == "__main__":  # python -m desktop_app.gui.panels.train_panel [FOLDER…]
    from desktop_app.gui.preview import preview_panel

    raise SystemExit(preview_panel(TrainPanel, 1280, 800))
