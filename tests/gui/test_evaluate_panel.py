"""The Evaluate tab: headline numbers, per-class table, confusion cells opening onto their images,
one-click relabelling that reaches the project on disk, and the empty state."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop_app.core.project import Project
from desktop_app.gui.panels.evaluate import EvaluatePanel
from desktop_app.gui.widgets.confusion import ConfusionMatrix
from desktop_app.gui.widgets.thumbnails import PathRole


@pytest.fixture
def panel(qtbot, trained_session) -> EvaluatePanel:
    widget = EvaluatePanel(trained_session)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cell_paths(panel: EvaluatePanel) -> list[str]:
    model = panel.cell_model
    return [model.data(model.index(row), PathRole) for row in range(model.rowCount())]


def test_shows_accuracy_and_one_row_per_class(panel: EvaluatePanel, trained_session) -> None:
    metrics = trained_session.result.eval_metrics
    assert f"{100 * metrics.accuracy:.1f}" in panel.accuracy_label.text()
    assert str(metrics.n) in panel.accuracy_caption.text()
    assert panel.table.rowCount() == len(trained_session.result.classes)
    names = {panel.table.item(r, 0).text().split()[0] for r in range(panel.table.rowCount())}
    assert names == set(trained_session.result.classes)


def test_names_the_model_by_its_catalog_title(panel: EvaluatePanel) -> None:
    assert "Model: Fast (efficientnet-lite0)" in panel.run_label.text()


@pytest.mark.parametrize("diagonal", [True, False])
def test_clicking_a_cell_lists_its_images(qtbot, panel, trained_session, diagonal: bool) -> None:
    result = trained_session.result
    confusion = np.asarray(result.eval_metrics.confusion)
    if diagonal:
        true, predicted = 0, 0
    else:  # the biggest mistake cell, or any off-diagonal cell (then empty) if there is none
        errors = confusion.copy()
        np.fill_diagonal(errors, -1)
        true, predicted = (int(v) for v in np.unravel_index(errors.argmax(), errors.shape))
    qtbot.mouseClick(
        panel.confusion,
        Qt.MouseButton.LeftButton,
        pos=panel.confusion.cell_rect(true, predicted).center(),
    )
    paths = _cell_paths(panel)
    assert len(paths) == confusion[true][predicted]
    truth = dict(zip(result.eval_items, result.eval_labels, strict=True))
    assert all(truth[path] == true for path in paths)
    assert panel.confusion.selected() == (true, predicted)
    if (
        len(paths) > 1
    ):  # sorted by the predicted probability (least confident first on the diagonal)
        index = {path: i for i, path in enumerate(result.eval_items)}
        confidence = [result.eval_probabilities[index[p]][predicted] for p in paths]
        assert confidence == sorted(confidence, reverse=not diagonal)


def test_double_clicking_an_image_of_a_cell_opens_it(qtbot, panel, dialogs) -> None:
    panel.open_cell(0, 0)
    paths = _cell_paths(panel)
    assert paths
    panel.cell_view.doubleClicked.emit(panel.cell_model.index(0))
    assert dialogs.opened == [paths[0]]


def test_relabel_moves_the_item_in_the_saved_project(qtbot, panel, trained_session) -> None:
    panel.open_cell(0, 0)
    assert panel.cell_model.rowCount() > 0
    panel.cell_view.selectionModel().select(
        panel.cell_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    path = _cell_paths(panel)[0]
    other = trained_session.result.classes[1]
    with qtbot.waitSignal(trained_session.data_changed):
        assert panel.relabel_selected(other) == 1
    assert Project.open(trained_session.project.folder, read_only=True).items[path].label == other
    assert not panel.retrain_hint.isHidden()
    assert other in panel.cell_model.item(0).caption
    # Already in that class: nothing to do, nothing saved.
    assert panel.relabel_selected(other) == 0


def test_relabel_as_predicted_uses_the_models_answer(qtbot, panel, trained_session) -> None:
    result = trained_session.result
    panel.open_cell(0, 0)
    panel.cell_view.selectionModel().select(
        panel.cell_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    # On the diagonal the prediction is the label already: the button is off and nothing moves.
    assert not panel.relabel_button.isEnabled()
    assert panel.relabel_selected() == 0
    assert result.classes[0] in panel.relabel_button.text()


def test_empty_state_without_a_result(qtbot, session) -> None:
    panel = EvaluatePanel(session)
    qtbot.addWidget(panel)
    assert session.result is None
    assert panel.stack.currentIndex() == 0
    assert "Train a model first" in panel.empty_label.text()
    assert panel.table.rowCount() == 0
    assert panel.relabel_selected() == 0


def test_follows_the_session(qtbot, panel, trained_session) -> None:
    assert panel.stack.currentIndex() == 1
    trained_session.close_project()
    assert panel.stack.currentIndex() == 0
    assert panel.cell_model.rowCount() == 0


def test_confusion_matrix_keyboard_and_geometry(qtbot) -> None:
    widget = ConfusionMatrix()
    qtbot.addWidget(widget)
    names = [f"class {i}" for i in range(30)]
    widget.set_matrix(np.eye(30, dtype=int) * 5, names)
    widget.resize(700, 700)
    widget.show()
    qtbot.waitExposed(widget)
    last = widget.cell_rect(29, 29)
    assert widget.rect().contains(last)
    assert widget.cell_at(widget.cell_rect(3, 7).center()) == (3, 7)
    assert "class 3" in widget.describe(3, 7)
    widget.setFocus()
    with qtbot.waitSignal(widget.cell_clicked) as blocker:
        qtbot.keyClick(widget, Qt.Key.Key_Right)
        qtbot.keyClick(widget, Qt.Key.Key_Down)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert blocker.args == [1, 1]


def test_evaluate_on_other_data_shows_accuracy_in_one_line(qtbot, panel, trained_session, tmp_path):
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.evaluate import evaluate_on_data
    from desktop_app.core.workflows.importing import ReadOptions
    from desktop_app.core.workflows.stages import drain
    from tests.helpers.synthetic import write_class_folders

    other = write_class_folders(tmp_path / "other", per_class=5, seed=7)
    with qtbot.waitSignal(panel.other_data.finished, timeout=60_000) as blocker:
        assert panel.other_data.evaluate(str(other))
        assert not panel.other_data.cancel_button.isHidden()
    expected = drain(
        evaluate_on_data(trained_session.model_path(), other, CancelToken(), ReadOptions(0.0))
    )
    line = blocker.args[0]
    assert line.startswith("other: accuracy ")
    assert f"{100 * expected.metrics.accuracy:.1f} %" in line and "15 images" in line
    assert panel.other_data.result_label.text() == line
    assert panel.other_data.cancel_button.isHidden() and panel.other_data.button.isEnabled()
    assert panel.other_data.mistakes_button.isHidden() == (not expected.mistakes)


def test_evaluate_on_other_data_shows_its_mistakes(qtbot, panel, trained_session, tmp_path):
    """Red images filed under green: the button names how many mistakes, and its window shows
    each (the surest first) captioned "true → predicted  p %"; a clean folder hides it again."""
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.evaluate import evaluate_on_data
    from desktop_app.core.workflows.importing import ReadOptions
    from desktop_app.core.workflows.stages import drain
    from tests.helpers.synthetic import write_class_folders

    other = write_class_folders(tmp_path / "other", per_class=5, seed=7)
    moved = [
        p.rename(other / "green" / f"red-{p.name}") for p in sorted((other / "red").iterdir())[:2]
    ]
    evaluator = panel.other_data
    with qtbot.waitSignal(evaluator.finished, timeout=60_000):
        assert evaluator.evaluate(str(other))
    expected = drain(
        evaluate_on_data(trained_session.model_path(), other, CancelToken(), ReadOptions(0.0))
    )
    wrong = expected.mistakes
    assert {str(p) for p in moved} <= {m.item for m in wrong}
    assert evaluator.mistakes == wrong
    assert not evaluator.mistakes_button.isHidden()
    assert evaluator.mistakes_button.text() == f"Show {len(wrong)} mistakes"
    qtbot.mouseClick(evaluator.mistakes_button, Qt.MouseButton.LeftButton)
    dialog = evaluator.mistakes_dialog
    assert dialog is not None and dialog.isVisible() and "other" in dialog.windowTitle()
    thumbs = dialog.thumbs
    assert [thumbs.item(r).path for r in range(thumbs.rowCount())] == [m.item for m in wrong]
    for r, m in enumerate(wrong):
        assert thumbs.item(r).caption.startswith(f"{m.label} → {m.predicted}")
        assert f"{round(100 * m.probability)}\u00a0%" in thumbs.item(r).caption
    assert f"{len(wrong)} images the model got wrong" in dialog.hint.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    evaluator.show_mistakes()  # again: a new window, the old one goes
    assert evaluator.mistakes_dialog is not dialog and evaluator.mistakes_dialog.isVisible()
    with qtbot.waitSignal(dialog.destroyed, timeout=5_000):
        pass
    clean = write_class_folders(tmp_path / "clean", per_class=3, seed=8)
    with qtbot.waitSignal(evaluator.finished, timeout=60_000):
        assert evaluator.evaluate(str(clean))
    again = drain(
        evaluate_on_data(trained_session.model_path(), clean, CancelToken(), ReadOptions(0.0))
    )
    assert evaluator.mistakes_button.isHidden() == (not again.mistakes)


def test_the_mistakes_of_texts_are_a_table(qtbot) -> None:
    from desktop_app.core.workflows.evaluate import Mistake
    from desktop_app.gui.panels.evaluate.mistakes_dialog import MistakesDialog

    wrong = [
        Mistake("The room was\nlovely", "bad", "good", 0.91, 0.09),
        Mistake("x" * 1000, "good", "bad", None, None),  # past 100 classes: no probability
    ]
    dialog = MistakesDialog(wrong, "text", "reviews.csv")
    qtbot.addWidget(dialog)
    rows = dialog.rows
    assert rows.rowCount() == 2 and "reviews.csv" in dialog.windowTitle()
    assert rows.row(0).cells == ("The room was lovely", "bad → good", "91.0 %")
    assert rows.row(1).cells[2] == "" and len(rows.row(1).cells[0]) <= 400
    assert "2 texts the model got wrong" in dialog.hint.text()


def test_evaluate_on_other_data_cancel_mid_way(qtbot, panel, tmp_path, monkeypatch):
    import time

    import desktop_app.gui.panels.evaluate.other_data as module
    from tests.helpers.synthetic import write_class_folders

    other = write_class_folders(tmp_path / "many", per_class=40)
    original = module.evaluate_on_data

    def slow(*args, **kwargs):
        for event in original(*args, **kwargs):
            yield event
            time.sleep(0.05)  # slow enough to cancel half-way

    monkeypatch.setattr(module, "evaluate_on_data", slow)
    evaluator = panel.other_data
    with qtbot.waitSignal(evaluator.finished, timeout=60_000) as blocker:
        assert evaluator.evaluate(str(other))
        qtbot.waitUntil(lambda: evaluator.progress.value() > 0, timeout=60_000)
        evaluator.cancel_button.click()
    assert blocker.args == [""]
    assert 0 < evaluator.progress.value() < 120
    assert "cancelled" in evaluator.result_label.text()


def test_selected_image_card_fits_with_long_names(qtbot, trained_session) -> None:
    """Long file names without spaces (hashes) and long class names: the "Selected image" card
    stays inside its column (file name and "Relabel as '…'" not cut off on the right), the
    column keeps its width (the matrix is not squeezed), and a thumbnail's caption never puts
    "%" alone on a line."""
    import dataclasses

    result = trained_session.result
    long_items = tuple(
        f"/data/clothes/{k:040x}{'f' * 12}.jpg" for k in range(len(result.eval_items))
    )
    long_classes = tuple(f"{name}-sweater-and-cardigan-long-name" for name in result.classes)
    trained_session.result = dataclasses.replace(
        result, eval_items=long_items, classes=long_classes
    )
    panel = EvaluatePanel(trained_session)
    qtbot.addWidget(panel)
    panel.resize(1260, 700)
    panel.show()
    qtbot.waitExposed(panel)
    right_min = panel.splitter.widget(1).minimumSizeHint().width()
    panel.open_cell(0, 0)
    assert panel.cell_model.rowCount() > 0
    panel.cell_view.selectionModel().select(
        panel.cell_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.wait(50)
    card = panel.relabel_button.parentWidget()
    viewport = card.parentWidget()
    assert card.width() <= viewport.width(), "the card is wider than its column: cut off"
    for widget in (panel.details_label, panel.relabel_button, panel.relabel_other):
        assert widget.geometry().right() <= card.contentsRect().right()
    assert long_classes[0][:8] in panel.relabel_button.text()
    assert panel.splitter.widget(1).minimumSizeHint().width() == right_min
    matrix_side, rest = panel.splitter.sizes()
    assert matrix_side >= 0.4 * (matrix_side + rest), "the matrix is squeezed"
    for row in range(panel.cell_model.rowCount()):
        caption = panel.cell_model.item(row).caption
        assert " %" not in caption and "\u00a0%" in caption


def test_a_run_with_too_many_classes_to_draw_still_opens_its_cells(qtbot, trained_session):
    """Past 1,000 classes the matrix is not kept (only its non-zero cells) and each eval item
    keeps its 10 best classes: the tab says why there is no matrix, and the per-class table,
    the cells and the details still work from what was kept."""
    import dataclasses

    from desktop_app.core.metrics import DENSE_CONFUSION_CLASSES, compute_metrics

    result = trained_session.result
    k = DENSE_CONFUSION_CLASSES + 1
    classes = result.classes + tuple(f"extra {i}" for i in range(k - len(result.classes)))
    dense = np.asarray(result.eval_probabilities)
    order = np.argsort(-dense, axis=1, kind="stable")[:, :10].astype(np.int32)
    top = np.take_along_axis(dense, order, axis=1)
    predicted = order[:, 0]
    metrics = compute_metrics(result.eval_labels, predicted, classes)
    assert not metrics.has_matrix
    trained_session.result = dataclasses.replace(
        result,
        classes=classes,
        val_metrics=metrics,
        test_metrics=None,
        eval_probabilities=top,
        eval_top_classes=order,
    )
    panel = EvaluatePanel(trained_session)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.confusion.class_count() == 0
    assert f"{k} classes are too many to draw the matrix" in panel.matrix_hint.text()
    assert panel.table.rowCount() == k
    panel.open_cell(0, 0)
    assert panel.cell_model.rowCount() == metrics.count(0, 0) > 0
    panel.cell_view.selectionModel().select(
        panel.cell_model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    qtbot.wait(50)
    assert "top" in panel.details_label.text() and classes[0] in panel.details_label.text()
    panel.open_mistakes()
    assert panel.cell_model.rowCount() == int((predicted != np.asarray(result.eval_labels)).sum())
