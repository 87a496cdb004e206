"""The application shell: fast start without torch, crash dialog + log, Qt messages logged,
settings remembered, language switching rebuilds the window with the project kept."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from PySide6.QtCore import QSettings, qInstallMessageHandler, qWarning


def test_window_starts_without_torch_and_fast(tmp_path):
    code = (
        "import json, sys, time\n"
        "start = time.perf_counter()\n"
        "from desktop_app.gui.application import create_application\n"
        "from desktop_app.gui.main_window import MainWindow\n"
        "app = create_application()\n"
        "window = MainWindow(); window.show(); app.processEvents()\n"
        "print(json.dumps({'seconds': time.perf_counter() - start,\n"
        "  'torch': 'torch' in sys.modules, 'onnx': 'onnx' in sys.modules}))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CLASSIFIER_STUDIO_HOME": str(tmp_path)}
    seconds = []
    # A second start only when the first was slow: on two cores shared with the other test
    # process one start took 5.2 s (2.4–3.7 s alone); a window that is slow every time fails.
    while len(seconds) < 2 and (not seconds or seconds[-1] >= 5):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 0, out.stderr
        report = json.loads(out.stdout.strip().splitlines()[-1])
        assert report["torch"] is False, "the window must appear without importing torch"
        assert report["onnx"] is False, "the window must appear without importing onnx"
        seconds.append(report["seconds"])
    assert min(seconds) < 5, seconds  # generous for CI; issue 5 measures the real figure


def test_unhandled_exception_is_logged_and_shown_not_fatal(qapp, caplog, dialogs, capsys):
    from desktop_app.gui import application as app_module

    with caplog.at_level(logging.ERROR):
        try:
            raise ValueError("boom for the test")
        except ValueError:
            app_module._excepthook(*sys.exc_info())
    assert "boom for the test" in caplog.text
    assert app_module.log_file().name == "classifier-studio.log"
    ((kind, title, text),) = dialogs.asked
    assert kind == "message box" and title == "Something went wrong"
    assert "ValueError: boom for the test" in text
    # a window nobody watches (self-test, benchmark): logged and printed, no dialog
    try:
        raise ValueError("boom unseen")
    except ValueError:
        app_module._excepthook(*sys.exc_info(), dialog=False)
    assert len(dialogs.asked) == 1
    assert "boom unseen" in capsys.readouterr().err


def test_create_application_chooses_the_crash_dialog(qapp, monkeypatch):
    import functools

    from desktop_app.gui import application as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module.create_application(crash_dialog=False)
    assert isinstance(sys.excepthook, functools.partial)
    assert sys.excepthook.keywords == {"dialog": False}
    app_module.create_application()
    assert sys.excepthook is app_module._excepthook


def test_application_module_does_not_import_the_window():
    """gui/application.py sits below the window: no import cycle with main_window.py."""
    code = (
        "import sys\n"
        "import desktop_app.gui.application\n"
        "print('desktop_app.gui.main_window' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_qt_warnings_go_to_logging(qapp, caplog):
    from desktop_app.gui import application as app_module

    previous = qInstallMessageHandler(app_module._qt_message)  # pytest-qt installs its own
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("a Qt warning for the test")
    finally:
        qInstallMessageHandler(previous)
    assert "a Qt warning for the test" in caplog.text


def test_geometry_and_recent_projects_are_remembered(qtbot, tmp_path):
    from desktop_app.gui.main_window import MainWindow, recent_projects

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.session.new_project("P", "image", folder=str(tmp_path / "p"))
    from desktop_app.gui.main_window import remember_project

    remember_project(str(tmp_path / "p"))
    window.resize(1111, 777)
    expected = window.saveGeometry()
    window.close()
    assert str(tmp_path / "p") in recent_projects()
    assert QSettings().value("window/geometry") is not None
    assert QSettings().value("window/geometry") == expected
    second = MainWindow()  # restores it (the offscreen screen clamps the size, so compare bytes)
    qtbot.addWidget(second)
    assert second.restoreGeometry(QSettings().value("window/geometry"))


def test_language_switch_keeps_the_project(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.main_window import MainWindow

    def visible_window() -> MainWindow:
        (found,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        return found

    window = MainWindow()
    window.show()
    window.session.new_project("Switch", "image", folder=str(tmp_path / "p"))
    session = window.session
    window.set_language("zh_CN")
    qtbot.wait(10)
    chinese = visible_window()
    try:
        assert chinese is not window
        assert chinese.session is session
        assert chinese.stack.currentWidget() is chinese.tabs
        assert chinese.tabs.tabText(0) != "1 · Data"  # translated
    finally:
        chinese.set_language("en")
        qtbot.wait(10)
    english = visible_window()
    assert english.tabs.tabText(0) == "1 · Data"
    assert english.session is session
    english.close()


def test_garbage_is_collected_on_the_gui_thread_only(qapp):
    """Automatic collection is off (it could run on a worker thread and free Qt wrappers there);
    the application's timer collects on the GUI thread instead."""
    import gc

    from desktop_app.gui.application import _GuiThreadGarbageCollector

    assert not gc.isenabled()
    assert qapp.findChild(_GuiThreadGarbageCollector).timer.isActive()


def test_self_test_step_fails_on_a_modal_dialog_instead_of_waiting(qtbot):
    """The self-test's window has nobody to answer a dialog: one that opens is closed and the
    step fails with its text."""
    import pytest
    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.gui.selftest import SelfTestError, wait_for

    class Source(QObject):
        fired = Signal()

    source = Source()
    box = QMessageBox(QMessageBox.Icon.Warning, "Could not save", "The disk is full.")
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    QTimer.singleShot(50, box.show)
    with pytest.raises(SelfTestError, match="saving: a dialog opened: Could not save: The disk"):
        wait_for(source.fired, "saving", timeout_ms=10_000)
    assert not box.isVisible()
