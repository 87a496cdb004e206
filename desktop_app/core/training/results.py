"""A `TrainResult`, and on disk and back: JSON + the head's ONNX bytes + its weights as `.npz`.

`TrainResult` is defined here, not beside the training loop, so that the window can receive one
from the training process and save it without importing the loop (and with it ONNX Runtime,
whose import holds the GIL for ~0.1 s). Nothing is pickled (`np.load(allow_pickle=False)`); every file is written atomically.
"""

from __future__ import annotations

import io
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import numpy as np

from desktop_app.core.calibration import Calibration
from desktop_app.core.data.dataset import Skipped, skipped_from_json, skipped_to_json
from desktop_app.core.errors import CoreError, Phrase, reason_of
from desktop_app.core.fileio import atomic_write_bytes, atomic_write_json
from desktop_app.core.metrics import ClassMetrics, Metrics
from desktop_app.core.project_schema import found, read_json
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import EpochEnd

RESULT_FILE = "result.json"
HEAD_FILE = "head.onnx"
STATE_FILE = "head_state.npz"
TOKENIZER_FILE = "tokenizer.json"  # scratch-text only: the tokenizer learnt from the texts
RESULT_FORMAT = 1


class ResultError(CoreError, ValueError):
    """A saved training result that cannot be read back; the message says which file and why."""


@dataclass(frozen=True)
class TrainResult:
    """Everything a trained model is: enough to export, report and reproduce it."""

    config: TrainConfig
    backbone_id: str
    task: str
    classes: tuple[str, ...]
    head_onnx: bytes
    val_metrics: Metrics | None
    test_metrics: Metrics | None
    n_train: int
    n_val: int
    n_test: int
    skipped: tuple[Skipped, ...]
    best_epoch: int
    epochs_run: int
    history: tuple[EpochEnd, ...]
    features_computed: int
    features_cached: int
    seconds: float
    timings: dict[str, float]  # features, torch_import, training (incl. torch_import)
    device: str
    # Parity reference: items and the probabilities the PyTorch head gave for them.
    reference_items: tuple[str, ...] = field(default=())
    reference_probabilities: tuple[tuple[float, ...], ...] = field(default=())
    # The items behind the reported metrics (test split if the data has one, else val) with their
    # true labels and predicted probabilities: what the confusion matrix cells open onto.
    eval_split: str = ""
    eval_items: tuple[str, ...] = field(default=())
    eval_labels: tuple[int, ...] = field(default=())
    eval_probabilities: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    # Many classes (over DENSE_PROBABILITY_CLASSES): each eval item keeps only its best classes;
    # then `eval_probabilities` [n, TOP_CLASSES] holds their probabilities, best first, and this
    # their class indices. Empty when `eval_probabilities` holds every class ([n, classes]).
    eval_top_classes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int32))
    # The best weights as numpy arrays: what "continue training" starts from.
    head_state: dict[str, np.ndarray] = field(default_factory=dict)
    warm_started: bool = False
    # scratch-text: the tokenizer learnt from the training texts (`tokenizers` JSON, truncation
    # set); the exported model carries it. Empty for pretrained backbones (their own is used).
    tokenizer_json: str = ""
    # The temperature fitted on the val split and the ECE it gives on the eval split (None:
    # not fitted, e.g. many classes). The export applies it in the graph; the probabilities
    # above stay the head's own.
    calibration: Calibration | None = None
    # Fine-tuned runs (core/training/finetune.py): how (augmentations, epochs, rates, device);
    # then `head_onnx` is the whole model, image → probabilities, and `head_state` the head
    # trained on frozen features before the fine-tune. Empty for a head on frozen features.
    fine_tune: dict = field(default_factory=dict)
    # Runs of the "Automatic" choice (core/workflows/auto_choice.py): every candidate's
    # validation scores and time, the one chosen, why, and the fine-tune suggestion. Empty for
    # a run of one chosen model.
    auto_choice: dict = field(default_factory=dict)

    @property
    def eval_metrics(self) -> Metrics | None:
        """The metrics a user is shown: test when the data brings a test split, else val."""
        return self.test_metrics if self.test_metrics is not None else self.val_metrics

    def eval_predicted(self) -> np.ndarray:
        """The predicted class of each eval item (empty when the run kept no eval items)."""
        probabilities = np.asarray(self.eval_probabilities)
        if probabilities.ndim != 2 or not probabilities.shape[0] or not probabilities.shape[1]:
            return np.zeros(0, dtype=np.int64)
        if self.eval_top_classes.size:
            return self.eval_top_classes[:, 0].astype(np.int64)
        return probabilities.argmax(axis=1).astype(np.int64)

    def eval_probability(self, rows: np.ndarray, classes: np.ndarray | int) -> np.ndarray:
        """The probability eval item `rows[i]` gave class `classes[i]` (0 for a class outside
        the best ones kept, when there are many classes)."""
        rows = np.asarray(rows, dtype=np.int64)
        wanted = np.broadcast_to(np.asarray(classes, dtype=np.int64), rows.shape)
        probabilities = np.asarray(self.eval_probabilities)
        if not self.eval_top_classes.size:
            return probabilities[rows, wanted].astype(float)
        match = self.eval_top_classes[rows] == wanted[:, None]
        return (probabilities[rows] * match).sum(axis=1).astype(float)

    def eval_top(self, row: int, k: int) -> list[tuple[int, float]]:
        """The `k` most probable classes of eval item `row` and their probabilities, best first."""
        probabilities = np.asarray(self.eval_probabilities[row], dtype=float)
        if self.eval_top_classes.size:
            classes = self.eval_top_classes[row]
            return [(int(c), float(p)) for c, p in zip(classes[:k], probabilities[:k], strict=True)]
        return [(int(i), float(probabilities[i])) for i in np.argsort(-probabilities)[:k]]


def _metrics_to_json(metrics: Metrics | None) -> dict | None:
    return None if metrics is None else metrics.to_json()


def _metrics_from_json(data: dict | None) -> Metrics | None:
    if data is None:
        return None
    return Metrics(
        accuracy=float(data["accuracy"]),
        macro_f1=float(data["macro_f1"]),
        n=int(data["n"]),
        per_class=tuple(ClassMetrics(**c) for c in data["per_class"]),
        confusion=tuple(tuple(int(v) for v in row) for row in data["confusion"]),
        cells=tuple((int(t), int(p), int(c)) for t, p, c in data.get("cells", ())),
    )


def save_result(result: TrainResult, folder: str | os.PathLike[str]) -> None:
    """Write the head and its weights first and the JSON last: the JSON marks a complete save."""
    folder = Path(folder)
    atomic_write_bytes(folder / HEAD_FILE, result.head_onnx)
    buffer = io.BytesIO()
    np.savez(buffer, **{k: np.asarray(v) for k, v in result.head_state.items()})
    atomic_write_bytes(folder / STATE_FILE, buffer.getvalue())
    if result.tokenizer_json:
        atomic_write_bytes(folder / TOKENIZER_FILE, result.tokenizer_json.encode("utf-8"))
    data = {
        "format": RESULT_FORMAT,
        "config": result.config.to_json(),
        "backbone_id": result.backbone_id,
        "task": result.task,
        "classes": list(result.classes),
        "val_metrics": _metrics_to_json(result.val_metrics),
        "test_metrics": _metrics_to_json(result.test_metrics),
        "n_train": result.n_train,
        "n_val": result.n_val,
        "n_test": result.n_test,
        **skipped_to_json(result.skipped),
        "best_epoch": result.best_epoch,
        "epochs_run": result.epochs_run,
        "history": [asdict(e) for e in result.history],
        "features_computed": result.features_computed,
        "features_cached": result.features_cached,
        "seconds": result.seconds,
        "timings": result.timings,
        "device": result.device,
        "reference_items": list(result.reference_items),
        "reference_probabilities": [list(p) for p in result.reference_probabilities],
        "eval_split": result.eval_split,
        "eval_items": list(result.eval_items),
        "eval_labels": list(result.eval_labels),
        "eval_probabilities": np.round(result.eval_probabilities.astype(float), 6).tolist(),
        **(
            {"eval_top_classes": result.eval_top_classes.tolist()}
            if result.eval_top_classes.size
            else {}
        ),
        "warm_started": result.warm_started,
        "tokenizer": TOKENIZER_FILE if result.tokenizer_json else None,
        "calibration": None if result.calibration is None else result.calibration.to_json(),
        **({"fine_tune": result.fine_tune} if result.fine_tune else {}),
        **({"auto_choice": result.auto_choice} if result.auto_choice else {}),
    }
    atomic_write_json(folder / RESULT_FILE, data)


class _Shape(Exception):
    """result.json holds something other than an object (its reason as a Phrase)."""


_OBJECTS = ("config", "timings")
_LISTS = (
    "classes",
    "history",
    "reference_items",
    "reference_probabilities",
    "eval_items",
    "eval_labels",
    "eval_probabilities",
)


def _shape_problem(data: dict) -> Phrase | None:
    """The first field of result.json that is not the object or list it must be, named."""
    for key in _OBJECTS:
        if not isinstance(data.get(key), dict):
            return Phrase("schema.not_object", (key, found(data.get(key))))
    for key in _LISTS:
        if not isinstance(data.get(key), list):
            return Phrase("schema.not_list", (key, found(data.get(key))))
    return None


def load_result(folder: str | os.PathLike[str]) -> TrainResult:
    folder = Path(folder)
    try:
        data = read_json(folder / RESULT_FILE)
        if not isinstance(data, dict):
            raise _Shape(Phrase("schema.whole_file", (found(data),)))
        head = (folder / HEAD_FILE).read_bytes()
        state_path = folder / STATE_FILE
        state: dict[str, np.ndarray] = {}
        if state_path.exists():
            with np.load(state_path, allow_pickle=False) as archive:
                state = {k: archive[k].copy() for k in archive.files}
        tokenizer_json = ""
        if data.get("tokenizer"):
            tokenizer_json = (folder / TOKENIZER_FILE).read_text(encoding="utf-8")
    except _Shape as shape:
        raise ResultError("run.damaged", folder / RESULT_FILE, shape.args[0]) from None
    except (OSError, ValueError) as error:
        raise ResultError("run.cannot_read", folder, reason_of(error)) from error
    if data.get("format") != RESULT_FORMAT:
        raise ResultError("run.unknown_format", folder / RESULT_FILE, repr(data.get("format")))
    shape = _shape_problem(data)
    if shape is not None:
        raise ResultError("run.damaged", folder / RESULT_FILE, shape)
    try:
        known = {f.name for f in fields(TrainConfig)}
        config = TrainConfig(**{k: v for k, v in data["config"].items() if k in known})
        n_classes = len(data["classes"])
        top_classes = np.asarray(data.get("eval_top_classes", []), dtype=np.int32)
        width = top_classes.shape[1] if top_classes.ndim == 2 else n_classes
        probabilities = np.asarray(data["eval_probabilities"], dtype=np.float32).reshape(-1, width)
        if top_classes.size and (
            top_classes.shape != probabilities.shape
            or top_classes.max() >= n_classes
            or top_classes.min() < 0
        ):
            raise ValueError("eval_top_classes does not fit eval_probabilities and classes")
        if not top_classes.size:
            top_classes = np.zeros((0, 0), np.int32)
        return TrainResult(
            config=config,
            backbone_id=data["backbone_id"],
            task=data["task"],
            classes=tuple(data["classes"]),
            head_onnx=head,
            val_metrics=_metrics_from_json(data["val_metrics"]),
            test_metrics=_metrics_from_json(data["test_metrics"]),
            n_train=int(data["n_train"]),
            n_val=int(data["n_val"]),
            n_test=int(data["n_test"]),
            skipped=tuple(skipped_from_json(data)),
            best_epoch=int(data["best_epoch"]),
            epochs_run=int(data["epochs_run"]),
            history=tuple(EpochEnd(**e) for e in data["history"]),
            features_computed=int(data["features_computed"]),
            features_cached=int(data["features_cached"]),
            seconds=float(data["seconds"]),
            timings=dict(data["timings"]),
            device=data["device"],
            reference_items=tuple(data["reference_items"]),
            reference_probabilities=tuple(tuple(p) for p in data["reference_probabilities"]),
            eval_split=data["eval_split"],
            eval_items=tuple(data["eval_items"]),
            eval_labels=tuple(int(v) for v in data["eval_labels"]),
            eval_probabilities=probabilities,
            eval_top_classes=top_classes,
            head_state=state,
            warm_started=bool(data.get("warm_started", False)),
            tokenizer_json=tokenizer_json,
            calibration=(
                Calibration.from_json(data["calibration"]) if data.get("calibration") else None
            ),
            fine_tune=dict(data.get("fine_tune") or {}),
            auto_choice=dict(data.get("auto_choice") or {}),
        )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as error:
        raise ResultError("run.damaged", folder / RESULT_FILE, error) from error
