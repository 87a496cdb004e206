"""The word-pieces model through the CLI (core/training/word_pieces.py): `train --word-pieces`
→ ONE file with the text contract → the app's Predictor and the
standalone `predict_text.py` (onnxruntime + numpy + tokenizers only) agree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

from desktop_app.core.inference import Predictor
from tests.helpers.synthetic import write_text_csv

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "predict_text.py"
E5 = REPO / "models" / "multilingual-e5-small.onnx"

pytestmark = pytest.mark.skipif(not E5.exists(), reason="multilingual-e5-small is not built")


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_word_pieces_train_export_and_predict(tmp_path):
    data = write_text_csv(tmp_path / "texts.csv", per_class=40)
    model = tmp_path / "m.onnx"
    summary = json.loads(
        cli(
            "train", str(data), "--out", str(model), "--backbone", "multilingual-e5-small",
            "--word-pieces", "--quiet", home=tmp_path,
        ).stdout
    )  # fmt: skip
    assert summary["word_pieces"] is True and summary["backbone"] == "multilingual-e5-small"
    assert summary["accuracy"] >= 0.9 and summary["parity_max_abs_diff"] <= 1e-4
    graph = onnx.load(str(model), load_external_data=False).graph
    assert [i.name for i in graph.input] == ["input_ids", "attention_mask"]
    metadata = {p.key: p.value for p in onnx.load(str(model)).metadata_props}
    assert json.loads(metadata["training"])["config"]["word_pieces"] is True

    texts = [row.split(",")[0] for row in data.read_text(encoding="utf-8").splitlines()[1:6]]
    app = Predictor(model).text_probabilities(texts)
    script = subprocess.run(
        [sys.executable, "-I", str(SAMPLE), str(model), *texts, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    standalone = [json.loads(line) for line in script.stdout.splitlines()]
    assert len(standalone) == 5
    labels = Predictor(model).labels
    for probabilities, b in zip(app, standalone, strict=True):
        got = dict(zip(b["labels"], b["probabilities"], strict=True))
        assert np.allclose(probabilities, [got[label] for label in labels], atol=1e-4)
