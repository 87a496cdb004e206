"""One classified image as a card (picture, top-k labels with bars, latency) and a flow layout.

`PredictionCard` knows nothing about models or threads: the Predict panel hands it plain data
(labels, probabilities, latency or an error text) and, later, the picture. `FlowLayout` lays
cards out left to right and wraps them, so the grid fills any window width.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)

from desktop_app.gui.widgets.thumbnails import placeholder_pixmap

CARD_WIDTH = 380
PICTURE_SIZE = 112
BAR_HEIGHT = 10
LABEL_MAX_WIDTH = 120
ACCENT = QColor("#2563eb")
ACCENT_LIGHT = QColor("#93c5fd")
TRACK = QColor("#e2e8f0")


class ProbabilityBar(QWidget):
    """A thin painted horizontal bar for one probability (0…1)."""

    def __init__(self, value: float = 0.0, strong: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = max(0.0, min(1.0, float(value)))
        self.strong = strong
        self.setFixedHeight(BAR_HEIGHT)
        self.setMinimumWidth(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, value: float) -> None:
        self.value = max(0.0, min(1.0, float(value)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        rect = QRectF(self.rect())
        radius = rect.height() / 2
        track = QPainterPath()
        track.addRoundedRect(rect, radius, radius)
        painter.fillPath(track, TRACK)
        if self.value > 0:
            painter.setClipPath(track)  # the fill keeps the track's rounded ends, exact width
            fill = QRectF(rect.x(), rect.y(), rect.width() * self.value, rect.height())
            painter.fillRect(fill, ACCENT if self.strong else ACCENT_LIGHT)
        painter.end()


def _strong_font(base: QFont) -> QFont:
    """The font of the best label: bold and a little larger."""
    font = QFont(base)
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.1)
    return font


def label_column_width(labels: Sequence[str], base: QFont) -> int:
    """A label column wide enough for these labels (bold), within sensible bounds.

    The panel computes it once per model so every card's bars line up."""
    metrics = QFontMetrics(_strong_font(base))
    widest = max((metrics.horizontalAdvance(text) for text in labels), default=0)
    return max(56, min(LABEL_MAX_WIDTH, widest + 6))


class PredictionCard(QFrame):
    """A card for one result: picture, name, the top labels with bars, and the latency.

    Texts arrive already translated (the panel owns the wording); an error card shows the
    reason instead of labels; `unsure_text` (the model is not sure: its best probability is
    below the model's threshold) is shown above the labels, which then read as guesses.

    `why_text` (a translated "Why?") adds a toggle under the picture: `why_toggled(bool)` asks
    the panel for the heatmap, which it hands back with `set_overlay`; while the toggle is on
    the picture shows the heatmap over the image (red: where the model looked).
    """

    why_toggled = Signal(bool)

    def __init__(
        self,
        name: str,
        labels: Sequence[str] = (),
        probabilities: Sequence[float] = (),
        latency_text: str = "",
        error: str | None = None,
        tooltip: str = "",
        placeholder_text: str = "",
        label_width: int | None = None,
        unsure_text: str = "",
        why_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self._picture: QPixmap | None = None
        self._overlay: QPixmap | None = None
        self.setFixedWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip(tooltip or name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 10, 12, 10)
        layout.setSpacing(12)

        self.picture = QLabel()
        self.picture.setFixedSize(PICTURE_SIZE, PICTURE_SIZE)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setPixmap(placeholder_pixmap(PICTURE_SIZE, placeholder_text, "#94a3b8"))
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(4)
        left.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.why_button: QToolButton | None = None
        if why_text and error is None:
            self.why_button = QToolButton()
            self.why_button.setObjectName("whyToggle")
            self.why_button.setText(why_text)
            self.why_button.setCheckable(True)
            self.why_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.why_button.toggled.connect(self._on_why)
            left.addWidget(self.why_button)
        left.addStretch(1)
        layout.addLayout(left)

        right = QVBoxLayout()
        right.setSpacing(6)
        right.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(right, 1)

        self.name_label = QLabel()
        self.name_label.setObjectName("hint")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        metrics = self.name_label.fontMetrics()
        text_width = CARD_WIDTH - PICTURE_SIZE - 46
        self.name_label.setText(metrics.elidedText(name, Qt.TextElideMode.ElideMiddle, text_width))
        right.addWidget(self.name_label)

        self.error = error
        self.label_names: list[QLabel] = []
        self.bars: list[ProbabilityBar] = []
        if error is not None:
            self.error_label = QLabel(error)
            self.error_label.setObjectName("error")
            self.error_label.setWordWrap(True)
            self.error_label.setTextFormat(Qt.TextFormat.PlainText)
            right.addWidget(self.error_label)
        else:
            self.unsure_label = QLabel(unsure_text)
            self.unsure_label.setObjectName("unsure")
            self.unsure_label.setWordWrap(True)
            self.unsure_label.setTextFormat(Qt.TextFormat.PlainText)
            self.unsure_label.setVisible(bool(unsure_text))
            right.addWidget(self.unsure_label)
            grid = QGridLayout()
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(6)
            grid.setColumnStretch(1, 1)
            strong_font = _strong_font(self.font())
            if label_width is None:
                label_width = label_column_width(labels, self.font())
            for row, (label, probability) in enumerate(zip(labels, probabilities, strict=True)):
                name_label = QLabel()
                name_label.setTextFormat(Qt.TextFormat.PlainText)
                name_label.setFixedWidth(label_width)
                if row == 0 and not unsure_text:  # a guess is not shown as an answer
                    name_label.setFont(strong_font)
                name_label.setText(
                    QFontMetrics(name_label.font()).elidedText(
                        label, Qt.TextElideMode.ElideRight, label_width - 2
                    )
                )
                name_label.setToolTip(label)
                bar = ProbabilityBar(probability, strong=row == 0 and not unsure_text)
                percent = QLabel(f"{probability * 100:.1f} %")
                percent.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                percent.setMinimumWidth(percent.fontMetrics().horizontalAdvance("100.0 %") + 2)
                grid.addWidget(name_label, row, 0)
                grid.addWidget(bar, row, 1)
                grid.addWidget(percent, row, 2)
                self.label_names.append(name_label)
                self.bars.append(bar)
            right.addLayout(grid)
        right.addStretch(1)
        self.latency_label = QLabel(latency_text)
        self.latency_label.setObjectName("hint")
        self.latency_label.setVisible(bool(latency_text))
        right.addWidget(self.latency_label, 0, Qt.AlignmentFlag.AlignRight)

    def set_picture(self, image: QImage | None) -> None:
        """Show the picture scaled into the square (None keeps the placeholder)."""
        if image is None or image.isNull():
            return
        self._picture = _fitted(image)
        if not self.showing_overlay:
            self.picture.setPixmap(self._picture)

    def set_overlay(self, image: QImage | None, tooltip: str = "") -> None:
        """The picture with its heatmap drawn over it; shown while the "Why?" toggle is on."""
        if image is None or image.isNull():
            return
        self._overlay = _fitted(image)
        if tooltip and self.why_button is not None:
            self.why_button.setToolTip(tooltip)
        self._show_picture()

    @property
    def has_overlay(self) -> bool:
        return self._overlay is not None

    @property
    def showing_overlay(self) -> bool:
        return (
            self.why_button is not None
            and self.why_button.isChecked()
            and self._overlay is not None
        )

    def _on_why(self, checked: bool) -> None:
        self._show_picture()
        self.why_toggled.emit(checked)

    def _show_picture(self) -> None:
        if self.showing_overlay:
            self.picture.setPixmap(self._overlay)
        elif self._picture is not None:
            self.picture.setPixmap(self._picture)


def _fitted(image: QImage) -> QPixmap:
    """`image` scaled into the card's picture square, keeping its shape."""
    return QPixmap.fromImage(image).scaled(
        PICTURE_SIZE,
        PICTURE_SIZE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class FlowLayout(QLayout):
    """Lays widgets out in rows that wrap at the available width (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 10) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """Put a widget at `index` (0 = first, i.e. top-left)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        if 0 <= index < len(self._items):
            return self._items.pop(index)
        return None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins: QMargins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            next_x = x + hint.width() + self._spacing
            if next_x - self._spacing > area.right() + 1 and line_height > 0:
                x = area.x()
                y += line_height + self._spacing
                next_x = x + hint.width() + self._spacing
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()
