"""The exported `predict.py` / `predict_text.py` answer "unsure" like the app (issue 18): below
the model's `unsure_threshold` the best label is printed as a guess, and `--json` says so."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import onnx
import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def _with_threshold(model: Path, value: str, out: Path) -> Path:
    proto = onnx.load(str(model))
    kept = [p for p in proto.metadata_props if p.key != "unsure_threshold"]
    del proto.metadata_props[:]
    proto.metadata_props.extend(kept)
    proto.metadata_props.append(onnx.StringStringEntryProto(key="unsure_threshold", value=value))
    onnx.save(proto, str(out))
    return out


def _run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(SAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize(("value", "unsure"), [("0.9999", True), ("0.01", False), ("x", False)])
def test_predict_py_says_unsure_below_the_threshold(image_model, tmp_path, value, unsure):
    data, model = image_model
    picky = _with_threshold(model, value, tmp_path / "m.onnx")
    image = str(data / "red" / "0.png")
    line = _run("predict.py", str(picky), image).strip()
    assert line.split(": ", 1)[1].startswith("unsure (red") is unsure, line
    row = json.loads(_run("predict.py", str(picky), image, "--json"))
    assert row["unsure"] is unsure


def test_predict_text_py_says_unsure_below_the_threshold(text_model, tmp_path):
    _, model = text_model
    picky = _with_threshold(model, "0.9999", tmp_path / "t.onnx")
    out = _run("predict_text.py", str(picky), "--text", "a lovely film, truly great", "--json")
    assert json.loads(out)["unsure"] is True
    line = _run("predict_text.py", str(picky), "--text", "a lovely film, truly great")
    assert "\tunsure (" in line
    easy = _with_threshold(model, "0.01", tmp_path / "e.onnx")
    assert (
        json.loads(_run("predict_text.py", str(easy), "--text", "fine", "--json"))["unsure"]
        is False
    )
