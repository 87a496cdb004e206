"""What a confusion cell shows on the Evaluate tab, one page per kind of data (`CELL_PAGES`):
thumbnails of images, or a table of texts; and every sentence of the tab that names the kind
("images" or "texts"). A third kind is one more page class here and one more entry in
`CELL_PAGES`.

The words keep the translation contexts they had before the tab was split ("EvaluatePanel",
"OtherDataEvaluator"), so the 简体中文 translation still finds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QWidget

from desktop_app.gui.widgets.heatmaps import HeatmapLoader, attach_why_toggle
from desktop_app.gui.widgets.text_table import TextRow, TextTableModel, TextTableView
from desktop_app.gui.widgets.thumbnails import (
    ThumbItem,
    ThumbnailLoader,
    ThumbnailModel,
    ThumbnailView,
)

translate = QCoreApplication.translate


@dataclass
class ShownResult:
    """The run on screen: its result, the argmax per eval item, and what was relabelled since."""

    result: Any  # TrainResult
    predicted: np.ndarray
    relabelled: dict[str, str] = field(default_factory=dict)  # item → new label

    def outcome(self, row: int) -> tuple[str, str, str, float]:
        """Eval item `row`: the item, its true class, the predicted class, the confidence."""
        result = self.result
        predicted_index = int(self.predicted[row])
        return (
            result.eval_items[row],
            result.classes[result.eval_labels[row]],
            result.classes[predicted_index],
            float(result.eval_probability(np.asarray([row]), predicted_index)[0]),
        )


def outcome_caption(true: str, predicted: str, confidence: float | None) -> tuple[str, str]:
    """An image's caption "true → predicted  87 %" and its tooltip line (no percentage when the
    confidence is unknown)."""
    if confidence is None:
        tooltip = translate("EvaluatePanel", "true: {0} · predicted: {1}")
        return f"{true} → {predicted}", tooltip.format(true, predicted)
    percent = round(100 * confidence)
    caption = translate("EvaluatePanel", "{0} → {1}  {2} %").format(true, predicted, percent)
    caption = caption.replace(" %", NBSP + "%")  # "70 %" is never split over two lines
    tooltip = translate("EvaluatePanel", "true: {0} · predicted: {1} ({2} %)")
    return caption, tooltip.format(true, predicted, percent)


@dataclass(frozen=True)
class KindWords:
    """What the Evaluate tab says where images and texts differ ({n}-style placeholders are
    Qt's {0}, {1}…, filled by the caller)."""

    noun: str  # "Images": the table's last column, the cell list's title
    selected_title: str
    select_hint: str
    matrix_hint: str
    cells_hint: str
    cell_right: str  # {0} n, {1} class
    cell_wrong: str  # {0} n, {1} true class, {2} predicted class
    cell_right_hint: str
    cell_wrong_hint: str
    split_test: str  # {0} n
    split_val: str  # {0} n
    excellent: str
    good: str
    trained_on: str  # {0} epochs, {1} best epoch, {2} n, {3} duration
    relabelled: str  # {0} moved


class CellPage(QObject):
    """The list behind a confusion cell for one kind of data, and the tab's words for it."""

    kind = ""
    view: QAbstractItemView

    def show_rows(self, shown: ShownResult, rows: list[int]) -> None:
        """List eval items `rows` (indices) and select the first."""
        raise NotImplementedError

    def update_rows(self, shown: ShownResult, changed: list[int]) -> None:
        """Redraw the listed eval items in `changed` (relabelled)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def selected_rows(self) -> list[int]:
        """Eval item indices of the selected entries."""
        raise NotImplementedError

    def headline(self, item: str) -> str:
        """The first line of the details card for `item` (escaped HTML)."""
        raise NotImplementedError

    def choose_data(self, parent: QWidget) -> str:
        """Ask for labelled data to evaluate on ("" when the user cancels)."""
        raise NotImplementedError

    def words(self) -> KindWords:
        """The tab's sentences that name this kind of data, in the user's language.
        ("Evaluate on other data" says "on %n images" itself: plural forms need its own tr().)"""
        raise NotImplementedError

    shows_open_hint = False  # "Double-click … to open it."


class ImageCellPage(CellPage):
    """Thumbnails, "true → predicted  87 %"; double-click opens the image."""

    kind = "image"
    shows_open_hint = True

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.model = ThumbnailModel(self)
        self.view = ThumbnailView(size=112, caption_lines=2)
        self.view.setModel(self.model)
        self.view.setMinimumWidth(280)
        self.view.doubleClicked.connect(self._on_double_clicked)
        # "Why?": the same thumbnails with the run's heatmaps over them (widgets/heatmaps.py)
        self.why_button = attach_why_toggle(
            self.view,
            translate("EvaluatePanel", "Why? Show where the model looked"),
            translate(
                "EvaluatePanel",
                "Draw over each image the parts that made the model give its answer (red).",
            ),
        )
        self.why_button.toggled.connect(self._on_why)
        self.heatmaps: HeatmapLoader | None = None

    def show_rows(self, shown: ShownResult, rows: list[int]) -> None:
        self.model.set_items([self._thumb(shown, i) for i in rows])
        if rows:
            self.view.setCurrentIndex(self.model.index(0))
        if self.why_button.isChecked():
            self._on_why(True)  # the run shown may have changed

    @Slot(bool)
    def _on_why(self, checked: bool) -> None:
        session = getattr(self.parent(), "session", None)
        model = session.model_path() if checked and session is not None else None
        if model is None:
            self.why_button.setChecked(False)
            self.model.use_loader(ThumbnailLoader.shared())
            return
        if self.heatmaps is None or self.heatmaps.model != model:
            if self.heatmaps is not None:
                self.heatmaps.stop()
            self.heatmaps = HeatmapLoader(model, ThumbnailLoader.shared().size, self)
        self.model.use_loader(self.heatmaps)

    def update_rows(self, shown: ShownResult, changed: list[int]) -> None:
        for view_row, item in enumerate(list(self.model.items)):
            if item.payload in changed:
                self.model.update_item(view_row, self._thumb(shown, item.payload))

    def clear(self) -> None:
        self.model.set_items([])

    def selected_rows(self) -> list[int]:
        return [self.model.item(r).payload for r in self.view.selected_rows()]

    @staticmethod
    def _thumb(shown: ShownResult, row: int) -> ThumbItem:
        """The thumbnail of eval item `row`: caption "true → predicted  87 %" (+ relabel mark)."""
        path, true, predicted, confidence = shown.outcome(row)
        caption, tooltip = outcome_caption(true, predicted, confidence)
        new_label = shown.relabelled.get(path)
        if new_label is not None:
            # Same length as the normal caption: the view sizes every item like the first one.
            caption = translate("EvaluatePanel", "✓ now {0} · was {1}").format(new_label, true)
        return ThumbItem(path=path, caption=caption, tooltip=f"{path}\n{tooltip}", payload=row)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.model.item(index.row()).path))

    def headline(self, item: str) -> str:
        return f"<b>{escape(breakable(Path(item).name))}</b>"

    def choose_data(self, parent: QWidget) -> str:
        return QFileDialog.getExistingDirectory(
            parent,
            translate("OtherDataEvaluator", "Folder of labelled images (one sub-folder per class)"),
        )

    def words(self) -> KindWords:
        return KindWords(
            noun=translate("EvaluatePanel", "Images"),
            selected_title=translate("EvaluatePanel", "Selected image"),
            select_hint=translate(
                "EvaluatePanel", "Select an image to see what the model thought."
            ),
            matrix_hint=translate(
                "EvaluatePanel",
                "Rows are the real class, columns what the model said. Blue: right; "
                "orange: mistakes. Click a cell to see its images.",
            ),
            cells_hint=translate(
                "EvaluatePanel",
                "Click a cell of the matrix, or “All mistakes”, to see the images behind it.",
            ),
            cell_right=translate("EvaluatePanel", "{0} '{1}' images recognised correctly"),
            cell_wrong=translate("EvaluatePanel", "{0} '{1}' images predicted as '{2}'"),
            cell_right_hint=translate(
                "EvaluatePanel",
                "Least confident first: the hardest images the model still got right.",
            ),
            cell_wrong_hint=translate(
                "EvaluatePanel",
                "Most confident mistakes first: often these are wrongly labelled. "
                "If the model is right, relabel the image.",
            ),
            split_test=translate(
                "EvaluatePanel", "on {0} test images the model never saw during training"
            ),
            split_val=translate(
                "EvaluatePanel",
                "on {0} validation images (they picked the best epoch, so expect a little lower in use)",
            ),
            excellent=translate(
                "EvaluatePanel", "Excellent: the model gets almost every image right."
            ),
            good=translate(
                "EvaluatePanel",
                "Good: it gets most images right. The matrix shows what it still mixes up.",
            ),
            trained_on=translate(
                "EvaluatePanel", "{0} epochs (best: {1}) · trained on {2} images in {3}"
            ),
            relabelled=translate(
                "EvaluatePanel", "Relabelled {0} image(s). Retrain to update these numbers."
            ),
        )


class TextCellPage(CellPage):
    """A table of texts: the text, "true → predicted", the probability."""

    kind = "text"
    shows_open_hint = False

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.model = TextTableModel(
            [
                translate("EvaluatePanel", "Text"),
                translate("EvaluatePanel", "True → predicted"),
                translate("EvaluatePanel", "Probability"),
            ],
            self,
        )
        self.view = TextTableView(self.model)
        self.view.setMinimumWidth(280)

    def show_rows(self, shown: ShownResult, rows: list[int]) -> None:
        self.model.set_rows([self._text_row(shown, i) for i in rows])
        if rows:
            self.view.selectRow(0)

    def update_rows(self, shown: ShownResult, changed: list[int]) -> None:
        for view_row, text_row in enumerate(list(self.model.rows)):
            if text_row.payload in changed:
                self.model.update_row(view_row, self._text_row(shown, text_row.payload))

    def clear(self) -> None:
        self.model.set_rows([])

    def selected_rows(self) -> list[int]:
        return [self.model.row(r).payload for r in self.view.selected_rows()]

    @staticmethod
    def _text_row(shown: ShownResult, row: int) -> TextRow:
        """A text behind a cell: the text, "true → predicted" (+ relabel mark), probability."""
        text, true, predicted, confidence = shown.outcome(row)
        outcome = f"{true} → {predicted}"
        new_label = shown.relabelled.get(text)
        if new_label is not None:
            outcome = translate("EvaluatePanel", "✓ now {0} · was {1}").format(new_label, true)
        return TextRow((text, outcome, f"{100 * confidence:.1f} %"), text, row)

    def headline(self, item: str) -> str:
        shown = " ".join(item.split())
        shown = shown if len(shown) <= 160 else shown[:159] + "…"
        return f"<b>“{escape(breakable(shown))}”</b>"

    def choose_data(self, parent: QWidget) -> str:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            translate("OtherDataEvaluator", "File of labelled texts"),
            "",
            translate("OtherDataEvaluator", "Text data (*.csv *.tsv *.txt);;All files (*)"),
        )
        return path

    def words(self) -> KindWords:
        return KindWords(
            noun=translate("EvaluatePanel", "Texts"),
            selected_title=translate("EvaluatePanel", "Selected text"),
            select_hint=translate("EvaluatePanel", "Select a text to see what the model thought."),
            matrix_hint=translate(
                "EvaluatePanel",
                "Rows are the real class, columns what the model said. Blue: right; "
                "orange: mistakes. Click a cell to see its texts.",
            ),
            cells_hint=translate(
                "EvaluatePanel",
                "Click a cell of the matrix, or “All mistakes”, to see the texts behind it.",
            ),
            cell_right=translate("EvaluatePanel", "{0} '{1}' texts recognised correctly"),
            cell_wrong=translate("EvaluatePanel", "{0} '{1}' texts predicted as '{2}'"),
            cell_right_hint=translate(
                "EvaluatePanel",
                "Least confident first: the hardest texts the model still got right.",
            ),
            cell_wrong_hint=translate(
                "EvaluatePanel",
                "Most confident mistakes first: often these are wrongly labelled. "
                "If the model is right, relabel the text.",
            ),
            split_test=translate(
                "EvaluatePanel", "on {0} test texts the model never saw during training"
            ),
            split_val=translate(
                "EvaluatePanel",
                "on {0} validation texts (they picked the best epoch, so expect a little "
                "lower in use)",
            ),
            excellent=translate(
                "EvaluatePanel", "Excellent: the model gets almost every text right."
            ),
            good=translate(
                "EvaluatePanel",
                "Good: it gets most texts right. The matrix shows what it still mixes up.",
            ),
            trained_on=translate(
                "EvaluatePanel", "{0} epochs (best: {1}) · trained on {2} texts in {3}"
            ),
            relabelled=translate(
                "EvaluatePanel", "Relabelled {0} text(s). Retrain to update these numbers."
            ),
        )


# One page per kind of data (napari's layer → controls map); the project's task picks one.
CELL_PAGES: dict[str, type[CellPage]] = {"image": ImageCellPage, "text": TextCellPage}


NBSP = "\u00a0"
LONG_WORD = 16  # a run of this many characters without a space may wrap anywhere


def breakable(text: str) -> str:
    """`text` with a line-break chance (a zero-width space) between the characters of every
    long run without spaces (a hash-like file name, a URL), so a label can wrap it instead of
    growing wider than its column."""
    words = []
    for word in text.split(" "):
        words.append("\u200b".join(word) if len(word) >= LONG_WORD else word)
    return " ".join(words)


def escape(text: str) -> str:
    """`text` safe inside rich text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
