"""The bad-input corpus (tests/helpers/bad_corpus.py) through the importers, the model loader and
the CLI: every kind gets a message naming the file and the reason, the good items proceed, and
nothing crashes or changes on disk."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.data.dataset import DatasetError, scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.data.text import scan_text
from desktop_app.core.inference import ModelError, Predictor
from tests.helpers.bad_corpus import (
    FOLDER_KINDS,
    GOOD_PER_CLASS,
    HELD_LOCKS,
    IMAGE_KINDS,
    KINDS,
    LOCK_KINDS,
    MODEL_KINDS,
    MODEL_METADATA_KINDS,
    PROJECT_KINDS,
    REFUSED,
    SKIPPED,
    STALE_TEMP,
    TEXT_KINDS,
    USED,
    Kind,
    good_png,
    model_for_tests,
    write_image_corpus,
)

REPO = Path(__file__).resolve().parents[2]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _skip_if_root(kind: Kind) -> None:
    if kind.needs_non_root and IS_ROOT:
        pytest.skip("running as root: a chmod 000 file is still readable, nothing to refuse")


def _snapshot(root: Path) -> dict[str, str]:
    """Every regular file below root with a hash of its bytes (links and pipes left alone)."""
    found = {}
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink() and os.access(path, os.R_OK):
                found[str(path)] = hashlib.blake2b(path.read_bytes()).hexdigest()
    return found


def test_the_corpus_has_at_least_40_kinds():
    assert len(KINDS) >= 40
    assert {k.area for k in KINDS} == {
        "image",
        "folder",
        "text",
        "model",
        "predict",
        "project",
        "lock",
    }


@pytest.mark.parametrize("kind", LOCK_KINDS, ids=lambda k: k.name)
def test_lock_kind(kind, tmp_path):
    from desktop_app.core.errors import CoreError
    from desktop_app.core.project import Project

    folder = kind.build(tmp_path)
    outside = tmp_path / "outside.txt"
    try:
        if kind.outcome == REFUSED:
            with pytest.raises(CoreError) as refused:
                Project.open(folder)
            message = str(refused.value)
            assert re.search(kind.reason, message), message
            assert str(folder) in message and "\n" not in message
            viewer = Project.open(folder, read_only=True)  # viewing still works
            assert not viewer.writable
        else:
            project = Project.open(folder)
            assert project.writable
            run = project.start_run({})
            assert list(project.run_folder(run.id).iterdir()) == []  # a fresh run, no one's files
            project.close()
    finally:
        while HELD_LOCKS:
            HELD_LOCKS.pop().release()
    if outside.exists():
        assert outside.read_text() == "precious"


# ----------------------------------------------------------------------------- images, via the CLI


@pytest.fixture(scope="module")
def trained_on_corpus(tmp_path_factory):
    """`desktop-app train` on the corpus in a fresh process, as a user runs it."""
    root = tmp_path_factory.mktemp("images") / "corpus"
    paths = write_image_corpus(root)
    before = _snapshot(root)
    out = tmp_path_factory.mktemp("out") / "corpus.onnx"
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(tmp_path_factory.mktemp("home"))}
    process = subprocess.run(
        [sys.executable, "-m", "desktop_app", "train", str(root), "--out", str(out)]
        + ["--epochs", "3"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    return root, paths, before, out, process


def test_training_on_the_corpus_finishes_and_changes_no_file(trained_on_corpus):
    root, _, before, out, process = trained_on_corpus
    assert process.returncode == 0, process.stderr[-3000:]
    assert "Traceback" not in process.stderr
    assert out.is_file()
    assert _snapshot(root) == before


def test_good_images_all_proceed(trained_on_corpus):
    _, _, _, _, process = trained_on_corpus
    summary = json.loads(process.stdout.splitlines()[-1])
    used = sum(k.outcome == USED and not (k.needs_non_root and IS_ROOT) for k in IMAGE_KINDS)
    root_kinds = sum(k.needs_non_root and IS_ROOT for k in IMAGE_KINDS)  # readable as root
    assert summary["n_train"] + summary["n_val"] == 2 * GOOD_PER_CLASS + used + root_kinds


@pytest.mark.parametrize("kind", IMAGE_KINDS, ids=lambda k: k.name)
def test_image_kind(kind, trained_on_corpus):
    _skip_if_root(kind)
    _, paths, _, _, process = trained_on_corpus
    path = str(paths[kind.name])
    summary = json.loads(process.stdout.splitlines()[-1])
    reasons = {s["path"]: s["reason"] for s in summary["skipped"]}
    if kind.outcome == USED:
        assert path not in reasons
        image = load_image(path)
        assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
        if kind.shape:
            assert image.shape[:2] == kind.shape
        if kind.rgb:
            assert np.abs(image[0, 0].astype(int) - kind.rgb).max() <= 3
    else:
        assert path in reasons, f"{path} is not listed as skipped"
        assert re.search(kind.reason, reasons[path]), reasons[path]
        assert f"skipped: {path}: {reasons[path]}" in process.stderr


# ----------------------------------------------------------------------------- folders


def _train_error(dataset) -> str:
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.loop import train

    try:
        for _ in train(TrainConfig(max_epochs=2), dataset):
            pass
    except DatasetError as error:
        return str(error)
    return ""


@pytest.mark.parametrize("kind", FOLDER_KINDS, ids=lambda k: k.name)
def test_folder_kind(kind, tmp_path):
    root = kind.build(tmp_path)
    before = _snapshot(tmp_path)
    try:
        dataset = scan_image_folder(root)
    except DatasetError as error:
        assert kind.outcome == REFUSED, str(error)
        assert re.search(kind.reason, str(error), re.S), str(error)
        assert root.name in str(error)
        return
    finally:
        assert _snapshot(tmp_path) == before
    assert len(dataset.items) == kind.items
    reasons = [s.reason for s in dataset.skipped]
    if kind.outcome == USED:
        assert reasons == []
    elif kind.outcome == SKIPPED:
        assert any(re.search(kind.reason, r) for r in reasons), reasons
    else:
        message = _train_error(dataset)
        assert re.search(kind.reason, message), message


def test_junk_files_are_each_listed_with_what_they_are(tmp_path):
    from desktop_app.core.data.dataset import is_junk

    root = next(k for k in FOLDER_KINDS if k.name.startswith(".DS_Store")).build(tmp_path)
    dataset = scan_image_folder(root)
    junk = sorted(p for p in root.rglob("*") if p.is_file() and p.name[0] in "._T")
    assert len(junk) == 9
    assert sorted(Path(s.path) for s in dataset.skipped) == junk
    assert all(is_junk(s) for s in dataset.skipped)
    reasons = {Path(s.path).name: s.reason for s in dataset.skipped}
    assert reasons[".DS_Store"] == "system file, not an image (macOS folder settings)"
    assert reasons["Thumbs.db"] == "system file, not an image (Windows thumbnail cache)"
    assert reasons["._0.png"] == "system file, not an image (macOS extra data for 0.png)"


def test_duplicate_copies_are_named_with_their_classes(tmp_path, capsys):
    from desktop_app.cli import main
    from desktop_app.core.data.dataset import duplicate_warnings

    root = next(k for k in FOLDER_KINDS if k.name.startswith("duplicate")).build(tmp_path)
    warnings = duplicate_warnings(scan_image_folder(root))
    assert len(warnings) == 1
    pattern = r"two classes.*cats/0\.png \('cats'\) = .*dogs/copy-of-cat\.png \('dogs'\)"
    assert re.search(pattern, str(warnings[0]))
    main(["train", str(root), "--out", str(tmp_path / "m.onnx"), "--epochs", "1"])
    assert f"warning: {warnings[0]}" in capsys.readouterr().err


def test_same_image_twice_in_one_class_is_kept(tmp_path):
    (tmp_path / "cats").mkdir()
    (tmp_path / "dogs").mkdir()
    for name in ("a.png", "a-copy.png"):
        (tmp_path / "cats" / name).write_bytes(good_png(1))
    (tmp_path / "dogs" / "b.png").write_bytes(good_png(2))
    dataset = scan_image_folder(tmp_path)
    assert len(dataset.items) == 3 and dataset.duplicates == ()


def test_cli_train_on_too_few_images_explains_in_one_line(tmp_path, capsys):
    from desktop_app.cli import main

    root = next(k for k in FOLDER_KINDS if k.name == "every file bad").build(tmp_path)
    assert main(["train", str(root), "--out", str(tmp_path / "m.onnx")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(r"error: No images found.*a\.jpg: empty file", err)


# ----------------------------------------------------------------------------- text


@pytest.mark.parametrize("kind", TEXT_KINDS, ids=lambda k: k.name)
def test_text_kind(kind, tmp_path):
    file = kind.build(tmp_path)
    before = _snapshot(tmp_path)
    try:
        dataset = scan_text(file)
    except DatasetError as error:
        assert kind.outcome == REFUSED, str(error)
        assert re.search(kind.reason, str(error)), str(error)
        assert file.name in str(error)
        return
    finally:
        assert _snapshot(tmp_path) == before
    assert kind.outcome != REFUSED, f"{file.name} was imported: {dataset.skipped}"
    assert len(dataset.items) == kind.items
    reasons = {s.path: s.reason for s in dataset.skipped}
    if kind.outcome == USED:
        assert reasons == {}
    else:
        assert reasons and all(p.startswith(f"{file}:") for p in reasons), reasons
        assert any(re.search(kind.reason, r) for r in reasons.values()), reasons


def test_text_kinds_keep_their_content(tmp_path):
    by_name = {k.name: k for k in TEXT_KINDS}
    gbk = scan_text(by_name["GBK CSV"].build(tmp_path))
    assert any("房间很干净" in t for t in gbk.items)
    numbers = scan_text(by_name["labels that look like numbers"].build(tmp_path))
    assert numbers.classes == ("1", "2", "2.0", "10")
    spaces = scan_text(by_name["labels with stray spaces"].build(tmp_path))
    assert spaces.classes == ("neg", "pos")
    quote = scan_text(by_name["unbalanced quote"].build(tmp_path))
    assert quote.classes == ("neg", "pos"), "one broken row must not keep every label's quotes"
    assert "clean room and a quiet night #4" in quote.items, "the row after it survives"


# ----------------------------------------------------------------------------- models


@pytest.mark.parametrize("kind", MODEL_KINDS, ids=lambda k: k.name)
def test_model_kind_is_refused_clearly(kind, tmp_path, capsys):
    from desktop_app.cli import main

    model = kind.build(tmp_path)
    with pytest.raises(ModelError) as refused:
        Predictor(model)
    assert re.search(kind.reason, str(refused.value)), str(refused.value)

    image = tmp_path / "x.png"
    image.write_bytes(good_png(3))
    (tmp_path / "data" / "ants").mkdir(parents=True)
    (tmp_path / "data" / "ants" / "x.png").write_bytes(good_png(4))
    for argv in (
        ["predict", str(model), str(image)],
        ["evaluate", str(model), str(tmp_path / "data")],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and "Traceback" not in err
        assert re.search(kind.reason, err), err


@pytest.mark.parametrize("kind", MODEL_METADATA_KINDS, ids=lambda k: k.name)
def test_model_with_hand_edited_trust_metadata_still_predicts(kind, tmp_path, capsys):
    """Issue 18: a broken `unsure_threshold` or `calibration` entry is not fatal; the model
    answers as one without it (and a readable threshold still counts)."""
    import json

    from desktop_app.cli import main

    model = kind.build(tmp_path)
    predictor = Predictor(model)
    expected = 0.6 if "calibration" in kind.name else None
    assert predictor.unsure_threshold == expected
    prediction = predictor.predict(np.zeros((8, 8, 3), np.uint8))
    assert prediction.label in ("ants", "bees")
    assert prediction.unsure == (expected is not None and prediction.probabilities[0] < 0.6)
    data = tmp_path / "data"
    for name in ("ants", "bees"):
        (data / name).mkdir(parents=True)
        for i in range(3):
            (data / name / f"{i}.png").write_bytes(good_png(4 + i))
    assert main(["evaluate", str(model), str(data), "--json", "--quiet"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["temperature"] == 1.0 and out["unsure_threshold"] == expected


def test_a_good_model_beside_the_bad_ones_loads(tmp_path):
    predictor = Predictor(model_for_tests(tmp_path))
    assert predictor.labels == ("ants", "bees")
    assert predictor.predict(np.zeros((8, 8, 3), np.uint8)).label in ("ants", "bees")


# ----------------------------------------------------------------------------- projects


def _problems_of(project) -> list[str]:
    """What opening named, and why each finished run cannot be read back (as the window shows
    them when the run is clicked)."""
    from desktop_app.core.project import ProjectError

    found = [str(p) for p in project.problems]
    for run in project.runs:
        if os.path.lexists(project.folder / "runs" / run.id / "result.json"):
            try:
                project.load_result(run.id)
            except (ProjectError, ValueError) as error:
                found.append(str(error))
    return found


@pytest.mark.parametrize("kind", PROJECT_KINDS, ids=lambda k: k.name)
def test_project_kind(kind, tmp_path):
    """A crafted or hand-edited project opens with the problem named (file and field) and the
    rest usable, or is refused in one sentence naming the file; either way nothing on disk
    changes, inside the project or out (the stale temp file beside it is not deleted)."""
    from desktop_app.core.project import Project, ProjectError

    folder = kind.build(tmp_path)
    before = _snapshot(tmp_path)
    try:
        project = Project.open(folder)
    except ProjectError as error:
        assert kind.outcome == REFUSED, str(error)
        assert re.search(kind.reason, str(error)), str(error)
        assert _snapshot(tmp_path) == before
        return
    assert kind.outcome != REFUSED, f"{folder} was opened"
    problems = _problems_of(project)
    if kind.outcome == USED:
        assert problems == []
    else:
        assert any(re.search(kind.reason, p) for p in problems), problems
    assert len(project.items) == kind.items
    after = _snapshot(tmp_path)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    recovery = {str(folder / name) for name in ("project.json", "dataset.json", "project.lock")}
    assert changed <= recovery  # a recovery saves; opening to change it takes the lock
    # the rest is usable: counts, the best run, a save, and a new run that stays inside
    assert sum(project.counts().values()) == kind.items
    project.best_finished_run()
    project.save()
    assert Project.open(folder, read_only=True).items == project.items
    try:
        run = project.start_run({})
    except ProjectError as error:  # only where runs/ itself leads out of the project
        assert "outside the project" in str(error)
    else:
        assert project.run_folder(run.id).resolve().is_relative_to(folder.resolve())
    assert (tmp_path / "outside" / STALE_TEMP).exists()


def test_lookalike_class_names_are_named_in_one_warning_each(tmp_path, capsys):
    """ "café" in NFC and NFD, "dog" and "dog" + a zero-width space: four classes as the user
    wrote them, and a warning naming each pair (folders via the CLI, labels via the importer)."""
    from desktop_app.cli import main
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.importing import import_data
    from desktop_app.core.workflows.stages import drain
    from tests.helpers.bad_corpus import CAFE_NFC, CAFE_NFD, DOG_ZWSP

    root = next(k for k in FOLDER_KINDS if k.name.startswith("look-alike class names")).build(
        tmp_path / "images"
    )
    imported = drain(import_data(root, CancelToken()))
    assert set(imported.dataset.classes) == {CAFE_NFC, CAFE_NFD, "dog", DOG_ZWSP}
    lines = sorted(str(w) for w in imported.warnings)
    assert len(lines) == 2
    assert all(line.startswith("class names that look the same") for line in lines)
    assert f"'{CAFE_NFC}'" in lines[0] and "'cafe\\u0301'" in lines[0]
    assert lines[1].endswith("'dog' = 'dog\\u200b'")

    text_file = next(k for k in TEXT_KINDS if k.name.startswith("look-alike labels")).build(
        tmp_path / "texts"
    )
    assert sorted(str(w) for w in drain(import_data(text_file, CancelToken())).warnings) == lines

    assert main(["train", str(root), "--out", str(tmp_path / "m.onnx"), "--epochs", "1"]) == 0
    err = capsys.readouterr().err
    for line in lines:
        assert f"warning: {line}" in err


def test_names_that_differ_visibly_are_no_lookalikes():
    from desktop_app.core.data.dataset import lookalike_classes

    assert lookalike_classes(["cat", "Cat", "cats", "蚂蚁", "Ærø", "wild bees"]) == []
    assert lookalike_classes(["a", "b"], among=["a"]) == []
    assert lookalike_classes(["x\u00a0y", "x y", "z"], among=["z"]) == []
    assert lookalike_classes(["x\u00a0y", "x y"]) == [("x\u00a0y", "x y")]


def test_cli_refuses_a_free_text_label_column_at_once(tmp_path, capsys):
    """10,000 texts in 10,000 classes trained silently (accuracy null): now one sentence naming
    the file and the column, before any feature is computed."""
    import time

    from desktop_app.cli import main

    data = tmp_path / "reviews.csv"
    rows = ["label,text"] + [f"guest {i} liked the room,review {i}" for i in range(10_000)]
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    start = time.perf_counter()
    assert main(["train", str(data), "--out", str(tmp_path / "m.onnx")]) == 2
    seconds = time.perf_counter() - start
    err = capsys.readouterr().err
    assert "Traceback" not in err and "features:" not in err
    assert re.search(
        r"^error: reviews\.csv: the label column 'label' holds 10000 different values in 10000 "
        r"rows, almost one per row: it looks like free text",
        err,
        re.M,
    ), err
    assert seconds < 10, seconds
