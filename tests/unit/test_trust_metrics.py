"""ROC AUC, average precision, calibration (temperature, ECE, accuracy–coverage) and stratified
folds against small cases worked out by hand (issue 18)."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core.calibration import (
    accuracy_coverage,
    calibrate,
    default_unsure_threshold,
    expected_calibration_error,
    fit_temperature,
    nll,
    scaled,
)
from desktop_app.core.crossval import stratified_folds
from desktop_app.core.metrics import average_precision, ranking_metrics, roc_auc


def test_roc_auc_by_hand():
    # positives 0.8, 0.4; negatives 0.6, 0.2: pairs (0.8>0.6) (0.8>0.2) (0.4<0.6) (0.4>0.2) → 3/4
    assert roc_auc([0.8, 0.6, 0.4, 0.2], [1, 0, 1, 0]) == pytest.approx(0.75)
    assert roc_auc([0.9, 0.8, 0.1], [1, 1, 0]) == pytest.approx(1.0)
    assert roc_auc([0.1, 0.8, 0.9], [1, 1, 0]) == pytest.approx(0.0)
    # positives 0.5, 0.1 vs negative 0.5: a tie counts one half, 0.1 < 0.5 zero: (0.5 + 0) / 2
    assert roc_auc([0.5, 0.5, 0.1], [1, 0, 1]) == pytest.approx(0.25)
    assert roc_auc([0.5, 0.5, 0.9], [1, 0, 1]) == pytest.approx(0.75)
    assert roc_auc([0.3, 0.4], [1, 1]) is None  # no negatives: undefined


def test_average_precision_by_hand():
    # ranking 0.9(+) 0.8(-) 0.7(+) 0.1(-): precision at the positives 1/1 and 2/3 → (1 + 2/3)/2
    assert average_precision([0.9, 0.8, 0.7, 0.1], [1, 0, 1, 0]) == pytest.approx(5 / 6)
    assert average_precision([0.9, 0.8], [1, 1]) == pytest.approx(1.0)
    # all scores equal: one threshold admits everything, precision 2/4 for both positives
    assert average_precision([0.5] * 4, [1, 0, 1, 0]) == pytest.approx(0.5)
    assert average_precision([0.2, 0.1], [0, 0]) is None


def test_ranking_metrics_per_class_and_macro():
    p = np.array([[0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.4, 0.4, 0.2]])
    labels = np.array([0, 1, 2, 1])
    out = ranking_metrics(p, labels, ("a", "b", "c"))
    per = out["roc_auc"]["per_class"]
    # class a: positive 0.7 vs negatives 0.2, 0.1, 0.4 → 1; class c: 0.6 vs 0.1, 0.3, 0.2 → 1
    # class b: positives 0.5, 0.4 vs negatives 0.2, 0.3 → 1
    assert per == {"a": 1.0, "b": 1.0, "c": 1.0} and out["roc_auc"]["macro"] == 1.0
    ap = out["average_precision"]["per_class"]
    assert ap["b"] == pytest.approx(1.0) and out["average_precision"]["macro"] == pytest.approx(1.0)


def test_ece_by_hand():
    # two bins used: confidence 0.9 (2 items, 1 right: |0.5-0.9| = 0.4) and 0.6 (2 items, both
    # right: |1-0.6| = 0.4): ECE = 0.5*0.4 + 0.5*0.4 = 0.4
    p = np.array([[0.9, 0.1], [0.9, 0.1], [0.4, 0.6], [0.6, 0.4]])
    labels = np.array([0, 1, 1, 0])
    assert expected_calibration_error(p, labels) == pytest.approx(0.4)
    perfect = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert expected_calibration_error(perfect, np.array([0, 1])) == pytest.approx(0.0)


def test_scaling_equals_dividing_the_logits():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(5, 4)) * 3
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    want = np.exp(logits / 2.5) / np.exp(logits / 2.5).sum(1, keepdims=True)
    np.testing.assert_allclose(scaled(p, 2.5), want, atol=1e-9)
    np.testing.assert_allclose(scaled(scaled(p, 2.5), 1 / 2.5), p, atol=1e-9)


def test_the_fitted_temperature_undoes_an_over_confident_model():
    """Labels drawn from softmax(z); the model says softmax(3z): the best T is near 3."""
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(4000, 5)) * 1.5
    true_p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    labels = np.array([rng.choice(5, p=row) for row in true_p])
    over = scaled(true_p, 1 / 3)  # softmax(3z)
    t = fit_temperature(over, labels)
    assert 2.6 < t < 3.4
    assert nll(over, labels, t) < nll(over, labels, 1.0)
    calibration = calibrate(over[:2000], labels[:2000], over[2000:], labels[2000:], "val", "test")
    assert calibration.ece_after < calibration.ece_before / 3
    assert calibration.fitted_on == "val" and calibration.n_ece == 2000


def test_too_few_items_keep_temperature_one():
    p = np.array([[0.9, 0.1], [0.2, 0.8]])
    calibration = calibrate(p, [0, 1], p, [0, 1], "val", "val")
    assert calibration.temperature == 1.0 and calibration.fitted_on == ""


def test_accuracy_coverage_by_hand():
    p = np.array([[0.95, 0.05], [0.7, 0.3], [0.55, 0.45], [0.2, 0.8]])
    labels = np.array([0, 1, 0, 1])  # right, wrong, right, right
    points = accuracy_coverage(p, labels, (0.5, 0.75, 0.99))
    assert [(c.answered, c.accuracy) for c in points] == [(1.0, 0.75), (0.5, 1.0), (0.0, None)]


def test_default_unsure_threshold():
    assert default_unsure_threshold(2) == 0.75
    assert default_unsure_threshold(12) == pytest.approx(0.5417, abs=1e-4)


def test_stratified_folds_balance_every_class():
    labels = np.array([0] * 10 + [1] * 7 + [2] * 3)
    folds = stratified_folds(labels, 5, seed=0)
    sizes = np.bincount(folds, minlength=5)
    assert sizes.max() - sizes.min() <= 1
    for c in (0, 1):  # each class spread as evenly as its size allows
        per = np.bincount(folds[labels == c], minlength=5)
        assert per.max() - per.min() <= 1
    assert (stratified_folds(labels, 5, seed=0) == folds).all()
