"""A confusion matrix drawn with QPainter: where the model is right, and what it mixes up.

Rows are the true class, columns the predicted class. Colours are normalised per row (the share
of a true class that went to each prediction): the diagonal goes white → blue, mistakes white →
orange-red, so a class the model confuses stands out at a glance. Hover shows what a cell means,
a click (or arrows + Enter) emits `cell_clicked(true, predicted)` so a panel can list its images.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QEvent, QLine, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

INK = QColor("#1f2933")
MUTED = QColor("#64748b")
GRID = QColor("#e2e8f0")
RIGHT = QColor("#2563eb")  # correct predictions (the diagonal)
WRONG = QColor("#ea580c")  # mistakes (off the diagonal)
EMPTY = QColor("#f8fafc")
MARGIN = 8
GAP = 6  # between labels and the grid
MAX_LABEL = 130  # widest a class name may be drawn (longer names are elided)
MIN_CELL = 12
MAX_CELL = 72


def _rgb(colour: QColor) -> np.ndarray:
    return np.array([colour.red(), colour.green(), colour.blue()], dtype=float)


def cell_colours(matrix: np.ndarray) -> np.ndarray:
    """k×k×3 uint8 colours, normalised per row: blue on the diagonal, orange-red elsewhere."""
    matrix = np.asarray(matrix, dtype=float)
    k = matrix.shape[0]
    totals = matrix.sum(axis=1, keepdims=True)
    fraction = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    diagonal = np.eye(k, dtype=bool)
    # Mistakes are usually a small share of a row: a square root makes a few of them visible.
    t = np.where(diagonal, 0.12 + 0.88 * fraction, 0.18 + 0.82 * np.sqrt(fraction))
    target = np.where(diagonal[..., None], _rgb(RIGHT), _rgb(WRONG))
    colours = 255 + (target - 255) * np.clip(t, 0, 1)[..., None]
    colours[matrix == 0] = _rgb(EMPTY)
    return np.round(colours).astype(np.uint8)


def _dark(colours: np.ndarray) -> np.ndarray:
    """Where white text reads better than ink."""
    luminance = colours.astype(float) @ np.array([0.299, 0.587, 0.114])
    return luminance < 150


class ConfusionMatrix(QWidget):
    """Heatmap of a confusion matrix (rows: true class, columns: predicted) with class names."""

    cell_clicked = Signal(int, int)  # true class index, predicted class index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix = np.zeros((0, 0), dtype=np.int64)
        self._colours = np.zeros((0, 0, 3), dtype=np.uint8)
        self._names: list[str] = []
        self._font_cache: tuple[str, tuple[QFont, QFont]] | None = None
        self._hover: tuple[int, int] | None = None
        self._current: tuple[int, int] = (0, 0)  # keyboard cursor
        self._selected: tuple[int, int] | None = None  # the cell whose images are shown
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.setToolTip("")  # tooltips are per cell (see event())

    # ------------------------------------------------------------------ content
    def set_matrix(
        self, confusion: Sequence[Sequence[int]] | np.ndarray, class_names: Sequence[str]
    ) -> None:
        """Show a k×k matrix of counts (rows: true, columns: predicted) for k class names."""
        matrix = np.asarray(confusion, dtype=np.int64).reshape(len(class_names), len(class_names))
        self._matrix = matrix
        self._colours = cell_colours(matrix) if matrix.size else np.zeros((0, 0, 3), np.uint8)
        self._names = [str(name) for name in class_names]
        self._hover = None
        self._selected = None
        self._current = (0, 0)
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_matrix(np.zeros((0, 0), dtype=np.int64), [])

    def class_count(self) -> int:
        return len(self._names)

    def count(self, true: int, predicted: int) -> int:
        return int(self._matrix[true, predicted])

    def set_selected(self, true: int | None, predicted: int | None = None) -> None:
        """Outline the cell whose images the panel shows (None: no outline)."""
        if true is None or predicted is None:
            self._selected = None
        else:
            self._selected = (true, predicted)
            self._current = (true, predicted)
        self.update()

    def selected(self) -> tuple[int, int] | None:
        return self._selected

    # ------------------------------------------------------------------ geometry
    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        """Label, title and count fonts (built once per widget font: painting stays cheap)."""
        key = self.font().key()
        if self._font_cache is None or self._font_cache[0] != key:
            title = QFont(self.font())
            title.setBold(True)
            self._font_cache = (key, (QFont(self.font()), title))
        label, title = self._font_cache[1]
        return label, title, QFont(self.font())

    def _label_widths(self) -> tuple[int, int]:
        """Width of the widest (elided) row label and the tallest column label footprint."""
        metrics = QFontMetrics(self._fonts()[0])
        widest = max((metrics.horizontalAdvance(name) for name in self._names), default=0)
        return min(widest, MAX_LABEL) + 2, metrics.height()

    def _layout(self) -> tuple[int, int, int, bool]:
        """(left, top, cell size, rotated column labels) for the current widget size."""
        k = len(self._names)
        label_w, line_h = self._label_widths()
        title_h = QFontMetrics(self._fonts()[1]).height()
        left0 = MARGIN + title_h + GAP + label_w + GAP
        avail_w = self.width() - left0 - MARGIN
        # First try horizontal column labels; rotate when they do not fit their cells.
        top_flat = MARGIN + title_h + GAP + line_h + GAP
        cell = min(avail_w // max(k, 1), (self.height() - top_flat - MARGIN) // max(k, 1))
        rotated = cell < label_w + 4
        top0 = top_flat
        if rotated:
            top0 = MARGIN + title_h + GAP + label_w + GAP
            cell = min(avail_w // max(k, 1), (self.height() - top0 - MARGIN) // max(k, 1))
        cell = max(MIN_CELL, min(MAX_CELL, cell))
        # Centre the grid (with its labels) in the space left over.
        extra_w = max(0, avail_w - cell * k)
        extra_h = max(0, self.height() - top0 - MARGIN - cell * k)
        return left0 + extra_w // 2, top0 + extra_h // 3, cell, rotated

    def cell_rect(self, true: int, predicted: int) -> QRect:
        """Where a cell is drawn, in widget coordinates."""
        left, top, cell, _ = self._layout()
        return QRect(left + predicted * cell, top + true * cell, cell, cell)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        """(true, predicted) under a point, or None outside the grid."""
        k = len(self._names)
        if k == 0:
            return None
        left, top, cell, _ = self._layout()
        col = (pos.x() - left) // cell
        row = (pos.y() - top) // cell
        if pos.x() < left or pos.y() < top or not (0 <= row < k and 0 <= col < k):
            return None
        return int(row), int(col)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        k = max(len(self._names), 2)
        label_w, _ = self._label_widths()
        title_h = QFontMetrics(self._fonts()[1]).height()
        side = 2 * MARGIN + title_h + 2 * GAP + label_w
        cell = 22 if k <= 12 else MIN_CELL + 2
        return QSize(max(220, side + k * cell), max(200, side + k * cell))

    def sizeHint(self) -> QSize:
        k = max(len(self._names), 2)
        label_w, _ = self._label_widths()
        title_h = QFontMetrics(self._fonts()[1]).height()
        side = 2 * MARGIN + title_h + 2 * GAP + label_w
        cell = max(26, min(56, 480 // k))
        return QSize(side + k * cell, side + k * cell)

    # ------------------------------------------------------------------ colours and text
    def _fraction(self, true: int, predicted: int) -> float:
        total = int(self._matrix[true].sum())
        return float(self._matrix[true, predicted]) / total if total else 0.0

    def cell_colour(self, true: int, predicted: int) -> QColor:
        """Row-normalised colour: blue shades on the diagonal, orange-red for mistakes."""
        red, green, blue = (int(v) for v in self._colours[true, predicted])
        return QColor(red, green, blue)

    def describe(self, true: int, predicted: int) -> str:
        """What a cell means in words (its tooltip)."""
        count = int(self._matrix[true, predicted])
        share = round(100 * self._fraction(true, predicted))
        names = self._names
        if true == predicted:
            text = self.tr("{0} × '{1}' recognised correctly ({2} % of the '{1}' images)").format(
                count, names[true], share
            )
        else:
            text = self.tr(
                "{0} × true '{1}' predicted as '{2}' ({3} % of the '{1}' images)"
            ).format(count, names[true], names[predicted], share)
        if count:
            text += "\n" + self.tr("Click to see these images.")
        return text

    # ------------------------------------------------------------------ painting
    def _heat_image(self) -> QImage:
        """One pixel per cell in its colour: the whole heatmap is drawn with one call."""
        k = len(self._names)
        pixels = np.ascontiguousarray(self._colours)
        return QImage(pixels.data, k, k, 3 * k, QImage.Format.Format_RGB888).copy()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # Few QPainter calls on purpose: batches (one image, one drawLines, text grouped by
        # colour) keep painting cheap for 30 classes, hovered 60 times a second.
        painter = QPainter(self)
        k = len(self._names)
        label_font, title_font, count_font = self._fonts()
        if k == 0:
            painter.setPen(MUTED)
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No results to show yet.")
            )
            painter.end()
            return
        left, top, cell, rotated = self._layout()
        grid = QRect(left, top, cell * k, cell * k)
        label_w, line_h = self._label_widths()
        title_h = QFontMetrics(title_font).height()

        # Cells: one pixel per cell, scaled up without smoothing.
        painter.drawImage(grid, self._heat_image())
        lines = [QLine(left + i * cell, top, left + i * cell, top + k * cell) for i in range(1, k)]
        lines += [QLine(left, top + i * cell, left + k * cell, top + i * cell) for i in range(1, k)]
        painter.setPen(QPen(GRID, 1))
        if lines:
            painter.drawLines(lines)
        painter.setPen(QPen(QColor("#cbd5e1"), 1))
        painter.drawRect(grid.adjusted(0, 0, -1, -1))

        # Counts, grouped by colour: quiet zeros, white on dark cells, ink on light ones.
        count_font.setPointSizeF(max(6.5, min(13.0, cell * 0.32)))
        zero_font = QFont(count_font)
        if cell >= 36:
            count_font.setBold(True)
        widest = QFontMetrics(count_font).horizontalAdvance(str(int(self._matrix.max())))
        if widest <= cell - 2:
            groups: dict[str, list[tuple[QRect, str]]] = {"zero": [], "light": [], "dark": []}
            dark = _dark(self._colours)
            for true in range(k):
                for predicted in range(k):
                    value = int(self._matrix[true, predicted])
                    if value == 0:
                        group = "zero"
                    elif dark[true, predicted]:
                        group = "dark"
                    else:
                        group = "light"
                    groups[group].append(
                        (QRect(left + predicted * cell, top + true * cell, cell, cell), str(value))
                    )
            for group, font, colour in (
                ("zero", zero_font, QColor("#d5dde6")),
                ("light", count_font, INK),
                ("dark", count_font, QColor("white")),
            ):
                if not groups[group]:
                    continue
                painter.setFont(font)
                painter.setPen(colour)
                for rect, text in groups[group]:
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

        # Hover, keyboard cursor and selection outlines.
        if self._hover is not None:
            painter.setPen(QPen(INK, 2))
            painter.drawRect(self.cell_rect(*self._hover).adjusted(1, 1, -1, -1))
        if self.hasFocus():
            painter.setPen(QPen(RIGHT, 2, Qt.PenStyle.DashLine))
            painter.drawRect(self.cell_rect(*self._current).adjusted(2, 2, -2, -2))
        if self._selected is not None:
            painter.setPen(QPen(INK, 3))
            painter.drawRect(self.cell_rect(*self._selected).adjusted(1, 1, -2, -2))

        # Class names: rows on the left; columns on top, rotated when they do not fit.
        # The hovered row and column are drawn in ink, the rest muted.
        painter.setFont(label_font)
        metrics = QFontMetrics(label_font)
        hover_row, hover_col = self._hover if self._hover is not None else (-1, -1)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        bottom = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        rows = [
            (
                i == hover_row,
                QRect(left - GAP - label_w, top + i * cell, label_w, cell),
                right,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_w),
            )
            for i, name in enumerate(self._names)
        ]
        flat_columns = [
            (
                j == hover_col,
                QRect(left + j * cell, top - GAP - line_h, cell, line_h),
                bottom,
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, cell),
            )
            for j, name in enumerate(self._names)
        ]
        for emphasis in (False, True):
            painter.setPen(INK if emphasis else MUTED)
            for strong, rect, align, text in rows + ([] if rotated else flat_columns):
                if strong == emphasis:
                    painter.drawText(rect, align, text)

        # Rotated text: in coordinates turned by -90°, widget (x, y) is (-y, x).
        painter.save()
        painter.rotate(-90)
        if rotated:
            up = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            for emphasis in (False, True):
                painter.setPen(INK if emphasis else MUTED)
                for j, name in enumerate(self._names):
                    if (j == hover_col) == emphasis:
                        text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_w)
                        painter.drawText(
                            QRect(-(top - GAP), left + j * cell, label_w, cell), up, text
                        )
        painter.setFont(title_font)
        painter.setPen(INK)
        x_title = left - GAP - label_w - GAP - title_h
        painter.drawText(
            QRect(-(top + k * cell), x_title, k * cell, title_h),
            Qt.AlignmentFlag.AlignCenter,
            self.tr("True class"),
        )
        painter.restore()

        # The predicted-class title above the column names.
        painter.setFont(title_font)
        painter.setPen(INK)
        label_band = label_w if rotated else line_h
        predicted_rect = QRect(left, top - GAP - label_band - GAP - title_h, k * cell, title_h)
        painter.drawText(predicted_rect, Qt.AlignmentFlag.AlignCenter, self.tr("Predicted class"))
        painter.end()

    # ------------------------------------------------------------------ interaction
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(
                    event.globalPos(), self.describe(*cell), self, self.cell_rect(*cell)
                )
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        cell = self.cell_at(event.position().toPoint())
        if cell != self._hover:
            self._hover = cell
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if cell else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            cell = self.cell_at(event.position().toPoint())
            if cell is not None:
                self._current = cell
                self.set_selected(*cell)
                self.cell_clicked.emit(*cell)
                return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        k = len(self._names)
        if k == 0:
            super().keyPressEvent(event)
            return
        row, col = self._current
        key = event.key()
        moves = {
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
        }
        if key in moves:
            d_row, d_col = moves[key]
            self._current = (min(k - 1, max(0, row + d_row)), min(k - 1, max(0, col + d_col)))
            self.update()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.set_selected(*self._current)
            self.cell_clicked.emit(*self._current)
            return
        super().keyPressEvent(event)


if __name__ == "__main__":  # python -m desktop_app.gui.widgets.confusion
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    widget = ConfusionMatrix()
    names = ["daisy", "dandelion", "roses", "sunflowers", "tulips", "a rather long class name"]
    rng = np.random.default_rng(0)
    demo = rng.integers(0, 4, size=(len(names), len(names)))
    np.fill_diagonal(demo, rng.integers(20, 40, size=len(names)))
    widget.set_matrix(demo, names)
    widget.cell_clicked.connect(lambda t, p: print("clicked", names[t], "→", names[p]))
    widget.resize(560, 520)
    widget.show()
    sys.exit(app.exec())
