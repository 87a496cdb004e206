"""Evaluate a model on data (images or texts): batched, cancellable, a JSON-ready result.

Used by `desktop-app evaluate`, by the held-out check of an INT8 export (train → export → INT8)
and by the Evaluate tab's "Evaluate on other data…". The split measured is the data's `test`
split when it has one, else `val` (the same seeded split `train` made), else all of it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from desktop_app.core.data.dataset import Skipped
from desktop_app.core.inference import Predictor
from desktop_app.core.metrics import Metrics, compute_metrics, ranking_metrics
from desktop_app.core.training.events import Cancelled, CancelToken, EtaClock, Finished, Progress
from desktop_app.core.workflows.importing import DEFAULT_READ, ReadOptions
from desktop_app.core.workflows.stages import relay

TRUST_MAX_CLASSES = 100  # past this, no ROC/PR/ECE (every item's probabilities: items × classes)


@dataclass(frozen=True)
class Mistake:
    """One evaluated item the model got wrong: the item (an image's path or the text), its
    label, what the model said and with which probability, and the label's probability (both
    None when the items' probabilities were not kept: past TRUST_MAX_CLASSES classes)."""

    item: str
    label: str
    predicted: str
    probability: float | None
    label_probability: float | None

    def to_json(self) -> dict:
        def rounded(p: float | None) -> float | None:
            return None if p is None else round(p, 6)

        return {
            "item": self.item,
            "label": self.label,
            "predicted": self.predicted,
            "probability": rounded(self.probability),
            "label_probability": rounded(self.label_probability),
        }


@dataclass(frozen=True)
class Evaluation:
    """Metrics of a model on some data; `metrics` is None when nothing could be evaluated."""

    metrics: Metrics | None
    split: str  # "test", "val" or "all"
    classes: tuple[str, ...]
    skipped: tuple[Skipped, ...] = field(default=())
    model: str = ""
    # How far to trust the probabilities (see `trust_figures`); {} with too many classes
    trust: dict = field(default_factory=dict)
    # every item the model got wrong, the surest answer first (often a wrong label, as the
    # Evaluate tab says of its mistakes: `desktop-app inspect` checks the labels)
    mistakes: tuple[Mistake, ...] = field(default=())

    def to_json(self) -> dict:
        """What `desktop-app evaluate --json` prints."""
        out = {} if self.metrics is None else self.metrics.to_json()
        if self.trust:
            ranking = {k: self.trust[k] for k in ("roc_auc", "average_precision")}
            for row in out.get("per_class", ()):
                for key, value in ranking.items():
                    row[key] = value["per_class"].get(row["name"])
            out.update({k: v["macro"] for k, v in ranking.items()})
            out.update({k: v for k, v in self.trust.items() if k not in ranking})
        out.update(
            {
                "split": self.split,
                "classes": list(self.classes),
                "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
                "model": self.model,
                "mistakes": [m.to_json() for m in self.mistakes],
            }
        )
        return out


def evaluate_items(
    predictor: Predictor,
    items: Sequence[str],
    labels: Sequence[int],
    cancel: CancelToken,
    split: str = "all",
    skipped: Sequence[Skipped] = (),
    batch_size: int | None = None,
) -> Iterator[object]:
    """Predict `items` (image paths or texts) whose true `labels` index `predictor.labels`, in
    batches with Progress("evaluate"), then `Finished(Evaluation)`. Images that cannot be decoded
    are skipped (listed), never fatal. Checks `cancel` between batches."""
    skipped_all = list(skipped)
    y_true: list[int] = []
    y_pred: list[int] = []
    # every item's probabilities (items × classes): up to TRUST_MAX_CLASSES classes only
    scores: list[np.ndarray] | None = None
    if predictor.kind.evaluate_scores and len(predictor.labels) <= TRUST_MAX_CLASSES:
        scores = []
    total = len(items)
    clock = EtaClock(total)
    yield Progress("evaluate", 0, total)
    task = predictor.kind
    size = batch_size or task.evaluate_batch
    more = {} if scores is None else {"scores": scores}
    for done, _ in task.evaluate(
        predictor, items, labels, cancel, size, y_true, y_pred, skipped_all, **more
    ):
        yield Progress("evaluate", done, total, clock.eta(done))
    if cancel.cancelled:
        yield Cancelled("evaluate")
        return
    metrics = compute_metrics(y_true, y_pred, predictor.labels) if y_true else None
    trust = {}
    if scores and y_true:
        trust = trust_figures(np.stack(scores), np.asarray(y_true), predictor)
    evaluated = _evaluated_items(items, skipped_all[len(skipped) :])
    yield Finished(
        Evaluation(
            metrics,
            split,
            tuple(predictor.labels),
            tuple(skipped_all),
            str(predictor.path),
            trust,
            _mistakes(evaluated, y_true, y_pred, scores, predictor.labels),
        )
    )


def _evaluated_items(items: Sequence[str], skipped_now: Sequence[Skipped]) -> list[str]:
    """`items` without those skipped while predicting (in order: the evaluated ones, row by
    row as in `y_true`)."""
    from collections import Counter

    left = Counter(s.path for s in skipped_now)
    kept = []
    for item in items:
        if left[item] > 0:
            left[item] -= 1
        else:
            kept.append(item)
    return kept


def _mistakes(
    items: Sequence[str],
    y_true: Sequence[int],
    y_pred: Sequence[int],
    scores: Sequence[np.ndarray] | None,
    labels: Sequence[str],
) -> tuple[Mistake, ...]:
    """The wrong rows, the model's surest first (without kept probabilities, too many
    classes: in item order)."""
    if len(items) != len(y_true):  # cannot tell which item a row is: list nothing
        return ()
    found = []
    for row, (item, true, said) in enumerate(zip(items, y_true, y_pred, strict=True)):
        if true == said:
            continue
        p = q = None
        if scores:
            p, q = float(scores[row][said]), float(scores[row][true])
        found.append(Mistake(item, labels[true], labels[said], p, q))
    return tuple(sorted(found, key=lambda m: -(m.probability or 0.0)))


def trust_figures(probabilities: np.ndarray, labels: np.ndarray, predictor: Predictor) -> dict:
    """ROC AUC and average precision (per class and macro, one class against the rest), the
    expected calibration error of the model's probabilities (`ece`; with the model's
    temperature undone too, `ece_uncalibrated`), and the accuracy–coverage curve with the
    model's unsure threshold."""
    from desktop_app.core.calibration import (
        COVERAGE_THRESHOLDS,
        accuracy_coverage,
        expected_calibration_error,
        scaled,
    )

    out: dict = ranking_metrics(probabilities, labels, predictor.labels)
    out["ece"] = round(expected_calibration_error(probabilities, labels), 6)
    temperature = _model_temperature(predictor)
    if temperature != 1.0:
        raw = scaled(probabilities, 1.0 / temperature)  # softmax(z) from softmax(z / T)
        out["ece_uncalibrated"] = round(expected_calibration_error(raw, labels), 6)
    out["temperature"] = temperature
    thresholds = sorted({*COVERAGE_THRESHOLDS, *filter(None, [predictor.unsure_threshold])})
    out["unsure_threshold"] = predictor.unsure_threshold
    out["accuracy_coverage"] = [
        p.to_json() for p in accuracy_coverage(probabilities, labels, thresholds)
    ]
    return out


def _model_temperature(predictor: Predictor) -> float:
    """The temperature the model's graph divides its logits by (1 when it has none)."""
    import json

    try:
        return float(json.loads(predictor.metadata.get("calibration", "{}"))["temperature"])
    except (ValueError, KeyError, TypeError):
        return 1.0


def evaluate_on_data(
    model: str | os.PathLike[str] | Predictor,
    data: str | os.PathLike[str],
    cancel: CancelToken,
    options: ReadOptions = DEFAULT_READ,
) -> Iterator[object]:
    """Import `data` the way the model reads it (images or texts), measure the model on its
    test (else val, else all) split, then `Finished(Evaluation)`. Items of classes the model
    does not know are skipped with that reason. `Evaluation.model` is the path as given."""
    predictor = model if isinstance(model, Predictor) else Predictor(model)
    yield Progress("evaluate", 0, 0, None, "Reading the data")
    o = options
    dataset = predictor.kind.scan(data, o.val_fraction, o.seed, o.text_col, o.label_col)
    if cancel.cancelled:
        yield Cancelled("evaluate")
        return
    split = next((s for s in ("test", "val") if dataset.has_split(s)), None)
    positions = dataset.indices(split) if split else np.arange(len(dataset))
    label_index = {name: i for i, name in enumerate(predictor.labels)}
    skipped = list(dataset.skipped)
    items: list[str] = []
    labels: list[int] = []
    for pos in positions:
        name = dataset.classes[dataset.labels[pos]]
        if name in label_index:
            items.append(dataset.items[pos])
            labels.append(label_index[name])
        else:
            skipped.append(Skipped(dataset.items[pos], f"class '{name}' is unknown to this model"))
    evaluation = yield from relay(
        evaluate_items(predictor, items, labels, cancel, split or "all", skipped)
    )
    if evaluation is not None:
        shown = predictor.path if isinstance(model, Predictor) else model
        yield Finished(replace(evaluation, model=str(shown)))
