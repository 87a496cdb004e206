"""The main window: welcome view first, a project switches to the tabs."""

from __future__ import annotations


def test_welcome_then_tabs(qtbot, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome
    window.session.new_project("P", "image", folder=str(tmp_path / "p"))
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.count() == 4
