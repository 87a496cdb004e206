"""A `TrainResult` on disk and back: JSON + the head's ONNX bytes + its weights as `.npz`.

Nothing is pickled (`np.load(allow_pickle=False)`); every file is written atomically.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

from desktop_app.core.data.dataset import skipped_from_json, skipped_to_json
from desktop_app.core.errors import CoreError
from desktop_app.core.fileio import atomic_write_bytes, atomic_write_json
from desktop_app.core.metrics import ClassMetrics, Metrics
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import EpochEnd
from desktop_app.core.training.loop import TrainResult

RESULT_FILE = "result.json"
HEAD_FILE = "head.onnx"
STATE_FILE = "head_state.npz"
TOKENIZER_FILE = "tokenizer.json"  # scratch-text only: the tokenizer learnt from the texts
RESULT_FORMAT = 1


class ResultError(CoreError, ValueError):
    """A saved training result that cannot be read back; the message says which file and why."""


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
    }
    atomic_write_json(folder / RESULT_FILE, data)


def load_result(folder: str | os.PathLike[str]) -> TrainResult:
    folder = Path(folder)
    try:
        data = json.loads((folder / RESULT_FILE).read_text(encoding="utf-8"))
        head = (folder / HEAD_FILE).read_bytes()
        state_path = folder / STATE_FILE
        state: dict[str, np.ndarray] = {}
        if state_path.exists():
            with np.load(state_path, allow_pickle=False) as archive:
                state = {k: archive[k].copy() for k in archive.files}
        tokenizer_json = ""
        if data.get("tokenizer"):
            tokenizer_json = (folder / TOKENIZER_FILE).read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        raise ResultError("run.cannot_read", folder, error) from error
    if data.get("format") != RESULT_FORMAT:
        raise ResultError("run.unknown_format", folder / RESULT_FILE, repr(data.get("format")))
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
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ResultError("run.damaged", folder / RESULT_FILE, error) from error
