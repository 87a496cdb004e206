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
from desktop_app.core.metrics import Metrics, compute_metrics
from desktop_app.core.training.events import Cancelled, CancelToken, EtaClock, Finished, Progress
from desktop_app.core.workflows.importing import DEFAULT_READ, ReadOptions
from desktop_app.core.workflows.stages import relay


@dataclass(frozen=True)
class Evaluation:
    """Metrics of a model on some data; `metrics` is None when nothing could be evaluated."""

    metrics: Metrics | None
    split: str  # "test", "val" or "all"
    classes: tuple[str, ...]
    skipped: tuple[Skipped, ...] = field(default=())
    model: str = ""

    def to_json(self) -> dict:
        """What `desktop-app evaluate --json` prints."""
        out = {} if self.metrics is None else self.metrics.to_json()
        out.update(
            {
                "split": self.split,
                "classes": list(self.classes),
                "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
                "model": self.model,
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
    total = len(items)
    clock = EtaClock(total)
    yield Progress("evaluate", 0, total)
    task = predictor.kind
    size = batch_size or task.evaluate_batch
    for done, _ in task.evaluate(
        predictor, items, labels, cancel, size, y_true, y_pred, skipped_all
    ):
        yield Progress("evaluate", done, total, clock.eta(done))
    if cancel.cancelled:
        yield Cancelled("evaluate")
        return
    metrics = compute_metrics(y_true, y_pred, predictor.labels) if y_true else None
    yield Finished(
        Evaluation(metrics, split, tuple(predictor.labels), tuple(skipped_all), str(predictor.path))
    )


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
