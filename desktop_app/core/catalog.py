"""The backbone catalog (models/catalog.json): what a user can train on, and where its model lives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.paths import catalog_path, models_dir

# Bump when the in-graph preprocessing changes: cached features are keyed by it.
PREPROCESSING_VERSION = 1


class UnknownBackboneError(ValueError):
    """A backbone id that the catalog does not list."""


@dataclass(frozen=True)
class Backbone:
    """One entry of the catalog: a feature extractor plus the head trained on its output."""

    id: str
    task: str
    title: str
    description: str
    kind: str  # "pretrained" (frozen backbone) or "scratch" (whole model trained on pixels)
    default: bool
    input_size: int
    resize: str
    mean: tuple[float, ...]
    std: tuple[float, ...]
    embedding_size: int
    head: str  # "linear", "mlp" or "cnn"
    source: dict[str, Any] | None
    licence: str

    @property
    def model_path(self) -> Path:
        """The built feature extractor: uint8 RGB pixels in, `embedding` out."""
        return models_dir() / f"{self.id}.onnx"

    @property
    def build_info_path(self) -> Path:
        return models_dir() / f"{self.id}.build.json"

    @property
    def preprocessing(self) -> dict[str, Any]:
        """The preprocessing contract, as written into exported models' metadata."""
        return {
            "version": PREPROCESSING_VERSION,
            "in_graph": True,
            "input": "uint8 RGB, NHWC, any height and width",
            "resize": self.resize,
            "interpolation": "linear, antialiased (ONNX Resize)",
            "size": self.input_size,
            "mean": list(self.mean),
            "std": list(self.std),
        }


@lru_cache(maxsize=1)
def load_catalog() -> tuple[Backbone, ...]:
    data = json.loads(catalog_path().read_text(encoding="utf-8"))
    return tuple(
        Backbone(
            **{
                **entry,
                "mean": tuple(entry["mean"]),
                "std": tuple(entry["std"]),
            }
        )
        for entry in data["backbones"]
    )


def get_backbone(backbone_id: str) -> Backbone:
    for backbone in load_catalog():
        if backbone.id == backbone_id:
            return backbone
    known = ", ".join(b.id for b in load_catalog())
    raise UnknownBackboneError(f"Unknown backbone '{backbone_id}'. Choose one of: {known}.")


def default_backbone(task: str = "image") -> Backbone:
    for backbone in load_catalog():
        if backbone.task == task and backbone.default:
            return backbone
    raise UnknownBackboneError(f"No default backbone for task '{task}'.")
