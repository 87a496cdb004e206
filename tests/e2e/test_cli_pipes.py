"""The CLI in a shell pipeline: a reader that stops early (`| head -1`) ends it quietly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.bad_corpus import good_png, model_for_tests

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("head") is None, reason="needs the `head` command")
def test_predict_json_into_head_ends_without_a_traceback(tmp_path):
    model = model_for_tests(tmp_path)
    image = tmp_path / "x.png"
    image.write_bytes(good_png(7))
    # ~200 bytes a line: far more than a pipe holds, so the CLI is still writing when head exits
    paths = [str(image)] * 3000
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(tmp_path / "home")}
    producer = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "predict", str(model), *paths, "--json", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    head = subprocess.run(["head", "-1"], stdin=producer.stdout, capture_output=True, timeout=120)
    producer.stdout.close()  # only head holds the pipe now: when it exits, the pipe is closed
    err = producer.stderr.read().decode("utf-8", "replace")
    status = producer.wait(timeout=120)

    first = json.loads(head.stdout)
    assert first["path"] == str(image) and first["labels"][0] in ("ants", "bees")
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert status in (0, 141)
