"""The mistakes of "Evaluate on other data…": every item the model got wrong, its surest mistake
first (a sure mistake is often a wrong label), as thumbnails for images — double-click opens
one — or as a table for texts. The same list `desktop-app evaluate` prints (`Evaluation.mistakes`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.workflows.evaluate import Mistake
from desktop_app.gui.panels.evaluate.cells import outcome_caption
from desktop_app.gui.widgets.text_table import TextRow, TextTableModel, TextTableView, one_line
from desktop_app.gui.widgets.thumbnails import ThumbItem, ThumbnailModel, ThumbnailView

translate = QCoreApplication.translate


class MistakesDialog(QDialog):
    """The mistakes of one evaluation on `name` (a folder's or a file's name)."""

    def __init__(
        self, mistakes: Sequence[Mistake], kind: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.mistakes = tuple(mistakes)
        self.setWindowTitle(self.tr("Mistakes on {0}").format(name))
        self.resize(840, 540)
        layout = QVBoxLayout(self)
        hint = (
            self.tr(
                "%n images the model got wrong, its surest mistakes first: often these are "
                "wrongly labelled. Double-click an image to open it.",
                "",
                len(self.mistakes),
            )
            if kind == "image"
            else self.tr(
                "%n texts the model got wrong, its surest mistakes first: often these are "
                "wrongly labelled.",
                "",
                len(self.mistakes),
            )
        )
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.view: QAbstractItemView
        if kind == "image":
            self.thumbs = ThumbnailModel(self)
            self.thumbs.set_items([_thumb(m) for m in self.mistakes])
            self.view = ThumbnailView(size=112, caption_lines=2)
            self.view.setModel(self.thumbs)
            self.view.doubleClicked.connect(self._open)
        else:
            self.rows = TextTableModel(  # the Evaluate tab's columns for a cell's texts
                [
                    translate("EvaluatePanel", "Text"),
                    translate("EvaluatePanel", "True → predicted"),
                    translate("EvaluatePanel", "Probability"),
                ],
                self,
            )
            self.rows.set_rows([_text_row(m) for m in self.mistakes])
            self.view = TextTableView(self.rows)
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.thumbs.item(index.row()).path))


def _thumb(m: Mistake) -> ThumbItem:
    """Captioned as on the Evaluate tab: "true → predicted  87 %"."""
    caption, tooltip = outcome_caption(m.label, m.predicted, m.probability)
    return ThumbItem(path=m.item, caption=caption, tooltip=f"{m.item}\n{tooltip}", payload=m)


def _text_row(m: Mistake) -> TextRow:
    """As the Evaluate tab lists a cell's texts: the text, "true → predicted", probability."""
    shown = "" if m.probability is None else f"{100 * m.probability:.1f} %"
    return TextRow((one_line(m.item), f"{m.label} → {m.predicted}", shown), m.item, m)
