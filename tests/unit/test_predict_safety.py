"""Issue 16, items 4, 5 and 7: what `predict` and `evaluate` read and write can neither hang nor
lose results nor reach the terminal or a spreadsheet raw.

- the `--csv` destination is checked before the work, and rows that cannot be written where
  asked (a full disk) are saved elsewhere or printed, never lost (CLI and the window's workflow);
- pipes and devices are refused before reading, files over a size cap before reading them whole;
- crafted models (a 2^60-element buffer, an endless `Loop`, an exploding tokenizer regex) end in
  one clear line; labels with escape sequences or formulas are made harmless.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.fileio import UserFileError, read_user_file
from desktop_app.core.inference import ModelError, Predictor
from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.core.workflows import classify
from desktop_app.core.workflows.classify import (
    CsvWriteError,
    check_csv_destination,
    classify_folder_to_csv,
    spreadsheet_safe,
)
from tests.helpers.bad_corpus import (
    CRAFTED_MODEL_KINDS,
    CSV_KINDS,
    ESCAPE_LABEL,
    EXPLODING_TEXTS,
    FORMULA_LABEL,
    PREDICT_INPUT_KINDS,
    REFUSED,
    good_png,
    model_for_tests,
    text_model,
    word_tokenizer,
)

REPO = Path(__file__).resolve().parents[2]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX only")


def _cli(argv: list[str], capfd) -> tuple[int, str, str]:
    from desktop_app.cli import main

    status = main(argv)
    out, err = capfd.readouterr()
    return status, out, err


def _image(folder: Path, name: str = "x.png") -> Path:
    path = folder / name
    path.write_bytes(good_png(5))
    return path


def _run_cli(args: list[str], tmp_path: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """The CLI in a child with at most 6 GB of address space (old code grew without limit on
    /dev/zero) and a timeout (old code waited forever on a pipe)."""

    def limit_memory() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (6 * 2**30, 6 * 2**30))

    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
        preexec_fn=limit_memory if sys.platform != "win32" else None,
    )


# ----------------------------------------------------------------------------- item 4: the CSV


@pytest.mark.parametrize("kind", CSV_KINDS, ids=lambda k: k.name)
def test_a_csv_that_cannot_be_written_is_refused_before_the_work(kind, tmp_path, capfd):
    if kind.name.startswith("a read-only") and not Path("/proc").is_dir():
        pytest.skip("needs /proc (read-only even for root)")
    destination = kind.build(tmp_path)
    model, image = model_for_tests(tmp_path), _image(tmp_path)
    status, out, err = _cli(["predict", str(model), str(image), "--csv", str(destination)], capfd)
    assert status == 2
    assert "Traceback" not in err
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err  # no progress: no work
    assert re.search(kind.reason, err), err
    with pytest.raises(CsvWriteError) as refused:
        check_csv_destination(destination)
    assert re.search(kind.reason, str(refused.value))


def test_the_windows_folder_run_checks_its_csv_before_classifying(tmp_path):
    folder = tmp_path / "images"
    folder.mkdir()
    _image(folder)
    (tmp_path / "out.csv").mkdir()
    asked: list[bool] = []

    def predictor() -> Predictor:
        asked.append(True)
        return Predictor(model_for_tests(tmp_path))

    events = classify_folder_to_csv(predictor, folder, tmp_path / "out.csv", 3, CancelToken())
    with pytest.raises(CsvWriteError, match=r"out\.csv: it is a folder"):
        next(events)
    assert asked == []  # nothing was classified


def _full_disk_at(path: Path, monkeypatch, fallback: Path | None) -> None:
    """Writing `path` fails as on a full disk; `fallback` is where the rows go instead (None:
    the disk is full there too)."""
    write = classify._write_csv_text

    def failing(target, text):
        if Path(target) == path or fallback is None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(target, text)

    monkeypatch.setattr(classify, "_write_csv_text", failing)
    monkeypatch.setattr(
        classify, "fallback_csv_path", lambda _p: fallback or path.with_name("fallback.csv")
    )


def test_a_full_disk_keeps_the_results_elsewhere_and_says_where(tmp_path, capfd, monkeypatch):
    model, image = model_for_tests(tmp_path), _image(tmp_path)
    wanted, fallback = tmp_path / "out.csv", tmp_path / "elsewhere" / "out-1.csv"
    _full_disk_at(wanted, monkeypatch, fallback)
    status, _, err = _cli(["predict", str(model), str(image), "--csv", str(wanted)], capfd)
    assert status == 2 and "Traceback" not in err
    assert re.search(
        rf"warning: Could not write {re.escape(str(wanted))} \(No space left on device\); "
        rf"the results were saved to {re.escape(str(fallback))} instead\.",
        err,
    ), err
    rows = list(csv.reader(fallback.open(encoding="utf-8")))
    assert rows[1][0] == str(image) and rows[1][1] in ("ants", "bees")


def test_nowhere_to_write_prints_the_results_on_stdout(tmp_path, capfd, monkeypatch):
    model, image = model_for_tests(tmp_path), _image(tmp_path)
    wanted = tmp_path / "out.csv"
    _full_disk_at(wanted, monkeypatch, None)
    status, out, err = _cli(["predict", str(model), str(image), "--csv", str(wanted)], capfd)
    assert status == 2 and "Traceback" not in err
    assert "The results follow on standard output." in err
    rows = list(csv.reader(out.splitlines()))
    assert rows[0][:3] == ["path", "label", "probability"] and rows[1][0] == str(image)


def test_the_windows_folder_run_keeps_its_rows_on_a_full_disk(tmp_path, monkeypatch):
    folder = tmp_path / "images"
    folder.mkdir()
    _image(folder)
    wanted, fallback = tmp_path / "out.csv", tmp_path / "saved-elsewhere.csv"
    _full_disk_at(wanted, monkeypatch, fallback)
    model = Predictor(model_for_tests(tmp_path))
    events = list(classify_folder_to_csv(model, folder, wanted, 3, CancelToken()))
    summary = events[-1].result
    assert isinstance(events[-1], Finished) and summary.csv_path == str(fallback)
    assert summary.note is not None and summary.note.key == "csv.written_elsewhere"
    assert fallback.is_file() and not wanted.exists()


# ----------------------------------------------------------------------------- item 5: reading


@needs_fifo
def test_read_user_file_refuses_pipes_devices_and_oversized_files(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(UserFileError, match="not a regular file"):
        read_user_file(pipe, 1000)  # returns at once: no writer is waited for
    with pytest.raises(UserFileError, match="not a regular file"):
        read_user_file("/dev/zero", 1000)
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(5 * 2**20)  # sparse
    with pytest.raises(UserFileError, match=r"file too large \(5 MB; the limit is 1 MB\)"):
        read_user_file(big, 2**20)
    assert read_user_file(big, 5 * 2**20)[:4] == b"\0\0\0\0"


@needs_fifo
@pytest.mark.parametrize("kind", PREDICT_INPUT_KINDS, ids=lambda k: k.name)
def test_predict_skips_what_it_must_not_read(kind, tmp_path):
    given = kind.build(tmp_path)
    if "texts" in kind.name:
        model = tmp_path / "words.onnx"
        model.write_bytes(text_model(word_tokenizer()))
        args = ["predict", str(model), "--text", "good", str(given)]
    else:
        model = model_for_tests(tmp_path)
        args = ["predict", str(model), str(given.parent if "among" in kind.name else given)]
        args.append(str(_image(tmp_path)))
    done = _run_cli(args, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 1 and str(given) in skipped[0], done.stderr
    assert re.search(kind.reason, skipped[0]), skipped[0]
    assert len(done.stdout.splitlines()) >= 1  # the good item next to it was classified


@needs_fifo
def test_evaluate_skips_a_pipe_among_text_files(tmp_path):
    model = tmp_path / "words.onnx"
    model.write_bytes(text_model(word_tokenizer()))
    data = tmp_path / "texts"
    for label, text in (("pos", "good"), ("neg", "bad")):
        (data / label).mkdir(parents=True)
        (data / label / "a.txt").write_text(text, encoding="utf-8")
    os.mkfifo(data / "pos" / "pipe.txt")
    done = _run_cli(["evaluate", str(model), str(data), "--val-fraction", "0"], tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert re.search(r"skipped: .*pipe\.txt: .*not a regular file", done.stderr), done.stderr


# ----------------------------------------------------------------------------- item 7: models


@pytest.mark.parametrize(
    "kind", [k for k in CRAFTED_MODEL_KINDS if k.outcome == REFUSED], ids=lambda k: k.name
)
def test_crafted_model_fails_in_one_clear_line(kind, tmp_path, capfd):
    model = kind.build(tmp_path)
    predictor = Predictor(model)  # they load: the trouble starts when they classify
    # 1 s where the stop is the expected answer (the endless Loop); the others must fail for
    # their own reason, which a 1 s limit could beat on two cores shared with another test
    # process (the 2^60-element model was once stopped at 1 s before saying what it asks for).
    predictor.run_time_limit_s = 1.0 if "longer than 1 s" in kind.reason else 30.0
    with pytest.raises(ModelError) as failed:
        if predictor.task == "text":
            predictor.text_probabilities(list(EXPLODING_TEXTS))
        else:
            predictor.predict_file(_image(tmp_path))
    assert re.search(kind.reason, str(failed.value)), str(failed.value)
    capfd.readouterr()

    inputs = ["--text", EXPLODING_TEXTS[0]] if predictor.task == "text" else [str(_image(tmp_path))]
    argv = ["predict", str(model), *inputs, "--time-limit", "1", "--quiet"]
    status, out, err = _cli(argv, capfd)
    assert status == 2 and out == ""
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err  # no panic, no ORT log
    assert re.search(kind.reason, err), err


def test_hostile_labels_reach_neither_the_terminal_nor_a_spreadsheet_raw(tmp_path, capfd):
    kind = next(k for k in CRAFTED_MODEL_KINDS if k.name.startswith("labels with"))
    model, image = kind.build(tmp_path), _image(tmp_path)
    status, out, err = _cli(["predict", str(model), str(image)], capfd)
    assert status == 0
    raw = ("\x1b", "\x07", "\x9b", "\u202e")
    assert not any(c in out + err for c in raw)
    assert "\\x1b]0;pwned\\x07\\x1b[31mred\\x9b0m\\u202e" in out  # shown, as harmless text
    status, out, _ = _cli(["predict", str(model), str(image), "--json"], capfd)
    assert status == 0 and not any(c in out for c in raw)
    assert json.loads(out)["labels"][0] == ESCAPE_LABEL  # the JSON still holds the real label

    table = tmp_path / "out.csv"
    status, _, _ = _cli(["predict", str(model), str(image), "--csv", str(table)], capfd)
    assert status == 0
    rows = list(csv.reader(table.open(encoding="utf-8")))
    labels = {rows[1][1], rows[1][3]}
    assert labels == {ESCAPE_LABEL, "'" + FORMULA_LABEL}


def test_spreadsheet_and_terminal_safety_rules():
    from desktop_app.cli.reporter import terminal_safe

    assert [spreadsheet_safe(c) for c in ("=1+2", "+x", "-x", "@SUM(A1)", "\t=x", "cat")] == [
        "'=1+2",
        "'+x",
        "'-x",
        "'@SUM(A1)",
        "'\t=x",
        "cat",
    ]
    assert [spreadsheet_safe(c) for c in ("-1", "+2.5", "-1e3")] == ["-1", "+2.5", "-1e3"]
    assert terminal_safe("a\x1b[2Jb\x9bc\u202ed") == "a\\x1b[2Jb\\x9bc\\u202ed"
    assert terminal_safe("two\nlines") == "two\nlines"
    assert terminal_safe("two\nlines", keep_newlines=False) == "two\\x0alines"
    assert terminal_safe("café 猫 🐱") == "café 猫 🐱"
