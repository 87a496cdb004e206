"""Import data: images (class folders) or texts (CSV/TSV/TXT, .txt folders), with what the user
should hear about it (notes, skipped items, warnings: images in two classes, look-alike class
names)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from desktop_app.core.data.dataset import Dataset, Skipped
from desktop_app.core.errors import Phrase
from desktop_app.core.tasks import get_task
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress


@dataclass(frozen=True)
class ReadOptions:
    """How data is read: the seeded split (as `train` made it) and, for text files, the columns
    (a header name or a 0-based number; None: detected)."""

    val_fraction: float = 0.2
    seed: int = 0
    text_col: int | str | None = None
    label_col: int | str | None = None


DEFAULT_READ = ReadOptions()


@dataclass(frozen=True)
class Imported:
    """An imported dataset and what to tell about it (English; the window words its own)."""

    dataset: Dataset
    notes: tuple[Phrase, ...]
    skipped: tuple[Skipped, ...]
    duplicate_warnings: tuple[Phrase, ...]
    name_warnings: tuple[Phrase, ...] = ()  # class names that look the same

    @property
    def warnings(self) -> tuple[Phrase, ...]:
        """Everything worth a `warning:` line: images in two classes, look-alike class names."""
        return self.duplicate_warnings + self.name_warnings

    def summary(self) -> str:
        """One line: how many items in how many classes, and the split."""
        dataset = self.dataset
        what = get_task(dataset.task).items_word
        return (
            f"data: {len(dataset)} {what} in {len(dataset.classes)} classes "
            f"(train {len(dataset.indices('train'))}, val {len(dataset.indices('val'))}, "
            f"test {len(dataset.indices('test'))}; split {dataset.split_source})"
        )


def import_data(
    path: str | os.PathLike[str],
    cancel: CancelToken,
    options: ReadOptions = DEFAULT_READ,
) -> Iterator[object]:
    """Scan `path` (whichever kind it holds), then `Finished(Imported)`; bad items are listed
    in `skipped`, never fatal (a folder with nothing usable raises `DatasetError`)."""
    from desktop_app.core.data.dataset import duplicate_warnings, lookalike_warnings
    from desktop_app.core.data.detect import scan_data

    yield Progress("import", 0, 0, None, "Reading the data")
    if cancel.cancelled:
        yield Cancelled("import")
        return
    o = options
    dataset = scan_data(path, o.val_fraction, o.seed, o.text_col, o.label_col)
    if cancel.cancelled:
        yield Cancelled("import")
        return
    yield Finished(
        Imported(
            dataset,
            tuple(dataset.notes),
            tuple(dataset.skipped),
            tuple(duplicate_warnings(dataset)),
            tuple(lookalike_warnings(dataset.classes)),
        )
    )
