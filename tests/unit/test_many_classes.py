"""Many classes (issue 16, item 8): memory stays near-linear in items and classes. 15,000
labels × 2 rows peaked at 5.6 GB: the head's probabilities for every row and class, the eval
items' copy of them, and a 15,000² confusion matrix as Python ints."""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from desktop_app.core.data.dataset import Dataset, stratified_split
from desktop_app.core.metrics import DENSE_CONFUSION_CLASSES, compute_metrics
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished
from desktop_app.core.training.loop import DENSE_PROBABILITY_CLASSES, TOP_CLASSES, train
from desktop_app.core.training.results import RESULT_FILE, load_result, save_result


def test_metrics_for_5000_classes_take_megabytes_not_hundreds():
    k, n = 5000, 10_000
    rng = np.random.default_rng(0)
    true = rng.integers(0, k, n)
    pred = np.where(rng.random(n) < 0.5, true, rng.integers(0, k, n))
    tracemalloc.start()
    metrics = compute_metrics(true, pred, [f"c{i}" for i in range(k)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 30e6, f"{peak / 1e6:.0f} MB"  # a dense 5000² int64 matrix alone is 200 MB
    assert not metrics.has_matrix and metrics.confusion == ()
    assert sum(c for _, _, c in metrics.cells) == n
    assert metrics.accuracy == pytest.approx((true == pred).mean())
    diagonal = sum(c for t, p, c in metrics.cells if t == p)
    assert diagonal == (true == pred).sum()
    t0, p0 = int(true[0]), int(pred[0])
    assert metrics.count(t0, p0) == int(((true == t0) & (pred == p0)).sum())


def test_sparse_and_dense_metrics_agree():
    k = DENSE_CONFUSION_CLASSES + 1
    rng = np.random.default_rng(1)
    true, pred = rng.integers(0, 40, 500), rng.integers(0, 40, 500)
    sparse = compute_metrics(true, pred, [str(i) for i in range(k)])
    dense = compute_metrics(true, pred, [str(i) for i in range(40)])
    assert (sparse.accuracy, sparse.macro_f1) == (dense.accuracy, dense.macro_f1)
    for t in range(40):
        for p in range(40):
            assert sparse.count(t, p) == dense.confusion[t][p]
    assert "cells" in sparse.to_json() and "cells" not in dense.to_json()


def _many_class_texts(n_classes: int) -> Dataset:
    words = ("river", "stone", "cloud", "paper", "orange", "window", "garden", "silver")
    items, labels = [], []
    for c in range(n_classes):
        for r in range(2):
            items.append(f"{words[c % 8]} {words[(c // 8) % 8]} number {c} row {r}")
            labels.append(c)
    classes = tuple(f"class {c:04d}" for c in range(n_classes))
    return Dataset("text", classes, tuple(items), tuple(labels), stratified_split(labels, 0.5))


def test_a_run_with_many_classes_keeps_each_eval_items_best_classes_only(tmp_path):
    n_classes = DENSE_PROBABILITY_CLASSES + 50
    dataset = _many_class_texts(n_classes)
    config = TrainConfig(backbone="minilm-l6", max_epochs=3)
    events = list(train(config, dataset))
    result = next(e.result for e in events if isinstance(e, Finished))
    n_eval = len(result.eval_items)
    assert n_eval == n_classes
    assert result.eval_probabilities.shape == (n_eval, TOP_CLASSES)
    assert result.eval_top_classes.shape == (n_eval, TOP_CLASSES)
    assert np.all(np.diff(result.eval_probabilities, axis=1) <= 0), "best first"
    predicted = result.eval_predicted()
    labels = np.asarray(result.eval_labels)
    assert result.val_metrics.accuracy == pytest.approx((predicted == labels).mean())
    assert len(result.reference_probabilities[0]) == n_classes, "parity rows stay whole"
    confidence = result.eval_probability(np.arange(n_eval), predicted)
    np.testing.assert_allclose(confidence, result.eval_probabilities[:, 0], rtol=1e-6)
    top = result.eval_top(0, 5)
    assert [c for c, _ in top] == list(result.eval_top_classes[0][:5])

    save_result(result, tmp_path)
    saved = json.loads((tmp_path / RESULT_FILE).read_text())
    sizes = {key: len(json.dumps(value)) for key, value in saved.items()}
    assert sizes["eval_probabilities"] < 15 * n_eval * TOP_CLASSES, sizes  # not [items, classes]
    assert max(sizes.values()) < 1000 * (n_eval + n_classes), sizes  # each part linear
    loaded = load_result(tmp_path)
    np.testing.assert_array_equal(loaded.eval_top_classes, result.eval_top_classes)
    np.testing.assert_array_equal(loaded.eval_predicted(), predicted)


def test_a_run_with_few_classes_keeps_every_probability(tmp_path):
    dataset = _many_class_texts(6)
    events = list(train(TrainConfig(backbone="minilm-l6", max_epochs=2), dataset))
    result = next(e.result for e in events if isinstance(e, Finished))
    assert result.eval_probabilities.shape == (len(result.eval_items), 6)
    assert result.eval_top_classes.size == 0
    np.testing.assert_allclose(result.eval_probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert list(result.eval_predicted()) == list(result.eval_probabilities.argmax(axis=1))
