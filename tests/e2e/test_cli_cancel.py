"""Ctrl+C in the middle of `evaluate` and of `predict FOLDER --csv`: the CLI stops between
batches, prints one `cancelled` line, no traceback, writes no CSV, and exits with 130."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.synthetic import write_class_folders
from tests.helpers.workflows import train_model

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child: POSIX only")


@pytest.fixture(scope="module")
def model_and_big_folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("cancel")
    model = base / "colours.onnx"
    train_model(write_class_folders(base / "small", per_class=6), model)
    # Enough work for several seconds, so Ctrl+C surely lands in the middle.
    big = write_class_folders(base / "big", per_class=300, size=96, seed=1)
    return model, big, base


def _interrupt_mid_run(args: list[str], stage: str, home: Path) -> tuple[int, str]:
    """Start the CLI, wait for a progress line of `stage` between 0 and the end, send SIGINT."""
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    lines: list[str] = []
    pattern = re.compile(rf"^{stage}: (\d+)/(\d+)")
    try:
        for line in process.stderr:
            lines.append(line)
            match = pattern.match(line)
            if match and 0 < int(match[1]) < int(match[2]):
                process.send_signal(signal.SIGINT)
                break
        else:
            pytest.fail("no progress line mid-run:\n" + "".join(lines))
        rest = process.stderr.read()
        process.wait(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    return process.returncode, "".join(lines) + rest


def _assert_cancelled(status: int, err: str, stage: str) -> None:
    assert status == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert [line for line in err.splitlines() if line == "cancelled"] == ["cancelled"], err
    done = [int(m[1]) for m in re.finditer(rf"^{stage}: (\d+)/900", err, re.M)]
    assert done and max(done) < 900, err  # it really stopped before the end


def test_ctrl_c_mid_evaluate(model_and_big_folder):
    model, big, base = model_and_big_folder
    status, err = _interrupt_mid_run(
        ["evaluate", str(model), str(big), "--json", "--val-fraction", "0.0"],
        "evaluate",
        base / "home",
    )
    _assert_cancelled(status, err, "evaluate")


def test_ctrl_c_mid_classify_folder(model_and_big_folder):
    model, big, base = model_and_big_folder
    csv_path = base / "never.csv"
    status, err = _interrupt_mid_run(
        ["predict", str(model), str(big), "--csv", str(csv_path)], "predict", base / "home"
    )
    _assert_cancelled(status, err, "predict")
    assert not csv_path.exists()
