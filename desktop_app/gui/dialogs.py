"""Small dialogs shared by panels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

EXPORTS_FOLDER = "exports"


def save_folder(project: Any) -> Path:
    """Where the app proposes to save what it writes (exports, prediction CSVs): the open
    project's `exports` folder — never next to the user's data — or the home folder."""
    if project is None:
        return Path.home()
    folder = Path(project.folder) / EXPORTS_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only project: the dialog still opens, in the home folder
        return Path.home()
    return folder


def ask_csv_path(parent: QWidget, suggestion: str) -> str | None:
    """Where to save predictions (a .csv path), or None if the user cancelled."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("dialogs", "Save predictions as"),
        suggestion,
        QCoreApplication.translate("dialogs", "CSV files (*.csv)"),
    )
    if not path:
        return None
    return path if path.lower().endswith(".csv") else path + ".csv"
