"""8-bit weight blocks (core/weight_blocks.py) and the text model's verified 8-bit storage."""

import json

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, numpy_helper
from onnx import helper as oh

from desktop_app.core import backbones
from desktop_app.core.catalog import get_backbone
from desktop_app.core.onnx_utils import make_model
from desktop_app.core.weight_blocks import (
    MS_DOMAIN,
    ZERO,
    dequantize_blocks,
    quantize_blocks,
    store_weights_8bit,
)

VOCAB, WIDTH, OUT = 1200, 64, 48


def _text_like_model(seed: int = 0) -> onnx.ModelProto:
    """ids → word table (Gather) → MatMul → a second MatMul whose input size (40) is no multiple
    of 32 → `embedding`; the table is also large enough to count as a word table."""
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(VOCAB, WIDTH)).astype(np.float32)
    w1 = rng.normal(size=(WIDTH, 40)).astype(np.float32) / 8
    w2 = rng.normal(size=(40, OUT)).astype(np.float32) / 6
    graph = oh.make_graph(
        [
            oh.make_node("Gather", ["table", "input_ids"], ["words"], axis=0),
            oh.make_node("MatMul", ["words", "w1"], ["h"]),
            oh.make_node("MatMul", ["h", "w2"], ["z"]),
            oh.make_node("ReduceMean", ["z", "axes"], ["embedding"], keepdims=0),
        ],
        "g",
        [oh.make_tensor_value_info("input_ids", TensorProto.INT64, ["n", "t"])],
        [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["n", OUT])],
        [
            numpy_helper.from_array(table, "table"),
            numpy_helper.from_array(w1, "w1"),
            numpy_helper.from_array(w2, "w2"),
            numpy_helper.from_array(np.array([1], np.int64), "axes"),
        ],
    )
    return make_model(graph)


def _run(model: onnx.ModelProto, feed: dict) -> np.ndarray:
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    return session.run(["embedding"], feed)[0]


def test_blocks_round_to_half_a_step_with_float16_exact_scales():
    rng = np.random.default_rng(1)
    rows = rng.normal(size=(5, 96)).astype(np.float32)
    rows[2, 32:64] = 0.0  # an all-zero block
    for levels in (127, 31):
        codes, scales = quantize_blocks(rows, 32, levels)
        assert codes.shape == (5, 3, 32) and codes.dtype == np.uint8
        assert scales.shape == (5, 3) and scales.dtype == np.float32
        np.testing.assert_array_equal(scales, scales.astype(np.float16).astype(np.float32))
        assert np.abs(codes.astype(int) - ZERO).max() == levels  # each block's absmax hits it
        step = np.repeat(scales, 32, axis=1)
        error = np.abs(dequantize_blocks(codes, scales) - rows)
        assert np.all(error <= step / 2 + 1e-3 * step)
        np.testing.assert_array_equal(dequantize_blocks(codes, scales)[2, 32:64], 0.0)
    with pytest.raises(ValueError, match="multiple"):
        quantize_blocks(rows[:, :40], 32)


def test_onnx_runtime_computes_exactly_the_dequantized_weights():
    model = _text_like_model()
    stored, counts = store_weights_8bit(model, table_levels=31)
    onnx.checker.check_model(stored)
    assert counts == {"matrices": 1, "tables": 1}  # w2 (40 inputs) is no multiple of 32
    ops = [(n.op_type, n.domain) for n in stored.graph.node]
    assert ("GatherBlockQuantized", MS_DOMAIN) in ops and ("MatMulNBits", MS_DOMAIN) in ops
    assert ("MatMul", "") in ops  # w2 stayed float
    assert {i.name for i in stored.graph.initializer}.isdisjoint({"table", "w1"})
    assert len(stored.SerializeToString()) < 0.35 * len(model.SerializeToString())

    # the same graph, float, with the weights the blocks stand for: ORT must agree with it
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    table_codes, table_scales = quantize_blocks(inits["table"], 32, 31)
    w1_codes, w1_scales = quantize_blocks(np.ascontiguousarray(inits["w1"].T), 32)
    reference = onnx.ModelProto()
    reference.CopyFrom(model)
    for tensor in reference.graph.initializer:
        if tensor.name == "table":
            tensor.CopyFrom(
                numpy_helper.from_array(dequantize_blocks(table_codes, table_scales), "table")
            )
        elif tensor.name == "w1":
            tensor.CopyFrom(numpy_helper.from_array(dequantize_blocks(w1_codes, w1_scales).T, "w1"))
    ids = np.random.default_rng(2).integers(0, VOCAB, size=(4, 9), dtype=np.int64)
    got, expected = _run(stored, {"input_ids": ids}), _run(reference, {"input_ids": ids})
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
    assert np.abs(got - _run(model, {"input_ids": ids})).max() > 1e-4  # really rounded


def test_small_lookups_and_shared_weights_stay_float():
    model = _text_like_model()
    small = onnx.ModelProto()
    small.CopyFrom(model)
    for tensor in small.graph.initializer:
        if tensor.name == "table":  # a 100-row table: a small lookup, not a word table
            tensor.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(tensor)[:100], "table"))
    small.graph.node.append(oh.make_node("MatMul", ["words", "w1"], ["h_again"]))  # w1 shared
    _, counts = store_weights_8bit(small)
    assert counts == {"matrices": 0, "tables": 0}


def test_the_build_stores_8_bits_when_close_enough_and_float16_otherwise(monkeypatch):
    model = _text_like_model()
    feeds = [{"input_ids": np.random.default_rng(3).integers(0, VOCAB, size=(6, 7))}]
    logged: list[str] = []
    stored, info = backbones._store_8bit(model, feeds, "tiny", logged.append)
    assert info["weights"].startswith("8-bit blocks of 32") and not logged
    assert 0.998 <= info["int8_min_cosine"] < 1.0 and info["int8_check_texts"] == 6
    assert any(n.op_type == "MatMulNBits" for n in stored.graph.node)
    json.dumps(info)  # goes into the build-info JSON

    monkeypatch.setattr(backbones, "INT8_MIN_COSINE", 1.0)  # nothing rounded can reach it
    stored, info = backbones._store_8bit(model, feeds, "tiny", logged.append)
    assert info["weights"] == "float16" and info["int8_refused_min_cosine"] < 1.0
    assert not any(n.domain == MS_DOMAIN for n in stored.graph.node)
    assert "float16 weights kept" in logged[0]


def test_a_new_text_weights_version_rebuilds_the_english_model_only(monkeypatch):
    minilm, lite0, e5 = (
        get_backbone(i) for i in ("minilm-l6", "efficientnet-lite0", "multilingual-e5-small")
    )
    before = {b.id: backbones._spec_hash(b) for b in (minilm, lite0, e5)}
    monkeypatch.setattr(backbones, "TEXT_WEIGHTS_VERSION", backbones.TEXT_WEIGHTS_VERSION + 1)
    after = {b.id: backbones._spec_hash(b) for b in (minilm, lite0, e5)}
    assert after["minilm-l6"] != before["minilm-l6"]
    assert after["efficientnet-lite0"] == before["efficientnet-lite0"]
    assert after["multilingual-e5-small"] == before["multilingual-e5-small"]
