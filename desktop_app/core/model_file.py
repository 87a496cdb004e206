"""Change one field of an exported model's metadata in place: its "unsure" threshold.

The graph, its weights and every other metadata entry stay as they are; the file is replaced
atomically (a crash leaves the old model or the new one, never half of one) and read back to
check that it says what was asked. The `calibration` entry's copy of the threshold follows.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.core.errors import CoreError
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.trust import check_unsure_threshold

THRESHOLD_KEY = "unsure_threshold"
CALIBRATION_KEY = "calibration"


class ModelFileError(CoreError, ValueError):
    """The model file cannot be read or changed; the message names it and says why."""


def read_metadata(path: str | Path) -> dict[str, str]:
    """The metadata of an exported model (ModelFileError naming the file when it is not one)."""
    return dict(_load(Path(path))[1])


def set_unsure_threshold(path: str | Path, threshold: float) -> dict[str, str]:
    """Rewrite the `unsure_threshold` of the Classifier Studio model at `path` (a probability,
    checked), atomically; returns the metadata as written and read back."""
    threshold = check_unsure_threshold(threshold)
    path = Path(path)
    model, meta = _load(path)
    value = f"{threshold:g}"
    entries = {entry.key: entry for entry in model.metadata_props}
    if THRESHOLD_KEY in entries:
        entries[THRESHOLD_KEY].value = value
    else:
        entry = model.metadata_props.add()
        entry.key, entry.value = THRESHOLD_KEY, value
    if CALIBRATION_KEY in entries:
        try:
            calibration = json.loads(entries[CALIBRATION_KEY].value)
        except ValueError:
            calibration = None
        if isinstance(calibration, dict):
            calibration[THRESHOLD_KEY] = threshold
            entries[CALIBRATION_KEY].value = json.dumps(calibration)
    data = model.SerializeToString()
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise ModelFileError("model.cannot_write", path, error.strerror or error) from error
    written = dict(_load(path)[1])
    if written.get(THRESHOLD_KEY) != value:  # pragma: no cover - a disk that lies
        raise ModelFileError("model.not_changed", path)
    return written


def _load(path: Path):  # -> tuple[onnx.ModelProto, dict[str, str]]
    """The parsed model and its metadata; ModelFileError for a missing, unreadable, broken or
    foreign file (the same keys the Predictor uses)."""
    import onnx

    if path.is_dir():
        raise ModelFileError("model.is_folder", path.name, path)
    if not path.is_file():
        raise ModelFileError("model.not_found", path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ModelFileError("model.cannot_read", path, error.strerror or error) from error
    if not data:
        raise ModelFileError("model.empty", path.name)
    try:
        model = onnx.load_model_from_string(data)
        onnx.checker.check_model(model)
    except Exception as error:  # noqa: BLE001 - protobuf and checker errors have many types
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise ModelFileError("model.not_onnx", path.name, first_line) from error
    meta = {entry.key: entry.value for entry in model.metadata_props}
    if "labels" not in meta:
        raise ModelFileError("model.not_ours", path.name)
    return model, meta
