"""The text half of "4 · Predict & Export": type or paste a text and see the probabilities
update as you type; classify a file of texts (one per line, or a CSV) into a CSV.

Typing restarts a 250 ms timer; when it fires the text is classified on a background job
("predict-text", the job-owner helper) with `Predictor.predict_text`. If the user types while that runs,
the newest text is classified as soon as it ends, so the screen never shows a stale answer for
long and the GUI thread never waits for the model. Once the answer is shown, a second job
("explain-text") weighs each word (leave-one-word-out, core/explain.py) and the words that
decided are coloured in the text box: green towards the answer, red against it; the same
"newest text wins" rule applies, so typing never waits for it. The class keeps its old name
(`TextPredictWidget`): it is the translation context of its words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from desktop_app.core.inference import Prediction, Predictor
from desktop_app.core.training.events import Cancelled, CancelToken, Progress
from desktop_app.core.workflows.classify import CsvSummary, classify_text_file_to_csv
from desktop_app.gui.dialogs import ask_csv_path, save_folder
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.panels.predict.csv_run import CsvRunRow
from desktop_app.gui.panels.predict.kind_page import KindPage, PredictorSource
from desktop_app.gui.panels.predict.why import TextWords, text_words_events, word_selections

TOP_K = 3
DEBOUNCE_MS = 250
FILE_BATCH = 64


@dataclass(frozen=True)
class TextPrediction:
    """The answer for one typed text (plain data: crosses from the worker to the GUI)."""

    text: str
    prediction: Prediction


TextFileSummary = CsvSummary  # the end of a file run: CSV path, rows, seconds


def classify_text_events(
    get_predictor: Callable[[], Predictor], text: str, k: int, cancel: CancelToken
) -> Iterator[Any]:
    predictor = get_predictor()
    if cancel.cancelled:
        yield Cancelled("predict")
        return
    yield TextPrediction(text, predictor.predict_text(text, k))


class TextPredictWidget(KindPage):
    """The text page: a text box with live probabilities, and "Classify a file…" with progress
    and cancel."""

    kind = "text"
    int8_needs_training_items = False  # an INT8 text model needs no images to calibrate on

    prediction_ready = Signal(object)  # TextPrediction for the text currently typed
    file_finished = Signal(str)  # the CSV path, "" when cancelled or failed

    def __init__(self, get_predictor: PredictorSource, session: Any) -> None:
        super().__init__(get_predictor, session)
        self.last: TextPrediction | None = None
        self.words: TextWords | None = None  # the word weights coloured in the text box
        self._pending = False
        self._words_pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._classify_now)
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        title = QLabel(self.tr("Type or paste a text: the answer updates as you type"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.editor = QPlainTextEdit()
        self.editor.setPlaceholderText(self.tr("For example: Congratulations! You won a prize…"))
        self.editor.setMinimumHeight(150)
        self.editor.textChanged.connect(self._on_text_changed)
        row.addWidget(self.editor, 3)

        card = QFrame()
        card.setObjectName("card")
        card.setMinimumWidth(320)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(14, 10, 14, 10)
        self.top_label = QLabel(self.tr("—"))
        self.top_label.setObjectName("bigNumber")
        self.top_label.setTextFormat(Qt.TextFormat.PlainText)
        self.top_caption = QLabel(self.tr("The most likely label appears here."))
        self.top_caption.setObjectName("bigCaption")
        self.top_caption.setWordWrap(True)
        card_layout.addWidget(self.top_label)
        card_layout.addWidget(self.top_caption)
        self.bars = QGridLayout()
        self.bars.setHorizontalSpacing(8)
        self.bar_labels: list[QLabel] = []
        self.bar_values: list[QProgressBar] = []
        for index in range(TOP_K):
            name = QLabel()
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.bars.addWidget(name, index, 0)
            self.bars.addWidget(bar, index, 1)
            self.bar_labels.append(name)
            self.bar_values.append(bar)
        card_layout.addLayout(self.bars)
        card_layout.addStretch(1)
        self.why_box = QCheckBox(self.tr("Why? Colour the words that decided"))
        self.why_box.setToolTip(
            self.tr(
                "Each word is left out in turn: green words pushed the text towards the answer, "
                "red words against it; the stronger the colour, the more it mattered."
            )
        )
        self.why_box.setChecked(True)
        self.why_box.toggled.connect(self._on_why_toggled)
        card_layout.addWidget(self.why_box)
        self.why_legend = QLabel()
        self.why_legend.setObjectName("hint")
        self.why_legend.setWordWrap(True)
        self.why_legend.setTextFormat(Qt.TextFormat.PlainText)
        card_layout.addWidget(self.why_legend)
        row.addWidget(card, 2)
        layout.addLayout(row)

        actions = QHBoxLayout()
        self.file_button = QPushButton(self.tr("Classify a file…"))
        self.file_button.setToolTip(
            self.tr("Classify a file with one text per line (or a CSV) and save the results as CSV")
        )
        self.file_button.clicked.connect(self._choose_file)
        actions.addWidget(self.file_button)
        file_hint = QLabel(
            self.tr("One text per line, or a CSV with a text column; the answers go to a CSV.")
        )
        file_hint.setObjectName("hint")
        actions.addWidget(file_hint)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.file_row = CsvRunRow(self.tr("Cancel"), self.file_button, with_eta=False)
        self.file_row.cancel_button.clicked.connect(self.cancel_file)
        layout.addWidget(self.file_row)
        layout.addStretch(1)
        self._show(None)

    # ------------------------------------------------------------------ typing
    def set_text(self, text: str) -> None:
        self.editor.setPlainText(text)

    def reset(self) -> None:
        """A new model: forget the answer shown, classify the current text again."""
        self.last = None
        self._show(None)
        self._show_words(None)
        if self.editor.toPlainText().strip():
            self._timer.start()

    @Slot()
    def _on_text_changed(self) -> None:
        self._timer.start()  # restarts: classify 250 ms after the last key press
        if self.words is not None and self.words.text != self.editor.toPlainText().strip():
            self._show_words(None)  # the colours belong to the text as it was

    @Slot()
    def _classify_now(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text:
            self.last = None
            self._show(None)
            self._show_words(None)
            return
        if self.job_running("predict-text"):
            self._pending = True
            return
        get = self._get_predictor()
        if get is None:
            return

        def make(cancel: CancelToken) -> Iterator[Any]:
            return classify_text_events(get, text, TOP_K, cancel)

        self.start_job("predict-text", make)

    def _on_typed_answer(self, event: TextPrediction) -> None:
        if event.text != self.editor.toPlainText().strip():
            return  # typed on meanwhile: the newer text follows
        self.last = event
        self._show(event.prediction)
        self.prediction_ready.emit(event)
        self._explain_now()

    # ------------------------------------------------------------------ "Why?": word colours
    def _explain_now(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text or not self.why_box.isChecked():
            return
        if self.job_running("explain-text"):
            self._words_pending = True
            return
        get = self._get_predictor()
        if get is None:
            return

        def make(cancel: CancelToken) -> Iterator[Any]:
            return text_words_events(get, text, cancel)

        self.start_job("explain-text", make)

    def _on_words(self, event: TextWords) -> None:
        if event.text != self.editor.toPlainText().strip() or not self.why_box.isChecked():
            return  # typed on meanwhile: the newer text follows
        self._show_words(event)

    def _show_words(self, words: TextWords | None) -> None:
        self.words = words
        if words is None:
            self.editor.setExtraSelections([])
            self.why_legend.setText("")
            return
        raw = self.editor.toPlainText()
        offset = len(raw) - len(raw.lstrip())
        self.editor.setExtraSelections(word_selections(self.editor, words, offset))
        self.why_legend.setText(
            self.tr("Green: words that point to “{0}”. Red: words against it.").format(
                words.explanation.label
            )
        )

    @Slot(bool)
    def _on_why_toggled(self, checked: bool) -> None:
        if checked:
            self._explain_now()
        else:
            self._show_words(None)

    def _show(self, prediction: Prediction | None) -> None:
        if prediction is None:
            self.top_label.setText(self.tr("—"))
            self.top_caption.setText(self.tr("The most likely label appears here."))
            for name, bar in zip(self.bar_labels, self.bar_values, strict=True):
                name.setText("")
                bar.setVisible(False)
            return
        caption = self.tr("{0} % sure · {1} ms").format(
            f"{100 * prediction.probabilities[0]:.1f}", f"{prediction.latency_ms:.0f}"
        )
        if prediction.unsure:  # below the model's threshold: a guess, not an answer
            self.top_label.setText(self.tr("Not sure"))
            self.top_caption.setText(
                self.tr("Best guess: {0} · {1}").format(prediction.label, caption)
            )
        else:
            self.top_label.setText(prediction.label)
            self.top_caption.setText(caption)
        for index, (name, bar) in enumerate(zip(self.bar_labels, self.bar_values, strict=True)):
            if index < len(prediction.labels):
                share = prediction.probabilities[index]
                name.setText(prediction.labels[index])
                bar.setValue(round(1000 * share))
                bar.setFormat(f"{100 * share:.1f} %")
                bar.setVisible(True)
            else:
                name.setText("")
                bar.setVisible(False)

    @property
    def top_label_text(self) -> str:
        return self.top_label.text()

    # ------------------------------------------------------------------ file → CSV
    def classify_file(self, path: str, csv_path: str) -> None:
        if self.job_running("predict-text-file"):
            self.status.emit(self.tr("A file is already being classified."), "warning")
            return
        get = self._get_predictor()
        if get is None:
            self.file_finished.emit("")
            return

        def make(cancel: CancelToken) -> Iterator[Any]:
            return classify_text_file_to_csv(get, path, csv_path, TOP_K, cancel, FILE_BATCH)

        self.start_job("predict-text-file", make)
        self.file_row.begin(self.tr("Classifying {0}").format(Path(path).name))

    @Slot()
    def cancel_file(self) -> None:
        self.cancel_job("predict-text-file")

    @Slot()
    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("File of texts to classify"),
            "",
            self.tr("Texts (*.txt *.csv *.tsv);;All files (*)"),
        )
        if not path:
            return
        suggestion = str(save_folder(self.session.project) / f"{Path(path).stem}-predictions.csv")
        csv_path = ask_csv_path(self, suggestion)
        if not csv_path:
            return
        self.classify_file(path, csv_path)

    # ------------------------------------------------------------------ job hooks
    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, TextPrediction):
            self._on_typed_answer(event)
        elif isinstance(event, TextWords):
            self._on_words(event)
        elif name == "predict-text-file" and isinstance(event, Progress) and event.total > 0:
            text = self.tr("{0} of {1} texts").format(event.done, event.total)
            self.file_row.show_progress(event.done, event.total, text)

    def on_done(self, name: str, result: Any) -> None:
        if name == "predict-text-file" and isinstance(result, TextFileSummary):
            self.file_row.summary = result

    def on_error(self, name: str, message: str) -> None:
        if name == "predict-text-file":
            self.file_row.error = message
        else:
            self.status.emit(message, "error")

    def on_job_finished(self, name: str) -> None:
        if name == "predict-text":
            if self._pending:
                self._pending = False
                self._classify_now()
            return
        if name == "explain-text":
            if self._words_pending:
                self._words_pending = False
                self._explain_now()
            return
        summary, error = self.file_row.end()
        if summary is not None:
            text = self.tr("Wrote {0} rows to {1}").format(summary.rows, summary.csv_path)
            if summary.note is not None:  # not where asked (a full disk): where, and why
                self.status.emit(phrase_text(summary.note) + " " + text, "warning")
            else:
                self.status.emit(text, "hint")
            self.file_finished.emit(summary.csv_path)
            return
        if error:
            self.status.emit(self.tr("Classifying the file failed: {0}").format(error), "error")
        else:
            self.status.emit(
                self.tr("Classifying the file was cancelled; no CSV was written."), "hint"
            )
        self.file_finished.emit("")
