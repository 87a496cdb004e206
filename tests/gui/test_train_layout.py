"""The Train tab's layout: Start and Cancel stay in sight in a small window, even with the
advanced settings open (issue 15 rough edge 19)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget


def _fully_shown(widget: QWidget) -> bool:
    """The widget is visible and no ancestor (a scroll area's viewport…) clips any of it."""
    if not widget.isVisible():
        return False
    parent = widget.parentWidget()
    while parent is not None:
        top_left = widget.mapTo(parent, widget.rect().topLeft())
        if not parent.rect().contains(QRect(top_left, widget.size())):
            return False
        parent = parent.parentWidget()
    return True


def test_start_and_cancel_stay_in_sight_with_advanced_settings_open(qtbot, trained_session):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow(trained_session)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    panel = window.train_panel
    window.tabs.setCurrentWidget(panel)
    panel.settings.advanced_toggle.setChecked(True)
    qtbot.wait(50)
    assert panel.settings.advanced.isVisible()
    assert window.height() <= 700
    assert _fully_shown(panel.start_button), "Start is scrolled or cut out of sight"
    assert _fully_shown(panel.cancel_button)
    assert panel.run_list.isVisible()
