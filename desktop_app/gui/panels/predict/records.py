"""The plain data of the Predict tab (rule 4: only this crosses threads) and the generators its
image jobs run: one `PredictionRecord` per classified image, and how to show times."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from desktop_app.core.inference import Prediction, Predictor
from desktop_app.core.training.events import Cancelled, CancelToken, Progress
from desktop_app.core.workflows.classify import Classified, CsvSummary, classify_images
from desktop_app.gui.jobs import user_message
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.panels.predict.images import small_copy

PredictorGetter = Callable[[], Predictor]
EXPLAIN_SIZE = 640  # a pasted picture kept for "Why?" (the model sees 224-260 pixels anyway)
FolderSummary = CsvSummary  # the end of a folder run: CSV path, rows, files skipped, seconds


@dataclass(frozen=True)
class PredictionRecord:
    """One classified image: a file path (or a name for pasted pixels) and its top-k or error."""

    path: str
    prediction: Prediction | None
    error: str | None = None
    pasted: bool = False
    # A small RGB copy of pasted pixels for the card (files use the shared thumbnail loader).
    thumbnail: np.ndarray | None = field(default=None, compare=False, repr=False)
    # Pasted pixels, at most EXPLAIN_SIZE on the longer side, for the card's "Why?" heatmap.
    source: np.ndarray | None = field(default=None, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.prediction is not None

    @property
    def labels(self) -> tuple[str, ...]:
        return () if self.prediction is None else self.prediction.labels

    @property
    def probabilities(self) -> tuple[float, ...]:
        return () if self.prediction is None else self.prediction.probabilities


def classify_paths_events(
    get_predictor: PredictorGetter, paths: Sequence[str], k: int, cancel: CancelToken
) -> Iterator[Any]:
    """Expand folders, then one `PredictionRecord` per image (errors included) and Progress."""
    # Small batches: the first cards appear at once, decoding still overlaps inference.
    for event in classify_images(get_predictor, paths, k, cancel, 4, each_row=True):
        if isinstance(event, Classified):
            yield PredictionRecord(
                event.row.path,
                event.row.prediction,
                None if event.row.error is None else phrase_text(event.row.error),
            )
        elif isinstance(event, Progress | Cancelled):
            yield event


def classify_image_events(
    get_predictor: PredictorGetter, image: np.ndarray, name: str, k: int, cancel: CancelToken
) -> Iterator[Any]:
    """One `PredictionRecord` for an RGB array (the pasted picture)."""
    predictor = get_predictor()
    thumbnail = small_copy(image)
    source = small_copy(image, EXPLAIN_SIZE)
    if cancel.cancelled:
        yield Cancelled("predict")
        return
    try:
        prediction = predictor.predict(image, k)
    except Exception as error:  # noqa: BLE001 - reported on the card
        yield PredictionRecord(name, None, user_message(error), True, thumbnail, source)
        return
    yield PredictionRecord(name, prediction, None, True, thumbnail, source)


def accuracy_from_metadata(predictor: Predictor) -> float | None:
    """The test (else validation) accuracy an exported model carries in its metadata."""
    try:
        metrics = json.loads(predictor.metadata.get("metrics", "{}")) or {}
    except ValueError:
        return None
    for split in ("test", "validation"):
        entry = metrics.get(split)
        if isinstance(entry, dict) and isinstance(entry.get("accuracy"), int | float):
            return float(entry["accuracy"])
    return None


def format_seconds(seconds: float) -> str:
    """ "12 s", "4 min", "1.5 h": the time left of a folder run."""
    if seconds < 90:
        return QCoreApplication.translate("PredictPanel", "{0} s").format(max(1, round(seconds)))
    if seconds < 5400:
        return QCoreApplication.translate("PredictPanel", "{0} min").format(round(seconds / 60))
    return QCoreApplication.translate("PredictPanel", "{0} h").format(f"{seconds / 3600:.1f}")


def format_latency(ms: float) -> str:
    return f"{ms:.1f} ms" if ms < 10 else f"{ms:.0f} ms"


def unsure_text(prediction: Prediction | None) -> str:
    """What a card or the text page says above a prediction whose best probability is below
    the model's `unsure_threshold` (issue 18): it is a guess, not an answer ("" otherwise)."""
    if prediction is None or not prediction.unsure:
        return ""
    return QCoreApplication.translate(
        "PredictPanel", "Not sure: no class is likely enough. Its best guesses:"
    )
