"""The tail of a row that starts a background job: a progress bar, a Cancel button (both shown
while the job runs) and a line for the result. Shared by the Evaluate tab's "Evaluate on other
data…" and "Check with cross-validation"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton


def add_job_widgets(
    row: QHBoxLayout, on_cancel: Callable[[], None], bar_width: int
) -> tuple[QProgressBar, QPushButton, QLabel]:
    """(progress bar, Cancel button, result label) added to `row`, the bar and the button
    hidden until the job starts; the label takes the rest of the row."""
    progress = QProgressBar()
    progress.setMaximumWidth(bar_width)
    progress.setVisible(False)
    row.addWidget(progress)
    cancel_button = QPushButton(QCoreApplication.translate("EvaluatePanel", "Cancel"))
    cancel_button.clicked.connect(on_cancel)
    cancel_button.setVisible(False)
    row.addWidget(cancel_button)
    result_label = QLabel("")
    result_label.setObjectName("hint")
    result_label.setWordWrap(True)
    row.addWidget(result_label, 1)
    return progress, cancel_button, result_label
