"""`desktop-app` with no command: the application (gui/application.py), then the main window."""

from __future__ import annotations

import logging

from desktop_app import __version__
from desktop_app.gui.application import create_application

__all__ = ["create_application", "run_gui"]  # create_application: older callers import it here

log = logging.getLogger("desktop_app")


def run_gui(project: str | None = None) -> int:
    """Open the window (on `project` if given) and run until it closes."""
    import sys

    from desktop_app.core.torch_loading import settle_garbage
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.platform_check import check_before_window

    problem = check_before_window()
    if problem:  # Qt would only say "could not load the Qt platform plugin xcb"
        print(problem, file=sys.stderr)
        return 2
    app = create_application()
    window = MainWindow()
    # Everything built so far lives as long as the window: one collection now, before the
    # window shows, and the survivors left out of every later scan. Without it, the first
    # click on Start collected the whole heap (70 ms, 170 ms on a loaded machine: the
    # window stood still; issue 15 item 21).
    settle_garbage()
    window.show()
    if project:
        window.open_project(project)
    log.info("Classifier Studio %s started", __version__)
    return app.exec()
