"""A camera that collects examples (Teachable Machine's first input): frames from an OpenCV
`VideoCapture` — the computer's camera, or a video file (tests, a machine without a camera) —
shown as a preview and, while recording, saved into a class at most `max_per_second` a second,
near-identical frames skipped (a still scene adds nothing but copies).

`camera_frames` is a cancellable generator of events like every long job: the window runs it
through its one worker recipe; `Recording` is the switch the window flips while the record
button is held (read by the worker: one attribute, set from the GUI thread).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from desktop_app.core.errors import CoreError
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.training.events import Cancelled, CancelToken, Finished

PREVIEW_SIDE = 480  # the longer side of the frames sent for the preview
SAME_DIFFERENCE = (
    2.0  # mean grey-level difference (0–255) on 32×32 below which frames are "the same"
)
MAX_PER_SECOND = 5.0


class CameraError(CoreError, RuntimeError):
    """The camera (or video file) cannot be opened."""


@dataclass(frozen=True)
class Frame:
    """One frame for the preview: RGB uint8, at most PREVIEW_SIDE on its longer side."""

    rgb: np.ndarray


@dataclass(frozen=True)
class Saved:
    """A recorded frame, written as a PNG file, for class `label`."""

    path: str
    label: str


class Recording:
    """Whether frames are being recorded now, and into which class (set by the window)."""

    def __init__(self) -> None:
        self.label: str | None = None  # None: not recording


def open_source(source: int | str) -> cv2.VideoCapture:
    """A camera by number (0: the first) or a video file; CameraError when it cannot be opened."""
    capture = cv2.VideoCapture(source)
    if not capture.isOpened():
        capture.release()
        raise CameraError("camera.cannot_open", source)
    return capture


def _signature(bgr: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    return cv2.resize(grey, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)


def camera_frames(
    source: int | str,
    folder: Path,
    recording: Recording,
    cancel: CancelToken,
    max_per_second: float = MAX_PER_SECOND,
    pace: bool = False,
) -> Iterator[object]:
    """Frames until `cancel` (or the video file ends): `Frame` for each, `Saved` for each one
    recorded into `folder/<label>/`; then `Finished(number saved)` or `Cancelled`. `pace`: a
    video file is played at its own frame rate (a camera paces itself)."""
    capture = open_source(source)
    fps = capture.get(cv2.CAP_PROP_FPS) if pace else 0.0
    interval = 1.0 / fps if fps and fps > 0 else 0.0
    last_saved_at = -1e9
    last_saved: np.ndarray | None = None
    saved = 0
    try:
        while not cancel.cancelled:
            began = time.perf_counter()
            ok, bgr = capture.read()
            if not ok or bgr is None:
                break
            h, w = bgr.shape[:2]
            scale = min(1.0, PREVIEW_SIDE / max(h, w))
            small = cv2.resize(bgr, None, fx=scale, fy=scale) if scale < 1 else bgr
            yield Frame(cv2.cvtColor(small, cv2.COLOR_BGR2RGB))
            label = recording.label
            now = time.perf_counter()
            if label is not None and now - last_saved_at >= 1.0 / max_per_second:
                signature = _signature(bgr)
                if last_saved is None or np.abs(signature - last_saved).mean() >= SAME_DIFFERENCE:
                    path = _save(bgr, folder / _safe(label))
                    last_saved, last_saved_at = signature, now
                    saved += 1
                    yield Saved(str(path), label)
            if interval:
                time.sleep(max(0.0, interval - (time.perf_counter() - began)))
    finally:
        capture.release()
    yield Cancelled("camera") if cancel.cancelled else Finished(saved)


def _safe(label: str) -> str:
    cleaned = "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in label).strip(" .")
    return cleaned or "class"


def _save(bgr: np.ndarray, folder: Path) -> Path:
    ok, data = cv2.imencode(".png", bgr)
    if not ok:
        raise CameraError("camera.cannot_save", folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    number = 1
    while (path := folder / f"camera-{stamp}-{number:03d}.png").exists():
        number += 1
    atomic_write_bytes(path, data.tobytes())
    return path
