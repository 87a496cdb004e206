"""Classification metrics from labels and predictions (numpy only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np


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
    confusion: tuple[tuple[int, ...], ...]  # rows: true class, columns: predicted class

    def to_json(self) -> dict:
        data = asdict(self)
        data["confusion"] = [list(row) for row in self.confusion]
        return data


def compute_metrics(
    y_true: Sequence[int], y_pred: Sequence[int], classes: Sequence[str]
) -> Metrics:
    """Accuracy, macro-F1 over classes present in truth or prediction, per-class table, confusion."""
    k = len(classes)
    true = np.asarray(y_true, dtype=np.int64)
    pred = np.asarray(y_pred, dtype=np.int64)
    confusion = np.zeros((k, k), dtype=np.int64)
    np.add.at(confusion, (true, pred), 1)
    tp = np.diag(confusion).astype(float)
    predicted = confusion.sum(axis=0).astype(float)
    support = confusion.sum(axis=1).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, tp / predicted, 0.0)
        recall = np.where(support > 0, tp / support, 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    present = (support > 0) | (predicted > 0)
    n = int(true.size)
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
        confusion=tuple(tuple(int(v) for v in row) for row in confusion),
    )
