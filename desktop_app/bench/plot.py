"""The P6 figure: time-to-model against N, drawn with OpenCV (no plotting library needed)."""

from __future__ import annotations

import statistics
from pathlib import Path

import numpy as np


def plot_time_vs_n(points: dict[int, list[dict]], out: Path, size=(720, 420)) -> Path:
    """Median seconds per N with min–max bars, and the straight line through the smallest N's
    seconds per image (what perfectly linear scaling would give)."""
    import cv2

    width, height = size
    left, right, top, bottom = 80, 24, 40, 60
    image = np.full((height, width, 3), 255, np.uint8)
    ns = sorted(points)
    medians = [statistics.median(r["seconds"] for r in points[n]) for n in ns]
    lows = [min(r["seconds"] for r in points[n]) for n in ns]
    highs = [max(r["seconds"] for r in points[n]) for n in ns]
    per_image = medians[0] / ns[0]
    x_max = max(ns) * 1.05
    y_max = max(max(highs), per_image * max(ns)) * 1.1

    def xy(n: float, seconds: float) -> tuple[int, int]:
        x = left + (width - left - right) * n / x_max
        y = height - bottom - (height - top - bottom) * seconds / y_max
        return int(round(x)), int(round(y))

    grey, dark, blue, orange = (200, 200, 200), (40, 40, 40), (200, 110, 30), (40, 140, 240)
    font = cv2.FONT_HERSHEY_SIMPLEX
    for i in range(6):  # horizontal grid and y labels
        seconds = y_max * i / 5
        _, y = xy(0, seconds)
        cv2.line(image, (left, y), (width - right, y), grey, 1)
        cv2.putText(image, f"{seconds:.0f}", (left - 50, y + 5), font, 0.45, dark, 1, cv2.LINE_AA)
    for n in ns:  # x labels at the measured sizes
        x, _ = xy(n, 0)
        cv2.line(image, (x, height - bottom), (x, height - bottom + 5), dark, 1)
        label = f"{n // 1000}k" if n >= 1000 else str(n)
        cv2.putText(image, label, (x - 12, height - bottom + 22), font, 0.45, dark, 1, cv2.LINE_AA)
    cv2.line(image, (left, height - bottom), (width - right, height - bottom), dark, 1)
    cv2.line(image, (left, top), (left, height - bottom), dark, 1)
    # linear scaling from the smallest N (dashed)
    start, end = np.array(xy(0, 0)), np.array(xy(x_max / 1.05, per_image * x_max / 1.05))
    for t in np.arange(0, 1, 0.04):
        a = start + (end - start) * t
        b = start + (end - start) * min(1.0, t + 0.02)
        cv2.line(image, tuple(int(v) for v in a), tuple(int(v) for v in b), orange, 2, cv2.LINE_AA)
    previous = None
    for n, median, low, high in zip(ns, medians, lows, highs, strict=True):
        x, y = xy(n, median)
        cv2.line(image, xy(n, low), xy(n, high), blue, 2)
        if previous is not None:
            cv2.line(image, previous, (x, y), blue, 2, cv2.LINE_AA)
        cv2.circle(image, (x, y), 5, blue, -1, cv2.LINE_AA)
        cv2.putText(image, f"{median:.0f} s", (x - 60, y - 10), font, 0.45, blue, 1, cv2.LINE_AA)
        previous = (x, y)
    cv2.putText(
        image,
        "time-to-model (s) vs images, cold cache; dashed: linear from the smallest N",
        (left - 60, 24),
        font,
        0.5,
        dark,
        1,
        cv2.LINE_AA,
    )
    cv2.putText(image, "images", (width // 2 - 20, height - 18), font, 0.5, dark, 1, cv2.LINE_AA)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok, data = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("could not encode the plot")
    out.write_bytes(data.tobytes())
    return out
