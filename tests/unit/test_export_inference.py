import json

import numpy as np
import onnx
import pytest

from desktop_app.core.calibration import exported_probabilities
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.export import ExportError, export_model
from desktop_app.core.inference import ModelError, Predictor, expand_paths
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished
from desktop_app.core.training.loop import train
from tests.helpers.synthetic import write_class_folders


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = write_class_folders(tmp_path_factory.mktemp("data"), per_class=8)
    dataset = scan_image_folder(root)
    result = next(
        e.result for e in train(TrainConfig(max_epochs=10), dataset) if isinstance(e, Finished)
    )
    out = tmp_path_factory.mktemp("model") / "colours.onnx"
    report = export_model(result, out)
    return dataset, result, out, report


def test_export_writes_one_checked_self_describing_file(trained):
    _, result, out, report = trained
    model = onnx.load(str(out))
    onnx.checker.check_model(model, full_check=True)
    meta = {p.key: p.value for p in model.metadata_props}
    assert json.loads(meta["labels"]) == ["blue", "green", "red"]
    assert meta["task"] == "image"
    assert json.loads(meta["input"])["dtype"] == "uint8"
    assert json.loads(meta["preprocessing"])["size"] == 224
    assert json.loads(meta["backbone"])["id"] == "efficientnet-lite0"
    assert json.loads(meta["metrics"])["validation"]["accuracy"] == result.val_metrics.accuracy
    assert meta["app_version"]
    assert float(meta["parity_max_abs_diff"]) <= 1e-4 and report.parity_samples > 0
    assert [i.name for i in model.graph.input] == ["image"]
    # and `cam`, where the model looked (core/explain.py)
    assert [o.name for o in model.graph.output] == ["probabilities", "cam"]


def test_predictor_reproduces_the_trained_head(trained):
    _, result, out, _ = trained
    predictor = Predictor(out)
    assert predictor.labels == result.classes and predictor.task == "image"
    images = [load_image(p) for p in result.reference_items]
    got = predictor.probabilities(images)
    want = exported_probabilities(result, np.array(result.reference_probabilities))
    np.testing.assert_allclose(got, want, atol=1e-4)  # calibrated in the graph (issue 18)
    top = predictor.predict(images[0], k=2)
    assert len(top.labels) == 2 and top.probabilities[0] >= top.probabilities[1]
    assert top.latency_ms > 0


def test_predict_paths_reports_bad_files_instead_of_raising(trained, tmp_path):
    dataset, _, out, _ = trained
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not an image")
    results = list(Predictor(out).predict_paths([dataset.items[0], bad]))
    assert results[0].prediction is not None and results[0].error is None
    assert results[1].prediction is None and "not an image" in str(results[1].error)


def test_expand_paths_walks_folders_and_skips_junk(trained, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.png").write_bytes(b"")
    (tmp_path / "a" / ".DS_Store").write_bytes(b"")
    (tmp_path / "a" / "notes.txt").write_text("hi")
    assert expand_paths([tmp_path]) == [tmp_path / "a" / "x.png"]


def test_foreign_corrupt_and_missing_models_are_refused_clearly(tmp_path):
    from onnx import TensorProto
    from onnx import helper as oh

    graph = oh.make_graph(
        [oh.make_node("Identity", ["x"], ["y"])],
        "g",
        [oh.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [oh.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
    )
    foreign = tmp_path / "foreign.onnx"
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 18)])
    model.ir_version = 9
    onnx.save(model, str(foreign))
    with pytest.raises(ModelError, match="not exported by Classifier Studio"):
        Predictor(foreign)
    corrupt = tmp_path / "corrupt.onnx"
    corrupt.write_bytes(b"\x08\x07garbage" * 10)
    with pytest.raises(ModelError, match="not a valid ONNX model"):
        Predictor(corrupt)
    with pytest.raises(ModelError, match="not found"):
        Predictor(tmp_path / "missing.onnx")


def test_export_refuses_a_wrong_extension(trained, tmp_path):
    _, result, _, _ = trained
    with pytest.raises(ExportError, match=".onnx"):
        export_model(result, tmp_path / "model.txt")
