"""What the Evaluate tab's trust views are drawn from (issue 18): ROC and precision–recall curve
points whose areas are the reported AUC and AP, the reliability diagram whose gaps are the ECE,
the accuracy–coverage curve read at any threshold, and the "unsure" threshold rewritten in an
exported model and in a run's saved result."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from desktop_app.core.calibration import (
    Calibration,
    CoverageCurve,
    accuracy_coverage,
    confidence_and_correct,
    expected_calibration_error,
    reliability,
    scaled,
)
from desktop_app.core.inference import Predictor
from desktop_app.core.metrics import (
    average_precision,
    precision_recall_curve,
    roc_auc,
    roc_curve,
)
from desktop_app.core.model_file import ModelFileError, read_metadata, set_unsure_threshold
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.results import TrainResult, load_result
from desktop_app.core.trust import (
    ThresholdError,
    check_unsure_threshold,
    class_curves,
    coverage_curve,
    eval_confidence,
    macro_ranking,
    reliability_before_after,
    with_unsure_threshold,
)
from desktop_app.core.workflows.calibrate import apply_unsure_threshold


def _random_case(seed: int, n: int = 200, k: int = 4):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, n)
    logits = rng.normal(size=(n, k)) + 2.0 * np.eye(k)[labels]
    logits = np.round(logits, 1)  # ties on purpose
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    return p, labels


def test_roc_curve_by_hand_and_its_area_is_the_auc():
    # scores 0.8(+) 0.6(-) 0.4(+) 0.2(-): corners (0,0) (0,.5) (.5,.5) (.5,1) (1,1)
    fpr, tpr = roc_curve([0.8, 0.6, 0.4, 0.2], [1, 0, 1, 0])
    np.testing.assert_allclose(fpr, [0, 0, 0.5, 0.5, 1])
    np.testing.assert_allclose(tpr, [0, 0.5, 0.5, 1, 1])
    assert roc_curve([0.3, 0.4], [1, 1]) is None
    for seed in range(5):
        p, labels = _random_case(seed)
        for c in range(p.shape[1]):
            fpr, tpr = roc_curve(p[:, c], labels == c)
            area = float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
            assert area == pytest.approx(roc_auc(p[:, c], labels == c), abs=1e-12)


def test_precision_recall_curve_by_hand_and_its_step_area_is_the_ap():
    # 0.9(+) 0.8(-) 0.7(+) 0.1(-): recall 0, .5, .5, 1, 1 at precision 1, 1, 1/2, 2/3, 1/2
    recall, precision = precision_recall_curve([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0])
    np.testing.assert_allclose(recall, [0, 0.5, 0.5, 1, 1])
    np.testing.assert_allclose(precision, [1, 1, 0.5, 2 / 3, 0.5])
    assert precision_recall_curve([0.2, 0.1], [0, 0]) is None
    for seed in range(5):
        p, labels = _random_case(seed)
        for c in range(p.shape[1]):
            recall, precision = precision_recall_curve(p[:, c], labels == c)
            area = float(np.sum(np.diff(recall) * precision[1:]))
            assert area == pytest.approx(average_precision(p[:, c], labels == c), abs=1e-12)


def test_reliability_bins_add_up_to_the_ece():
    p, labels = _random_case(3)
    diagram = reliability(*confidence_and_correct(p, labels))
    assert diagram.count.sum() == labels.size and diagram.count.size == 15
    assert diagram.ece == pytest.approx(expected_calibration_error(p, labels), abs=1e-12)
    used = diagram.count > 0
    gaps = np.abs(diagram.accuracy[used] - diagram.confidence[used]) * diagram.count[used]
    assert diagram.ece == pytest.approx(gaps.sum() / labels.size)
    inside = (diagram.confidence[used] > diagram.lower[used]) & (
        diagram.confidence[used] <= diagram.upper[used]
    )
    assert inside.all()
    assert np.isnan(diagram.accuracy[~used]).all()


def test_coverage_curve_agrees_with_the_fixed_thresholds_everywhere():
    p, labels = _random_case(4)
    curve = CoverageCurve.of(*confidence_and_correct(p, labels))
    thresholds = np.r_[0.0, np.unique(p.max(1)), np.linspace(0, 1, 41), 1.0]
    for expected in accuracy_coverage(p, labels, thresholds):
        got = curve.at(expected.threshold)
        assert got.answered == pytest.approx(expected.answered)
        assert (got.accuracy is None) == (expected.accuracy is None)
        if got.accuracy is not None:
            assert got.accuracy == pytest.approx(expected.accuracy)
    t, answered, accuracy = curve.points()
    assert answered[0] == 1.0 and np.all(np.diff(answered) < 0) and np.all(np.diff(t) > 0)
    assert accuracy[0] == pytest.approx(np.mean(p.argmax(1) == labels))
    assert curve.at(1.01).answered == 0 and curve.at(1.01).accuracy is None


@pytest.mark.parametrize("value", ["0.8", 0, 1, 0.5])
def test_a_threshold_is_a_probability(value):
    assert check_unsure_threshold(value) == float(value)


@pytest.mark.parametrize("value", ["80", "-0.1", "1.5", "nan", "inf", "sure", None])
def test_a_threshold_outside_0_to_1_is_refused_with_what_was_given(value):
    with pytest.raises(ThresholdError) as caught:
        check_unsure_threshold(value)
    assert "from 0 to 1" in str(caught.value) and str(value) in str(caught.value)


def _result(p: np.ndarray, labels: np.ndarray, calibration: Calibration | None) -> TrainResult:
    classes = tuple(f"c{i}" for i in range(p.shape[1]))
    return TrainResult(
        config=TrainConfig(),
        backbone_id="efficientnet-lite0",
        task="image",
        classes=classes,
        head_onnx=b"head",
        val_metrics=None,
        test_metrics=None,
        n_train=10,
        n_val=len(labels),
        n_test=0,
        skipped=(),
        best_epoch=1,
        epochs_run=1,
        history=(),
        features_computed=0,
        features_cached=0,
        seconds=1.0,
        timings={},
        device="cpu",
        eval_split="val",
        eval_items=tuple(f"item{i}.png" for i in range(len(labels))),
        eval_labels=tuple(int(v) for v in labels),
        eval_probabilities=p.astype(np.float32),
        calibration=calibration,
    )


def test_views_use_the_probabilities_the_exported_model_gives():
    p, labels = _random_case(5, n=120, k=3)
    calibration = Calibration(2.0, "val", 120, "val", 120, 0.1, 0.05, 0.66)
    result = _result(p, labels, calibration)
    after = scaled(p.astype(np.float32), 2.0)
    curves = class_curves(result, 1)
    assert curves.name == "c1"
    assert curves.auc == pytest.approx(roc_auc(after[:, 1], labels == 1))
    assert curves.ap == pytest.approx(average_precision(after[:, 1], labels == 1))
    auc, ap = macro_ranking(result)
    assert 0.5 < auc <= 1 and 0 < ap <= 1
    before, calibrated = reliability_before_after(result)
    assert before.ece == pytest.approx(expected_calibration_error(p, labels), abs=1e-6)
    assert calibrated.ece == pytest.approx(expected_calibration_error(after, labels), abs=1e-6)
    point = coverage_curve(result).at(0.66)
    assert point == accuracy_coverage(after, labels, [0.66])[0]


def test_many_classes_views_read_the_kept_best_classes():
    p, labels = _random_case(6, n=50, k=5)
    order = np.argsort(-p, axis=1)[:, :2]
    kept = np.take_along_axis(p, order, axis=1)
    result = _result(p, labels, None)
    from dataclasses import replace

    result = replace(result, eval_probabilities=kept.astype(np.float32), eval_top_classes=order)
    confidence, correct = eval_confidence(result)
    np.testing.assert_allclose(confidence, p.max(1), rtol=1e-6)
    np.testing.assert_array_equal(correct, p.argmax(1) == labels)
    updated = with_unsure_threshold(result, 0.7)  # no calibration: one with T = 1
    assert updated.calibration.temperature == 1.0 and updated.calibration.unsure_threshold == 0.7


def test_the_threshold_is_rewritten_in_an_exported_model(image_model, tmp_path):
    data, original = image_model
    model = tmp_path / "copy.onnx"
    shutil.copy(original, model)
    before = read_metadata(model)
    image = sorted(data.rglob("*.png"))[0]
    written = set_unsure_threshold(model, 0.999)
    assert written["unsure_threshold"] == "0.999"
    assert {k: v for k, v in written.items() if k not in ("unsure_threshold", "calibration")} == {
        k: v for k, v in before.items() if k not in ("unsure_threshold", "calibration")
    }
    if "calibration" in written:
        assert json.loads(written["calibration"])["unsure_threshold"] == 0.999
    predictor = Predictor(model)
    assert predictor.unsure_threshold == 0.999 and predictor.predict_file(image).unsure
    set_unsure_threshold(model, 0)
    assert not Predictor(model).predict_file(image).unsure
    assert not list(tmp_path.glob(".*.tmp"))  # atomic: no temp file left


def test_rewriting_refuses_what_is_not_one_of_our_models(tmp_path, image_model):
    junk = tmp_path / "junk.onnx"
    junk.write_bytes(b"not a model at all")
    with pytest.raises(ModelFileError, match="junk.onnx is not a valid ONNX model"):
        set_unsure_threshold(junk, 0.5)
    assert junk.read_bytes() == b"not a model at all"
    with pytest.raises(ModelFileError, match="not found"):
        set_unsure_threshold(tmp_path / "missing.onnx", 0.5)
    model = tmp_path / "copy.onnx"
    shutil.copy(image_model[1], model)
    with pytest.raises(ThresholdError):
        set_unsure_threshold(model, 1.2)
    assert model.read_bytes() == image_model[1].read_bytes()


def test_applying_to_a_run_changes_its_model_and_its_saved_result(image_model, tmp_path):
    p, labels = _random_case(7, n=40, k=3)
    calibration = Calibration(1.5, "val", 40, "val", 40, 0.1, 0.05, 0.66)
    run = tmp_path / "run-0001"
    run.mkdir()
    model = run / "model.onnx"
    shutil.copy(image_model[1], model)
    updated = apply_unsure_threshold(_result(p, labels, calibration), run, model, 0.8)
    assert updated.calibration.unsure_threshold == 0.8
    assert updated.calibration.temperature == 1.5  # nothing else changes
    assert load_result(run).calibration.unsure_threshold == 0.8
    assert Predictor(model).unsure_threshold == 0.8
    with pytest.raises(ThresholdError):
        apply_unsure_threshold(updated, run, model, -1)
    assert load_result(run).calibration.unsure_threshold == 0.8


def test_cli_calibrate_shows_and_sets_the_threshold(image_model, tmp_path, capsys):
    from desktop_app.cli import main

    model = tmp_path / "m.onnx"
    shutil.copy(image_model[1], model)
    assert main(["calibrate", str(model), "--unsure-threshold", "0.8", "--json"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["unsure_threshold"] == 0.8 and "previous_unsure_threshold" in line
    assert Predictor(model).unsure_threshold == 0.8
    assert main(["calibrate", str(model)]) == 0
    assert "unsure threshold: 0.8" in capsys.readouterr().out
    untouched = model.read_bytes()
    assert main(["calibrate", str(model), "--unsure-threshold", "80"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: The unsure threshold must be a probability from 0 to 1")
    assert "got 80" in err and model.read_bytes() == untouched


def test_predict_csv_says_unsure_below_the_models_threshold(image_model, tmp_path, capsys):
    import csv

    from desktop_app.cli import main

    data, original = image_model
    model = tmp_path / "m.onnx"
    shutil.copy(original, model)
    images = [str(p) for p in sorted(data.rglob("*.png"))[:4]]
    for threshold, expected in ((1.0, "true"), (0.0, "false")):
        set_unsure_threshold(model, threshold)
        out = tmp_path / f"p{threshold}.csv"
        assert main(["predict", str(model), *images, "--csv", str(out), "--quiet"]) == 0
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert [r["unsure"] for r in rows] == [expected] * len(images)
