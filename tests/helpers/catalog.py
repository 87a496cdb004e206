"""A temporary model catalog: a copy of models/catalog.json plus entries a test adds, with the
app pointed at it (`CLASSIFIER_STUDIO_CATALOG`: each catalog file is cached on its own, so the
real one, and its objects, are back as soon as the variable is)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "models" / "catalog.json"

# An image backbone no code knows about: the same network as the default, another name.
NEW_IMAGE_ENTRY = {
    **next(e for e in json.loads(CATALOG.read_text("utf-8"))["backbones"] if e["default"]),
    "id": "my-photo-model",
    "title": "My photo model",
    "description": "A model added to the catalog file only.",
    "suits": "the photos of one test",
    "default": False,
}


def write_catalog(folder: Path, *extra: dict) -> Path:
    """models/catalog.json with `extra` entries appended, written into `folder`."""
    data = json.loads(CATALOG.read_text("utf-8"))
    data["backbones"].extend(extra)
    path = folder / "catalog.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@contextlib.contextmanager
def catalog_with(monkeypatch: pytest.MonkeyPatch, folder: Path, *extra: dict) -> Iterator[Path]:
    """While inside: the app reads a catalog with `extra` entries added."""
    path = write_catalog(folder, *extra)
    with monkeypatch.context() as patch:
        patch.setenv("CLASSIFIER_STUDIO_CATALOG", str(path))
        yield path
