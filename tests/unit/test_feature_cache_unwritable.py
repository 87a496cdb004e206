"""A feature cache that cannot be written (issue 16, item 6): a full disk mid-run, a read-only
cache folder, a read-only home. Training goes on without the cache with one warning; never a
traceback, never a crash at exit."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core import features
from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.features import FeatureCache, extract_features
from desktop_app.core.training.events import Finished, Message
from tests.helpers.synthetic import write_class_folders

REPO = Path(__file__).resolve().parents[2]
LITE0 = get_backbone("efficientnet-lite0")


def _run(dataset, cache_dir, batch_size=4):
    events = list(extract_features(dataset, LITE0, batch_size=batch_size, cache_dir=cache_dir))
    warnings = [e for e in events if isinstance(e, Message)]
    finished = [e.result for e in events if isinstance(e, Finished)]
    return warnings, finished[0]


@pytest.fixture
def dataset(tmp_path):
    return scan_image_folder(write_class_folders(tmp_path / "data", per_class=4))


def test_a_disk_that_fills_up_mid_run_keeps_the_vectors_and_warns_once(
    dataset, tmp_path, monkeypatch
):
    """The first batch is stored; then SQLite's file may not grow (a full disk, as SQLite
    reports it: "database or disk is full")."""
    cache_dir = tmp_path / "cache"
    connect = features._connect
    opened = []

    def small_disk(path):
        db = connect(path)
        opened.append(db)
        return db

    monkeypatch.setattr(features, "_connect", small_disk)
    original_put = FeatureCache.put
    calls = []

    def put_then_fill(self, hashes, vectors):
        calls.append(len(hashes))
        if len(calls) == 2:  # the disk is full from the second batch on
            pages = self._db.execute("PRAGMA page_count").fetchone()[0]
            self._db.execute(f"PRAGMA max_page_count = {pages}")
        original_put(self, hashes, vectors)

    monkeypatch.setattr(FeatureCache, "put", put_then_fill)
    warnings, result = _run(dataset, cache_dir)
    assert result.features.shape == (12, LITE0.embedding_size)
    assert result.computed == 12 and not result.skipped
    assert len(warnings) == 1, warnings
    text = warnings[0].text
    assert text.startswith("warning: cannot store features in the cache ")
    assert "database or disk is full" in text and "training goes on" in text
    assert warnings[0].key == "features.cache_unwritable"

    monkeypatch.undo()
    _, again = _run(dataset, cache_dir)
    assert again.cached == 4, "the batch stored before the disk filled up is used"
    np.testing.assert_allclose(again.features, result.features, atol=1e-6)


@pytest.mark.parametrize("how", ["a file where the folder should be", "a folder as the file"])
def test_a_cache_that_cannot_be_opened_trains_in_memory_with_one_warning(dataset, tmp_path, how):
    cache_dir = tmp_path / "cache"
    if how.startswith("a file"):
        cache_dir.write_text("not a folder")
    else:  # SQLite: "unable to open database file", as in a read-only folder
        name = features.get_task("image").cache_file_name(LITE0, _build_info())
        (cache_dir / name).mkdir(parents=True)
    warnings, result = _run(dataset, cache_dir)
    assert result.features.shape[0] == 12 and result.computed == 12
    assert [w.key for w in warnings] == ["features.cache_unwritable"]
    assert str(cache_dir) in warnings[0].text


def _build_info() -> dict:
    from desktop_app.core.backbones import build_info

    return build_info(LITE0)


def test_an_unopenable_cache_database_is_not_an_error(tmp_path, monkeypatch):
    def refuse(path):
        raise sqlite3.OperationalError("unable to open database file")

    real = features._connect
    monkeypatch.setattr(
        features, "_connect", lambda path: real(path) if str(path) == ":memory:" else refuse(path)
    )
    cache = FeatureCache(LITE0, tmp_path)
    assert cache.problem is not None and "unable to open database file" in str(cache.problem)
    cache.put(["h"], np.zeros((1, LITE0.embedding_size), np.float32))
    assert cache.get(["h"]) == {}, "nothing is stored"
    cache.close()


def test_cli_train_with_a_read_only_home_warns_once_and_exits_cleanly(tmp_path):
    """`CLASSIFIER_STUDIO_HOME` that cannot hold folders (a file here; a read-only disk for a
    user): the model is written, one warning line, no traceback."""
    from tests.helpers.bad_corpus import _delimited, good_rows

    data = tmp_path / "reviews.csv"
    data.write_text(_delimited([("text", "label"), *good_rows(40)]))
    home = tmp_path / "home"
    home.write_text("a file, not a folder")
    out = tmp_path / "m.onnx"
    env = {**os.environ, "CLASSIFIER_STUDIO_HOME": str(home)}
    process = subprocess.run(
        [sys.executable, "-m", "desktop_app", "train", str(data), "--out", str(out)]
        + ["--epochs", "2", "--backbone", "minilm-l6"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    assert "Traceback" not in process.stderr
    assert process.stderr.count("warning: cannot store features in the cache") == 1
    assert out.is_file()


def test_an_interpreter_exit_waits_for_the_background_torch_import(tmp_path):
    """The crash at exit: the process ended (an error at once) while the thread importing torch
    was inside torch's native initialisers (`dlopen`, GIL released). The interpreter must not
    tear down while that thread runs: by the time exit handlers run, it has ended."""
    script = (
        "import atexit, sys, threading\n"
        "from desktop_app.core.torch_loading import import_torch_in_background\n"
        "import_torch_in_background()\n"
        "alive = lambda: [t.name for t in threading.enumerate() if t.name == 'import-torch']\n"
        "atexit.register(lambda: print('importing at exit:', alive()))\n"
        "raise SystemExit(3)\n"
    )
    process = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert process.returncode == 3, (process.returncode, process.stderr[-2000:])
    assert "importing at exit: []" in process.stdout
    assert "Traceback" not in process.stderr
