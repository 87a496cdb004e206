"""The image page of "4 · Predict & Export": drop, paste or pick images and see one card each
(top 3 labels), or classify a whole folder into a CSV with progress and Cancel.

Two background jobs (the job-owner helper): "predict" classifies dropped files and pasted
pictures one batch after another (a small queue), "predict-folder" runs the folder → CSV
workflow. The words keep the "PredictPanel" translation context they had before the tab was
split, so the 简体中文 translation still finds them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.project import Item
from desktop_app.core.project_schema import ProjectError
from desktop_app.core.training.events import CancelToken, Progress
from desktop_app.core.workflows.classify import classify_folder_to_csv
from desktop_app.gui.dialogs import ask_csv_path, save_folder
from desktop_app.gui.messages import error_text
from desktop_app.gui.panels.predict.csv_run import CsvRunRow
from desktop_app.gui.panels.predict.images import as_rgb, qimage_to_rgb, rgb_to_qimage
from desktop_app.gui.panels.predict.kind_page import KindPage, PredictorSource
from desktop_app.gui.panels.predict.records import (
    FolderSummary,
    PredictionRecord,
    classify_image_events,
    classify_paths_events,
    format_latency,
    format_seconds,
    unsure_text,
)
from desktop_app.gui.panels.predict.why import (
    CardHeatmap,
    card_heatmap_events,
    heatmap_tooltip,
)
from desktop_app.gui.widgets.drop_zone import IMAGE_FILTER, DropZone
from desktop_app.gui.widgets.prediction_card import FlowLayout, PredictionCard, label_column_width
from desktop_app.gui.widgets.thumbnails import ThumbnailLoader

translate = QCoreApplication.translate

TOP_K = 3
MAX_RESULTS = 300  # cards kept on screen; a bigger batch belongs in "Classify a folder…"


@dataclass(frozen=True)
class _PathsRequest:
    paths: tuple[str, ...]


@dataclass(frozen=True)
class _ImageRequest:
    image: np.ndarray = field(compare=False, repr=False)
    name: str = "pasted image"


class ImagePage(KindPage):
    """Cards for dropped or pasted images, and "Classify a folder…" into a CSV."""

    kind = "image"
    int8_needs_training_items = True  # an INT8 image model calibrates on training images

    predictions_ready = Signal(int)  # results of one classify_paths / classify_image batch
    folder_finished = Signal(str)  # the CSV path, "" when cancelled or failed
    folder_written = Signal(object)  # the FolderSummary of a folder run that wrote its CSV

    def __init__(self, get_predictor: PredictorSource, session: Any) -> None:
        super().__init__(get_predictor, session)
        self.results: list[PredictionRecord] = []
        self._queue: list[_PathsRequest | _ImageRequest] = []
        self._batch_results = 0
        self._cards: list[PredictionCard] = []
        self._label_width: int | None = None
        self._waiting_cards: dict[str, list[PredictionCard]] = {}
        # "Why?": cards waiting for their heatmap (one "explain" job at a time, the rest queued)
        self._why_cards: dict[int, PredictionCard] = {}
        self._why_sources: dict[int, str | np.ndarray] = {}
        self._why_queue: list[int] = []
        self._loader = ThumbnailLoader.shared()
        self._loader.ready.connect(self._on_thumbnail_ready)
        self._build()

    def _build(self) -> None:
        work_layout = QVBoxLayout(self)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(8)
        self.drop_zone = DropZone(
            translate("PredictPanel", "Drop images or folders here to classify them"),
            translate("PredictPanel", "or click here to choose images · paste one with Ctrl+V"),
        )
        self.drop_zone.make_clickable(translate("PredictPanel", "Choose images to classify"))
        self.drop_zone.clicked.connect(self.choose_images)
        self.drop_zone.setMinimumHeight(96)
        self.drop_zone.setMaximumHeight(120)
        self.drop_zone.paths_dropped.connect(self.classify_paths)
        work_layout.addWidget(self.drop_zone)

        actions = QHBoxLayout()
        self.paste_button = QPushButton(translate("PredictPanel", "Paste image"))
        self.paste_button.setToolTip(
            translate("PredictPanel", "Classify the picture on the clipboard (Ctrl+V)")
        )
        self.paste_button.clicked.connect(self.paste_from_clipboard)
        self.folder_button = QPushButton(translate("PredictPanel", "Classify a folder…"))
        self.folder_button.setToolTip(
            translate(
                "PredictPanel", "Classify every image below a folder and save the results as CSV"
            )
        )
        self.folder_button.clicked.connect(self._choose_folder)
        self.clear_button = QPushButton(translate("PredictPanel", "Clear results"))
        self.clear_button.clicked.connect(self.clear_results)
        actions.addWidget(self.paste_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        self.activity_label = QLabel()
        self.activity_label.setObjectName("hint")
        actions.addWidget(self.activity_label)
        actions.addWidget(self.clear_button)
        work_layout.addLayout(actions)

        cancel = translate("PredictPanel", "Cancel")
        self.folder_row = CsvRunRow(cancel, self.folder_button, with_eta=True)
        self.folder_row.cancel_button.clicked.connect(self.cancel_folder)
        self.folder_progress, self.folder_eta = self.folder_row.progress, self.folder_row.eta
        work_layout.addWidget(self.folder_row)

        results_title = QLabel(translate("PredictPanel", "Results, newest first"))
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
            translate(
                "PredictPanel",
                "Results appear here: the top 3 labels of every image, with their probability.",
            )
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

    # ------------------------------------------------------------------ the model
    def set_labels(self, labels: tuple[str, ...]) -> None:
        """The model's labels: the cards' label column fits the longest."""
        self._label_width = label_column_width(labels, self.font()) if labels else None

    # ------------------------------------------------------------------ classify
    @Slot(list)
    def classify_paths(self, paths: list[str]) -> None:
        """Classify files and folders in the background; `predictions_ready` when done."""
        if self._get_predictor() is None:
            return
        self._enqueue(_PathsRequest(tuple(str(p) for p in paths)))

    def classify_image(self, array: np.ndarray, name: str = "pasted image") -> None:
        """Classify RGB pixels (copied now, on the GUI thread) in the background."""
        if self._get_predictor() is None:
            return
        try:
            rgb = as_rgb(array)
        except ValueError as error:
            text = translate("PredictPanel", "Cannot classify this picture: {0}")
            self.status.emit(text.format(error), "error")
            return
        self._enqueue(_ImageRequest(rgb, name))

    @Slot()
    def paste_from_clipboard(self) -> None:
        """Ctrl+V: a picture on the clipboard is classified; copied files are classified too."""
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasImage():
            image = QApplication.clipboard().image()
            if not image.isNull():
                self.classify_image(qimage_to_rgb(image), translate("PredictPanel", "pasted image"))
                return
        if mime is not None and mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                self.classify_paths(paths)
                return
        self.status.emit(
            translate("PredictPanel", "The clipboard holds no image to classify."), "warning"
        )

    def _enqueue(self, request: _PathsRequest | _ImageRequest) -> None:
        self._queue.append(request)
        if not self.job_running("predict"):
            self._start_next()

    def _start_next(self) -> None:
        get = self._get_predictor() if self._queue else None
        if get is None:
            self._queue.clear()
            return
        request = self._queue.pop(0)
        self._batch_results = 0
        self.activity_label.setText(translate("PredictPanel", "Classifying…"))
        if isinstance(request, _PathsRequest):
            paths = request.paths

            def make(cancel: CancelToken) -> Iterator[Any]:
                return classify_paths_events(get, paths, TOP_K, cancel)
        else:
            image, name = request.image, request.name

            def make(cancel: CancelToken) -> Iterator[Any]:
                return classify_image_events(get, image, name, TOP_K, cancel)

        self.start_job("predict", make)

    # ------------------------------------------------------------------ result cards
    def _add_result(self, record: PredictionRecord) -> None:
        self.results.insert(0, record)
        del self.results[MAX_RESULTS:]
        name = record.path if record.pasted else Path(record.path).name
        if record.prediction is not None:
            latency = translate("PredictPanel", "{0} ms").format(
                format_latency(record.prediction.latency_ms).removesuffix(" ms")
            )
            card = PredictionCard(
                name,
                record.prediction.labels,
                record.prediction.probabilities,
                latency,
                tooltip=record.path,
                label_width=self._label_width,
                unsure_text=unsure_text(record.prediction),
                why_text=translate("PredictPanel", "Why?"),
            )
            card.why_button.setToolTip(
                translate("PredictPanel", "Show where in the image the model looked")
            )
            source = record.source if record.pasted else record.path
            if source is not None:
                card.why_toggled.connect(
                    lambda checked, c=card, s=source: self._on_why(c, s, checked)
                )
        else:
            card = PredictionCard(
                name,
                error=record.error or "",
                tooltip=record.path,
                placeholder_text=translate("PredictPanel", "No preview"),
            )
        if not record.pasted:  # a file: it can join the dataset
            add = QAction(translate("PredictPanel", "Add to dataset as…"), card)
            add.triggered.connect(lambda _=False, r=record: self.add_to_dataset(r))
            card.addAction(add)
            card.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            card.setToolTip(
                translate("PredictPanel", "{0}\nRight-click: add it to the dataset as …").format(
                    record.path
                )
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

    def add_to_dataset(self, record: PredictionRecord) -> str | None:
        """Ask for a class (the prediction first) and add the image to the project's training
        data; the class chosen, or None when cancelled or impossible (said in the status)."""
        project = self.session.project
        if project is None:
            return None
        classes = list(project.classes)
        guess = record.prediction.label if record.prediction is not None else None
        if guess is not None and guess not in classes:
            classes.insert(0, guess)
        label, ok = QInputDialog.getItem(
            self,
            translate("PredictPanel", "Add to dataset"),
            translate("PredictPanel", "Add {0} to the dataset as:").format(Path(record.path).name),
            classes,
            classes.index(guess) if guess in classes else 0,
            True,
        )
        label = label.strip()
        if not ok or not label:
            return None
        try:
            project.check_writable()
            if label not in project.classes:
                project.add_class(label)
            project.items[record.path] = Item(label, "train")
        except ProjectError as error:
            self.status.emit(error_text(error), "warning")
            return None
        self.session.data_edited()
        self.status.emit(
            translate("PredictPanel", "Added {0} to the dataset as “{1}”.").format(
                Path(record.path).name, label
            ),
            "hint",
        )
        return label

    def _forget_card(self, card: PredictionCard) -> None:
        self._why_cards.pop(id(card), None)
        self._why_sources.pop(id(card), None)
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

    @property
    def cards(self) -> list[PredictionCard]:
        """The result cards on screen, newest first."""
        return list(self._cards)

    # ------------------------------------------------------------------ "Why?"
    def _on_why(self, card: PredictionCard, source: str | np.ndarray, checked: bool) -> None:
        """The card's toggle: its heatmap is computed once, in the background."""
        if not checked or card.has_overlay or id(card) in self._why_cards:
            return
        self._why_cards[id(card)] = card
        self._why_sources[id(card)] = source
        self._why_queue.append(id(card))
        if not self.job_running("explain"):
            self._explain_next()

    def _explain_next(self) -> None:
        while self._why_queue:
            key = self._why_queue.pop(0)
            source = self._why_sources.pop(key, None)
            get = self._get_predictor() if source is not None else None
            if get is None:
                self._why_cards.pop(key, None)
                continue

            self.start_job("explain", partial(card_heatmap_events, get, key, source))
            return

    def _show_heatmap(self, event: CardHeatmap) -> None:
        card = self._why_cards.pop(event.key, None)
        if card is not None:
            card.set_overlay(rgb_to_qimage(event.overlay), heatmap_tooltip(event))

    # ------------------------------------------------------------------ folder → CSV
    def classify_folder(self, folder: str, csv_path: str) -> None:
        """Classify every image below `folder` into `csv_path`; `folder_finished` at the end."""
        get = self._get_predictor()
        if get is None:
            self.folder_finished.emit("")
            return
        if self.job_running("predict-folder"):
            text = translate("PredictPanel", "A folder is already being classified.")
            self.status.emit(text, "warning")
            return

        def make(cancel: CancelToken) -> Iterator[Any]:
            return classify_folder_to_csv(get, folder, csv_path, TOP_K, cancel)

        self.start_job("predict-folder", make)
        self.folder_row.begin(
            translate("PredictPanel", "Classifying {0}").format(Path(folder).name)
        )
        self.folder_eta.setText(translate("PredictPanel", "Looking for images…"))

    @Slot()
    def cancel_folder(self) -> None:
        """Stop the folder run after the batch in progress (no CSV is written)."""
        self.cancel_job("predict-folder")
        self.folder_eta.setText(translate("PredictPanel", "Cancelling…"))

    @Slot()
    def choose_images(self) -> None:
        """The drop zone's click: pick image files in a dialog, then classify them."""
        files, _ = QFileDialog.getOpenFileNames(
            self,
            translate("PredictPanel", "Choose images to classify"),
            "",
            translate("PredictPanel", "Images ({0});;All files (*)").format(IMAGE_FILTER),
        )
        if files:
            self.classify_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, translate("PredictPanel", "Folder of images to classify")
        )
        if not folder:
            return
        suggestion = str(save_folder(self.session.project) / f"{Path(folder).name}-predictions.csv")
        csv_path = ask_csv_path(self, suggestion)
        if not csv_path:
            return
        self.classify_folder(folder, csv_path)

    def _show_folder_progress(self, event: Progress) -> None:
        if event.total <= 0:
            return
        text = translate("PredictPanel", "{0} of {1} images")
        self.folder_row.show_progress(event.done, event.total, text.format(event.done, event.total))
        if event.eta_s is not None and event.done < event.total:
            self.folder_eta.setText(
                translate("PredictPanel", "about {0} left").format(format_seconds(event.eta_s))
            )
        elif event.done >= event.total:
            self.folder_eta.setText(translate("PredictPanel", "writing the CSV…"))
        else:
            self.folder_eta.setText("")

    def _folder_ended(self) -> None:
        summary, error = self.folder_row.end()
        if summary is not None:
            self.folder_written.emit(summary)
            self.folder_finished.emit(summary.csv_path)
            return
        if error:
            text = translate("PredictPanel", "Classifying the folder failed: {0}")
            self.status.emit(text.format(error), "error")
        else:
            text = translate(
                "PredictPanel", "Classifying the folder was cancelled; no CSV was written."
            )
            self.status.emit(text, "hint")
        self.folder_finished.emit("")

    # ------------------------------------------------------------------ job hooks
    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, CardHeatmap):
            self._show_heatmap(event)
        elif name == "predict-folder" and isinstance(event, Progress):
            self._show_folder_progress(event)
        elif isinstance(event, PredictionRecord):
            self._batch_results += 1
            self._add_result(event)
        elif isinstance(event, Progress) and event.total > 1:
            self.activity_label.setText(
                translate("PredictPanel", "Classifying {0} of {1}…").format(event.done, event.total)
            )

    def on_done(self, name: str, result: Any) -> None:
        if name == "predict-folder" and isinstance(result, FolderSummary):
            self.folder_row.summary = result

    def on_error(self, name: str, message: str) -> None:
        if name == "predict-folder":
            self.folder_row.error = message
        elif name == "explain":
            text = translate("PredictPanel", "Cannot show why: {0}")
            self.status.emit(text.format(message), "error")
        else:
            self.status.emit(message, "error")

    def on_job_finished(self, name: str) -> None:
        if name == "predict-folder":
            self._folder_ended()
            return
        if name == "explain":
            self._explain_next()
            return
        self.activity_label.setText("")
        self.predictions_ready.emit(self._batch_results)
        self._start_next()
