"""Build the ONNX feature extractors under models/ from the weights that pip packages ship.

Each built model takes raw uint8 RGB pixels and returns `embedding`; the preprocessing graph is
fused in front. Building needs torch and the `build` extra; using the result needs only ORT.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto
from onnx import helper as oh

from desktop_app.core.catalog import PREPROCESSING_VERSION, Backbone, load_catalog
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.onnx_utils import (
    OPSET,
    make_model,
    preprocessing_graph,
    sha256_file,
    torch_to_onnx,
)

BUILDER_VERSION = 1


@dataclass(frozen=True)
class BuildReport:
    backbone_id: str
    built: bool  # False: it was already up to date
    seconds: float
    max_abs_diff: float | None  # PyTorch vs ONNX Runtime on random images
    path: str


def _spec_hash(backbone: Backbone) -> str:
    spec = {
        "builder": BUILDER_VERSION,
        "preprocessing": PREPROCESSING_VERSION,
        "opset": OPSET,
        "backbone": {
            k: v
            for k, v in backbone.__dict__.items()
            if k not in ("title", "description", "default")
        },
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def build_info(backbone: Backbone) -> dict | None:
    """The sidecar JSON written beside a built model, or None if missing or unreadable."""
    try:
        return json.loads(backbone.build_info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_built(backbone: Backbone) -> bool:
    """Built, from this spec, and not altered since (cheap: no hashing of the model file)."""
    info = build_info(backbone)
    if not info or info.get("spec") != _spec_hash(backbone) or not backbone.model_path.exists():
        return False
    return backbone.model_path.stat().st_size == info.get("size")


def build_all(force: bool = False, log: Callable[[str], None] = print) -> list[BuildReport]:
    return [build_backbone(b, force=force, log=log) for b in load_catalog()]


def build_backbone(
    backbone: Backbone, force: bool = False, log: Callable[[str], None] = print
) -> BuildReport:
    """Build one feature extractor unless it is already up to date (idempotent, fast when built)."""
    if not force and is_built(backbone):
        info = build_info(backbone) or {}
        return BuildReport(
            backbone.id, False, 0.0, info.get("max_abs_diff"), str(backbone.model_path)
        )
    start = time.perf_counter()
    prep = preprocessing_graph(backbone.input_size, backbone.mean, backbone.std)
    if backbone.kind == "scratch":
        network = _flatten_graph(backbone)
        max_diff: float | None = None
    else:
        network, torch_forward = _export_pretrained(backbone)
    model = onnx.compose.merge_models(prep, network, io_map=[("pixels", "pixels")])
    model.graph.name = backbone.id
    onnx.checker.check_model(model, full_check=True)
    if backbone.kind != "scratch":
        max_diff = _verify_against_torch(model, prep, torch_forward, backbone)
        if max_diff > 1e-3:
            raise RuntimeError(
                f"{backbone.id}: ONNX differs from PyTorch by {max_diff:.2e} (> 1e-3)"
            )
    atomic_write_bytes(backbone.model_path, model.SerializeToString())
    info = {
        "id": backbone.id,
        "spec": _spec_hash(backbone),
        "size": backbone.model_path.stat().st_size,
        "sha256": sha256_file(backbone.model_path),
        "max_abs_diff": max_diff,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    atomic_write_bytes(backbone.build_info_path, json.dumps(info, indent=2).encode())
    seconds = time.perf_counter() - start
    diff_text = "n/a (no pretrained weights)" if max_diff is None else f"{max_diff:.2e}"
    log(
        f"built {backbone.id}: {backbone.model_path} in {seconds:.1f} s, max |PyTorch - ONNX| = {diff_text}"
    )
    return BuildReport(backbone.id, True, seconds, max_diff, str(backbone.model_path))


def _flatten_graph(backbone: Backbone) -> onnx.ModelProto:
    """For models trained from scratch the 'embedding' is the preprocessed pixels themselves."""
    size = backbone.input_size
    graph = oh.make_graph(
        [oh.make_node("Flatten", ["pixels"], ["embedding"], axis=1)],
        "flatten",
        [oh.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 3, size, size])],
        [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 3 * size * size])],
    )
    return make_model(graph)


def _load_torch_backbone(backbone: Backbone):  # -> torch.nn.Module
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    source = backbone.source or {}
    weights_module = importlib.import_module(source["weights_module"])
    weights_path = getattr(weights_module, source["weights_class"]).get_model_file_path()
    state = torch.load(weights_path, map_location="cpu", weights_only=True)
    network = EfficientNet.from_name(source["arch_name"], num_classes=1000)
    network.load_state_dict(state)
    network.eval()

    class Embedder(torch.nn.Module):
        """Global-average-pooled final feature map: the ImageNet classifier's input."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, pixels: torch.Tensor) -> torch.Tensor:
            return self.inner.extract_features(pixels).mean(dim=(2, 3))

    return Embedder(network).eval()


def _export_pretrained(backbone: Backbone):
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    embedder = _load_torch_backbone(backbone)
    size = backbone.input_size
    network = torch_to_onnx(embedder, torch.zeros(1, 3, size, size), "pixels", "embedding")

    def torch_forward(pixels: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return embedder(torch.from_numpy(pixels)).numpy()

    return network, torch_forward


def _verify_against_torch(
    model: onnx.ModelProto, prep: onnx.ModelProto, torch_forward, backbone: Backbone
) -> float:
    """Max |difference| between PyTorch and ORT on random images of several sizes."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    full = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    prep_session = ort.InferenceSession(
        prep.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    rng = np.random.default_rng(0)
    worst = 0.0
    for height, width in ((backbone.input_size, backbone.input_size), (375, 500), (97, 61)):
        image = rng.integers(0, 256, size=(2, height, width, 3), dtype=np.uint8)
        pixels = prep_session.run(None, {"image": image})[0]
        expected = torch_forward(pixels)
        got = full.run(None, {"image": image})[0]
        worst = max(worst, float(np.abs(expected - got).max()))
    return worst
