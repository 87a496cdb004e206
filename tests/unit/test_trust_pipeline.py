"""Cross-validation, calibration inside the export, "unsure" answers and the trust figures of
`evaluate`, through the core and the CLI, on generated data (issue 18)."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import onnx
import pytest

from desktop_app.cli import main
from desktop_app.core.calibration import Calibration, scaled
from desktop_app.core.catalog import get_backbone
from desktop_app.core.crossval import CrossValidation, cross_validate_features
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.export import export_model
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.training.loop import train
from desktop_app.core.training.results import load_result, save_result
from desktop_app.core.workflows.evaluate import evaluate_on_data
from desktop_app.core.workflows.stages import drain
from tests.helpers.synthetic import write_class_folders


def _blobs(n_per_class: int = 60, width: int = 16, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(3, width)) * 3
    labels = np.repeat(np.arange(3), n_per_class)
    features = centres[labels] + rng.normal(size=(labels.size, width))
    return features.astype(np.float32), labels


@pytest.mark.parametrize("stacked", [True, False])
def test_cross_validation_predicts_every_item_once(stacked):
    features, labels = _blobs()
    backbone = get_backbone("efficientnet-lite0")  # a linear head on features
    events = list(
        cross_validate_features(
            TrainConfig(max_epochs=30), backbone, features, labels, 3, 5, stacked=stacked
        )
    )
    cv = events[-1].result
    assert isinstance(cv, CrossValidation) and cv.folds == 5 and len(cv.per_fold) == 5
    assert sum(f.n_held_out for f in cv.per_fold) == labels.size
    assert sorted(np.bincount(cv.fold_of)) == [36] * 5  # stratified: 12 of each class a fold
    assert cv.oof_probabilities.shape == (180, 3)
    np.testing.assert_allclose(cv.oof_probabilities.sum(1), 1.0, atol=1e-5)
    assert (cv.oof_probabilities.argmax(1) == cv.oof_predicted).all()
    assert cv.accuracy_mean > 0.9 and cv.accuracy_std >= 0.0
    for f in cv.per_fold:  # the stop slice is taken from the training folds, never held out
        assert f.n_train + f.n_stop + f.n_held_out == labels.size
    out = cv.to_json()
    assert {"folds", "accuracy_mean", "accuracy_std", "macro_f1_mean", "per_fold"} <= set(out)
    assert out["calibration"]["fitted_on"] == "out-of-fold"
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress and progress[0].stage == "cross-validation"


def test_cross_validation_stops_when_cancelled():
    features, labels = _blobs()
    cancel = CancelToken()
    events = []
    for event in cross_validate_features(
        TrainConfig(max_epochs=200), get_backbone("efficientnet-lite0"), features, labels, 3, 5,
        cancel,
    ):  # fmt: skip
        events.append(event)
        if isinstance(event, Progress):
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A head on generated colours with enough val items (21) to fit a temperature."""
    root = write_class_folders(tmp_path_factory.mktemp("data"), per_class=35)
    dataset = scan_image_folder(root)
    result = drain(train(TrainConfig(max_epochs=12), dataset, CancelToken()))
    return root, dataset, result


def test_training_fits_a_temperature_on_val_and_saves_it(trained, tmp_path):
    _, _, result = trained
    calibration = result.calibration
    assert calibration is not None and calibration.fitted_on == "val"
    assert calibration.n_fit == result.n_val >= 20 and calibration.ece_split == "val"
    assert calibration.temperature != 1.0 and 0 <= calibration.ece_after <= 1
    assert calibration.unsure_threshold == pytest.approx(2 / 3, abs=1e-3)
    # a val split the head separates perfectly: the prior keeps T from running to its bound
    assert 0.1 < calibration.temperature < 1.0
    save_result(result, tmp_path)
    again = load_result(tmp_path).calibration
    assert again.temperature == calibration.temperature
    assert again.ece_after == pytest.approx(calibration.ece_after, abs=1e-6)


def _calibrated(result, temperature: float, threshold: float):
    calibration = Calibration(temperature, "val", 21, "val", 21, 0.2, 0.1, threshold)
    return replace(result, calibration=calibration)


def test_the_temperature_is_inside_the_exported_graph(trained, tmp_path):
    _, dataset, result = trained
    plain = tmp_path / "plain.onnx"
    export_model(replace(result, calibration=None), plain)
    hot = tmp_path / "hot.onnx"
    report = export_model(_calibrated(result, 2.5, 0.6), hot)  # parity checked inside
    assert report.parity_max_abs_diff < 1e-4 and report.parity_samples > 0
    graph = onnx.load(str(hot)).graph
    assert any(n.op_type == "Div" and n.name.startswith("calibration/") for n in graph.node)
    images = [load_image(p) for p in dataset.items[:6]]
    raw = Predictor(plain).probabilities(images)
    got = Predictor(hot).probabilities(images)
    np.testing.assert_allclose(got, scaled(raw, 2.5), atol=1e-5)
    meta = Predictor(hot).metadata
    assert json.loads(meta["calibration"])["temperature"] == 2.5
    assert float(meta["unsure_threshold"]) == 0.6
    assert "calibration" not in Predictor(plain).metadata  # no temperature, no claim


def test_predictions_below_the_threshold_are_unsure(trained, tmp_path, capsys):
    _, dataset, result = trained
    model = tmp_path / "m.onnx"
    export_model(_calibrated(result, 20.0, 0.9), model)  # T=20: every probability near 1/3
    predictor = Predictor(model)
    assert predictor.unsure_threshold == 0.9
    prediction = predictor.predict_file(dataset.items[0])
    assert prediction.unsure and prediction.probabilities[0] < 0.9
    assert main(["predict", str(model), dataset.items[0], "--json", "--quiet"]) == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert line["unsure"] is True
    assert {"path", "labels", "probabilities", "latency_ms"} <= set(line)
    assert main(["predict", str(model), dataset.items[0], "--quiet"]) == 0
    assert capsys.readouterr().out.split("\t")[1] == "unsure"
    sure = tmp_path / "sure.onnx"
    export_model(_calibrated(result, 1.0, 0.34), sure)
    assert not Predictor(sure).predict_file(dataset.items[0]).unsure


def test_evaluate_json_reports_roc_ap_and_ece(trained, tmp_path, capsys):
    root, _, result = trained
    model = tmp_path / "m.onnx"
    export_model(_calibrated(result, 2.0, 0.6), model)
    evaluation = drain(evaluate_on_data(model, root, CancelToken()))
    out = evaluation.to_json()
    assert 0.0 <= out["roc_auc"] <= 1.0 and 0.0 <= out["average_precision"] <= 1.0
    assert all({"roc_auc", "average_precision"} <= set(c) for c in out["per_class"])
    assert 0.0 <= out["ece"] <= 1.0 and "ece_uncalibrated" in out
    assert out["temperature"] == 2.0 and out["unsure_threshold"] == 0.6
    thresholds = [p["threshold"] for p in out["accuracy_coverage"]]
    assert 0.6 in thresholds and thresholds == sorted(thresholds)
    assert main(["evaluate", str(model), str(root), "--json", "--quiet"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["roc_auc"] == out["roc_auc"] and printed["ece"] == out["ece"]


def test_train_folds_reports_cv_and_calibration(trained, tmp_path, capsys):
    root, _, _ = trained
    out = tmp_path / "m.onnx"
    args = ["train", str(root), "--out", str(out), "--epochs", "8", "--folds", "3", "--quiet"]
    assert main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    cv = summary["cv"]
    assert cv["folds"] == 3 and len(cv["per_fold"]) == 3 and cv["n"] == 105
    assert {"accuracy_mean", "accuracy_std", "macro_f1_mean"} <= set(cv)
    assert set(summary["ece"]) == {"before", "after", "split"}
    assert summary["calibration"]["unsure_threshold"] == Predictor(out).unsure_threshold
    assert main(["train", str(root), "--out", str(out), "--folds", "1", "--quiet"]) == 2
