"""Export: ONE self-describing `.onnx` = feature extractor (with preprocessing) + trained head.

Input `image`: uint8 RGB [N, H, W, 3], any size. Output `probabilities` [N, classes] (image
models also `cam` [N, classes, h, w], where the model looked: core/explain.py). The
metadata carries labels, task, input contract, preprocessing, backbone, metrics and app version,
so anyone with onnxruntime alone reproduces the app's predictions.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import onnx

from desktop_app import __version__
from desktop_app.core.backbones import build_info
from desktop_app.core.calibration import (
    exported_probabilities,
    scale_logits_in_graph,
    temperature_of,
)
from desktop_app.core.catalog import get_backbone
from desktop_app.core.errors import CoreError
from desktop_app.core.explain import (
    EXPLANATION_KEY,
    add_cam_output,
    explanation_metadata,
    remove_cam_output,
)
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.onnx_utils import make_model, rename_value
from desktop_app.core.reports import ExportReport
from desktop_app.core.runtime import CPU, create_session
from desktop_app.core.tasks import get_task
from desktop_app.core.training.results import TrainResult

FORMAT_VERSION = "1"
FORMAT_KEY = "classifier_studio.format"
PARITY_TOLERANCE = 1e-4


class ExportError(CoreError, RuntimeError):
    """The model could not be exported; the message says why."""


def fuse(result: TrainResult) -> onnx.ModelProto:
    """Backbone feature extractor and head joined on `embedding` into one graph.

    scratch-text: the trained model already takes token ids; a fine-tuned model already takes
    images (its backbone changed): either is the whole graph."""
    backbone = get_backbone(result.backbone_id)
    if result.tokenizer_json or result.fine_tune:
        model = onnx.load_from_string(result.head_onnx)
        model.graph.name = f"classifier-studio:{backbone.id}"
        return model
    model = join_head(onnx.load(str(backbone.model_path)), result.head_onnx)
    model.graph.name = f"classifier-studio:{backbone.id}"
    return model


def join_head(extractor: onnx.ModelProto, head_onnx: bytes) -> onnx.ModelProto:
    """`extractor` (… → `embedding`) and the head (`embedding` → `probabilities`) as one graph."""
    head = onnx.load_from_string(head_onnx)
    head = onnx.compose.add_prefix(head, "head/")
    # keep the public names of the joint and the output
    rename_value(head.graph, "head/embedding", "embedding")
    rename_value(head.graph, "head/probabilities", "probabilities")
    # merge_graphs, not merge_models: the latter runs its own check (a second serialisation of
    # 13 MB holding the GIL); export_model runs the full check once.
    graph = onnx.compose.merge_graphs(
        extractor.graph, head.graph, io_map=[("embedding", "embedding")]
    )
    # a head that also reads the token ids (core/training/word_pieces.py): the encoder's inputs
    extractor_inputs = {i.name for i in extractor.graph.input}
    for name in ("input_ids", "attention_mask"):
        if f"head/{name}" in {i.name for i in graph.input} and name in extractor_inputs:
            kept = [i for i in graph.input if i.name != f"head/{name}"]
            del graph.input[:]
            graph.input.extend(kept)
            rename_value(graph, f"head/{name}", name)
    return make_model(graph, extractor.opset_import)


def metadata(result: TrainResult, parity: float) -> dict[str, str]:
    backbone = get_backbone(result.backbone_id)
    info = build_info(backbone) or {}

    def metrics_json(m):
        return None if m is None else {"accuracy": m.accuracy, "macro_f1": m.macro_f1, "n": m.n}

    task = get_task(result.task)
    input_contract = task.input_contract(backbone)
    extra = task.extra_metadata(result, backbone)
    preprocessing = backbone.preprocessing
    if result.tokenizer_json:
        preprocessing = {
            **preprocessing,
            "tokenizer": "the 'tokenizer' entry: learnt from the "
            "training texts (BPE, NFKC + lower case, CJK split per character)",
        }
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "task": result.task,
        "labels": json.dumps(list(result.classes), ensure_ascii=False),
        **extra,
        "input": json.dumps(input_contract),
        "output": json.dumps(
            {"name": "probabilities", "shape": ["batch", len(result.classes)], "softmax": True}
        ),
        "precision": "float32",  # "int8" for a quantized copy (core/quantize.py)
        "preprocessing": json.dumps(preprocessing, ensure_ascii=False),
        "backbone": json.dumps(
            {
                "id": backbone.id,
                "title": backbone.title,
                "source": backbone.source,
                "licence": backbone.licence,
                "onnx_vs_pytorch_max_abs_diff": info.get("max_abs_diff"),
            }
        ),
        "metrics": json.dumps(
            {
                "validation": metrics_json(result.val_metrics),
                "test": metrics_json(result.test_metrics),
            }
        ),
        "training": json.dumps(
            {
                "config": result.config.to_json(),
                "n_train": result.n_train,
                "n_val": result.n_val,
                "n_test": result.n_test,
                "best_epoch": result.best_epoch,
                "epochs_run": result.epochs_run,
                "seconds": round(result.seconds, 3),
                "device": result.device,
            }
        ),
        **_calibration_metadata(result),
        **({"fine_tuning": json.dumps(result.fine_tune)} if result.fine_tune else {}),
        **({"auto_choice": json.dumps(result.auto_choice)} if result.auto_choice else {}),
        "parity_max_abs_diff": f"{parity:.3e}",
        "app_version": __version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def export_model(result: TrainResult, out_path: str | Path) -> ExportReport:
    """Fuse, check, verify parity against the PyTorch head, write atomically."""
    start = time.perf_counter()
    out_path = Path(out_path)
    if out_path.suffix.lower() != ".onnx":
        raise ExportError("export.not_onnx_name", out_path)
    model = fuse(result)
    temperature = temperature_of(result)
    if temperature != 1.0:  # calibrated: the logits are divided by T before the softmax
        scale_logits_in_graph(model, temperature)
    # image models: the extra output `cam` (where the model looked; core/explain.py)
    explanation = add_cam_output(model)
    plain = model.SerializeToString()  # once: a 13 MB serialisation holds the GIL for a while
    try:
        onnx.checker.check_model(plain, full_check=True)
    except onnx.checker.ValidationError:
        if explanation is None:
            raise
        remove_cam_output(model)  # never let the optional map cost the export itself
        explanation = None
        plain = model.SerializeToString()
        onnx.checker.check_model(plain, full_check=True)
    parity, samples = _parity(plain, result)
    del plain
    if parity > PARITY_TOLERANCE:
        raise ExportError("export.parity", f"{parity:.2e}", f"{PARITY_TOLERANCE:g}")
    del model.metadata_props[:]
    for key, value in metadata(result, parity).items():
        model.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))
    if explanation is not None:
        model.metadata_props.append(
            onnx.StringStringEntryProto(
                key=EXPLANATION_KEY, value=explanation_metadata(explanation)
            )
        )
    model.doc_string = (
        f"Classifier Studio {__version__}: {result.task} classifier over {len(result.classes)} classes "
        f"({', '.join(result.classes[:10])}{'…' if len(result.classes) > 10 else ''}) on {result.backbone_id}. "
        + get_task(result.task).doc_input
        + "output: probabilities. See metadata_props."
    )
    data = model.SerializeToString()
    try:
        atomic_write_bytes(out_path, data)
    except OSError as error:
        raise ExportError("export.cannot_write", out_path, error.strerror or error) from error
    return ExportReport(str(out_path), len(data), parity, samples, time.perf_counter() - start)


def _parity(model: bytes, result: TrainResult) -> tuple[float, int]:
    """Max |ORT fused model - PyTorch head| over the reference items kept at training time."""
    if not result.reference_items:
        return 0.0, 0
    session = create_session(model, [CPU])
    run = get_task(result.task).parity_runner(session, result)
    worst = 0.0
    # the PyTorch head's probabilities scaled by the same temperature as the graph
    references = np.asarray(result.reference_probabilities, dtype=np.float64)
    if references.size:
        references = exported_probabilities(result, references)
    for item, expected in zip(result.reference_items, references, strict=True):
        got = run(item)
        worst = max(worst, float(np.abs(got - expected.astype(np.float32)).max()))
    return worst, len(result.reference_items)


def _calibration_metadata(result: TrainResult) -> dict[str, str]:
    """`calibration` (temperature, where fitted, ECE before/after) and `unsure_threshold`:
    below it `Predictor` and `desktop-app predict` answer "unsure"."""
    calibration = getattr(result, "calibration", None)
    if calibration is None:
        return {}
    return {
        "calibration": json.dumps(
            {**calibration.to_json(), "applied_in_graph": calibration.temperature != 1.0}
        ),
        "unsure_threshold": f"{calibration.unsure_threshold:g}",
    }
