"""A live 2-D map of the embeddings as they are computed: something to watch while images are read.

`FeatureMap` keeps a fixed, evenly drawn sample of the vectors it is given (at most `max_points`)
and places them on the plane of their two principal components (a few steps of subspace
iteration per update on the sample itself, never a d x d covariance; warm-started from the last
plane, so the map moves smoothly instead of being recomputed from scratch). `event()` returns a `MapPoints` with every
sampled point placed so far, at most every `interval_s`: features code yields it between chunks.

Why principal components: they need nothing but the vectors, cost a few milliseconds for
1,280-wide features, and images that the backbone sees alike land near each other, so classes
that will be easy to tell apart show up as separate clouds while the run is still reading.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MAX_POINTS = 2000
INTERVAL_S = 0.4


@dataclass(frozen=True, eq=False)
class MapPoints:
    """Where the sampled items lie on the map so far: `positions` index the items given to the
    features stage (the dataset's order), `xy` (n, 2) float32 their coordinates."""

    positions: np.ndarray
    xy: np.ndarray


class FeatureMap:
    """Running principal-component map of the vectors added so far (see the module docstring)."""

    def __init__(
        self,
        total: int,
        max_points: int = MAX_POINTS,
        interval_s: float = INTERVAL_S,
        seed: int = 0,
    ) -> None:
        rng = np.random.default_rng(seed)
        self._kept = np.zeros(max(total, 0), dtype=bool)
        self._kept[rng.permutation(total)[: min(total, max_points)]] = True
        self._interval_s = interval_s
        self._plane: np.ndarray | None = None
        self._positions: list[int] = []
        self._vectors: list[np.ndarray] = []
        self._last = -np.inf
        self._changed = False
        self._rng = rng

    def add(self, positions: Sequence[int], vectors: np.ndarray) -> None:
        """Vectors of the items at `positions` (rows in the same order)."""
        if len(positions) == 0:
            return
        matrix = np.asarray(vectors, dtype=np.float32).reshape(len(positions), -1)
        for position, row in zip(positions, matrix, strict=True):
            if 0 <= position < len(self._kept) and self._kept[position]:
                self._positions.append(int(position))
                self._vectors.append(row)
                self._changed = True

    def event(self, force: bool = False) -> MapPoints | None:
        """The map now, if it changed and `interval_s` has passed since the last one (or
        `force`); None otherwise or while fewer than 3 vectors are known."""
        now = time.monotonic()
        if not self._changed or len(self._positions) < 3:
            return None
        if not force and now - self._last < self._interval_s:
            return None
        self._last, self._changed = now, False
        centred = np.stack(self._vectors)
        centred -= centred.mean(axis=0)
        plane = self._update_plane(centred)
        xy = centred @ plane.astype(np.float32)
        return MapPoints(np.asarray(self._positions, dtype=np.int64), xy.astype(np.float32))

    def _update_plane(self, centred: np.ndarray) -> np.ndarray:
        """Subspace iteration towards the top two principal directions of the centred sample
        (X^T X V, never forming X^T X); signs kept from the last plane so that the map does
        not flip between updates."""
        width = centred.shape[1]
        first = self._plane is None
        plane = self._rng.standard_normal((width, 2)) if first else self._plane
        for _ in range(12 if first else 3):
            product = centred.T @ (centred @ plane.astype(np.float32))
            plane, _ = np.linalg.qr(product.astype(np.float64))
        if not first:
            signs = np.sign(np.sum(plane * self._plane, axis=0))
            plane = plane * np.where(signs == 0, 1.0, signs)
        self._plane = plane
        return plane
