"""Cross-validation on features already computed: K heads, each trained on K−1 stratified folds
and measured on the one left out; every item's out-of-fold probabilities are kept.

One validation split of 150 images is a noisy estimate; K folds give every item one honest
prediction and the spread between folds says how much to believe the mean. Each fold's head
stops early on a stratified slice of its own training folds (never on the fold it is measured
on). The heads are the training loop's own (`fit`), so a fold is as fast as a normal training
on cached features.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import numpy as np

from desktop_app.core.calibration import (
    Calibration,
    accuracy_coverage,
    calibrate,
    expected_calibration_error,
    fit_temperature,
    scaled,
)
from desktop_app.core.catalog import Backbone
from desktop_app.core.metrics import compute_metrics
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

STOP_FRACTION = 0.15  # of each fold's training items: the early-stopping slice
DENSE_CLASSES = 100  # up to this many classes every item's whole probability vector is kept


@dataclass(frozen=True)
class FoldResult:
    """One fold: the items it trained on, stopped on and was measured on, and its figures."""

    fold: int
    n_train: int
    n_stop: int
    n_held_out: int
    accuracy: float
    macro_f1: float
    best_epoch: int
    seconds: float

    def to_json(self) -> dict:
        return {
            "fold": self.fold,
            "n_train": self.n_train,
            "n_stop": self.n_stop,
            "n_held_out": self.n_held_out,
            "accuracy": round(self.accuracy, 6),
            "macro_f1": round(self.macro_f1, 6),
            "best_epoch": self.best_epoch,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class CrossValidation:
    """K folds' figures, their mean and spread (sample standard deviation over folds), and every
    item's out-of-fold prediction (`rows` index the features given; `fold_of` each row's fold)."""

    folds: int
    per_fold: tuple[FoldResult, ...]
    accuracy_mean: float
    accuracy_std: float
    macro_f1_mean: float
    macro_f1_std: float
    rows: np.ndarray
    labels: np.ndarray
    fold_of: np.ndarray
    oof_predicted: np.ndarray
    # [len(rows), classes] up to DENSE_CLASSES classes; (0, 0) past that
    oof_probabilities: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    calibration: Calibration | None = None  # T fitted on the out-of-fold probabilities
    seconds: float = 0.0

    def to_json(self) -> dict:
        """The `cv` entry of `desktop-app train --folds K --json`."""
        out = {
            "folds": self.folds,
            "n": int(self.rows.size),
            "accuracy_mean": round(self.accuracy_mean, 6),
            "accuracy_std": round(self.accuracy_std, 6),
            "macro_f1_mean": round(self.macro_f1_mean, 6),
            "macro_f1_std": round(self.macro_f1_std, 6),
            "per_fold": [f.to_json() for f in self.per_fold],
            "seconds": round(self.seconds, 3),
        }
        if self.calibration is not None:
            out["calibration"] = self.calibration.to_json()
        return out


def stratified_folds(labels: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """Each item's fold in 0…k−1: every class shuffled and dealt round the folds, each class
    starting where the last one stopped, so fold sizes differ by at most one."""
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    rng = np.random.default_rng(seed)
    fold_of = np.empty(labels.size, np.int64)
    start = 0
    for c in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == c))
        fold_of[members] = (start + np.arange(members.size)) % k
        start = (start + members.size) % k
    return fold_of


def _stop_slice(rows: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A stratified STOP_FRACTION of `rows` (one item of each class with at least 3)."""
    chosen = []
    for c in np.unique(labels[rows]):
        members = rows[labels[rows] == c]
        n = round(STOP_FRACTION * members.size)
        if members.size >= 3:
            n = max(1, n)
        chosen.append(rng.permutation(members)[:n])
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, np.int64)


def cross_validate_features(
    config: TrainConfig,
    backbone: Backbone,
    features: np.ndarray,
    labels: np.ndarray,
    n_classes: int,
    folds: int,
    cancel: CancelToken | None = None,
    vocab_size: int = 0,
) -> Iterator[object]:
    """Train `folds` heads with the training loop's `fit`; Progress("cross-validation") after
    each, then `Finished(CrossValidation)`, or `Cancelled` when `cancel` is set."""
    from desktop_app.core.training.loop import fit

    cancel = cancel or CancelToken()
    start = time.perf_counter()
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    n = labels.size
    if folds < 2 or folds > n:
        raise ValueError(f"folds must be between 2 and the number of items ({n}), got {folds}")
    fold_of = stratified_folds(labels, folds, config.seed)
    rng = np.random.default_rng(config.seed + 1)
    dense = n_classes <= DENSE_CLASSES
    oof_probabilities = np.zeros((n, n_classes) if dense else (0, 0), np.float32)
    oof_predicted = np.zeros(n, np.int64)
    per_fold: list[FoldResult] = []
    yield Progress("cross-validation", 0, folds)
    for k in range(folds):
        fold_start = time.perf_counter()
        held_out = np.flatnonzero(fold_of == k)
        training = np.flatnonzero(fold_of != k)
        stop = _stop_slice(training, labels, rng)
        splits = np.full(n, "train", dtype=object)
        splits[held_out] = "test"  # neither trained nor stopped on: only predicted
        splits[stop] = "val"
        head = None
        for event in fit(
            config,
            backbone,
            features,
            labels,
            splits,
            n_classes,
            cancel,
            vocab_size=vocab_size,
            keep_rows=held_out if dense else np.zeros(0, np.int64),
        ):
            if isinstance(event, Finished):
                head = event.result
            elif isinstance(event, Cancelled):
                yield event
                return
        if head is None or cancel.cancelled:
            yield Cancelled("cross-validation")
            return
        if dense:
            oof_probabilities[held_out] = head.probabilities
        oof_predicted[held_out] = head.predicted[held_out]
        metrics = compute_metrics(labels[held_out], oof_predicted[held_out], range(n_classes))
        per_fold.append(
            FoldResult(
                k + 1,
                int(training.size - stop.size),
                int(stop.size),
                int(held_out.size),
                metrics.accuracy,
                metrics.macro_f1,
                head.best_epoch,
                time.perf_counter() - fold_start,
            )
        )
        yield Progress("cross-validation", k + 1, folds)
    accuracy = np.array([f.accuracy for f in per_fold])
    macro_f1 = np.array([f.macro_f1 for f in per_fold])
    yield Finished(
        CrossValidation(
            folds=folds,
            per_fold=tuple(per_fold),
            accuracy_mean=float(accuracy.mean()),
            accuracy_std=float(accuracy.std(ddof=1)),
            macro_f1_mean=float(macro_f1.mean()),
            macro_f1_std=float(macro_f1.std(ddof=1)),
            rows=np.arange(n),
            labels=labels,
            fold_of=fold_of,
            oof_predicted=oof_predicted,
            oof_probabilities=oof_probabilities,
            calibration=out_of_fold_calibration(oof_probabilities, labels, fold_of)
            if dense
            else None,
            seconds=time.perf_counter() - start,
        )
    )


def out_of_fold_calibration(
    probabilities: np.ndarray, labels: np.ndarray, fold_of: np.ndarray
) -> Calibration:
    """The temperature fitted on every out-of-fold probability; its ECE "after" measured
    honestly: each fold's items scaled by a temperature fitted on the other folds only."""
    calibration = calibrate(probabilities, labels, probabilities, labels, "out-of-fold", "all")
    if not calibration.fitted_on:
        return calibration
    cross_fitted = np.zeros(probabilities.shape, np.float64)
    for k in np.unique(fold_of):
        inside, outside = fold_of == k, fold_of != k
        t = fit_temperature(probabilities[outside], labels[outside])
        cross_fitted[inside] = scaled(probabilities[inside], t)
    return replace(
        calibration,
        ece_after=expected_calibration_error(cross_fitted, labels),
        coverage=accuracy_coverage(cross_fitted, labels),
    )
