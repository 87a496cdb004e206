"""Live training curves: loss and accuracy per epoch, with the noisy per-step values behind them.

The legend is a row of plain widgets under the two plots, never on them (in a small window a
legend inside a plot covered the curves); it also names the dashed best-epoch line.

Points are appended to growable numpy buffers; a single-shot `QTimer` redraws at most every
80 ms and only when something changed (ARCHITECTURE rule 5, pyqtgraph `PanningPlot`), so a
fast trainer costs the GUI thread a few `setData` calls per second, whatever its step rate.
pyqtgraph is imported here only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QShowEvent
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.training.events import EpochEnd

pg.setConfigOptions(antialias=True)

REDRAW_MS = 80
SERIES = ("train_steps", "train", "val")

# Colours: light blue for the noisy steps, accent blue for train, orange for validation.
STEP_PEN = pg.mkPen((170, 205, 250), width=1)  # opaque: the fast path when painting
TRAIN_PEN = pg.mkPen((37, 99, 235), width=2)
VAL_PEN = pg.mkPen((234, 88, 12), width=2.5)
BEST_PEN = pg.mkPen((22, 163, 74), width=1.5, style=Qt.PenStyle.DashLine)
AXIS_PEN = pg.mkPen((100, 116, 139))
TEXT_COLOUR = (51, 65, 85)


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k that is at least `value`."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for step in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if step * power >= value * (1 - 1e-9):
            return float(step * power)
    return float(10 * power)


class _Buffer:
    """x/y values that grow by doubling; `view()` gives the filled part without copying."""

    def __init__(self, capacity: int = 256) -> None:
        self.x = np.empty(capacity, dtype=np.float64)
        self.y = np.empty(capacity, dtype=np.float64)
        self.n = 0

    def append(self, x: float, y: float) -> None:
        if self.n == len(self.x):
            self.x = np.resize(self.x, 2 * len(self.x))
            self.y = np.resize(self.y, 2 * len(self.y))
        self.x[self.n] = x
        self.y[self.n] = y
        self.n += 1

    def clear(self) -> None:
        self.n = 0

    def view(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.n], self.y[: self.n]


def _swatch(pen: QPen) -> QPixmap:
    """A short line drawn with `pen`, for the legend."""
    ratio = 2  # sharp on high-DPI screens
    pixmap = QPixmap(28 * ratio, 12 * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    thick = QPen(pen)
    thick.setWidthF(max(2.0, pen.widthF()))  # a 1-pixel light line is hard to see this short
    painter.setPen(thick)
    painter.drawLine(2, 6, 26, 6)
    painter.end()
    return pixmap


class LegendEntry(QWidget):
    """A line swatch and its name."""

    def __init__(self, pen: QPen, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        swatch = QLabel()
        swatch.setPixmap(_swatch(pen))
        self.label = QLabel(text)
        self.label.setObjectName("hint")
        layout.addWidget(swatch)
        layout.addWidget(self.label)

    def text(self) -> str:
        return self.label.text()


class TrainingCurves(QWidget):
    """Two plots side by side: Loss and Accuracy (%) against the epoch; the legend below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingCurves")
        self._buffers: dict[str, dict[str, _Buffer]] = {
            plot: {name: _Buffer() for name in SERIES} for plot in ("loss", "accuracy")
        }
        self._best_epoch: int | None = None
        self._x_range = (0.0, 0.0)
        self._loss_top = 0.0
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._redraw)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        layout = QHBoxLayout()
        layout.setSpacing(8)
        outer.addLayout(layout, 1)
        self.loss_plot = self._make_plot(self.tr("Loss"), self.tr("loss (lower is better)"))
        self.accuracy_plot = self._make_plot(
            self.tr("Accuracy"), self.tr("accuracy % (higher is better)")
        )
        self.accuracy_plot.setYRange(0, 100, padding=0.02)
        self.accuracy_plot.getPlotItem().getViewBox().setLimits(yMin=-5, yMax=105)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.accuracy_plot, 1)
        names = {
            "train_steps": self.tr("train (each batch)"),
            "train": self.tr("train"),
            "val": self.tr("validation"),
        }
        self.legend = QWidget()
        self.legend.setObjectName("curvesLegend")
        legend_row = QHBoxLayout(self.legend)
        legend_row.setContentsMargins(4, 0, 4, 0)
        legend_row.setSpacing(16)
        legend_row.addStretch(1)
        self.legend_entries: dict[str, LegendEntry] = {}
        for key, pen in (("train_steps", STEP_PEN), ("train", TRAIN_PEN), ("val", VAL_PEN)):
            self.legend_entries[key] = LegendEntry(pen, names[key])
        best = self.tr("Best epoch: its weights are the ones kept")
        self.legend_entries["best"] = LegendEntry(BEST_PEN, best)
        self.legend_entries["best"].setVisible(False)
        for entry in self.legend_entries.values():
            legend_row.addWidget(entry)
        legend_row.addStretch(1)
        outer.addWidget(self.legend)

        self._curves: dict[str, dict[str, pg.PlotDataItem]] = {}
        self._best_lines: dict[str, pg.InfiniteLine] = {}
        for key, plot in (("loss", self.loss_plot), ("accuracy", self.accuracy_plot)):
            item = plot.getPlotItem()
            # The noisy per-batch line has many points: drawn without antialiasing (a
            # thin light line looks the same), it costs a fraction of the paint time.
            self._curves[key] = {
                "train_steps": item.plot(
                    pen=STEP_PEN,
                    antialias=False,
                    segmentedLineMode="on",
                    skipFiniteCheck=True,
                ),
                "train": item.plot(pen=TRAIN_PEN, skipFiniteCheck=True),
                "val": item.plot(pen=VAL_PEN, skipFiniteCheck=True),
            }
            line = pg.InfiniteLine(angle=90, movable=False, pen=BEST_PEN)
            line.setToolTip(best)
            line.setVisible(False)
            item.addItem(line, ignoreBounds=True)
            self._best_lines[key] = line

    def _make_plot(self, title: str, y_label: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(background="w")
        plot.setMinimumSize(260, 200)
        item = plot.getPlotItem()
        item.setTitle(title, color=TEXT_COLOUR, size="11pt")
        item.setLabel("bottom", self.tr("epoch"), color=TEXT_COLOUR)
        item.setLabel("left", y_label, color=TEXT_COLOUR)
        # Horizontal grid lines only: they are what a value is read against, and vertical ones
        # doubled the cost of repainting an axis when the epoch range grows (p95 8.5 → 5.3 ms).
        item.showGrid(x=False, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(AXIS_PEN)
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            # Values as they are: without this a loss under 1 (text runs) read "(x0.001)"
            # with ticks up to 800, unlike the image charts (issue 15 rough edge 12).
            axis.enableAutoSIPrefix(False)
            # Axes (with their grid lines) change only when a range does: paint them from a
            # cached pixmap instead of replaying their drawing at every redraw of the curves.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.getViewBox().setLimits(xMin=0)
        item.setXRange(0, 1, padding=0)
        return plot

    # ------------------------------------------------------------------ data in
    def add_step(self, epoch: float, loss: float, accuracy: float) -> None:
        """One mini-batch at a fractional epoch (e.g. 3.5 = halfway through epoch 4)."""
        self._buffers["loss"]["train_steps"].append(epoch, loss)
        self._buffers["accuracy"]["train_steps"].append(epoch, 100.0 * accuracy)
        self._mark_dirty()

    def add_epoch(self, event: EpochEnd) -> None:
        """The end of an epoch: train and (if there is a validation split) validation values."""
        x = float(event.epoch)
        self._buffers["loss"]["train"].append(x, event.train_loss)
        self._buffers["accuracy"]["train"].append(x, 100.0 * event.train_accuracy)
        if event.val_loss is not None:
            self._buffers["loss"]["val"].append(x, event.val_loss)
        if event.val_accuracy is not None:
            self._buffers["accuracy"]["val"].append(x, 100.0 * event.val_accuracy)
        if event.improved:
            self._best_epoch = event.epoch
        self._mark_dirty()

    def load_history(self, history: Sequence[EpochEnd]) -> None:
        """Show a saved run (per-epoch values only; per-step values are not kept)."""
        self.clear()
        for event in history:
            self.add_epoch(event)
        self.flush()

    def clear(self) -> None:
        for series in self._buffers.values():
            for buffer in series.values():
                buffer.clear()
        self._best_epoch = None
        self._mark_dirty()

    def flush(self) -> None:
        """Redraw now (tests, screenshots, the end of a run)."""
        self._timer.stop()
        self._redraw()

    # ------------------------------------------------------------------ queries
    def point_counts(self) -> dict[str, int]:
        """Points held per series (loss plot): train_steps, train, val."""
        return {name: buffer.n for name, buffer in self._buffers["loss"].items()}

    def drawn(self, name: str, plot: str = "loss") -> tuple[np.ndarray, np.ndarray]:
        """The x and y values on screen for a series ("train_steps", "train", "val")."""
        x, y = self._curves[plot][name].getData()
        if x is None or y is None:
            return np.empty(0), np.empty(0)
        return np.asarray(x), np.asarray(y)

    @property
    def best_epoch(self) -> int | None:
        return self._best_epoch

    # ------------------------------------------------------------------ drawing
    def _mark_dirty(self) -> None:
        self._dirty = True
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _redraw(self) -> None:
        if not self._dirty or not self.isVisible():
            return  # a hidden tab is drawn when it is shown
        self._dirty = False
        last_x = 0.0
        for key, series in self._buffers.items():
            for name, buffer in series.items():
                x, y = buffer.view()
                self._curves[key][name].setData(x, y)
                if buffer.n:
                    last_x = max(last_x, float(x[-1]))
            line = self._best_lines[key]
            line.setVisible(self._best_epoch is not None)
            if self._best_epoch is not None:
                line.setValue(self._best_epoch)
        self.legend_entries["best"].setVisible(self._best_epoch is not None)
        # Ranges grow in a few steps, not at every redraw: each change re-renders the axes.
        x_range = (0.0, _nice_ceiling(max(1.0, last_x)))
        if x_range != self._x_range:
            self._x_range = x_range
            for plot in (self.loss_plot, self.accuracy_plot):
                plot.getPlotItem().setXRange(*x_range, padding=0.02)
        loss_y = [b.view()[1] for b in self._buffers["loss"].values() if b.n]
        top = _nice_ceiling(max(float(np.nanmax(v)) for v in loss_y)) if loss_y else 1.0
        if top != self._loss_top:
            self._loss_top = top
            self.loss_plot.getPlotItem().setYRange(0, top, padding=0.02)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self._redraw()


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    curves = TrainingCurves()
    rng = np.random.default_rng(0)
    for epoch in range(1, 31):
        for k in range(5):
            curves.add_step(epoch - 1 + (k + 1) / 5, 1.5 / epoch + rng.random() * 0.3, 0.9)
        curves.add_epoch(
            EpochEnd(epoch, 30, 1.5 / epoch, 1 - 0.5 / epoch, 1.6 / epoch, 0.95, 1e-3, epoch < 20)
        )
    curves.resize(1000, 380)
    curves.show()
    sys.exit(app.exec())
