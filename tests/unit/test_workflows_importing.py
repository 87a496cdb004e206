"""Import workflow: the dataset with its notes, skipped items and duplicate warnings."""

from __future__ import annotations

import shutil

import pytest

from desktop_app.core.data.dataset import DatasetError
from desktop_app.core.training.events import Cancelled, CancelToken, Finished
from desktop_app.core.workflows.importing import Imported, ReadOptions, import_data
from desktop_app.core.workflows.stages import drain
from tests.helpers.synthetic import write_class_folders, write_text_csv


def test_images_with_junk_and_a_duplicate(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=5)
    (data / "red" / ".DS_Store").write_bytes(b"\0\0")
    (data / "blue" / "notes.gif").write_bytes(b"GIF89a")
    shutil.copy(data / "red" / "0.png", data / "green" / "copy-of-red.png")
    imported = drain(import_data(data, CancelToken()))
    assert isinstance(imported, Imported)
    assert imported.dataset.task == "image" and len(imported.dataset) == 16
    assert {s.path.rsplit("/", 1)[1] for s in imported.skipped} == {".DS_Store", "notes.gif"}
    assert len(imported.duplicate_warnings) == 1
    assert "copy-of-red.png" in str(imported.duplicate_warnings[0])
    assert imported.summary().startswith("data: 16 images in 3 classes (train ")


def test_texts_and_the_seeded_split(tmp_path):
    path = write_text_csv(tmp_path / "t.csv", per_class=20)
    first = drain(import_data(path, CancelToken(), ReadOptions(seed=3)))
    again = drain(import_data(path, CancelToken(), ReadOptions(seed=3)))
    assert first.dataset.task == "text" and first.dataset.classes == ("bad", "good")
    assert first.dataset.splits == again.dataset.splits
    assert "40 texts in 2 classes" in first.summary()


def test_cancelled_before_the_scan(tmp_path):
    cancel = CancelToken()
    cancel.cancel()
    events = list(import_data(write_class_folders(tmp_path / "d", per_class=2), cancel))
    assert isinstance(events[-1], Cancelled) and not any(isinstance(e, Finished) for e in events)


def test_nothing_usable_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError):
        drain(import_data(tmp_path / "empty", CancelToken()))
