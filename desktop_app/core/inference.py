"""`Predictor`: load any exported model, read its metadata, return top-k for images.

Needs only onnxruntime, numpy and OpenCV (no torch, no onnx): the same path the packaged app
and a user's own script take.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop_app.core.data.images import ImageError, load_image
from desktop_app.core.errors import CoreError, Phrase
from desktop_app.core.runtime import (
    RUN_TIME_LIMIT_S,
    TENSORRT,
    RunTimedOut,
    create_session,
    interruptible,
    native_stderr_muted,
    run_guarded,
    run_images,
)
from desktop_app.core.tasks import Task, get_task, task_names
from desktop_app.core.training.events import CancelToken

FORMAT_KEY = "classifier_studio.format"
SUPPORTED_FORMATS = {"1"}
MAX_MODEL_BYTES = 2 * 1024**3


class ModelError(CoreError, ValueError):
    """A model file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Prediction:
    """Top-k labels with probabilities, best first."""

    labels: tuple[str, ...]
    probabilities: tuple[float, ...]
    latency_ms: float
    # the best probability is below the model's `unsure_threshold` (metadata): "not sure"
    unsure: bool = False

    @property
    def label(self) -> str:
        return self.labels[0]


@dataclass(frozen=True)
class PathPrediction:
    path: str
    prediction: Prediction | None
    error: Phrase | None = None  # why the image could not be classified


def _check_file(path: Path, structure: bool = True) -> None:
    """Refuse, before any session is made (ModelError naming the file and the reason): a missing
    file or a folder, an empty or oversized file, and a file `onnx.checker` rejects (when the
    `onnx` package is present; the packaged inference path may run without it, and ONNX Runtime
    still refuses broken files)."""
    if path.is_dir():
        raise ModelError("model.is_folder", path.name, path)
    if path.exists() and not path.is_file():  # a pipe would block the reader, a device never end
        raise ModelError("model.not_regular", path.name)
    if not path.is_file():
        raise ModelError("model.not_found", path)
    size = path.stat().st_size
    if size == 0:
        raise ModelError("model.empty", path.name)
    if size > MAX_MODEL_BYTES:
        raise ModelError(
            "model.too_large", path.name, f"{size / 2**30:.1f}", f"{MAX_MODEL_BYTES / 2**30:.0f}"
        )
    if not structure:  # a model this app wrote and checked at export (a project's run)
        return
    try:
        import onnx
    except ImportError:  # pragma: no cover
        return
    try:
        # By path: the checker reads the file itself (a parsed model would be serialised again,
        # twice the time for a 90 MB text model).
        onnx.checker.check_model(str(path))
    except Exception as error:  # noqa: BLE001 - protobuf and checker errors have many types
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise ModelError("model.not_onnx", path.name, first_line) from error


def _validated(path: Path, meta: dict[str, str]) -> dict[str, str]:
    """`meta` if it describes a model this app can use; ModelError otherwise."""
    if FORMAT_KEY not in meta:
        raise ModelError("model.not_ours", path.name)
    if meta[FORMAT_KEY] not in SUPPORTED_FORMATS:
        raise ModelError("model.newer_format", path.name, meta[FORMAT_KEY])
    if "task" not in meta:
        raise ModelError("model.no_task", path.name)
    if meta["task"] not in task_names():
        raise ModelError(
            "model.unknown_task", path.name, repr(meta.get("task")), Phrase("phrase.image_or_text")
        )
    try:
        labels = json.loads(meta.get("labels", ""))
    except ValueError as error:
        raise ModelError("model.labels_unreadable", path.name, error) from error
    if (
        not isinstance(labels, list)
        or not labels
        or not all(isinstance(label, str) for label in labels)
    ):
        raise ModelError("model.labels_not_names", path.name)
    return meta


def _run_error(name: str, error: Exception) -> ModelError:
    """One clear line for a model that failed while running (ONNX Runtime's long message cut
    to its reason; a request for an impossible buffer said as such)."""
    text = str(error)
    wanted = re.search(r"buffer of size (\d+)", text)
    if wanted:
        return ModelError("model.too_much_memory", name, f"{int(wanted[1]) / 2**30:,.0f}")
    reason = text.split("Status Message:", 1)[-1].strip().splitlines()
    return ModelError("model.run_failed", name, (reason or [type(error).__name__])[0][:200])


def _check_contract(path: Path, session, task: Task, n_labels: int) -> None:
    """The model's inputs and outputs must be those of its task and its number of labels."""
    task.check_model_inputs(path, session)
    outputs = session.get_outputs()
    width = outputs[0].shape[-1] if outputs and outputs[0].shape else None
    if isinstance(width, int) and width != n_labels:
        raise ModelError("model.output_mismatch", path.name, n_labels, width)


class Predictor:
    """A loaded classifier. Thread-safe for concurrent `probabilities` calls (ORT sessions are)."""

    def __init__(
        self,
        model_path: str | os.PathLike[str],
        providers: list[str] | None = None,
        check_structure: bool = True,
    ) -> None:
        """`check_structure=False` skips `onnx.checker` (ONNX Runtime still refuses a broken
        file): for the models of a project's own runs, which the export checked, so the window
        does not pay the `onnx` import (≈0.5 s holding the GIL) before its first prediction."""
        path = Path(model_path)
        _check_file(path, check_structure)
        try:
            self.session = create_session(str(path), providers)
        except Exception as error:
            first_line = str(error).splitlines()[0][:200]
            raise ModelError("model.not_onnx", path.name, first_line) from error
        meta = _validated(path, dict(self.session.get_modelmeta().custom_metadata_map))
        self.labels: tuple[str, ...] = tuple(json.loads(meta["labels"]))
        self.task: str = meta["task"]
        self.kind: Task = get_task(self.task, path.name)  # what differs per kind of data
        self.metadata: dict[str, str] = dict(meta)
        _check_contract(path, self.session, self.kind, len(self.labels))
        self.path = path
        self.input_name = self.session.get_inputs()[0].name
        self.providers = tuple(self.session.get_providers())
        # one batch running longer is stopped (a crafted endless Loop); TensorRT builds its
        # engines during the first runs, for minutes: no limit there
        self.run_time_limit_s: float | None = (
            None if self.providers[0] == TENSORRT else RUN_TIME_LIMIT_S
        )
        # text: the tokenizer from the metadata; None for models that take items as they are
        self.tokenizer = self.kind.load_encoder(path, meta)
        # below this best probability a prediction is "unsure" (None: the model sets none)
        self.unsure_threshold: float | None = _unsure_threshold(meta)

    def _require(self, task: str) -> None:
        if self.task != task:
            raise ModelError(
                "model.wrong_kind", self.path.name, self.kind.noun, get_task(task).noun
            )

    def text_probabilities(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """[N, classes] for strings: tokenised with the model's own tokenizer, batched by length."""
        from desktop_app.core.text_embedding import encodable, length_sorted_batches, pad_batch

        self._require("text")
        out = np.zeros((len(texts), len(self.labels)), np.float32)
        if not texts:
            return out
        token_ids = [e.ids for e in self.encode([encodable(t) for t in texts])]
        for batch in length_sorted_batches(token_ids, batch_size):
            input_ids, attention_mask = pad_batch([token_ids[i] for i in batch])
            feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
            out[batch] = self.run(["probabilities"], feeds)[0]
        return out

    def encode(self, texts: list[str]) -> list:
        """The model's tokenizer over `texts`; a tokenizer that fails (a crafted regex that
        explodes panics inside `tokenizers`) is one ModelError, its panic message kept off
        the terminal; Ctrl+C still stops the command line while it works."""
        try:
            with native_stderr_muted():
                return interruptible(lambda: self.tokenizer.encode_batch(texts))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as error:  # noqa: BLE001 - a Rust panic is a BaseException
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
            raise ModelError("model.tokenizer_failed", self.path.name, reason) from error

    def run(self, output_names: list[str] | None, feeds: dict[str, np.ndarray]) -> list:
        """`session.run` for this user's model: stopped past `run_time_limit_s`, stopped by
        Ctrl+C on the command line, and any failure one ModelError naming the file."""
        try:
            return run_guarded(self.session, output_names, feeds, self.run_time_limit_s)
        except RunTimedOut as error:
            limit = f"{self.run_time_limit_s:g}"
            raise ModelError("model.run_timeout", self.path.name, limit) from error
        except MemoryError as error:
            reason = os.strerror(errno.ENOMEM)
            raise ModelError("model.run_failed", self.path.name, reason) from error
        except Exception as error:  # noqa: BLE001 - ONNX Runtime's errors have many types
            raise _run_error(self.path.name, error) from error

    def predict_text(self, text: str, k: int = 3) -> Prediction:
        start = time.perf_counter()
        probabilities = self.text_probabilities([text])[0]
        return self.top_k(probabilities, k, (time.perf_counter() - start) * 1000)

    def probabilities(self, images: Sequence[np.ndarray]) -> np.ndarray:
        """[N, classes] for RGB uint8 images; images of equal size are batched together."""
        self._require("image")
        if not images:
            return np.zeros((0, len(self.labels)), np.float32)
        return run_images(self.session, images, self.run)

    def top_k(self, probabilities: np.ndarray, k: int = 3, latency_ms: float = 0.0) -> Prediction:
        k = max(1, min(k, len(self.labels)))
        order = np.argsort(-probabilities, kind="stable")[:k]
        threshold = self.unsure_threshold
        return Prediction(
            tuple(self.labels[i] for i in order),
            tuple(float(probabilities[i]) for i in order),
            latency_ms,
            threshold is not None and float(probabilities[order[0]]) < threshold,
        )

    def predict(self, image: np.ndarray, k: int = 3) -> Prediction:
        start = time.perf_counter()
        probabilities = self.probabilities([image])[0]
        return self.top_k(probabilities, k, (time.perf_counter() - start) * 1000)

    def predict_file(self, path: str | os.PathLike[str], k: int = 3) -> Prediction:
        """Decode and classify one file; latency covers decoding too."""
        start = time.perf_counter()
        probabilities = self.probabilities([load_image(path)])[0]
        return self.top_k(probabilities, k, (time.perf_counter() - start) * 1000)

    def predict_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        k: int = 3,
        batch_size: int = 32,
        cancel: CancelToken | None = None,
    ) -> Iterator[PathPrediction]:
        """Classify files in order; a bad file becomes an error entry, never an exception.

        Files are read and decoded by a small thread pool one batch ahead of inference, so on
        a CPU the decoding hides behind `session.run` (folder → CSV runs at the speed of the
        model). `latency_ms` is the batch's inference time per image. Stops quietly when
        `cancel` is set.
        """
        from concurrent.futures import ThreadPoolExecutor

        from desktop_app.core.runtime import cpu_threads

        self._require("image")
        files = [str(p) for p in paths]
        chunks = [files[i : i + batch_size] for i in range(0, len(files), batch_size)]
        if not chunks:
            return
        workers = min(4, max(2, cpu_threads()))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="predict-decode") as pool:
            pending = pool.map(_decode_or_reason, chunks[0])
            for index, chunk in enumerate(chunks):
                loaded = list(pending)
                if index + 1 < len(chunks):
                    pending = pool.map(_decode_or_reason, chunks[index + 1])
                good = [i for i, x in enumerate(loaded) if not isinstance(x, Phrase)]
                rows: dict[int, np.ndarray] = {}
                per_image_ms = 0.0
                if good:
                    start = time.perf_counter()
                    batch = self.probabilities([loaded[i] for i in good])
                    per_image_ms = (time.perf_counter() - start) * 1000 / len(good)
                    rows = dict(zip(good, batch, strict=True))
                for i, path in enumerate(chunk):
                    if i in rows:
                        yield PathPrediction(path, self.top_k(rows[i], k, per_image_ms))
                    else:
                        yield PathPrediction(path, None, loaded[i])
                if cancel is not None and cancel.cancelled:
                    return


def _unsure_threshold(meta: dict[str, str]) -> float | None:
    """The metadata's `unsure_threshold` as a probability, or None (absent or not in 0…1: a
    model from before calibration, or one edited by hand, answers as before)."""
    try:
        value = float(meta.get("unsure_threshold", ""))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


def _decode_or_reason(path: str) -> np.ndarray | Phrase:
    """Decoded RGB pixels, or the reason (naming what is wrong) they cannot be had."""
    try:
        return load_image(path)
    except ImageError as error:
        return error.phrase
    except (OSError, ValueError, MemoryError) as error:
        return Phrase("image.cannot_read", (error,))


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files as given; folders expanded to the images below them (sorted, hidden files skipped)."""
    from desktop_app.core.data.images import SUPPORTED_EXTENSIONS

    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                found.extend(
                    Path(dirpath) / name
                    for name in sorted(filenames)
                    if not name.startswith(".")
                    and Path(name).suffix.lower() in SUPPORTED_EXTENSIONS
                )
        else:
            found.append(path)
    return found
