"""Tab 4, "Predict & Export": try the model on new images or texts, classify many into a CSV,
export it.

The model is the current run's fused `model.onnx` (or any exported `.onnx` opened by hand). This
shell holds the model header ("Open model…" on a background job), the export box, the status
line, and one page per kind of data (`PAGES`: image → `ImagePage`, text → `TextPredictWidget`),
picked once per model from the model's task. One `Predictor` per model is created lazily, in a
worker, and shared by the pages: ONNX Runtime sessions are thread-safe. Only plain data crosses
threads (rule 4).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.inference import Predictor
from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.panels.predict.export_box import ExportBox
from desktop_app.gui.panels.predict.image_page import ImagePage
from desktop_app.gui.panels.predict.kind_page import KindPage
from desktop_app.gui.panels.predict.records import (
    FolderSummary,
    PredictionRecord,
    PredictorGetter,
    accuracy_from_metadata,
)
from desktop_app.gui.panels.predict.text_page import TextPredictWidget

# One page per kind of data a model classifies (napari's layer → controls map): a third kind is
# one more page class and one more entry here. The stack shows the empty page, then these.
PAGES: dict[str, type[KindPage]] = {
    "image": ImagePage,
    "text": TextPredictWidget,
}


class PredictPanel(QWidget, JobOwner):
    """Try the current model on new data (a page per kind), open another model, export it."""

    predictions_ready = Signal(int)  # results of one classify_paths / classify_image batch
    folder_finished = Signal(str)  # the CSV path, "" when cancelled or failed
    export_finished = Signal(str)  # the exported model's path, "" when it failed or was cancelled
    model_opened = Signal(bool)  # an open_model finished: True when the file is now in use

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._model_path: Path | None = None
        self.model_source = ""  # where the model in use comes from: "run", "file" or "" (none)
        self.model_run_id: str | None = None  # the run of a "run" model
        self.model_kind = "image"  # what the model classifies, a key of PAGES (image if none)
        self._predictor: Predictor | None = None
        self._predictor_lock = threading.Lock()
        # opening a model file checks it and builds its session (0.1-0.3 s): off the GUI thread
        self._opening: Path | None = None
        self._opened: Predictor | None = None
        self._open_error = ""

        self._build()
        session.project_changed.connect(self._on_project_changed)
        session.result_changed.connect(self._on_result_changed)
        session.data_changed.connect(self._on_data_changed)
        self._on_result_changed()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 14, 16, 12)
        root.setSpacing(10)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.model_label = QLabel()
        self.model_label.setObjectName("sectionTitle")
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model_hint = QLabel()
        self.model_hint.setObjectName("hint")
        self.model_hint.setTextFormat(Qt.TextFormat.PlainText)
        # Which run is used and why, when there is a choice (the best run, or one picked)
        self.run_note = QLabel()
        self.run_note.setObjectName("hint")
        self.run_note.setWordWrap(True)
        self.run_note.setTextFormat(Qt.TextFormat.PlainText)
        self.run_note.setVisible(False)
        titles.addWidget(self.model_label)
        titles.addWidget(self.run_note)
        titles.addWidget(self.model_hint)
        header.addLayout(titles, 1)
        self.open_button = QPushButton(self.tr("Open model…"))
        self.open_button.setToolTip(self.tr("Use an exported .onnx model instead of the run's"))
        self.open_button.clicked.connect(self._choose_model)
        self.export_box = ExportBox(self, self)
        self.export_box.finished.connect(self.export_finished)
        self.export_button = self.export_box.export_button
        self.int8_check = self.export_box.int8_check
        header.addWidget(self.open_button)
        header.addWidget(self.int8_check)
        header.addWidget(self.export_button)
        root.addLayout(header)

        self.status_row = QWidget()
        status_layout = QHBoxLayout(self.status_row)
        status_layout.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.show_folder_button = QPushButton(self.tr("Show in folder"))
        self.show_folder_button.clicked.connect(self.export_box.show_export_folder)
        self.show_folder_button.setVisible(False)
        status_layout.addWidget(self.status_label, 1)
        status_layout.addWidget(self.show_folder_button)
        self.status_row.setVisible(False)

        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        root.addWidget(self.status_row)
        self.stack.addWidget(self._build_empty_page())

        self.pages = {
            kind: page(self._page_predictor, self.session) for kind, page in PAGES.items()
        }
        for page in self.pages.values():
            page.status.connect(self.set_status)
            self.stack.addWidget(page)
        # The tab's own calls (drop, paste, folder, file of texts) and its signals, as before the
        # split: the window, the self-test, the screenshots and the tests use them.
        image_page, text_page = self.pages["image"], self.pages["text"]
        assert isinstance(image_page, ImagePage) and isinstance(text_page, TextPredictWidget)
        self.image_page, self.text_widget = image_page, text_page
        self.image_page.predictions_ready.connect(self.predictions_ready)
        self.image_page.folder_written.connect(self._on_folder_written)
        self.image_page.folder_finished.connect(self.folder_finished)
        self.text_prediction_ready = self.text_widget.prediction_ready
        self.text_file_finished = self.text_widget.file_finished
        self.drop_zone = self.image_page.drop_zone
        self.folder_row = self.image_page.folder_row
        self.folder_progress = self.image_page.folder_progress
        self.results_placeholder = self.image_page.results_placeholder

        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste_from_clipboard)

    def _build_empty_page(self) -> QWidget:
        """Page 0: no model yet."""
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        self.empty_label = QLabel(
            self.tr("Train a model first (tab 2), or open an exported .onnx file.")
        )
        self.empty_label.setObjectName("welcomeSubtitle")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addWidget(self.empty_label)
        empty_open = QPushButton(self.tr("Open model…"))
        empty_open.clicked.connect(self._choose_model)
        empty_row = QHBoxLayout()
        empty_row.addStretch(1)
        empty_row.addWidget(empty_open)
        empty_row.addStretch(1)
        empty_layout.addLayout(empty_row)
        empty_layout.addStretch(2)
        return empty

    # ------------------------------------------------------------------ the model
    @property
    def model_path(self) -> Path | None:
        """The `.onnx` in use: the current run's, or one opened with Open model…"""
        return self._model_path

    @property
    def page(self) -> KindPage:
        """The page for the model's kind of data."""
        return self.pages[self.model_kind]

    @property
    def int8_needs_training_items(self) -> bool:
        return self.page.int8_needs_training_items

    @property
    def loaded_predictor(self) -> Predictor | None:
        """The model's Predictor if one was made already (None: not loaded yet)."""
        return self._predictor

    @Slot()
    def _on_project_changed(self) -> None:
        """Another project: the status line (an export note and its folder) was the old one's."""
        self.export_box.last_export = None
        self.set_status("")

    @Slot()
    def _on_result_changed(self) -> None:
        """Another run to use (the best one, or one picked in the run list): use its model and
        forget the cached Predictor."""
        run_id = self.session.model_run_id
        path = self.session.model_path(run_id) if run_id is not None else None
        if path is not None:
            self._set_model(path, "run", run_id, None)
        elif self.model_source != "file":
            self._set_model(None, "", None, None)
        else:
            self._refresh_header()

    def _set_model(
        self, path: Path | None, source: str, run_id: str | None, predictor: Predictor | None
    ) -> None:
        with self._predictor_lock:
            self._predictor = predictor
            self._model_path = path
        self.model_source = source
        self.model_run_id = run_id
        kind = "image"
        if predictor is not None:
            kind = predictor.task
        elif source == "run" and self.session.project is not None:
            kind = self.session.project.task
        self.model_kind = kind if kind in PAGES else "image"
        self._refresh_header()
        self.page.reset()

    def _refresh_header(self) -> None:
        has_model = self._model_path is not None
        self.stack.setCurrentWidget(self.page if has_model else self.stack.widget(0))
        self.export_box.refresh()
        self.open_button.setVisible(has_model)  # the empty page has its own button
        note = self._run_note() if has_model else ""
        self.run_note.setText(note)
        self.run_note.setVisible(bool(note))
        if not has_model:
            self.model_label.setText(self.tr("No model yet"))
            self.model_hint.setText(
                self.tr("Predictions need a trained model: a finished run or an exported file.")
            )
            return
        labels, accuracy = self.model_summary()
        if self.model_source == "run":
            parts = [self.tr("Model from {0}").format(self.model_run_id)]
            if self._finished_runs() > 1:
                picked = self.session.model_picked
                parts.append(self.tr("picked run") if picked else self.tr("best run"))
        else:
            parts = [self.tr("Model file {0}").format(self._model_path.name)]
        if labels:
            parts.append(self.tr("%n classes", "", len(labels)))
        if accuracy is not None:
            parts.append(self.tr("{0} % accuracy").format(f"{accuracy * 100:.1f}"))
        self.model_label.setText(" · ".join(parts))
        self.page.set_labels(labels)
        shown = ", ".join(labels[:12]) + (", …" if len(labels) > 12 else "")
        self.model_hint.setText(self.tr("Labels: {0}").format(shown) if labels else "")
        self.model_hint.setToolTip(str(self._model_path))

    def _finished_runs(self) -> int:
        project = self.session.project
        return 0 if project is None else sum(r.status == "finished" for r in project.runs)

    def _run_note(self) -> str:
        """Why this run is used, when the project has other finished runs."""
        project = self.session.project
        if self.model_source != "run" or project is None or self._finished_runs() < 2:
            return ""
        if self.session.model_picked:
            return self.tr(
                "The run picked in the run list (Train tab). Predict uses the best run again "
                "after the next training."
            )
        newest = project.last_finished_run()
        if newest is None or newest.id == self.model_run_id:
            return self.tr("The newest run is also the best one (by accuracy on held-out data).")
        accuracy = newest.summary.get("accuracy")
        shown = "?" if accuracy is None else f"{100 * float(accuracy):.1f}"
        return self.tr(
            "The best run by accuracy on held-out data; the newest run, {0}, reached {1} %. "
            "Pick a run in the Train tab's run list to use another."
        ).format(newest.id, shown)

    @Slot()
    def _on_data_changed(self) -> None:
        """Training items added or removed: the INT8 box may have become (un)usable."""
        self.export_box.refresh()

    def model_summary(self) -> tuple[tuple[str, ...], float | None]:
        """The labels and the reported accuracy of the model in use (cheap: no session made)."""
        result = self.session.model_result
        if self.model_source == "run" and result is not None:
            metrics = result.eval_metrics
            return tuple(result.classes), None if metrics is None else float(metrics.accuracy)
        predictor = self._predictor
        if predictor is not None:
            return predictor.labels, accuracy_from_metadata(predictor)
        return (), None

    def predictor_for(self, path: Path) -> Predictor:
        """The Predictor of `path`, created once (any thread) and kept while it is current."""
        with self._predictor_lock:
            predictor = self._predictor
            if predictor is not None and predictor.path == path:
                return predictor
            # a run's own model was checked when it was exported: no onnx.checker (and no
            # `import onnx` holding the GIL in the window); an opened file is checked in full
            predictor = Predictor(path, check_structure=self.model_source != "run")
            if self._model_path == path:
                self._predictor = predictor
            return predictor

    def _page_predictor(self) -> PredictorGetter | None:
        """For a page's job: how to get the model in use's Predictor (None, and a hint, when
        there is no model)."""
        path = self._model_path
        if path is None:
            self.set_status(
                self.tr("Train a model first (tab 2), or open an exported .onnx file."), "warning"
            )
            return None

        def get() -> Predictor:
            return self.predictor_for(path)

        return get

    def open_model(self, path: str) -> bool:
        """Start using an exported `.onnx` file: it is checked and loaded in the background, then
        `model_opened` says whether it is in use (the reason shown when not). False when an
        opening is already under way."""
        if self.job_running("open-model"):
            self.set_status(self.tr("A model is being opened; wait a moment."), "warning")
            return False
        target = Path(path)
        self._opening, self._opened, self._open_error = target, None, ""
        self.set_status(self.tr("Opening {0}…").format(target.name))

        def make(cancel: CancelToken) -> Iterator[Any]:
            yield Finished(Predictor(target))

        self.start_job("open-model", make)
        return True

    def on_done(self, name: str, result: Any) -> None:
        if isinstance(result, Predictor):
            self._opened = result

    def on_error(self, name: str, message: str) -> None:
        self._open_error = message

    def on_job_finished(self, name: str) -> None:
        target, predictor = self._opening, self._opened
        self._opening, self._opened = None, None
        if target is None:
            return
        if predictor is None:
            self.set_status(
                self._open_error or self.tr("Cannot open {0}.").format(target.name), "error"
            )
            self.model_opened.emit(False)
            return
        if predictor.task not in PAGES:
            self.set_status(
                self.tr("{0} is a {1} model; this tab classifies images.").format(
                    target.name, predictor.task
                ),
                "error",
            )
            self.model_opened.emit(False)
            return
        self._set_model(target, "file", None, predictor)
        self.set_status(self.tr("Opened {0}.").format(target.name))
        self.model_opened.emit(True)

    @Slot()
    def _choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open model"), "", self.tr("ONNX models (*.onnx);;All files (*)")
        )
        if path:
            self.open_model(path)

    # ------------------------------------------------------------------ what the pages do
    @property
    def results(self) -> list[PredictionRecord]:
        """The classified images, newest first (the image page's cards)."""
        return self.image_page.results

    @Slot(list)
    def classify_paths(self, paths: list[str]) -> None:
        """Classify image files and folders in the background; `predictions_ready` when done."""
        self.image_page.classify_paths(paths)

    def classify_image(self, array: np.ndarray, name: str = "pasted image") -> None:
        """Classify RGB pixels (copied now, on the GUI thread) in the background."""
        self.image_page.classify_image(array, name)

    @Slot()
    def paste_from_clipboard(self) -> None:
        """Ctrl+V: a picture on the clipboard is classified; copied files are classified too."""
        self.image_page.paste_from_clipboard()

    @Slot()
    def clear_results(self) -> None:
        self.image_page.clear_results()

    def classify_folder(self, folder: str, csv_path: str) -> None:
        """Classify every image below `folder` into `csv_path`; `folder_finished` at the end."""
        self.image_page.classify_folder(folder, csv_path)

    @Slot()
    def cancel_folder(self) -> None:
        self.image_page.cancel_folder()

    def classify_text_file(self, path: str, csv_path: str) -> None:
        """Classify a file of texts (one per line, or a CSV) into `csv_path`."""
        self.text_widget.classify_file(path, csv_path)

    def export_model(self, path: str, int8: bool | None = None) -> bool:
        """Write the model and its script + README to `path` (see `ExportBox.export_model`)."""
        return self.export_box.export_model(path, int8)

    def cancel_export(self) -> None:
        """Stop an INT8 export in progress; nothing is written."""
        self.export_box.cancel_export()

    @Slot(object)
    def _on_folder_written(self, summary: FolderSummary) -> None:
        # Here, not on the image page: lupdate reads plural forms (%n) only from self.tr() in
        # the class named like the strings' translation context.
        text = self.tr("Wrote %n rows to {0}", "", summary.rows).format(summary.csv_path)
        if summary.skipped:
            text += " " + self.tr("(%n files skipped)", "", summary.skipped)
        if summary.note is not None:  # not where asked (a full disk): where, and why
            self.set_status(phrase_text(summary.note) + " " + text, "warning")
            return
        self.set_status(text)

    # ------------------------------------------------------------------ status & lifetime
    @Slot(str, str)
    def set_status(self, text: str, kind: str = "hint", show_folder: bool = False) -> None:
        """The tab's status line: `kind` is "hint", "warning" or "error"."""
        self.status_label.setObjectName(kind)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setText(text)
        self.show_folder_button.setVisible(show_folder)
        self.status_row.setVisible(bool(text))

    @property
    def status_text(self) -> str:
        return self.status_label.text()

    def detach(self) -> None:
        """Stop listening to the session (the main window calls this before replacing it)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.project_changed.disconnect(self._on_project_changed)
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.result_changed.disconnect(self._on_result_changed)
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.data_changed.disconnect(self._on_data_changed)
