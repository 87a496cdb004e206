"""Issue 15 #19: Help has a short in-app guide (F1): the three steps, data layouts, the numbers."""

from __future__ import annotations

import re

from PySide6.QtGui import QKeySequence


def _guide_action(window):
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.menu() and "Help" in a.text()
    )
    return next(a for a in help_menu.actions() if "Guide" in a.text())


def test_help_opens_the_guide_with_the_steps_layouts_and_numbers(qtbot) -> None:
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    action = _guide_action(window)
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    guide = window._guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    for words in (
        "Three steps",
        "1 · Data",
        "2 · Train",
        "How to lay out your data",
        "train, val and test",
        "Accuracy",
        "Macro-F1",
        "Confusion matrix",
    ):
        assert words in text
    action.trigger()  # one guide window, shown again
    assert window._guide is guide


def test_the_guide_reads_in_chinese(qtbot, qapp) -> None:
    from desktop_app.gui.application import install_translations
    from desktop_app.gui.guide import GuideDialog

    assert install_translations(qapp, "zh_CN") == "zh_CN"
    try:
        guide = GuideDialog()
        qtbot.addWidget(guide)
        text = guide.browser.toPlainText()
        assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 300
        assert "Three steps" not in text and "Accuracy" not in text
    finally:
        install_translations(qapp, "en")
