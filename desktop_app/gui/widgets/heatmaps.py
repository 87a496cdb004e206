"""Thumbnails with the model's heatmap drawn over them ("Why?" in the confusion-cell viewer).

`HeatmapLoader` has the shape of `ThumbnailLoader` (`size`, `ready(path)`, `get(path)`), so a
`ThumbnailModel` can switch to it (`use_loader`): the same list then shows where the model
looked in each image. Pictures are made off the GUI thread (a one-thread QThreadPool of
QRunnables: numpy and QImage only), only for the rows the view paints, and cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop_app.gui.messages import error_text
from desktop_app.gui.widgets.thumbnails import CACHE_ITEMS, THUMB_SIZE


class _Signals(QObject):
    done = Signal(str, object)  # path, QImage or error text


class _HeatmapJob(QRunnable):
    def __init__(self, loader: HeatmapLoader, path: str) -> None:
        super().__init__()
        self.loader, self.path = loader, path
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: numpy and QImage only
        from desktop_app.core.data.images import load_image
        from desktop_app.core.errors import CoreError
        from desktop_app.core.explain import explainer_for, overlay_thumbnail

        try:
            explainer = explainer_for(self.loader.predictor())
            image = load_image(self.path)
            rgb = overlay_thumbnail(image, explainer.explain(image), self.loader.size)
            height, width = rgb.shape[:2]
            picture = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888)
            self.loader.signals.done.emit(self.path, picture.copy())
        except CoreError as error:
            self.loader.signals.done.emit(self.path, error_text(error))
        except Exception as error:  # noqa: BLE001 - a bad file must never kill the pool
            self.loader.signals.done.emit(self.path, f"{type(error).__name__}: {error}")


class HeatmapLoader(QObject):
    """Heatmap thumbnails of one exported model: request(path) → `ready(path)` when cached."""

    ready = Signal(str)

    def __init__(self, model: Path, size: int = THUMB_SIZE, parent: QObject | None = None):
        super().__init__(parent)
        self.model = Path(model)
        self.size = size
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # ONNX Runtime already uses the cores
        self.signals = _Signals()
        self.signals.done.connect(self._on_done)
        self._cache: OrderedDict[str, QImage | str] = OrderedDict()
        self._pending: set[str] = set()
        self._predictor: Any = None
        self._lock = threading.Lock()

    def predictor(self) -> Any:
        """The model, loaded once (on the pool's thread, at the first picture)."""
        with self._lock:
            if self._predictor is None:
                from desktop_app.core.inference import Predictor

                self._predictor = Predictor(self.model, check_structure=False)
            return self._predictor

    def get(self, path: str) -> QImage | str | None:
        hit = self._cache.get(path)
        if hit is not None:
            self._cache.move_to_end(path)
            return hit
        if path not in self._pending:
            self._pending.add(path)
            self.pool.start(_HeatmapJob(self, path))
        return None

    def stop(self) -> None:
        """Drop what has not started and wait for the picture in progress."""
        self.pool.clear()
        self._pending.clear()
        self.pool.waitForDone(10_000)

    @Slot(str, object)
    def _on_done(self, path: str, picture: Any) -> None:
        self._pending.discard(path)
        self._cache[path] = picture
        while len(self._cache) > CACHE_ITEMS:
            self._cache.popitem(last=False)
        self.ready.emit(path)


class _KeepOnTop(QObject):
    """Keeps the toggle bar across the top of its list view when the view is resized."""

    def __init__(self, view: Any, bar: Any) -> None:
        super().__init__(view)
        self.view, self.bar = view, bar

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            frame = self.view.frameWidth()
            self.bar.setGeometry(frame, frame, self.view.width() - 2 * frame, BAR_HEIGHT)
        return False


BAR_HEIGHT = 30


def attach_why_toggle(view: Any, text: str, tooltip: str) -> QToolButton:
    """A checkable "Why?" button in a thin bar above a list view's items (the view keeps its
    place in its parent's layout: the bar lives in the view's top margin)."""
    bar = QWidget(view)
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(4, 2, 4, 2)
    button = QToolButton(bar)
    button.setObjectName("whyToggle")
    button.setText(text)
    button.setToolTip(tooltip)
    button.setCheckable(True)
    layout.addWidget(button)
    layout.addStretch(1)
    view.setViewportMargins(0, BAR_HEIGHT, 0, 0)
    view.installEventFilter(_KeepOnTop(view, bar))
    return button
