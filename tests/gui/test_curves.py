"""The training curves: the legend sits beside the plots, not on them, and names the dashed
best-epoch line (issue 15)."""

from __future__ import annotations

from desktop_app.core.training.events import EpochEnd


def _history(epochs: int, best: int) -> list[EpochEnd]:
    return [
        EpochEnd(e, epochs, 1.0 / e, 0.5 + e / 40, 1.1 / e, 0.5 + e / 50, 1e-3, e <= best)
        for e in range(1, epochs + 1)
    ]


def test_legend_stays_off_the_plots_and_explains_the_best_epoch(qtbot) -> None:
    from desktop_app.gui.widgets.curves import TrainingCurves

    curves = TrainingCurves()
    qtbot.addWidget(curves)
    curves.resize(560, 260)  # a small window: a legend inside a plot would cover the curves
    curves.show()
    qtbot.waitExposed(curves)
    curves.load_history(_history(12, best=9))
    for plot in (curves.loss_plot, curves.accuracy_plot):
        assert plot.getPlotItem().legend is None, "no legend drawn over the curves"
    shown = [e.text() for e in curves.legend_entries.values() if e.isVisible()]
    assert shown == [
        "train (each batch)",
        "train",
        "validation",
        "Best epoch: its weights are the ones kept",
    ]
    legend = curves.legend.geometry()
    for plot in (curves.loss_plot, curves.accuracy_plot):
        assert not legend.intersects(plot.geometry())
    assert curves.best_epoch == 9
    curves.clear()
    curves.flush()
    assert not curves.legend_entries["best"].isVisible()  # no best epoch, nothing to explain


def test_small_loss_values_are_shown_as_they_are(qtbot) -> None:
    """A text run's loss stays under 1: the axis shows 0.2, 0.4 … like the image charts, not
    "(x0.001)" with ticks up to 800 (pyqtgraph's SI prefix scaling, issue 15 rough edge 12)."""
    from desktop_app.gui.widgets.curves import TrainingCurves

    curves = TrainingCurves()
    qtbot.addWidget(curves)
    curves.resize(700, 300)
    curves.show()
    qtbot.waitExposed(curves)
    history = [EpochEnd(e, 10, 0.8 / e, 0.6, 0.7 / e, 0.6, 1e-3, e <= 8) for e in range(1, 11)]
    curves.load_history(history)
    for plot in (curves.loss_plot, curves.accuracy_plot):
        for name in ("left", "bottom"):
            axis = plot.getPlotItem().getAxis(name)
            assert axis.autoSIPrefixScale == 1.0
            assert "(x" not in axis.labelString()
    left = curves.loss_plot.getPlotItem().getAxis("left")
    values = [v for _, ticks in left.tickValues(0, 0.8, 200) for v in ticks]
    shown = [float(t) for t in left.tickStrings(values, left.autoSIPrefixScale, 0.2)]
    assert max(shown) <= 0.8
