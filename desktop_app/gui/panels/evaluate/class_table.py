"""The per-class table of the Evaluate tab: precision, recall, F1 and support for each class,
sortable, the weakest class marked; double-clicking a class opens its diagonal cell."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop_app.gui.panels.evaluate.summary import percent

translate = QCoreApplication.translate
WORST_BACKGROUND = QColor("#fff1e6")


class NumberItem(QTableWidgetItem):
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


class ClassTable(QTableWidget):
    """Class · Precision · Recall · F1 · Images (or Texts)."""

    class_opened = Signal(int)  # a class double-clicked: its index

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setHorizontalHeaderLabels(
            [
                translate("EvaluatePanel", "Class"),
                translate("EvaluatePanel", "Precision"),
                translate("EvaluatePanel", "Recall"),
                translate("EvaluatePanel", "F1"),
                translate("EvaluatePanel", "Images"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        tips = [
            translate(
                "EvaluatePanel",
                "The class name. Double-click a row to see the images it got right.",
            ),
            translate(
                "EvaluatePanel",
                "Of the images the model called this class, the share that really are.",
            ),
            translate("EvaluatePanel", "Of the images of this class, the share the model found."),
            translate(
                "EvaluatePanel", "The balance of precision and recall: one number per class."
            ),
            translate("EvaluatePanel", "How many evaluation images of this class there are."),
        ]
        for column, tip in enumerate(tips):
            self.horizontalHeaderItem(column).setToolTip(tip)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSortingEnabled(True)
        self.cellDoubleClicked.connect(self._on_double_clicked)

    def set_noun(self, noun: str) -> None:
        """The last column's title: "Images" or "Texts"."""
        header = self.horizontalHeaderItem(4)
        if header is not None:
            header.setText(noun)

    def fill(self, metrics: Any) -> None:
        """One row per class of `metrics` (a Metrics), weakest F1 first."""
        self.setSortingEnabled(False)
        self.clearContents()
        self.setRowCount(len(metrics.per_class))
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
                NumberItem(percent(cls.precision), cls.precision),
                NumberItem(percent(cls.recall), cls.recall),
                NumberItem(percent(cls.f1), cls.f1),
                NumberItem(str(cls.support), cls.support),
            ]
            for column, item in enumerate(cells):
                if cls.name in weakest:
                    item.setBackground(WORST_BACKGROUND)
                    item.setToolTip(
                        translate("EvaluatePanel", "The weakest class: its F1 is the lowest.")
                    )
                self.setItem(row, column, item)
            if cls.name in weakest:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
                name.setText(translate("EvaluatePanel", "{0}  (weakest)").format(cls.name))
        self.setSortingEnabled(True)
        self.sortByColumn(3, Qt.SortOrder.AscendingOrder)

    @Slot(int, int)
    def _on_double_clicked(self, row: int, _column: int) -> None:
        """Double-clicking a class opens its diagonal cell (the images it got right)."""
        item = self.item(row, 0)
        if item is not None and isinstance(item.data(Qt.ItemDataRole.UserRole), int):
            self.class_opened.emit(item.data(Qt.ItemDataRole.UserRole))
