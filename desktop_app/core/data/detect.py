"""Which kind of data a path holds (images or text), and importing it with the right importer."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.core.data.dataset import Dataset, DatasetError, scan_image_folder
from desktop_app.core.data.images import SUPPORTED_EXTENSIONS

TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})
LOOK_AT_FILES = 2000


def data_task(path: str | os.PathLike[str]) -> str:
    """ "image" for a folder holding images, "text" for a file or a folder of text files."""
    path = Path(path)
    if not path.exists():
        raise DatasetError("dataset.path_not_found", path)
    if path.is_file():
        if path.suffix.lower() in SUPPORTED_EXTENSIONS:
            raise DatasetError("dataset.one_image", path.name)
        return "text"
    images = texts = seen = 0
    for _dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            suffix = Path(name).suffix.lower()
            images += suffix in SUPPORTED_EXTENSIONS
            texts += suffix in TEXT_SUFFIXES or (suffix == "" and not name.startswith("."))
            seen += 1
        if seen >= LOOK_AT_FILES:
            break
    return "image" if images and images >= texts else "text" if texts else "image"


def scan_data(
    path: str | os.PathLike[str],
    val_fraction: float = 0.2,
    seed: int = 0,
    text_col: int | str | None = None,
    label_col: int | str | None = None,
) -> Dataset:
    """Import images (class folders) or text (CSV/TSV/TXT, .txt folders), whichever `path` holds."""
    if data_task(path) == "image":
        return scan_image_folder(path, val_fraction=val_fraction, seed=seed)
    from desktop_app.core.data.text import scan_text

    return scan_text(path, text_col, label_col, val_fraction=val_fraction, seed=seed)
