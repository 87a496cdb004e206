"""Inspect a dataset's health: its features (from the cache when they are there), out-of-fold
probabilities from cross-validated heads on ALL its items (a wrong label in test matters as much
as one in train), image sizes, then the checks of `core/health.py`."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

import numpy as np

from desktop_app.core.calibration import scaled
from desktop_app.core.catalog import Backbone, default_backbone, get_backbone
from desktop_app.core.crossval import DENSE_CLASSES, cross_validate_features
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.data.images import image_size
from desktop_app.core.errors import CoreError
from desktop_app.core.features import extract_features
from desktop_app.core.health import HealthInput, HealthReport, inspect_health
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.stages import relay

FOLDS = 5
HEADER_BYTES = 256 * 1024  # enough for any JPEG header with its EXIF thumbnail


class HealthError(CoreError, ValueError):
    """The data cannot be inspected (too few items or classes)."""


def inspection_backbone(task: str, backbone_id: str | None) -> Backbone:
    """The backbone whose features are compared: the one asked for, unless it learns from raw
    pixels or tokens (its "features" are not embeddings): then the task's default."""
    if backbone_id:
        try:
            chosen = get_backbone(backbone_id)
        except (CoreError, KeyError, ValueError):  # not in this catalog: the default
            return default_backbone(task)
        if chosen.kind != "scratch" and chosen.task == task:
            return chosen
    return default_backbone(task)


def image_sizes(paths: Sequence[str], cancel: CancelToken) -> Iterator[object]:
    """(width, height) of each image from its header ((0, 0) unknown): Progress("sizes"), then
    Finished(array [n, 2]) or Cancelled."""
    sizes = np.zeros((len(paths), 2), np.int64)
    step = max(1, len(paths) // 50)
    yield Progress("sizes", 0, len(paths))
    for i, path in enumerate(paths):
        if i % step == 0:
            if cancel.cancelled:
                yield Cancelled("sizes")
                return
            yield Progress("sizes", i, len(paths))
        try:
            with open(path, "rb") as file:
                found = image_size(file.read(HEADER_BYTES))
        except OSError:
            found = None
        if found:
            sizes[i] = found
    yield Progress("sizes", len(paths), len(paths))
    yield Finished(sizes)


def inspect_data(
    dataset: Dataset,
    backbone_id: str | None,
    cancel: CancelToken,
    kept: Sequence[str] = (),
    folds: int = FOLDS,
    seed: int = 0,
) -> Iterator[object]:
    """Features → out-of-fold probabilities → sizes → checks; `Finished(HealthReport)` (findings
    whose id is in `kept` left out), or `Cancelled`. `HealthError` when there is too little
    to inspect."""
    yield Progress("prepare", 0, 0)
    timings: dict[str, float] = {}
    backbone = inspection_backbone(dataset.task, backbone_id)
    start = time.perf_counter()
    feature_set = yield from relay(extract_features(dataset, backbone, cancel))
    if feature_set is None:
        return
    timings["features"] = time.perf_counter() - start
    positions = np.asarray(feature_set.positions, np.int64)
    labels = np.asarray(dataset.labels, np.int64)
    used = labels[positions]
    counts = np.bincount(used, minlength=len(dataset.classes))
    if (counts >= 2).sum() < 2:
        name = dataset.root or "the data"
        raise HealthError(
            "health.too_few_items", name, int(positions.size), int((counts > 0).sum())
        )

    start = time.perf_counter()
    # classes with a single item cannot be cross-validated: their items stay out of it
    rows = np.flatnonzero(counts[used] >= 2)
    probabilities = np.zeros((0, 0), np.float32)
    if len(dataset.classes) <= DENSE_CLASSES:
        # classes renumbered to those taking part, so every head sees every class
        present = np.flatnonzero(counts >= 2)
        local = np.searchsorted(present, used[rows])
        k = max(2, min(folds, int(rows.size)))
        # linear heads, whatever the model's default: the folds train at once (crossval's
        # stacked path), which keeps `inspect` within seconds on 10,000 items
        config = TrainConfig(backbone=backbone.id, seed=seed, hidden_units=0)
        cv = yield from relay(
            cross_validate_features(
                config,
                backbone,
                feature_set.features[rows],
                local,
                int(present.size),
                k,
                cancel,
            )
        )
        if cv is None:
            return
        # calibrated: the heads learn with label smoothing, so their raw probabilities are too
        # modest for confident learning's per-class thresholds (flowers12, 5 % flipped: top-k
        # precision 0.69 raw, 0.81 with the out-of-fold temperature)
        oof = cv.oof_probabilities
        if cv.calibration is not None and cv.calibration.fitted_on:
            oof = scaled(oof, cv.calibration.temperature)
        probabilities = np.zeros((rows.size, len(dataset.classes)), np.float32)
        probabilities[:, present] = oof
    timings["cross_validation"] = time.perf_counter() - start

    sizes = np.zeros((0, 2), np.int64)
    if dataset.task == "image":
        start = time.perf_counter()
        sizes = yield from relay(image_sizes(dataset.items, cancel))
        if sizes is None:
            return
        timings["sizes"] = time.perf_counter() - start

    report = yield from relay(
        inspect_health(
            HealthInput(
                classes=tuple(dataset.classes),
                items=tuple(dataset.items),
                labels=labels,
                splits=tuple(dataset.splits),
                features=feature_set.features,
                positions=positions,
                probabilities=probabilities,
                prob_rows=rows,
                sizes=sizes,
                input_size=backbone.input_size if dataset.task == "image" else 0,
                noun=dataset.task,
                verify_copies=dataset.task == "image",
            ),
            cancel,
            kept,
        )
    )
    if report is None:
        return
    timings.update(report.timings)
    yield Finished(
        HealthReport(
            report.findings,
            report.classes,
            report.n_items,
            report.hidden,
            timings,
            report.pairs_checked,
        )
    )
