"""Placeholder: being written."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class EvaluatePanel(QWidget):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        QVBoxLayout(self).addWidget(QLabel("Evaluate"))
