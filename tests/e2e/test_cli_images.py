"""The whole path through the CLI, as a user runs it, on the shared hymenoptera set."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO.parent / "shared" / "datasets"
HYMENOPTERA = DATASETS / "images" / "hymenoptera"
SAMPLE_SCRIPT = REPO / "resources" / "samples" / "predict.py"

pytestmark = pytest.mark.skipif(not HYMENOPTERA.is_dir(), reason="../shared/datasets is not here")


def cli(*args: str, home: Path, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"exit {result.returncode}\n{result.stderr[-3000:]}")
    return result


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Train twice on hymenoptera with a fresh cache: cold, then warm."""
    home = tmp_path_factory.mktemp("home")
    model = tmp_path_factory.mktemp("out") / "h.onnx"
    first = cli("train", str(HYMENOPTERA), "--out", str(model), home=home)
    second = cli("train", str(HYMENOPTERA), "--out", str(model), home=home)
    return (
        home,
        model,
        json.loads(first.stdout.splitlines()[-1]),
        json.loads(second.stdout.splitlines()[-1]),
        first,
    )


def test_train_prints_the_json_contract_and_reaches_the_accuracy(runs):
    _, model, first, _, process = runs
    assert {"accuracy", "macro_f1", "n_train", "n_val", "skipped", "seconds"} <= first.keys()
    assert first["accuracy"] >= 0.93 and first["macro_f1"] >= 0.93
    assert model.is_file()
    assert "epoch 1/" in process.stderr, "progress goes to stderr"


def test_only_the_gif_placeholder_and_the_junk_are_skipped_and_nothing_else_is_lost(runs):
    _, _, first, _, process = runs
    skipped = {Path(s["path"]).name: s["reason"] for s in first["skipped"]}
    assert set(skipped) == {"imageNotFound.gif", ".DS_Store"}
    assert "GIF" in skipped["imageNotFound.gif"]
    assert skipped[".DS_Store"] == "system file, not an image (macOS folder settings)"
    assert ".DS_Store: system file, not an image" in process.stderr
    jpegs = [p for p in HYMENOPTERA.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg")]
    assert first["n_train"] + first["n_val"] == len(jpegs) == 397


def test_a_second_train_reuses_every_feature(runs):
    _, _, first, second, _ = runs
    assert (first["features_computed"], first["features_cached"]) == (397, 0)
    assert (second["features_computed"], second["features_cached"]) == (0, 397)
    assert second["timings"]["features"] * 5 < first["timings"]["features"]
    assert second["seconds"] < first["seconds"]
    assert second["accuracy"] == first["accuracy"], "same seed, same data, same model"


def test_evaluate_json_on_the_val_split(runs):
    home, model, _, _, _ = runs
    out = json.loads(cli("evaluate", str(model), str(HYMENOPTERA), "--json", home=home).stdout)
    assert {"accuracy", "macro_f1", "per_class", "confusion", "n"} <= out.keys()
    assert out["n"] == 153 and out["accuracy"] >= 0.93
    assert sum(map(sum, out["confusion"])) == 153
    assert [c["name"] for c in out["per_class"]] == ["ants", "bees"]
    wrong = out["mistakes"]
    assert len(wrong) == 153 - sum(out["confusion"][i][i] for i in range(2))
    assert all(
        m["label"] != m["predicted"] and m["item"].startswith(str(HYMENOPTERA)) for m in wrong
    )
    assert [m["probability"] for m in wrong] == sorted(
        (m["probability"] for m in wrong), reverse=True
    )
    text = cli("evaluate", str(model), str(HYMENOPTERA), "--top", "1", home=home).stdout
    if wrong:  # the surest mistake, then how many more
        assert f"mistakes: {len(wrong)}, the model's surest first" in text
        assert f"{wrong[0]['item']}\tlabelled {wrong[0]['label']}, model says" in text
        assert len(wrong) == 1 or f"… and {len(wrong) - 1} more" in text


def test_predict_writes_a_csv_with_top_k(runs, tmp_path):
    home, model, _, _, _ = runs
    images = sorted((HYMENOPTERA / "val" / "bees").glob("*.jpg"))[:3]
    out_csv = tmp_path / "out.csv"
    cli("predict", str(model), *map(str, images), "--csv", str(out_csv), "--top-k", "2", home=home)
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert [r["path"] for r in rows] == list(map(str, images))
    assert all(r["label"] in ("ants", "bees") and 0.5 <= float(r["probability"]) <= 1 for r in rows)
    assert all(r["label_2"] for r in rows)


def test_a_script_with_only_onnxruntime_numpy_opencv_reproduces_the_app(runs, tmp_path):
    home, model, _, _, _ = runs
    images = sorted((HYMENOPTERA / "val" / "ants").glob("*.jpg"))[:5]
    images += sorted((HYMENOPTERA / "val" / "bees").glob("*.jpg"))[:5]
    app = cli("predict", str(model), *map(str, images), "--json", "--top-k", "2", home=home)
    app_rows = [json.loads(line) for line in app.stdout.splitlines()]
    script = subprocess.run(
        [
            sys.executable,
            "-I",
            "-X",
            "importtime",
            str(SAMPLE_SCRIPT),
            str(model),
            *map(str, images),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    imported = {line.split("|")[-1].strip() for line in script.stderr.splitlines() if "|" in line}
    assert not {m for m in imported if m.split(".")[0] in ("desktop_app", "torch", "onnx")}
    script_rows = [json.loads(line) for line in script.stdout.splitlines()]
    assert len(script_rows) == len(app_rows) == 10
    labels = ["ants", "bees"]
    for mine, theirs in zip(app_rows, script_rows, strict=True):
        probs = np.array(theirs["probabilities"])
        expected = [probs[labels.index(label)] for label in mine["labels"]]
        np.testing.assert_allclose(mine["probabilities"], expected, atol=1e-4)


def test_errors_are_one_clear_line_and_a_nonzero_exit(runs, tmp_path):
    home, _, _, _, _ = runs
    missing = cli(
        "train", str(tmp_path / "nope"), "--out", str(tmp_path / "m.onnx"), home=home, check=False
    )
    assert missing.returncode == 2 and "error: Folder or file not found:" in missing.stderr
    assert "Traceback" not in missing.stderr
    fake = tmp_path / "fake.onnx"
    fake.write_text("hello")
    bad = cli("predict", str(fake), str(HYMENOPTERA), home=home, check=False)
    assert bad.returncode == 2 and "not a valid ONNX model" in bad.stderr
    unknown = cli(
        "train",
        str(HYMENOPTERA),
        "--out",
        str(tmp_path / "m.onnx"),
        "--backbone",
        "x",
        home=home,
        check=False,
    )
    assert unknown.returncode == 2 and "efficientnet-lite0" in unknown.stderr


def test_models_and_version(runs):
    home, _, _, _, _ = runs
    listing = cli("models", home=home).stdout
    assert listing.count("built") >= 3 and "scratch-cnn" in listing
    assert "Classifier Studio" in cli("--version", home=home).stdout
