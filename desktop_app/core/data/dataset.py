"""`Dataset`: items (image paths, later texts) with labels and a train/val/test split.

Import never stops at a bad item: it returns the good ones plus `Skipped(path, reason)` entries.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.data.images import check_supported, looks_like_image
from desktop_app.core.errors import CoreError, Phrase

SPLITS = ("train", "val", "test")
SPLIT_FOLDER_NAMES = {
    "train": "train",
    "training": "train",
    "val": "val",
    "valid": "val",
    "validation": "val",
    "dev": "val",
    "test": "test",
    "testing": "test",
}
# Files that operating systems leave in folders, and what they are (named in the skipped list).
SYSTEM_FILES = {
    ".ds_store": Phrase("phrase.macos_settings"),
    ".localized": Phrase("phrase.macos_names"),
    "icon\r": Phrase("phrase.macos_icon"),
    "thumbs.db": Phrase("phrase.windows_thumbnails"),
    "ehthumbs.db": Phrase("phrase.windows_thumbnails"),
    "desktop.ini": Phrase("phrase.windows_settings"),
    ".directory": Phrase("phrase.kde_settings"),
}
AN_IMAGE, A_TEXT = Phrase("phrase.an_image"), Phrase("phrase.a_text")
# Folders never looked into, silently: hidden ones (.git, .thumbnails) and macOS zip metadata.
IGNORED_FOLDERS = frozenset({"__macosx"})
# How the reasons for junk (files that are no images at all) begin: listed, never a problem.
JUNK_REASONS = ("system file,", "hidden file,", "not an image (")


class DatasetError(CoreError, ValueError):
    """The data cannot be used at all (no classes, unreadable folder…); the message says why."""


@dataclass(frozen=True)
class Skipped:
    """One item left out of a dataset, with the reason a person can act on: `reason` in
    English (CLI, project files), `key`/`params` for the window ("" for reasons from old files)."""

    path: str
    reason: str
    key: str = ""
    params: tuple[Any, ...] = ()

    @classmethod
    def because(cls, path: str, why: Phrase) -> Skipped:
        """`path` skipped for the keyed reason `why`."""
        return cls(path, str(why), why.key, why.params)

    @property
    def phrase(self) -> Phrase | None:
        """The reason as a keyed phrase, or None for a reason read from an old file."""
        return Phrase(self.key, self.params) if self.key else None


def skipped_to_json(skipped: Sequence[Skipped]) -> dict[str, list[Any]]:
    """For a project or result file: "skipped" as `[path, reason]` pairs (what every version
    reads) and "skipped_keys" beside it, the keyed reasons (None for a reason without one)."""
    return {
        "skipped": [[s.path, s.reason] for s in skipped],
        "skipped_keys": [s.phrase.to_json() if s.phrase else None for s in skipped],
    }


def skipped_from_json(data: dict[str, Any]) -> list[Skipped]:
    """What `skipped_to_json` wrote; files from before keyed reasons have no "skipped_keys"."""
    pairs = data.get("skipped", [])
    keys = data.get("skipped_keys") or [None] * len(pairs)
    found = []
    for (path, reason), key in zip(pairs, keys, strict=False):
        phrase = Phrase.from_json(key)
        params = () if phrase is None else phrase.params
        found.append(Skipped(str(path), str(reason), phrase.key if phrase else "", params))
    return found


@dataclass(frozen=True)
class Dataset:
    """Items with integer labels into `classes` and a split name per item."""

    task: str
    classes: tuple[str, ...]
    items: tuple[str, ...]
    labels: tuple[int, ...]
    splits: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()
    root: str | None = None
    split_source: str = "generated"  # "folders": kept from the data; "generated": seeded split
    notes: tuple[Phrase, ...] = field(default=())
    # Groups of items with the same bytes in different classes (both kept; the user decides).
    duplicates: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if not (len(self.items) == len(self.labels) == len(self.splits)):
            raise DatasetError("dataset.length_mismatch", "items, labels and splits")

    def __len__(self) -> int:
        return len(self.items)

    def indices(self, split: str) -> np.ndarray:
        return np.flatnonzero(np.asarray(self.splits) == split)

    def has_split(self, split: str) -> bool:
        return split in self.splits

    def counts(self, split: str | None = None) -> dict[str, int]:
        """Items per class (in one split, or in all)."""
        counts = dict.fromkeys(self.classes, 0)
        for label, item_split in zip(self.labels, self.splits, strict=True):
            if split is None or item_split == split:
                counts[self.classes[label]] += 1
        return counts

    def drop(self, positions: Iterable[int], skipped: Iterable[Skipped] = ()) -> Dataset:
        """A copy without the items at `positions` (e.g. files that failed to decode)."""
        gone = set(positions)
        keep = [i for i in range(len(self)) if i not in gone]
        return replace(
            self,
            items=tuple(self.items[i] for i in keep),
            labels=tuple(self.labels[i] for i in keep),
            splits=tuple(self.splits[i] for i in keep),
            skipped=self.skipped + tuple(skipped),
        )


def natural_key(text: str) -> list[object]:
    """Sort "class2" before "class10" and ignore case."""
    return [int(part) if part.isdecimal() else part.lower() for part in re.split(r"(\d+)", text)]


def stratified_split(
    labels: Sequence[int], val_fraction: float = 0.2, seed: int = 0
) -> tuple[str, ...]:
    """Seeded train/val split per class; every class with two or more items lands in both."""
    if not 0.0 <= val_fraction < 1.0:
        raise DatasetError("dataset.bad_fraction")
    rng = np.random.default_rng(seed)
    labels_array = np.asarray(labels)
    splits = np.full(len(labels_array), "train", dtype=object)
    for label in np.unique(labels_array):
        members = np.flatnonzero(labels_array == label)
        rng.shuffle(members)
        n_val = round(len(members) * val_fraction)
        if val_fraction > 0 and len(members) >= 2:
            n_val = min(max(n_val, 1), len(members) - 1)
        splits[members[:n_val]] = "val"
    return tuple(str(s) for s in splits)


def carve_validation(
    splits: list[str], labels: Sequence[int], val_fraction: float, seed: int
) -> bool:
    """Kept splits without a "val" one: set a stratified, seeded share of train aside for
    validation (in place; test stays untouched). True if it did."""
    if "val" in splits:
        return False
    train_pos = [i for i, s in enumerate(splits) if s == "train"]
    carved = stratified_split([labels[i] for i in train_pos], val_fraction, seed)
    for pos, new_split in zip(train_pos, carved, strict=True):
        splits[pos] = new_split
    return True


def _is_ignored_folder(name: str) -> bool:
    return name.startswith(".") or name.lower() in IGNORED_FOLDERS


def junk_reason(name: str, item: Phrase = AN_IMAGE) -> Phrase | None:
    """Why a file is junk by its name alone (a system or hidden file), or None.
    `item`: what the folder should hold (`AN_IMAGE`, `A_TEXT`)."""
    what = SYSTEM_FILES.get(name.lower())
    if what:
        return Phrase("dataset.system_file", (item, what))
    if name.startswith("._"):
        return Phrase("dataset.system_file", (item, Phrase("phrase.macos_extra", (name[2:],))))
    if name.startswith("."):
        return Phrase("dataset.hidden_file")
    return None


def is_junk(skipped: Skipped) -> bool:
    """True for a skipped file that is no image at all (nothing the user needs to fix)."""
    return skipped.reason.startswith(JUNK_REASONS)


def _not_an_image(path: Path) -> Phrase:
    suffix = path.suffix.lower()
    kind = Phrase("phrase.a_file_of_type", (suffix,)) if suffix else Phrase("phrase.unrecognised")
    return Phrase("dataset.not_an_image", (kind,))


def _list_subdirs(folder: Path) -> list[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError as error:
        raise DatasetError("dataset.cannot_read_folder", folder, error.strerror or error) from error
    return sorted(
        (
            Path(e.path)
            for e in entries
            if e.is_dir(follow_symlinks=False) and not _is_ignored_folder(e.name)
        ),
        key=lambda p: natural_key(p.name),
    )


def _walk_files(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """Every file below `folder` outside hidden folders, in a stable order; never follows
    directory links."""
    found: list[Path] = []

    def on_error(error: OSError) -> None:
        skipped.append(
            Skipped.because(
                str(error.filename or folder),
                Phrase("dataset.cannot_read", (error.strerror or str(error),)),
            )
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _is_ignored_folder(d))
        found.extend(Path(dirpath) / name for name in sorted(filenames, key=natural_key))
    return found


def _triage(path: Path, skipped: list[Skipped]) -> bool:
    """True if `path` is a usable-looking image; anything else is listed in `skipped` with why
    (junk such as `.DS_Store` too: listed, never an error)."""
    reason = junk_reason(path.name)
    if reason:
        skipped.append(Skipped.because(str(path), reason))
        return False
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a named pipe would block `open` forever
            skipped.append(Skipped.because(str(path), Phrase("dataset.not_regular_file")))
            return False
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as error:
        why = Phrase("image.cannot_read_file", (error.strerror or str(error),))
        skipped.append(Skipped.because(str(path), why))
        return False
    if not looks_like_image(path, head):
        skipped.append(Skipped.because(str(path), _not_an_image(path)))
        return False
    reason = check_supported(path, head)
    if reason:
        skipped.append(Skipped.because(str(path), reason))
        return False
    return True


def _loose_file_reason(path: Path) -> Phrase:
    """Why a file beside the class folders (not in one) is not used."""
    reason = junk_reason(path.name)
    if reason:
        return reason
    if looks_like_image(path, b"") or _triage(path, []):
        return Phrase("dataset.not_in_class_folder")
    return _not_an_image(path)


def _cross_class_duplicates(files: Sequence[tuple[str, Path]]) -> tuple[tuple[str, ...], ...]:
    """Groups of files whose exact bytes are in more than one class (contradictory labels).

    Only files whose size matches one in another class are read, so a normal folder costs one
    `stat` per file.
    """
    by_size: dict[int, list[tuple[str, Path]]] = {}
    for label, path in files:
        try:
            by_size.setdefault(path.stat().st_size, []).append((label, path))
        except OSError:
            continue
    groups: list[tuple[str, ...]] = []
    for group in by_size.values():
        if len({label for label, _ in group}) < 2:
            continue
        by_content: dict[bytes, list[tuple[str, Path]]] = {}
        for label, path in group:
            try:
                digest = hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
            except OSError:
                continue
            by_content.setdefault(digest, []).append((label, path))
        groups.extend(
            tuple(str(path) for _, path in copies)
            for copies in by_content.values()
            if len({label for label, _ in copies}) > 1
        )
    return tuple(groups)


def duplicate_warnings(dataset: Dataset) -> list[Phrase]:
    """One line per image that is in two classes, naming every copy and its class."""
    label_of = dict(zip(dataset.items, dataset.labels, strict=True))
    return [
        Phrase(
            "dataset.duplicate",
            (" = ".join(f"{path} ('{dataset.classes[label_of[path]]}')" for path in group),),
        )
        for group in dataset.duplicates
    ]


# Characters that change a name without changing how it looks: combining marks (an "é" written
# as "e" + U+0301), zero-width and other format characters, control characters, odd spaces.
_UNSEEN_CATEGORIES = frozenset({"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"})


def _appearance(name: str) -> str:
    """What a class name looks like: compatibility-normalised (NFKC), format characters such
    as the zero-width space dropped, runs of spaces as one."""
    folded = unicodedata.normalize("NFKC", name)
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return " ".join(folded.split())


def shown_name(name: str) -> str:
    """A class name quoted, with the characters one cannot see written as code points:
    'cafe\\u0301', 'dog\\u200b'."""
    return (
        "'"
        + "".join(
            f"\\u{ord(ch):04x}"
            if ch != " " and unicodedata.category(ch) in _UNSEEN_CATEGORIES
            else ch
            for ch in name
        )
        + "'"
    )


def lookalike_classes(
    classes: Sequence[str], among: Iterable[str] | None = None
) -> list[tuple[str, ...]]:
    """Groups of different class names that look the same ("café" in NFC and NFD, "dog" and
    "dog" + a zero-width space): each is trained as a class of its own, which the user almost
    never means. `among`: only groups holding one of these names (the ones just imported)."""
    by_look: dict[str, list[str]] = {}
    for name in dict.fromkeys(classes):
        by_look.setdefault(_appearance(name), []).append(name)
    wanted = None if among is None else set(among)
    return [
        tuple(names)
        for names in by_look.values()
        if len(names) > 1 and (wanted is None or wanted.intersection(names))
    ]


def lookalike_warnings(classes: Sequence[str], among: Iterable[str] | None = None) -> list[Phrase]:
    """One warning per group of look-alike class names (see `lookalike_classes`), naming each."""
    return [
        Phrase("dataset.lookalike_classes", (" = ".join(shown_name(n) for n in group),))
        for group in lookalike_classes(classes, among)
    ]


def _skipped_summary(skipped: Sequence[Skipped], shown: int = 5) -> Phrase | str:
    """ " N files were skipped: a: why; b: why …" for an error that would otherwise hide them
    ("" when none were). Real problems come first; junk (`.DS_Store`…) last."""
    if not skipped:
        return ""
    skipped = sorted(skipped, key=is_junk)
    entries: list[Phrase] = [
        Phrase("dataset.skipped_entry", (Path(s.path).name, s.phrase or s.reason))
        for s in skipped[:shown]
    ]
    if len(skipped) > shown:
        entries.append(Phrase("dataset.and_more", (len(skipped) - shown,)))
    return Phrase("dataset.skipped_summary", (len(skipped), tuple(entries)))


def _find_data_root(root: Path) -> Path:
    """Step into a lone wrapper folder (e.g. `sign-language-digits/Dataset/<class>/`)."""
    current = root
    for _ in range(3):
        subdirs = _list_subdirs(current)
        with os.scandir(current) as entries:  # closed even when any() stops early
            has_files = any(
                entry.is_file() and looks_like_image(Path(entry.path), b"") for entry in entries
            )
        if len(subdirs) == 1 and not has_files and _list_subdirs(subdirs[0]):
            if subdirs[0].name.lower() in SPLIT_FOLDER_NAMES:
                break
            current = subdirs[0]
        else:
            break
    return current


def scan_image_folder(
    root: str | os.PathLike[str], val_fraction: float = 0.2, seed: int = 0
) -> Dataset:
    """Import a folder with one sub-folder per class, or train/val/test folders of class folders.

    Existing splits are kept; a missing validation split is carved from train (stratified,
    seeded), so a kept test split stays untouched for the final evaluation.
    """
    root = Path(root)
    if not root.exists():
        raise DatasetError("dataset.folder_not_found", root)
    if not root.is_dir():
        raise DatasetError("dataset.not_a_folder", root)
    data_root = _find_data_root(root)
    skipped: list[Skipped] = []
    subdirs = _list_subdirs(data_root)
    split_dirs = {
        d: SPLIT_FOLDER_NAMES[d.name.lower()]
        for d in subdirs
        if d.name.lower() in SPLIT_FOLDER_NAMES
    }
    uses_split_folders = "train" in split_dirs.values()

    # (split or None, class folder, files)
    groups: list[tuple[str | None, Path, list[Path]]] = []
    loose_dirs = [data_root]  # folders whose own image files are in no class folder
    if uses_split_folders:
        for directory in subdirs:
            if directory not in split_dirs:
                skipped.append(Skipped.because(str(directory), Phrase("dataset.not_split_folder")))
                continue
            loose_dirs.append(directory)
            for class_dir in _list_subdirs(directory):
                groups.append((split_dirs[directory], class_dir, _walk_files(class_dir, skipped)))
    else:
        for class_dir in subdirs:
            groups.append((None, class_dir, _walk_files(class_dir, skipped)))
    for folder in loose_dirs:
        for entry in sorted(os.scandir(folder), key=lambda e: natural_key(e.name)):
            if entry.is_file():
                skipped.append(Skipped.because(entry.path, _loose_file_reason(Path(entry.path))))

    usable: list[tuple[str | None, str, Path]] = []
    for split, class_dir, files in groups:
        good = [f for f in files if _triage(f, skipped)]
        if not good:
            skipped.append(Skipped.because(str(class_dir), Phrase("dataset.no_usable_images")))
        usable.extend((split, class_dir.name, f) for f in good)

    duplicates = _cross_class_duplicates([(c, f) for _, c, f in usable])
    classes = tuple(sorted({c for _, c, _ in usable}, key=natural_key))
    if not classes:
        raise DatasetError("dataset.no_images", root, _skipped_summary(skipped))
    index = {name: i for i, name in enumerate(classes)}
    items = tuple(str(f) for _, _, f in usable)
    labels = tuple(index[c] for _, c, _ in usable)
    notes: list[Phrase] = []
    if uses_split_folders:
        splits = [s or "train" for s, _, _ in usable]
        if carve_validation(splits, labels, val_fraction, seed):
            notes.append(Phrase("dataset.val_carved", (f"{val_fraction:.0%}",)))
        split_source = "folders"
    else:
        splits = list(stratified_split(labels, val_fraction, seed))
        split_source = "generated"
    return Dataset(
        task="image",
        classes=classes,
        items=items,
        labels=labels,
        splits=tuple(splits),
        skipped=tuple(skipped),
        root=str(root),
        split_source=split_source,
        notes=tuple(notes),
        duplicates=duplicates,
    )


def dataset_from_files(
    paths: Sequence[str | os.PathLike[str]],
    labels: Sequence[str],
    val_fraction: float = 0.2,
    seed: int = 0,
) -> Dataset:
    """Loose image files with a label each (drag-and-drop): the same checks, a seeded split."""
    if len(paths) != len(labels):
        raise DatasetError("dataset.length_mismatch", "paths and labels")
    skipped: list[Skipped] = []
    kept: list[tuple[Path, str]] = []
    for raw_path, label in zip(paths, labels, strict=True):
        path = Path(raw_path)
        if not path.is_file():
            skipped.append(Skipped.because(str(path), Phrase("dataset.file_not_found")))
        elif not str(label).strip():
            skipped.append(Skipped.because(str(path), Phrase("dataset.no_label")))
        elif _triage(path, skipped):
            kept.append((path, str(label).strip()))
        elif not any(s.path == str(path) for s in skipped):
            skipped.append(Skipped.because(str(path), Phrase("dataset.not_an_image_file")))
    classes = tuple(sorted({label for _, label in kept}, key=natural_key))
    if not classes:
        raise DatasetError("dataset.no_usable_files", _skipped_summary(skipped))
    index = {name: i for i, name in enumerate(classes)}
    label_ids = tuple(index[label] for _, label in kept)
    return Dataset(
        task="image",
        classes=classes,
        items=tuple(str(p) for p, _ in kept),
        labels=label_ids,
        splits=stratified_split(label_ids, val_fraction, seed),
        skipped=tuple(skipped),
    )
