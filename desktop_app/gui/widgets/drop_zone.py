"""A framed area that accepts dropped files and folders (and shows that it does)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# The image files a file dialog offers (the formats core decodes).
IMAGE_FILTER = "*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff"


def local_paths(event: QDropEvent | QDragEnterEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class DropZone(QFrame):
    """Emits `paths_dropped` with local file and folder paths; hover highlights the frame.

    `make_clickable()` turns it into a button as well: a click emits `clicked` (the page opens
    a file dialog), so a person who cannot drag still gets their files in.
    """

    paths_dropped = Signal(list)
    clicked = Signal()

    def __init__(self, text: str, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setAcceptDrops(True)
        self.setProperty("dragActive", False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.label = QLabel(text)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setObjectName("sectionTitle")
        layout.addStretch(1)
        layout.addWidget(self.label)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def make_clickable(self, tooltip: str) -> None:
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip)
        self._clickable = True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_clickable", False) and event.button() == Qt.MouseButton.LeftButton:
            if self.rect().contains(event.position().toPoint()):
                self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def set_texts(self, text: str, hint: str = "") -> None:
        self.label.setText(text)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def _set_active(self, active: bool) -> None:
        self.setProperty("dragActive", active)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if local_paths(event):
            event.acceptProposedAction()
            self._set_active(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt override
        self._set_active(False)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        self._set_active(False)
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)


def drop_row(
    text: str, hint: str, primary: str, secondary: str
) -> tuple[QHBoxLayout, DropZone, QPushButton, QPushButton]:
    """The strip at the top of a Data tab: a compact drop zone and two "add" buttons beside it."""
    row = QHBoxLayout()
    zone = DropZone(text, hint)
    zone.setFixedHeight(84)
    zone.layout().setContentsMargins(12, 6, 12, 6)
    buttons = QVBoxLayout()
    first = QPushButton(primary)
    first.setObjectName("primary")
    second = QPushButton(secondary)
    buttons.addWidget(first)
    buttons.addWidget(second)
    row.addWidget(zone, 1)
    row.addLayout(buttons)
    return row, zone, first, second
