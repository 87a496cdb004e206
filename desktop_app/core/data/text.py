"""Text import: CSV / TSV / TXT files, train/dev/test files side by side, folders of `.txt` files.

Everything a user would otherwise fix by hand is detected: encoding (BOM, UTF-8, GB18030, UTF-16),
delimiter, quoting, header, and which column holds the text and which the label. Rows that cannot
be used (empty, no label, wrong number of fields, bytes that do not decode, NUL bytes, cells over
1 MB) are reported as `Skipped("file:line", reason)`; the rest is imported.

Over 800 lines on purpose: detection, reading and the one importer (`scan_text`, with the merging
of repeated texts) share the private `TextFormat` helpers; split them only together with tests.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import os
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.data.dataset import (
    A_TEXT,
    SPLIT_FOLDER_NAMES,
    Dataset,
    DatasetError,
    Skipped,
    carve_validation,
    junk_reason,
    natural_key,
    stratified_split,
)
from desktop_app.core.errors import Phrase
from desktop_app.core.fileio import MAX_TEXT_FILE_BYTES, UserFileError, read_user_file

DELIMITERS = ("\t", ",", ";", "|")
DATA_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab", ""})
MAX_CELL_CHARS = 1_000_000  # "1 MB": longer cells are reported, not imported
SAMPLE_LINES = 2000  # lines looked at to detect the format
PREVIEW_ROWS = 20
PREVIEW_CELL_CHARS = 300
# A label column with at least this many classes, more than this share of the rows, is refused
# as free text (10,000 reviews in 10,000 "classes" trained silently, with no accuracy).
FREE_TEXT_MIN_CLASSES = 50
FREE_TEXT_SHARE = 0.9
TEXT_NAMES = frozenset(
    {
        "text",
        "texts",
        "sentence",
        "sentences",
        "review",
        "reviews",
        "sms",
        "message",
        "messages",
        "content",
        "comment",
        "comments",
        "body",
        "document",
        "doc",
        "tweet",
        "question",
        "title",
        "utterance",
        "query",
        "description",
        "sentence1",
        "review_text",
    }
)
LABEL_NAMES = frozenset(
    {
        "label",
        "labels",
        "class",
        "classes",
        "category",
        "categories",
        "sentiment",
        "target",
        "tag",
        "y",
        "intent",
        "polarity",
        "topic",
        "rating",
        "emotion",
    }
)
_BAD = "\udfff"  # stands for bytes that did not decode (a lone surrogate never decodes validly)
_NUL = "\udffe"  # stands for a NUL byte (Python 3.10's csv rejects NUL)
_MARK_ERRORS = "classifier_studio_mark"


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _BAD, error.end


codecs.register_error(_MARK_ERRORS, _mark)

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with BOM)",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32": "UTF-32",
    "gb18030": "GB18030/GBK",
}
DELIMITER_NAMES = {"\t": "TSV", ",": "CSV", ";": "semicolon-separated", "|": "pipe-separated"}
# The names above that are words (translated in the window), not format names.
_NAME_PHRASES = {
    "UTF-8 (with BOM)": Phrase("phrase.utf8_bom"),
    "semicolon-separated": Phrase("phrase.semicolon_separated"),
    "pipe-separated": Phrase("phrase.pipe_separated"),
}


def _encoding_name(encoding: str) -> Phrase | str:
    """The encoding as people know it ("UTF-16 LE", "GB18030/GBK"…)."""
    name = ENCODING_NAMES.get(encoding, encoding)
    return _NAME_PHRASES.get(name, name)


@dataclass(frozen=True)
class TextFormat:
    """How a delimited text file was read; a GUI shows `preview` and lets the user change columns.

    `text_column` and `label_column` are 0-based indices into `columns` (header names, or
    "column 1", "column 2"… when the file has no header). `quotechar` is None when quotes are
    plain text (e.g. SMSSpamCollection, where messages may start with a quote).
    """

    encoding: str
    delimiter: str
    quotechar: str | None
    has_header: bool
    columns: tuple[str, ...]
    text_column: int
    label_column: int
    preview: tuple[tuple[str, ...], ...] = ()
    label_guess_sure: bool = True  # False: no column looked like labels (≤ 50 distinct values)

    def describe(self, name: str) -> Phrase:
        """One sentence for Dataset.notes, e.g. "Read x.tsv as UTF-8 TSV with a header; …"."""
        delimiter = DELIMITER_NAMES.get(self.delimiter)
        kind = (
            _NAME_PHRASES.get(delimiter, delimiter)
            if delimiter
            else Phrase("phrase.separated_by", (repr(self.delimiter),))
        )
        header = (
            Phrase("phrase.with_header") if self.has_header else Phrase("phrase.without_header")
        )
        encoding = _encoding_name(self.encoding)
        text, label = self.columns[self.text_column], self.columns[self.label_column]
        if self.quotechar:
            return Phrase("text.read_as", (name, encoding, kind, header, text, label))
        return Phrase("text.read_as_literal", (name, encoding, kind, header, text, label))


# --------------------------------------------------------------------------- decoding


def _read_bytes(path: Path) -> bytes:
    try:  # a pipe or a device is refused before reading (it would hang, or never end)
        return read_user_file(path, MAX_TEXT_FILE_BYTES)
    except UserFileError as error:
        raise DatasetError("text.cannot_read", path, error.phrase) from error
    except OSError as error:
        raise DatasetError("text.cannot_read", path, error.strerror or error) from error


def _guess_encoding(data: bytes) -> str:
    """BOM first, then UTF-16 by its zero bytes, then whichever of UTF-8 / GB18030 errs less."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if len(head) >= 4:
        even_zeros = head[0::2].count(0) / len(head[0::2])
        odd_zeros = head[1::2].count(0) / len(head[1::2])
        if odd_zeros > 0.3 and even_zeros < 0.05:
            return "utf-16-le"
        if even_zeros > 0.3 and odd_zeros < 0.05:
            return "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    utf8_errors = data.decode("utf-8", _MARK_ERRORS).count(_BAD)
    gb_errors = data.decode("gb18030", _MARK_ERRORS).count(_BAD)
    return "gb18030" if gb_errors < utf8_errors else "utf-8"


def _decode(data: bytes, encoding: str) -> str:
    """Text with undecodable bytes as `_BAD` and NUL as `_NUL`, so rows can report them."""
    try:
        text = data.decode(encoding, _MARK_ERRORS)
    except LookupError as error:
        raise DatasetError("text.unknown_encoding", repr(encoding)) from error
    return text.replace("\x00", _NUL) if "\x00" in text else text


def _lines(text: str) -> list[str]:
    """Physical lines, each ending in "\\n"; \\r\\n, \\n and lone \\r all end a line."""
    lines = re.split(r"\r\n?|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return [line + "\n" for line in lines]


def _reader(lines: Sequence[str] | Iterator[str], delimiter: str, quotechar: str | None):
    if quotechar:
        return csv.reader(lines, delimiter=delimiter, quotechar=quotechar, doublequote=True)
    return csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)


def _records(
    lines: Sequence[str], delimiter: str, quotechar: str | None
) -> Iterator[tuple[int, list[str] | Phrase]]:
    """(first line number, fields) per record, or (line, reason) for what csv rejects.

    A record spanning several lines must be well formed (strictly parsed): otherwise its first
    line has an opening quote that is never closed, which would swallow the rows after it; that
    line is reported and reading starts again on the next one.
    """
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, 2**31 - 1))
    start = 0  # index into `lines` the current reader started at
    try:
        while start < len(lines):
            reader = _reader(iter(lines[start:]), delimiter, quotechar)
            previous_end = 0
            restart = None
            while restart is None:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    yield start + previous_end + 1, Phrase("text.cannot_parse", (error,))
                    previous_end = reader.line_num
                    continue
                first, end = start + previous_end, start + reader.line_num
                if (
                    quotechar
                    and end - first > 1
                    and not _strictly_parsed(lines[first:end], delimiter, quotechar)
                ):
                    yield first + 1, Phrase("text.unbalanced_quote")
                    restart = first + 1
                    continue
                yield first + 1, row
                previous_end = reader.line_num
            start = restart
    finally:
        csv.field_size_limit(old_limit)


def _strictly_parsed(lines: Sequence[str], delimiter: str, quotechar: str) -> bool:
    """True if these lines are one well-formed record."""
    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar=quotechar, strict=True)
    try:
        return len(list(reader)) == 1
    except csv.Error:
        return False


# --------------------------------------------------------------------------- detection


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def _parse_sample(lines: Sequence[str], delimiter: str, quotechar: str | None) -> list[list[str]]:
    return [
        row for _, row in _records(lines, delimiter, quotechar) if isinstance(row, list) and row
    ]


def _quoting_is_clean(lines: Sequence[str], delimiter: str) -> bool:
    """True if quoted fields in the sample are well formed (a truncated last record is fine)."""
    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar='"', strict=True)
    try:
        for _ in reader:
            pass
    except csv.Error as error:
        return "unexpected end of data" in str(error) and reader.line_num >= len(lines) - 1
    return True


def _mostly_quoted(lines: Sequence[str], delimiter: str) -> bool:
    """True if most cells are wrapped in double quotes: quotes are syntax even when a few rows
    break them (those rows are reported, instead of every label keeping its quotes)."""
    try:
        cells = [
            cell.strip()
            for row in _reader(iter(lines), delimiter, None)
            for cell in row
            if cell.strip()
        ]
    except csv.Error:  # e.g. a cell over the csv module's field size limit
        return False
    wrapped = sum(len(c) >= 2 and c[0] == c[-1] == '"' for c in cells)
    return bool(cells) and wrapped >= 0.5 * len(cells)


def _consistency(rows: list[list[str]]) -> tuple[float, int]:
    if not rows:
        return 0.0, 0
    width, count = Counter(len(r) for r in rows).most_common(1)[0]
    return count / len(rows), width


def _choose_dialect(lines: Sequence[str], suffix: str) -> tuple[str, str | None, list[list[str]]]:
    """The delimiter (and quoting) that cuts the sample into the most consistent field counts."""
    preferred = {".tsv": "\t", ".tab": "\t", ".csv": ","}.get(suffix)
    best: tuple[tuple[float, bool, int], str, str | None, list[list[str]]] | None = None
    for order, delimiter in enumerate(DELIMITERS):
        if not any(delimiter in line for line in lines):
            continue
        options = []
        for quotechar in ('"', None):
            rows = _parse_sample(lines, delimiter, quotechar)
            share, width = _consistency(rows)
            options.append((share, width, quotechar, rows))
        clean = _quoting_is_clean(lines, delimiter) or _mostly_quoted(lines, delimiter)
        # Equal consistency: quotes are syntax only if every quoted field is well formed.
        options.sort(key=lambda o: (round(o[0], 3), (o[2] is not None) == clean), reverse=True)
        share, width, quotechar, rows = options[0]
        if width < 2:
            continue
        key = (round(share, 2), delimiter == preferred, -order)
        if best is None or key > best[0]:
            best = (key, delimiter, quotechar, rows)
    if best is None:
        raise DatasetError("text.one_column")
    return best[1], best[2], best[3]


@dataclass(frozen=True)
class _Column:
    distinct: int
    mean_length: float
    numeric: bool


def _column_stats(rows: list[list[str]], width: int) -> list[_Column]:
    stats = []
    for index in range(width):
        values = [r[index].strip() for r in rows if len(r) > index and r[index].strip()]
        stats.append(
            _Column(
                distinct=len(set(values)),
                mean_length=sum(map(len, values)) / max(len(values), 1),
                numeric=bool(values)
                and sum(map(_is_number, values[:200])) > 0.9 * len(values[:200]),
            )
        )
    return stats


def _is_label_like(column: _Column, n_rows: int) -> bool:
    """At most 50 distinct values and one per five rows (two values always qualify)."""
    return 1 <= column.distinct <= 50 and column.distinct <= max(2, 0.2 * n_rows)


def _guess_columns(
    rows: list[list[str]], names: Sequence[str] | None, width: int
) -> tuple[int, int, bool]:
    """(text column, label column, sure): names first, then statistics."""
    stats = _column_stats(rows, width)
    lowered = [n.strip().lower() for n in names] if names else []
    text = next((i for i, n in enumerate(lowered) if n in TEXT_NAMES), None)
    label = next((i for i, n in enumerate(lowered) if n in LABEL_NAMES and i != text), None)
    everything = range(width)

    def best_label(exclude: int | None) -> tuple[int | None, bool]:
        others = [i for i in everything if i != exclude]
        liked = [i for i in others if _is_label_like(stats[i], len(rows))]
        if liked:
            return min(liked, key=lambda i: (stats[i].distinct, stats[i].mean_length, i)), True
        if not others:
            return None, False
        return min(others, key=lambda i: (stats[i].distinct, stats[i].mean_length, i)), False

    def best_text(exclude: int | None) -> int:
        others = [i for i in everything if i != exclude]
        return max(others, key=lambda i: (not stats[i].numeric, stats[i].mean_length, -i))

    sure = True
    if text is None and label is None:
        label, sure = best_label(None)
        if label is None or not sure:
            text = best_text(None)
            label, sure = best_label(text)
        else:
            text = best_text(label)
    elif label is None:
        label, sure = best_label(text)
    elif text is None:
        text = best_text(label)
    assert text is not None
    if label is None:
        raise DatasetError("text.no_label_column")
    return text, label, sure


def _looks_like_header(rows: list[list[str]], width: int) -> bool:
    """Known column names, or a first row whose 'label' never shows up as a label below it."""
    first = [c.strip() for c in rows[0]]
    if not any(first) or any(len(c) > 40 for c in first):
        return False
    if any(c.lower() in TEXT_NAMES | LABEL_NAMES for c in first):
        return True
    rest = rows[1:]
    if len(rest) < 5 or len(first) != width:
        return False
    _, label, sure = _guess_columns(rest, None, width)
    seen = {r[label].strip() for r in rest if len(r) > label}
    cell = first[label]
    return sure and cell not in seen and not _is_number(cell)


def _resolve(choice: int | str | None, columns: Sequence[str], what: str) -> int | None:
    """A column given by 0-based index (int or digits) or by name (case-insensitive)."""
    if choice is None:
        return None
    if isinstance(choice, str):
        wanted = choice.strip().lower()
        for index, name in enumerate(columns):
            if name.strip().lower() == wanted:
                return index
        if not wanted.isdigit():
            raise DatasetError(
                "text.no_column_named", what, repr(choice), ", ".join(repr(c) for c in columns)
            )
        choice = int(wanted)
    if not 0 <= choice < len(columns):
        raise DatasetError(
            "text.column_out_of_range", what.capitalize(), choice, len(columns), len(columns) - 1
        )
    return choice


def _columns_and_data(
    rows: list[list[str]], width: int, has_header: bool
) -> tuple[list[str], list[list[str]]]:
    """Column names (from the header row, else "column N", 1-based) and the data rows."""
    if not has_header:
        return [f"column {i + 1}" for i in range(width)], rows
    header = [c.strip() for c in rows[0]][:width]
    columns = [c or f"column {i + 1}" for i, c in enumerate(header)]
    columns += [f"column {i + 1}" for i in range(len(columns), width)]
    return columns, rows[1:]


def _detect(
    text: str,
    encoding: str,
    path: Path,
    text_col: int | str | None,
    label_col: int | str | None,
) -> TextFormat:
    lines = [line for line in _lines(text)[:SAMPLE_LINES]]
    if not any(line.strip() for line in lines):
        raise DatasetError("text.empty_table", path)
    try:
        delimiter, quotechar, rows = _choose_dialect(lines, path.suffix.lower())
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            raise DatasetError("text.no_rows")
        _, width = _consistency(rows)
        if width < 2:
            raise DatasetError("text.no_label_column")
        has_header = _looks_like_header(rows, width)
    except DatasetError as error:
        raise DatasetError("text.cannot_read", path, error.phrase) from None
    columns, data = _columns_and_data(rows, width, has_header)
    text_index = _resolve(text_col, columns, "text")
    label_index = _resolve(label_col, columns, "label")
    sure = True
    if text_index is None or label_index is None:
        usable = [r for r in data if len(r) == width] or data
        try:
            guessed_text, guessed_label, sure = _guess_columns(
                usable, columns if has_header else None, width
            )
        except DatasetError as error:
            raise DatasetError("text.cannot_read", path, error.phrase) from None
        if text_index is None and label_index is None:
            text_index, label_index = guessed_text, guessed_label
        elif text_index is None:
            text_index = guessed_text if guessed_text != label_index else guessed_label
        else:
            label_index = guessed_label if guessed_label != text_index else guessed_text
    if text_index == label_index:
        raise DatasetError("text.same_column", path, columns[text_index])
    preview = tuple(
        tuple(c[:PREVIEW_CELL_CHARS].replace(_BAD, "\ufffd").replace(_NUL, "") for c in r)
        for r in data[:PREVIEW_ROWS]
    )
    return TextFormat(
        encoding=encoding,
        delimiter=delimiter,
        quotechar=quotechar,
        has_header=has_header,
        columns=tuple(columns),
        text_column=text_index,
        label_column=label_index,
        preview=preview,
        label_guess_sure=sure or label_col is not None,
    )


def reformat(path: str | os.PathLike[str], fmt: TextFormat, **changes: object) -> TextFormat:
    """`fmt` with edited settings (encoding, delimiter, has_header, text/label column), its
    columns and preview re-read from the file so the user sees what the import will read."""
    new = dataclasses.replace(fmt, **changes)  # type: ignore[arg-type]
    file = _main_file(Path(path))
    decoded = _decode(_read_bytes(file), new.encoding)
    lines = _lines(decoded)[:SAMPLE_LINES]
    rows = [
        row
        for _, row in _records(lines, new.delimiter, new.quotechar)
        if isinstance(row, list) and any(c.strip() for c in row)
    ]
    if not rows:
        raise DatasetError("text.no_readable_rows", file.name)
    width = Counter(len(r) for r in rows).most_common(1)[0][0]
    columns, data = _columns_and_data(rows, width, new.has_header)
    text_column, label_column = new.text_column, new.label_column
    if width != len(fmt.columns) or max(text_column, label_column) >= width:
        if width < 2:
            text_column = label_column = 0
        else:
            try:
                usable = [r for r in data if len(r) == width] or data
                text_column, label_column, _ = _guess_columns(
                    usable, columns if new.has_header else None, width
                )
            except DatasetError:
                text_column, label_column = 0, 1
    cut = PREVIEW_CELL_CHARS
    preview = tuple(
        tuple(c[:cut].replace(_BAD, "\ufffd").replace(_NUL, "") for c in r)
        for r in data[:PREVIEW_ROWS]
    )
    return dataclasses.replace(
        new,
        columns=tuple(columns),
        text_column=text_column,
        label_column=label_column,
        preview=preview,
    )


# --------------------------------------------------------------------------- layouts


def _visible(name: str) -> bool:
    return not name.startswith(".") and name.lower() not in {"thumbs.db", "desktop.ini"}


def _split_files(folder: Path) -> dict[str, Path]:
    """train/dev|val|validation/test files in `folder`, by split name."""
    found: dict[str, Path] = {}
    for entry in sorted(folder.iterdir(), key=lambda p: natural_key(p.name)):
        split = SPLIT_FOLDER_NAMES.get(entry.stem.lower())
        if entry.is_file() and split and entry.suffix.lower() in DATA_SUFFIXES:
            found.setdefault(split, entry)
    if "train" not in found:
        return {}
    return {split: found[split] for split in ("train", "val", "test") if split in found}


def _data_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and _visible(p.name)),
        key=lambda p: natural_key(p.name),
    )


def _subfolders(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.is_dir() and _visible(p.name)),
        key=lambda p: natural_key(p.name),
    )


def text_layout(path: str | os.PathLike[str]) -> str:
    """ "file", "split_files" (train/dev/test files) or "class_folders" (sub-folders of .txt)."""
    path = Path(path)
    if not path.exists():
        raise DatasetError("dataset.not_found", path)
    if path.is_file():
        return "file"
    try:
        if _split_files(path):
            return "split_files"
        if _subfolders(path):
            return "class_folders"
        if len(_data_files(path)) == 1:
            return "file"
    except OSError as error:
        raise DatasetError("dataset.cannot_read_folder", path, error.strerror or error) from error
    raise DatasetError("text.no_data", path)


def _main_file(path: Path) -> Path:
    layout = text_layout(path)
    if path.is_file():
        return path
    if layout == "split_files":
        return _split_files(path)["train"]
    if layout == "class_folders":
        raise DatasetError("text.no_columns", path)
    return _data_files(path)[0]


def detect_format(
    path: str | os.PathLike[str],
    text_col: int | str | None = None,
    label_col: int | str | None = None,
) -> TextFormat:
    """Guess encoding, delimiter, quoting, header and the text/label columns of a file.

    `text_col` / `label_col` override the guess: a header name or a 0-based column index. For a
    folder of train/dev/test files the train file is examined.
    """
    file = _main_file(Path(path))
    data = _read_bytes(file)
    encoding = _guess_encoding(data)
    text = _decode(data, encoding)
    kind = _not_text(data, text)
    if kind:
        raise DatasetError("text.not_a_table", file, kind)
    return _detect(text, encoding, file, text_col, label_col)


_BINARY_MAGIC = (
    (b"\x89PNG", Phrase("phrase.png")),
    (b"\xff\xd8\xff", Phrase("phrase.jpeg")),
    (b"GIF8", Phrase("phrase.gif")),
    (b"%PDF", Phrase("phrase.pdf")),
    (b"PK\x03\x04", Phrase("phrase.zip")),
    (b"\xd0\xcf\x11\xe0", Phrase("phrase.old_office")),
)


def _not_text(data: bytes, text: str) -> Phrase | None:
    """What a file is when it is not text at all ("a PNG image"…), or None for text."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    sample = text[:4096]
    control = sum(c in (_NUL, _BAD) or (c < " " and c not in "\t\n\r\f\v") for c in sample)
    return Phrase("phrase.binary") if sample and control > 0.1 * len(sample) else None


# --------------------------------------------------------------------------- reading rows


def _read_rows(file: Path, fmt: TextFormat, skipped: list[Skipped]) -> list[tuple[str, str, str]]:
    """(text, label, file:line) for every usable row; every other row becomes a `Skipped`."""
    text = _decode(_read_bytes(file), fmt.encoding)
    lines = _lines(text)
    width = len(fmt.columns)
    needed = max(fmt.text_column, fmt.label_column) + 1
    encoding_name = _encoding_name(fmt.encoding)
    good: list[tuple[str, str, str]] = []
    first = True
    for line, row in _records(lines, fmt.delimiter, fmt.quotechar):
        where = f"{file}:{line}"
        if isinstance(row, Phrase):
            skipped.append(Skipped.because(where, row))
            continue
        if first and fmt.has_header and any(c.strip() for c in row):
            first = False
            continue
        if not any(c.strip() for c in row):
            skipped.append(Skipped.because(where, Phrase("text.empty_row")))
            continue
        first = False
        reason = None
        if any(_BAD in c for c in row):
            reason = Phrase("text.bad_bytes", (encoding_name,))
        elif any(_NUL in c for c in row):
            reason = Phrase("text.nul_bytes")
        elif any(len(c) > MAX_CELL_CHARS for c in row):
            reason = Phrase("text.cell_too_large")
        elif len(row) < needed and fmt.label_column >= len(row):
            reason = Phrase("text.missing_label")
        elif len(row) < needed:
            reason = Phrase("text.missing_text")
        elif len(row) != width:
            reason = Phrase("text.field_count", (width, len(row)))
        if reason is None:
            item, label = row[fmt.text_column].strip(), row[fmt.label_column].strip()
            if not item:
                reason = Phrase("text.empty_text")
            elif not label:
                reason = Phrase("text.missing_label")
            else:
                good.append((item, label, where))
                continue
        skipped.append(Skipped.because(where, reason))
    return good


def _read_document(file: Path, skipped: list[Skipped]) -> str | None:
    """A whole .txt file as one item, or None (reported) when it cannot be used."""
    try:
        data = _read_bytes(file)
    except DatasetError as error:
        skipped.append(Skipped.because(str(file), error.phrase))
        return None
    encoding = _guess_encoding(data)
    text = _decode(data, encoding).strip()
    if _BAD in text:
        reason = Phrase("text.bad_bytes", (_encoding_name(encoding),))
    elif _NUL in text:
        reason = Phrase("text.nul_bytes")
    elif len(text) > MAX_CELL_CHARS:
        reason = Phrase("text.file_too_large")
    elif not text:
        reason = Phrase("text.empty_file")
    else:
        return text
    skipped.append(Skipped.because(str(file), reason))
    return None


def _class_folder_rows(
    root: Path, skipped: list[Skipped]
) -> list[tuple[str | None, str, str, str]]:
    """(split or None, text, label, file) from <class>/*.txt or <split>/<class>/*.txt."""
    subdirs = _subfolders(root)
    split_dirs = {
        d: SPLIT_FOLDER_NAMES[d.name.lower()]
        for d in subdirs
        if d.name.lower() in SPLIT_FOLDER_NAMES
    }
    groups: list[tuple[str | None, Path]] = []
    if "train" in split_dirs.values():
        for directory in subdirs:
            if directory in split_dirs:
                groups += [(split_dirs[directory], c) for c in _subfolders(directory)]
            else:
                skipped.append(Skipped.because(str(directory), Phrase("text.not_split_folder")))
    else:
        groups = [(None, c) for c in subdirs]
    rows: list[tuple[str | None, str, str, str]] = []
    for split, class_dir in groups:
        for dirpath, dirnames, filenames in os.walk(class_dir):
            dirnames[:] = sorted(d for d in dirnames if _visible(d))
            for name in sorted(filenames, key=natural_key):
                file = Path(dirpath) / name
                junk = junk_reason(name, A_TEXT)
                if junk:
                    skipped.append(Skipped.because(str(file), junk))
                    continue
                if file.suffix.lower() != ".txt":
                    skipped.append(Skipped.because(str(file), Phrase("text.not_txt")))
                    continue
                document = _read_document(file, skipped)
                if document is not None:
                    rows.append((split, document, class_dir.name, str(file)))
    return rows


# --------------------------------------------------------------------------- the import


def merge_repeats(
    rows: Sequence[tuple[str | None, str, str, str]], skipped: list[Skipped]
) -> tuple[list[tuple[str | None, str, str, str]], int, int]:
    """One row per distinct text: (kept rows, repeats merged, repeats with another label).

    A text is one item (a project keys its items by the text), so a repeated text is kept once,
    at its first row, with that row's label and split: copies on both sides of the train/val
    split would let validation score texts the head was trained on. A repeat with the same
    label is merged silently (counted in a note); a repeat with another label cannot be used
    as it is: the row is listed in `skipped` ("kept with label 'first label'"), the text stays under its
    first label, where the user can see it and relabel it."""
    first: dict[str, str] = {}
    kept: list[tuple[str | None, str, str, str]] = []
    merged = conflicts = 0
    for row in rows:
        _, text, label, where = row
        label_kept = first.get(text)
        if label_kept is None:
            first[text] = label
            kept.append(row)
        elif label_kept == label:
            merged += 1
        else:
            conflicts += 1
            why = Phrase("text.conflict", (label_kept, label))
            skipped.append(Skipped.because(where, why))
    return kept, merged, conflicts


def looks_like_free_text(n_classes: int, n_items: int) -> bool:
    """Classes almost as many as items: the "labels" are texts (a review column taken as the
    label), and a classifier cannot learn a class it sees once: every such class is left out
    of validation, the run reports no accuracy, and memory grows with items × classes."""
    return n_classes >= FREE_TEXT_MIN_CLASSES and n_classes > FREE_TEXT_SHARE * n_items


def _split_file_format(file: Path, main: TextFormat) -> TextFormat:
    """The train file's columns applied to a dev/test file (by name if there is a header)."""
    text_col: int | str = main.columns[main.text_column] if main.has_header else main.text_column
    label_col: int | str = main.columns[main.label_column] if main.has_header else main.label_column
    return detect_format(file, text_col, label_col)


def scan_text(
    path: str | os.PathLike[str],
    text_col: int | str | None = None,
    label_col: int | str | None = None,
    val_fraction: float = 0.2,
    seed: int = 0,
    fmt: TextFormat | None = None,
) -> Dataset:
    """Import a text dataset; items are the texts, labels index the naturally sorted classes.

    `path`: a CSV/TSV/TXT file (seeded stratified train/val split), a folder of train/dev/test
    files (splits kept; val carved from train when missing), or a folder with one sub-folder of
    `.txt` files per class (one item per file). `text_col`/`label_col`: header name or 0-based
    index. `fmt`: a format from `detect_format` (possibly edited by the user) used as is.
    """
    root = Path(path)
    layout = text_layout(root)
    skipped: list[Skipped] = []
    notes: list[Phrase] = []
    rows: list[tuple[str | None, str, str, str]] = []  # (split or None, text, label, where)
    label_column: tuple[str, str] | None = None  # (file name, column) the labels come from
    if layout == "class_folders":
        rows = _class_folder_rows(root, skipped)
        notes.append(Phrase("text.read_folders", (root.name,)))
    else:
        main_file = _main_file(root)
        main_fmt = fmt or detect_format(main_file, text_col, label_col)
        label_column = (main_file.name, main_fmt.columns[main_fmt.label_column])
        notes.append(main_fmt.describe(main_file.name))
        if not main_fmt.label_guess_sure:
            guess = main_fmt.columns[main_fmt.label_column]
            notes.append(Phrase("text.label_guessed", (guess,)))
        files = _split_files(root) if layout == "split_files" else {"": main_file}
        for split, file in files.items():
            file_fmt = main_fmt
            if file != main_file:
                try:
                    file_fmt = _split_file_format(file, main_fmt)
                except DatasetError as error:
                    why = Phrase("text.file_ignored", (error.phrase,))
                    skipped.append(Skipped.because(str(file), why))
                    continue
            rows += [(split or None, *row) for row in _read_rows(file, file_fmt, skipped)]
        if layout == "split_files":
            names = ", ".join(f.name for f in files.values())
            notes.append(Phrase("text.kept_splits", (names,)))

    rows, merged, conflicts = merge_repeats(rows, skipped)
    if merged:
        notes.append(Phrase("text.repeats_merged", (merged,)))
    if conflicts:
        notes.append(Phrase("text.repeats_conflict", (conflicts,)))
    classes = tuple(sorted({label for _, _, label, _ in rows}, key=natural_key))
    if not classes:
        raise DatasetError("text.no_usable_rows", root)
    if len(classes) < 2:
        raise DatasetError("text.one_class", classes[0], root)
    if label_column is not None and looks_like_free_text(len(classes), len(rows)):
        raise DatasetError("text.labels_look_like_text", *label_column, len(classes), len(rows))
    index = {name: i for i, name in enumerate(classes)}
    items = tuple(t for _, t, _, _ in rows)
    labels = tuple(index[lab] for _, _, lab, _ in rows)
    if any(split is not None for split, _, _, _ in rows):
        splits = [split or "train" for split, _, _, _ in rows]
        if carve_validation(splits, labels, val_fraction, seed):
            notes.append(Phrase("text.val_carved", (f"{val_fraction:.0%}",)))
        split_source = "folders"
    else:
        splits = list(stratified_split(labels, val_fraction, seed))
        split_source = "generated"
    if skipped:
        notes.append(Phrase("text.skipped_count", (len(skipped),)))
    return Dataset(
        task="text",
        classes=classes,
        items=items,
        labels=labels,
        splits=tuple(splits),
        skipped=tuple(skipped),
        root=str(root),
        split_source=split_source,
        notes=tuple(notes),
    )
