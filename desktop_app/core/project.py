"""A project: a folder holding the data references, labels, training runs and exports.

```
<project>/project.json     name, task, format, settings, runs, exports (written last)
<project>/dataset.json     classes and items (path, label, split), skipped files with reasons
<project>/runs/<id>/       result.json + head.onnx + head_state.npz of a finished run
```
Every write is atomic; a run that was still running when the app died reopens as
"interrupted" (or "finished", if its result had been fully saved), and the temp files of writes
a crash cut short are removed once they are stale. Files from a newer format are refused.

One writer at a time: opening a project to change it takes its lock (`core/project_lock.py`);
a project open elsewhere, on a read-only folder or on a full disk is viewed read-only
(`Project.read_only` says why), and its saves are refused with that sentence.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app.core.data.dataset import (
    Dataset,
    Skipped,
    natural_key,
    skipped_to_json,
)
from desktop_app.core.errors import Phrase
from desktop_app.core.fileio import atomic_write_json, remove_stale_temp_files
from desktop_app.core.paths import user_data_dir
from desktop_app.core.project_lock import (
    DISK_FULL_ERRNOS,
    LOCK_FILE,
    READ_ONLY_ERRNOS,
    LockHeld,
    LockHolder,
    ProjectLock,
    acquire_project_lock,
)
from desktop_app.core.project_schema import (
    RUN_STATUSES,
    Problems,
    ProjectError,
    check_dataset,
    check_meta,
    read_project_file,
)
from desktop_app.core.project_schema import run_folder as checked_run_folder

PROJECT_FORMAT = 1
PROJECT_FILE = "project.json"
DATASET_FILE = "dataset.json"


class ProjectLockedError(ProjectError):
    """The project is open to be changed elsewhere; `holder` says by whom (None: unknown)."""

    def __init__(self, key: str | Phrase, *params: Any) -> None:
        super().__init__(key, *params)
        self.holder: LockHolder | None = None


class ProjectReadOnlyError(ProjectError):
    """A change to a project that cannot be saved: opened read-only, a read-only folder or a
    full disk (the key says which)."""


@dataclass
class RunInfo:
    """One training run as the project lists it."""

    id: str
    status: str
    started: str
    config: dict[str, Any]
    summary: dict[str, Any] = field(default_factory=dict)
    message: str = ""
    message_phrase: dict[str, Any] | None = None  # `message` keyed (`Phrase.to_json`), if core's

    def set_message(self, message: Phrase) -> None:
        """A message core writes: the English text plus its key, for the window."""
        self.message, self.message_phrase = str(message), message.to_json()


@dataclass
class Item:
    label: str
    split: str


@dataclass(frozen=True)
class TextMerge:
    """What `Project.merge_texts` did: texts added, identical texts merged, label conflicts."""

    added: int
    merged: int
    conflicts: int
    skipped: int  # rows the importer could not use


def _text_excerpt(text: str, limit: int = 80) -> str:
    """A text as the skipped list names it: one line, at most `limit` characters, quoted."""
    line = " ".join(text.split())
    return f"“{line[: limit - 1]}…”" if len(line) > limit else f"“{line}”"


def default_projects_dir() -> Path:
    return user_data_dir() / "projects"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _safe_folder_name(name: str) -> str:
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', "_", name).strip(" .")
    return cleaned or "project"


class Project:
    """Mutable on the thread that owns it (the GUI thread); every change is followed by `save()`."""

    def __init__(self, folder: Path, name: str, task: str) -> None:
        self.folder = Path(folder)
        self.name = name
        self.task = task
        self.created = _now()
        self.classes: list[str] = []
        self.items: dict[str, Item] = {}
        self.skipped: list[Skipped] = []
        self.sources: list[str] = []
        self.settings: dict[str, Any] = {}
        self.runs: list[RunInfo] = []
        self.exports: list[dict[str, Any]] = []
        # data health findings (their ids) the user chose to keep: not shown again
        self.kept_findings: list[str] = []
        # What the project files said that could not be used (checked on open: file, field,
        # what was done instead); the window shows them once.
        self.problems: list[Phrase] = []
        # None: this project may be changed (it holds its lock); else why it is read-only
        self.read_only: Phrase | None = None
        self._lock: ProjectLock | None = None

    # ----------------------------------------------------------------- create, open, save
    @classmethod
    def create(
        cls, folder: str | os.PathLike[str], name: str | None = None, task: str = "image"
    ) -> Project:
        folder = Path(folder)
        if (folder / PROJECT_FILE).exists():
            raise ProjectError("project.exists", folder)
        if folder.exists() and any(folder.iterdir()):
            raise ProjectError("project.not_empty", folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ProjectError("project.cannot_create", folder, error.strerror or error) from error
        project = cls(folder, name or folder.name, task)
        project._lock, _ = _take_lock(folder, read_only=False)
        try:
            project.save()
        except ProjectError as error:
            project.close()
            reason = getattr(error.__cause__, "strerror", None) or error.__cause__ or error
            raise ProjectError("project.cannot_create", folder, reason) from error
        return project

    @classmethod
    def create_in_default_location(cls, name: str, task: str = "image") -> Project:
        """A new folder under the user's projects folder, numbered if the name is taken."""
        base = default_projects_dir()
        stem = _safe_folder_name(name)
        folder = base / stem
        number = 2
        while folder.exists():
            folder = base / f"{stem} {number}"
            number += 1
        return cls.create(folder, name, task)

    @classmethod
    def open(cls, folder: str | os.PathLike[str], read_only: bool = False) -> Project:
        """Open a project to change it (taking its lock: `ProjectLockedError` if it is open for
        writing elsewhere), or `read_only` to view it; a folder that cannot be written opens
        read-only, with `read_only` saying so."""
        folder = Path(folder)
        if folder.name == PROJECT_FILE:
            folder = folder.parent
        path = folder / PROJECT_FILE
        lock_path = folder / LOCK_FILE
        lock_was_there = os.path.lexists(lock_path)
        lock, why = _take_lock(folder, read_only) if path.is_file() else (None, None)
        try:
            project = cls._load(folder, path)
        except BaseException:
            if lock is not None:
                lock.release()
                if not lock_was_there:  # a refused project keeps no trace of the attempt
                    with contextlib.suppress(OSError):
                        lock_path.unlink()
            raise
        project._lock, project.read_only = lock, why
        if project.read_only is None:  # the sole writer: what a crash left behind is stale
            if project._recover_runs():
                project.save()
            project._remove_stale_temp_files()
        return project

    @classmethod
    def _load(cls, folder: Path, path: Path) -> Project:
        try:
            meta = read_project_file(path)
        except FileNotFoundError as error:
            raise ProjectError("project.missing", folder, PROJECT_FILE) from error
        if not isinstance(meta, dict) or "format" not in meta:
            raise ProjectError("project.not_a_project", path)
        _check_format(path, meta["format"])
        problems = Problems()
        try:
            checked = check_meta(path, meta, problems)
            project = cls(folder, checked.name, checked.task)
            project.created = checked.created or project.created
            project.settings = checked.settings
            project.sources = checked.sources
            run_fields = {f.name for f in fields(RunInfo)}
            project.runs = [
                RunInfo(**{k: v for k, v in r.items() if k in run_fields}) for r in checked.runs
            ]
            project.exports = checked.exports
            project.kept_findings = checked.kept_findings
            data_path = folder / DATASET_FILE
            if data_path.exists():
                data = read_project_file(data_path)
                if isinstance(data, dict):
                    _check_format(data_path, data.get("format", PROJECT_FORMAT))
                dataset = check_dataset(data_path, data, problems, Item)
                project.classes = dataset.classes
                project.items = dataset.items
                project.skipped = dataset.skipped
        except ProjectError:
            raise
        except (AttributeError, KeyError, TypeError, ValueError, OSError) as error:
            raise ProjectError("project.damaged", folder, error) from error
        project._check_run_folders(problems)
        project.problems = problems.listed()
        return project

    @property
    def writable(self) -> bool:
        """Whether changes can be saved (False: `read_only` says why)."""
        return self.read_only is None

    def close(self) -> None:
        """Done with the project: its lock is released (nothing more may be saved)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        if self.read_only is None:
            self.read_only = Phrase("project.closed", (self.folder,))

    def check_writable(self) -> None:
        """Raise `ProjectReadOnlyError` (saying why) unless changes to this project can be saved."""
        why = self.read_only
        if why is not None:
            raise ProjectReadOnlyError(why)

    def _write_failed(self, error: OSError) -> ProjectError:
        """A save that the folder refused: read-only or full disks become read-only projects
        (one clear sentence), anything else names the file and the reason."""
        number = error.errno
        if number in READ_ONLY_ERRNOS or number in DISK_FULL_ERRNOS:
            key = "project.folder_read_only" if number in READ_ONLY_ERRNOS else "project.disk_full"
            why = self.read_only = Phrase(key, (self.folder,))
            return ProjectReadOnlyError(why)
        return ProjectError("project.cannot_save", self.folder, error.strerror or error)

    def _remove_stale_temp_files(self) -> None:
        """Temp files of writes that a crash cut short (the files they were for are intact)."""
        remove_stale_temp_files(self.folder)
        for run in self.runs:
            try:
                remove_stale_temp_files(self.run_folder(run.id))
            except ProjectError:
                continue  # a run folder leading out of the project: never touched

    def _check_run_folders(self, problems: Problems) -> None:
        """A run whose folder (or a file in it) is a link leading out of the project is named
        once here; `run_folder` refuses it wherever the app would read or write there."""
        for run in self.runs:
            try:
                self.run_folder(run.id)
            except ProjectError as error:
                problems.found.append(error.phrase)

    def _recover_runs(self) -> bool:
        """Runs left "running" by a crash: finished if their result was saved, else interrupted."""
        changed = False
        for run in self.runs:
            if run.status != "running":
                continue
            changed = True
            try:
                result_file = self.run_folder(run.id) / "result.json"
            except ProjectError:
                result_file = None
            if result_file is not None and result_file.exists():
                try:
                    result = self.load_result(run.id)
                except ValueError:
                    run.status = "interrupted"
                    run.set_message(Phrase("project.run_interrupted"))
                else:
                    run.status = "finished"
                    run.summary = _summary(result)
            else:
                run.status = "interrupted"
                run.set_message(Phrase("project.run_interrupted"))
        return changed

    def save(self) -> None:
        """dataset.json first, then project.json: each file is whole, old or new.

        Raises `ProjectReadOnlyError` when the project cannot be saved (read-only, full disk)."""
        self.check_writable()
        try:
            self._write()
        except OSError as error:
            raise self._write_failed(error) from error

    def _write(self) -> None:
        atomic_write_json(
            self.folder / DATASET_FILE,
            {
                "format": PROJECT_FORMAT,
                "classes": self.classes,
                "items": [[p, i.label, i.split] for p, i in self.items.items()],
                **skipped_to_json(self.skipped),
            },
        )
        atomic_write_json(
            self.folder / PROJECT_FILE,
            {
                "format": PROJECT_FORMAT,
                "app": "Classifier Studio",
                "name": self.name,
                "task": self.task,
                "created": self.created,
                "modified": _now(),
                "settings": self.settings,
                "sources": self.sources,
                "runs": [asdict(r) for r in self.runs],
                "exports": self.exports,
                "kept_findings": self.kept_findings,
            },
        )

    # ----------------------------------------------------------------- data
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self.classes, 0)
        for item in self.items.values():
            counts[item.label] = counts.get(item.label, 0) + 1
        return counts

    def split_counts(self) -> dict[str, int]:
        counts = {"train": 0, "val": 0, "test": 0}
        for item in self.items.values():
            counts[item.split] = counts.get(item.split, 0) + 1
        return counts

    def paths_of(self, label: str | None = None) -> list[str]:
        return [p for p, i in self.items.items() if label is None or i.label == label]

    def merge(self, dataset: Dataset) -> tuple[int, int]:
        """Add an imported dataset's items (splits kept); returns (added, already present)."""
        added = duplicates = 0
        for name in dataset.classes:
            if name not in self.classes:
                self.classes.append(name)
        for path, label, split in zip(dataset.items, dataset.labels, dataset.splits, strict=True):
            if path in self.items:
                duplicates += 1
                continue
            self.items[path] = Item(dataset.classes[label], split)
            added += 1
        known = {s.path for s in self.skipped}
        self.skipped.extend(s for s in dataset.skipped if s.path not in known)
        if dataset.root and dataset.root not in self.sources:
            self.sources.append(dataset.root)
        return added, duplicates

    def merge_texts(self, dataset: Dataset) -> TextMerge:
        """Add an imported text dataset; items are keyed by the text itself.

        Identical texts with the same label become one item (`merged` counts them); identical
        texts with different labels keep the first label and are listed in `skipped`.
        """
        for name in dataset.classes:
            if name not in self.classes:
                self.classes.append(name)
        added = merged = 0
        conflicts: list[Skipped] = []
        for text, label, split in zip(dataset.items, dataset.labels, dataset.splits, strict=True):
            name = dataset.classes[label]
            item = self.items.get(text)
            if item is None:
                self.items[text] = Item(name, split)
                added += 1
            elif item.label == name:
                merged += 1
            else:
                why = Phrase("text.conflict", (item.label, name))
                conflicts.append(Skipped.because(_text_excerpt(text), why))
        known = {(s.path, s.reason) for s in self.skipped}
        for skipped in (*dataset.skipped, *conflicts):
            if (skipped.path, skipped.reason) not in known:
                known.add((skipped.path, skipped.reason))
                self.skipped.append(skipped)
        if dataset.root and dataset.root not in self.sources:
            self.sources.append(dataset.root)
        return TextMerge(added, merged, len(conflicts), len(dataset.skipped))

    def add_class(self, name: str) -> str:
        name = name.strip()
        if not name:
            raise ProjectError("project.class_needs_name")
        if name in self.classes:
            raise ProjectError("project.class_exists", name)
        self.classes.append(name)
        return name

    def rename_class(self, old: str, new: str) -> None:
        new = new.strip()
        if old not in self.classes:
            raise ProjectError("project.no_class", old)
        if not new:
            raise ProjectError("project.class_needs_name")
        if new == old:
            return
        if new in self.classes:
            raise ProjectError("project.class_exists", new)
        self.classes[self.classes.index(old)] = new
        for item in self.items.values():
            if item.label == old:
                item.label = new

    def delete_class(self, name: str) -> int:
        """Remove a class and its items from the project (files on disk are never touched)."""
        if name not in self.classes:
            raise ProjectError("project.no_class", name)
        self.classes.remove(name)
        doomed = [p for p, i in self.items.items() if i.label == name]
        for path in doomed:
            del self.items[path]
        return len(doomed)

    def move_items(self, paths: Iterable[str], label: str) -> int:
        if label not in self.classes:
            raise ProjectError("project.no_class", label)
        moved = 0
        for path in paths:
            item = self.items.get(path)
            if item is not None and item.label != label:
                item.label = label
                moved += 1
        return moved

    def remove_items(self, paths: Iterable[str]) -> int:
        removed = 0
        for path in paths:
            if self.items.pop(path, None) is not None:
                removed += 1
        return removed

    def keep_finding(self, finding_id: str) -> None:
        """Remember a data health finding the user keeps as it is (not shown again)."""
        if finding_id not in self.kept_findings:
            self.kept_findings.append(finding_id)

    def dataset(self) -> Dataset:
        """The project's data as the engine sees it (classes without items are left out)."""
        counts = self.counts()
        classes = tuple(c for c in self.classes if counts.get(c, 0) > 0)
        index = {c: i for i, c in enumerate(classes)}
        paths = list(self.items)
        return Dataset(
            task=self.task,
            classes=classes,
            items=tuple(paths),
            labels=tuple(index[self.items[p].label] for p in paths),
            splits=tuple(self.items[p].split for p in paths),
            skipped=tuple(self.skipped),
            root=str(self.folder),
            split_source="project",
        )

    # ----------------------------------------------------------------- runs
    def run_folder(self, run_id: str) -> Path:
        """`runs/<run_id>`; ProjectError for an id that is not `run-NNNN` or a folder (or a file
        in it) that links out of the project: nothing outside the project is read or written."""
        return checked_run_folder(self.folder, run_id)

    def get_run(self, run_id: str) -> RunInfo:
        for run in self.runs:
            if run.id == run_id:
                return run
        raise ProjectError("project.no_run", run_id)

    def start_run(self, config: dict[str, Any]) -> RunInfo:
        """A new run, saved as "running"; its folder is made first, so no two runs (even of two
        processes) share an id. Nothing changes if it cannot be saved."""
        self.check_writable()
        run_id = self._new_run_folder()
        run = RunInfo(run_id, "running", _now(), dict(config))
        settings, self.settings = self.settings, dict(config)
        self.runs.append(run)
        try:
            self.save()
        except ProjectError:
            self.runs.remove(run)
            self.settings = settings
            _remove_empty_folder(self.run_folder(run_id))
            raise
        return run

    def _new_run_folder(self) -> str:
        """The next free `run-NNNN`: its folder is created here (mkdir fails if it exists, so two
        writers never get the same one)."""
        runs = self.folder / "runs"
        taken = [r.id for r in self.runs]
        try:
            taken += [entry.name for entry in os.scandir(runs)]
            runs.mkdir(exist_ok=True)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise self._write_failed(error) from error
        numbers = [int(m.group(1)) for t in taken if (m := re.fullmatch(r"run-(\d+)", t))]
        number = 1 + max(numbers, default=0)
        while True:
            run_id = f"run-{number:04d}"
            try:
                self.run_folder(run_id).mkdir(parents=True)
            except FileExistsError:
                number += 1
                continue
            except OSError as error:
                raise self._write_failed(error) from error
            return run_id

    def finish_run(self, run_id: str, result, files_saved: bool = False) -> RunInfo:
        """Record a finished run (`result`: its TrainResult) and write its files into its folder,
        unless `files_saved` (written already, e.g. by the window's worker thread: its folder is
        checked again here and must hold the result)."""
        from desktop_app.core.training.results import RESULT_FILE, save_result

        run = self.get_run(run_id)
        self.check_writable()
        folder = self.run_folder(run_id)
        if not (files_saved and (folder / RESULT_FILE).is_file()):
            try:
                save_result(result, folder)
            except OSError as error:
                raise self._write_failed(error) from error
        run.status = "finished"
        run.summary = _summary(result)
        self.save()
        return run

    def end_run(self, run_id: str, status: str, message: str = "") -> None:
        if status not in RUN_STATUSES:
            raise ValueError(status)
        run = self.get_run(run_id)
        run.status = status
        run.message, run.message_phrase = message, None
        self.save()

    def last_finished_run(self) -> RunInfo | None:
        for run in reversed(self.runs):
            if run.status == "finished":
                return run
        return None

    def best_finished_run(self) -> RunInfo | None:
        """The finished run with the highest eval-split accuracy (of equals, the newest): the
        model Predict and Export use unless the user picks another run."""
        best, best_accuracy = None, -1.0
        for run in self.runs:
            if run.status != "finished":
                continue
            accuracy = run.summary.get("accuracy")
            value = -1.0 if accuracy is None else float(accuracy)
            if best is None or value >= best_accuracy:
                best, best_accuracy = run, value
        return best

    def load_result(self, run_id: str):  # -> TrainResult
        from desktop_app.core.training.results import load_result

        return load_result(self.run_folder(run_id))

    def add_export(self, path: str, run_id: str) -> None:
        self.check_writable()
        self.exports.append({"path": str(path), "run": run_id, "created": _now()})
        self.save()


def _take_lock(folder: Path, read_only: bool) -> tuple[ProjectLock | None, Phrase | None]:
    """The project's lock and None, or no lock and why the project is read-only."""
    if read_only:
        return None, Phrase("project.opened_read_only", (folder,))
    try:
        lock = acquire_project_lock(folder)
    except LockHeld as held:
        who = held.holder.phrase if held.holder else Phrase("project.lock_unknown")
        error = ProjectLockedError("project.locked", folder, who)
        error.holder = held.holder
        raise error from None
    except OSError as error:
        if error.errno in DISK_FULL_ERRNOS:
            return None, Phrase("project.disk_full", (folder,))
        if error.errno in READ_ONLY_ERRNOS:
            return None, Phrase("project.folder_read_only", (folder,))
        path = folder / LOCK_FILE  # a folder, a link, a pipe… in its place: never written
        raise ProjectError("project.cannot_lock", path, error.strerror or error) from error
    if not os.access(folder, os.W_OK):  # e.g. a lock file left writable in a read-only folder
        lock.release()
        return None, Phrase("project.folder_read_only", (folder,))
    return lock, None


def _remove_empty_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or already gone: leave it
        folder.rmdir()


def _check_format(path: Path, version: object) -> None:
    """Refuse, with a message a user can act on, a file this version cannot read."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ProjectError("project.unknown_format", path, repr(version))
    if version > PROJECT_FORMAT:
        raise ProjectError("project.newer_format", path, version, PROJECT_FORMAT)


def _summary(result) -> dict[str, Any]:
    metrics = result.eval_metrics
    return {
        "backbone": result.backbone_id,
        "word_pieces": bool(result.config.word_pieces),
        "split": result.eval_split,
        "accuracy": None if metrics is None else round(metrics.accuracy, 6),
        "macro_f1": None if metrics is None else round(metrics.macro_f1, 6),
        "n_train": result.n_train,
        "n_eval": 0 if metrics is None else metrics.n,
        "epochs_run": result.epochs_run,
        "best_epoch": result.best_epoch,
        "seconds": round(result.seconds, 3),
        "classes": list(result.classes),
    }


def sorted_classes(names: Iterable[str]) -> list[str]:
    return sorted(names, key=natural_key)
