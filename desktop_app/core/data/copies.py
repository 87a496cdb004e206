"""Is this picture a copy of that one (resized, re-encoded, cropped a little)?

Embeddings say two pictures look alike; flowers of one kind look alike too. A copy shares
keypoints in the same places: ORB keypoints on both (shorter side scaled to SIDE pixels),
matched with Lowe's ratio test, then a similarity transform (shift, scale, rotation) fitted
with RANSAC; the inliers counted. flowers12 with planted copies (crop up to 20 %, scale 0.5–0.85,
JPEG quality 55–85): every copy ≥ 29 inliers; two different photos rarely reach it
(see the README's Data health).
"""

from __future__ import annotations

from collections.abc import Generator, Sequence

import cv2
import numpy as np

from desktop_app.core.training.events import Cancelled, CancelToken, Progress

SIDE = 256
FEATURES = 300
RATIO = 0.8
MIN_INLIERS = 25  # matching points in the same places that make two pictures one


def keypoints(path: str) -> tuple[np.ndarray, np.ndarray | None]:
    """(points [k, 2], ORB descriptors [k, 32] or None) of an image file; none if unreadable."""
    image = cv2.imread(path, cv2.IMREAD_GRAYSCALE)
    if image is None or min(image.shape) == 0:
        return np.zeros((0, 2), np.float32), None
    scale = SIDE / min(image.shape)
    image = cv2.resize(
        image,
        None,
        fx=scale,
        fy=scale,
        interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
    )
    found, descriptors = cv2.ORB_create(nfeatures=FEATURES).detectAndCompute(image, None)
    points = np.float32([p.pt for p in found]) if found else np.zeros((0, 2), np.float32)
    return points, descriptors


def shared_points(
    a: tuple[np.ndarray, np.ndarray | None], b: tuple[np.ndarray, np.ndarray | None]
) -> int:
    """How many keypoints of `a` land where a similarity transform puts them in `b`."""
    (points_a, desc_a), (points_b, desc_b) = a, b
    if desc_a is None or desc_b is None or len(desc_a) < 8 or len(desc_b) < 8:
        return 0
    matches = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(desc_a, desc_b, k=2)
    good = [m[0] for m in matches if len(m) == 2 and m[0].distance < RATIO * m[1].distance]
    if len(good) < 8:
        return 0
    source = points_a[[m.queryIdx for m in good]]
    target = points_b[[m.trainIdx for m in good]]
    _, inliers = cv2.estimateAffinePartial2D(
        source, target, method=cv2.RANSAC, ransacReprojThreshold=4.0
    )
    return 0 if inliers is None else int(inliers.sum())


def verify_pairs(
    paths: Sequence[str], first: np.ndarray, second: np.ndarray, cancel: CancelToken
) -> Generator[object, None, np.ndarray | None]:
    """Shared points of each pair (`first[i]`, `second[i]` index `paths`): Progress("verify")
    per ~2 % of the work; returns the counts (None after yielding `Cancelled`)."""
    needed = np.unique(np.concatenate([first, second])) if first.size else np.zeros(0, np.int64)
    total = int(needed.size + first.size)
    step = max(1, total // 50)
    done = 0
    found: dict[int, tuple[np.ndarray, np.ndarray | None]] = {}
    yield Progress("verify", 0, total)
    for index in needed:
        found[int(index)] = keypoints(paths[int(index)])
        done += 1
        if done % step == 0:
            if cancel.cancelled:
                yield Cancelled("verify")
                return None
            yield Progress("verify", done, total)
    counts = np.zeros(first.size, np.int64)
    for i, (a, b) in enumerate(zip(first.tolist(), second.tolist(), strict=True)):
        counts[i] = shared_points(found[a], found[b])
        done += 1
        if done % step == 0:
            if cancel.cancelled:
                yield Cancelled("verify")
                return None
            yield Progress("verify", done, total)
    yield Progress("verify", total, total)
    return counts
