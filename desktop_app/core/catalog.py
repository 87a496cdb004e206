"""The model registry (models/catalog.json): what a user can train on, where its model lives,
and everything the window and the CLI say about it.

Adding a backbone is one catalog entry (+ its build step in core/backbones.py): the Train panel's
choices, the model names in the panels, `desktop-app models` and `train --help` all read from
here. The order of the entries is the order in which they are shown; `default` marks the one
chosen first for each kind of data. `CLASSIFIER_STUDIO_CATALOG` points at another catalog file
(see core/paths.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.errors import CoreError
from desktop_app.core.language import LanguageGuess, covers, detect_language
from desktop_app.core.paths import catalog_path, models_dir
from desktop_app.core.tasks import all_tasks, get_task

# Bump when the in-graph preprocessing changes: cached features are keyed by it.
PREPROCESSING_VERSION = 1
# Bump when text tokenisation (truncation, padding, pooling contract) changes: same reason.
TEXT_PREPROCESSING_VERSION = 1


# Fields that describe a model to people: they never change what is built or trained.
DISPLAY_FIELDS = ("title", "description", "suits", "default", "languages")
# Fields about the head trained on a model's features: they never change what is built either.
HEAD_FIELDS = ("hidden_units",)


class UnknownBackboneError(CoreError, ValueError):
    """A backbone id that the catalog does not list."""


# The id of the "Automatic" choice: `train --backbone auto`, `TrainConfig.backbone`, a run's
# saved settings. Not a backbone: it names the catalog's candidates for the data's task.
AUTO = "auto"


@dataclass(frozen=True)
class AutoChoiceEntry:
    """The catalog's "automatic" entry of one task: the cheap candidates to try on cached
    features (fastest first: the faster one wins a tie), and the words the window shows."""

    id: str
    task: str
    title: str
    description: str
    candidates: tuple[str, ...]
    suits: str = ""
    # whether `train` without `--backbone` takes it (texts: their language decides what is tried)
    default: bool = False

    def candidate_backbones(self) -> tuple[Backbone, ...]:
        return tuple(get_backbone(b) for b in self.candidates)


@dataclass(frozen=True)
class Backbone:
    """One entry of the catalog: a feature extractor plus the head trained on its output."""

    id: str
    task: str  # "image" or "text"
    title: str  # a short name in plain words ("Fast"), shown wherever a model is named
    description: str  # one sentence under the title on the Train panel's model card
    kind: str  # "pretrained" (frozen backbone) or "scratch" (whole model trained on pixels/tokens)
    default: bool
    embedding_size: int
    head: str  # "linear", "mlp", "cnn" (scratch images) or "bag" (scratch text)
    source: dict[str, Any] | None
    licence: str
    # images only
    input_size: int = 0
    resize: str = ""
    mean: tuple[float, ...] = ()
    std: tuple[float, ...] = ()
    # text only: tokens kept per text (longer texts are truncated)
    max_length: int | None = None
    suits: str = ""  # what kind of data it suits, in plain words (tooltip, `desktop-app models`)
    # text only: the languages it is made for (codes of core/language.py; "*": any language)
    languages: tuple[str, ...] = ()
    # the head's hidden layer when the user does not choose one (TrainConfig.hidden_units None):
    # 0 a linear head; N one hidden layer of N units (text embeddings: measured in the README)
    hidden_units: int = 0

    @property
    def model_path(self) -> Path:
        """The built feature extractor: uint8 RGB pixels (or token ids) in, `embedding` out."""
        return models_dir() / f"{self.id}.onnx"

    @property
    def build_info_path(self) -> Path:
        return models_dir() / f"{self.id}.build.json"

    @property
    def tokenizer_path(self) -> Path:
        """Text backbones: the `tokenizers` JSON that turns a string into `input_ids`."""
        return models_dir() / f"{self.id}.tokenizer.json"

    @property
    def preprocessing(self) -> dict[str, Any]:
        """The preprocessing contract, as written into exported models' metadata."""
        return get_task(self.task).preprocessing(self)


def load_catalog() -> tuple[Backbone, ...]:
    """Every catalog entry in file order. Each catalog file is read once per process: pointing
    `CLASSIFIER_STUDIO_CATALOG` elsewhere takes effect at once; after editing the file in a
    running process, call `reload_catalog()`."""
    return _load(catalog_path())[0]


def automatic_entries() -> tuple[AutoChoiceEntry, ...]:
    """The catalog's "automatic" entries (at most one per task), in file order."""
    return _load(catalog_path())[1]


def automatic_for(task: str) -> AutoChoiceEntry | None:
    """The "Automatic" choice of `task` (None: the catalog offers none for it)."""
    return next((entry for entry in automatic_entries() if entry.task == task), None)


def is_automatic(backbone_id: str) -> bool:
    """Whether `backbone_id` names the automatic choice rather than one backbone."""
    return backbone_id == AUTO


def _load(path: Path) -> tuple[tuple[Backbone, ...], tuple[AutoChoiceEntry, ...]]:
    if path not in _catalogs:
        _catalogs[path] = _read_catalog(path)
    return _catalogs[path]


# each catalog file, read once: its backbones and its automatic entries
_catalogs: dict[Path, tuple[tuple[Backbone, ...], tuple[AutoChoiceEntry, ...]]] = {}


def _read_catalog(path: Path) -> tuple[tuple[Backbone, ...], tuple[AutoChoiceEntry, ...]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    backbones = _read_backbones(data)
    autos = tuple(
        AutoChoiceEntry(
            **{k: v for k, v in entry.items() if k != "candidates"},
            candidates=tuple(entry["candidates"]),
        )
        for entry in data.get("automatic", ())
    )
    known = {b.id: b.task for b in backbones}
    for entry in autos:
        for candidate in entry.candidates:
            if known.get(candidate) != entry.task:
                raise UnknownBackboneError("backbone.unknown", candidate, ", ".join(known))
    return backbones, autos


def _read_backbones(data: dict) -> tuple[Backbone, ...]:
    return tuple(
        Backbone(
            **{
                **entry,
                "mean": tuple(entry.get("mean", ())),
                "std": tuple(entry.get("std", ())),
                "languages": tuple(entry.get("languages", ())),
            }
        )
        for entry in data["backbones"]
    )


def get_backbone(backbone_id: str) -> Backbone:
    for backbone in load_catalog():
        if backbone.id == backbone_id:
            return backbone
    known = ", ".join(b.id for b in load_catalog())
    raise UnknownBackboneError("backbone.unknown", backbone_id, known)


@dataclass(frozen=True)
class Recommendation:
    """The model to offer first for some data, and the language seen in it (texts; else None)."""

    backbone: Backbone
    language: LanguageGuess | None = None

    @property
    def changed(self) -> bool:
        """Whether the data made the choice differ from the catalog's default."""
        return not self.backbone.default


def recommend_backbone(task: str, texts: Sequence[str] = ()) -> Recommendation:
    """The catalog's default for `task`, unless the texts' language is one it is not made for
    and another model of the task is (e.g. Chinese reviews: the any-language model)."""
    default = default_backbone(task)
    choices = backbones_for(task)
    if not texts or not any(b.languages for b in choices):
        return Recommendation(default)
    guess = detect_language(texts)
    if guess.code == "unknown":
        return Recommendation(default)
    if covers(default.languages or ("*",), guess.code):
        return Recommendation(default, guess)
    fitting = next((b for b in choices if b.languages and covers(b.languages, guess.code)), None)
    return Recommendation(fitting or default, guess)


def default_choice(task: str) -> str | None:
    """`AUTO` where the catalog makes the automatic choice the default for `task` (texts), else
    None: the recommended model (`recommend_backbone`) is the default."""
    entry = automatic_for(task)
    return AUTO if entry is not None and entry.default else None


def default_backbone(task: str = "image") -> Backbone:
    for backbone in load_catalog():
        if backbone.task == task and backbone.default:
            return backbone
    raise UnknownBackboneError("backbone.no_default", task)


def reload_catalog() -> tuple[Backbone, ...]:
    """Read the current catalog file again (after editing it in a running process)."""
    _catalogs.pop(catalog_path(), None)
    return load_catalog()


def backbones_for(task: str) -> tuple[Backbone, ...]:
    """The models offered for one kind of data ("image" or "text"), in catalog order."""
    return tuple(b for b in load_catalog() if b.task == task)


def catalog_strings() -> list[str]:
    """Every string of the catalog that the window shows (titles, descriptions, what a model
    suits), without repeats: the window translates them in the Qt context "Catalog"."""
    strings: list[str] = []
    for entry in (*load_catalog(), *automatic_entries()):
        for text in (entry.title, entry.description, entry.suits):
            if text and text not in strings:
                strings.append(text)
    return strings


def backbone_help() -> str:
    """`train --backbone` help: where to see the choices and the default per kind of data."""
    defaults = []
    for task in all_tasks():
        with_default = [b for b in backbones_for(task.name) if b.default]
        if default_choice(task.name) == AUTO:
            defaults.append(f"{AUTO} for {task.help_word}")
        elif with_default:
            defaults.append(f"{with_default[0].id} for {task.help_word}")
    automatic = [entry.task for entry in automatic_entries()]
    words = f"see `desktop-app models` (default: {', '.join(defaults)})"
    if automatic:
        tasks = " and ".join(get_task(t).help_word for t in automatic)
        words += (
            f"; {AUTO} (for {tasks}): train each candidate on the cached features and keep "
            "the best on validation (texts: only the models made for their language)"
        )
    return words


def model_lines(state: Callable[[Backbone], str]) -> list[str]:
    """What `desktop-app models` prints: per backbone, one line of facts (id, kind of data,
    title, input, embedding, `state(backbone)`: built or not) and one of plain words."""
    lines = []
    for b in load_catalog():
        default = " [default]" if b.default else ""
        size = get_task(b.task).input_words(b)
        lines.append(
            f"{b.id:<20} {b.task:<6} {b.title + default:<28} {size} -> {b.embedding_size}-d  {state(b)}"
        )
        words = b.description + (f" Suits: {b.suits}." if b.suits else "")
        if words:
            lines.append(f"{'':<20} {words}")
    for entry in automatic_entries():
        tried = ", ".join(entry.candidates)
        lines.append(f"{entry.id:<20} {entry.task:<6} {entry.title:<28} tries {tried}")
        lines.append(f"{'':<20} {entry.description}")
    return lines
