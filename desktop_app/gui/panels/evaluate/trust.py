"""The Evaluate tab's trust views (issue 18): ROC and precision–recall curves per class, the
reliability diagram before and after the temperature, and "Sure enough?", the threshold below
which the model answers "not sure", shown live on the accuracy–coverage curve and saved into
the run and its model.

The figures come from core (`core/trust.py`) on what the run kept of its eval split; this module
only draws them (pyqtgraph) and takes the threshold. Saving it runs on the job-owner helper (an
ONNX file is parsed and rewritten: a moment, never on the GUI thread).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.core.trust import (
    class_curves,
    coverage_curve,
    has_all_probabilities,
    macro_ranking,
    reliability_before_after,
    unsure_threshold_of,
)
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.panels.evaluate.summary import label
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.curves import AXIS_PEN, TEXT_COLOUR, LegendEntry
from desktop_app.gui.widgets.flow_layout import FlowLayout

# Tableau 10 and two more: one colour per class when every class is drawn
PALETTE = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (57, 59, 121),
    (173, 73, 74),
)
COLOURED_CLASSES = len(PALETTE)  # more classes: drawn thin and grey, one picked at a time
FAINT_PEN = pg.mkPen((203, 213, 225), width=1)
CHANCE_PEN = pg.mkPen((148, 163, 184), width=1, style=Qt.PenStyle.DashLine)
BEFORE_PEN = pg.mkPen((100, 116, 139), width=2, style=Qt.PenStyle.DotLine)
AFTER_PEN = pg.mkPen((37, 99, 235), width=2.5)
ACCENT = (37, 99, 235)
MARK = (234, 88, 12)
THRESHOLD_STEPS = 1000  # the slider moves in tenths of a percent


def make_plot(x_label: str, y_label: str) -> pg.PlotWidget:
    """A white plot of two axes from 0 to 1 (0 to 100 %), as the training curves look."""
    plot = pg.PlotWidget(background="w")
    plot.setMinimumSize(240, 200)
    item = plot.getPlotItem()
    item.setLabel("bottom", x_label, color=TEXT_COLOUR)
    item.setLabel("left", y_label, color=TEXT_COLOUR)
    item.showGrid(x=True, y=True, alpha=0.12)
    item.setMenuEnabled(False)
    item.hideButtons()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(AXIS_PEN)
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.enableAutoSIPrefix(False)
    view = item.getViewBox()
    view.setMouseEnabled(False, False)  # a figure to read, not to pan
    item.setXRange(0, 1, padding=0.02)
    item.setYRange(0, 1, padding=0.02)
    return plot


def _legend_row(entries: list[QWidget]) -> QWidget:
    """Legend entries under the plot (never on it), wrapping into as many rows as the width
    needs: the legend never widens its column."""
    box = QWidget()
    flow = FlowLayout(box, spacing=14)
    flow.setContentsMargins(4, 0, 4, 0)
    for entry in entries:
        flow.addWidget(entry)
    return box


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


class CurvePage(QWidget):
    """ROC (`kind` "roc") or precision–recall ("pr") curves: every class, or one picked."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._result: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        self.class_label = QLabel(self.tr("Class:"))
        top.addWidget(self.class_label)
        self.class_box = QComboBox()
        self.class_box.setMinimumContentsLength(12)
        self.class_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.class_label.setBuddy(self.class_box)
        self.class_box.currentIndexChanged.connect(self._draw)
        top.addWidget(self.class_box)
        self.macro_label = label("", "sectionTitle", True)
        top.addWidget(self.macro_label, 1)
        layout.addLayout(top)
        self.hint = label("", "hint", True)
        layout.addWidget(self.hint)
        if kind == "roc":
            self.hint.setText(
                self.tr(
                    "How well the model ranks the examples of a class above the others, at every "
                    "threshold. Up and to the left is better; the area under the curve (AUC) is "
                    "1.0 for a perfect ranking and 0.5 for guessing (the dashed line)."
                )
            )
            self.plot = make_plot(
                self.tr("wrongly flagged: share of the other classes"),
                self.tr("found: share of the class"),
            )
            chance = pg.PlotDataItem([0, 1], [0, 1], pen=CHANCE_PEN)
            self.plot.getPlotItem().addItem(chance)
        else:
            self.hint.setText(
                self.tr(
                    "Of the examples the model puts in a class, how many really belong there "
                    "(precision), as it finds more of them (recall). Up and to the right is "
                    "better; average precision (AP) is 1.0 at best."
                )
            )
            self.plot = make_plot(
                self.tr("recall: share of the class found"),
                self.tr("precision: share right"),
            )
        layout.addWidget(self.plot, 1)
        self.legend_box = QVBoxLayout()
        layout.addLayout(self.legend_box)
        self._legend: QWidget | None = None
        self._items: list[pg.PlotDataItem] = []
        self.drawn: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # class → x, y on screen

    def set_result(self, result: Any) -> None:
        """Show a TrainResult's curves (None: nothing)."""
        self._result = result
        self.class_box.blockSignals(True)
        self.class_box.clear()
        usable = result is not None and has_all_probabilities(result)
        if usable:
            self.class_box.addItem(self.tr("All classes"), -1)
            for index, name in enumerate(result.classes):
                self.class_box.addItem(str(name), index)
        self.class_box.blockSignals(False)
        self.class_box.setEnabled(usable)
        if not usable:
            self.macro_label.setText("")
            self._clear()
            if result is not None:
                self.hint.setText(
                    self.tr(
                        "With this many classes the run keeps only each example's best guesses, "
                        "so these curves cannot be drawn."
                    )
                )
            return
        auc, ap = macro_ranking(result)
        if self.kind == "roc":
            self.macro_label.setText(
                self.tr("Macro ROC AUC {0} (every class counts the same)").format(_figure(auc))
            )
        else:
            self.macro_label.setText(
                self.tr("Macro average precision {0} (every class counts the same)").format(
                    _figure(ap)
                )
            )
        self._draw()

    def show_class(self, index: int) -> None:
        """Pick class `index` (-1: all classes)."""
        found = self.class_box.findData(index)
        if found >= 0:
            self.class_box.setCurrentIndex(found)

    def legend_texts(self) -> list[str]:
        """What the legend under the plot says, entry by entry."""
        if self._legend is None:
            return []
        return [entry.text() for entry in self._legend.findChildren(LegendEntry)]

    def _clear(self) -> None:
        item = self.plot.getPlotItem()
        for curve in self._items:
            item.removeItem(curve)
        self._items = []
        self.drawn = {}
        if self._legend is not None:
            self._legend.setParent(None)
            self._legend.deleteLater()
            self._legend = None

    @Slot()
    def _draw(self) -> None:
        self._clear()
        result = self._result
        if result is None or not has_all_probabilities(result):
            return
        picked = self.class_box.currentData()
        picked = -1 if picked is None else int(picked)
        n = len(result.classes)
        coloured = picked < 0 and n <= COLOURED_CLASSES
        entries: list[QWidget] = []
        item = self.plot.getPlotItem()
        order = [i for i in range(n) if i != picked] + ([picked] if picked >= 0 else [])
        for index in order:
            curves = class_curves(result, index)
            points = curves.roc if self.kind == "roc" else curves.pr
            area = curves.auc if self.kind == "roc" else curves.ap
            if points is None:
                continue
            x, y = points
            if coloured:
                pen = pg.mkPen(PALETTE[index % len(PALETTE)], width=2)
            elif index == picked:
                pen = pg.mkPen(ACCENT, width=3)
            else:
                pen = FAINT_PEN
            if self.kind == "pr":  # precision holds until the next recall gain
                curve = pg.PlotDataItem(*_steps(x, y), pen=pen)
            else:
                curve = pg.PlotDataItem(x, y, pen=pen)
            item.addItem(curve)
            self._items.append(curve)
            self.drawn[curves.name] = (x, y)
            if coloured or index == picked:
                word = "AUC" if self.kind == "roc" else "AP"
                entries.append(LegendEntry(pen, f"{curves.name} · {word} {_figure(area)}"))
        if picked < 0 and not coloured:
            entries.append(
                QLabel(self.tr("Pick a class to see its curve and its area."), objectName="hint")
            )
        if entries:
            self._legend = _legend_row(entries)
            self.legend_box.addWidget(self._legend)


def _steps(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A precision–recall curve as steps: each recall gain drawn at the precision it reached."""
    return np.repeat(x, 2)[:-1], np.repeat(y, 2)[1:]


class ReliabilityPage(QWidget):
    """Confidence against accuracy per bin of confidence, before and after the temperature."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.summary = label("", "sectionTitle", True)
        layout.addWidget(self.summary)
        self.hint = label(
            self.tr(
                "Each point is a group of examples the model was about equally sure of: how sure "
                "it was (across) against how often it was right (up). On the dashed line, "
                "“90 % sure” means right 9 times in 10. Bigger points hold more examples."
            ),
            "hint",
            True,
        )
        layout.addWidget(self.hint)
        self.plot = make_plot(self.tr("how sure the model was"), self.tr("how often it was right"))
        item = self.plot.getPlotItem()
        item.addItem(pg.PlotDataItem([0, 1], [0, 1], pen=CHANCE_PEN))
        # points, not lines: a bin of one or two items jumps to 0 or 1, and a line through it
        # drew zig-zags that said nothing
        self.before = pg.PlotDataItem(
            pen=None,
            symbol="o",
            symbolBrush=None,
            symbolPen=pg.mkPen((100, 116, 139), width=1.5),
        )
        self.after = pg.PlotDataItem(
            pen=None, symbol="o", symbolBrush=(*ACCENT, 200), symbolPen=pg.mkPen("w", width=1)
        )
        item.addItem(self.before)
        item.addItem(self.after)
        layout.addWidget(self.plot, 1)
        self.before_entry = LegendEntry(BEFORE_PEN, self.tr("before calibration"))
        self.after_entry = LegendEntry(AFTER_PEN, self.tr("after (as the exported model answers)"))
        layout.addWidget(_legend_row([self.before_entry, self.after_entry]))

    def set_result(self, result: Any) -> None:
        if result is None or not len(result.eval_labels):
            self.before.setData([], [])
            self.after.setData([], [])
            self.summary.setText("")
            return
        before, after = reliability_before_after(result)
        calibration = getattr(result, "calibration", None)
        temperature = 1.0 if calibration is None else float(calibration.temperature)
        fitted = calibration is not None and bool(calibration.fitted_on)
        for curve, diagram in ((self.before, before), (self.after, after)):
            used = diagram.count > 0
            sizes = 6 + 10 * np.sqrt(diagram.count[used] / max(1, diagram.count.max()))
            curve.setData(
                diagram.confidence[used], diagram.accuracy[used], symbolSize=sizes.tolist()
            )
        self.before.setVisible(fitted)
        self.before_entry.setVisible(fitted)
        gap_before, gap_after = 100 * before.ece, 100 * after.ece
        if fitted:
            self.summary.setText(
                self.tr(
                    "Calibrated: its confidence was off by {0} points on average, now by {1} "
                    "(expected calibration error {2} → {3})."
                ).format(
                    f"{gap_before:.1f}",
                    f"{gap_after:.1f}",
                    f"{before.ece:.3f}",
                    f"{after.ece:.3f}",
                )
            )
            self.after_entry.label.setText(
                self.tr("after dividing by a temperature of {0}").format(f"{temperature:.2f}")
            )
        elif calibration is not None:
            self.summary.setText(
                self.tr(
                    "Not calibrated (too few validation examples to fit it): its confidence is "
                    "off by {0} points on average (expected calibration error {1})."
                ).format(f"{gap_after:.1f}", f"{after.ece:.3f}")
            )
        else:  # many classes, or a run from before calibration
            self.summary.setText(
                self.tr(
                    "Not calibrated: its confidence is off by {0} points on average (expected "
                    "calibration error {1})."
                ).format(f"{gap_after:.1f}", f"{after.ece:.3f}")
            )
            self.after_entry.label.setText(self.tr("the model as it answers"))


class ThresholdPage(QWidget, JobOwner):
    """ "Answer only when at least X % sure": a slider and a spin box, the share answered and
    the accuracy on it, live, on the accuracy–coverage curve; "Use this threshold" saves it
    into the run and its model (the Predict tab then answers "not sure" below it)."""

    applied = Signal(float)  # the threshold now saved in the run and its model

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._result: Any = None
        self._curve = None
        self._noun_count = self.tr("{0} images")
        self._applying: tuple[str, float] = ("", 0.0)  # run and threshold being saved
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.hint = label(
            self.tr(
                "Below this confidence the model says “not sure” instead of naming a class: "
                "it answers less often, and is right more often when it does."
            ),
            "hint",
            True,
        )
        layout.addWidget(self.hint)
        row = QHBoxLayout()
        self.caption = QLabel(self.tr("Answer only when at least"))
        row.addWidget(self.caption)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(0.0, 100.0)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(1.0)
        self.spin.setSuffix(" %")
        self.spin.setAccelerated(True)
        self.caption.setBuddy(self.spin)
        row.addWidget(self.spin)
        row.addWidget(QLabel(self.tr("sure")))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, THRESHOLD_STEPS)
        self.slider.setPageStep(50)
        self.slider.setSingleStep(10)
        self.slider.setAccessibleName(self.tr("Threshold"))
        row.addWidget(self.slider, 1)
        layout.addLayout(row)
        self.live = label("", "sectionTitle", True)
        layout.addWidget(self.live)
        self.plot = make_plot(self.tr("share answered"), self.tr("accuracy on those answered"))
        item = self.plot.getPlotItem()
        self.curve_item = pg.PlotDataItem(pen=AFTER_PEN)
        self.point_item = pg.ScatterPlotItem(size=13, brush=MARK, pen=pg.mkPen("w", width=1.5))
        item.addItem(self.curve_item)
        item.addItem(self.point_item)
        layout.addWidget(self.plot, 1)
        bottom = QHBoxLayout()
        self.saved_label = label("", "hint", True)
        bottom.addWidget(self.saved_label, 1)
        self.apply_button = QPushButton(self.tr("Use this threshold"))
        self.apply_button.setObjectName("primary")
        self.apply_button.setToolTip(
            self.tr(
                "Save it in this run and its model: the Predict tab and the models exported "
                "from now on answer “not sure” below it. A model exported before keeps its own "
                "(change it with: desktop-app calibrate MODEL.onnx --unsure-threshold 0.8)."
            )
        )
        self.apply_button.clicked.connect(self.apply)
        bottom.addWidget(self.apply_button)
        layout.addLayout(bottom)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)

    # ------------------------------------------------------------------ data
    def set_kind(self, kind: str) -> None:
        """How a number of items is said, for the project's kind of data."""
        self._noun_count = self.tr("{0} texts") if kind == "text" else self.tr("{0} images")

    def set_result(self, result: Any) -> None:
        self._result = result
        self._curve = coverage_curve(result) if result is not None else None
        curve = self._curve
        if curve is None or not curve.n:
            self.curve_item.setData([], [])
            self.point_item.setData([], [])
            self.live.setText("")
            self.saved_label.setText("")
            self._enable(False)
            return
        _, answered, accuracy = curve.points()
        self.curve_item.setData(answered, accuracy)
        low = float(np.nanmin(accuracy)) if accuracy.size else 0.0
        bottom = max(0.0, np.floor((low - 0.02) * 20) / 20)  # a round tick under the curve
        self.plot.getPlotItem().setYRange(bottom, 1.0, padding=0.02)
        saved = unsure_threshold_of(result)
        self.set_threshold(saved if saved is not None else 0.0)
        self._update_live()  # also when the value shown did not change: the run did
        self._show_saved()
        self._enable(True)

    def threshold(self) -> float:
        """The threshold shown, as a probability."""
        return round(self.spin.value() / 100.0, 4)

    def set_threshold(self, value: float) -> None:
        self.spin.setValue(100.0 * value)  # moves the slider too, and updates the figures

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        wanted = 100.0 * value / THRESHOLD_STEPS
        if abs(self.spin.value() - wanted) >= 0.05:
            self.spin.setValue(wanted)

    @Slot(float)
    def _on_spin(self, value: float) -> None:
        position = round(value / 100.0 * THRESHOLD_STEPS)
        if self.slider.value() != position:
            self.slider.blockSignals(True)
            self.slider.setValue(position)
            self.slider.blockSignals(False)
        self._update_live()

    def _update_live(self) -> None:
        curve = self._curve
        if curve is None or not curve.n:
            return
        point = curve.at(self.threshold())
        answered = round(point.answered * curve.n)
        if point.accuracy is None:
            self.live.setText(
                self.tr("The model would answer none of the {0}: it is never that sure.").format(
                    self._noun_count.format(curve.n)
                )
            )
            self.point_item.setData([], [])
        else:
            self.live.setText(
                self.tr(
                    "It answers {0} of {1} ({2} %) and is right on {3} % of them; "
                    "it says “not sure” for the other {4}."
                ).format(
                    answered,
                    self._noun_count.format(curve.n),
                    f"{100 * point.answered:.1f}",
                    f"{100 * point.accuracy:.1f}",
                    curve.n - answered,
                )
            )
            self.point_item.setData([point.answered], [point.accuracy])
        self._enable(True)

    def _show_saved(self) -> None:
        saved = unsure_threshold_of(self._result)
        if saved is None:
            self.saved_label.setText(self.tr("The model names a class however unsure it is."))
        else:
            self.saved_label.setText(
                self.tr("Saved now: the model says “not sure” below {0} %.").format(
                    f"{100 * saved:.1f}"
                )
            )

    def _enable(self, has_data: bool) -> None:
        project = self.session.project
        writable = project is not None and project.read_only is None
        saved = unsure_threshold_of(self._result) if self._result is not None else None
        changed = saved is None or abs(saved - self.threshold()) > 1e-6
        running = self.job_running("apply-threshold")
        self.apply_button.setEnabled(has_data and writable and changed and not running)
        self.slider.setEnabled(has_data)
        self.spin.setEnabled(has_data)
        if has_data and not writable and project is not None:
            self.apply_button.setToolTip(self.session.read_only_text())

    # ------------------------------------------------------------------ saving
    @Slot()
    def apply(self) -> bool:
        """Save the threshold shown into the run shown and its model (in the background)."""
        session, result = self.session, self._result
        project = session.project
        run_id = session.result_run_id
        if result is None or project is None or run_id is None or project.read_only is not None:
            return False
        from desktop_app.core.workflows.calibrate import apply_unsure_threshold

        folder = project.run_folder(run_id)
        model = session.model_path(run_id)
        threshold = self.threshold()

        def make(cancel: CancelToken) -> Iterator[Any]:
            yield Finished(apply_unsure_threshold(result, folder, model, threshold))

        self._applying = (run_id, threshold)
        if self.start_job("apply-threshold", make) is None:
            return False
        self.saved_label.setText(self.tr("Saving…"))
        self.apply_button.setEnabled(False)
        return True

    def on_done(self, name: str, result: Any) -> None:
        run_id, threshold = self._applying
        self.session.replace_result(run_id, result)
        self.session.status_message.emit(
            self.tr("{0}: the model now says “not sure” below {1} %.").format(
                run_id, f"{100 * threshold:.1f}"
            )
        )
        self.applied.emit(threshold)

    def on_error(self, name: str, message: str) -> None:
        self.saved_label.setText(self.tr("Not saved: {0}").format(message))

    def on_job_finished(self, name: str) -> None:
        self._enable(self._curve is not None and self._curve.n > 0)
