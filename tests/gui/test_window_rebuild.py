"""The window after a language switch: the replaced window leaves nothing connected to the
session, so status-bar messages and project changes reach only the new window (issue 15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _close_windows():
    """A failed test leaves no window behind for the next one to find."""
    yield
    from desktop_app.gui.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            widget.hide()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _visible_window():
    from desktop_app.gui.main_window import MainWindow

    (found,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
    ]
    return found


def test_status_messages_after_a_language_switch_reach_the_new_window(qtbot, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.session.new_project("Switch", "image", folder=str(tmp_path / "p"))
    session = window.session
    window.set_language("zh_CN")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old one is gone
    chinese = _visible_window()
    try:
        assert chinese is not window
        with qtbot.captureExceptions() as raised:
            session.status_message.emit("Imported 3 images")
            session.save_failed.emit("disk full")  # answered by the dialogs fixture
            session.close_project()
            session.new_project("Second", "text", folder=str(tmp_path / "q"))
        assert raised == []
        assert chinese.statusBar().currentMessage() == "Imported 3 images"
        assert chinese.stack.currentWidget() is chinese.tabs
    finally:
        chinese.set_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    english = _visible_window()
    with qtbot.captureExceptions() as raised:
        session.status_message.emit("Moved 2 images")
    assert raised == []
    assert english.statusBar().currentMessage() == "Moved 2 images"
    english.close()


def test_a_replaced_window_leaves_no_session_connection(qtbot, tmp_path):
    """Every session signal has the same receivers before and after a rebuild (the old window
    and its panels disconnected, not just deleted later)."""
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.session import ProjectSession

    signals = ("project_changed()", "data_changed()", "runs_changed()", "result_changed()")
    signals += ("save_failed(QString)", "status_message(QString)")
    window = MainWindow()
    window.show()
    session: ProjectSession = window.session
    session.new_project("Count", "image", folder=str(tmp_path / "p"))

    def receivers() -> dict[str, int]:
        return {name: session.receivers(f"2{name}") for name in signals}

    before = receivers()
    window.set_language("en")  # not yet deleted: its connections must already be gone
    after = receivers()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _visible_window().close()
    assert after == before


def test_text_typed_on_predict_survives_a_language_switch(qtbot, tmp_path):
    """Switching language rebuilds the window: the text typed on Predict stays (issue 15 rough
    edge 19)."""
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    window.show()
    window.session.new_project("Typed", "text", folder=str(tmp_path / "p"))
    typed = "The match went to extra time\nand the coach was happy"
    window.predict_panel.text_widget.set_text(typed)
    window.set_language("zh_CN")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    chinese = _visible_window()
    try:
        assert chinese is not window
        assert chinese.predict_panel.text_widget.editor.toPlainText() == typed
    finally:
        chinese.set_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    english = _visible_window()
    assert english.predict_panel.text_widget.editor.toPlainText() == typed
    english.close()
