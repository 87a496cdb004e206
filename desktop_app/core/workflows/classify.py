"""Classify images (files, folders) or texts into rows of top-k predictions, and write them as CSV.

Used by `desktop-app predict`, the Predict tab (folder → CSV, a file of texts → CSV) and the
bench. Rows are `PathPrediction`s: a bad file is a row with an error, never an exception.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from desktop_app.core.errors import CoreError, Phrase
from desktop_app.core.fileio import MAX_TEXT_FILE_BYTES, UserFileError, read_user_file
from desktop_app.core.inference import PathPrediction, Predictor
from desktop_app.core.training.events import Cancelled, CancelToken, EtaClock, Finished, Progress
from desktop_app.core.workflows.stages import relay

PredictorGetter = Callable[[], Predictor]
IMAGE_BATCH = 32
TEXT_BATCH = 64
TEXT_COLUMN_NAMES = ("text", "sentence", "message", "review", "content", "body", "comment")


@dataclass(frozen=True)
class Classified:
    """One row, yielded as it is ready when a caller wants rows as they come (cards on screen)."""

    row: PathPrediction


@dataclass(frozen=True)
class ClassifyResult:
    """All rows of a run in input order, and how long it took."""

    rows: tuple[PathPrediction, ...]
    seconds: float

    @property
    def skipped(self) -> int:
        return sum(1 for r in self.rows if r.prediction is None)


@dataclass(frozen=True)
class CsvSummary:
    """The end of a run written to CSV: where it went, how many rows, how many failed; `note`
    says why it went elsewhere than asked (the asked file could not be written)."""

    csv_path: str
    rows: int
    skipped: int
    seconds: float
    note: Phrase | None = None


class CsvWriteError(CoreError):
    """The results' CSV cannot be written where asked (checked before the work), or nowhere at
    all; then `csv_text` holds the results, so that a caller can still show them."""

    csv_text: str = ""


@dataclass(frozen=True)
class CsvSaved:
    """Where `save_predictions_csv` put the rows; `note` when not where it was asked to."""

    path: str
    note: Phrase | None = None


def _predictor_getter(model: Predictor | PredictorGetter) -> PredictorGetter:
    return (lambda: model) if isinstance(model, Predictor) else model


def classify_images(
    model: Predictor | PredictorGetter,
    paths: Sequence[str | os.PathLike[str]],
    k: int,
    cancel: CancelToken,
    batch_size: int = IMAGE_BATCH,
    each_row: bool = False,
) -> Iterator[object]:
    """Expand folders, classify every image in batches (decoding overlaps inference), then
    `Finished(ClassifyResult)`. `each_row` also yields a `Classified` per row as it is ready.
    The predictor is asked for only when there is something to classify (it may load lazily)."""
    from desktop_app.core.inference import expand_paths

    start = time.perf_counter()
    yield Progress("predict", 0, 0, None, "Looking for images")
    files = [str(p) for p in expand_paths(paths)]
    total = len(files)
    yield Progress("predict", 0, total)
    rows: list[PathPrediction] = []
    if files and not cancel.cancelled:
        predictor = _predictor_getter(model)()
        clock = EtaClock(total)
        for row in predictor.predict_paths(files, k, batch_size, cancel):
            rows.append(row)
            if each_row:
                yield Classified(row)
            if each_row or len(rows) % batch_size == 0 or len(rows) == total:
                yield Progress("predict", len(rows), total, clock.eta(len(rows)))
    yield _end(rows, start, cancel)


def classify_texts(
    model: Predictor | PredictorGetter,
    texts: Sequence[str],
    k: int,
    cancel: CancelToken,
    batch_size: int = TEXT_BATCH,
) -> Iterator[object]:
    """Classify texts in batches (a row's `path` is the text), then `Finished(ClassifyResult)`;
    `latency_ms` is the batch's time per text."""
    start = time.perf_counter()
    total = len(texts)
    yield Progress("predict", 0, total)
    rows: list[PathPrediction] = []
    predictor = _predictor_getter(model)() if texts else None
    clock = EtaClock(total)
    for first in range(0, total, batch_size):
        if cancel.cancelled:
            break
        chunk = list(texts[first : first + batch_size])
        began = time.perf_counter()
        probabilities = predictor.text_probabilities(chunk)
        latency = (time.perf_counter() - began) * 1000 / len(chunk)
        rows.extend(
            PathPrediction(text, predictor.top_k(p, k, latency))
            for text, p in zip(chunk, probabilities, strict=True)
        )
        yield Progress("predict", len(rows), total, clock.eta(len(rows)))
    yield _end(rows, start, cancel)


def _end(rows: list[PathPrediction], start: float, cancel: CancelToken) -> object:
    """The last event of a classify run."""
    if cancel.cancelled:
        return Cancelled("predict")
    return Finished(ClassifyResult(tuple(rows), time.perf_counter() - start))


def to_csv(
    events: Iterator[object],
    csv_path: str | os.PathLike[str],
    k: int,
    first_column: str = "path",
    timings: bool = True,
) -> Iterator[object]:
    """Pass a classify run's events through, then write its rows to `csv_path` once at the end
    and finish with a `CsvSummary` instead; a cancelled run writes nothing. The destination is
    checked before the first event (CsvWriteError), and rows that cannot be written there are
    saved elsewhere (`CsvSummary.note` says where and why), never lost."""
    check_csv_destination(csv_path)
    result: ClassifyResult | None = yield from relay(events)
    if result is not None:
        saved = save_predictions_csv(csv_path, result.rows, k, first_column, timings)
        yield Finished(
            CsvSummary(saved.path, len(result.rows), result.skipped, result.seconds, saved.note)
        )


def classify_folder_to_csv(
    model: Predictor | PredictorGetter,
    folder: str | os.PathLike[str],
    csv_path: str | os.PathLike[str],
    k: int,
    cancel: CancelToken,
    batch_size: int = IMAGE_BATCH,
) -> Iterator[object]:
    """Every image below `folder` → `csv_path` (`Finished(CsvSummary)`); cancelled: no file."""
    return to_csv(classify_images(model, [folder], k, cancel, batch_size), csv_path, k)


def classify_text_file_to_csv(
    model: Predictor | PredictorGetter,
    path: str | os.PathLike[str],
    csv_path: str | os.PathLike[str],
    k: int,
    cancel: CancelToken,
    batch_size: int = TEXT_BATCH,
) -> Iterator[object]:
    """Every text of a file (`read_texts`) → `csv_path` with a `text` column and no timings."""
    check_csv_destination(csv_path)  # before reading and classifying anything
    texts = read_texts(path)  # on the caller's (worker) thread: a generator body
    yield from to_csv(
        classify_texts(model, texts, k, cancel, batch_size), csv_path, k, "text", timings=False
    )


def read_texts(path: str | os.PathLike[str]) -> list[str]:
    """Texts to classify: one per non-empty line, or the text column of a CSV/TSV file.
    A pipe, a device or a file over `MAX_TEXT_FILE_BYTES` is refused before reading."""
    file = Path(path)
    try:
        raw = read_user_file(file, MAX_TEXT_FILE_BYTES)
    except UserFileError as error:
        raise UserFileError("file.cannot_read", file, error.phrase) from error
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = raw.decode("gb18030", errors="replace")
    lines = [line for line in content.splitlines() if line.strip()]
    if file.suffix.lower() not in (".csv", ".tsv", ".tab") or not lines:
        return [line.strip() for line in lines]
    delimiter = "\t" if file.suffix.lower() in (".tsv", ".tab") else ","
    rows = [r for r in csv.reader(io.StringIO(content), delimiter=delimiter) if r]
    width = max(len(r) for r in rows)
    if width == 1:
        return [r[0].strip() for r in rows if r[0].strip()]
    header = [c.strip().lower() for c in rows[0]]
    named = next((header.index(n) for n in TEXT_COLUMN_NAMES if n in header), None)
    if named is not None:
        column, data = named, rows[1:]
    else:  # the column with the longest cells holds the text
        lengths = [
            sum(len(r[i]) for r in rows if i < len(r)) / max(1, len(rows)) for i in range(width)
        ]
        column, data = int(np.argmax(lengths)), rows
    return [r[column].strip() for r in data if column < len(r) and r[column].strip()]


def read_text_lines(
    paths: Sequence[str | os.PathLike[str]],
) -> tuple[list[str], list[tuple[str, str]]]:
    """The CLI's texts: every non-empty line of each file, and (file, reason) for unreadable ones
    (a pipe or a device, a file over `MAX_TEXT_FILE_BYTES`: refused before reading)."""
    texts: list[str] = []
    unreadable: list[tuple[str, str]] = []
    for name in paths:
        try:
            raw = read_user_file(name, MAX_TEXT_FILE_BYTES)
        except CoreError as error:
            unreadable.append((str(name), str(error)))
            continue
        except OSError as error:
            unreadable.append((str(name), str(error.strerror or error)))
            continue
        lines = raw.decode("utf-8-sig", errors="replace").splitlines()
        texts.extend(line for line in lines if line.strip())
    return texts, unreadable


# Cells a spreadsheet would run as a formula (OWASP "CSV injection"): a leading = + - @ (or a
# tab / carriage return before one). Plain numbers such as "-1" are left as they are.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """`cell` as a spreadsheet shows it as text: a leading `'` when it would start a formula."""
    if not cell.startswith(_FORMULA_START):
        return cell
    try:
        float(cell)
        return cell
    except ValueError:
        return "'" + cell


def check_csv_destination(path: str | os.PathLike[str]) -> None:
    """Refuse, before any work, a CSV destination that cannot be written: a folder, a file
    that is read-only, a folder that does not let us create a file (read-only disk, no
    permission). CsvWriteError names the file and the reason. A full disk shows only when
    writing; `save_predictions_csv` then keeps the rows elsewhere."""
    target = Path(path)
    if target.is_dir():
        raise CsvWriteError("csv.is_folder", target)
    if target.exists() and not os.access(target, os.W_OK):
        raise CsvWriteError("csv.cannot_write", target, os.strerror(errno.EACCES))
    parent = target.parent
    while not parent.exists() and parent != parent.parent:  # atomic_write_bytes makes folders
        parent = parent.parent
    if not parent.is_dir():
        raise CsvWriteError("csv.cannot_write", target, os.strerror(errno.ENOTDIR))
    try:  # the one sure test: create (and remove) a file where the CSV will go
        fd, probe = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".probe")
    except OSError as error:
        raise CsvWriteError("csv.cannot_write", target, error.strerror or error) from error
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


def fallback_csv_path(path: str | os.PathLike[str]) -> Path:
    """Where results go when `path` cannot be written: the temporary folder, a new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.gettempdir()) / f"{Path(path).stem or 'predictions'}-{stamp}.csv"


def save_predictions_csv(
    path: str | os.PathLike[str],
    rows: Sequence[PathPrediction],
    k: int,
    first_column: str = "path",
    timings: bool = True,
) -> CsvSaved:
    """`write_predictions_csv`, but the rows are never lost: when `path` cannot be written (a
    full disk, a folder made read-only meanwhile) they go to `fallback_csv_path` and the
    returned note says where and why; when that fails too, CsvWriteError carries the CSV text."""
    text = predictions_csv_text(rows, k, first_column, timings)
    try:
        _write_csv_text(path, text)
        return CsvSaved(str(path))
    except OSError as error:
        reason = error.strerror or str(error)
    fallback = fallback_csv_path(path)
    try:
        _write_csv_text(fallback, text)
    except OSError as second:
        failed = CsvWriteError("csv.not_saved", path, reason, fallback, second.strerror or second)
        failed.csv_text = text
        raise failed from second
    return CsvSaved(
        str(fallback), Phrase("csv.written_elsewhere", (str(path), reason, str(fallback)))
    )


def _write_csv_text(path: str | os.PathLike[str], text: str) -> None:
    from desktop_app.core.fileio import atomic_write_bytes

    atomic_write_bytes(Path(path), text.encode("utf-8"))


def write_predictions_csv(
    path: str | os.PathLike[str],
    rows: Sequence[PathPrediction],
    k: int,
    first_column: str = "path",
    timings: bool = True,
) -> None:
    """Rows as CSV (atomically, `predictions_csv_text`); OSError when it cannot be written."""
    _write_csv_text(path, predictions_csv_text(rows, k, first_column, timings))


def predictions_csv_text(
    rows: Sequence[PathPrediction],
    k: int,
    first_column: str = "path",
    timings: bool = True,
) -> str:
    """Rows as CSV text: first column, then label/probability pairs for the top `k`, then
    `unsure` (`true` when the best probability is below the model's unsure threshold: `label`
    is then a guess, not an answer; `false` otherwise); with `timings`, `latency_ms` and `error`
    columns (a failed row has only its error). Paths, texts and labels that a spreadsheet would
    run as formulas are written as text (`spreadsheet_safe`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [first_column, "label", "probability"]
    for i in range(2, k + 1):
        header += [f"label_{i}", f"probability_{i}"]
    header.append("unsure")
    writer.writerow([*header, "latency_ms", "error"] if timings else header)
    for r in rows:
        first = spreadsheet_safe(r.path)
        if r.prediction is None:
            error = spreadsheet_safe(str(r.error or ""))
            writer.writerow([first] + [""] * (len(header) - 1) + ["", error])
            continue
        cells = [first]
        for label, prob in zip(r.prediction.labels, r.prediction.probabilities, strict=True):
            cells += [spreadsheet_safe(label), f"{prob:.6f}"]
        cells += [""] * (len(header) - 1 - len(cells))  # fewer classes than k
        cells.append("true" if r.prediction.unsure else "false")
        if timings:
            cells += [f"{r.prediction.latency_ms:.3f}", ""]
        writer.writerow(cells)
    return buffer.getvalue()
