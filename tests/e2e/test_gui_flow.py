"""The whole flow in the real window, driven like a person with a mouse, on flowers12:
new project → drop the folder → (quit, reopen) → train → quit mid-training → reopen → train →
(quit, reopen) → inspect a confusion cell → drop a test image on Predict → export.
Every reopen must find the project exactly as it was left."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FLOWERS = REPO.parent / "shared" / "datasets" / "images" / "flowers12"

pytestmark = pytest.mark.skipif(not FLOWERS.is_dir(), reason="../shared/datasets is not here")
TIMEOUT_MS = 240_000


@pytest.fixture(autouse=True)
def _app(qapp, monkeypatch):
    from desktop_app.gui.application import create_application
    from tests.helpers.dialogs import FakeDialogs

    FakeDialogs().install(monkeypatch)  # confirmations answer "yes", names as suggested
    create_application()


def drop(widget, paths: list[Path]) -> None:
    """A real drop event on `widget`, as the window system would deliver it."""
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    center = widget.rect().center()
    enter = QDragEnterEvent(
        center,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(center),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def click(qtbot, widget) -> None:
    from PySide6.QtCore import Qt

    assert widget.isVisible() and widget.isEnabled(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_window(qtbot):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    return window


def reopen_from_welcome(qtbot, folder: Path):
    """Start the app again and click the project in the welcome view's recent list."""
    from PySide6.QtCore import Qt

    window = open_window(qtbot)
    assert window.stack.currentWidget() is window.welcome
    items = [window.welcome.recent.item(i) for i in range(window.welcome.recent.count())]
    (item,) = [i for i in items if i.data(Qt.ItemDataRole.UserRole) == str(folder)]
    rect = window.welcome.recent.visualItemRect(item)
    qtbot.mouseClick(window.welcome.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.project is not None and window.session.project.folder == folder
    return window


def test_whole_flow_with_the_mouse_survives_quitting_midway(qtbot, tmp_path):
    # 1. first start: welcome → New image project → drop flowers12
    window = open_window(qtbot)
    click(qtbot, window.welcome.new_button)
    project = window.session.project
    assert project is not None and window.stack.currentWidget() is window.tabs
    folder = project.folder
    with qtbot.waitSignal(window.data_panel.import_finished, timeout=TIMEOUT_MS) as imported:
        drop(window.data_panel.empty_drop, [FLOWERS])
    assert imported.args == [960]
    assert len(project.classes) == 12
    window.close()

    # 2. reopen: the data is there; start training, then quit while it runs
    window = reopen_from_welcome(qtbot, folder)
    assert len(window.session.project.items) == 960
    window.tabs.setCurrentWidget(window.train_panel)
    with qtbot.waitSignal(window.train_panel.training_finished, timeout=TIMEOUT_MS) as cancelled:
        click(qtbot, window.train_panel.start_button)
        qtbot.wait(300)
        window.close()  # "Something is still running. Stop it?" → yes
    assert cancelled.args == [""]
    assert not window.isVisible()

    # 3. reopen: the interrupted run is recorded, nothing half-written; train for real
    window = reopen_from_welcome(qtbot, folder)
    runs = window.session.project.runs
    assert [r.status for r in runs] in (["cancelled"], ["interrupted"], ["failed"])
    window.tabs.setCurrentWidget(window.train_panel)
    with qtbot.waitSignal(window.train_panel.training_finished, timeout=TIMEOUT_MS) as finished:
        click(qtbot, window.train_panel.start_button)
    run_id = finished.args[0]
    assert run_id
    accuracy = window.session.result.eval_metrics.accuracy
    assert accuracy >= 0.9
    window.close()

    # 4. reopen: results, curves and the confusion matrix come back; inspect a cell
    window = reopen_from_welcome(qtbot, folder)
    assert window.session.result_run_id == run_id
    assert window.session.result.eval_metrics.accuracy == pytest.approx(accuracy)
    assert window.train_panel.curves.point_counts()["val"] > 0
    window.tabs.setCurrentWidget(window.evaluate_panel)
    confusion = window.evaluate_panel.confusion
    rect = confusion.cell_rect(3, 3)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(confusion, Qt.MouseButton.LeftButton, pos=rect.center())
    assert (
        window.evaluate_panel.cell_model.rowCount()
        == window.session.result.eval_metrics.confusion[3][3]
    )

    # 5. drop a test image on Predict → top-k shown; export the model
    window.tabs.setCurrentWidget(window.predict_panel)
    image = sorted((FLOWERS / "test" / "sunflower").glob("*.jpg"))[0]
    with qtbot.waitSignal(window.predict_panel.predictions_ready, timeout=TIMEOUT_MS):
        drop(window.predict_panel.drop_zone, [image])
    (record,) = window.predict_panel.results
    assert record.prediction.label == "sunflower"
    assert record.prediction.latency_ms > 0
    out = tmp_path / "export" / "flowers.onnx"
    assert window.predict_panel.export_model(str(out))
    assert out.exists() and (out.parent / "predict.py").exists()
    window.close()
