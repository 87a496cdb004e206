"""`desktop-app train DATA --fine-tune` end to end: the fine-tuned model is one file that
`predict` reads; the same command under `torchrun --nproc_per_node=2` (two CPU processes, DDP
over gloo) trains the same model; and offline: albumentations checks PyPI for updates on import
unless told not to, the app tells it not to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.e2e.test_no_network import GuardedPython, _blocked
from tests.helpers.synthetic import write_class_folders

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, home: Path, launcher: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    done = subprocess.run(
        [*(launcher or (sys.executable,)), "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


# 13 images a class, 15 % for val: 33 to train on, batches of 16, 16 and 1 (the last has
# nothing for one of torchrun's two processes); two head epochs then one fine-tune epoch,
# which lowers the val loss (0.44 → 0.37), so its weights are the ones exported
PER_CLASS = 13
TRAIN_ARGS = ("--epochs", "2", "--fine-tune-epochs", "1", "--val-fraction", "0.15")


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    """(data, home, model, CompletedProcess): one `train --fine-tune` in one process."""
    base = tmp_path_factory.mktemp("fine-tune-cli")
    data = write_class_folders(base / "data", per_class=PER_CLASS)
    model = base / "out" / "fine.onnx"
    home = base / "home"
    return data, home, model, cli("train", str(data), "--out", str(model), *TRAIN_ARGS, home=home)


def test_cli_fine_tunes_exports_one_model_and_predicts(single):
    data, home, model, trained = single
    summary = json.loads(trained.stdout.splitlines()[-1])
    assert summary["parity_max_abs_diff"] <= 1e-4 and model.is_file()
    assert summary["fine_tune"]["epochs"] == 1 and "fine_tune" in summary["timings"]
    assert summary["fine_tune"]["distributed"] == {"processes": 1}
    assert "fine_tune: " in trained.stderr  # its progress is shown
    # said in words exactly when no fine-tuned epoch beat the head (its weights are then kept)
    kept = summary["fine_tune"]["head_kept"]
    assert ("Fine-tuning did not beat the first model" in trained.stderr) == kept
    assert [p.name for p in model.parent.iterdir()] == [model.name]  # one file
    predicted = cli("predict", str(model), str(data / "red"), "--json", home=home)
    lines = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert len(lines) == PER_CLASS
    assert sum(line["labels"][0] == "red" for line in lines) >= PER_CLASS - 1


# Two processes train the one process's model: the same global batches (each process half of
# each, the loss scaled so that DDP's average is the whole batch's gradient), the same
# augmentation and dropout draws per image. What may differ is the order of float additions
# (gradients summed over two halves, then all-reduced), which Adam's first steps may amplify
# for near-zero gradients: measured on this data, the two models' probabilities differ by at
# most 1.5e-5. Without DDP (`Group.wrap` returning the bare module, each process stepping on
# its half batch alone) they differ by 0.12 and one image in 39 changes its answer.
PROBABILITY_TOLERANCE = 1e-3


def test_torchrun_two_cpu_processes_train_the_single_process_model(single, tmp_path):
    data, home, model, trained = single
    one = json.loads(trained.stdout.splitlines()[-1])
    # the model compared is the fine-tuned one (not the head's, restored for a worse val loss)
    assert one["best_epoch"] == one["epochs_run"] > one["fine_tune"]["head_epochs"]
    out = tmp_path / "out" / "ddp.onnx"
    launcher = (sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2")
    run = cli("train", str(data), "--out", str(out), *TRAIN_ARGS, home=home, launcher=launcher)
    lines = run.stdout.splitlines()
    assert len(lines) == 1  # rank 0 alone prints the JSON line (torchrun joins their stdout)
    two = json.loads(lines[0])
    record = two["fine_tune"]["distributed"]
    assert record["processes"] == 2 and record["backend"] == "gloo"
    # both processes trained: between them, every training image of the epoch once
    assert all(n > 0 for n in record["images_by_process"])
    assert sum(record["images_by_process"]) == two["n_train"] == 33
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    assert two["parity_max_abs_diff"] <= 1e-4
    assert two["fine_tune"]["steps"] == one["fine_tune"]["steps"] == 3
    assert two["best_epoch"] == one["best_epoch"]
    assert two["accuracy"] == pytest.approx(one["accuracy"], abs=1 / one["n_val"] + 1e-9)
    from desktop_app.core.data.images import load_image
    from desktop_app.core.inference import Predictor

    images = [load_image(p) for p in sorted(data.glob("*/*.png"))]
    p_one = Predictor(model).probabilities(images)
    p_two = Predictor(out).probabilities(images)
    assert float(np.abs(p_one - p_two).max()) <= PROBABILITY_TOLERANCE


def test_the_augmentation_library_is_imported_without_asking_the_network(tmp_path):
    python = GuardedPython(tmp_path)
    code = "from desktop_app.core.training.augment import import_albumentations as i; i()"
    python.run("-c", code)
    assert _blocked(python.log) == []
    assert python.inet_calls == []
