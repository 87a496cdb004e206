"""The "3 · Evaluate" tab: how good is the model, where does it go wrong, and fix the data.

Shows the current run's headline numbers (accuracy, macro-F1, on which images), a per-class
table, and a confusion matrix. Clicking a cell lists the images behind it, with the model's
confidence, and lets the user relabel a wrongly labelled image in one click; the panel then
reminds them to retrain, since the numbers belong to the old data.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.project import ProjectError
from desktop_app.gui.messages import error_text
from desktop_app.gui.model_words import model_title
from desktop_app.gui.panels.evaluate_other import OtherDataEvaluator
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.confusion import ConfusionMatrix
from desktop_app.gui.widgets.text_table import TextRow, TextTableModel, TextTableView
from desktop_app.gui.widgets.thumbnails import ThumbItem, ThumbnailModel, ThumbnailView

log = logging.getLogger(__name__)

WORST_BACKGROUND = QColor("#fff1e6")
TOP_K = 3


class _NumberItem(QTableWidgetItem):
    """A table cell that shows text but sorts by a number."""

    def __init__(self, text: str, value: float) -> None:
        super().__init__(text)
        self.setData(Qt.ItemDataRole.UserRole, value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine = self.data(Qt.ItemDataRole.UserRole)
        theirs = other.data(Qt.ItemDataRole.UserRole)
        if isinstance(mine, (int, float)) and isinstance(theirs, (int, float)):
            return mine < theirs
        return super().__lt__(other)


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def _duration(seconds: float) -> str:
    seconds = max(0.0, float(seconds))
    if seconds < 60:
        return QCoreApplication.translate("EvaluatePanel", "{0} s").format(f"{seconds:.1f}")
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return QCoreApplication.translate("EvaluatePanel", "{0} min {1} s").format(minutes, rest)
    hours, minutes = divmod(minutes, 60)
    return QCoreApplication.translate("EvaluatePanel", "{0} h {1} min").format(hours, minutes)


def _card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    return frame


def _label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class EvaluatePanel(QWidget):
    """Accuracy, per-class table, confusion matrix and the images behind each of its cells."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._result = None  # the TrainResult shown
        self._predicted = np.zeros(0, dtype=np.int64)  # argmax per eval item
        self._cell: tuple[int, int] | None = None  # the confusion cell whose images are listed
        self._relabelled: dict[str, str] = {}  # path → new label, since this result was shown
        self._build()
        session.result_changed.connect(self.refresh)
        session.project_changed.connect(self.refresh)
        session.data_changed.connect(self._update_actions)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # Empty state.
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        self.empty_label = _label(
            self.tr("Train a model first (tab 2) to see how well it does."), "sectionTitle", True
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = _label(
            self.tr(
                "After training, this tab shows how often the model is right on images it never "
                "saw, which classes it mixes up, and lets you fix wrongly labelled images."
            ),
            "hint",
            True,
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addStretch(2)
        self.stack.addWidget(empty)

        # Results.
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self._build_summary())
        self.other_data = OtherDataEvaluator(self.session)
        layout.addWidget(self.other_data)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_matrix_side())
        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self._build_table())
        right.addWidget(self._build_cell_side())
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self.stack.addWidget(page)

    def _build_summary(self) -> QWidget:
        card = _card()
        row = QHBoxLayout(card)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(28)

        column = QVBoxLayout()
        column.setSpacing(0)
        self.accuracy_label = _label("", "bigNumber")
        self.accuracy_caption = _label("", "bigCaption", True)
        column.addWidget(self.accuracy_label)
        column.addWidget(self.accuracy_caption)
        row.addLayout(column, 3)

        column = QVBoxLayout()
        column.setSpacing(0)
        self.f1_label = _label("", "bigNumber")
        self.f1_caption = _label("", "bigCaption", True)
        column.addWidget(self.f1_label)
        column.addWidget(self.f1_caption)
        row.addLayout(column, 2)

        column = QVBoxLayout()
        column.setSpacing(4)
        self.verdict_label = _label("", "sectionTitle", True)
        self.run_label = _label("", "hint", True)
        self.run_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.verdict_label)
        column.addWidget(self.run_label)
        column.addStretch(1)
        row.addLayout(column, 5)
        return card

    def _build_matrix_side(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(_label(self.tr("What the model mixes up"), "sectionTitle"))
        self.matrix_hint = _label(
            self.tr(
                "Rows are the real class, columns what the model said. Blue: right; "
                "orange: mistakes. Click a cell to see its images."
            ),
            "hint",
            True,
        )
        layout.addWidget(self.matrix_hint)
        self.confusion = ConfusionMatrix()
        self.confusion.cell_clicked.connect(self.open_cell)
        layout.addWidget(self.confusion, 1)
        return box

    def _build_table(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 0, 0, 6)
        layout.addWidget(_label(self.tr("Per class"), "sectionTitle"))
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Class"),
                self.tr("Precision"),
                self.tr("Recall"),
                self.tr("F1"),
                self.tr("Images"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        tips = [
            self.tr("The class name. Double-click a row to see the images it got right."),
            self.tr("Of the images the model called this class, the share that really are."),
            self.tr("Of the images of this class, the share the model found."),
            self.tr("The balance of precision and recall: one number per class."),
            self.tr("How many evaluation images of this class there are."),
        ]
        for column, tip in enumerate(tips):
            self.table.horizontalHeaderItem(column).setToolTip(tip)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.cellDoubleClicked.connect(self._on_table_double_clicked)
        layout.addWidget(self.table, 1)
        return box

    def _build_cell_side(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 0, 0)

        header = QHBoxLayout()
        self.cell_title = _label(self.tr("Images"), "sectionTitle", True)
        header.addWidget(self.cell_title, 1)
        self.mistakes_button = QPushButton(self.tr("All mistakes"))
        self.mistakes_button.setToolTip(
            self.tr("List every wrongly predicted image, most confident mistakes first.")
        )
        self.mistakes_button.clicked.connect(self.open_mistakes)
        header.addWidget(self.mistakes_button)
        layout.addLayout(header)
        self.cell_hint = _label(
            self.tr("Click a cell of the matrix, or “All mistakes”, to see the images behind it."),
            "hint",
            True,
        )
        layout.addWidget(self.cell_hint)

        body = QHBoxLayout()
        self.cell_model = ThumbnailModel(self)
        self.cell_view = ThumbnailView(size=112, caption_lines=2)
        self.cell_view.setModel(self.cell_model)
        self.cell_view.setMinimumWidth(280)
        self.cell_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.cell_view.doubleClicked.connect(self._on_double_clicked)
        # Text projects list the texts behind a cell instead of thumbnails.
        self.cell_text_model = TextTableModel(
            [self.tr("Text"), self.tr("True → predicted"), self.tr("Probability")], self
        )
        self.cell_text_view = TextTableView(self.cell_text_model)
        self.cell_text_view.setMinimumWidth(280)
        self.cell_text_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.cell_stack = QStackedWidget()
        self.cell_stack.addWidget(self.cell_view)
        self.cell_stack.addWidget(self.cell_text_view)
        body.addWidget(self.cell_stack, 1)

        details = _card()
        # In a scroll area: on a small window the details scroll instead of being cut off.
        details_scroll = QScrollArea()
        details_scroll.setWidget(details)
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        details_scroll.viewport().setAutoFillBackground(False)
        details_scroll.setMinimumWidth(220)
        details_scroll.setMaximumWidth(290)
        column = QVBoxLayout(details)
        column.setContentsMargins(12, 10, 12, 10)
        self.selected_title = _label(self.tr("Selected image"), "sectionTitle")
        column.addWidget(self.selected_title)
        self.details_label = _label(
            self.tr("Select an image to see what the model thought."), "hint", True
        )
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.details_label)
        column.addSpacing(6)
        self.relabel_button = QPushButton(self.tr("Relabel"))
        self.relabel_button.setObjectName("primary")
        self.relabel_button.setToolTip(
            self.tr("The model is right and the label is wrong: move the image to that class.")
        )
        self.relabel_button.clicked.connect(self._on_relabel_clicked)
        column.addWidget(self.relabel_button)
        self.relabel_other = QToolButton()
        self.relabel_other.setText(self.tr("Relabel as…"))
        self.relabel_other.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.relabel_other.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.relabel_other.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.relabel_menu = QMenu(self.relabel_other)
        self.relabel_menu.aboutToShow.connect(self._fill_relabel_menu)
        self.relabel_menu.triggered.connect(self._on_relabel_menu)
        self.relabel_other.setMenu(self.relabel_menu)
        column.addWidget(self.relabel_other)
        self.retrain_hint = _label(self.tr("Retrain to update these numbers."), "warning", True)
        self.retrain_hint.setVisible(False)
        column.addWidget(self.retrain_hint)
        column.addStretch(1)
        self.open_hint = _label(self.tr("Double-click an image to open it."), "hint", True)
        column.addWidget(self.open_hint)
        body.addWidget(details_scroll)
        layout.addLayout(body, 1)
        return box

    # ------------------------------------------------------------------ refresh
    @Slot()
    def refresh(self) -> None:
        """Show the session's current result (or the empty state)."""
        result = self.session.result if self.session.project is not None else None
        metrics = result.eval_metrics if result is not None else None
        if result is not self._result:
            self._relabelled = {}
            self.retrain_hint.setVisible(False)
        self._result = result
        self._cell = None
        self.cell_model.set_items([])
        self.cell_text_model.set_rows([])
        self._use_words_for_task()
        if result is None or metrics is None:
            self._predicted = np.zeros(0, dtype=np.int64)
            self.confusion.clear()
            self.table.setRowCount(0)
            self.stack.setCurrentIndex(0)
            self._update_actions()
            return
        probabilities = np.asarray(result.eval_probabilities)
        self._predicted = (
            probabilities.argmax(axis=1).astype(np.int64)
            if probabilities.ndim == 2 and probabilities.shape[0] and probabilities.shape[1]
            else np.zeros(0, dtype=np.int64)
        )
        self._show_summary(result, metrics)
        self._fill_table(metrics)
        self.confusion.set_matrix(metrics.confusion, list(result.classes))
        self.cell_title.setText(self.tr("Texts") if self.is_text() else self.tr("Images"))
        if len(self._predicted) and self.is_text():
            self.cell_hint.setText(
                self.tr(
                    "Click a cell of the matrix, or “All mistakes”, to see the texts behind it."
                )
            )
        elif len(self._predicted):
            self.cell_hint.setText(
                self.tr(
                    "Click a cell of the matrix, or “All mistakes”, to see the images behind it."
                )
            )
        else:
            self.cell_hint.setText(
                self.tr("This run did not keep its test images, so cells cannot be opened.")
            )
        self.mistakes_button.setEnabled(bool(len(self._predicted)))
        self.stack.setCurrentIndex(1)
        self._update_actions()

    def _use_words_for_task(self) -> None:
        """Say "texts" or "images" in the fixed labels, after the open project's kind of data."""
        text = self.is_text()
        self.open_hint.setVisible(not text)
        self.selected_title.setText(self.tr("Selected text") if text else self.tr("Selected image"))
        self.matrix_hint.setText(
            self.tr(
                "Rows are the real class, columns what the model said. Blue: right; "
                "orange: mistakes. Click a cell to see its texts."
            )
            if text
            else self.tr(
                "Rows are the real class, columns what the model said. Blue: right; "
                "orange: mistakes. Click a cell to see its images."
            )
        )
        header = self.table.horizontalHeaderItem(4)
        if header is not None:
            header.setText(self.tr("Texts") if text else self.tr("Images"))

    def _split_words(self, split: str, n: int) -> str:
        if self.is_text() and split == "test":
            return self.tr("on {0} test texts the model never saw during training").format(n)
        if self.is_text():
            return self.tr(
                "on {0} validation texts (they picked the best epoch, so expect a little "
                "lower in use)"
            ).format(n)
        if split == "test":
            return self.tr("on {0} test images the model never saw during training").format(n)
        return self.tr(
            "on {0} validation images (they picked the best epoch, so expect a little lower in use)"
        ).format(n)

    def _verdict(self, accuracy: float, n_classes: int) -> str:
        chance = 1.0 / max(n_classes, 1)
        if accuracy >= 0.95 and self.is_text():
            return self.tr("Excellent: the model gets almost every text right.")
        if accuracy >= 0.95:
            return self.tr("Excellent: the model gets almost every image right.")
        if accuracy >= 0.85 and self.is_text():
            return self.tr(
                "Good: it gets most texts right. The matrix shows what it still mixes up."
            )
        if accuracy >= 0.85:
            return self.tr(
                "Good: it gets most images right. The matrix shows what it still mixes up."
            )
        if accuracy >= 0.70:
            return self.tr(
                "Fair: usable for a first try, but it makes many mistakes. More or cleaner "
                "examples of the weak classes usually help."
            )
        if accuracy >= min(0.95, 1.5 * chance):
            return self.tr(
                "Weak: it often gets it wrong. Check the labels of the mistakes and add more "
                "varied examples."
            )
        return self.tr(
            "About as good as guessing: the classes may look too alike, or there are too few examples."
        )

    def _show_summary(self, result, metrics) -> None:  # noqa: ANN001 - TrainResult, Metrics
        split = result.eval_split or ("test" if result.test_metrics is not None else "val")
        self.accuracy_label.setText(_percent(metrics.accuracy))
        self.accuracy_caption.setText(
            self.tr("accuracy {0}").format(self._split_words(split, metrics.n))
        )
        self.f1_label.setText(_percent(metrics.macro_f1))
        self.f1_caption.setText(self.tr("macro-F1: every class counts the same, big or small"))
        verdict = self._verdict(metrics.accuracy, len(result.classes))
        if metrics.n < 30:
            verdict += " " + self.tr(
                "Only {0} images were tested, so these numbers are rough."
            ).format(metrics.n)
        self.verdict_label.setText(verdict)
        self.run_label.setText(self._run_words(result))

    def _run_words(self, result) -> str:  # noqa: ANN001 - TrainResult
        title = model_title(result.backbone_id)
        model = f"{title} ({result.backbone_id})" if title else result.backbone_id
        lines = [
            self.tr("Model: {0}").format(model),
            (
                self.tr("{0} epochs (best: {1}) · trained on {2} texts in {3}")
                if self.is_text()
                else self.tr("{0} epochs (best: {1}) · trained on {2} images in {3}")
            ).format(
                result.epochs_run, result.best_epoch, result.n_train, _duration(result.seconds)
            ),
        ]
        if self.session.result_run_id:
            lines.append(self.tr("Run {0}").format(self.session.result_run_id))
        return "\n".join(lines)

    def _fill_table(self, metrics) -> None:  # noqa: ANN001 - Metrics
        table = self.table
        table.setSortingEnabled(False)
        table.clearContents()
        table.setRowCount(len(metrics.per_class))
        present = [c for c in metrics.per_class if c.support > 0]
        lowest = min((c.f1 for c in present), default=0.0)
        weakest = (
            {c.name for c in present if c.f1 <= lowest + 1e-9}
            if len(present) > 1 and any(c.f1 > lowest + 1e-9 for c in present)
            else set()
        )
        for row, cls in enumerate(metrics.per_class):
            name = QTableWidgetItem(cls.name)
            name.setData(Qt.ItemDataRole.UserRole, row)  # the class index, kept across sorting
            cells = [
                name,
                _NumberItem(_percent(cls.precision), cls.precision),
                _NumberItem(_percent(cls.recall), cls.recall),
                _NumberItem(_percent(cls.f1), cls.f1),
                _NumberItem(str(cls.support), cls.support),
            ]
            for column, item in enumerate(cells):
                if cls.name in weakest:
                    item.setBackground(WORST_BACKGROUND)
                    item.setToolTip(self.tr("The weakest class: its F1 is the lowest."))
                table.setItem(row, column, item)
            if cls.name in weakest:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
                name.setText(self.tr("{0}  (weakest)").format(cls.name))
        table.setSortingEnabled(True)
        table.sortByColumn(3, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------------ cells
    @Slot(int, int)
    def open_cell(self, true_index: int, predicted_index: int) -> None:
        """List the eval images of true class `true_index` predicted as `predicted_index`."""
        result = self._result
        if result is None or not len(self._predicted):
            return
        labels = np.asarray(result.eval_labels, dtype=np.int64)
        rows = np.flatnonzero((labels == true_index) & (self._predicted == predicted_index))
        confidence = np.asarray(result.eval_probabilities)[rows, predicted_index]
        if true_index == predicted_index:
            order = np.argsort(confidence, kind="stable")  # least confident first
        else:
            order = np.argsort(-confidence, kind="stable")  # most confident mistakes first
        self._cell = (true_index, predicted_index)
        self.confusion.set_selected(true_index, predicted_index)
        names = result.classes
        if self.is_text() and true_index == predicted_index:
            self.cell_title.setText(
                self.tr("{0} '{1}' texts recognised correctly").format(len(rows), names[true_index])
            )
            self.cell_hint.setText(
                self.tr("Least confident first: the hardest texts the model still got right.")
            )
        elif self.is_text():
            self.cell_title.setText(
                self.tr("{0} '{1}' texts predicted as '{2}'").format(
                    len(rows), names[true_index], names[predicted_index]
                )
            )
            self.cell_hint.setText(
                self.tr(
                    "Most confident mistakes first: often these are wrongly labelled. "
                    "If the model is right, relabel the text."
                )
            )
        elif true_index == predicted_index:
            self.cell_title.setText(
                self.tr("{0} '{1}' images recognised correctly").format(
                    len(rows), names[true_index]
                )
            )
            self.cell_hint.setText(
                self.tr("Least confident first: the hardest images the model still got right.")
            )
        else:
            self.cell_title.setText(
                self.tr("{0} '{1}' images predicted as '{2}'").format(
                    len(rows), names[true_index], names[predicted_index]
                )
            )
            self.cell_hint.setText(
                self.tr(
                    "Most confident mistakes first: often these are wrongly labelled. "
                    "If the model is right, relabel the image."
                )
            )
        self._show_rows([int(i) for i in rows[order]])

    @Slot()
    def open_mistakes(self) -> None:
        """List every misclassified eval image, most confident mistakes first."""
        result = self._result
        if result is None or not len(self._predicted):
            return
        labels = np.asarray(result.eval_labels, dtype=np.int64)
        rows = np.flatnonzero(labels != self._predicted)
        probabilities = np.asarray(result.eval_probabilities)
        confidence = probabilities[rows, self._predicted[rows]]
        order = np.argsort(-confidence, kind="stable")
        self._cell = None
        self.confusion.set_selected(None)
        self.cell_title.setText(self.tr("All {0} mistakes").format(len(rows)))
        self.cell_hint.setText(
            self.tr("Most confident mistakes first: often these are wrongly labelled.")
        )
        self._show_rows([int(i) for i in rows[order]])

    def is_text(self) -> bool:
        """The shown result classifies texts: cells list texts, not thumbnails."""
        project = self.session.project
        return project is not None and project.task == "text"

    def _show_rows(self, rows: list[int]) -> None:
        if self.is_text():
            self.cell_stack.setCurrentWidget(self.cell_text_view)
            self.cell_model.set_items([])
            self.cell_text_model.set_rows([self._text_row(i) for i in rows])
            if rows:
                self.cell_text_view.selectRow(0)
        else:
            self.cell_stack.setCurrentWidget(self.cell_view)
            self.cell_text_model.set_rows([])
            self.cell_model.set_items([self._thumb(i) for i in rows])
            if rows:
                self.cell_view.setCurrentIndex(self.cell_model.index(0))
        self._update_actions()

    def cell_texts(self) -> list[str]:
        """The texts listed for the open cell, in the order shown."""
        result = self._result
        if result is None:
            return []
        return [result.eval_items[row.payload] for row in self.cell_text_model.rows]

    def _text_row(self, row: int) -> TextRow:
        """A text behind a cell: the text, "true → predicted" (+ relabel mark), probability."""
        result = self._result
        assert result is not None
        text = result.eval_items[row]
        true = result.classes[result.eval_labels[row]]
        predicted_index = int(self._predicted[row])
        predicted = result.classes[predicted_index]
        confidence = float(result.eval_probabilities[row][predicted_index])
        outcome = f"{true} → {predicted}"
        new_label = self._relabelled.get(text)
        if new_label is not None:
            outcome = self.tr("✓ now {0} · was {1}").format(new_label, true)
        return TextRow((text, outcome, f"{100 * confidence:.1f} %"), text, row)

    def _thumb(self, row: int) -> ThumbItem:
        """The thumbnail of eval item `row`: caption "true → predicted  87 %" (+ relabel mark)."""
        result = self._result
        assert result is not None
        path = result.eval_items[row]
        true = result.classes[result.eval_labels[row]]
        predicted_index = int(self._predicted[row])
        predicted = result.classes[predicted_index]
        confidence = float(result.eval_probabilities[row][predicted_index])
        caption = self.tr("{0} → {1}  {2} %").format(true, predicted, round(100 * confidence))
        new_label = self._relabelled.get(path)
        if new_label is not None:
            # Same length as the normal caption: the view sizes every item like the first one.
            caption = self.tr("✓ now {0} · was {1}").format(new_label, true)
        tooltip = f"{path}\n" + self.tr("true: {0} · predicted: {1} ({2} %)").format(
            true, predicted, round(100 * confidence)
        )
        return ThumbItem(path=path, caption=caption, tooltip=tooltip, payload=row)

    def _selected_rows(self) -> list[int]:
        """Eval item indices of the selected thumbnails (or texts)."""
        if self.cell_stack.currentWidget() is self.cell_text_view:
            return [
                self.cell_text_model.row(r).payload for r in self.cell_text_view.selected_rows()
            ]
        return [self.cell_model.item(r).payload for r in self.cell_view.selected_rows()]

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_actions()

    @Slot()
    def _update_actions(self) -> None:
        """Details of the selected image and the relabel buttons' state."""
        result = self._result
        rows = self._selected_rows() if result is not None else []
        project = self.session.project
        if not rows or result is None:
            self.details_label.setText(
                self.tr("Select a text to see what the model thought.")
                if self.is_text()
                else self.tr("Select an image to see what the model thought.")
            )
            self.relabel_button.setText(self.tr("Relabel"))
            self.relabel_button.setEnabled(False)
            self.relabel_other.setEnabled(False)
            return
        row = rows[0]
        path = result.eval_items[row]
        probabilities = np.asarray(result.eval_probabilities[row], dtype=float)
        top = np.argsort(-probabilities)[:TOP_K]
        true = result.classes[result.eval_labels[row]]
        predicted = result.classes[int(self._predicted[row])]
        if self.is_text():
            shown = " ".join(path.split())
            shown = shown if len(shown) <= 160 else shown[:159] + "…"
            lines = [f"<b>“{_escape(shown)}”</b>"]
        else:
            lines = [f"<b>{_escape(Path(path).name)}</b>"]
        if len(rows) > 1:
            lines[0] += " " + _escape(self.tr("(+{0} more selected)").format(len(rows) - 1))
        lines.append(_escape(self.tr("Labelled: {0}").format(true)))
        current = project.items.get(path) if project is not None else None
        if current is not None and current.label != true:
            lines.append("<b>" + _escape(self.tr("Now: {0}").format(current.label)) + "</b>")
        lines.append("<br>" + _escape(self.tr("The model's top {0}:").format(len(top))))
        for rank, index in enumerate(top, 1):
            name = _escape(result.classes[int(index)])
            share = f"{100 * probabilities[int(index)]:.1f} %"
            if int(index) == int(self._predicted[row]) and predicted != true:
                lines.append(f"{rank}. <b>{name}</b> — {share}")
            else:
                lines.append(f"{rank}. {name} — {share}")
        self.details_label.setText("<br>".join(lines))

        self.relabel_button.setText(self.tr("Relabel as '{0}'").format(predicted))
        can_move = project is not None and predicted in project.classes
        needed = any(
            project is not None
            and (item := project.items.get(result.eval_items[r])) is not None
            and item.label != result.classes[int(self._predicted[r])]
            for r in rows
        )
        self.relabel_button.setEnabled(bool(can_move and needed))
        self.relabel_other.setEnabled(project is not None and bool(project.classes))

    @Slot()
    def _fill_relabel_menu(self) -> None:
        self.relabel_menu.clear()
        project = self.session.project
        if project is None:
            return
        for name in project.classes:
            action = QAction(name, self.relabel_menu)
            action.setData(name)
            self.relabel_menu.addAction(action)

    @Slot(QAction)
    def _on_relabel_menu(self, action: QAction) -> None:
        label = action.data()
        if isinstance(label, str):
            self.relabel_selected(label)

    @Slot()
    def _on_relabel_clicked(self) -> None:
        self.relabel_selected(None)

    def relabel_selected(self, label: str | None = None) -> int:
        """Move the selected images to `label` (None: each to its predicted class); saves.

        Returns how many images changed class. The shown numbers are not recomputed: they
        belong to the trained model, so the panel asks for a retrain instead.
        """
        result = self._result
        project = self.session.project
        rows = self._selected_rows()
        if result is None or project is None or not rows:
            return 0
        moved = 0
        changed: list[int] = []
        for row in rows:
            path = result.eval_items[row]
            target = label if label is not None else result.classes[int(self._predicted[row])]
            try:
                count = project.move_items([path], target)
            except ProjectError as error:
                self.session.status_message.emit(error_text(error))
                continue
            if count:
                moved += count
                self._relabelled[path] = target
                changed.append(row)
        if not moved:
            self.session.status_message.emit(
                self.tr("Nothing to relabel: the image already has that class or left the project.")
            )
            self._update_actions()
            return 0
        self.session.data_edited()
        for view_row, item in enumerate(list(self.cell_model.items)):
            if item.payload in changed:
                self.cell_model.update_item(view_row, self._thumb(item.payload))
        for view_row, text_row in enumerate(list(self.cell_text_model.rows)):
            if text_row.payload in changed:
                self.cell_text_model.update_row(view_row, self._text_row(text_row.payload))
        self.retrain_hint.setVisible(True)
        self.session.status_message.emit(
            (
                self.tr("Relabelled {0} text(s). Retrain to update these numbers.")
                if self.is_text()
                else self.tr("Relabelled {0} image(s). Retrain to update these numbers.")
            ).format(moved)
        )
        self._update_actions()
        return moved

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        path = self.cell_model.item(index.row()).path
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    @Slot(int, int)
    def _on_table_double_clicked(self, row: int, _column: int) -> None:
        """Double-clicking a class opens its diagonal cell (the images it got right)."""
        item = self.table.item(row, 0)
        if item is not None and isinstance(item.data(Qt.ItemDataRole.UserRole), int):
            index = item.data(Qt.ItemDataRole.UserRole)
            self.open_cell(index, index)

    def detach(self) -> None:
        """Disconnect from the session (the main window calls this before it goes away)."""
        for signal, slot in (
            (self.session.result_changed, self.refresh),
            (self.session.project_changed, self.refresh),
            (self.session.data_changed, self._update_actions),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":  # python -m desktop_app.gui.panels.evaluate_panel [PROJECT]
    from desktop_app.gui.preview import preview_panel

    raise SystemExit(preview_panel(EvaluatePanel, 1300, 820))
