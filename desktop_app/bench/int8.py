"""P4: the INT8 export against the FP32 one — speed and accuracy on the real test split."""

from __future__ import annotations

import statistics
from pathlib import Path

from desktop_app.core.training.events import Finished


def _accuracy(model: Path, files: list[str]) -> float:
    from desktop_app.core.inference import Predictor

    predictor = Predictor(model)
    results = list(predictor.predict_paths(files, 1))
    correct = sum(
        1 for r in results if r.prediction and r.prediction.label == Path(r.path).parent.name
    )
    return correct / len(files)


def quantize_for_bench(model: Path, data: Path, out: Path, repeats: int) -> dict:
    """Quantize `model` calibrating on `data`'s train split; time both at batch 1 and 32."""
    from desktop_app.bench.run import decode_images, image_files, raw_image_times
    from desktop_app.core.quantize import HeldOut, quantize_model

    train = image_files(data, "train")
    test = [f for f in image_files(data, "test") if "_v" not in Path(f).stem]  # originals
    report = None
    held_out = HeldOut(test, [Path(f).parent.name for f in test], "test")
    for event in quantize_model(model, out, train, held_out=held_out):
        if isinstance(event, Finished):
            report = event.result
    sample = decode_images(test[:128])
    speedups: list[float] = []
    timings = []
    for _ in range(repeats):
        fp32_32, fp32_1 = raw_image_times(model, sample)
        int8_32, int8_1 = raw_image_times(out, sample)
        speedups += [fp32_1 / int8_1, fp32_32 / int8_32]
        timings.append(
            {
                "fp32_ms": [fp32_1 * 1000, fp32_32 * 1000],
                "int8_ms": [int8_1 * 1000, int8_32 * 1000],
            }
        )
    fp32_accuracy, int8_accuracy = _accuracy(model, test), _accuracy(out, test)
    return {
        "speedups": speedups,
        "speedup_median": statistics.median(speedups),
        "timings_batch1_batch32": timings,
        "fp32_accuracy": fp32_accuracy,
        "int8_accuracy": int8_accuracy,
        "accuracy_drop_points": (fp32_accuracy - int8_accuracy) * 100,
        "n_test": len(test),
        "fp32_mb": model.stat().st_size / 2**20,
        "int8_mb": out.stat().st_size / 2**20,
        "quantize_seconds": None if report is None else report.seconds,
        "top1_agreement": None if report is None else report.top1_agreement,
    }


def raw_int8_advantage(repeats: int = 3) -> float:
    """How much faster this CPU runs an 8-bit convolution than a float one in ONNX Runtime: a
    1×1 convolution (EfficientNet's commonest layer, 192 → 192 channels on 28×28) timed float
    and after the same static QDQ quantization the export uses. About 1.0× where the CPU has no
    fast 8-bit multiply-adds (an AVX2 AMD EPYC measured that), so P4 is judged against it."""
    import tempfile
    import time

    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import (
        CalibrationDataReader,
        QuantFormat,
        QuantType,
        quantize_static,
    )

    from desktop_app.bench.run import plain_session

    rng = np.random.default_rng(0)
    channels, side = 192, 28
    weight = rng.normal(0, 0.1, (channels, channels, 1, 1)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["y"])],
        "pointwise",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, channels, side, side])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, channels, side, side])],
        [numpy_helper.from_array(weight, "w")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=9)
    samples = [rng.normal(0, 1, (1, channels, side, side)).astype(np.float32) for _ in range(4)]

    class Reader(CalibrationDataReader):
        def __init__(self) -> None:
            self.left = list(samples)

        def get_next(self) -> dict | None:
            return {"x": self.left.pop()} if self.left else None

    with tempfile.TemporaryDirectory(prefix="classifier-studio-bench-") as tmp:
        float_path, int8_path = f"{tmp}/conv.onnx", f"{tmp}/conv-int8.onnx"
        onnx.save(model, float_path)
        quantize_static(
            float_path,
            int8_path,
            Reader(),
            quant_format=QuantFormat.QDQ,
            per_channel=True,
            reduce_range=True,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
        )
        sessions = [plain_session(float_path), plain_session(int8_path)]
        feeds = {"x": samples[0]}
        ratios = []
        for _ in range(repeats):
            seconds = []
            for session in sessions:
                session.run(None, feeds)
                start = time.perf_counter()
                for _ in range(50):
                    session.run(None, feeds)
                seconds.append(time.perf_counter() - start)
            ratios.append(seconds[0] / seconds[1])
    return statistics.median(ratios)
