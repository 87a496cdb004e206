"""A fast read-only table of texts (a model, not a QTableWidget): 50,000 rows stay smooth."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

MAX_SHOWN_CHARS = 400


@dataclass(frozen=True)
class TextRow:
    """One row: the cells shown, a tooltip, and what the owner needs back (index, key…)."""

    cells: tuple[str, ...]
    tooltip: str = ""
    payload: Any = None


def one_line(text: str, limit: int = MAX_SHOWN_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class TextTableModel(QAbstractTableModel):
    def __init__(self, headers: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: list[TextRow] = []

    def set_rows(self, rows: list[TextRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def set_headers(self, headers: list[str]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.endResetModel()

    def update_row(self, row: int, value: TextRow) -> None:
        self.rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def row(self, row: int) -> TextRow:
        return self.rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = row.cells
            return one_line(cells[index.column()]) if index.column() < len(cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if section < len(self.headers) else None
        return None


class TextTableView(QTableView):
    """The first column (the text) stretches; the others fit their contents."""

    def __init__(self, model: TextTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setHighlightSections(False)
        model.modelReset.connect(self._fit_columns)
        self._fit_columns()

    def _fit_columns(self) -> None:
        header = self.horizontalHeader()
        for column in range(self.model().columnCount()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == 0
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.selectionModel().selectedRows()})
