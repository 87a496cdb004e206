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

    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.platform_check import check_before_window

    problem = check_before_window()
    if problem:  # Qt would only say "could not load the Qt platform plugin xcb"
        print(problem, file=sys.stderr)
        return 2
    app = create_application()
    window = MainWindow()
    window.show()
    if project:
        window.open_project(project)
    log.info("Classifier Studio %s started", __version__)
    return app.exec()
