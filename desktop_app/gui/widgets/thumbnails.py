"""Thumbnails that stay smooth with tens of thousands of images.

`ThumbnailLoader` decodes off the GUI thread (a QThreadPool of QRunnables calling
`core.data.images.load_thumbnail`) and keeps an LRU cache of QImages; only rows the view
actually paints are requested. `ThumbnailModel` is a list model of `ThumbItem`s that shows a
placeholder until the picture arrives. `ThumbnailView` is a QListView in icon mode with uniform
item sizes, so Qt lays out 20,000 items without touching their pictures.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from desktop_app.gui.messages import error_text

log = logging.getLogger(__name__)

THUMB_SIZE = 128
CACHE_ITEMS = 3000
PathRole = Qt.ItemDataRole.UserRole + 1
PayloadRole = Qt.ItemDataRole.UserRole + 2


class _Signals(QObject):
    done = Signal(str, int, object)  # path, size, QImage or error text


class _LoadJob(QRunnable):
    def __init__(self, path: str, size: int, signals: _Signals) -> None:
        super().__init__()
        self.path, self.size, self.signals = path, size, signals
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread: numpy and QImage only, never QPixmap or widgets
        from desktop_app.core.data.images import ImageError, load_thumbnail

        try:
            rgb = load_thumbnail(self.path, self.size)
            height, width = rgb.shape[:2]
            image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
            self.signals.done.emit(self.path, self.size, image)
        except ImageError as error:
            self.signals.done.emit(self.path, self.size, error_text(error))
        except Exception as error:  # noqa: BLE001 - a bad file must never kill the pool
            self.signals.done.emit(self.path, self.size, f"{type(error).__name__}: {error}")


class ThumbnailLoader(QObject):
    """Shared by every view: request(path) → `ready(path)` once the picture is cached."""

    ready = Signal(str)

    _instance: ThumbnailLoader | None = None

    def __init__(self, size: int = THUMB_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max(1, min(4, QThreadPool.globalInstance().maxThreadCount())))
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._cache: OrderedDict[str, QImage | str] = OrderedDict()
        self._pending: set[str] = set()

    @classmethod
    def shared(cls) -> ThumbnailLoader:
        if cls._instance is None:
            cls._instance = ThumbnailLoader()
        return cls._instance

    def get(self, path: str) -> QImage | str | None:
        """The cached picture (or error text); None if not loaded yet — then it is requested."""
        hit = self._cache.get(path)
        if hit is not None:
            self._cache.move_to_end(path)
            return hit
        if path not in self._pending:
            self._pending.add(path)
            self.pool.start(_LoadJob(path, self.size, self._signals))
        return None

    def forget(self, path: str) -> None:
        self._cache.pop(path, None)

    def clear_queue(self) -> None:
        """Drop requests not yet started (e.g. after scrolling far away)."""
        self.pool.clear()
        self._pending.clear()

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    @Slot(str, int, object)
    def _on_done(self, path: str, size: int, image: Any) -> None:
        self._pending.discard(path)
        if size != self.size:
            return
        self._cache[path] = image
        while len(self._cache) > CACHE_ITEMS:
            self._cache.popitem(last=False)
        self.ready.emit(path)


@dataclass
class ThumbItem:
    path: str
    caption: str = ""
    tooltip: str = ""
    payload: Any = None  # anything the panel wants back (a label, a prediction…)


def placeholder_pixmap(size: int, text: str = "", colour: str = "#b91c1c") -> QPixmap:
    """A light square, with `text` (e.g. why a picture cannot be shown) in `colour`."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#eef2f7"))
    if text:
        painter = QPainter(pixmap)
        painter.setPen(QColor(colour))
        painter.drawText(
            pixmap.rect().adjusted(6, 6, -6, -6),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text,
        )
        painter.end()
    return pixmap


class ThumbnailModel(QAbstractListModel):
    """Rows of ThumbItem; pictures come from the shared loader when a row is painted."""

    def __init__(
        self, parent: QObject | None = None, loader: ThumbnailLoader | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader or ThumbnailLoader.shared()
        self.items: list[ThumbItem] = []
        self._row_of: dict[str, list[int]] = {}
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._placeholder = placeholder_pixmap(self.loader.size)
        self.loader.ready.connect(self._on_ready)

    def use_loader(self, loader: Any) -> None:
        """Take pictures from another loader (same `size`, `get`, `ready`), e.g. heatmaps."""
        if loader is self.loader:
            return
        self.loader.ready.disconnect(self._on_ready)
        self.loader = loader
        self.loader.ready.connect(self._on_ready)
        self._pixmaps.clear()
        if self.items:
            self.dataChanged.emit(
                self.index(0), self.index(len(self.items) - 1), [Qt.ItemDataRole.DecorationRole]
            )

    # -- content
    def set_items(self, items: list[ThumbItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self._reindex()
        self.endResetModel()

    def append_items(self, items: list[ThumbItem]) -> None:
        if not items:
            return
        start = len(self.items)
        self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
        self.items.extend(items)
        self._reindex()
        self.endInsertRows()

    def update_item(self, row: int, item: ThumbItem) -> None:
        self.items[row] = item
        self._reindex()
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def _reindex(self) -> None:
        self._row_of = {}
        for row, item in enumerate(self.items):
            self._row_of.setdefault(item.path, []).append(row)

    def item(self, row: int) -> ThumbItem:
        return self.items[row]

    # -- Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(item.path)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip or item.path
        if role == PathRole:
            return item.path
        if role == PayloadRole:
            return item.payload
        return None

    def _pixmap(self, path: str) -> QPixmap:
        cached = self._pixmaps.get(path)
        if cached is not None:
            self._pixmaps.move_to_end(path)
            return cached
        image = self.loader.get(path)
        if image is None:
            return self._placeholder
        pixmap = (
            placeholder_pixmap(self.loader.size, image)
            if isinstance(image, str)
            else QPixmap.fromImage(image)
        )
        self._pixmaps[path] = pixmap
        while len(self._pixmaps) > CACHE_ITEMS:
            self._pixmaps.popitem(last=False)
        return pixmap

    @Slot(str)
    def _on_ready(self, path: str) -> None:
        for row in self._row_of.get(path, ()):
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


class ThumbnailView(QListView):
    """Icon-mode grid with uniform items; extended selection; paths of the selection on demand."""

    def __init__(
        self, parent: QWidget | None = None, size: int = THUMB_SIZE, caption_lines: int = 1
    ) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(500)
        self.setIconSize(QSize(size, size))
        self.setGridSize(QSize(size + 24, size + 14 + 18 * caption_lines))
        self.setSpacing(4)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.selectionModel().selectedIndexes())

    def selected_paths(self) -> list[str]:
        model = self.model()
        return [model.data(model.index(row), PathRole) for row in self.selected_rows()]
