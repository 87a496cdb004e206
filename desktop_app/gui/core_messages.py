"""The engine's English messages (skip reasons, import notes, refused models) in the user's language.

`core` never imports Qt, so it cannot call tr(); it speaks English, which the CLI prints as is.
The GUI passes that text through `translate_reason`: each known message is a template whose
`{0}`, `{1}`… stand for the variable parts (file names, sizes, formats, line numbers). A template
is turned into a pattern, the parts are taken from the English text and put into the translated
template. Text that matches no template is shown unchanged (English beats nothing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreMessages"


@dataclass(frozen=True)
class _Message:
    """One English message as core writes it; `phrases`: parts that are core phrases themselves
    (translated too); `pattern`: a regex with one group per part where the template alone
    would be ambiguous."""

    template: str
    phrases: tuple[int, ...] = ()
    pattern: str | None = None


_M = _Message
# Whole messages, most specific first (the first one that matches the whole text wins).
MESSAGES: tuple[_Message, ...] = (
    # images.py: files that look like images but cannot be used
    _M(QT_TRANSLATE_NOOP("CoreMessages", "empty file (0 bytes)")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0} images are not supported (use JPEG, PNG, BMP, WebP or TIFF)"
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not an image file (unrecognised content)")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "too many pixels ({0} x {1} pixels; the limit is {2} megapixels): "
            "a damaged file or a decompression bomb",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "file too large ({0} MB; the limit is {1} MB)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "truncated JPEG (the file ends before the image does)")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "cannot decode this {0} file (damaged, or too many pixels)"
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not enough memory to decode this image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "unsupported pixel type {0}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "unsupported number of channels ({0})")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "cannot read file ({0})")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "cannot read this image ({0})")),
    # dataset.py: junk and files outside the expected layout
    _M(QT_TRANSLATE_NOOP("CoreMessages", "system file, not {0} ({1})"), phrases=(0, 1)),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "hidden file, not used (its name starts with a dot)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not an image ({0})"), phrases=(0,)),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not an image file")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "cannot read ({0})")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not a regular file (a pipe or a device)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not inside a class folder")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "folder ignored: not a train/val/test split folder")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "folder ignored: not a train/val/test folder")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "no usable images in this class folder")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "file not found")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "no label given")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Folder not found: {0}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Folder or file not found: {0}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Not found: {0}")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Not a folder: {0} (drop a folder with one sub-folder per class)"
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0} is one image: give the folder that holds one sub-folder per class.",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "No images found in {0}. Expected one sub-folder per class, "
            "each holding JPEG, PNG, BMP, WebP or TIFF images.",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "None of the given files is a usable image.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "No validation folder: {0} of train set aside for validation."
        )
    ),
    # text.py: rows and files that cannot be used, and how a file was read
    _M(QT_TRANSLATE_NOOP("CoreMessages", "empty row")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "empty text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "empty file")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "missing label")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "missing text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "expected {0} fields, found {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "bytes that are not valid {0}"), phrases=(0,)),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "contains NUL bytes (binary data?)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a cell is larger than 1 MB")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "larger than 1 MB")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not a .txt file")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "not text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "cannot parse ({0})")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "unbalanced quote (an opening quote is never closed)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "file ignored: {0}"), phrases=(0,)),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "same text labelled '{0}' and '{1}': kept '{2}'")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is empty: no rows to import")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "no rows with any text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "found only one column, so there is no label column")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "found only one column (no tab, comma, semicolon or | between fields)"
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0}: the text and the label cannot be the same column ('{1}')"
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: no rows can be read with these settings.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "No text data found in {0}. Expected a CSV/TSV/TXT file, train/dev/test files, "
            "or one sub-folder of .txt files per class.",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0} holds one sub-folder per class: there are no columns to choose"
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Unknown text encoding {0}")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "No usable rows in {0}: every row was empty or had no label."
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Only one class ('{0}') in {1}: a classifier needs at least two "
            "(check the label column).",
        )
    ),
    # training/results.py, before the general "Cannot read {0}: {1}" below
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Cannot read the training run in {0}: {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Cannot read folder {0}: {1}")),
    _M(
        QT_TRANSLATE_NOOP("CoreMessages", "Cannot read {0}: it is {1}, not a text table."),
        phrases=(1,),
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Cannot read {0}: {1}"), phrases=(1,)),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Read {0} as {1} {2} {3}, quotes taken literally; text column "
            "'{4}', label column '{5}'.",
        ),
        phrases=(1, 2, 3),
        pattern=r"Read (.+?) as (.+) (\S+-separated|TSV|CSV) (with a header|without a header), "
        r"quotes taken literally; text column '(.*)', label column '(.*)'\.",
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Read {0} as {1} {2} {3}; text column '{4}', label column '{5}'.",
        ),
        phrases=(1, 2, 3),
        pattern=r"Read (.+?) as (.+) (\S+-separated|TSV|CSV) (with a header|without a header); "
        r"text column '(.*)', label column '(.*)'\.",
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Read {0} as one sub-folder of .txt files per class.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "No column looks like labels (50 or fewer distinct values); guessed '{0}': "
            "choose the label column if wrong.",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Kept the splits of {0}.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "No validation file: {0} of train set aside for it.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "Skipped {0} row(s) or file(s); see the list of skipped items."
        )
    ),
    # inference.py: models that are refused
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is a folder, not a model file: {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Model file not found: {0}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is an empty file (0 bytes), not a model.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0}: {1} GB is larger than any model this app makes (the limit is {2} GB).",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is not a valid ONNX model ({1}).")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0} was not exported by Classifier Studio (its metadata has no labels).",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0} uses model format {1}, newer than this app understands."
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: damaged metadata, it does not say its task.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0}: unknown task {1} in its metadata (this app classifies {2}).",
        ),
        phrases=(2,),
    ),
    _M(
        QT_TRANSLATE_NOOP("CoreMessages", "{0}: damaged metadata, its labels cannot be read ({1}).")
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0}: damaged metadata, its labels are not a list of names."
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0}: its input is {1} {2}, not the uint8 images (batch, height, width, 3) "
            "its metadata promises.",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: its inputs are not the token ids of a text model.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0}: its metadata names {1} labels but the model has {2} outputs."
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: its tokenizer cannot be read ({1}).")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} classifies {1}, not {2}."), phrases=(1, 2)),
    # project.py: creating, opening and editing a project
    _M(QT_TRANSLATE_NOOP("CoreMessages", "There is already a project in {0}.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is not empty; choose an empty or new folder.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Cannot create {0}: {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "No project in {0} ({1} not found).")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is not a Classifier Studio project.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} has an unknown project format ({1}).")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "{0} was saved by a newer version of Classifier Studio (project format {1}; "
            "this version reads up to {2}). Update the app to open it.",
        )
    ),
    # before the general "{0} is damaged: {1}" (training/results.py)
    _M(QT_TRANSLATE_NOOP("CoreMessages", "The project in {0} is damaged: {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "A class needs a name.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "There is already a class called '{0}'.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "No class called '{0}'.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "No training run '{0}' in this project.")),
    # training/: refused data, unreadable runs, models not built
    _M(
        QT_TRANSLATE_NOOP("CoreMessages", "The '{0}' model is for {1} data, not {2}."),
        phrases=(1, 2),
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Training needs at least two classes with usable images in the training set "
            "(found: none). Add a sub-folder of images for each class.",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Training needs at least two classes with usable images in the training set "
            "(found: {0}). Add a sub-folder of images for each class.",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Training needs at least two classes with usable texts in the training set "
            "(found: none). Give each class some example texts.",
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "Training needs at least two classes with usable texts in the training set "
            "(found: {0}). Give each class some example texts.",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "These classes have no usable training images: {0}.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "These classes have no usable training texts: {0}.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: unknown format {1}.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0} is damaged: {1}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Unknown backbone '{0}'. Choose one of: {1}.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The '{0}' model is not built yet. Run: desktop-app models --build"
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The '{0}' tokenizer is not built yet. Run: desktop-app models --build"
        )
    ),
    # export.py and quantize.py: writing the model file
    _M(QT_TRANSLATE_NOOP("CoreMessages", "The model file must end in .onnx: {0}")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "The exported model disagrees with the trained one by {0} (> {1})."
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Cannot write {0}: {1}")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{0} is already quantized to INT8; quantize its float model."
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "{0}: unknown task {1} in its metadata.")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "This image model has no 'pixels' joint after its preprocessing."
        )
    ),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "No training images to calibrate the INT8 model on: give the images it was trained on.",
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "None of the calibration images could be read.")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Quantization failed: {0}"), phrases=(0,)),
)

# Parts of messages (what a system file is, what a file really holds…): translated only where
# a message marks a part as a phrase, never as a whole reason.
PHRASES: tuple[_Message, ...] = (
    _M(QT_TRANSLATE_NOOP("CoreMessages", "an image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "macOS folder settings")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "macOS folder name translations")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "macOS folder icon")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "macOS extra data for {0}")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Windows thumbnail cache")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "Windows folder settings")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "KDE folder settings")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a {0} file")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "unrecognised content")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a PNG image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a JPEG image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a GIF image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "a PDF document")),
    _M(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "an Excel workbook or another ZIP archive (save it as CSV)"
        )
    ),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "an old Excel or Office file (save it as CSV)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "binary data")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "UTF-8 (with BOM)")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "semicolon-separated")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "pipe-separated")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "with a header")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "without a header")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "image")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "text")),
    _M(QT_TRANSLATE_NOOP("CoreMessages", "image or text")),
)

# "<error>. N files were skipped: a.jpg: why; b.png: why; and 3 more." (dataset._skipped_summary)
_SUMMARY = re.compile(r"(.*?) (\d+) files were skipped: (.*)\.", re.DOTALL)
_SUMMARY_TEXT = QT_TRANSLATE_NOOP("CoreMessages", "{0} files were skipped: {1}.")
_AND_MORE = re.compile(r"and (\d+) more")
_AND_MORE_TEXT = QT_TRANSLATE_NOOP("CoreMessages", "and {0} more")


@cache
def _regex(message: _Message) -> re.Pattern[str]:
    """The template with each `{n}` as a group (`(?P<pn>…)`), literal everywhere else."""
    if message.pattern is not None:
        return re.compile(message.pattern, re.DOTALL)
    parts = re.split(r"\{(\d+)\}", message.template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<p{part}>.+?)" for i, part in enumerate(parts)
    )
    return re.compile(regex, re.DOTALL)


def _match(text: str, table: tuple[_Message, ...]) -> str | None:
    """`text` translated by the first template in `table` that matches all of it, or None."""
    for message in table:
        found = _regex(message).fullmatch(text)
        if found is None:
            continue
        values = found.groupdict() if message.pattern is None else None
        count = len(re.findall(r"\{\d+\}", message.template))
        args = [values[f"p{i}"] if values is not None else found.group(i + 1) for i in range(count)]
        args = [_phrase(arg) if i in message.phrases else arg for i, arg in enumerate(args)]
        return QCoreApplication.translate(CONTEXT, message.template).format(*args)
    return None


def _phrase(text: str) -> str:
    """A part of a message: a known phrase, or a whole message nested in another one."""
    return _match(text, PHRASES) or _match(text, MESSAGES) or text


def _summary(head: str, count: str, listing: str) -> str:
    """An error followed by the files it skipped, each "name: reason", joined with "; "."""
    first = _match(head, MESSAGES) or head
    entries: list[str] = []
    for part in listing.split("; "):
        # a reason may itself hold "; ": glue parts together until the reason is a known one
        if entries and not _reason_known(entries[-1]):
            entries[-1] += "; " + part
        else:
            entries.append(part)
    shown = []
    for entry in entries:
        more = _AND_MORE.fullmatch(entry)
        if more:
            shown.append(QCoreApplication.translate(CONTEXT, _AND_MORE_TEXT).format(more[1]))
            continue
        name, separator, reason = entry.partition(": ")
        shown.append(name + separator + (_match(reason, MESSAGES) or reason))
    rest = QCoreApplication.translate(CONTEXT, _SUMMARY_TEXT).format(count, "; ".join(shown))
    return f"{first} {rest}"


def _reason_known(entry: str) -> bool:
    return _match(entry.partition(": ")[2], MESSAGES) is not None


def _translate_line(line: str) -> str:
    translated = _match(line, MESSAGES)
    if translated is not None:
        return translated
    summary = _SUMMARY.fullmatch(line)
    if summary:
        return _summary(*summary.groups())
    return line


def translate_reason(text: str) -> str:
    """`text` from core (a skip reason, a note, an error) in the user's language; each line on
    its own. Unknown text comes back unchanged."""
    return "\n".join(_translate_line(line) for line in text.split("\n"))
