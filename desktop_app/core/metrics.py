"""Classification metrics from labels and predictions (numpy only).

Memory stays linear in items and classes: per-class counts come from `bincount`, and the
confusion matrix (k² counts) is kept whole only up to `DENSE_CONFUSION_CLASSES` classes; past
that only its non-zero cells are (at most one per item). 15,000 classes as a matrix of Python
ints took 1.8 GB, and the matrix was never looked at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

DENSE_CONFUSION_CLASSES = 1000  # 1000² counts: 8 MB as numpy; more is not drawn either


@dataclass(frozen=True)
class ClassMetrics:
    name: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Metrics:
    accuracy: float
    macro_f1: float
    n: int
    per_class: tuple[ClassMetrics, ...]
    # rows: true class, columns: predicted class; () when there are more classes than
    # DENSE_CONFUSION_CLASSES, and then `cells` holds the non-zero counts
    confusion: tuple[tuple[int, ...], ...]
    cells: tuple[tuple[int, int, int], ...] = ()  # (true, predicted, count), sparse form only

    @property
    def has_matrix(self) -> bool:
        """Whether the whole k×k matrix is kept (few enough classes to draw it)."""
        return bool(self.confusion) or not self.per_class

    def count(self, true: int, predicted: int) -> int:
        """Items of class `true` predicted as `predicted`."""
        if self.confusion:
            return self.confusion[true][predicted]
        return next((c for t, p, c in self.cells if t == true and p == predicted), 0)

    def to_json(self) -> dict:
        data = asdict(self)
        data["confusion"] = [list(row) for row in self.confusion]
        if self.cells:
            data["cells"] = [list(cell) for cell in self.cells]
        else:
            data.pop("cells")
        return data


def compute_metrics(
    y_true: Sequence[int], y_pred: Sequence[int], classes: Sequence[str]
) -> Metrics:
    """Accuracy, macro-F1 over classes present in truth or prediction, per-class table, confusion."""
    k = len(classes)
    true = np.asarray(y_true, dtype=np.int64).reshape(-1)
    pred = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    right = true == pred
    tp = np.bincount(true[right], minlength=k).astype(float)
    predicted = np.bincount(pred, minlength=k).astype(float)
    support = np.bincount(true, minlength=k).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(support > 0, tp / support, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    present = (support > 0) | (predicted > 0)
    n = int(true.size)
    confusion: tuple[tuple[int, ...], ...] = ()
    cells: tuple[tuple[int, int, int], ...] = ()
    if k <= DENSE_CONFUSION_CLASSES:
        matrix = np.zeros((k, k), dtype=np.int64)
        np.add.at(matrix, (true, pred), 1)
        confusion = tuple(tuple(int(v) for v in row) for row in matrix)
    else:
        codes, counts = np.unique(true * k + pred, return_counts=True)
        cells = tuple((int(c // k), int(c % k), int(m)) for c, m in zip(codes, counts, strict=True))
    return Metrics(
        accuracy=float(tp.sum() / n) if n else 0.0,
        macro_f1=float(f1[present].mean()) if present.any() else 0.0,
        n=n,
        per_class=tuple(
            ClassMetrics(
                str(classes[i]),
                float(precision[i]),
                float(recall[i]),
                float(f1[i]),
                int(support[i]),
            )
            for i in range(k)
        ),
        confusion=confusion,
        cells=cells,
    )


def roc_auc(scores: np.ndarray, positive: np.ndarray) -> float | None:
    """Area under the ROC curve of `scores` for the boolean `positive` (ties count one half):
    the Mann–Whitney statistic from average ranks. None when one of the two groups is empty."""
    scores = np.asarray(scores, dtype=np.float64).reshape(-1)
    positive = np.asarray(positive, dtype=bool).reshape(-1)
    n_pos = int(positive.sum())
    n_neg = positive.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(scores.size, dtype=np.float64)
    # average rank (1-based) of each run of equal scores
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    ends = np.r_[starts[1:], scores.size]
    average = (starts + ends + 1) / 2.0
    ranks[order] = np.repeat(average, ends - starts)
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def average_precision(scores: np.ndarray, positive: np.ndarray) -> float | None:
    """Average precision: the mean, over the positives, of the precision at the threshold that
    first admits each (equal scores admitted together). None when there is no positive."""
    scores = np.asarray(scores, dtype=np.float64).reshape(-1)
    positive = np.asarray(positive, dtype=bool).reshape(-1)
    n_pos = int(positive.sum())
    if n_pos == 0:
        return None
    order = np.argsort(-scores, kind="mergesort")
    sorted_scores, hits = scores[order], positive[order]
    # the last index of each run of equal scores: a threshold admits the whole run
    last = np.flatnonzero(np.r_[sorted_scores[1:] != sorted_scores[:-1], True])
    tp = np.cumsum(hits)[last]
    admitted = last + 1
    precision = tp / admitted
    recall_gain = np.diff(np.r_[0, tp]) / n_pos
    return float((precision * recall_gain).sum())


def _admitted(scores: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Descending thresholds, one per run of equal scores: items admitted and positives among
    them at each (equal scores admitted together)."""
    order = np.argsort(-scores, kind="mergesort")
    sorted_scores, hits = scores[order], positive[order]
    last = np.flatnonzero(np.r_[sorted_scores[1:] != sorted_scores[:-1], True])
    return last + 1, np.cumsum(hits)[last]


def roc_curve(scores: np.ndarray, positive: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The ROC curve's corners, from (0, 0) to (1, 1): false-positive rate and true-positive
    rate at every threshold (one point per run of equal scores, so the straight segments
    between them give ties their half). Its trapezoid area is `roc_auc`. None when one of the
    two groups is empty."""
    scores = np.asarray(scores, dtype=np.float64).reshape(-1)
    positive = np.asarray(positive, dtype=bool).reshape(-1)
    n_pos = int(positive.sum())
    n_neg = positive.size - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    admitted, tp = _admitted(scores, positive)
    fpr = np.r_[0.0, (admitted - tp) / n_neg]
    tpr = np.r_[0.0, tp / n_pos]
    return fpr, tpr


def precision_recall_curve(
    scores: np.ndarray, positive: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """Recall and precision at every threshold (one point per run of equal scores), starting
    at recall 0 with the first threshold's precision: drawn as steps (each recall gain at the
    precision reached), its area is `average_precision`. None when there is no positive."""
    scores = np.asarray(scores, dtype=np.float64).reshape(-1)
    positive = np.asarray(positive, dtype=bool).reshape(-1)
    n_pos = int(positive.sum())
    if n_pos == 0:
        return None
    admitted, tp = _admitted(scores, positive)
    precision = tp / admitted
    return np.r_[0.0, tp / n_pos], np.r_[precision[0], precision]


def ranking_metrics(
    probabilities: np.ndarray, labels: np.ndarray, classes: Sequence[str]
) -> dict[str, dict]:
    """One-vs-rest ROC AUC and average precision per class and their macro means (over the
    classes where they are defined): `{"roc_auc": {"macro": …, "per_class": {name: …}}, …}`."""
    probabilities = np.asarray(probabilities, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    out: dict[str, dict] = {}
    for key, measure in (("roc_auc", roc_auc), ("average_precision", average_precision)):
        per_class = {
            str(name): measure(probabilities[:, i], labels == i) for i, name in enumerate(classes)
        }
        defined = [v for v in per_class.values() if v is not None]
        out[key] = {
            "macro": float(np.mean(defined)) if defined else None,
            "per_class": per_class,
        }
    return out
