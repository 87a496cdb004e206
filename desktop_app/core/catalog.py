"""The backbone catalog (models/catalog.json): what a user can train on, and where its model lives."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.core.errors import CoreError
from desktop_app.core.paths import catalog_path, models_dir

# Bump when the in-graph preprocessing changes: cached features are keyed by it.
PREPROCESSING_VERSION = 1
# Bump when text tokenisation (truncation, padding, pooling contract) changes: same reason.
TEXT_PREPROCESSING_VERSION = 1


class UnknownBackboneError(CoreError, ValueError):
    """A backbone id that the catalog does not list."""


@dataclass(frozen=True)
class Backbone:
    """One entry of the catalog: a feature extractor plus the head trained on its output."""

    id: str
    task: str  # "image" or "text"
    title: str
    description: str
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
        if self.task == "text" and self.kind == "scratch":
            return {
                "version": TEXT_PREPROCESSING_VERSION,
                "in_graph": False,
                "input": "UTF-8 text",
                "tokenizer": "HuggingFace `tokenizers` JSON learnt from the training texts "
                "(BPE; NFKC, lower case, accents kept, CJK split per character)",
                "max_length": self.max_length,
                "truncation": "longest first, [CLS] ... [SEP] kept",
                "padding": "right, id 0, attention_mask 0",
                "inputs": ["input_ids int64 [N, L]", "attention_mask int64 [N, L]"],
                "pooling": "in the model: mean of token and hashed token-pair embeddings",
            }
        if self.task == "text":
            return {
                "version": TEXT_PREPROCESSING_VERSION,
                "in_graph": False,
                "input": "UTF-8 text",
                "tokenizer": "HuggingFace `tokenizers` JSON (BERT uncased WordPiece), "
                f"file {self.tokenizer_path.name}",
                "max_length": self.max_length,
                "truncation": "longest first, [CLS] ... [SEP] kept",
                "padding": "right, id 0, attention_mask 0",
                "inputs": ["input_ids int64 [N, L]", "attention_mask int64 [N, L]"],
                "pooling": "mean over attention_mask, then L2-normalised",
            }
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
                "mean": tuple(entry.get("mean", ())),
                "std": tuple(entry.get("std", ())),
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


def default_backbone(task: str = "image") -> Backbone:
    for backbone in load_catalog():
        if backbone.task == task and backbone.default:
            return backbone
    raise UnknownBackboneError("backbone.no_default", task)
