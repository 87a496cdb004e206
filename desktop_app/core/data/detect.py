"""Which kind of data a path holds (images or text), and importing it with the right importer."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.data.dataset import Dataset, DatasetError
from desktop_app.core.tasks import Task, detect_task

LOOK_AT_FILES = 2000


def detected_task(path: str | os.PathLike[str]) -> Task:
    """The task of the data at `path` (core/tasks.py: `detect_task`); DatasetError when the
    path does not exist or holds a single item, not a dataset."""
    path = Path(path)
    if not path.exists():
        raise DatasetError("dataset.path_not_found", path)
    return detect_task(path, LOOK_AT_FILES)


def data_task(path: str | os.PathLike[str]) -> str:
    """ "image" for a folder holding images, "text" for a file or a folder of text files."""
    return detected_task(path).name


def scan_data(
    path: str | os.PathLike[str],
    val_fraction: float = 0.2,
    seed: int = 0,
    text_col: int | str | None = None,
    label_col: int | str | None = None,
) -> Dataset:
    """Import images (class folders) or text (CSV/TSV/TXT, .txt folders), whichever `path` holds."""
    return detected_task(path).scan(path, val_fraction, seed, text_col, label_col)
