"""Small ONNX helpers shared by the backbone builder and the exporter (no torch here)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import onnx
from onnx import TensorProto
from onnx import helper as oh

OPSET = 18  # Resize with antialias + keep_aspect_ratio_policy, CenterCropPad
IR_VERSION = 9


def preprocessing_graph(
    size: int, mean: tuple[float, ...], std: tuple[float, ...]
) -> onnx.ModelProto:
    """uint8 RGB `image` [N, H, W, 3] of any size → float `pixels` [N, 3, size, size].

    THE one definition of resize/crop/normalise (ARCHITECTURE rule 7): shorter side resized to
    `size` (linear, antialiased), centre crop, (x - mean) / std, NCHW.
    """
    nodes = [
        oh.make_node("Cast", ["image"], ["image_f"], to=TensorProto.FLOAT),
        oh.make_node(
            "Resize",
            ["image_f", "", "", "target_size"],
            ["resized"],
            mode="linear",
            antialias=1,
            axes=[1, 2],
            keep_aspect_ratio_policy="not_smaller",
        ),
        oh.make_node("CenterCropPad", ["resized", "target_size"], ["cropped"], axes=[1, 2]),
        oh.make_node("Sub", ["cropped", "mean"], ["centred"]),
        oh.make_node("Div", ["centred", "std"], ["scaled"]),
        oh.make_node("Transpose", ["scaled"], ["pixels"], perm=[0, 3, 1, 2]),
    ]
    initializers = [
        oh.make_tensor("target_size", TensorProto.INT64, [2], [size, size]),
        oh.make_tensor("mean", TensorProto.FLOAT, [3], list(mean)),
        oh.make_tensor("std", TensorProto.FLOAT, [3], list(std)),
    ]
    graph = oh.make_graph(
        nodes,
        "preprocessing",
        [oh.make_tensor_value_info("image", TensorProto.UINT8, ["batch", "height", "width", 3])],
        [oh.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 3, size, size])],
        initializers,
    )
    return make_model(graph)


def make_model(graph: onnx.GraphProto) -> onnx.ModelProto:
    model = oh.make_model(
        graph, opset_imports=[oh.make_opsetid("", OPSET)], producer_name="classifier-studio"
    )
    model.ir_version = IR_VERSION
    return model


def torch_to_onnx(
    module,
    example,
    input_name: str | Sequence[str],
    output_name: str,
    dynamic_axes: dict[str, dict[int, str]] | None = None,
) -> onnx.ModelProto:
    """Export a torch module to an in-memory ONNX model at our opset.

    One input by default (batch dimension dynamic); several when `example` is a tuple and
    `input_name` a sequence, with `dynamic_axes` naming their dynamic dimensions.
    The TorchScript exporter (`dynamo=False`) is used: it needs no onnxscript and is quick for
    these small static graphs. torch is imported here only, so this module stays torch-free.
    """
    import io
    import warnings

    import torch

    input_names = [input_name] if isinstance(input_name, str) else list(input_name)
    examples = example if isinstance(example, tuple) else (example,)
    if dynamic_axes is None:
        dynamic_axes = {name: {0: "batch"} for name in [*input_names, output_name]}
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's deprecation notices are not for users
        torch.onnx.export(
            module,
            examples,
            buffer,
            input_names=input_names,
            output_names=[output_name],
            dynamic_axes=dynamic_axes,
            opset_version=OPSET,
            dynamo=False,
        )
    model = onnx.load_from_string(buffer.getvalue())
    model.ir_version = IR_VERSION  # the exporter writes 8; 9 is a superset
    return model


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
