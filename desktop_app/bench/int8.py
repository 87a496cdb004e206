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
    from desktop_app.bench.run import _decoded, _image_files, raw_image_times
    from desktop_app.core.quantize import quantize_model

    train = _image_files(data, "train")
    test = [f for f in _image_files(data, "test") if "_v" not in Path(f).stem]  # originals
    report = None
    for event in quantize_model(model, out, train):
        if isinstance(event, Finished):
            report = event.result
    sample = _decoded(test[:128])
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
