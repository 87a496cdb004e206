"""Backbone weights stored as float16 + Cast: half the bytes, float32 compute, reversible."""

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, numpy_helper
from onnx import helper as oh

from desktop_app.core.onnx_utils import (
    FP16_SUFFIX,
    make_model,
    restore_weights_fp32,
    store_weights_fp16,
)


def _model() -> onnx.ModelProto:
    rng = np.random.default_rng(0)
    big = rng.normal(size=(64, 32)).astype(np.float32)  # 2048 elements: stored as float16
    small = rng.normal(size=(32,)).astype(np.float32)  # 32 elements: stays float32
    graph = oh.make_graph(
        [oh.make_node("MatMul", ["x", "w"], ["h"]), oh.make_node("Add", ["h", "b"], ["y"])],
        "g",
        [oh.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 64])],
        [oh.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 32])],
        [numpy_helper.from_array(big, "w"), numpy_helper.from_array(small, "b")],
    )
    return make_model(graph)


def _run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


def test_stored_model_is_half_the_size_and_computes_the_rounded_weights():
    model = _model()
    stored = store_weights_fp16(model)
    onnx.checker.check_model(stored, full_check=True)
    types = {i.name: i.data_type for i in stored.graph.initializer}
    assert types == {"w" + FP16_SUFFIX: TensorProto.FLOAT16, "b": TensorProto.FLOAT}
    assert stored.graph.node[0].op_type == "Cast"
    assert len(stored.SerializeToString()) < 0.6 * len(model.SerializeToString())
    x = np.random.default_rng(1).normal(size=(5, 64)).astype(np.float32)
    w = numpy_helper.to_array(model.graph.initializer[0])
    b = numpy_helper.to_array(model.graph.initializer[1])
    rounded = x @ w.astype(np.float16).astype(np.float32) + b
    np.testing.assert_allclose(_run(stored, x), rounded, rtol=1e-5, atol=1e-5)
    assert np.abs(_run(stored, x) - _run(model, x)).max() > 0  # really rounded, not a no-op


def test_restore_gives_float32_initializers_without_the_casts():
    model = _model()
    restored = restore_weights_fp32(store_weights_fp16(model))
    onnx.checker.check_model(restored, full_check=True)
    assert [n.op_type for n in restored.graph.node] == ["MatMul", "Add"]
    weights = {i.name: numpy_helper.to_array(i) for i in restored.graph.initializer}
    assert set(weights) == {"w", "b"} and weights["w"].dtype == np.float32
    original = numpy_helper.to_array(model.graph.initializer[0])
    np.testing.assert_array_equal(weights["w"], original.astype(np.float16).astype(np.float32))
    assert restore_weights_fp32(model).SerializeToString() == model.SerializeToString()
