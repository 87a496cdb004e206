"""Before a fine-tune starts, an honest estimate of its time on this computer: a probe runs the
real fine-tune (core/training/finetune.py) for a few steps on a few images, and each part is
scaled to the planned run (the CLI prints it, the Train tab shows it)."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.core.catalog import Backbone, get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.data.image_look import look_at_images
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Event,
    Finished,
    Progress,
    StepEnd,
)
from desktop_app.core.training.finetune import (
    BATCH,
    PATIENCE,
    check_fine_tunable,
    choose_depth,
    fine_tune,
    fine_tune_epochs,
    planned_steps,
)

# The estimate's probe: a real fine-tune (head, then the fine-tune stage) on a few images, long
# enough that the thread-count choosers (4 steps) have settled before the steps that are timed.
PROBE_TRAIN = 3 * BATCH  # three steps an epoch …
PROBE_EPOCHS = 4  # … for four epochs: the steps after the first PROBE_WARM_STEPS are timed
PROBE_VAL = 8
PROBE_WARM_STEPS = 4
PROBE_IMAGES = 6  # decoded and embedded alone, to time one image's reading and forward pass
# A fine-tune of at most this many steps is about as long as the probe: not worth estimating
SHORT_STEPS = 2 * PROBE_EPOCHS * PROBE_TRAIN // BATCH


def worth_estimating(config: TrainConfig, dataset: Dataset) -> bool:
    """Whether the fine-tune is long enough for `estimate_seconds`' probe to be worth it."""
    return planned_steps(config, len(dataset.indices("train"))) > SHORT_STEPS


@dataclass(frozen=True)
class FineTuneEstimate:
    """How long `train --fine-tune` should take on this computer, from a measured probe:
    `seconds` in all, `parts` (name → seconds) and what each was measured at."""

    seconds: float
    parts: dict[str, float]
    measured: dict[str, float]  # per-image and per-step times of the probe
    steps: int  # planned fine-tune steps (early stopping may end it sooner)
    probe_seconds: float
    earliest_seconds: float = 0.0  # if early stopping ends it at the first epoch it may

    def to_json(self) -> dict:
        return {
            "seconds": round(self.seconds, 1),
            "parts": {k: round(v, 1) for k, v in self.parts.items()},
            "measured": {k: round(v, 4) for k, v in self.measured.items()},
            "steps": self.steps,
            "probe_seconds": round(self.probe_seconds, 1),
            "earliest_seconds": round(self.earliest_seconds, 1),
        }


def _uncached(paths: Sequence[str], backbone: Backbone) -> int:
    """How many of `paths` have no vector in the feature cache (files this cache has not
    hashed before are read and hashed, as feature extraction would)."""
    import os
    from pathlib import Path

    from desktop_app.core.features import FeatureCache, content_hash

    stats = {}
    for path in dict.fromkeys(paths):
        try:
            status = os.stat(path)
        except OSError:
            continue
        stats[path] = (status.st_size, status.st_mtime_ns)
    cache = FeatureCache(backbone)
    try:
        hashes = cache.known_hashes(stats)
        for path in stats:
            if path not in hashes:
                try:
                    hashes[path] = content_hash(Path(path).read_bytes())
                except OSError:
                    continue
        found = cache.get(list(set(hashes.values())))
    finally:
        cache.close()
    return sum(1 for p in stats if hashes.get(p) not in found)


def _probe_dataset(dataset: Dataset, seed: int) -> Dataset:
    """A few training images of every class (PROBE_TRAIN, at least one per class) and
    PROBE_VAL validation images: the probe's data."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(dataset.labels)
    train = dataset.indices("train")
    by_class = [
        list(rng.permutation(train[labels[train] == c])) for c in range(len(dataset.classes))
    ]
    chosen: list[int] = []
    while len(chosen) < PROBE_TRAIN and any(by_class):
        for rows in by_class:
            if rows and (len(chosen) < PROBE_TRAIN or not any(labels[chosen] == labels[rows[0]])):
                chosen.append(int(rows.pop()))
    val = list(rng.permutation(dataset.indices("val"))[:PROBE_VAL])
    if not val:  # no val split: some of the training images stand in for it
        val, chosen = chosen[-min(PROBE_VAL, len(chosen) // 4) :], chosen
    rows = chosen + [int(v) for v in val if int(v) not in chosen]
    splits = ["val" if r in val else "train" for r in rows]
    return replace(
        dataset,
        items=tuple(dataset.items[r] for r in rows),
        labels=tuple(dataset.labels[r] for r in rows),
        splits=tuple(splits),
        skipped=(),
    )


def estimate_seconds(
    config: TrainConfig, dataset: Dataset, cancel: CancelToken | None = None
) -> Iterator[Event]:
    """Progress("estimate", …), then Finished(FineTuneEstimate): the time `fine_tune(config,
    dataset)` should take here, from a probe that runs the real fine-tune for a few steps on a
    few images (features already in the cache cost nothing), extrapolated to the planned
    steps and image counts. Early stopping can make the real run shorter."""
    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.runtime import create_session, run_images
    from desktop_app.core.tasks import get_task
    from desktop_app.core.training.augment import DEFAULT_AUGMENTATIONS, keep_size

    cancel = cancel or CancelToken()
    start = time.perf_counter()
    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    message = "Estimating the time"
    yield Progress("estimate", 0, 0, message=message)
    n_train, n_val = len(dataset.indices("train")), len(dataset.indices("val"))
    n_test = len(dataset.indices("test"))
    uncached = _uncached(dataset.items, backbone)
    # one image's reading (as the fine-tune keeps it) and its forward pass through the backbone
    train_items = [dataset.items[i] for i in dataset.indices("train")[:PROBE_IMAGES]]
    tick = time.perf_counter()
    images = []
    for item in train_items:
        try:
            images.append(load_image(item))
        except ImageError:
            continue
    kept = [keep_size(image, backbone.input_size) for image in images]
    read_s = (time.perf_counter() - tick) / max(1, len(images))
    session = create_session(str(backbone.model_path))
    if kept:
        run_images(session, kept[:1])  # warm-up
    tick = time.perf_counter()
    for image in kept:
        run_images(session, [image])
    forward_s = (time.perf_counter() - tick) / max(1, len(kept))
    del session
    if cancel.cancelled:
        yield Cancelled("estimate")
        return
    # the probe: the real head and fine-tune on a few images, stopped after its last steps
    probe = _probe_dataset(dataset, config.seed)
    probe_config = replace(
        config,
        max_epochs=PROBE_EPOCHS,
        fine_tune_epochs=PROBE_EPOCHS,
        augmentations=DEFAULT_AUGMENTATIONS
        if config.augmentations is None
        else config.augmentations,
    )
    probe_cancel = CancelToken()
    head_start = fine_start = None
    head_steps: list[float] = []  # the head's step ends
    steps: list[tuple[int, float]] = []  # (epoch, time) of each fine-tune step's end
    epoch_ends: list[float] = []
    for event in fine_tune(probe_config, probe, probe_cancel):
        now = time.perf_counter()
        if cancel.cancelled:
            probe_cancel.cancel()
        if isinstance(event, Cancelled):
            if cancel.cancelled:
                yield Cancelled("estimate")
                return
            break
        stage = getattr(event, "stage", "")
        if fine_start is None and stage == "fine_tune":
            fine_start = now
        elif fine_start is None and head_start is None and stage == "training":
            head_start = now
        if isinstance(event, StepEnd):
            if fine_start is None:
                head_steps.append(now)
            else:
                steps.append((event.epoch, now))
                yield Progress(
                    "estimate", len(steps), PROBE_TRAIN // BATCH * PROBE_EPOCHS, message=message
                )
        elif isinstance(event, EpochEnd) and fine_start is not None:
            epoch_ends.append(now)
            if len(epoch_ends) == PROBE_EPOCHS:
                probe_cancel.cancel()  # measured enough: nothing is measured or exported
        elif isinstance(event, Finished):
            break
    if fine_start is None or len(steps) < 2:
        raise RuntimeError("the fine-tune probe ended before its steps")
    # a step starts when the one before it ended, or the epoch's evaluation after it
    durations = [
        t - max([previous] + [end for end in epoch_ends if end < t])
        for (_, previous), (_, t) in zip(steps[:-1], steps[1:], strict=True)
    ]
    step_s = float(np.median(durations[PROBE_WARM_STEPS - 1 :] or durations))
    # an epoch's end evaluates the val images' upper part: between its last step and its end
    n_probe_val = sum(1 for s in probe.splits if s == "val")
    gaps = [end - max(t for _, t in steps if t < end) for end in epoch_ends[1:]]
    eval_s = max(0.0, float(np.median(gaps))) / max(1, n_probe_val) if gaps else 0.0
    n_probe_train = sum(1 for s in probe.splits if s == "train")
    before_first_step = steps[0][1] - fine_start
    setup_s = max(
        0.0, before_first_step - step_s - n_probe_train * read_s - n_probe_val * forward_s
    )
    # the head: its steps (timed apart), and around them what does not grow with them
    head_step_s = float(np.median(np.diff(head_steps))) if len(head_steps) > 2 else 0.0
    head_fixed_s = max(0.0, fine_start - (head_start or fine_start) - len(head_steps) * head_step_s)
    head_epochs, head_batch, _ = get_task(backbone.task).training_schedule(
        config, backbone, n_train
    )
    # the planned run's depth (deeper and longer for data far from photos), as fine_tune decides
    all_train = [dataset.items[i] for i in dataset.indices("train")]
    depth = choose_depth(backbone, look_at_images(all_train))
    epochs = fine_tune_epochs(config, n_train, depth.min_steps)
    total_steps = planned_steps(config, n_train, depth.min_steps)
    n_eval = n_test or n_val
    parts = {
        "features": uncached * forward_s,
        "head": head_fixed_s + head_epochs * math.ceil(n_train / head_batch) * head_step_s,
        "augment_choice": (
            0.0
            if config.augmentations is not None
            else min(n_train + n_val, 160) * (forward_s + read_s)
        ),
        "setup": setup_s,
        "reading": n_train * read_s + n_val * forward_s,
        "steps": total_steps * step_s,
        "validation": epochs * n_val * eval_s,
        "measuring": (n_eval + (n_val if n_test else 0)) * forward_s,
        # the export: the network traced and joined again, as at the start (setup)
        "export": setup_s,
    }
    # early stopping waits for the schedule's second half and PATIENCE epochs without gain
    earliest = min(epochs, max(PATIENCE, math.ceil(epochs / 2)))
    saved = (parts["steps"] + parts["validation"]) * (1 - earliest / epochs)
    yield Finished(
        FineTuneEstimate(
            seconds=sum(parts.values()),
            earliest_seconds=sum(parts.values()) - saved,
            parts=parts,
            measured={
                "step_s": step_s,
                "read_s": read_s,
                "forward_s": forward_s,
                "eval_s": eval_s,
                "head_step_s": head_step_s,
                "head_fixed_s": head_fixed_s,
                "setup_s": setup_s,
                "uncached": float(uncached),
            },
            steps=total_steps,
            probe_seconds=time.perf_counter() - start,
        )
    )
