"""The "2 · Train" tab: choose a model in plain words, press Start, watch it learn.

The shell: it joins the model choice (`model_choice.py`), the settings form (`settings_form.py`),
the run list (`runs.py`) and the progress view (`progress.py`), builds the dataset and
`TrainConfig` on the GUI thread, then runs the train → export workflow as its one owned job
("training", reused by every run; `JobOwner`). The job's worker thread runs the workflow in a
child process (`core.child.run_in_child`): the window never imports torch, so its GUI thread
never waits for torch's imports, and a crash in native code ends the child, not the window.
Only plain data comes back; the project is updated on the GUI thread alone. What differs per
kind of data is said by `words.py`.
"""

from __future__ import annotations

import contextlib
import html
import logging
from collections.abc import Callable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import automatic_for, get_backbone, is_automatic
from desktop_app.core.child import run_in_child
from desktop_app.core.errors import TEMPLATES, Phrase
from desktop_app.core.feature_map import MapPoints
from desktop_app.core.torch_loading import settle_garbage
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Finished,
    Message,
    Plan,
    Progress,
    StepEnd,
)
from desktop_app.core.training.finetune import can_fine_tune
from desktop_app.core.workflows.train_export import fine_tunable_choice, train_and_export
from desktop_app.gui.jobs import Job, JobOwner, user_message
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.model_words import model_name, model_title
from desktop_app.gui.panels.train.augment_section import FineTuneSection
from desktop_app.gui.panels.train.auto_note import AutoChoiceNote
from desktop_app.gui.panels.train.model_choice import ModelChoice
from desktop_app.gui.panels.train.progress import ProgressView
from desktop_app.gui.panels.train.runs import RunList
from desktop_app.gui.panels.train.settings_form import SettingsForm
from desktop_app.gui.panels.train.words import language_reason, train_words
from desktop_app.gui.session import MODEL_FILE, ProjectSession

log = logging.getLogger(__name__)

JOB = "training"
# The training child yields the cores to the window when they are busy: a tick of the GUI
# thread is short, a training run hardly notices.
CHILD_NICE = 5


def training_job(
    config: TrainConfig,
    dataset: Any,
    model_path: Path,
    warm_start: dict | None,
    project_folder: Path | None = None,
    run_id: str = "",
) -> Any:
    """The worker's generator factory: the train → export workflow in a child process (torch
    is imported there, first, with one core left to the window); its result unwrapped to
    (TrainResult, ExportReport, saved) for `on_done`. The run's files (result.json, the head,
    its weights) are written here, on the worker thread, when `project_folder` is given: ten
    fsyncs took 35–60 ms of the GUI thread at the end of every run. `saved` says whether they
    were; if not (a disk error), `on_done` saves through the session, which says why."""

    def run(cancel: CancelToken) -> Iterator[Any]:
        yield Progress("prepare", 0, 0)  # at once: the child takes a moment to start
        job = run_in_child(
            train_and_export,
            config,
            dataset,
            model_path,
            cancel=cancel,
            warm_start=warm_start,
            import_torch_first=True,
            meanwhile=_import_result_modules,
            nice=CHILD_NICE,
        )
        for event in job:
            if isinstance(event, Finished):
                result, export = event.result.result, event.result.export
                saved = project_folder is not None and _save_run_files(
                    project_folder, run_id, result
                )
                yield Finished((result, export, saved))
            else:
                yield event

    return run


def _save_run_files(project_folder: Path, run_id: str, result: Any) -> bool:
    """Write a finished run's files into its folder (checked again now: never through a link
    out of the project); False if that failed (the GUI thread then tries and says why)."""
    from desktop_app.core.project_schema import run_folder
    from desktop_app.core.training.results import save_result

    try:
        save_result(result, run_folder(project_folder, run_id))
    except (OSError, ValueError) as error:  # ProjectError is a ValueError
        log.warning("the run's files were not written on the worker: %s", error)
        return False
    return True


def _import_result_modules() -> None:
    """On the worker thread while the child starts: the modules that receiving and saving the
    result needs (a few plain-Python modules since `TrainResult` no longer lives beside the
    training loop), so that its arrival imports nothing on the GUI thread."""
    import desktop_app.core.reports  # noqa: F401
    import desktop_app.core.training.results  # noqa: F401


class _SettingsScroll(QScrollArea):
    """The scrolled settings: as tall as their content when there is room (Qt caps a scroll
    area's hint at 24 lines, which hid the fine-tune section under the run list)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        widget = self.widget()
        if widget is not None:
            hint.setHeight(max(hint.height(), widget.sizeHint().height() + 2 * self.frameWidth()))
        return hint


class TrainPanel(QWidget, JobOwner):
    """Model choice, settings, Start/Cancel, live progress and curves, and the run history."""

    training_finished = Signal(str)  # the finished run's id; "" when cancelled or failed

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainPanel")
        self.session = session
        self.words = train_words("image")  # the open project's kind: set in _on_project_changed
        self._run_id: str | None = None  # the run being trained
        self._outcome = ""  # what training_finished will say when the job ends
        self._curves_run_id: str | None = None  # the run the curves show

        self.progress_view = ProgressView()
        self.curves = self.progress_view.curves
        self.stage_label = self.progress_view.stage_label
        self.error_label = self.progress_view.error_label
        outer = QHBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.setSpacing(14)
        outer.addWidget(self._build_left(), 0)
        outer.addWidget(self.progress_view, 1)

        QShortcut(QKeySequence("Ctrl+Return"), self, self._on_start_clicked)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._on_start_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel_training)

        for signal, slot in self._session_slots():
            signal.connect(slot)
        self._on_project_changed()

    def _session_slots(self) -> list[tuple[SignalInstance, Callable[..., None]]]:
        return [
            (self.session.project_changed, self._on_project_changed),
            (self.session.data_changed, self._on_data_changed),
            (self.session.runs_changed, self._on_runs_changed),
            (self.session.result_changed, self._on_result_changed),
        ]

    def detach(self) -> None:
        """Stop listening to the session (the main window calls this before it goes away)."""
        for signal, slot in self._session_slots():
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    # ------------------------------------------------------------------ building
    def _build_left(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.setSpacing(8)

        self.models = ModelChoice()
        self.model_cards = self.models.cards
        layout.addWidget(self.models)
        for card in self.model_cards.values():
            card.radio.toggled.connect(self._update_fine_tune)
        self.settings = SettingsForm()
        layout.addWidget(self.settings)

        self.continue_check = QCheckBox(self.tr("Continue from the last run"))
        self.continue_check.setToolTip(
            self.tr(
                "Start from the weights the last finished run learned instead of from zero. "
                "Useful after adding a few images. If the classes changed, training starts fresh."
            )
        )
        layout.addWidget(self.continue_check)
        self.fine_tune_check = QCheckBox(
            self.tr("Best accuracy: also fine-tune the model (slower)")
        )
        layout.addWidget(self.fine_tune_check)
        # what the Automatic choice chose and why (the run shown), and its fine-tune suggestion:
        # under the run's result line, where the eye goes when a run ends
        self.auto_note = AutoChoiceNote()
        self.auto_note.fine_tune_wanted.connect(self._tick_fine_tune)
        self.fine_tune_check.toggled.connect(self.auto_note.fine_tune_ticked)
        self.progress_view.add_under_result(self.auto_note)
        self.fine_tune_check.toggled.connect(self._update_fine_tune)
        # a fine-tune teaches the vector's classifier, not the word pieces: one or the other
        # (core refuses both together, `finetune.word_pieces`)
        pieces = self.settings.word_pieces_check
        self.fine_tune_check.toggled.connect(lambda on: on and pieces.setChecked(False))
        pieces.toggled.connect(lambda on: on and self.fine_tune_check.setChecked(False))
        self.fine_tune_section = FineTuneSection(self.session)
        self.fine_tune_section.hide()
        layout.addWidget(self.fine_tune_section)
        self._planned: tuple | None = None  # what the fine-tune section measured for

        scroll = _SettingsScroll()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(330)
        scroll.setMaximumWidth(400)
        # its content's height when there is room, less (scrolled) when there is not
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._left_scroll, self._left_column = scroll, column

        # Start/Cancel, the message and the run list sit under the scrolled settings, never in
        # them: with the advanced settings open in a small window, Start stays in sight.
        left = QWidget()
        left.setMaximumWidth(400)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(8)
        left_layout.addWidget(scroll)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 6, 0)
        self.start_button = QPushButton(self.tr("Start training"))
        self.start_button.setObjectName("primary")
        self.start_button.clicked.connect(self._on_start_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("danger")
        self.cancel_button.setToolTip(self.tr("Stop training; nothing is saved (Esc)"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_training)
        buttons.addWidget(self.start_button, 1)
        buttons.addWidget(self.cancel_button)
        left_layout.addLayout(buttons)

        self.message_label = QLabel()
        self.message_label.setObjectName("warning")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        left_layout.addWidget(self.message_label)

        self.runs = RunList()
        self.run_list = self.runs.list
        self.runs.run_clicked.connect(self._on_run_clicked)
        # the settings get their height first; the run list what is left (at least 140 px)
        self.runs.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.runs.setMinimumHeight(140)
        left_layout.addWidget(self.runs, 1)
        return left

    def _fit_left_column(self) -> None:
        """Widen the model column (330–400 px) so a card's title never runs under its edge:
        titles do not wrap, and "(recommended)" moves with the data's language."""
        margins = self._left_column.layout().contentsMargins()
        titles = max(card.radio.sizeHint().width() for card in self.model_cards.values())
        needed = titles + 2 * 10 + margins.left() + margins.right() + 4  # 10: a card's margin
        self._left_scroll.setMinimumWidth(max(330, min(400, needed)))

    # ------------------------------------------------------------------ settings
    def set_backbone(self, backbone_id: str) -> None:
        self.models.set_backbone(backbone_id)

    def backbone(self) -> str:
        return self.models.backbone()

    def task_name(self) -> str:
        """ "image" or "text": the open project's kind (which model cards it may use)."""
        return self.words.kind

    def visible_backbones(self) -> list[str]:
        """The model choices shown for the open project's kind of data."""
        return self.models.visible(self.words.kind)

    def set_max_epochs(self, epochs: int) -> None:
        """0 = automatic."""
        self.settings.max_epochs_spin.setValue(epochs)

    def config(self) -> TrainConfig:
        """The settings shown, as the engine's `TrainConfig`."""
        config = self.settings.config(self.backbone())
        # said either way: the settings form keeps a saved run's fine_tune among its extras
        if self.fine_tune_check.isChecked() and self.fine_tune_check.isEnabled():
            augmentations = self.fine_tune_section.augmentations()
            return replace(config, fine_tune=True, augmentations=augmentations)
        return replace(config, fine_tune=False, augmentations=None)

    def _fine_tunable(self) -> bool:
        """Whether the chosen model can be fine-tuned (a pretrained image model, the
        any-language text model; Automatic: images when every candidate it may choose can be,
        texts when one can, which a fine-tune then takes)."""
        try:
            if is_automatic(self.backbone()):
                automatic = automatic_for(self.words.kind)
                if automatic is None:
                    return False
                able = [can_fine_tune(b) for b in automatic.candidate_backbones()]
                return any(able) if self.words.kind == "text" else all(able)
            return can_fine_tune(get_backbone(self.backbone()))
        except ValueError:
            return False

    @Slot()
    def _tick_fine_tune(self) -> None:
        """The Automatic choice's suggestion, taken: fine-tune in the next run."""
        if not self.running and not self._fine_tunable():
            self.set_backbone(self._shown_choice() or self.backbone())
        self._update_fine_tune()
        if self.fine_tune_check.isEnabled():
            self.fine_tune_check.setChecked(True)
            self._left_scroll.ensureWidgetVisible(self.fine_tune_check)
            self.fine_tune_check.setFocus()

    def _shown_choice(self) -> str | None:
        """The model the shown run's Automatic choice chose (None: not such a run)."""
        result = self.session.result
        return result.backbone_id if result is not None and result.auto_choice else None

    @Slot()
    def _update_fine_tune(self, *_: object) -> None:
        """The fine-tune choice: for image projects; usable with a pretrained model."""
        self.fine_tune_check.setEnabled(not self.running and self._fine_tunable())
        self.fine_tune_check.setVisible(self.words.kind in ("image", "text"))
        if self.words.kind == "text":
            tip = self.tr(
                "After the quick training, the top half of the any-language model learns too, "
                "on your texts. Often a point or two more accurate; takes minutes instead of "
                "seconds (about 15 min for 8,000 reviews on a two-core laptop). For the Any "
                "language (accurate) model; Automatic then takes it."
            )
        else:
            tip = self.tr(
                "After the quick training, the top layers of the pretrained model learn too, on "
                "varied copies of your images (cropped, flipped, turned a little, recoloured). "
                "Often a few points more accurate; takes minutes instead of seconds. For the "
                "Fast and Accurate models."
            )
        # rich text: Qt wraps it, Chinese included (a plain tooltip wraps only at spaces)
        self.fine_tune_check.setToolTip(f"<p>{html.escape(tip)}</p>")
        self.fine_tune_section.set_texts(self.words.kind == "text")
        shown = (
            self.words.kind in ("image", "text")
            and self.fine_tune_check.isChecked()
            and self._fine_tunable()
            and self.session.project is not None
        )
        if shown and self.fine_tune_section.isHidden():
            self.fine_tune_section.show()
            self._left_scroll.updateGeometry()
            QTimer.singleShot(0, self._scroll_to_fine_tune)  # once laid out
        elif not shown:
            self.fine_tune_section.hide()
            self._left_scroll.updateGeometry()
        self.fine_tune_section.setEnabled(not self.running)
        if shown and self.running and self.fine_tune_section.pause():
            return  # measured already for this model and data: shown again after the run
        if not shown or self.running:
            self.fine_tune_section.stop()
            self._planned = None
            return
        project = self.session.project
        dataset = project.dataset()
        key = (self.backbone(), dataset.items, dataset.labels, dataset.splits)
        if key != self._planned and len(dataset.classes) >= 2 and len(dataset.indices("train")):
            self._planned = key
            backbone = self.backbone()
            if is_automatic(backbone):  # texts: the one a fine-tune takes; images: not chosen
                # yet, planned for the slowest candidate, so the estimate is an upper bound
                # (candidates are listed fastest first)
                config, _ = fine_tunable_choice(self.settings.config(backbone), self.words.kind)
                backbone = config.backbone
                if is_automatic(backbone):
                    backbone = automatic_for(self.words.kind).candidates[-1]
            self.fine_tune_section.plan(self.settings.config(backbone), dataset)

    @Slot()
    def _scroll_to_fine_tune(self) -> None:
        """In a small window, the fine-tune section scrolled into sight when it appears."""
        section = self.fine_tune_section
        if section.isVisible():  # all of it when it fits, else its top
            self._left_scroll.ensureWidgetVisible(section.shuffle_button, 0, 8)
            self._left_scroll.ensureWidgetVisible(section.title, 0, 8)

    def apply_settings(self, settings: dict[str, Any]) -> None:
        """Show saved settings (a run's config); unknown or bad values fall back to defaults."""
        known = set(TrainConfig.__dataclass_fields__)
        try:
            config = TrainConfig(**{k: v for k, v in settings.items() if k in known})
        except TypeError:
            config = TrainConfig()
        if config.backbone in self.model_cards:
            self.set_backbone(config.backbone)
        self.settings.show_config(config)
        self.fine_tune_check.setChecked(bool(config.fine_tune))
        self.fine_tune_section.show_augmentations(config.augmentations)
        self._update_fine_tune()

    # ------------------------------------------------------------------ start / cancel
    @property
    def running(self) -> bool:
        return self.job_running(JOB)

    @property
    def job(self) -> Job:
        """The one training job (reused by every run)."""
        return self.owned_job(JOB)

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
        self.progress_view.show_error("")
        if project.read_only is not None:
            self._show_message(self.session.read_only_text())
            return False
        counts = project.counts()
        if sum(1 for n in counts.values() if n > 0) < 2:
            self._show_message(self.words.too_few_classes)
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
                    self.progress_view.append_log(
                        self.tr("Cannot continue from {0} ({1}); starting fresh.").format(
                            last.id, user_message(error)
                        )
                    )
        settle_garbage()  # one collection now, right after the click, instead of during the run
        run = self.session.start_run(config.to_json())
        if run is None:  # not saved, or its folder would lead out of the project: nothing starts
            self._show_message(self.session.read_only_text() or self.session.last_save_error)
            return False
        model_path = project.run_folder(run.id) / MODEL_FILE

        self._run_id = run.id
        self._outcome = ""
        self._curves_run_id = run.id
        automatic = automatic_for(self.words.kind) if is_automatic(config.backbone) else None
        self.progress_view.start_run(
            dataset.classes,
            dataset.labels,
            dataset.items,
            fine_tune=config.fine_tune,
            candidates=automatic.candidates if automatic is not None else (),
        )
        self.auto_note.show_record({})
        self.progress_view.append_log(
            self.words.training_on.format(
                run.id,
                model_title(config.backbone) or config.backbone,
                len(dataset.items),
                len(dataset.classes),
            )
        )
        if warm_start:
            self.progress_view.append_log(self.tr("Continuing from the last run's weights."))
        self.start_job(
            JOB,
            training_job(config, dataset, model_path, warm_start, project.folder, run.id),
        )
        self._set_running(True)
        return True

    @Slot()
    def cancel_training(self) -> None:
        """Ask the running job to stop; `training_finished("")` follows."""
        if self.running:
            self.cancel_job(JOB)
            self.cancel_button.setEnabled(False)
            self.stage_label.setText(self.tr("Stopping…"))

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and self.session.read_only is None)
        self.cancel_button.setEnabled(running)
        for card in self.model_cards.values():
            card.setEnabled(not running)
        self.settings.advanced.setEnabled(not running)
        self.continue_check.setEnabled(not running and self._has_finished_run())
        self._update_fine_tune()

    # ------------------------------------------------------------------ job hooks (GUI thread)
    def on_event(self, name: str, event: object) -> None:
        view = self.progress_view
        if isinstance(event, StepEnd):
            view.on_step(event)
        elif isinstance(event, EpochEnd):
            view.on_epoch(event)
        elif isinstance(event, Progress):
            view.on_progress(event)
        elif isinstance(event, MapPoints):
            view.on_map(event)
        elif isinstance(event, Plan):
            view.on_plan(event)
        elif isinstance(event, Message):
            if not event.key.startswith("auto.chose_"):  # said by the note when it ends
                view.append_log(self._message_text(event))
        elif isinstance(event, Cancelled):
            self._end_run("cancelled")
            view.append_log(self.tr("Cancelled; nothing was saved."))
            self.stage_label.setText(self.tr("Cancelled."))

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
        if message.key in (
            "auto.candidate",
            "auto.candidate_text",
        ):  # the model's name in the user's language
            backbone, *words = message.args  # then, for texts, whether with word pieces
            pieces = len(words) > 3 and words[3] is True
            name = model_name(backbone, pieces)
            return phrase_text(Phrase(message.key, (name, *words[:3])))
        if message.key in TEMPLATES:  # a keyed core phrase, e.g. the feature cache's warning
            return phrase_text(Phrase(message.key, message.args))
        return message.text

    def on_done(self, name: str, result: Any) -> None:
        result, report, saved = result
        project = self.session.project
        if project is None or self._run_id is None:
            return
        run_id = self._run_id
        if not self.session.finish_run(run_id, result, files_saved=saved):  # refused: said
            self.stage_label.setText(self.tr("Trained, but the run could not be saved."))
            return
        self.curves.flush()
        # show_run (reading the result back) follows when the job ends: two short pauses of
        # the GUI thread, with painting between them, instead of one long one.
        metrics = result.eval_metrics
        view = self.progress_view
        if metrics is not None:
            view.live_label.setText(
                self.words.done.format(
                    f"{100 * metrics.accuracy:.1f}", self._split_name(result.eval_split), metrics.n
                )
            )
        else:
            view.live_label.setText(self.tr("Done."))
        view.append_log(
            self.tr("Best epoch {0} of {1}; {2} s in all. Model saved ({3} MB).").format(
                result.best_epoch,
                result.epochs_run,
                f"{result.seconds:.1f}",
                f"{report.size_bytes / 1e6:.1f}",
            )
        )
        self.stage_label.setText(self.tr("Finished. See the Evaluate tab for details."))
        if result.auto_choice:  # the candidates' epochs were not shown: the chosen one's now
            self.curves.load_history(result.history)
            view.show_view("curves")
        self._show_auto_choice(result)
        view.finish()
        self._outcome = run_id

    def on_error(self, name: str, message: str) -> None:
        self._end_run("failed", message)
        self.progress_view.show_error(self.tr("Training failed: {0}").format(message))
        self.stage_label.setText(self.tr("Training failed."))

    def on_job_finished(self, name: str) -> None:
        # A run still "running" here ended without a word (should not happen): not finished.
        self._end_run("failed", self.tr("Training stopped unexpectedly."))
        self.progress_view.end_job()
        self._set_running(False)
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
        self.session.end_run(self._run_id, status, message)

    # ------------------------------------------------------------------ session
    @Slot()
    def _on_project_changed(self) -> None:
        project = self.session.project
        self.words = train_words(project.task if project is not None else "image")
        self.progress_view.set_kind(self.words, self.words.kind)
        self.apply_settings(dict(project.settings) if project is not None else {})
        self.models.show_kind(self.words.kind)
        self._recommend_model()
        self.stage_label.setText(self.words.prompt)
        self.start_button.setToolTip(self.words.start_tip)
        self._show_message("")
        self.progress_view.reset()
        self._curves_run_id = None
        self._on_runs_changed()
        self._on_result_changed()
        self._show_access()

    def _recommend_model(self) -> None:
        """Recommend the model that suits the project's data (texts: their language) and choose
        it, unless a model was chosen for this project before (its saved settings say one)."""
        from desktop_app.core.catalog import recommend_backbone
        from desktop_app.core.language import SAMPLE_TEXTS

        project = self.session.project
        kind = self.words.kind
        if project is None:
            self.models.recommend(kind, None)
            return
        # the language is read from a sample: no copy of every item on each edit
        chosen = recommend_backbone(kind, list(islice(project.items, SAMPLE_TEXTS)))
        reason = ""
        if chosen.language is not None:
            reason = language_reason(chosen.language.code, model_title(chosen.backbone.id) or "")
        self.models.recommend(kind, chosen.backbone.id, reason)
        self._fit_left_column()
        if not self.running and "backbone" not in project.settings:
            self.set_backbone(chosen.backbone.id)

    @Slot()
    def _on_data_changed(self) -> None:
        self._recommend_model()
        self._update_fine_tune()  # the fine-tune section measures the new data
        if self.message_label.isVisible() and self.session.project is not None:
            counts = self.session.project.counts()
            if sum(1 for n in counts.values() if n > 0) >= 2:
                self._show_message("")
        self._show_access()

    def _show_access(self) -> None:
        """A read-only project (open elsewhere, read-only folder, full disk): Start is off and
        the panel says why."""
        read_only = self.session.read_only is not None
        self.start_button.setEnabled(not self.running and not read_only)
        if read_only:
            self._show_message(self.session.read_only_text())

    @Slot()
    def _on_runs_changed(self) -> None:
        project = self.session.project
        self.runs.fill(project.runs if project is not None else [], self.session.result_run_id)
        self.continue_check.setEnabled(not self.running and self._has_finished_run())
        if not self.continue_check.isEnabled():
            self.continue_check.setChecked(False)

    @Slot()
    def _on_result_changed(self) -> None:
        self.runs.select(self.session.result_run_id)
        if self.running:
            return  # the live curves stay
        run_id = self.session.result_run_id
        if run_id is not None and run_id == self._curves_run_id:
            return  # already shown (e.g. the run just trained, with its per-step points)
        self._curves_run_id = run_id
        result = self.session.result
        self._show_auto_choice(result)
        if result is None:
            self.curves.clear()
            self.curves.flush()
            return
        self.progress_view.show_view("curves")  # a run shown: its curves, not the last map
        self.curves.load_history(result.history)
        last = result.history[-1] if result.history else None
        if last is not None and result.eval_metrics is not None:
            self.progress_view.live_label.setText(
                self.words.shown_run.format(
                    run_id,
                    f"{100 * result.eval_metrics.accuracy:.1f}",
                    self._split_name(result.eval_split),
                    result.best_epoch,
                )
            )

    @Slot(str)
    def _on_run_clicked(self, run_id: str) -> None:
        project = self.session.project
        if project is None:
            return
        try:
            run = project.get_run(run_id)
        except ValueError:
            return
        if run.status != "finished":
            return
        if not self.running:
            self.progress_view.show_view("curves")  # a run picked: its curves, not a map
        if run_id != self.session.result_run_id or run_id != self.session.model_run_id:
            self.session.show_run(run_id, pick=True)  # Predict and Export use it too
        elif run_id != self._curves_run_id:
            self._on_result_changed()  # a cancelled or failed run replaced its curves

    # ------------------------------------------------------------------ helpers
    def _show_auto_choice(self, result: Any) -> None:
        """Say what the shown run's Automatic choice chose and why (nothing for other runs)."""
        record = result.auto_choice if result is not None else {}
        fine_tuned = bool(result is not None and result.fine_tune)
        self.auto_note.show_record(record, self.fine_tune_check.isChecked(), fine_tuned)

    def _has_finished_run(self) -> bool:
        project = self.session.project
        return project is not None and project.last_finished_run() is not None

    def _split_name(self, split: str) -> str:
        return {"test": self.tr("test"), "val": self.tr("validation")}.get(split, split)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
