"""`desktop-app train DATA --fine-tune` end to end: the fine-tuned model is one file that
`predict` reads; and offline: albumentations checks PyPI for updates on import unless told not
to, the app tells it not to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.e2e.test_no_network import GuardedPython, _blocked
from tests.helpers.synthetic import write_class_folders

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done


def test_cli_fine_tunes_exports_one_model_and_predicts(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=6)
    model = tmp_path / "out" / "fine.onnx"
    trained = cli(
        "train",
        str(data),
        "--out",
        str(model),
        "--epochs",
        "3",
        "--fine-tune-epochs",
        "1",
        home=tmp_path / "home",
    )
    summary = json.loads(trained.stdout.splitlines()[-1])
    assert summary["parity_max_abs_diff"] <= 1e-4 and model.is_file()
    assert summary["fine_tune"]["epochs"] == 1 and "fine_tune" in summary["timings"]
    assert "fine_tune: " in trained.stderr  # its progress is shown
    assert [p.name for p in model.parent.iterdir()] == [model.name]  # one file
    predicted = cli("predict", str(model), str(data / "red"), "--json", home=tmp_path / "home")
    lines = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert len(lines) == 6 and sum(line["labels"][0] == "red" for line in lines) >= 5


def test_the_augmentation_library_is_imported_without_asking_the_network(tmp_path):
    python = GuardedPython(tmp_path)
    code = "from desktop_app.core.training.augment import import_albumentations as i; i()"
    python.run("-c", code)
    assert _blocked(python.log) == []
    assert python.inet_calls == []
