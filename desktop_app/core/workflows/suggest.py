"""Label new data by suggestion: a model's guesses for unlabelled images (or texts), the least
sure first — where a person's answer teaches the model most (uncertainty sampling)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop_app.core.inference import PathPrediction, Predictor
from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.core.workflows.classify import (
    PredictorGetter,
    classify_images,
    classify_texts,
    read_texts,
)
from desktop_app.core.workflows.stages import relay

TOP_K = 3


def margin(row: PathPrediction) -> float:
    """How much surer the model is of its first guess than of its second (0: a coin toss);
    2.0 for a row that could not be classified (listed last)."""
    if row.prediction is None:
        return 2.0
    p = row.prediction.probabilities
    return float(p[0] - (p[1] if len(p) > 1 else 0.0))


@dataclass(frozen=True)
class Suggestions:
    """Every input's suggestion, least sure first (inputs that could not be read last)."""

    rows: tuple[PathPrediction, ...]
    seconds: float


def least_sure_first(rows: Sequence[PathPrediction]) -> tuple[PathPrediction, ...]:
    return tuple(sorted(rows, key=margin))


def suggest_labels(
    model: Predictor | PredictorGetter,
    task: str,
    inputs: Sequence[str | os.PathLike[str]],
    cancel: CancelToken,
) -> Iterator[object]:
    """Image files/folders (image models) or files of texts, one per line or a CSV's text
    column (text models): Progress("predict")…, then `Finished(Suggestions)` or `Cancelled`."""
    if task == "text":
        texts: list[str] = []
        for path in inputs:
            texts.extend(read_texts(path))
        events = classify_texts(model, texts, TOP_K, cancel)
    else:
        events = classify_images(model, inputs, TOP_K, cancel)
    result = yield from relay(events)
    if result is None:
        return
    yield Finished(Suggestions(least_sure_first(result.rows), result.seconds))
