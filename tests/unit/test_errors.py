"""Every message core can show has a stable key with one English template, and is raised with
as many values as its template has places. Read from the source: each `raise XError("key", …)`
and `Phrase("key", (…))` in desktop_app; a free-form English error in core fails here."""

from __future__ import annotations

import ast
import json
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.core.data.dataset import Skipped, skipped_from_json, skipped_to_json
from desktop_app.core.errors import TEMPLATES, CoreError, Phrase
from desktop_app.core.inference import ModelError

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "desktop_app"
CORE = APP / "core"


def core_error_names() -> set[str]:
    """The names of every CoreError subclass that core defines (subclasses of those too)."""
    names = {"CoreError"}
    classes = [
        node
        for path in CORE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]
    while True:
        found = {
            node.name
            for node in classes
            if any(isinstance(base, ast.Name) and base.id in names for base in node.bases)
        }
        if found <= names:
            return names
        names |= found


@dataclass(frozen=True)
class Use:
    where: str  # path:line
    key: str | None  # None: not a string constant
    count: int | None  # values passed; None: not countable (a starred argument, a variable)


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def uses_in(source: str, where: str, errors: set[str]) -> tuple[list[Use], list[str]]:
    """(every keyed use, every raise of a core error without a key) in `source`."""
    uses, free = [], []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name, first, rest = _name(node.func), node.args[0], node.args[1:]
        at = f"{where}:{node.lineno}"
        key = first.value if isinstance(first, ast.Constant) else None
        if name in errors:
            if isinstance(first, ast.Constant) and isinstance(key, str):
                starred = any(isinstance(a, ast.Starred) for a in rest)
                uses.append(Use(at, key, None if starred else len(rest)))
            elif isinstance(first, ast.Name) and not rest:
                continue  # a Phrase a check returned (`raise ImageError(reason)`)
            else:
                free.append(f"{at}: {name}({ast.unparse(first)[:60]}, …)")
        elif name == "Phrase" and isinstance(key, str):
            if not rest:
                count = 0
            elif isinstance(rest[0], ast.Tuple) and not any(
                isinstance(e, ast.Starred) for e in rest[0].elts
            ):
                count = len(rest[0].elts)
            else:
                count = None
            uses.append(Use(at, key, count))
    return uses, free


@pytest.fixture(scope="module")
def scanned() -> tuple[list[Use], list[str]]:
    errors = core_error_names()
    assert {"DatasetError", "ImageError", "ModelError", "ProjectError"} <= errors
    uses, free = [], []
    for path in sorted(APP.rglob("*.py")):
        found = uses_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), errors)
        uses += found[0]
        free += found[1]
    assert len(uses) > 150, "the collector no longer finds the keyed messages"
    return uses, free


def places(template: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r"\{(\d+)\}", template)})


def test_every_template_numbers_its_places_from_zero():
    for key, template in TEMPLATES.items():
        assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9_]+", key), key
        assert template.strip(), key
        numbers = places(template)
        assert numbers == list(range(len(numbers))), (key, template)
        assert not re.search(r"\{[^\d}]", template), (key, template)  # only {0}, {1}…


def test_every_key_used_has_a_template_with_as_many_places(scanned):
    uses, _ = scanned
    problems = []
    for use in uses:
        if use.key not in TEMPLATES:
            problems.append(f"{use.where}: no template for {use.key!r}")
        elif use.count is not None and use.count != len(places(TEMPLATES[use.key])):
            problems.append(
                f"{use.where}: {use.key!r} given {use.count} values, its template has "
                f"{len(places(TEMPLATES[use.key]))}: {TEMPLATES[use.key]!r}"
            )
    assert not problems, "\n".join(problems)


def test_core_raises_its_errors_only_by_key(scanned):
    _, free = scanned
    assert not free, "raise core errors as XError('area.key', values…):\n" + "\n".join(free)


def test_every_template_is_used(scanned):
    uses, _ = scanned
    used = {use.key for use in uses}
    unused = sorted(set(TEMPLATES) - used)
    assert not unused, f"templates nothing raises or returns: {unused}"


def test_a_wrong_key_or_count_and_free_english_are_caught():
    source = (
        "def f(name):\n"
        "    raise ProjectError('project.no_class', name, 'extra')\n"
        "    raise ProjectError('project.brand_new', name)\n"
        "    raise ProjectError(f'A brand-new problem with {name}.')\n"
        "    return Phrase('text.field_count', (3,))\n"
    )
    uses, free = uses_in(source, "new.py", {"ProjectError"})
    assert [(u.key, u.count) for u in uses] == [
        ("project.no_class", 2),
        ("project.brand_new", 1),
        ("text.field_count", 1),
    ]
    assert len(free) == 1 and "new.py:4" in free[0]
    assert "project.brand_new" not in TEMPLATES
    assert len(places(TEMPLATES["project.no_class"])) == 1
    assert len(places(TEMPLATES["text.field_count"])) == 2


def test_str_of_an_error_is_its_english_with_nested_phrases():
    summary = Phrase(
        "dataset.skipped_summary",
        (7, (Phrase("dataset.skipped_entry", ("a.jpg", Phrase("image.empty_file"))),)),
    )
    error = CoreError("dataset.no_images", Path("/data"), summary)
    assert str(error) == (
        "No images found in /data. Expected one sub-folder per class, each holding JPEG, PNG, "
        "BMP, WebP or TIFF images. 7 files were skipped: a.jpg: empty file (0 bytes)."
    )
    assert error.key == "dataset.no_images" and error.params[0] == "/data"
    assert CoreError(error.phrase).params == error.params  # a reason re-raised keeps its key


def test_skipped_reasons_round_trip_and_old_files_still_load():
    why = Phrase("dataset.system_file", (Phrase("phrase.an_image"), Phrase("phrase.kde_settings")))
    skipped = [Skipped.because("/d/.directory", why), Skipped("/d/old.gif", "an old reason")]
    assert skipped[0].reason == "system file, not an image (KDE folder settings)"
    data = json.loads(json.dumps(skipped_to_json(skipped)))
    assert data["skipped"] == [[s.path, s.reason] for s in skipped]  # what older apps read
    again = skipped_from_json(data)
    assert again == skipped and again[0].phrase == why and again[1].phrase is None
    old = skipped_from_json({"skipped": [["/d/x.gif", "an English reason from an old project"]]})
    assert old == [Skipped("/d/x.gif", "an English reason from an old project")]
    unknown = {"skipped": [["/d/x", "why"]], "skipped_keys": [{"key": "no.such", "params": []}]}
    assert skipped_from_json(unknown)[0].phrase is None


def test_a_core_error_survives_pickling_with_its_key():
    error = ModelError("model.output_mismatch", "m.onnx", 3, 5)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is ModelError and again.key == error.key
    assert again.params == ("m.onnx", 3, 5)
    assert str(again) == "m.onnx: its metadata names 3 labels but the model has 5 outputs."
