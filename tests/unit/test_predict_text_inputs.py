"""`predict` on a text model takes --text values and files of texts in any order (the README's
form `--text "…" lines.txt`), and the exported predict_text.py reads files given as positional
arguments the same way (a path is never classified as if it were a text)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop_app.cli import main

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "predict_text.py"
LINES = ["the food was great, would come again", "cold food and a rude driver"]


def _lines_file(tmp_path: Path) -> Path:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


def _json_rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_takes_text_before_or_after_the_files(text_model, tmp_path, capsys):
    _, model = text_model
    lines = _lines_file(tmp_path)
    runs = []
    for args in (
        [str(model), "--text", "one more text", str(lines), "--json", "--quiet"],
        [str(model), str(lines), "--text", "one more text", "--json", "--quiet"],
        [str(model), "--json", str(lines), "--quiet", "--text", "one more text"],
    ):
        assert main(["predict", *args]) == 0
        runs.append(_json_rows(capsys.readouterr().out))
    for rows in runs:
        assert [r["text"] for r in rows] == ["one more text", *LINES]
        assert [(r["labels"], r["probabilities"]) for r in rows] == [
            (r["labels"], r["probabilities"]) for r in runs[0]
        ]


def test_cli_image_forms_still_parse(image_model, capsys):
    data, model = image_model
    image = next(p for p in sorted(data.rglob("*")) if p.is_file())
    assert main(["predict", str(model), str(image), "--top-k", "2", "--json", "--quiet"]) == 0
    row = _json_rows(capsys.readouterr().out)[0]
    assert row["path"] == str(image) and len(row["labels"]) == 2


def test_exported_script_reads_files_given_as_positional_arguments(text_model, tmp_path, capsys):
    _, model = text_model
    lines = _lines_file(tmp_path)
    assert main(["predict", str(model), str(lines), "--top-k", "2", "--json", "--quiet"]) == 0
    app = _json_rows(capsys.readouterr().out)

    def script(*args: str) -> list[dict]:
        done = subprocess.run(
            [sys.executable, "-I", str(SAMPLE), str(model), *args, "--top-k", "2", "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        return _json_rows(done.stdout)

    for rows in (script(str(lines)), script("--file", str(lines))):
        assert [r["text"] for r in rows] == LINES  # never the path itself
        for mine, theirs in zip(app, rows, strict=True):
            assert mine["labels"] == theirs["labels"]
            assert all(
                abs(a - b) < 1e-4
                for a, b in zip(mine["probabilities"], theirs["probabilities"], strict=True)
            )
    # texts given directly still work, with --text as in the app
    assert [r["text"] for r in script("--text", "one more text", str(lines))] == [
        "one more text",
        *LINES,
    ]
