"""Small dialogs shared by panels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget


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
