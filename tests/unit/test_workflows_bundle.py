"""Export bundle: the model with predict.py and an English README beside it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.quantize import HeldOut
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.bundle import (
    README_MARKER,
    Bundle,
    ModelFacts,
    export_bundle,
    readme_text,
)
from desktop_app.core.workflows.stages import drain

FACTS = ModelFacts("image", ("blue", "green", "red"), "run-1", 0.9, 6, "val")


def test_float_bundle_copies_the_model_and_writes_script_and_readme(image_model, tmp_path):
    _, model = image_model
    target = tmp_path / "out" / "colours.onnx"
    bundle = drain(export_bundle(model, target, FACTS, CancelToken()))
    assert isinstance(bundle, Bundle) and bundle.int8 is None
    assert target.read_bytes() == model.read_bytes()
    assert (tmp_path / "out" / "predict.py").read_text(encoding="utf-8").strip()
    text = (tmp_path / "out" / "README.txt").read_text(encoding="utf-8")
    assert text.startswith(f"{README_MARKER}: colours.onnx")
    assert "Labels (3): blue, green, red" in text
    assert "Accuracy: 90.0 % on 6 held-out val images." in text
    assert "python predict.py colours.onnx image.jpg" in text


def test_someone_elses_readme_is_kept(image_model, tmp_path):
    _, model = image_model
    (tmp_path / "README.txt").write_text("mine", encoding="utf-8")
    bundle = drain(export_bundle(model, tmp_path / "m.onnx", FACTS, CancelToken()))
    assert (tmp_path / "README.txt").read_text(encoding="utf-8") == "mine"
    assert bundle.readme == str(tmp_path / "m-README.txt")


def test_a_second_model_in_the_same_folder_keeps_the_first_models_readme(image_model, tmp_path):
    """Issue 15 #18: exporting another model beside one (e.g. INT8 beside the float model) never
    replaces the README that describes the first; exporting the same name again updates it."""
    _, model = image_model
    drain(export_bundle(model, tmp_path / "m.onnx", FACTS, CancelToken()))
    first = (tmp_path / "README.txt").read_text(encoding="utf-8")
    second = drain(export_bundle(model, tmp_path / "m-copy.onnx", FACTS, CancelToken()))
    assert (tmp_path / "README.txt").read_text(encoding="utf-8") == first
    assert second.readme == str(tmp_path / "m-copy-README.txt")
    assert (
        Path(second.readme)
        .read_text(encoding="utf-8")
        .startswith(f"{README_MARKER}: m-copy.onnx\n")
    )
    again = drain(export_bundle(model, tmp_path / "m.onnx", FACTS, CancelToken()))
    assert again.readme == str(tmp_path / "README.txt")


def test_text_readme_names_the_text_script(tmp_path):
    facts = ModelFacts("text", ("bad", "good"), "the file x.onnx", None)
    text = readme_text(tmp_path / "x.onnx", "predict_text.py", facts)
    assert "pip install onnxruntime numpy tokenizers" in text
    assert "Accuracy: not measured" in text


def test_int8_bundle_cancelled_mid_way_writes_nothing(image_model, tmp_path):
    data, model = image_model
    calibration = sorted(str(p) for p in data.rglob("*.png"))
    cancel = CancelToken()
    events = []
    target = tmp_path / "small.onnx"
    for event in export_bundle(model, target, FACTS, cancel, int8=True, calibration=calibration):
        events.append(event)
        if isinstance(event, Progress) and event.done >= 1:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)
    assert list(tmp_path.iterdir()) == []


def test_int8_bundle(image_model, tmp_path):
    data, model = image_model
    calibration = sorted(str(p) for p in data.rglob("*.png"))
    held = [c for i, c in enumerate(calibration) if i % 4 == 0]
    train = [c for c in calibration if c not in held]
    held_out = HeldOut(held, [Path(c).parent.name for c in held], "test")
    bundle = drain(
        export_bundle(model, tmp_path / "s.onnx", FACTS, CancelToken(), True, train, held_out)
    )
    assert bundle.int8.check_items == len(held) and bundle.int8.check_split == "test"
    assert bundle.int8 is not None and bundle.int8.path == str(tmp_path / "s.onnx")
    text = (tmp_path / "README.txt").read_text(encoding="utf-8")
    assert "This is the INT8 (quantized) model" in text
    assert "Accuracy of the full-precision model: 90.0 %" in text
    assert f"On {len(held)} held-out test items (not used in training)" in text
    assert "training items" not in text
