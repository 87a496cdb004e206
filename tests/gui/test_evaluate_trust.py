"""The Evaluate tab's trust views (issue 18): the switch of views, ROC and precision–recall curves
for a finished run, the reliability diagram, the "Sure enough?" threshold (live figures, saved
into the run and its model), and "Check with cross-validation" with its figures and Cancel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop_app.core.inference import Predictor
from desktop_app.core.trust import coverage_curve
from desktop_app.gui.panels.evaluate import EvaluatePanel
from desktop_app.gui.panels.evaluate import crossval as crossval_module


@pytest.fixture
def panel(qtbot, trained_session) -> EvaluatePanel:
    widget = EvaluatePanel(trained_session)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_switch_shows_each_view_by_click_and_by_keyboard(qtbot, panel):
    assert panel.current_view() == "confusion"
    qtbot.mouseClick(panel.view_buttons.button(1), Qt.MouseButton.LeftButton)
    assert panel.current_view() == "roc" and panel.roc_page.isVisible()
    qtbot.keyClick(panel, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert panel.current_view() == "threshold" and panel.threshold_page.isVisible()
    assert panel.view_buttons.button(4).isChecked()
    qtbot.keyClick(panel, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert panel.current_view() == "confusion" and panel.confusion.isVisible()


def test_roc_and_pr_curves_draw_every_class_with_its_area(panel, trained_session):
    result = trained_session.result
    panel.show_view("roc")
    assert set(panel.roc_page.drawn) == set(result.classes)
    for fpr, tpr in panel.roc_page.drawn.values():
        assert fpr[0] == tpr[0] == 0 and fpr[-1] == tpr[-1] == 1
    assert "Macro ROC AUC" in panel.roc_page.macro_label.text()
    legend = panel.roc_page.legend_texts()
    assert len(legend) == len(result.classes) and all(" · AUC " in t for t in legend)
    panel.roc_page.show_class(1)
    assert set(panel.roc_page.drawn) == set(result.classes)  # the others stay, faint
    assert panel.roc_page.legend_texts() == [t for t in legend if t.startswith(result.classes[1])]
    panel.table.class_opened.emit(2)  # a class opened in the table is picked here too
    assert panel.roc_page.class_box.currentData() == 2
    panel.show_view("pr")
    assert set(panel.pr_page.drawn) == set(result.classes)
    recall, precision = panel.pr_page.drawn[result.classes[0]]
    assert recall[-1] == 1 and 0 <= precision.min() <= precision.max() <= 1


def test_reliability_diagram_draws_the_bins(panel):
    panel.show_view("reliability")
    x, y = panel.reliability_page.after.getData()
    assert x is not None and len(x) >= 1 and np.all((y >= 0) & (y <= 1))
    assert "calibration error" in panel.reliability_page.summary.text()


def test_the_threshold_changes_the_answered_share_live(qtbot, panel, trained_session):
    panel.show_view("threshold")
    page = panel.threshold_page
    curve = coverage_curve(trained_session.result)
    saved = trained_session.result.calibration.unsure_threshold
    assert page.threshold() == pytest.approx(saved, abs=1e-3)
    page.slider.setValue(0)
    assert page.threshold() == 0.0 and "(100.0 %)" in page.live.text()
    assert page.point_item.getData()[0][0] == pytest.approx(1.0)
    confidences = np.sort(curve.confidence)
    between = float(confidences[len(confidences) // 2])
    page.spin.setValue(100 * between)
    expected = curve.at(page.threshold())
    assert f"({100 * expected.answered:.1f} %)" in page.live.text()
    assert page.slider.value() == round(page.threshold() * 1000)
    assert page.point_item.getData()[0][0] == pytest.approx(expected.answered)
    page.spin.setValue(100.0)
    if confidences[-1] < 1.0:
        assert "none of the" in page.live.text()


def test_using_a_threshold_saves_it_in_the_run_and_its_model(
    qtbot, panel, trained_session, in_process
):
    with qtbot.waitSignal(panel.crossval.finished, timeout=60_000):
        panel.crossval.start()
    checked = panel.crossval.result_label.text()
    panel.show_view("threshold")
    page = panel.threshold_page
    page.spin.setValue(99.0)
    assert page.apply_button.isEnabled()
    with qtbot.waitSignal(page.applied, timeout=30_000):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    run_id = trained_session.result_run_id
    assert trained_session.result.calibration.unsure_threshold == pytest.approx(0.99)
    saved = trained_session.project.load_result(run_id).calibration.unsure_threshold
    assert saved == pytest.approx(0.99)
    assert Predictor(trained_session.model_path(run_id)).unsure_threshold == pytest.approx(0.99)
    assert panel.current_view() == "threshold" and page.threshold() == pytest.approx(0.99)
    assert "99.0 %" in page.saved_label.text() and not page.apply_button.isEnabled()
    assert panel.crossval.result_label.text() == checked  # the same run: its check stays


@pytest.fixture
def in_process(monkeypatch):
    """Cross-validation on the test's own process (the child's start-up is not under test)."""

    def run_here(target, *args, cancel, nice=0, **kwargs):
        return target(*args, cancel=cancel, **kwargs)

    monkeypatch.setattr(crossval_module, "run_in_child", run_here)


def test_cross_validation_shows_mean_spread_and_each_split(qtbot, panel, in_process):
    check = panel.crossval
    with qtbot.waitSignal(check.finished, timeout=60_000) as blocker:
        qtbot.mouseClick(check.button, Qt.MouseButton.LeftButton)
        assert check.progress.isVisible() and check.cancel_button.isVisible()
    line = blocker.args[0]
    assert line.startswith("Across 5 different splits, accuracy was")
    cv = check.cv
    assert f"{100 * cv.accuracy_mean:.1f} % ± {100 * cv.accuracy_std:.1f}" in line
    assert "Accuracy of each split:" in check.result_label.text()
    assert len(check.result_label.toolTip().splitlines()) == 5
    assert not check.progress.isVisible() and check.button.isEnabled()


def test_cross_validation_can_be_cancelled(qtbot, panel, in_process):
    check = panel.crossval
    with qtbot.waitSignal(check.finished, timeout=60_000) as blocker:
        assert check.start()
        check.cancel()
    assert blocker.args == [""]
    assert check.result_label.text() == "Cross-validation was cancelled."
    assert check.cv is None and check.button.isEnabled()


def test_a_run_that_kept_only_the_best_classes_still_has_a_threshold(qtbot, panel, trained_session):
    from dataclasses import replace

    result = trained_session.result
    p = np.asarray(result.eval_probabilities)
    top = np.argsort(-p, axis=1)[:, :2].astype(np.int32)  # as a run with many classes keeps
    trimmed = replace(
        result,
        eval_probabilities=np.take_along_axis(p, top, axis=1),
        eval_top_classes=top,
        calibration=None,
    )
    trained_session.replace_result(trained_session.result_run_id, trimmed)
    panel.show_view("roc")
    assert not panel.roc_page.class_box.isEnabled() and not panel.roc_page.drawn
    assert "cannot be drawn" in panel.roc_page.hint.text()
    panel.show_view("reliability")
    assert panel.reliability_page.summary.text().startswith("Not calibrated: ")
    panel.show_view("threshold")
    page = panel.threshold_page
    page.slider.setValue(0)
    assert "(100.0 %)" in page.live.text()
    assert "names a class however unsure" in page.saved_label.text()


@pytest.mark.full
def test_cross_validation_in_its_own_process_and_cancelled_there(qtbot, panel):
    """The window's real path: the check runs in a child process (torch imported there)."""
    import multiprocessing

    check = panel.crossval
    with qtbot.waitSignal(check.finished, timeout=180_000) as blocker:
        check.start()
    assert blocker.args[0].startswith("Across 5 different splits")
    with qtbot.waitSignal(check.finished, timeout=60_000) as blocker:
        check.start()
        qtbot.wait(1500)
        check.cancel()
    assert blocker.args == [""] and check.result_label.text() == "Cross-validation was cancelled."
    assert not multiprocessing.active_children()
