"""The image page's import job: folders of class folders and loose image files, scanned on the
worker thread (a generator of events, ARCHITECTURE rule 2).

Not `core.workflows.importing.import_data`: that one reads one path of whichever kind it holds
(a folder of text files would become texts), while the image page imports several folders and
loose files of one class at once and reports each source that failed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.data.dataset import Dataset, DatasetError
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff", ".gif", ".heic"}


@dataclass(frozen=True)
class ImportResult:
    """What an import produced: one dataset per source that worked, a message per one that failed."""

    datasets: tuple[Dataset, ...]
    errors: tuple[DatasetError, ...] = ()


def is_file_like(path: str) -> bool:
    """Files go to `dataset_from_files`; folders (and missing paths without an image suffix)
    go to `scan_image_folder`, which explains what is wrong with them."""
    if os.path.isdir(path):
        return False
    return os.path.isfile(path) or Path(path).suffix.lower() in _IMAGE_SUFFIXES


def import_events(
    folders: list[str], files: list[str], label: str | None, cancel: CancelToken
) -> Iterator[object]:
    """Worker-thread generator: scan each folder, then the loose files; ends with Finished."""
    from desktop_app.core.data.dataset import dataset_from_files, scan_image_folder

    sources: list[tuple[str, str]] = [("folder", f) for f in folders]
    if files:
        sources.append(("files", files[0] if len(files) == 1 else os.path.dirname(files[0])))
    datasets: list[Dataset] = []
    errors: list[DatasetError] = []
    for done, (kind, where) in enumerate(sources):
        if cancel.cancelled:
            yield Cancelled("import")
            return
        yield Progress("import", done, len(sources), message=where)
        try:
            if kind == "folder":
                datasets.append(scan_image_folder(where))
            else:
                datasets.append(dataset_from_files(files, [label or ""] * len(files)))
        except DatasetError as error:
            errors.append(error)
    if cancel.cancelled:
        yield Cancelled("import")
        return
    if not datasets:
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise DatasetError("dataset.import_failed", tuple(e.phrase for e in errors))
        raise DatasetError("dataset.nothing_to_import")
    yield Progress("import", len(sources), len(sources))
    yield Finished(ImportResult(tuple(datasets), tuple(errors)))
