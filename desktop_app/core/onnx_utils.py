"""Small ONNX helpers shared by the backbone builder and the exporter (no torch here)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import onnx
from onnx import TensorProto
from onnx import helper as oh

OPSET = 18  # Resize with antialias + keep_aspect_ratio_policy, CenterCropPad
# ONNX Runtime's own operators (MatMulNBits, GatherBlockQuantized): the 4-bit e5 graph and the
# 8-bit weight blocks
MS_DOMAIN = "com.microsoft"
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


def make_model(
    graph: onnx.GraphProto, extra_opsets: Sequence[onnx.OperatorSetIdProto] = ()
) -> onnx.ModelProto:
    """`extra_opsets`: other operator domains the graph uses (e.g. ONNX Runtime's
    `com.microsoft` 4-bit operators of the multilingual text model)."""
    opsets = [oh.make_opsetid("", OPSET)] + [
        o for o in extra_opsets if o.domain not in ("", "ai.onnx")
    ]
    model = oh.make_model(graph, opset_imports=opsets, producer_name="classifier-studio")
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


def rename_value(graph: onnx.GraphProto, old: str, new: str) -> None:
    """Rename a value everywhere in `graph`: node inputs and outputs, graph inputs and outputs."""
    for node in graph.node:
        node.input[:] = [new if name == old else name for name in node.input]
        node.output[:] = [new if name == old else name for name in node.output]
    for value in list(graph.input) + list(graph.output):
        if value.name == old:
            value.name = new


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- half-precision storage of weights ------------------------------------------------------------
# A backbone's weights are stored as float16 and widened back to float32 by a Cast node that ONNX
# Runtime folds when it loads the model: the model computes in float32 exactly as before, with each
# weight rounded to float16 (relative error ≤ 2^-11), in half the bytes on disk, in the installer
# and in every exported model.
FP16_SUFFIX = "__fp16"
FP16_MIN_ELEMENTS = 1024


def store_weights_fp16(
    model: onnx.ModelProto, min_elements: int = FP16_MIN_ELEMENTS
) -> onnx.ModelProto:
    """A copy of `model` whose float32 initializers of at least `min_elements` are float16 + Cast."""
    import numpy as np
    from onnx import numpy_helper

    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    graph_inputs = {i.name for i in graph.input}
    casts, kept = [], []
    for init in graph.initializer:
        size = int(np.prod(init.dims)) if init.dims else 1
        if init.data_type != TensorProto.FLOAT or size < min_elements or init.name in graph_inputs:
            kept.append(init)
            continue
        half = numpy_helper.from_array(
            numpy_helper.to_array(init).astype(np.float16), init.name + FP16_SUFFIX
        )
        kept.append(half)
        casts.append(oh.make_node("Cast", [half.name], [init.name], to=TensorProto.FLOAT))
    del graph.initializer[:]
    graph.initializer.extend(kept)
    nodes = casts + list(graph.node)
    del graph.node[:]
    graph.node.extend(nodes)
    return out


def restore_weights_fp32(model: onnx.ModelProto) -> onnx.ModelProto:
    """The inverse for tools that need weights as plain float32 initializers (INT8 quantizers):
    every Cast-to-float of a float16 initializer becomes a float32 initializer again."""
    import numpy as np
    from onnx import numpy_helper

    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    halves = {i.name: i for i in graph.initializer if i.data_type == TensorProto.FLOAT16}
    restored, widened = [], {}  # float32 initializers; Cast output -> its float16 input
    for node in graph.node:
        if (
            node.op_type == "Cast"
            and len(node.input) == 1
            and node.input[0] in halves
            and any(a.name == "to" and a.i == TensorProto.FLOAT for a in node.attribute)
        ):
            array = numpy_helper.to_array(halves[node.input[0]]).astype(np.float32)
            restored.append(numpy_helper.from_array(array, node.output[0]))
            widened[node.output[0]] = node.input[0]
    if not widened:
        return out
    nodes = [n for n in graph.node if not (n.op_type == "Cast" and n.output[0] in widened)]
    still_needed = {name for n in nodes for name in n.input}
    consumed = set(widened.values())
    keep = [i for i in graph.initializer if i.name not in consumed or i.name in still_needed]
    del graph.initializer[:]
    graph.initializer.extend(keep + restored)
    del graph.node[:]
    graph.node.extend(nodes)
    return out
