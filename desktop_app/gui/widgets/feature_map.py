"""The live map of the data while a run reads it: one dot per item, coloured by its class.

The features stage sends `MapPoints` (core.feature_map) every ~0.4 s with every sampled item
placed so far; this widget draws them with one scatter item per class (at most `MAX_COLOURED`
coloured classes, the rest in grey), a legend of the classes under the plot and a line saying
how to read it. Redraws are coalesced by a single-shot timer (ARCHITECTURE rule 5). Hovering a
dot names its item.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.feature_map import MapPoints

REDRAW_MS = 120
MAX_COLOURED = 20
LEGEND_ENTRIES = 12
# Well-separated, colour-blind-aware hues (Tableau 10, then its lighter companions).
PALETTE = (
    (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
    (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    (174, 199, 232), (255, 187, 120), (152, 223, 138), (255, 152, 150), (197, 176, 213),
    (196, 156, 148), (247, 182, 210), (199, 199, 199), (219, 219, 141), (158, 218, 229),
)  # fmt: skip
OTHER_COLOUR = (190, 190, 190)
TEXT_COLOUR = (51, 65, 85)


def class_colour(index: int) -> tuple[int, int, int]:
    """The colour of the class at `index` (grey beyond the palette)."""
    return PALETTE[index] if 0 <= index < min(MAX_COLOURED, len(PALETTE)) else OTHER_COLOUR


class FeatureMapView(QWidget):
    """A scatter plot of the items read so far (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("featureMap")
        self._classes: tuple[str, ...] = ()
        self._labels = np.zeros(0, dtype=np.int64)
        self._names: Sequence[str] = ()
        self._points: MapPoints | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumSize(260, 200)
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMenuEnabled(False)
        item.hideButtons()
        item.getViewBox().setMouseEnabled(x=False, y=False)
        layout.addWidget(self.plot, 1)
        self.empty_label = QLabel(self.tr("The map appears as soon as the first items are read."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setParent(self.plot)
        self.caption = QLabel()
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        # One rich-text line that wraps: a dot in each class's colour, then its name.
        self.legend = QLabel()
        self.legend.setObjectName("hint")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)
        self._scatters: list[pg.ScatterPlotItem] = []
        self.set_kind("image")

    # ------------------------------------------------------------------ what to show
    def set_kind(self, kind: str) -> None:
        """The caption for a project of images or of texts."""
        if kind == "text":
            text = self.tr(
                "Each dot is one text, placed by what the chosen model reads in it. Classes "
                "that form separate clouds will be easy to tell apart; mixed clouds are hard."
            )
        else:
            text = self.tr(
                "Each dot is one image, placed by what the chosen model sees in it. Classes "
                "that form separate clouds will be easy to tell apart; mixed clouds are hard."
            )
        self.caption.setText(text)

    def set_items(
        self, classes: Sequence[str], labels: Sequence[int], names: Sequence[str]
    ) -> None:
        """The run's classes, each item's class index and name (positions index these)."""
        self._classes = tuple(classes)
        self._labels = np.asarray(labels, dtype=np.int64)
        self._names = names
        self.clear()
        self._build_scatters()
        self._build_legend()

    def show_points(self, points: MapPoints) -> None:
        """The newest map (replaces the last one); drawn on the next timer tick."""
        self._points = points
        if not self._timer.isActive():
            self._timer.start()

    def clear(self) -> None:
        self._points = None
        for scatter in self._scatters:
            scatter.clear()
        self.empty_label.setVisible(True)
        self._place_empty_label()

    def flush(self) -> None:
        """Draw now (tests, and the end of a run)."""
        self._timer.stop()
        self._redraw()

    def point_count(self) -> int:
        """Dots drawn now."""
        return sum(len(scatter.data) for scatter in self._scatters)

    # ------------------------------------------------------------------ drawing
    def _build_scatters(self) -> None:
        item = self.plot.getPlotItem()
        for scatter in self._scatters:
            item.removeItem(scatter)
        groups = min(len(self._classes), MAX_COLOURED)
        if len(self._classes) > MAX_COLOURED:
            groups += 1  # the rest, in grey
        self._scatters = []
        for group in range(groups):
            colour = class_colour(group)
            scatter = pg.ScatterPlotItem(
                size=7,
                pen=pg.mkPen(255, 255, 255, 160, width=0.5),
                brush=pg.mkBrush(*colour, 210),
                hoverable=True,
                tip=self._tip,
            )
            item.addItem(scatter)
            self._scatters.append(scatter)

    def _build_legend(self) -> None:
        entries = []
        for index, name in enumerate(self._classes[:LEGEND_ENTRIES]):
            red, green, blue = class_colour(index)
            entries.append(
                f'<span style="color: rgb({red}, {green}, {blue}); font-size: 14px;">●</span>'
                f"&nbsp;{html.escape(name)}"
            )
        rest = len(self._classes) - LEGEND_ENTRIES
        if rest > 0:
            entries.append(html.escape(self.tr("and %n more", "", rest)))
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(entries))

    def legend_names(self) -> list[str]:
        """The class names the legend shows, as shown (tests)."""
        text = self.legend.text()
        return [name for name in self._classes if f"&nbsp;{html.escape(name)}" in text]

    def _tip(self, x: float, y: float, data: object) -> str:
        position = int(data) if data is not None else -1
        if not 0 <= position < len(self._labels):
            return ""
        name = self._names[position] if position < len(self._names) else ""
        shown = Path(name).name if len(name) < 400 and ("/" in name or "\\" in name) else name
        if len(shown) > 80:
            shown = shown[:77] + "…"
        return f"{self._classes[self._labels[position]]}: {shown}"

    @Slot()
    def _redraw(self) -> None:
        points = self._points
        if points is None or not self._scatters:
            return
        positions = points.positions
        inside = positions < len(self._labels)
        positions, xy = positions[inside], points.xy[inside]
        groups = np.minimum(self._labels[positions], len(self._scatters) - 1)
        for group, scatter in enumerate(self._scatters):
            chosen = groups == group
            scatter.setData(x=xy[chosen, 0], y=xy[chosen, 1], data=positions[chosen].tolist())
        self.empty_label.setVisible(len(positions) == 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(0, 0, self.plot.width(), self.plot.height())
