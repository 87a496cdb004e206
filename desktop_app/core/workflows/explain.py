"""Why the model decided: heatmaps for images (optionally written as overlay PNGs) and word
weights for texts, from the exported model alone (core/explain.py).

Used by `desktop-app explain`, the window ("Why?" on prediction cards, the confusion-cell
viewer, word highlights on the text page) and the bench. A bad image is a row with an error,
never an exception; the others go on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop_app.core.data.images import ImageError, load_image
from desktop_app.core.errors import Phrase
from desktop_app.core.explain import (
    ExplainError,
    ImageExplainer,
    ImageExplanation,
    TextExplanation,
    explain_text,
    overlay,
)
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.inference import Predictor, expand_paths
from desktop_app.core.training.events import Cancelled, CancelToken, EtaClock, Finished, Progress


@dataclass(frozen=True)
class ExplainedImage:
    """One image: its explanation (or why there is none) and the overlay written, if asked."""

    path: str
    explanation: ImageExplanation | None
    error: Phrase | None = None
    overlay_path: str | None = None


@dataclass(frozen=True)
class Explained:
    """Yielded as each image is done (the CLI prints it at once)."""

    row: ExplainedImage


@dataclass(frozen=True)
class ExplainResult:
    rows: tuple[ExplainedImage, ...]
    seconds: float


def overlay_png(image: np.ndarray, explanation: ImageExplanation) -> bytes:
    """The image with its heatmap drawn over it, as PNG bytes."""
    import cv2

    drawn = overlay(image, explanation.heatmap)
    ok, data = cv2.imencode(".png", cv2.cvtColor(drawn, cv2.COLOR_RGB2BGR))
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 RGB image
        raise ExplainError("explain.cannot_write", "PNG", "encoding failed")
    return data.tobytes()


def _overlay_name(path: Path, used: set[str]) -> str:
    """`<stem>.why.png`, numbered when two images share a stem."""
    name = f"{path.stem}.why.png"
    number = 2
    while name in used:
        name = f"{path.stem}-{number}.why.png"
        number += 1
    used.add(name)
    return name


def explain_images(
    predictor: Predictor,
    paths: Sequence[str | os.PathLike[str]],
    cancel: CancelToken,
    out_dir: str | os.PathLike[str] | None = None,
) -> Iterator[object]:
    """Explain each image (folders expanded); `Explained` per image, `Progress`, then
    `Finished(ExplainResult)`. With `out_dir`, writes `<stem>.why.png` overlays there."""
    start = time.perf_counter()
    explainer = ImageExplainer(predictor)
    files = expand_paths(paths)
    folder = Path(out_dir) if out_dir is not None else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExplainError("explain.cannot_write", folder, error.strerror or error) from error
    used: set[str] = set()
    rows: list[ExplainedImage] = []
    clock = EtaClock(len(files))
    for done, path in enumerate(files):
        if cancel.cancelled:
            yield Cancelled()
            return
        try:
            image = load_image(path)
        except ImageError as error:
            row = ExplainedImage(str(path), None, error.phrase)
        except (OSError, ValueError, MemoryError) as error:
            row = ExplainedImage(str(path), None, Phrase("image.cannot_read", (error,)))
        else:
            explanation = explainer.explain(image)
            written = None
            if folder is not None:
                target = folder / _overlay_name(path, used)
                try:
                    atomic_write_bytes(target, overlay_png(image, explanation))
                except OSError as error:
                    raise ExplainError(
                        "explain.cannot_write", target, error.strerror or error
                    ) from error
                written = str(target)
            row = ExplainedImage(str(path), explanation, None, written)
        rows.append(row)
        yield Explained(row)
        yield Progress("explain", done + 1, len(files), clock.eta(done + 1))
    yield Finished(ExplainResult(tuple(rows), time.perf_counter() - start))


def explain_texts(
    predictor: Predictor, texts: Sequence[str], cancel: CancelToken
) -> Iterator[object]:
    """Word weights for each text: `Progress`, then `Finished(tuple[TextExplanation, …])`."""
    if predictor.task != "text":
        raise ExplainError("explain.not_text", predictor.path.name)
    found: list[TextExplanation] = []
    clock = EtaClock(len(texts))
    for done, text in enumerate(texts):
        if cancel.cancelled:
            yield Cancelled()
            return
        found.append(explain_text(predictor, text))
        yield Progress("explain", done + 1, len(texts), clock.eta(done + 1))
    yield Finished(tuple(found))
