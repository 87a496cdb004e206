"""Pixels between Qt and numpy for the Predict tab: a pasted QImage → RGB array, an array →
QImage for a card, any uint8 picture → RGB, and a small copy for a card's thumbnail."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage, QPainter

PASTED_THUMB = 224


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """An RGB uint8 (H, W, 3) copy of a QImage (alpha composited over white, like files)."""
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB888)
        flat.fill(0xFFFFFF)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    else:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), np.uint8, count=stride * height)
    return buffer.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()


def rgb_to_qimage(array: np.ndarray) -> QImage:
    """A QImage copy of an RGB uint8 (H, W, 3) array (the card shows pasted pixels)."""
    array = np.ascontiguousarray(array)
    height, width = array.shape[:2]
    return QImage(array.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def as_rgb(array: np.ndarray) -> np.ndarray:
    """Grey, RGB or RGBA uint8 in; an RGB uint8 copy out (ValueError otherwise)."""
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ValueError(f"expected uint8 pixels, got {array.dtype}")
    if array.ndim == 2:
        array = np.repeat(array[:, :, None], 3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or min(array.shape[:2]) < 1:
        raise ValueError(f"expected an (H, W, 3) RGB image, got shape {array.shape}")
    if array.shape[2] == 4:
        alpha = array[:, :, 3:4].astype(np.float32) / 255.0
        rgb = array[:, :, :3].astype(np.float32)
        array = (rgb * alpha + 255.0 * (1.0 - alpha) + 0.5).astype(np.uint8)
    return np.ascontiguousarray(array).copy()


def small_copy(image: np.ndarray, size: int = PASTED_THUMB) -> np.ndarray:
    """A downscaled copy for a card (keeps the aspect ratio)."""
    import cv2

    height, width = image.shape[:2]
    scale = min(1.0, size / max(height, width, 1))
    if scale >= 1.0:
        return np.ascontiguousarray(image).copy()
    shape = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(image, shape, interpolation=cv2.INTER_AREA)
