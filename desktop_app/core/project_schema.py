"""What a project's files may say, checked when a project is opened (a hand-written schema).

`project.json` and `dataset.json` are plain JSON a person can edit, so nothing read from them is
trusted: every field is checked for its type and values, and every run id for its form
(`run-0001`), before any folder is named after it. A run's folder, and the files core reads or
writes in it, must resolve to a place inside the project folder (no `..`, no absolute id, no link
leading out). What cannot be used is reported as a `Phrase` naming the file and the field
("…/dataset.json: "items[3]" must be [item, label, split]…; this item is left out.") and the
rest of the project stays usable; only a file whose whole content is unusable (not an object,
items not a list, an unknown task) refuses the project, because saving over it would lose data.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.core.data.dataset import Skipped, skipped_from_json
from desktop_app.core.errors import CoreError, Phrase, reason_of

RUN_STATUSES = ("running", "finished", "cancelled", "failed", "interrupted", "unreadable")
SPLITS = ("train", "val", "test")
RUN_ID = re.compile(r"run-[0-9]{4,9}")
# The files core reads or writes inside a run's folder (training/results.py and the export).
RUN_FILES = ("result.json", "head.onnx", "head_state.npz", "tokenizer.json", "model.onnx")
MAX_PROBLEMS = 20  # listed one by one; the rest are counted
MAX_NESTING = 16  # free-form values (a phrase's params, an unknown setting) nest no deeper


class ProjectError(CoreError, ValueError):
    """The project cannot be opened or changed as asked; the message says why."""


class TooDeepError(CoreError, ValueError):
    """A JSON file nested so deeply that reading it would exhaust the stack."""


# ----------------------------------------------------------------------------- reading


def _no_constants(name: str) -> None:
    """NaN and Infinity are not JSON: such a value reads as null (saving it would fail)."""
    return None


def read_json(path: Path) -> Any:
    """A project or run file's JSON; `RecursionError` (a file nested thousands of levels deep)
    becomes a `TooDeepError`, a `ValueError` like any other unreadable JSON."""
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise TooDeepError("schema.too_deep") from None


def read_project_file(path: Path) -> Any:
    """`read_json`, any failure but a missing file a ProjectError naming the file and why."""
    try:
        return read_json(path)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as error:
        raise ProjectError("project.cannot_read", path, reason_of(error)) from error


def found(value: Any, limit: int = 40) -> str:
    """A value as a problem names it: short JSON ("abc" quoted, [null, {}, 7]…)."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nested_within(value: Any, limit: int = MAX_NESTING) -> bool:
    """Whether a free-form value nests at most `limit` lists/objects deep: such values are
    walked recursively later (phrases, `asdict`), so a deeper one is left out on open."""
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        return True
    if limit <= 0:
        return False
    return all(nested_within(part, limit - 1) for part in value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


class Problems:
    """The problems found in one project's files: each a sentence naming the file and field."""

    def __init__(self) -> None:
        self.found: list[Phrase] = []

    def add(self, path: Path, problem: Phrase, consequence: Phrase) -> None:
        self.found.append(Phrase("project.file_problem", (str(path), problem, consequence)))

    def listed(self) -> list[Phrase]:
        """At most `MAX_PROBLEMS` of them, then how many more."""
        if len(self.found) <= MAX_PROBLEMS:
            return list(self.found)
        more = len(self.found) - MAX_PROBLEMS
        return [*self.found[:MAX_PROBLEMS], Phrase("dataset.and_more", (more,))]


# ----------------------------------------------------------------------------- project.json


@dataclass
class ProjectMeta:
    """What `project.json` says, checked: the values `Project.open` uses."""

    name: str
    task: str
    created: str | None
    settings: dict[str, Any]
    sources: list[str]
    runs: list[dict[str, Any]]  # RunInfo fields, each checked
    exports: list[dict[str, Any]]
    kept_findings: list[str] = field(default_factory=list)  # data health findings kept


def check_meta(path: Path, meta: dict[str, Any], problems: Problems) -> ProjectMeta:
    """`project.json` (already known to be an object of a readable format), field by field."""
    from desktop_app.core.tasks import task_names

    task = meta.get("task")
    if task not in task_names():
        known = Phrase("phrase.image_or_text")
        raise ProjectError("project.unknown_task", path, found(task), known)
    name = meta.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(path, Phrase("schema.not_text", ("name", found(name))), _IGNORED)
        name = path.parent.name
    created = meta.get("created")
    if created is not None and not isinstance(created, str):
        problems.add(path, Phrase("schema.not_text", ("created", found(created))), _IGNORED)
        created = None
    return ProjectMeta(
        name=name,
        task=task,
        created=created,
        settings=check_settings(path, "settings", meta.get("settings", {}), problems),
        sources=_texts(path, "sources", meta.get("sources", []), problems),
        runs=check_runs(path, meta.get("runs", []), problems),
        exports=_exports(path, meta.get("exports", []), problems),
        kept_findings=_texts(path, "kept_findings", meta.get("kept_findings", []), problems),
    )


_IGNORED = Phrase("schema.value_ignored")
_LEFT_OUT = Phrase("schema.entry_left_out")


def _texts(path: Path, key: str, value: Any, problems: Problems) -> list[str]:
    if not isinstance(value, list):
        problems.add(path, Phrase("schema.not_list", (key, found(value))), _IGNORED)
        return []
    kept = []
    for i, entry in enumerate(value):
        if isinstance(entry, str):
            kept.append(entry)
        else:
            problems.add(path, Phrase("schema.not_text", (f"{key}[{i}]", found(entry))), _LEFT_OUT)
    return kept


def _exports(path: Path, value: Any, problems: Problems) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        problems.add(path, Phrase("schema.not_list", ("exports", found(value))), _IGNORED)
        return []
    kept = []
    for i, entry in enumerate(value):
        if isinstance(entry, dict) and isinstance(entry.get("path"), str) and nested_within(entry):
            kept.append(entry)
        else:
            field = f"exports[{i}]"
            problems.add(path, Phrase("schema.wrong_value", (field, found(entry))), _LEFT_OUT)
    return kept


@cache
def _setting_types() -> dict[str, tuple[type, ...]]:
    """The JSON types each TrainConfig field accepts (from its annotation: "int | None"…)."""
    from desktop_app.core.training.config import TrainConfig

    names = {"int": (int,), "float": (int, float), "bool": (bool,), "str": (str,)}
    types: dict[str, tuple[type, ...]] = {}
    for f in fields(TrainConfig):
        allowed: tuple[type, ...] = ()
        for part in str(f.type).split("|"):
            part = part.strip()
            allowed += (type(None),) if part == "None" else names.get(part, ())
        if allowed:
            types[f.name] = allowed
    return types


def check_settings(path: Path, key: str, value: Any, problems: Problems) -> dict[str, Any]:
    """Training settings (the project's, or a run's config): each known setting has its type,
    else it is left out (the default is shown); unknown keys are kept for newer versions."""
    if not isinstance(value, dict):
        problems.add(path, Phrase("schema.not_object", (key, found(value))), _IGNORED)
        return {}
    types = _setting_types()
    kept = {}
    for name, setting in value.items():
        allowed = types.get(name)
        ok = (allowed is None and nested_within(setting)) or (
            allowed is not None
            and isinstance(setting, allowed)
            and (bool in allowed or not isinstance(setting, bool))
            and (not isinstance(setting, float) or math.isfinite(setting))
        )
        if ok:
            kept[name] = setting
        else:
            field = f"{key}.{name}"
            problems.add(path, Phrase("schema.wrong_value", (field, found(setting))), _IGNORED)
    return kept


def is_run_id(run_id: Any) -> bool:
    """Only ids of the form the app writes (`run-0001`) ever name a folder."""
    return isinstance(run_id, str) and RUN_ID.fullmatch(run_id) is not None


def check_runs(path: Path, value: Any, problems: Problems) -> list[dict[str, Any]]:
    """The runs list: an entry without a usable id is left out (it names no folder of this
    project); one whose status is unknown is kept as "unreadable"; a bad display field
    (config, summary, started, message) is emptied."""
    if not isinstance(value, list):
        problems.add(path, Phrase("schema.not_list", ("runs", found(value))), _LEFT_OUT)
        return []
    runs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, entry in enumerate(value):
        where = f"runs[{i}]"
        if not isinstance(entry, dict):
            problems.add(path, Phrase("schema.not_object", (where, found(entry))), _RUN_LEFT_OUT)
            continue
        run_id = entry.get("id")
        if not is_run_id(run_id):
            bad = Phrase("schema.not_run_id", (f"{where}.id", found(run_id)))
            problems.add(path, bad, _RUN_LEFT_OUT)
            continue
        if run_id in seen:
            problems.add(path, Phrase("schema.duplicate", (f"{where}.id", run_id)), _RUN_LEFT_OUT)
            continue
        seen.add(run_id)
        runs.append(_check_run(path, f"runs[{i}] ({run_id})", entry, problems))
    return runs


_RUN_LEFT_OUT = Phrase("schema.run_left_out")


def _check_run(path: Path, where: str, entry: dict[str, Any], problems: Problems) -> dict:
    run = {"id": entry["id"]}
    status = entry.get("status")
    if status not in RUN_STATUSES:
        known = ", ".join(RUN_STATUSES[:-1])
        bad = Phrase("schema.unknown_value", (f"{where}.status", found(status), known))
        problems.add(path, bad, Phrase("schema.run_unreadable"))
        run["status"] = "unreadable"
        run["message_phrase"] = bad.to_json()
        run["message"] = str(bad)
    else:
        run["status"] = status
    for key in ("started", "message"):
        value = entry.get(key, "")
        if not isinstance(value, str):
            bad = Phrase("schema.not_text", (f"{where}.{key}", found(value)))
            problems.add(path, bad, _IGNORED)
            value = ""
        run.setdefault(key, value)
    phrase = entry.get("message_phrase")
    if "message_phrase" not in run:
        usable = isinstance(phrase, dict) and nested_within(phrase)
        run["message_phrase"] = phrase if usable else None
    run["config"] = check_settings(path, f"{where}.config", entry.get("config", {}), problems)
    run["summary"] = _summary(path, f"{where}.summary", entry.get("summary", {}), problems)
    return run


def _summary(path: Path, where: str, value: Any, problems: Problems) -> dict[str, Any]:
    """A run's summary: an object whose scores are numbers (or null)."""
    if not isinstance(value, dict) or not nested_within(value):
        problems.add(path, Phrase("schema.not_object", (where, found(value))), _IGNORED)
        return {}
    kept = dict(value)
    for key in ("accuracy", "macro_f1"):
        score = kept.get(key)
        if score is not None and not _is_number(score):
            field = f"{where}.{key}"
            problems.add(path, Phrase("schema.wrong_value", (field, found(score))), _IGNORED)
            kept[key] = None
    return kept


# ----------------------------------------------------------------------------- dataset.json


@dataclass
class DatasetData:
    """What `dataset.json` says, checked."""

    classes: list[str]
    items: dict[str, Any]  # item → make_item(label, split)
    skipped: list[Skipped]


def check_dataset(
    path: Path, data: Any, problems: Problems, make_item: Callable[[str, str], Any]
) -> DatasetData:
    """`dataset.json`: refused when it is not an object or has no list of items (saving over it
    would lose them); otherwise each bad entry is left out or mended, and named. Items are
    made with `make_item(label, split)` as they are checked (no copy of a large list)."""
    if not isinstance(data, dict):
        raise ProjectError("project.bad_file", path, Phrase("schema.whole_file", (found(data),)))
    items = data.get("items")
    if not isinstance(items, list):
        raise ProjectError(
            "project.bad_file", path, Phrase("schema.not_list", ("items", found(items)))
        )
    raw_classes = data.get("classes")
    classes_ok = isinstance(raw_classes, list)
    classes: list[str] = []
    if not classes_ok:
        bad = Phrase("schema.not_list", ("classes", found(raw_classes)))
        problems.add(path, bad, Phrase("schema.classes_from_items"))
    else:
        for i, name in enumerate(raw_classes):
            if not isinstance(name, str):
                problems.add(
                    path, Phrase("schema.not_text", (f"classes[{i}]", found(name))), _LEFT_OUT
                )
            elif name in classes:
                problems.add(path, Phrase("schema.duplicate", (f"classes[{i}]", name)), _LEFT_OUT)
            else:
                classes.append(name)
    known = set(classes)
    kept: dict[str, Any] = {}
    splits = frozenset(SPLITS)
    for i, entry in enumerate(items):
        # the fast path first: a project holds up to hundreds of thousands of good items
        if type(entry) is list and len(entry) == 3:
            item, label, split = entry
            if type(item) is str and type(label) is str and type(split) is str:
                if item not in kept and label in known and split in splits:
                    kept[item] = make_item(label, split)
                    continue
            else:
                item = None
        else:
            item = None
        where = f"items[{i}]"
        if item is None:
            problems.add(path, Phrase("schema.not_item", (where, found(entry))), _LEFT_OUT)
            continue
        if item in kept:
            problems.add(path, Phrase("schema.duplicate", (where, found(item))), _LEFT_OUT)
            continue
        if label not in known:
            if classes_ok:
                bad = Phrase("schema.label_not_class", (where, found(label)))
                problems.add(path, bad, Phrase("schema.class_added"))
            classes.append(label)
            known.add(label)
        if split not in splits:
            bad = Phrase(
                "schema.unknown_value", (f"{where} split", found(split), ", ".join(SPLITS))
            )
            problems.add(path, bad, Phrase("schema.put_in_train"))
            split = "train"
        kept[item] = make_item(label, split)
    return DatasetData(classes, kept, _skipped(path, data, problems))


def _skipped(path: Path, data: dict[str, Any], problems: Problems) -> list[Skipped]:
    """The skipped list (`[path, reason]` pairs, keyed reasons beside them); bad pairs left out."""
    pairs = data.get("skipped", [])
    keys = data.get("skipped_keys")
    if not isinstance(pairs, list):
        problems.add(path, Phrase("schema.not_list", ("skipped", found(pairs))), _IGNORED)
        return []
    if not isinstance(keys, list) or len(keys) != len(pairs):
        keys = [None] * len(pairs)
    good_pairs, good_keys = [], []
    for i, (pair, key) in enumerate(zip(pairs, keys, strict=True)):
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, str) for v in pair):
            good_pairs.append(pair)
            good_keys.append(key if nested_within(key) else None)
        else:
            problems.add(
                path, Phrase("schema.wrong_value", (f"skipped[{i}]", found(pair))), _LEFT_OUT
            )
    return skipped_from_json({"skipped": good_pairs, "skipped_keys": good_keys})


# ----------------------------------------------------------------------------- folders


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(path))


def _is_link(path: str) -> bool:
    """A symbolic link, or (Windows, Python 3.12+) a junction: what may lead elsewhere."""
    junction = getattr(os.path, "isjunction", None)
    return os.path.islink(path) or (junction is not None and junction(path))


def run_folder(project_folder: Path, run_id: Any) -> Path:
    """`<project>/runs/<run_id>`, only for a well-formed id and only when that folder and the
    files core reads or writes in it stay inside the project once links are followed: a run id
    or a link never makes the app read, write or delete anything elsewhere.

    A checked id has no separator and no `..`, so only a link can lead out: `runs`, the run's
    folder or one of its files (a few `lstat` calls; paths are resolved only for a link)."""
    if not is_run_id(run_id):
        raise ProjectError("project.bad_run_id", found(run_id))
    root = os.fspath(project_folder)
    runs = os.path.join(root, "runs")
    folder = os.path.join(runs, run_id)
    for path in (runs, folder, *(os.path.join(folder, name) for name in RUN_FILES)):
        if _is_link(path) and not _real(path).is_relative_to(_real(Path(root))):
            raise ProjectError("project.link_outside", path, _real(path))
    return Path(folder)
