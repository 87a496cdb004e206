"""Calibration: a temperature that makes the probabilities mean what they say, how far they are
from it (expected calibration error), and how accuracy grows when the model answers only when
sure enough (the accuracy–coverage curve). numpy only (the graph edit imports onnx itself).

Temperature scaling divides the logits by T before the softmax. The heads export probabilities,
and softmax(log p / T) == softmax(z / T) for p = softmax(z) (the constant shift of log p cancels),
so T is fitted and applied on probabilities alone; the export puts the division inside the graph.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ECE_BINS = 15
# T is searched in this range (as log T), with a weak prior on log T (see fit_temperature)
MIN_TEMPERATURE = 0.05
MAX_TEMPERATURE = 20.0
PRIOR_SIGMA = 1.0
MIN_FIT_ITEMS = 20  # fewer: the temperature stays 1 (too noisy to fit)
COVERAGE_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
_TINY = 1e-38


def scaled(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(log p / T) row-wise, float64: what the model gives with its logits divided by T."""
    p = np.asarray(probabilities, dtype=np.float64)
    if temperature == 1.0:
        return p
    logits = np.log(np.maximum(p, _TINY)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


def temperature_of(result: object) -> float:
    """The temperature an export of this TrainResult divides its logits by (1: none fitted)."""
    calibration = getattr(result, "calibration", None)
    return 1.0 if calibration is None else float(calibration.temperature)


def exported_probabilities(result: object, probabilities: np.ndarray) -> np.ndarray:
    """The head's probabilities as the exported model gives them (its temperature applied):
    what parity compares ONNX Runtime with."""
    return scaled(probabilities, temperature_of(result))


def nll(probabilities: np.ndarray, labels: np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of the true classes after scaling by `temperature`."""
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    logits = np.log(np.maximum(np.asarray(probabilities, dtype=np.float64), _TINY)) / temperature
    top = logits.max(axis=1, keepdims=True)
    log_z = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
    return float((log_z - logits[np.arange(labels.size), labels]).mean())


def fit_temperature(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The T in [MIN_TEMPERATURE, MAX_TEMPERATURE] that minimises the summed NLL of `labels`
    plus a weak prior on log T (normal, σ = PRIOR_SIGMA): a golden-section search on log T.
    Without the prior a split the head already separates perfectly has no finite optimum (the
    NLL keeps falling as T → 0) and T would end at the bound; with a few hundred items the
    prior hardly moves T."""
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    n = max(1, labels.size)

    def objective(u: float) -> float:
        return nll(probabilities, labels, math.exp(u)) + u * u / (2 * PRIOR_SIGMA**2 * n)

    lo, hi = math.log(MIN_TEMPERATURE), math.log(MAX_TEMPERATURE)
    ratio = (math.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = objective(a), objective(b)
    for _ in range(50):
        if fa <= fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = objective(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = objective(b)
    return float(math.exp((lo + hi) / 2))


def expected_calibration_error(
    probabilities: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS
) -> float:
    """ECE: over `bins` equal-width bins of the top probability (confidence), the item-weighted
    mean |accuracy − mean confidence| of each bin. 0 when confidence matches accuracy."""
    p = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if not labels.size:
        return 0.0
    confidence = p.max(axis=1)
    correct = (p.argmax(axis=1) == labels).astype(np.float64)
    # bin i holds confidences in (i/bins, (i+1)/bins]; confidence 0 goes to the first
    index = np.clip(np.ceil(confidence * bins).astype(np.int64) - 1, 0, bins - 1)
    gap = np.bincount(index, weights=correct - confidence, minlength=bins)
    return float(np.abs(gap).sum() / labels.size)


def confidence_and_correct(
    probabilities: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each item's top probability and whether its top class is the true one."""
    p = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    if not labels.size:
        return np.zeros(0), np.zeros(0, bool)
    return p.max(axis=1), p.argmax(axis=1) == labels


@dataclass(frozen=True)
class Reliability:
    """A reliability diagram: items binned by confidence (the bins of the ECE, equal width in
    0…1); per bin its bounds, how many items, their mean confidence and their accuracy (NaN
    for an empty bin). `ece` is the item-weighted mean |accuracy − confidence|."""

    lower: np.ndarray
    upper: np.ndarray
    count: np.ndarray
    confidence: np.ndarray
    accuracy: np.ndarray
    ece: float


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> Reliability:
    """The reliability diagram of items with these confidences and right/wrong answers."""
    confidence = np.asarray(confidence, dtype=np.float64).reshape(-1)
    right = np.asarray(correct, dtype=np.float64).reshape(-1)
    # bin i holds confidences in (i/bins, (i+1)/bins]; confidence 0 goes to the first
    index = np.clip(np.ceil(confidence * bins).astype(np.int64) - 1, 0, bins - 1)
    count = np.bincount(index, minlength=bins)
    summed_confidence = np.bincount(index, weights=confidence, minlength=bins)
    summed_right = np.bincount(index, weights=right, minlength=bins)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_confidence = np.where(count > 0, summed_confidence / count, np.nan)
        accuracy = np.where(count > 0, summed_right / count, np.nan)
    gap = np.abs(summed_right - summed_confidence).sum()
    edges = np.arange(bins + 1) / bins
    return Reliability(
        lower=edges[:-1],
        upper=edges[1:],
        count=count,
        confidence=mean_confidence,
        accuracy=accuracy,
        ece=float(gap / confidence.size) if confidence.size else 0.0,
    )


@dataclass(frozen=True)
class CoveragePoint:
    """Answering only when the top probability is at least `threshold`: the share of items
    answered and the accuracy on them (None when none is answered)."""

    threshold: float
    answered: float
    accuracy: float | None

    def to_json(self) -> dict:
        return {
            "threshold": self.threshold,
            "answered": round(self.answered, 6),
            "accuracy": None if self.accuracy is None else round(self.accuracy, 6),
        }


def accuracy_coverage(
    probabilities: np.ndarray,
    labels: np.ndarray,
    thresholds: Sequence[float] = COVERAGE_THRESHOLDS,
) -> tuple[CoveragePoint, ...]:
    """The accuracy–coverage curve at `thresholds` (answered when top probability ≥ threshold)."""
    p = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    confidence = p.max(axis=1) if labels.size else np.zeros(0)
    correct = p.argmax(axis=1) == labels if labels.size else np.zeros(0, bool)
    points = []
    for t in thresholds:
        answered = confidence >= t
        n = int(answered.sum())
        accuracy = float(correct[answered].mean()) if n else None
        points.append(CoveragePoint(float(t), n / labels.size if labels.size else 0.0, accuracy))
    return tuple(points)


@dataclass(frozen=True)
class CoverageCurve:
    """The whole accuracy–coverage curve: for every threshold the share of items whose top
    probability reaches it (answered) and the accuracy on those. Built once from the items'
    confidences (sorted, with the running count of right answers), then read at any
    threshold in O(log n): what the window's threshold slider asks at every move."""

    confidence: np.ndarray  # ascending
    right_from: np.ndarray  # right answers among confidence[i:], for every i (and 0 at the end)

    @classmethod
    def of(cls, confidence: np.ndarray, correct: np.ndarray) -> CoverageCurve:
        confidence = np.asarray(confidence, dtype=np.float64).reshape(-1)
        correct = np.asarray(correct, dtype=bool).reshape(-1)
        order = np.argsort(confidence, kind="mergesort")
        right = correct[order].astype(np.int64)
        right_from = np.r_[np.cumsum(right[::-1])[::-1], 0]
        return cls(confidence[order], right_from)

    @property
    def n(self) -> int:
        return int(self.confidence.size)

    def at(self, threshold: float) -> CoveragePoint:
        """Answering only when the top probability is at least `threshold`."""
        first = int(np.searchsorted(self.confidence, threshold, side="left"))
        answered = self.n - first
        accuracy = float(self.right_from[first] / answered) if answered else None
        return CoveragePoint(float(threshold), answered / self.n if self.n else 0.0, accuracy)

    def points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Thresholds (each distinct confidence, ascending), the share answered and the
        accuracy at each: the curve's corners, from everything answered to the surest item."""
        if not self.n:
            return np.zeros(0), np.zeros(0), np.zeros(0)
        first = np.flatnonzero(np.r_[True, self.confidence[1:] != self.confidence[:-1]])
        answered = self.n - first
        return self.confidence[first], answered / self.n, self.right_from[first] / answered


def default_unsure_threshold(n_classes: int) -> float:
    """Halfway between a blind guess (1/k) and certainty: below it the model answers "unsure".
    Two classes: 0.75; twelve: 0.54."""
    return round((1.0 + 1.0 / max(2, n_classes)) / 2, 4)


@dataclass(frozen=True)
class Calibration:
    """A fitted temperature, where it was fitted, and the ECE it gives on the eval split."""

    temperature: float
    fitted_on: str  # "val", "out-of-fold", or "" when too few items (T stays 1)
    n_fit: int
    ece_split: str
    n_ece: int
    ece_before: float
    ece_after: float
    unsure_threshold: float
    coverage: tuple[CoveragePoint, ...] = ()  # on the eval split, calibrated

    def to_json(self) -> dict:
        return {
            "method": "temperature",
            "temperature": self.temperature,  # exact: the graph divides by this value
            "fitted_on": self.fitted_on,
            "n_fit": self.n_fit,
            "ece_split": self.ece_split,
            "n_ece": self.n_ece,
            "ece_before": round(self.ece_before, 6),
            "ece_after": round(self.ece_after, 6),
            "unsure_threshold": self.unsure_threshold,
            "coverage": [point.to_json() for point in self.coverage],
        }

    @classmethod
    def from_json(cls, data: dict) -> Calibration:
        return cls(
            temperature=float(data["temperature"]),
            fitted_on=str(data["fitted_on"]),
            n_fit=int(data["n_fit"]),
            ece_split=str(data["ece_split"]),
            n_ece=int(data["n_ece"]),
            ece_before=float(data["ece_before"]),
            ece_after=float(data["ece_after"]),
            unsure_threshold=float(data["unsure_threshold"]),
            coverage=tuple(
                CoveragePoint(
                    float(c["threshold"]),
                    float(c["answered"]),
                    None if c["accuracy"] is None else float(c["accuracy"]),
                )
                for c in data.get("coverage", ())
            ),
        )


def calibrate(
    fit_probabilities: np.ndarray,
    fit_labels: np.ndarray,
    eval_probabilities: np.ndarray,
    eval_labels: np.ndarray,
    fitted_on: str,
    eval_split: str,
) -> Calibration:
    """Fit T on one set of probabilities (validation or out-of-fold), measure ECE before/after
    and the accuracy–coverage curve on another (the eval split; the same set when there is no
    other, which the report then names)."""
    fit_labels = np.asarray(fit_labels, dtype=np.int64).reshape(-1)
    eval_labels = np.asarray(eval_labels, dtype=np.int64).reshape(-1)
    n_classes = int(np.shape(eval_probabilities)[1] if np.ndim(eval_probabilities) == 2 else 0)
    if fit_labels.size >= MIN_FIT_ITEMS:
        temperature = fit_temperature(fit_probabilities, fit_labels)
    else:
        temperature, fitted_on = 1.0, ""
    after = scaled(eval_probabilities, temperature) if eval_labels.size else eval_probabilities
    return Calibration(
        temperature=temperature,
        fitted_on=fitted_on,
        n_fit=int(fit_labels.size),
        ece_split=eval_split,
        n_ece=int(eval_labels.size),
        ece_before=expected_calibration_error(eval_probabilities, eval_labels),
        ece_after=expected_calibration_error(after, eval_labels),
        unsure_threshold=default_unsure_threshold(n_classes),
        coverage=accuracy_coverage(after, eval_labels) if eval_labels.size else (),
    )


def scale_logits_in_graph(model, temperature: float) -> None:
    """Divide the input of the Softmax that produces `probabilities` by `temperature`, in place
    (an `onnx.ModelProto`): ONNX Runtime then returns calibrated probabilities."""
    from onnx import helper, numpy_helper

    graph = model.graph
    index = next(
        (
            i
            for i, node in enumerate(graph.node)
            if "probabilities" in node.output and node.op_type == "Softmax"
        ),
        None,
    )
    if index is None:
        raise ValueError("no Softmax node produces 'probabilities'")
    node = graph.node[index]
    logits = node.input[0]
    constant = numpy_helper.from_array(
        np.asarray(temperature, dtype=np.float32), "calibration/temperature"
    )
    graph.initializer.append(constant)
    divided = "calibration/scaled_logits"
    div = helper.make_node(
        "Div", [logits, constant.name], [divided], name="calibration/divide_by_temperature"
    )
    node.input[0] = divided
    graph.node.insert(index, div)
