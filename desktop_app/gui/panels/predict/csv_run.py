"""The row a Predict page shows while many items go to a CSV (a folder of images, a file of
texts): what is classified, a progress bar, optionally the time left, and Cancel. It also keeps
the run's outcome (the CSV summary or the error) until the job ends."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy

from desktop_app.core.workflows.classify import CsvSummary


class CsvRunRow(QFrame):
    """Title · progress · (time left) · Cancel; hidden while nothing runs."""

    def __init__(self, cancel_text: str, start_button: QPushButton, with_eta: bool) -> None:
        super().__init__()
        self.setObjectName("card")
        self._start_button = start_button  # disabled while a run is under way
        self.summary: CsvSummary | None = None
        self.error = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        self.title = QLabel()
        self.progress = QProgressBar()
        self.progress.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.cancel_button = QPushButton(cancel_text)
        layout.addWidget(self.title)
        layout.addWidget(self.progress, 1)
        self.eta: QLabel | None = None
        if with_eta:
            self.eta = QLabel()
            self.eta.setObjectName("hint")
            self.eta.setMinimumWidth(140)
            layout.addWidget(self.eta)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    def begin(self, title: str) -> None:
        """A run starts (its job just started): busy bar, no outcome yet."""
        self.summary, self.error = None, ""
        self.title.setText(title)
        self.progress.setRange(0, 0)
        self.setVisible(True)
        self._start_button.setEnabled(False)

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(text)

    def end(self) -> tuple[CsvSummary | None, str]:
        """The job ended: hide; the CSV written (None when cancelled or failed) and the error."""
        self.setVisible(False)
        self._start_button.setEnabled(True)
        return self.summary, self.error
