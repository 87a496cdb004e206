"""How far to trust a trained run, from what it kept of its eval split: ROC and precision–recall
curves per class, the reliability diagram before and after the temperature, and the
accuracy–coverage curve behind the "answer only when at least X % sure" threshold (issue 18).

Plain numpy on a `TrainResult` (no Qt): the Evaluate tab draws what these return. Every figure is
of the probabilities the exported model gives, i.e. with the run's temperature applied, except
the reliability diagram's "before". A run with many classes keeps only each eval item's best
classes: its curves per class cannot be drawn (`has_all_probabilities`), its confidences can.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.core.calibration import (
    Calibration,
    CoverageCurve,
    Reliability,
    confidence_and_correct,
    reliability,
    scaled,
    temperature_of,
)
from desktop_app.core.errors import CoreError
from desktop_app.core.metrics import (
    average_precision,
    precision_recall_curve,
    ranking_metrics,
    roc_auc,
    roc_curve,
)


class ThresholdError(CoreError, ValueError):
    """An "unsure" threshold that is not a probability; the message says what was given."""


def check_unsure_threshold(value: object) -> float:
    """`value` as a probability in 0…1 (a string is read as a number), or ThresholdError."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ThresholdError("calibration.bad_threshold", value) from None
    if not math.isfinite(number) or not 0.0 <= number <= 1.0:
        raise ThresholdError("calibration.bad_threshold", value)
    return number


def has_all_probabilities(result: object) -> bool:
    """Whether the run kept every class's probability for its eval items (not only the best
    ones, as it does for many classes): what the per-class curves need."""
    p = np.asarray(getattr(result, "eval_probabilities", np.zeros((0, 0))))
    top = np.asarray(getattr(result, "eval_top_classes", np.zeros((0, 0))))
    return p.ndim == 2 and p.shape[0] > 0 and p.shape[1] > 0 and not top.size


def eval_probabilities(result: object, calibrated: bool = True) -> np.ndarray:
    """[n, classes] of the eval items: as the exported model gives them (`calibrated`: the
    run's temperature applied) or as the head gave them. Needs `has_all_probabilities`."""
    p = np.asarray(result.eval_probabilities, dtype=np.float64)  # type: ignore[attr-defined]
    return scaled(p, temperature_of(result)) if calibrated else p


def eval_confidence(result: object, calibrated: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Each eval item's top probability and whether its top class is the true one (also for
    a run that kept only the best classes: the top one is among them)."""
    labels = np.asarray(result.eval_labels, dtype=np.int64)  # type: ignore[attr-defined]
    if has_all_probabilities(result):
        return confidence_and_correct(eval_probabilities(result, calibrated), labels)
    p = np.asarray(result.eval_probabilities, dtype=np.float64)  # type: ignore[attr-defined]
    top = np.asarray(result.eval_top_classes)  # type: ignore[attr-defined]
    if p.ndim != 2 or not p.shape[0] or not top.size:
        return np.zeros(0), np.zeros(0, bool)
    # the kept classes' probabilities are the best ones, first = predicted; a temperature is
    # fitted only with every probability, so none is applied here
    return p[:, 0], top[:, 0].astype(np.int64) == labels


@dataclass(frozen=True)
class ClassCurves:
    """One class against the rest: its ROC curve and area, its precision–recall curve and
    average precision (None where undefined: no item of the class, or only that class)."""

    name: str
    roc: tuple[np.ndarray, np.ndarray] | None  # false-positive rate, true-positive rate
    auc: float | None
    pr: tuple[np.ndarray, np.ndarray] | None  # recall, precision
    ap: float | None


def class_curves(result: object, index: int) -> ClassCurves:
    """The curves of class `index` on the eval split (the exported model's probabilities)."""
    p = eval_probabilities(result)
    labels = np.asarray(result.eval_labels, dtype=np.int64)  # type: ignore[attr-defined]
    scores, positive = p[:, index], labels == index
    return ClassCurves(
        str(result.classes[index]),  # type: ignore[attr-defined]
        roc_curve(scores, positive),
        roc_auc(scores, positive),
        precision_recall_curve(scores, positive),
        average_precision(scores, positive),
    )


def macro_ranking(result: object) -> tuple[float | None, float | None]:
    """Macro ROC AUC and macro average precision on the eval split (as `evaluate --json`)."""
    labels = np.asarray(result.eval_labels, dtype=np.int64)  # type: ignore[attr-defined]
    out = ranking_metrics(eval_probabilities(result), labels, result.classes)  # type: ignore[attr-defined]
    return out["roc_auc"]["macro"], out["average_precision"]["macro"]


def reliability_before_after(result: object) -> tuple[Reliability, Reliability]:
    """The reliability diagram of the eval split without and with the run's temperature."""
    before = reliability(*eval_confidence(result, calibrated=False))
    return before, reliability(*eval_confidence(result, calibrated=True))


def coverage_curve(result: object) -> CoverageCurve:
    """The accuracy–coverage curve of the eval split, as the exported model answers."""
    return CoverageCurve.of(*eval_confidence(result))


def unsure_threshold_of(result: object) -> float | None:
    """The threshold the run's exported model says "unsure" below (None: it has none)."""
    calibration = getattr(result, "calibration", None)
    return None if calibration is None else float(calibration.unsure_threshold)


def with_unsure_threshold(result: object, threshold: float) -> object:
    """The TrainResult with its "unsure" threshold set (checked); a run without a calibration
    (many classes, or made before calibration) gets one with temperature 1."""
    threshold = check_unsure_threshold(threshold)
    calibration = getattr(result, "calibration", None)
    if calibration is None:
        confidence, correct = eval_confidence(result)
        ece = reliability(confidence, correct).ece
        calibration = Calibration(
            temperature=1.0,
            fitted_on="",
            n_fit=0,
            ece_split=str(getattr(result, "eval_split", "")),
            n_ece=int(confidence.size),
            ece_before=ece,
            ece_after=ece,
            unsure_threshold=threshold,
        )
    return replace(result, calibration=replace(calibration, unsure_threshold=threshold))  # type: ignore[type-var]
