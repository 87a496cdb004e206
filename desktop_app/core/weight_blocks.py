"""8-bit weight blocks for a float ONNX model: ONNX Runtime's `com.microsoft` MatMulNBits and
GatherBlockQuantized operators (bits=8) in place of MatMul by a weight matrix and of the word
table's Gather (build time only; no torch).

Each block of `BLOCK` weights along the input axis keeps one scale (absmax / levels, rounded to
a float16 value so it can be stored as float16 at no extra error) and its weights as
round(w / scale) + 128 in a uint8. The activations stay float (`accuracy_level` 0: ONNX Runtime
widens the weights block by block), so only the weights are rounded.

Why not `onnxruntime.quantization.quantize_dynamic`: it also rounds the activations to 8 bits,
one scale per tensor, which moved MiniLM-L6's embeddings to a worst cosine of 0.97 against
float32 (per-channel weights, with or without the word table); weight-only blocks keep 0.9993.
ONNX Runtime's own `MatMulNBitsQuantizer` writes the same operators but needs `onnx_ir`, a
package the app does not otherwise use.

`table_levels` may be below 127 for the word table: a looked-up row goes through LayerNorm at
once, and a 6-bit range (31 levels each side) there moved the worst cosine by 0.0001 while the
table's bytes compress ~2.9 MB better in the installer (its values use fewer codes); 4 bits
(7 levels) cost 0.006.
"""

from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper
from onnx import helper as oh

from desktop_app.core.onnx_utils import MS_DOMAIN

BLOCK = 32  # weights per block (one scale each): 64 or 128 saved <1 MB and lost precision
ZERO = 128  # the operators' default zero point for 8 bits
FULL_LEVELS = 127
MIN_TABLE_ROWS = 1000  # a Gather from a table this tall is a word table, not a small lookup


def quantize_blocks(rows: np.ndarray, block: int = BLOCK, levels: int = FULL_LEVELS):
    """`rows` [R, C] (C a multiple of `block`) → (codes uint8 [R, C // block, block],
    scales float32 [R, C // block]), with rows ≈ (codes - 128) * scale (symmetric, absmax)."""
    if not 1 <= levels <= FULL_LEVELS:
        raise ValueError(f"levels must be 1..{FULL_LEVELS}, not {levels}")
    count, width = rows.shape
    if width % block:
        raise ValueError(f"{width} columns are not a multiple of blocks of {block}")
    blocks = rows.astype(np.float32).reshape(count, width // block, block)
    scales = np.abs(blocks).max(axis=2, keepdims=True) / levels
    scales = scales.astype(np.float16).astype(np.float32)  # exactly representable in float16
    # a block of zeros, or one so small that its scale underflows float16: any scale will do
    scales[scales == 0] = 1.0
    codes = np.clip(np.rint(blocks / scales), -levels, levels).astype(np.int16) + ZERO
    return codes.astype(np.uint8), scales.reshape(count, width // block)


def dequantize_blocks(codes: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """The float rows that `quantize_blocks` stands for (tests and checks)."""
    values = (codes.astype(np.float32) - ZERO) * scales[..., None]
    return values.reshape(codes.shape[0], -1)


def store_weights_8bit(
    model: onnx.ModelProto, block: int = BLOCK, table_levels: int = FULL_LEVELS
) -> tuple[onnx.ModelProto, dict]:
    """A copy of `model` whose MatMul weight matrices (2-D float initializers as second input)
    are MatMulNBits 8-bit blocks, and whose word table (a Gather on axis 0 from a 2-D float
    initializer of at least MIN_TABLE_ROWS rows) is GatherBlockQuantized 8-bit blocks with
    `table_levels` levels each side. Matrices whose input size is not a multiple of `block`
    stay float. Returns the model and counts {"matrices": n, "tables": n}."""
    out = onnx.ModelProto()
    out.CopyFrom(model)
    graph = out.graph
    inits = {i.name: i for i in graph.initializer}
    uses: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1

    def float_matrix(name: str) -> np.ndarray | None:
        init = inits.get(name)
        if init is None or init.data_type != TensorProto.FLOAT or len(init.dims) != 2:
            return None
        if uses.get(name, 0) != 1:  # shared with another node: leave it float
            return None
        return numpy_helper.to_array(init)

    nodes, replaced, added = [], set(), []
    counts = {"matrices": 0, "tables": 0}
    for node in graph.node:
        if node.op_type == "MatMul" and (weights := float_matrix(node.input[1])) is not None:
            k, n = weights.shape
            if k % block == 0:
                codes, scales = quantize_blocks(np.ascontiguousarray(weights.T), block)
                prefix = node.input[1]
                added += [
                    numpy_helper.from_array(codes, prefix + "/q8"),
                    numpy_helper.from_array(scales.reshape(-1), prefix + "/scales"),
                ]
                nodes.append(
                    oh.make_node(
                        "MatMulNBits",
                        [node.input[0], prefix + "/q8", prefix + "/scales"],
                        list(node.output),
                        name=(node.name or prefix) + "/q8",
                        domain=MS_DOMAIN,
                        K=k,
                        N=n,
                        bits=8,
                        block_size=block,
                        accuracy_level=0,  # float activations: only the weights are rounded
                    )
                )
                replaced.add(prefix)
                counts["matrices"] += 1
                continue
        if (
            node.op_type == "Gather"
            and all(a.name != "axis" or a.i == 0 for a in node.attribute)
            and (table := float_matrix(node.input[0])) is not None
            and table.shape[0] >= MIN_TABLE_ROWS
            and table.shape[1] % block == 0
        ):
            codes, scales = quantize_blocks(table, block, table_levels)
            prefix = node.input[0]
            added += [
                numpy_helper.from_array(codes.reshape(table.shape), prefix + "/q8"),
                numpy_helper.from_array(scales, prefix + "/scales"),
            ]
            nodes.append(
                oh.make_node(
                    "GatherBlockQuantized",
                    [prefix + "/q8", node.input[1], prefix + "/scales"],
                    list(node.output),
                    name=(node.name or prefix) + "/q8",
                    domain=MS_DOMAIN,
                    gather_axis=0,
                    quantize_axis=1,
                    block_size=block,
                    bits=8,
                )
            )
            replaced.add(prefix)
            counts["tables"] += 1
            continue
        nodes.append(node)
    kept = [i for i in graph.initializer if i.name not in replaced]
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    del graph.node[:]
    graph.node.extend(nodes)
    if (counts["matrices"] or counts["tables"]) and not any(
        o.domain == MS_DOMAIN for o in out.opset_import
    ):
        out.opset_import.append(oh.make_opsetid(MS_DOMAIN, 1))
    return out, counts
