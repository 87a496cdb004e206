"""INT8 export: a smaller copy of an exported model that predicts like it and says what it is."""

from __future__ import annotations

import json
import random

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from desktop_app.core.data.dataset import Dataset, scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.export import export_model
from desktop_app.core.inference import ModelError, Predictor
from desktop_app.core.onnx_utils import restore_weights_fp32
from desktop_app.core.quantize import (
    INT8,
    PRECISION_KEY,
    QUANTIZATION_KEY,
    HeldOut,
    QuantizeError,
    QuantizeReport,
    is_quantized,
    quantize_model,
    sample_evenly,
)
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.training.loop import train
from tests.helpers.synthetic import write_class_folders


def _finish(events) -> tuple[list, QuantizeReport | None]:
    events = list(events)
    finished = [e.result for e in events if isinstance(e, Finished)]
    return events, finished[0] if finished else None


def _train(dataset: Dataset, config: TrainConfig, out):
    result = next(e.result for e in train(config, dataset) if isinstance(e, Finished))
    export_model(result, out)
    return result


@pytest.fixture(scope="module")
def image_models(tmp_path_factory):
    """A float EfficientNet-Lite0 model on generated colour images and its INT8 copy."""
    root = write_class_folders(tmp_path_factory.mktemp("data"), per_class=8)
    dataset = scan_image_folder(root)
    folder = tmp_path_factory.mktemp("models")
    _train(dataset, TrainConfig(max_epochs=10), folder / "float.onnx")
    calibration = [dataset.items[i] for i in dataset.indices("train")]
    events, report = _finish(
        quantize_model(
            folder / "float.onnx",
            folder / "int8.onnx",
            calibration,
            held_out=HeldOut.of(dataset),
        )
    )
    return root, dataset, folder / "float.onnx", folder / "int8.onnx", events, report


def test_int8_model_is_smaller_and_says_so(image_models):
    _, _, float_path, int8_path, _, report = image_models
    assert report.path == str(int8_path)
    assert report.size_bytes == int8_path.stat().st_size
    # 8-bit weights: under 0.4 of the float32 weights; the float model stores them as float16
    float_model = onnx.load(str(float_path))
    float32_bytes = len(restore_weights_fp32(float_model).SerializeToString())
    assert report.size_bytes < 0.4 * float32_bytes
    assert report.size_bytes < 0.6 * float_path.stat().st_size
    assert report.float_size_bytes == float_path.stat().st_size
    float_meta = {p.key: p.value for p in onnx.load(str(float_path)).metadata_props}
    meta = {p.key: p.value for p in onnx.load(str(int8_path)).metadata_props}
    assert meta[PRECISION_KEY] == INT8 and float_meta.get(PRECISION_KEY, "float32") == "float32"
    # everything the float model said is still there, but `explanation`: the INT8 copy has no
    # `cam` output (the explainer adds one in memory where it can, else uses occlusion)
    assert "explanation" in float_meta and "explanation" not in meta
    for key, value in float_meta.items():
        if key not in (PRECISION_KEY, "explanation"):
            assert meta[key] == value
    record = json.loads(meta[QUANTIZATION_KEY])
    assert record["calibration_items"] == report.calibration_items > 0
    assert record["top1_agreement"] == report.top1_agreement
    # the speed-up is measured, not promised: float ÷ INT8 time on the check items, here
    assert report.speedup is not None and 0.1 < report.speedup < 20
    assert record["speedup_on_exporting_computer"] == report.speedup
    assert is_quantized(int8_path) and not is_quantized(float_path)


def test_int8_model_predicts_like_the_float_one(image_models):
    _, dataset, float_path, int8_path, _, report = image_models
    full, small = Predictor(float_path), Predictor(int8_path)
    assert small.labels == full.labels and small.task == "image"
    images = [load_image(p) for p in dataset.items]
    expected, got = full.probabilities(images), small.probabilities(images)
    assert got.dtype == np.float32 and np.allclose(got.sum(axis=1), 1, atol=1e-4)
    agreement = float((expected.argmax(1) == got.argmax(1)).mean())
    assert agreement >= 0.9
    assert float(np.abs(expected - got).max()) < 0.35
    assert report.top1_agreement is not None and report.top1_agreement >= 0.9
    assert report.check_items > 0 and report.max_abs_diff is not None
    # odd sizes go through the same float preprocessing
    assert small.predict(np.full((37, 91, 3), 200, np.uint8)).label in small.labels


def test_the_int8_copy_still_explains_its_answers(image_models):
    """No `cam` output in the INT8 file: the explainer adds it in memory (the head after the
    pooling stays float) and the map is the one of the INT8 model's own answer."""
    from desktop_app.core.explain import ImageExplainer

    _, dataset, _, int8_path, _, _ = image_models
    small = Predictor(int8_path)
    assert "cam" not in [o.name for o in small.session.get_outputs()]
    explainer = ImageExplainer(small)
    assert explainer.method in ("cam", "occlusion")
    image = load_image(dataset.items[0])
    found = explainer.explain(image)
    assert found.label == small.predict(image).label
    assert found.heatmap.max() == pytest.approx(1.0) and found.heatmap.min() >= 0.0


def test_progress_then_finished(image_models):
    _, _, _, _, events, report = image_models
    stages = [e.stage for e in events if isinstance(e, Progress)]
    assert stages[0] == "calibrate" and "check" in stages
    assert isinstance(events[-1], Finished) and isinstance(report, QuantizeReport)
    calibrate = [e for e in events if isinstance(e, Progress) and e.stage == "calibrate"]
    assert calibrate[-1].done == calibrate[-1].total == report.calibration_items


def test_refuses_an_already_quantized_model(image_models, tmp_path):
    _, dataset, _, int8_path, _, _ = image_models
    with pytest.raises(ModelError, match="already quantized"):
        list(quantize_model(int8_path, tmp_path / "again.onnx", dataset.items))


def test_refuses_a_model_that_is_not_ours(tmp_path):
    graph = helper.make_graph(
        [helper.make_node("Softmax", ["x"], ["y"])],
        "plain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])],
    )
    path = tmp_path / "plain.onnx"
    onnx.save(helper.make_model(graph), str(path))
    with pytest.raises(ModelError, match="not exported by Classifier Studio"):
        list(quantize_model(path, tmp_path / "out.onnx", ["a.png"]))
    (tmp_path / "junk.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="not a valid ONNX model"):
        list(quantize_model(tmp_path / "junk.onnx", tmp_path / "out.onnx", ["a.png"]))


def test_image_model_needs_calibration_images(image_models, tmp_path):
    _, _, float_path, _, _, _ = image_models
    with pytest.raises(QuantizeError, match="calibrate"):
        list(quantize_model(float_path, tmp_path / "out.onnx", []))
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    with pytest.raises(QuantizeError, match="could be read"):
        list(quantize_model(float_path, tmp_path / "out.onnx", [str(broken)]))
    assert not (tmp_path / "out.onnx").exists()


def test_cancel_writes_nothing(image_models, tmp_path):
    _, dataset, float_path, _, _, _ = image_models
    cancel = CancelToken()
    out = tmp_path / "cancelled.onnx"
    events = []
    for event in quantize_model(float_path, out, dataset.items, cancel):
        events.append(event)
        if isinstance(event, Progress) and event.done >= 2:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_sample_evenly_covers_the_whole_list():
    items = [f"{c}/{i}" for c in "abcd" for i in range(50)]
    sample = sample_evenly(items, 8)
    assert len(sample) == 8 and {s[0] for s in sample} == set("abcd")
    assert sample_evenly(items[:3], 8) == items[:3]


def test_text_model_quantizes_without_calibration(tmp_path):
    rng = random.Random(0)
    words = {"good": ["great", "lovely", "clean"], "bad": ["awful", "dirty", "rude"]}
    filler = ["the", "room", "was", "and", "staff", "very"]
    items, labels, splits = [], [], []
    for label, name in enumerate(words):
        for i in range(60):
            sentence = rng.choices(filler, k=4) + rng.choices(words[name], k=2)
            rng.shuffle(sentence)
            items.append(" ".join(sentence))
            labels.append(label)
            splits.append("val" if i % 5 == 0 else "train")
    dataset = Dataset("text", tuple(words), tuple(items), tuple(labels), tuple(splits))
    _train(dataset, TrainConfig(backbone="scratch-text", max_epochs=15), tmp_path / "text.onnx")
    _, report = _finish(quantize_model(tmp_path / "text.onnx", tmp_path / "text8.onnx"))
    assert report.calibration_items == 0 and report.top1_agreement is None
    full, small = Predictor(tmp_path / "text.onnx"), Predictor(tmp_path / "text8.onnx")
    assert small.task == "text" and small.metadata[PRECISION_KEY] == INT8
    expected, got = full.text_probabilities(items), small.text_probabilities(items)
    assert float((expected.argmax(1) == got.argmax(1)).mean()) >= 0.95
    # with held-out texts, the check runs on them (the text task's comparison)
    held_out = HeldOut.of(dataset)
    _, checked = _finish(
        quantize_model(tmp_path / "text.onnx", tmp_path / "t8.onnx", held_out=held_out)
    )
    assert checked.check_items == len(held_out.items) == 24 and checked.check_split == "val"
    assert checked.top1_agreement >= 0.9 and checked.int8_accuracy is not None
    pairs = zip(held_out.items, held_out.labels, strict=True)
    right = [full.predict_text(text).label == label for text, label in pairs]
    assert checked.float_accuracy == pytest.approx(float(np.mean(right)))


def test_cli_quantize_and_train_int8(image_models, tmp_path, capsys):
    from desktop_app.cli import EXIT_ERROR, main

    root, _, float_path, _, _, _ = image_models
    out = tmp_path / "cli-int8.onnx"
    assert main(["quantize", str(float_path), "--data", str(root), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out.strip().splitlines()[-1])
    assert summary["model"] == str(out) and summary["size_bytes"] == out.stat().st_size
    # checked on the held-out split, and it says so
    assert summary["check_split"] == "val" and summary["check_items"] > 0
    assert f"on {summary['check_items']} held-out val items" in captured.err
    assert summary["check_float_accuracy"] is not None
    assert Predictor(out).metadata[PRECISION_KEY] == INT8

    assert main(["quantize", str(float_path), "--out", str(tmp_path / "x.onnx")]) == EXIT_ERROR
    assert "--data" in capsys.readouterr().err

    trained = tmp_path / "trained.onnx"
    args = ["train", str(root), "--out", str(trained), "--epochs", "5", "--int8", "--quiet"]
    assert main([*args, "--device", "cpu"]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["device"] == "cpu"
    assert summary["int8"]["speedup"] > 0
    assert summary["int8"]["accuracy"] is not None and summary["int8"]["float_accuracy"] is not None
    assert summary["int8"]["eval_split"] == "val" == summary["int8"]["check_split"]
    assert summary["int8"]["check_int8_accuracy"] == summary["int8"]["accuracy"]
    assert Predictor(trained).metadata[PRECISION_KEY] == INT8
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cli-int8.onnx", "trained.onnx"]
