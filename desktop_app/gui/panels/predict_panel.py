"""Tab 4, "Predict & Export": try the model on new images, classify a folder to CSV, export it.

The model is the current run's fused `model.onnx` (or any exported `.onnx` opened by hand).
All decoding and inference run in `Job`s (ARCHITECTURE rule 3): dropped files and pasted
pictures one by one (one card each), a whole folder in batches with a small decoding pool
(a CSV at the end). One `Predictor` per model is created lazily, in a worker, and shared: ONNX
Runtime sessions are thread-safe. Only plain data crosses threads (rule 4): paths, numpy copies,
and the frozen records below.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.inference import ModelError, Prediction, Predictor
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.bundle import Bundle, ModelFacts, export_bundle
from desktop_app.core.workflows.classify import (
    Classified,
    CsvSummary,
    classify_folder_to_csv,
    classify_images,
)
from desktop_app.core.workflows.stages import drain
from desktop_app.gui.dialogs import ask_csv_path
from desktop_app.gui.jobs import Job, user_message
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.widgets.drop_zone import DropZone
from desktop_app.gui.widgets.prediction_card import (
    FlowLayout,
    PredictionCard,
    label_column_width,
)
from desktop_app.gui.widgets.thumbnails import ThumbnailLoader

log = logging.getLogger(__name__)

TOP_K = 3
MAX_RESULTS = 300  # cards kept on screen; a bigger batch belongs in "Classify a folder…"
FOLDER_BATCH = 32
PASTED_THUMB = 224


# ---------------------------------------------------------------------------------- records
@dataclass(frozen=True)
class PredictionRecord:
    """One classified image: a file path (or a name for pasted pixels) and its top-k or error."""

    path: str
    prediction: Prediction | None
    error: str | None = None
    pasted: bool = False
    # A small RGB copy of pasted pixels for the card (files use the shared thumbnail loader).
    thumbnail: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.prediction is not None

    @property
    def labels(self) -> tuple[str, ...]:
        return () if self.prediction is None else self.prediction.labels

    @property
    def probabilities(self) -> tuple[float, ...]:
        return () if self.prediction is None else self.prediction.probabilities


FolderSummary = CsvSummary  # the end of a folder run: CSV path, rows, files skipped, seconds


@dataclass(frozen=True)
class _PathsJob:
    paths: tuple[str, ...]


@dataclass(frozen=True)
class _ImageJob:
    image: np.ndarray = field(compare=False, repr=False)
    name: str = "pasted image"


# ---------------------------------------------------------------------------------- workers
PredictorGetter = Callable[[], Predictor]


def _small_copy(image: np.ndarray, size: int = PASTED_THUMB) -> np.ndarray:
    """A downscaled copy for a card (keeps the aspect ratio)."""
    import cv2

    height, width = image.shape[:2]
    scale = min(1.0, size / max(height, width, 1))
    if scale >= 1.0:
        return np.ascontiguousarray(image).copy()
    shape = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, shape, interpolation=cv2.INTER_AREA)


def classify_paths_events(
    get_predictor: PredictorGetter, paths: Sequence[str], k: int, cancel: CancelToken
) -> Iterator[Any]:
    """Expand folders, then one `PredictionRecord` per image (errors included) and Progress."""
    # Small batches: the first cards appear at once, decoding still overlaps inference.
    for event in classify_images(get_predictor, paths, k, cancel, 4, each_row=True):
        if isinstance(event, Classified):
            yield PredictionRecord(
                event.row.path,
                event.row.prediction,
                None if event.row.error is None else phrase_text(event.row.error),
            )
        elif isinstance(event, Progress | Cancelled):
            yield event


def classify_image_events(
    get_predictor: PredictorGetter, image: np.ndarray, name: str, k: int, cancel: CancelToken
) -> Iterator[Any]:
    """One `PredictionRecord` for an RGB array (the pasted picture)."""
    predictor = get_predictor()
    thumbnail = _small_copy(image)
    if cancel.cancelled:
        yield Cancelled("predict")
        return
    try:
        prediction = predictor.predict(image, k)
    except Exception as error:  # noqa: BLE001 - reported on the card
        yield PredictionRecord(name, None, user_message(error), True, thumbnail)
        return
    yield PredictionRecord(name, prediction, None, True, thumbnail)


def classify_folder_events(
    get_predictor: PredictorGetter,
    folder: str,
    csv_path: str,
    k: int,
    cancel: CancelToken,
    batch_size: int = FOLDER_BATCH,
) -> Iterator[Any]:
    """The folder → CSV workflow; its `FolderSummary` unwrapped for the panel (a cancelled run
    writes nothing)."""
    for event in classify_folder_to_csv(get_predictor, folder, csv_path, k, cancel, batch_size):
        yield event.result if isinstance(event, Finished) else event


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """An RGB uint8 (H, W, 3) copy of a QImage (alpha composited over white, like files)."""
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB888)
        flat.fill(0xFFFFFF)
        from PySide6.QtGui import QPainter

        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    else:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def rgb_to_qimage(array: np.ndarray) -> QImage:
    array = np.ascontiguousarray(array)
    height, width = array.shape[:2]
    return QImage(array.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def _as_rgb(array: np.ndarray) -> np.ndarray:
    """Grey, RGB or RGBA uint8 in; an RGB uint8 copy out (ValueError otherwise)."""
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ValueError(f"expected uint8 pixels, got {array.dtype}")
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or min(array.shape[:2]) < 1:
        raise ValueError(f"expected an (H, W, 3) RGB image, got shape {array.shape}")
    if array.shape[2] == 4:
        alpha = array[:, :, 3:4].astype(np.float32) / 255.0
        rgb = array[:, :, :3].astype(np.float32)
        array = (rgb * alpha + 255.0 * (1.0 - alpha) + 0.5).astype(np.uint8)
    return np.ascontiguousarray(array).copy()


def _accuracy_from_metadata(predictor: Predictor) -> float | None:
    import json

    try:
        metrics = json.loads(predictor.metadata.get("metrics", "{}")) or {}
    except ValueError:
        return None
    for split in ("test", "validation"):
        entry = metrics.get(split)
        if isinstance(entry, dict) and isinstance(entry.get("accuracy"), int | float):
            return float(entry["accuracy"])
    return None


def _format_seconds(seconds: float) -> str:
    if seconds < 90:
        return QCoreApplication.translate("PredictPanel", "{0} s").format(max(1, round(seconds)))
    if seconds < 5400:
        return QCoreApplication.translate("PredictPanel", "{0} min").format(round(seconds / 60))
    return QCoreApplication.translate("PredictPanel", "{0} h").format(f"{seconds / 3600:.1f}")


def _format_latency(ms: float) -> str:
    return f"{ms:.1f} ms" if ms < 10 else f"{ms:.0f} ms"


# ---------------------------------------------------------------------------------- panel
class PredictPanel(QWidget):
    """Try the current model on dropped or pasted images, classify folders, export the model."""

    predictions_ready = Signal(int)  # results of one classify_paths / classify_image batch
    folder_finished = Signal(str)  # the CSV path, "" when cancelled or failed
    export_finished = Signal(str)  # the exported model's path, "" when it failed or was cancelled
    model_opened = Signal(bool)  # an open_model finished: True when the file is now in use

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.results: list[PredictionRecord] = []
        self._model_path: Path | None = None
        self._model_source = ""  # "run", "file" or "" (no model)
        self._model_run_id: str | None = None
        self._model_job = "image"  # "image" or "text": which page and which export script
        self._predictor: Predictor | None = None
        self._predictor_lock = threading.Lock()
        self._queue: list[_PathsJob | _ImageJob] = []
        self._batch_results = 0
        self._folder_summary: FolderSummary | None = None
        self._folder_error = ""
        self._last_export: Path | None = None
        self._int8_target: Path | None = None
        self._int8_report: Bundle | None = None  # the INT8 export's files, once written
        self._int8_error = ""
        self._cards: list[PredictionCard] = []
        self._label_width: int | None = None
        self._waiting_cards: dict[str, list[PredictionCard]] = {}

        self._loader = ThumbnailLoader.shared()
        self._loader.ready.connect(self._on_thumbnail_ready)
        self._classify_job = session.register_job(Job("predict"))
        self._classify_job.event.connect(self._on_classify_event)
        self._classify_job.errored.connect(self._on_classify_errored)
        self._classify_job.finished.connect(self._on_classify_finished)
        self._folder_job = session.register_job(Job("predict-folder"))
        self._folder_job.event.connect(self._on_folder_event)
        self._folder_job.errored.connect(self._on_folder_errored)
        self._folder_job.finished.connect(self._on_folder_finished)
        self._folder_job.running_changed.connect(self._on_folder_running_changed)
        self._export_job = session.register_job(Job("export-int8"))
        self._export_job.event.connect(self._on_export_event)
        self._export_job.errored.connect(self._on_export_errored)
        self._export_job.finished.connect(self._on_export_finished)
        # opening a model file checks it and builds its session (0.1-0.3 s): off the GUI thread
        self._open_job = session.register_job(Job("open-model"))
        self._open_job.event.connect(self._on_open_event)
        self._open_job.errored.connect(self._on_open_errored)
        self._opening: Path | None = None
        self._opened: Predictor | None = None
        self._open_error = ""
        self._open_job.finished.connect(self._on_open_finished)

        self._build()
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
        titles.addWidget(self.model_label)
        titles.addWidget(self.model_hint)
        header.addLayout(titles, 1)
        self.open_button = QPushButton(self.tr("Open model…"))
        self.open_button.setToolTip(self.tr("Use an exported .onnx model instead of the run's"))
        self.open_button.clicked.connect(self._choose_model)
        self.export_button = QPushButton(self.tr("Export model…"))
        self.export_button.setObjectName("primary")
        self.export_button.setToolTip(
            self.tr("Save the model as one .onnx file with a ready-to-run predict.py")
        )
        self.export_button.clicked.connect(self._choose_export_path)
        self.int8_check = QCheckBox(self.tr("Smaller model (INT8)"))
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
        self.show_folder_button.clicked.connect(self._show_export_folder)
        self.show_folder_button.setVisible(False)
        status_layout.addWidget(self.status_label, 1)
        status_layout.addWidget(self.show_folder_button)
        self.status_row.setVisible(False)

        self.stack = QStackedWidget()
        root.addWidget(self.stack, 1)
        root.addWidget(self.status_row)

        # Page 0: no model yet.
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
        self.stack.addWidget(empty)

        # Page 1: the working area.
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(8)
        self.drop_zone = DropZone(
            self.tr("Drop images or folders here to classify them"),
            self.tr("or paste an image (Ctrl+V)"),
        )
        self.drop_zone.setMinimumHeight(96)
        self.drop_zone.setMaximumHeight(120)
        self.drop_zone.paths_dropped.connect(self.classify_paths)
        work_layout.addWidget(self.drop_zone)

        actions = QHBoxLayout()
        self.paste_button = QPushButton(self.tr("Paste image"))
        self.paste_button.setToolTip(self.tr("Classify the picture on the clipboard (Ctrl+V)"))
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.folder_button = QPushButton(self.tr("Classify a folder…"))
        self.folder_button.setToolTip(
            self.tr("Classify every image below a folder and save the results as CSV")
        )
        self.folder_button.clicked.connect(self._choose_folder)
        self.clear_button = QPushButton(self.tr("Clear results"))
        self.clear_button.clicked.connect(self.clear_results)
        actions.addWidget(self.paste_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        self.activity_label = QLabel()
        self.activity_label.setObjectName("hint")
        actions.addWidget(self.activity_label)
        actions.addWidget(self.clear_button)
        work_layout.addLayout(actions)

        self.folder_row = QFrame()
        self.folder_row.setObjectName("card")
        folder_layout = QHBoxLayout(self.folder_row)
        folder_layout.setContentsMargins(10, 6, 10, 6)
        self.folder_title = QLabel()
        self.folder_progress = QProgressBar()
        self.folder_progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.folder_eta = QLabel()
        self.folder_eta.setObjectName("hint")
        self.folder_eta.setMinimumWidth(140)
        self.folder_cancel = QPushButton(self.tr("Cancel"))
        self.folder_cancel.clicked.connect(self.cancel_folder)
        folder_layout.addWidget(self.folder_title)
        folder_layout.addWidget(self.folder_progress, 1)
        folder_layout.addWidget(self.folder_eta)
        folder_layout.addWidget(self.folder_cancel)
        self.folder_row.setVisible(False)
        work_layout.addWidget(self.folder_row)

        results_title = QLabel(self.tr("Results, newest first"))
        results_title.setObjectName("sectionTitle")
        work_layout.addWidget(results_title)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        container = QWidget()
        container.setObjectName("predictResults")
        container_layout = QVBoxLayout(container)
        container_layout.setContentsMargins(2, 2, 2, 2)
        self.results_placeholder = QLabel(
            self.tr("Results appear here: the top 3 labels of every image, with their probability.")
        )
        self.results_placeholder.setObjectName("hint")
        self.results_placeholder.setWordWrap(True)
        container_layout.addWidget(self.results_placeholder)
        self.cards_widget = QWidget()
        self.flow = FlowLayout(self.cards_widget, spacing=10)
        self.flow.setContentsMargins(0, 0, 0, 0)
        container_layout.addWidget(self.cards_widget)
        container_layout.addStretch(1)
        self.scroll.setWidget(container)
        work_layout.addWidget(self.scroll, 1)
        self.stack.addWidget(work)

        # Page 2: a text model.
        from desktop_app.gui.panels.text_predict import TextPredictWidget

        self.text_widget = TextPredictWidget(self._text_predictor_getter, self.session)
        self.text_widget.status.connect(self._set_status)
        self.text_prediction_ready = self.text_widget.prediction_ready
        self.text_file_finished = self.text_widget.file_finished
        self.stack.addWidget(self.text_widget)

        paste = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), self)
        paste.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        paste.activated.connect(self.paste_from_clipboard)

    # ------------------------------------------------------------------ the model
    @property
    def model_path(self) -> Path | None:
        """The `.onnx` in use: the current run's, or one opened with Open model…"""
        return self._model_path

    @Slot()
    def _on_result_changed(self) -> None:
        """A new current run: use its model and forget the cached Predictor."""
        path = self.session.model_path()
        if path is not None:
            self._set_model(path, "run", self.session.result_run_id, None)
        elif self._model_source != "file":
            self._set_model(None, "", None, None)
        else:
            self._refresh_header()

    def _set_model(
        self,
        path: Path | None,
        source: str,
        run_id: str | None,
        predictor: Predictor | None,
    ) -> None:
        with self._predictor_lock:
            self._predictor = predictor
            self._model_path = path
        self._model_source = source
        self._model_run_id = run_id
        if predictor is not None:
            self._model_job = predictor.task
        elif source == "run" and self.session.project is not None:
            self._model_job = "text" if self.session.project.task == "text" else "image"
        else:
            self._model_job = "image"
        self._refresh_header()
        if hasattr(self, "text_widget"):
            self.text_widget.reset()

    def _refresh_header(self) -> None:
        has_model = self._model_path is not None
        self.stack.setCurrentIndex((2 if self.is_text_model() else 1) if has_model else 0)
        exporting = self._export_job.running
        self.export_button.setEnabled(has_model and not exporting)
        self._refresh_int8_option(has_model and not exporting)
        self.open_button.setVisible(has_model)  # the empty page has its own button
        if not has_model:
            self.model_label.setText(self.tr("No model yet"))
            self.model_hint.setText(
                self.tr("Predictions need a trained model: a finished run or an exported file.")
            )
            return
        labels, accuracy = self._model_summary()
        if self._model_source == "run":
            parts = [self.tr("Model from {0}").format(self._model_run_id)]
        else:
            parts = [self.tr("Model file {0}").format(self._model_path.name)]
        if labels:
            parts.append(self.tr("%n classes", "", len(labels)))
        if accuracy is not None:
            parts.append(self.tr("{0} % accuracy").format(f"{accuracy * 100:.1f}"))
        self.model_label.setText(" · ".join(parts))
        self._label_width = label_column_width(labels, self.font()) if labels else None
        shown = ", ".join(labels[:12]) + (", …" if len(labels) > 12 else "")
        self.model_hint.setText(self.tr("Labels: {0}").format(shown) if labels else "")
        self.model_hint.setToolTip(str(self._model_path))

    def is_text_model(self) -> bool:
        return self._model_path is not None and self._model_job == "text"

    @Slot()
    def _on_data_changed(self) -> None:
        """Training items added or removed: the INT8 box may have become (un)usable."""
        has_model = self._model_path is not None
        self._refresh_int8_option(has_model and not self._export_job.running)

    def _refresh_int8_option(self, enabled: bool) -> None:
        """The INT8 box: usable with a float model and, for images, training images to calibrate."""
        reason = ""
        if self._is_int8_model():
            reason = self.tr("This model is already INT8.")
        elif not self.is_text_model() and not self._calibration_items():
            reason = self.tr("Needs the project's training images: they calibrate the INT8 model.")
        self.int8_check.setEnabled(enabled and not reason)
        if reason:
            self.int8_check.setChecked(False)
        self.int8_check.setToolTip(
            reason
            or self.tr(
                "Export an INT8 (quantized) copy: about half the size for image models, and faster "
                "on CPUs with 8-bit dot-product instructions (the export measures the speed-up on "
                "this computer). Accuracy usually changes by less than one point; the export checks "
                "how often the copy agrees with the full model on training items."
            )
        )

    def _is_int8_model(self) -> bool:
        predictor = self._predictor
        return (
            self._model_source == "file"
            and predictor is not None
            and predictor.metadata.get("precision") == "int8"
        )

    def _calibration_items(self) -> list[str]:
        """The project's training items of the model's task: images calibrate, texts check."""
        project = self.session.project
        wanted = "text" if self.is_text_model() else "image"
        if project is None or project.task != wanted:
            return []
        return [path for path, item in project.items.items() if item.split == "train"]

    def _text_predictor_getter(self) -> PredictorGetter | None:
        if not self._require_model():
            return None
        return self._predictor_getter()

    def classify_text_file(self, path: str, csv_path: str) -> None:
        """Classify a file of texts (one per line, or a CSV) into `csv_path`."""
        self.text_widget.classify_file(path, csv_path)

    def _model_summary(self) -> tuple[tuple[str, ...], float | None]:
        """The labels and the reported accuracy of the model in use (cheap: no session made)."""
        result = self.session.result
        if self._model_source == "run" and result is not None:
            metrics = result.eval_metrics
            return tuple(result.classes), None if metrics is None else float(metrics.accuracy)
        predictor = self._predictor
        if predictor is not None:
            return predictor.labels, _accuracy_from_metadata(predictor)
        return (), None

    def _get_predictor_for(self, path: Path) -> Predictor:
        """The Predictor of `path`, created once (any thread) and kept while it is current."""
        with self._predictor_lock:
            predictor = self._predictor
            if predictor is not None and predictor.path == path:
                return predictor
            predictor = Predictor(path)
            if self._model_path == path:
                self._predictor = predictor
            return predictor

    def _predictor_getter(self) -> PredictorGetter:
        path = self._model_path
        assert path is not None

        def get() -> Predictor:
            return self._get_predictor_for(path)

        return get

    def open_model(self, path: str) -> bool:
        """Start using an exported `.onnx` file: it is checked and loaded in the background, then
        `model_opened` says whether it is in use (the reason shown when not). False when an
        opening is already under way."""
        if self._open_job.running:
            self._set_status(self.tr("A model is being opened; wait a moment."), "warning")
            return False
        target = Path(path)
        self._opening, self._opened, self._open_error = target, None, ""
        self._set_status(self.tr("Opening {0}…").format(target.name))

        def make(cancel):
            yield Predictor(target)

        self._open_job.start(make)
        return True

    @Slot(object)
    def _on_open_event(self, predictor: object) -> None:
        if isinstance(predictor, Predictor):
            self._opened = predictor

    @Slot(str)
    def _on_open_errored(self, message: str) -> None:
        self._open_error = message

    @Slot()
    def _on_open_finished(self) -> None:
        target, predictor = self._opening, self._opened
        self._opening, self._opened = None, None
        if target is None:
            return
        if predictor is None:
            self._set_status(
                self._open_error or self.tr("Cannot open {0}.").format(target.name), "error"
            )
            self.model_opened.emit(False)
            return
        if predictor.task not in ("image", "text"):
            self._set_status(
                self.tr("{0} is a {1} model; this tab classifies images.").format(
                    target.name, predictor.task
                ),
                "error",
            )
            self.model_opened.emit(False)
            return
        self._set_model(target, "file", None, predictor)
        self._set_status(self.tr("Opened {0}.").format(target.name))
        self.model_opened.emit(True)

    @Slot()
    def _choose_model(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open model"), "", self.tr("ONNX models (*.onnx);;All files (*)")
        )
        if path:
            self.open_model(path)

    # ------------------------------------------------------------------ classify
    @Slot(list)
    def classify_paths(self, paths: list[str]) -> None:
        """Classify files and folders in the background; `predictions_ready` when done."""
        if not self._require_model():
            return
        self._enqueue(_PathsJob(tuple(str(p) for p in paths)))

    def classify_image(self, array: np.ndarray, name: str = "pasted image") -> None:
        """Classify RGB pixels (copied now, on the GUI thread) in the background."""
        if not self._require_model():
            return
        try:
            rgb = _as_rgb(array)
        except ValueError as error:
            self._set_status(self.tr("Cannot classify this picture: {0}").format(error), "error")
            return
        self._enqueue(_ImageJob(rgb, name))

    @Slot()
    def paste_from_clipboard(self) -> None:
        """Ctrl+V: a picture on the clipboard is classified; copied files are classified too."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QApplication.clipboard().image()
            if not image.isNull():
                self.classify_image(qimage_to_rgb(image), self.tr("pasted image"))
                return
        if mime is not None and mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                self.classify_paths(paths)
                return
        self._set_status(self.tr("The clipboard holds no image to classify."), "warning")

    def _require_model(self) -> bool:
        if self._model_path is None:
            self._set_status(
                self.tr("Train a model first (tab 2), or open an exported .onnx file."), "warning"
            )
            return False
        return True

    def _enqueue(self, job: _PathsJob | _ImageJob) -> None:
        self._queue.append(job)
        if not self._classify_job.running:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue or self._model_path is None:
            self._queue.clear()
            return
        job = self._queue.pop(0)
        get = self._predictor_getter()
        self._batch_results = 0
        self.activity_label.setText(self.tr("Classifying…"))
        if isinstance(job, _PathsJob):
            paths = job.paths

            def make(cancel: CancelToken) -> Iterator[Any]:
                return classify_paths_events(get, paths, TOP_K, cancel)
        else:
            image, name = job.image, job.name

            def make(cancel: CancelToken) -> Iterator[Any]:
                return classify_image_events(get, image, name, TOP_K, cancel)

        self._classify_job.start(make)

    @Slot(object)
    def _on_classify_event(self, event: Any) -> None:
        if isinstance(event, PredictionRecord):
            self._batch_results += 1
            self._add_result(event)
        elif isinstance(event, Progress) and event.total > 1:
            self.activity_label.setText(
                self.tr("Classifying {0} of {1}…").format(event.done, event.total)
            )

    @Slot(str)
    def _on_classify_errored(self, message: str) -> None:
        self._set_status(message, "error")

    @Slot()
    def _on_classify_finished(self) -> None:
        self.activity_label.setText("")
        self.predictions_ready.emit(self._batch_results)
        self._start_next()

    # ------------------------------------------------------------------ result cards
    def _add_result(self, record: PredictionRecord) -> None:
        self.results.insert(0, record)
        del self.results[MAX_RESULTS:]
        name = record.path if record.pasted else Path(record.path).name
        if record.prediction is not None:
            latency = self.tr("{0} ms").format(
                _format_latency(record.prediction.latency_ms).removesuffix(" ms")
            )
            card = PredictionCard(
                name,
                record.prediction.labels,
                record.prediction.probabilities,
                latency,
                tooltip=record.path,
                label_width=self._label_width,
            )
        else:
            card = PredictionCard(
                name,
                error=record.error or "",
                tooltip=record.path,
                placeholder_text=self.tr("No preview"),
            )
        if record.thumbnail is not None:
            card.set_picture(rgb_to_qimage(record.thumbnail))
        elif not record.pasted:
            picture = self._loader.get(record.path)
            if isinstance(picture, QImage):
                card.set_picture(picture)
            elif picture is None:
                self._waiting_cards.setdefault(record.path, []).append(card)
        self.flow.insert_widget(0, card)
        self._cards.insert(0, card)
        for old in self._cards[MAX_RESULTS:]:
            self._forget_card(old)
        del self._cards[MAX_RESULTS:]
        self.results_placeholder.setVisible(False)

    def _forget_card(self, card: PredictionCard) -> None:
        for waiting in self._waiting_cards.values():
            if card in waiting:
                waiting.remove(card)
        self.flow.removeWidget(card)
        card.deleteLater()

    @Slot(str)
    def _on_thumbnail_ready(self, path: str) -> None:
        cards = self._waiting_cards.pop(path, None)
        if not cards:
            return
        picture = self._loader.get(path)
        if isinstance(picture, QImage):
            for card in cards:
                card.set_picture(picture)

    @Slot()
    def clear_results(self) -> None:
        """Remove every card (work still running keeps adding new ones)."""
        for card in self._cards:
            self._forget_card(card)
        self._cards.clear()
        self._waiting_cards.clear()
        self.results.clear()
        self.results_placeholder.setVisible(True)

    # ------------------------------------------------------------------ folder → CSV
    def classify_folder(self, folder: str, csv_path: str) -> None:
        """Classify every image below `folder` into `csv_path`; `folder_finished` at the end."""
        if not self._require_model():
            self.folder_finished.emit("")
            return
        if self._folder_job.running:
            self._set_status(self.tr("A folder is already being classified."), "warning")
            return
        get = self._predictor_getter()
        self._folder_summary = None
        self._folder_error = ""
        self.folder_title.setText(self.tr("Classifying {0}").format(Path(folder).name))
        self.folder_progress.setRange(0, 0)
        self.folder_eta.setText(self.tr("Looking for images…"))

        def make(cancel: CancelToken) -> Iterator[Any]:
            return classify_folder_events(get, folder, csv_path, TOP_K, cancel)

        self._folder_job.start(make)

    @Slot()
    def cancel_folder(self) -> None:
        """Stop the folder run after the batch in progress (no CSV is written)."""
        self._folder_job.cancel()
        self.folder_eta.setText(self.tr("Cancelling…"))

    @Slot()
    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of images to classify"))
        if not folder:
            return
        suggestion = str(Path(folder).parent / f"{Path(folder).name}-predictions.csv")
        csv_path = ask_csv_path(self, suggestion)
        if not csv_path:
            return
        self.classify_folder(folder, csv_path)

    @Slot(bool)
    def _on_folder_running_changed(self, running: bool) -> None:
        self.folder_row.setVisible(running)
        self.folder_button.setEnabled(not running)

    @Slot(object)
    def _on_folder_event(self, event: Any) -> None:
        if isinstance(event, Progress):
            if event.total <= 0:
                return
            self.folder_progress.setRange(0, event.total)
            self.folder_progress.setValue(event.done)
            self.folder_progress.setFormat(
                self.tr("{0} of {1} images").format(event.done, event.total)
            )
            if event.eta_s is not None and event.done < event.total:
                self.folder_eta.setText(
                    self.tr("about {0} left").format(_format_seconds(event.eta_s))
                )
            elif event.done >= event.total:
                self.folder_eta.setText(self.tr("writing the CSV…"))
            else:
                self.folder_eta.setText("")
        elif isinstance(event, FolderSummary):
            self._folder_summary = event

    @Slot(str)
    def _on_folder_errored(self, message: str) -> None:
        self._folder_error = message

    @Slot()
    def _on_folder_finished(self) -> None:
        summary = self._folder_summary
        if summary is not None:
            text = self.tr("Wrote %n rows to {0}", "", summary.rows).format(summary.csv_path)
            if summary.skipped:
                text += " " + self.tr("(%n files skipped)", "", summary.skipped)
            self._set_status(text)
            self.folder_finished.emit(summary.csv_path)
            return
        if self._folder_error:
            self._set_status(
                self.tr("Classifying the folder failed: {0}").format(self._folder_error), "error"
            )
        else:
            self._set_status(self.tr("Classifying the folder was cancelled; no CSV was written."))
        self.folder_finished.emit("")

    # ------------------------------------------------------------------ export
    def export_model(self, path: str, int8: bool | None = None) -> bool:
        """Copy the model to `path` with predict.py and README.txt beside it; record the export.

        `int8` (default: the INT8 box) writes a quantized copy instead, in a background task:
        True then means "started", and `export_finished` tells the end."""
        source = self._model_path
        if source is None:
            self._set_status(self.tr("There is no model to export yet."), "error")
            return False
        target = Path(path)
        if target.suffix.lower() != ".onnx":
            target = target.with_name(target.name + ".onnx")
        if int8 is None:
            int8 = self.int8_check.isEnabled() and self.int8_check.isChecked()
        if int8:
            return self._start_int8_export(source, target)
        try:
            bundle = drain(export_bundle(source, target, self._model_facts(), CancelToken()))
        except OSError as error:
            self._set_status(
                self.tr("Could not export the model: {0}").format(user_message(error)), "error"
            )
            self.export_finished.emit("")
            return False
        return self._finish_export(bundle)

    def _finish_export(self, bundle: Bundle) -> bool:
        """Record the written bundle with the project and say what was written."""
        target, int8_report = Path(bundle.model), bundle.int8
        script, readme = Path(bundle.script), Path(bundle.readme)
        project = self.session.project
        if project is not None and self._model_source == "run" and self._model_run_id:
            try:
                project.add_export(str(target), self._model_run_id)
            except Exception as error:  # noqa: BLE001 - the files are written; say what failed
                log.warning("could not record the export: %s", error)
        self._last_export = target
        if int8_report is None:
            message = self.tr("Exported {0} with {1} and {2}.").format(
                str(target), script.name, readme.name
            )
        else:
            message = self.tr(
                "Exported the INT8 model {0} ({1} MB instead of {2} MB) with {3} and {4}."
            ).format(
                str(target),
                f"{int8_report.size_bytes / 1e6:.1f}",
                f"{int8_report.float_size_bytes / 1e6:.1f}",
                script.name,
                readme.name,
            )
            if int8_report.top1_agreement is not None:
                message += " " + self.tr(
                    "Same top label as the full model on {0} % of {1} training items."
                ).format(f"{int8_report.top1_agreement * 100:.0f}", int8_report.check_items)
            if int8_report.speedup is not None:
                message += " " + self.tr(
                    "On this computer it runs at {0}× the full model's speed."
                ).format(f"{int8_report.speedup:.1f}")
        self._set_status(message, show_folder=True)
        # the status bar gets a short line (the panel's own line has the details)
        self.session.status_message.emit(self.tr("Exported {0}.").format(target.name))
        self.export_finished.emit(str(target))
        return True

    def _start_int8_export(self, source: Path, target: Path) -> bool:
        """Quantize `source` into `target` in the export task, calibrating on training items."""
        if self._export_job.running:
            self._set_status(self.tr("An INT8 export is already running."), "warning")
            return False
        if target.resolve() == source.resolve():
            self._set_status(
                self.tr("Choose another file: the INT8 model cannot replace its source."), "error"
            )
            return False
        calibration = self._calibration_items()
        if not self.is_text_model() and not calibration:
            self._set_status(
                self.tr("An INT8 export needs the project's training images to calibrate on."),
                "error",
            )
            return False
        self._int8_target, self._int8_report, self._int8_error = target, None, ""
        facts = self._model_facts()

        def make(cancel: CancelToken) -> Iterator[Any]:
            return export_bundle(source, target, facts, cancel, True, calibration)

        self._export_job.start(make)
        self._set_status(self.tr("Making the INT8 model…"))
        self._refresh_header()
        return True

    def cancel_export(self) -> None:
        """Stop an INT8 export in progress; nothing is written."""
        self._export_job.cancel()

    @Slot(object)
    def _on_export_event(self, event: Any) -> None:
        if isinstance(event, Progress) and event.total > 0:
            if event.stage == "calibrate":
                text = self.tr("Making the INT8 model: calibrating on {0} of {1} training items…")
                self._set_status(text.format(event.done, event.total))
            elif event.stage == "check":
                text = self.tr(
                    "Making the INT8 model: comparing it with the full model ({0} of {1})…"
                )
                self._set_status(text.format(event.done, event.total))
            else:
                self._set_status(self.tr("Making the INT8 model: quantizing the weights…"))
        elif isinstance(event, Finished):
            self._int8_report = event.result

    @Slot(str)
    def _on_export_errored(self, message: str) -> None:
        self._int8_error = message

    @Slot()
    def _on_export_finished(self) -> None:
        bundle = self._int8_report
        self._int8_target = self._int8_report = None
        self._refresh_header()
        if bundle is not None:
            self._finish_export(bundle)
            return
        if self._int8_error:
            self._set_status(
                self.tr("Could not export the INT8 model: {0}").format(self._int8_error), "error"
            )
        else:
            self._set_status(self.tr("The INT8 export was cancelled; nothing was written."))
        self.export_finished.emit("")

    @Slot()
    def _choose_export_path(self) -> None:
        if self._model_path is None:
            return
        run = self._model_run_id or self._model_path.stem
        project = self.session.project
        base = project.name if project is not None and getattr(project, "name", "") else run
        suggestion = str(Path.home() / f"{_safe_file_name(base)}.onnx")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export model"), suggestion, self.tr("ONNX models (*.onnx)")
        )
        if path:
            self.export_model(path)

    @Slot()
    def _show_export_folder(self) -> None:
        if self._last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_export.parent)))

    def _model_facts(self) -> ModelFacts:
        """What the exported README says about the model in use (labels, origin, accuracy)."""
        labels, accuracy = self._model_summary()
        if not labels and self._model_path is not None:
            with contextlib.suppress(ModelError):
                labels = self._get_predictor_for(self._model_path).labels
        origin = (
            f"{self._model_run_id}"
            if self._model_source == "run"
            else f"the file {self._model_path.name if self._model_path else ''}"
        )
        eval_n, eval_split = None, ""
        result = self.session.result
        if self._model_source == "run" and result is not None and result.eval_metrics:
            eval_n, eval_split = result.eval_metrics.n, result.eval_split
        task = "text" if self.is_text_model() else "image"
        return ModelFacts(task, tuple(labels), origin, accuracy, eval_n, eval_split)

    # ------------------------------------------------------------------ status & lifetime
    def _set_status(self, text: str, kind: str = "hint", show_folder: bool = False) -> None:
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
            self.session.result_changed.disconnect(self._on_result_changed)
        with contextlib.suppress(RuntimeError, TypeError):
            self.session.data_changed.disconnect(self._on_data_changed)


def _safe_file_name(text: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_ ." else "_" for c in text).strip(" .")
    return cleaned or "model"


if __name__ == "__main__":  # python -m desktop_app.gui.panels.predict_panel [PROJECT]
    from desktop_app.gui.preview import preview_panel

    raise SystemExit(preview_panel(PredictPanel, 1100, 760))
