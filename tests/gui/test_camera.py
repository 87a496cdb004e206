"""The camera on the Data tab, with a video file for a camera: hold to record into a class."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt

from desktop_app.core.project import Item


def _video(path, frames: int = 16) -> str:
    """A short clip (40 frames a second) whose every frame differs from the last."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 40, (64, 48))
    for i in range(frames):
        frame = np.full((48, 64, 3), 30 + 12 * i, np.uint8)
        cv2.circle(frame, (10 + 2 * i, 24), 6, (255, 0, 0), -1)
        writer.write(frame)
    writer.release()
    return str(path)


def test_hold_to_record_frames_from_a_video_into_a_class(qtbot, session, tmp_path, monkeypatch):
    from desktop_app.gui.panels.data import DataPanel, camera

    monkeypatch.setattr(camera, "SOURCE", _video(tmp_path / "clip.avi"))
    project = session.project
    project.classes = ["mug", "pen"]
    project.items[str(tmp_path / "x.png")] = Item("pen", "train")
    panel = DataPanel(session)
    qtbot.addWidget(panel)
    dialog = panel.open_camera()
    qtbot.addWidget(dialog)
    dialog.class_combo.setCurrentText("mug")
    qtbot.mousePress(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.recording.label == "mug"
    qtbot.waitUntil(lambda: not dialog.job_running("camera"), timeout=10000)
    qtbot.mouseRelease(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.recording.label is None
    recorded = [p for p, item in project.items.items() if item.label == "mug"]
    # (the frame-rate limit itself: tests/unit/test_capture.py; here the machine's load decides)
    assert 1 <= len(recorded) <= 16 and dialog.recorded == len(recorded)
    assert all(cv2.imread(p) is not None for p in recorded)
    assert all(str(project.folder / "captures" / "mug") in p for p in recorded)
    assert dialog.preview.pixmap() is not None and not dialog.preview.pixmap().isNull()
