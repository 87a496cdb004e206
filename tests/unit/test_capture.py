"""The camera (core/capture.py) with a video file as its source."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from desktop_app.core.capture import CameraError, Frame, Recording, Saved, camera_frames
from desktop_app.core.training.events import CancelToken, Finished


def write_video(path, still: int = 10, moving: int = 20) -> str:
    """`still` identical frames, then `moving` frames that each differ from the last."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for i in range(still + moving):
        frame = np.full((48, 64, 3), 40 + 8 * max(0, i - still + 1), np.uint8)
        cv2.rectangle(frame, (5, 5), (20, 20), (0, 0, 255), -1)
        writer.write(frame)
    writer.release()
    return str(path)


def test_recording_saves_frames_into_the_class_and_skips_identical_ones(tmp_path):
    video = write_video(tmp_path / "clip.avi")
    recording = Recording()
    recording.label = "cup"
    events = list(camera_frames(video, tmp_path / "captures", recording, CancelToken(), 1e9))
    frames = [e for e in events if isinstance(e, Frame)]
    saved = [e for e in events if isinstance(e, Saved)]
    assert len(frames) == 30 and frames[0].rgb.shape == (48, 64, 3)
    assert len(saved) == 21  # one of the ten still frames, then each moving one
    assert all(
        s.label == "cup" and (tmp_path / "captures" / "cup") in map(_parent, saved) for s in saved
    )
    assert isinstance(events[-1], Finished) and events[-1].result == 21
    assert cv2.imread(saved[0].path) is not None


def _parent(saved):
    from pathlib import Path

    return Path(saved.path).parent


def test_the_frame_rate_limit_and_not_recording(tmp_path):
    video = write_video(tmp_path / "clip.avi")
    recording = Recording()
    recording.label = "cup"
    events = list(camera_frames(video, tmp_path / "c", recording, CancelToken(), 0.001))
    assert sum(isinstance(e, Saved) for e in events) == 1  # one a thousand seconds at most
    recording.label = None
    events = list(camera_frames(video, tmp_path / "d", recording, CancelToken()))
    assert not any(isinstance(e, Saved) for e in events)


def test_a_missing_camera_is_a_clear_error(tmp_path):
    with pytest.raises(CameraError, match="Cannot open the camera or video"):
        list(camera_frames(str(tmp_path / "none.avi"), tmp_path, Recording(), CancelToken()))
