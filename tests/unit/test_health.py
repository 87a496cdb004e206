"""Data health (core/health.py, workflows/inspect.py, `desktop-app inspect`) on generated data."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from desktop_app.core.health import (
    HealthInput,
    confident_learning,
    inspect_health,
    neighbours,
    normalised,
)
from desktop_app.core.project import Project
from desktop_app.core.training.events import Cancelled, CancelToken, Finished
from desktop_app.core.workflows.stages import drain
from tests.helpers.synthetic import write_class_folders


def _returned(generator):
    """What a generator returns (its events dropped)."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def _noisy_probabilities(n: int = 600, c: int = 4, flipped: int = 30, seed: int = 0):
    """Out-of-fold-like probabilities for true labels, and given labels with `flipped` wrong."""
    rng = np.random.default_rng(seed)
    true = rng.integers(0, c, n)
    logits = rng.normal(0, 1, (n, c))
    logits[np.arange(n), true] += rng.uniform(1.0, 4.0, n)
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    given = true.copy()
    wrong = rng.choice(n, flipped, replace=False)
    given[wrong] = (true[wrong] + rng.integers(1, c, flipped)) % c
    return p, given, true, wrong


def test_confident_learning_finds_flipped_labels_and_suggests_the_true_one():
    p, given, true, wrong = _noisy_probabilities()
    rows, suggested, scores = confident_learning(p, given)
    top = rows[: wrong.size]
    assert np.isin(top, wrong).mean() >= 0.7  # precision of the top k, k = number flipped
    hits = np.isin(rows, wrong)
    assert (suggested[hits] == true[rows[hits]]).mean() >= 0.9
    assert np.all(np.diff(scores) <= 1e-12)  # ranked worst first
    # clean labels: few issues
    clean_rows, _, _ = confident_learning(p, true)
    assert clean_rows.size < rows.size


def test_blockwise_neighbours_match_the_whole_matrix():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, (300, 16)).astype(np.float32)
    x[250:260] = x[:10] + rng.normal(0, 0.01, (10, 16))  # ten near copies
    found = _returned(neighbours(x, threshold=0.99, k=3, block=64))
    pairs = set(zip(found.first.tolist(), found.second.tolist(), strict=True))
    assert pairs == {(i, 250 + i) for i in range(10)}
    z = normalised(x)
    s = z @ z.T
    np.fill_diagonal(s, -np.inf)
    np.testing.assert_allclose(found.nearest, -np.sort(-s, axis=1)[:, :3], atol=1e-5)


def test_neighbours_cancel():
    cancel = CancelToken()
    cancel.cancel()
    events = list(neighbours(np.ones((10, 4), np.float32), cancel=cancel))
    assert isinstance(events[-1], Cancelled)


def _health_input():
    """Three well-separated classes (one with few items), a copy straddling train/test, an
    outlier, a tiny image, and probabilities that call one item's label wrong."""
    rng = np.random.default_rng(2)
    centres = rng.normal(0, 1, (3, 32)) * 2
    per_class = (40, 40, 6)
    labels = np.concatenate([np.full(k, c) for c, k in enumerate(per_class)])
    x = centres[labels] + rng.normal(0, 1, (labels.size, 32))
    x[5] = x[70] + rng.normal(0, 0.01, 32)  # a copy of item 70 (class 1) labelled 0
    x[10] = rng.normal(0, 1, 32) * 12  # unlike every class
    n = labels.size
    splits = ["train"] * n
    splits[70] = "test"
    p = np.full((n, 3), 0.02)
    p[np.arange(n), labels] = 0.96
    p[5] = (0.01, 0.97, 0.02)  # given 0, looks like 1
    sizes = np.full((n, 2), 300)
    sizes[20] = (40, 30)
    return HealthInput(
        classes=("cat", "dog", "shirt"),
        items=tuple(f"/data/{i}.png" for i in range(n)),
        labels=labels,
        splits=tuple(splits),
        features=x.astype(np.float32),
        positions=np.arange(n),
        probabilities=p,
        prob_rows=np.arange(n),
        sizes=sizes,
        input_size=224,
    )


def test_inspect_health_reports_each_kind_with_a_fix():
    data = _health_input()
    report = drain(inspect_health(data))
    label = report.of_kind("label_issues")
    assert label[0].items == ("/data/5.png",) and data.classes[label[0].suggested] == "dog"
    assert "relabel it as 'dog'" in str(label[0].fix)
    leaks = report.of_kind("leaks")
    assert [f.items for f in leaks] == [("/data/5.png", "/data/70.png")]
    assert str(leaks[0].fix) == "remove the copy in test"
    assert [f.items for f in report.of_kind("outliers")] == [("/data/10.png",)]
    balance = report.of_kind("class_balance")
    assert [str(f.fix) for f in balance] == ["collect about 34 more 'shirt' images"]
    assert [f.items for f in report.of_kind("too_small")] == [("/data/20.png",)]
    out = report.to_json()
    assert out["counts"]["leaks"] == 1 and out["findings"]["label_issues"][0]["suggested_label"]
    # a kept finding is not shown again
    again = drain(inspect_health(data, kept=[leaks[0].id, balance[0].id]))
    assert again.of_kind("leaks") == [] and again.of_kind("class_balance") == []
    assert again.hidden == 2


def test_kept_findings_are_saved_in_the_project(tmp_path):
    project = Project.create(tmp_path / "p")
    project.keep_finding("leaks:0123456789abcdef")
    project.keep_finding("leaks:0123456789abcdef")
    project.save()
    project.close()
    reopened = Project.open(tmp_path / "p", read_only=True)
    assert reopened.kept_findings == ["leaks:0123456789abcdef"]


@pytest.mark.timeout(120)
def test_cli_inspect_json(tmp_path, capsys):
    """Generated colour images (48 px: all too small for the 224 px model) and a red image
    copied into the blue class: a label issue suggesting 'red' and a near-duplicate pair."""
    from desktop_app.cli.program import run

    data = write_class_folders(tmp_path / "data", per_class=8)
    shutil.copy(data / "red" / "0.png", data / "blue" / "copy.png")
    assert run(["inspect", str(data), "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["n_items"] == 25
    assert out["counts"]["too_small"] == 25
    pairs = [set(f["items"]) for f in out["findings"]["near_duplicates"] + out["findings"]["leaks"]]
    assert {str(data / "red" / "0.png"), str(data / "blue" / "copy.png")} in pairs
    wrong = {f["items"][0]: f["suggested_label"] for f in out["findings"]["label_issues"]}
    assert wrong.get(str(data / "blue" / "copy.png")) == "red"


def test_cli_inspect_too_few_items(tmp_path, capsys):
    from desktop_app.cli.program import run

    data = write_class_folders(tmp_path / "data", per_class=2)
    for name in ("green", "blue"):
        shutil.rmtree(data / name)
    assert run(["inspect", str(data), "--quiet"]) == 2
    assert "at least 2 classes" in capsys.readouterr().err


def test_finished_event_carries_the_report():
    events = list(inspect_health(_health_input()))
    assert isinstance(events[-1], Finished)


def _shapes(seed: int) -> np.ndarray:
    """A picture of random rectangles and circles (corners for keypoints), BGR."""
    import cv2

    rng = np.random.default_rng(seed)
    image = np.full((320, 320, 3), 200, np.uint8)
    for _ in range(25):
        colour = tuple(int(v) for v in rng.integers(0, 255, 3))
        x, y = (int(v) for v in rng.integers(0, 300, 2))
        if rng.random() < 0.5:
            cv2.rectangle(image, (x, y), (x + int(rng.integers(10, 60)), y + 30), colour, -1)
        else:
            cv2.circle(image, (x, y), int(rng.integers(5, 30)), colour, -1)
    return image


def test_a_resized_reencoded_cropped_copy_shares_keypoints(tmp_path):
    import cv2

    from desktop_app.core.data.copies import MIN_INLIERS, keypoints, shared_points

    original = _shapes(0)
    cv2.imwrite(str(tmp_path / "a.png"), original)
    copy = cv2.resize(original[20:300, 10:310], None, fx=0.6, fy=0.6)
    cv2.imwrite(str(tmp_path / "copy.jpg"), copy, [cv2.IMWRITE_JPEG_QUALITY, 60])
    cv2.imwrite(str(tmp_path / "other.png"), _shapes(1))
    a, b, c = (keypoints(str(tmp_path / n)) for n in ("a.png", "copy.jpg", "other.png"))
    assert shared_points(a, b) >= MIN_INLIERS
    assert shared_points(a, c) < MIN_INLIERS
    assert keypoints(str(tmp_path / "missing.png"))[1] is None
