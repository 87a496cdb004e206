"""`desktop-app explain` as a user runs it: one JSON line per image with a heatmap grid over the
whole image, overlay PNGs with --out, bad files said in one line while the others go on, and
word weights for a text model."""

from __future__ import annotations

import json

import cv2
import pytest

from desktop_app.cli.program import run
from tests.helpers.synthetic import write_class_folders, write_text_csv
from tests.helpers.workflows import train_model


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    base = tmp_path_factory.mktemp("explain-cli")
    images = write_class_folders(base / "images", per_class=6)
    train_model(images, base / "colours.onnx")
    train_model(write_text_csv(base / "reviews.csv"), base / "reviews.onnx")
    return base


def test_images_json_overlays_and_a_bad_file(models, tmp_path, capsys):
    wide = tmp_path / "wide.png"
    picture = cv2.imread(str(models / "images" / "red" / "0.png"))
    cv2.imwrite(str(wide), cv2.resize(picture, (96, 48)))
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture")
    out = tmp_path / "why"
    code = run(
        [
            "explain",
            str(models / "colours.onnx"),
            str(wide),
            str(bad),
            str(models / "images" / "blue"),
        ]
        + ["--json", "--out", str(out)]
    )
    captured = capsys.readouterr()
    assert code == 0
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert len(rows) == 1 + 6  # the wide image and the six blue ones; the bad file is skipped
    assert f"skipped: {bad}: not an image file" in captured.err
    first = rows[0]
    assert set(first) >= {"path", "label", "probability", "heatmap"}
    assert first["path"] == str(wide) and first["label"] == "red"
    grid = first["heatmap"]
    assert len(grid) == 16 and all(len(row) == 32 for row in grid)  # the image's 2:1 shape
    assert all(0.0 <= v <= 1.0 for row in grid for v in row) and max(map(max, grid)) > 0.5
    assert [r["label"] for r in rows[1:]] == ["blue"] * 6
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 7 and "wide.why.png" in written
    assert cv2.imread(str(out / "wide.why.png")).shape == (48, 96, 3)


def test_plain_output_and_usage_errors(models, capsys):
    model = str(models / "colours.onnx")
    assert run(["explain", model, str(models / "images" / "green" / "1.png"), "--quiet"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.split("\t")[1] == "green" and line.endswith("\tcam")
    assert run(["explain", model, "--text", "hello"]) == 2
    assert "--text is for text models" in capsys.readouterr().err


def test_text_tokens_with_signed_weights(models, capsys):
    model = str(models / "reviews.onnx")
    text = "the room was dirty but the staff was wonderful"
    assert run(["explain", model, "--text", text, "--json", "--quiet"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["text"] == text and row["label"] in ("good", "bad")
    tokens = row["tokens"]
    assert [t["token"] for t in tokens] == text.split()
    assert set(tokens[0]) == {"token", "start", "end", "weight"}
    weights = {t["token"]: t["weight"] for t in tokens}
    good_word, bad_word = (
        ("wonderful", "dirty") if row["label"] == "good" else ("dirty", "wonderful")
    )
    assert weights[good_word] > 0 > weights[bad_word]  # towards and against the answer
    assert run(["explain", model, str(models / "images" / "red" / "0.png")]) == 2
    assert "classifies texts" in capsys.readouterr().err
