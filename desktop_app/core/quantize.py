"""INT8 export: a smaller, faster copy of an exported model (onnxruntime.quantization, no Qt).

Image models: static quantization of everything after the in-graph preprocessing (QDQ format,
int8 weights per output channel, uint8 activations, MinMax calibration on training images).
The preprocessing graph (decode contract, resize, crop) stays float; so do the head's Gemm and
the final Softmax, so `probabilities` are float as before. When the
normalisation is `(x - m) / s` with one integer `m` and one `s` for all channels (every
pretrained backbone here), the uint8 pixels ARE the quantized input (scale 1/s, zero point m):
the float Sub/Div and the first QuantizeLinear become one rounding of the resized image.

Why these choices (measured on flowers12, 2-core AVX2 CPU without VNNI; FP32 96.25 % test
accuracy): u8 activations with s8 weights take ORT's fast u8s8 kernels (u8u8 was 4-6x slower
than float, s8 activations barely faster than float); weights of GEMM-based convolutions use a
7-bit range, which avoids the 16-bit saturation of the u8s8 multiply-add on CPUs without VNNI
(full 8 bits: 93.75 %, 7 bits: 95.0 %), while depthwise convolutions, whose kernels do not
saturate, keep all 8 bits (95.83 %), and so does the stem convolution (bench model: 95.42 →
95.83 %, FP32 96.67 %; no slower); per-channel weights (per-tensor: 93.3 %); MinMax calibration
(Percentile/Entropy: no better, 3-5x slower; 100 images calibrate as well as 300). ORT's graph
clean-up (`quant_pre_process`) first folds the static Pads into the convolutions (without it
INT8 was barely faster than float); folding the normalisation into the input quantization gave
another ~1.2x at batch 1.

Text models: dynamic quantization of the MatMul/Gemm weights (int8); no calibration needed.

The check (top-1 agreement with the float model, max |Δp|, both accuracies, the speed-up) runs
on held-out items (`HeldOut`: the val or test split), never on the training items that
calibrated the model: agreement on those flattered INT8 (100 % on 32 training images while it
lost 1.3 points on 372 held-out test images).

The model keeps all its metadata and gains `precision` = "int8" and a `quantization` record.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.errors import CoreError, reason_of
from desktop_app.core.explain import CAM_OUTPUT, EXPLANATION_KEY
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.inference import FORMAT_KEY, ModelError
from desktop_app.core.runtime import CPU, create_session
from desktop_app.core.tasks import get_task, task_names
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EtaClock,
    Event,
    Finished,
    Progress,
)

PRECISION_KEY = "precision"
QUANTIZATION_KEY = "quantization"
INT8 = "int8"
MAX_CALIBRATION = 100  # more (256) calibrated no better on flowers12 and took twice as long
CHECK_ITEMS = 256  # held-out items compared (spread over the classes): 0.4-point steps
_QUANTIZED_OPS = {"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"}


class QuantizeError(CoreError, ValueError):
    """The model could not be quantized; the message says why."""


@dataclass(frozen=True)
class QuantizeReport:
    """What quantization produced, and how closely it follows the float model."""

    path: str
    size_bytes: int
    float_size_bytes: int
    seconds: float
    calibration_items: int
    check_items: int
    top1_agreement: float | None
    max_abs_diff: float | None
    method: str
    # float time ÷ INT8 time on the check items, measured on this computer: INT8 pays off on
    # CPUs with 8-bit dot-product instructions (AVX-512 VNNI, AVX-VNNI, Arm dot product) and
    # can be no faster without them (an AVX2-only AMD EPYC measured about 1.0×)
    speedup: float | None = None
    # the held-out split the check ran on ("val"/"test"; "" when nothing was checked) and the
    # accuracy of each model on those `check_items` (None: not measured)
    check_split: str = ""
    float_accuracy: float | None = None
    int8_accuracy: float | None = None

    @property
    def accuracy_change_points(self) -> float | None:
        """INT8 accuracy − float accuracy on the held-out check items, in percentage points."""
        if self.float_accuracy is None or self.int8_accuracy is None:
            return None
        return (self.int8_accuracy - self.float_accuracy) * 100


@dataclass(frozen=True)
class HeldOut:
    """Items kept out of training (`split`: "val" or "test") with their true label names: what
    the INT8 copy is checked on."""

    items: Sequence[str]
    labels: Sequence[str]
    split: str

    @classmethod
    def of(cls, dataset: Any) -> HeldOut | None:
        """The dataset's eval split (test when it has one, else val), or None without one."""
        split = "test" if dataset.has_split("test") else "val"
        positions = dataset.indices(split)
        if not len(positions):
            return None
        items = [dataset.items[i] for i in positions]
        return cls(items, [dataset.classes[dataset.labels[i]] for i in positions], split)


class _Stop(Exception):
    """Raised inside the calibration thread when the user cancels."""


def is_quantized(model_path: str | os.PathLike[str]) -> bool:
    """True when the model file says it is INT8 (read from its metadata only)."""
    import onnx

    model = onnx.load(str(model_path), load_external_data=False)
    return {p.key: p.value for p in model.metadata_props}.get(PRECISION_KEY) == INT8


def sample_evenly(items: Sequence[str], n: int) -> list[str]:
    """At most `n` items spread over the whole (class-sorted) list, so every class is seen."""
    if len(items) <= n:
        return list(items)
    return [items[int(i)] for i in np.linspace(0, len(items) - 1, n).round()]


def quantize_model(
    model_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    calibration: Sequence[str] = (),
    cancel: CancelToken | None = None,
    max_calibration: int = MAX_CALIBRATION,
    held_out: HeldOut | None = None,
) -> Iterator[Event]:
    """Write an INT8 copy of a Classifier Studio model to `out_path` (atomically).

    `calibration`: training image paths for image models (required; a sample of at most
    `max_calibration` is used), ignored for text models (dynamic INT8 needs none).
    `held_out`: val/test items with their labels; the INT8 copy is compared with the float
    model on (a sample of) them, never on calibration items. Without it nothing is checked.
    Yields `Progress` ("calibrate", "quantize", "check"), then `Finished(QuantizeReport)`, or
    `Cancelled("quantize")`. Raises `ModelError` for a model that is not ours or already INT8,
    `QuantizeError` when there is nothing to calibrate on or the file cannot be written."""
    import onnx

    start = time.perf_counter()
    model_path, out_path = Path(model_path), Path(out_path)
    if out_path.suffix.lower() != ".onnx":
        raise QuantizeError("export.not_onnx_name", out_path)
    model = _load_ours(model_path)
    meta = {p.key: p.value for p in model.metadata_props}
    cancel = cancel or CancelToken()
    sample = sample_evenly(list(calibration), max_calibration)
    outcome: list[tuple[onnx.ModelProto, int, str]] = []
    for event in get_task(meta.get("task"), model_path.name).quantize(
        model, sample, cancel, outcome
    ):
        yield event
        if isinstance(event, Cancelled):
            return
    quantized, calibration_items, method = outcome[0]
    check, truth = check_sample(held_out, set(calibration))
    found = Check()
    if check:
        float_session = create_session(model.SerializeToString(), [CPU])
        int8_session = create_session(quantized.SerializeToString(), [CPU])
        result: list[Check] = []
        labels = json.loads(meta.get("labels", "[]"))
        for event in _compare(
            float_session, int8_session, meta.get("task"), check, truth, labels, cancel, result
        ):
            yield event
            if isinstance(event, Cancelled):
                return
        found = result[0]
    split = held_out.split if found.n else ""
    record = {
        "method": method,
        "calibration_items": calibration_items,
        "check_split": split,
        "check_items": found.n,
        "top1_agreement": found.agreement,
        "max_abs_diff": found.max_diff,
        "float_accuracy": found.float_accuracy,
        "int8_accuracy": found.int8_accuracy,
        "speedup_on_exporting_computer": found.speedup,
        "check_note": f"measured on {found.n} held-out {split} items, not on the training items "
        "that calibrated it"
        if found.n
        else "not checked (no held-out items)",
        "metrics_note": "'metrics' were measured on the float32 model",
    }
    entries = {**meta, PRECISION_KEY: INT8, QUANTIZATION_KEY: json.dumps(record)}
    if CAM_OUTPUT not in {o.name for o in quantized.graph.output}:
        entries.pop(EXPLANATION_KEY, None)
    del quantized.metadata_props[:]
    for key, value in entries.items():
        quantized.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))
    quantized.doc_string = (model.doc_string + " Quantized to INT8.").strip()
    data = quantized.SerializeToString()
    try:
        atomic_write_bytes(out_path, data)
    except OSError as error:
        raise QuantizeError("export.cannot_write", out_path, error.strerror or error) from error
    yield Finished(
        QuantizeReport(
            str(out_path),
            len(data),
            model_path.stat().st_size,
            time.perf_counter() - start,
            calibration_items,
            found.n,
            found.agreement,
            found.max_diff,
            method,
            found.speedup,
            split,
            found.float_accuracy,
            found.int8_accuracy,
        )
    )


def check_sample(
    held_out: HeldOut | None, training: set[str], n: int = CHECK_ITEMS
) -> tuple[list[str], list[str]]:
    """At most `n` held-out items spread over the (class-sorted) split, with their labels; an
    item that is also a calibration item is left out (the check must not see training data)."""
    if held_out is None:
        return [], []
    pairs = [
        (item, label)
        for item, label in zip(held_out.items, held_out.labels, strict=True)
        if item not in training
    ]
    if len(pairs) > n:
        pairs = [pairs[int(i)] for i in np.linspace(0, len(pairs) - 1, n).round()]
    return [p[0] for p in pairs], [p[1] for p in pairs]


@dataclass(frozen=True)
class Check:
    """The INT8 copy against the float model on `n` held-out items (all None when n is 0)."""

    n: int = 0
    agreement: float | None = None
    max_diff: float | None = None
    float_accuracy: float | None = None
    int8_accuracy: float | None = None
    speedup: float | None = None


IMAGE_METHOD = (
    "static QDQ: int8 per-channel weights (7-bit range except depthwise), uint8 activations, "
    "MinMax calibration"
)


def _load_ours(path: Path):
    """The model as an `onnx.ModelProto`, after checking it is a float Classifier Studio model."""
    import onnx

    if not path.is_file():
        raise ModelError("model.not_found", path)
    try:
        model = onnx.load(str(path))
    except Exception as error:  # noqa: BLE001 - any parse failure means "not a model"
        raise ModelError("model.not_onnx", path.name, error) from error
    meta = {p.key: p.value for p in model.metadata_props}
    if FORMAT_KEY not in meta:
        raise ModelError("model.not_ours", path.name)
    if meta.get(PRECISION_KEY) == INT8 or any(
        n.op_type in _QUANTIZED_OPS for n in model.graph.node
    ):
        raise ModelError("model.already_int8", path.name)
    if meta.get("task") not in task_names():
        raise ModelError("model.unknown_task_short", path.name, repr(meta.get("task")))
    from desktop_app.core.onnx_utils import restore_weights_fp32

    # the quantizers look for weights as float32 initializers (our backbones store float16 + Cast)
    return restore_weights_fp32(model)


def quantize_image_static(
    model, sample: list[str], cancel: CancelToken, outcome: list
) -> Iterator[Event]:
    """Static QDQ quantization of the graph after `pixels`; the preprocessing stays float."""
    from onnx import utils as onnx_utils

    from desktop_app.core.data.images import ImageError, load_image

    # the INT8 copy answers probabilities only: `cam` (core/explain.py) is left out, and the
    # explainer adds it back in memory where the quantized graph allows, else uses occlusion
    kept = [o for o in model.graph.output if o.name != CAM_OUTPUT]
    del model.graph.output[:]
    model.graph.output.extend(kept)
    names = {o for n in model.graph.node for o in n.output}
    if "pixels" not in names or [o.name for o in model.graph.output] != ["probabilities"]:
        raise ModelError("model.no_pixels")
    extractor = onnx_utils.Extractor(model)
    preprocessing = extractor.extract_model(["image"], ["pixels"])
    body = extractor.extract_model(["pixels"], ["probabilities"])
    pre_session = create_session(preprocessing.SerializeToString(), [CPU])

    progress: queue.Queue = queue.Queue()
    used: list[int] = [0]

    from onnxruntime.quantization import CalibrationDataReader

    class Reader(CalibrationDataReader):
        """Training images through the float preprocessing, one at a time."""

        def __init__(self) -> None:
            self.position = 0

        def get_next(self) -> dict[str, np.ndarray] | None:
            while self.position < len(sample):
                if cancel.cancelled:
                    raise _Stop
                path = sample[self.position]
                self.position += 1
                progress.put(self.position)
                try:
                    image = load_image(path)
                except ImageError:
                    continue  # a bad file is skipped, never fatal
                used[0] += 1
                return {"pixels": pre_session.run(None, {"image": image[None]})[0]}
            if self.position == len(sample):
                self.position += 1
                progress.put("quantize")  # calibration done; ranges → INT8 weights now
            return None

    with tempfile.TemporaryDirectory(prefix="classifier-studio-int8-") as tmp:
        quantized_body: list = []
        errors: list[BaseException] = []

        def work() -> None:
            try:
                quantized_body.append(_quantize_static(body, Reader(), Path(tmp)))
            except BaseException as error:  # noqa: BLE001 - handed to the generator below
                errors.append(error)
            finally:
                progress.put(None)

        thread = threading.Thread(target=work, name="int8-calibration", daemon=True)
        thread.start()
        clock = EtaClock(len(sample))
        done = 0
        yield Progress("calibrate", 0, len(sample))
        while True:
            item = progress.get()
            if item is None:
                break
            if item == "quantize":
                yield Progress("quantize", 0, 1, message="computing INT8 weights")
                continue
            done = item
            yield Progress("calibrate", done, len(sample), clock.eta(done))
        thread.join()
    if errors and isinstance(errors[0], _Stop):
        yield Cancelled("quantize")
        return
    if used[0] == 0:
        raise QuantizeError("quantize.no_readable_images")
    if errors:
        raise QuantizeError("quantize.failed", reason_of(errors[0])) from errors[0]
    outcome.append((_join(model, preprocessing, quantized_body[0]), used[0]))


def _quantize_static(body, reader, tmp: Path):
    """ORT's clean-up (folds Pads into convolutions, infers shapes), then static QDQ."""
    import onnx
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    raw, prepared, quantized = tmp / "body.onnx", tmp / "prepared.onnx", tmp / "int8.onnx"
    onnx.save(body, str(raw))
    quant_pre_process(str(raw), str(prepared))
    nodes = onnx.load(str(prepared)).graph.node
    softmax = [n.name for n in nodes if n.op_type == "Softmax"]
    # Depthwise kernels widen to 16 bits before multiplying: they keep the full 8-bit weights
    # (half the error of 7 bits); the GEMM-based convolutions would saturate with them, except
    # the stem (the first convolution, 27 weights per output), the layer most sensitive to
    # rounding: 8 bits there cost nothing in speed and lost fewer test images.
    convolutions = [n for n in nodes if n.op_type == "Conv"]
    full_range = {
        n.input[1]: [{"axis": 0, "reduce_range": False}]
        for i, n in enumerate(convolutions)
        if i == 0 or next((a.i for a in n.attribute if a.name == "group"), 1) > 1
    }
    quantize_static(
        str(prepared),
        str(quantized),
        reader,
        quant_format=QuantFormat.QDQ,
        op_types_to_quantize=[
            "Conv",
            "Clip",
            "Relu",
            "Add",
            "MaxPool",
            "AveragePool",
            "GlobalAveragePool",
        ],
        nodes_to_exclude=softmax,
        per_channel=True,
        reduce_range=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=CalibrationMethod.MinMax,
        extra_options={"TensorQuantOverrides": full_range} if full_range else {},
    )
    return onnx.load(str(quantized))


def _join(model, preprocessing, body):
    """Float preprocessing + quantized body as one model with the original's interface."""
    from onnx import helper

    pre_nodes = list(preprocessing.graph.node)
    pre_init = list(preprocessing.graph.initializer)
    body_nodes = list(body.graph.node)
    body_init = list(body.graph.initializer)
    _fold_normalisation(pre_nodes, pre_init, body_nodes, body_init)
    graph = helper.make_graph(
        pre_nodes + body_nodes,
        model.graph.name,
        list(model.graph.input),
        list(model.graph.output),
        pre_init + body_init,
    )
    used = {n.domain or "" for n in graph.node}
    opsets = [o for o in body.opset_import if (o.domain or "") in used | {""}]
    joined = helper.make_model(graph, opset_imports=opsets, producer_name="classifier-studio")
    joined.ir_version = max(model.ir_version, body.ir_version)
    return joined


def _fold_normalisation(pre_nodes: list, pre_init: list, body_nodes: list, body_init: list) -> bool:
    """Quantize the resized uint8 image directly when `(x - m) / s` is one integer m and one s.

    Then `round(((x - m) / s) / (1 / s)) + m == round(x)`: with the input scale 1/s and zero
    point m, the float Sub/Div (costly on NHWC with a size-3 last axis) and the first
    QuantizeLinear collapse into QuantizeLinear(x, 1, 0). Returns False (and changes nothing)
    when the graph has another shape."""
    from onnx import TensorProto, helper, numpy_helper

    producers = {o: n for n in pre_nodes for o in n.output}
    init = {t.name: t for t in pre_init + body_init}
    transpose = producers.get("pixels")
    div = producers.get(transpose.input[0]) if transpose is not None else None
    sub = producers.get(div.input[0]) if div is not None and div.op_type == "Div" else None
    if transpose is None or transpose.op_type != "Transpose" or sub is None or sub.op_type != "Sub":
        return False
    if sub.input[1] not in init or div.input[1] not in init:
        return False
    mean = numpy_helper.to_array(init[sub.input[1]]).astype(np.float64).ravel()
    std = numpy_helper.to_array(init[div.input[1]]).astype(np.float64).ravel()
    if not (np.all(mean == mean[0]) and np.all(std == std[0]) and std[0] > 0):
        return False
    if mean[0] != round(mean[0]) or not 0 <= mean[0] <= 255:
        return False
    consumers = [n for n in body_nodes if "pixels" in n.input]
    if len(consumers) != 1 or consumers[0].op_type != "QuantizeLinear":
        return False
    quantize = consumers[0]
    scale_name, zero_name = quantize.input[1], quantize.input[2]
    if zero_name not in init or init[zero_name].data_type != TensorProto.UINT8:
        return False
    users = [n for n in body_nodes if scale_name in n.input[1:] and n is not quantize]
    if any(n.op_type != "DequantizeLinear" or n.input[0] != quantize.output[0] for n in users):
        return False  # the scale is shared with another tensor: leave it alone
    # new preprocessing tail: cropped image → QuantizeLinear(1, 0) → Transpose (uint8)
    cropped = sub.input[0]
    pre_nodes[:] = [n for n in pre_nodes if n not in (sub, div, transpose)]
    pre_init[:] = [t for t in pre_init if t.name not in (sub.input[1], div.input[1])]
    pre_init += [
        numpy_helper.from_array(np.array(1.0, np.float32), "image_q_scale"),
        numpy_helper.from_array(np.array(0, np.uint8), "image_q_zero_point"),
    ]
    pre_nodes += [
        helper.make_node(
            "QuantizeLinear",
            [cropped, "image_q_scale", "image_q_zero_point"],
            ["cropped_q"],
            name="image_quantize",
        ),
        helper.make_node(
            "Transpose", ["cropped_q"], [quantize.output[0]], perm=[0, 3, 1, 2], name="pixels_q"
        ),
    ]
    body_nodes.remove(quantize)
    for i, tensor in enumerate(body_init):
        if tensor.name == scale_name:
            body_init[i] = numpy_helper.from_array(np.array(1 / std[0], np.float32), scale_name)
        elif tensor.name == zero_name:
            body_init[i] = numpy_helper.from_array(np.array(int(mean[0]), np.uint8), zero_name)
    return True


def _unknown_type_noise(record: logging.LogRecord) -> bool:
    """ORT's quantizer logs one warning per tensor after an operator it has no type rule for
    (the any-language model's 4-bit `com.microsoft` operators: ~150 lines); they change nothing."""
    return not record.getMessage().startswith("Failed to infer data type of tensor")


def quantize_text_weights(model):
    """Dynamic INT8 of the weight matrices: activations are quantized on the fly per batch."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(prefix="classifier-studio-int8-") as tmp:
        source, target = Path(tmp) / "float.onnx", Path(tmp) / "int8.onnx"
        onnx.save(model, str(source))
        root = logging.getLogger()
        root.addFilter(_unknown_type_noise)
        try:
            quantize_dynamic(
                str(source),
                str(target),
                op_types_to_quantize=["MatMul", "Gemm"],
                per_channel=False,
                reduce_range=True,
                weight_type=QuantType.QInt8,
                # a fine-tuned e5 (core/training/text_finetune.py): float MatMuls after 4-bit
                # operators of the com.microsoft domain, whose outputs shape inference cannot type
                extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
            )
        except Exception as error:  # noqa: BLE001 - ORT's errors vary by version
            raise QuantizeError("quantize.failed", reason_of(error)) from error
        finally:
            root.removeFilter(_unknown_type_noise)
        from desktop_app.core.onnx_utils import store_weights_fp16

        # what stays float (the word-embedding table) is stored as float16, as in the float model
        return store_weights_fp16(onnx.load(str(target)))


def _compare(
    float_session,
    int8_session,
    task: str | None,
    items: list[str],
    truth: list[str],
    labels: list[str],
    cancel: CancelToken,
    out: list,
) -> Iterator[Event]:
    """Top-1 agreement, max |Δp| and both accuracies (true labels `truth`, model `labels`) of
    the INT8 model against the float one on `items`, and how much faster it runs here (float ÷
    INT8 time, the two taking turns, first run left out). Appends a `Check` to `out`."""
    times = [0.0, 0.0]  # float, INT8

    def timed(which: int, session, feeds: dict, count: bool) -> np.ndarray:
        begin = time.perf_counter()
        probabilities = session.run(["probabilities"], feeds)[0]
        if count:
            times[which] += time.perf_counter() - begin
        return probabilities

    found: list[tuple[list[int], list[int], float, list[int]]] = []
    for event in get_task(task).compare_int8(
        float_session, int8_session, items, cancel, timed, found
    ):
        yield event
        if isinstance(event, Cancelled):
            return
    float_top, int8_top, worst, used = found[0]
    n = len(used)
    if not n:
        out.append(Check())
        return
    expected = [truth[i] for i in used]
    speedup = times[0] / times[1] if times[1] > 0 else None

    def accuracy(top: list[int]) -> float:
        return sum(labels[t] == e for t, e in zip(top, expected, strict=True)) / n

    out.append(
        Check(
            n,
            sum(a == b for a, b in zip(float_top, int8_top, strict=True)) / n,
            worst,
            accuracy(float_top),
            accuracy(int8_top),
            speedup,
        )
    )
