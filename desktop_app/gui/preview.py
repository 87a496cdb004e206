"""Run one panel alone (ARCHITECTURE rule 13): `python -m desktop_app.gui.panels.<name>_panel ARGS`.

ARGS: a project folder to open, or image folders to import into a new temporary project.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget


def preview_panel(panel_class: type[QWidget], width: int = 1200, height: int = 780) -> int:
    from desktop_app.core.data.dataset import scan_image_folder
    from desktop_app.gui.application import create_application
    from desktop_app.gui.session import ProjectSession

    app = create_application()
    session = ProjectSession()
    args = sys.argv[1:]
    if args and (Path(args[0]) / "project.json").exists():
        session.open_project(args[0])
    else:
        folder = Path(tempfile.mkdtemp(prefix="classifier-studio-preview-")) / "project"
        session.new_project("Preview", "image", folder=str(folder))
        for data in args:
            session.project.merge(scan_image_folder(data))
        session.data_edited()
    panel = panel_class(session)
    panel.setWindowTitle(f"{panel_class.__name__} preview")
    panel.resize(width, height)
    panel.show()
    code = app.exec()
    session.cancel_all_and_wait()
    return code
