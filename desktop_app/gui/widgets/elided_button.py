"""A push button that cuts its text with "…" to the width it is given, instead of widening the
layout around it (a class name in "Relabel as '…'" can be any length)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget


class ElidedButton(QPushButton):
    """`setText`/`text` keep the whole text; the button shows as much as fits (full text as its
    tooltip when cut)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self._tooltip = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._full = text
        self._elide()

    def text(self) -> str:
        """The whole text (the button may show less)."""
        return self._full

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt naming
        self._tooltip = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        margins = self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, QSize(0, 0), self
        )
        room = max(0, self.width() - margins.width())
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        QPushButton.setText(self, shown)
        tip = self._tooltip
        if shown != self._full:
            tip = f"{self._full}\n{tip}" if tip else self._full
        QPushButton.setToolTip(self, tip)
