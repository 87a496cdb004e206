"""Where things live: the user's appdirs folders and the bundled resources/ and models/.

`CLASSIFIER_STUDIO_HOME` moves every user folder under one directory (tests, portable use);
`CLASSIFIER_STUDIO_MODELS_DIR` points at another folder of built backbones;
`CLASSIFIER_STUDIO_CATALOG` at another model catalog (a copy of models/catalog.json with one's
own entries added).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import appdirs

APP_NAME = "ClassifierStudio"
APP_AUTHOR = "ClassifierStudio"


def _user_dir(kind: str) -> Path:
    home = os.environ.get("CLASSIFIER_STUDIO_HOME")
    if home:
        path = Path(home) / kind
    else:
        finder = {
            "data": appdirs.user_data_dir,
            "cache": appdirs.user_cache_dir,
            "logs": appdirs.user_log_dir,
        }[kind]
        path = Path(finder(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_data_dir() -> Path:
    """Projects and settings that the user would miss if deleted."""
    return _user_dir("data")


def user_cache_dir() -> Path:
    """Feature caches: safe to delete, recomputed on demand."""
    return _user_dir("cache")


def user_log_dir() -> Path:
    return _user_dir("logs")


def install_root() -> Path:
    """The folder holding resources/ and models/: the bundle when frozen, else the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return install_root() / "resources"


def models_dir() -> Path:
    override = os.environ.get("CLASSIFIER_STUDIO_MODELS_DIR")
    return Path(override) if override else install_root() / "models"


def catalog_path() -> Path:
    """The catalog is tracked in git beside the built models, but never moves with the models
    folder: only `CLASSIFIER_STUDIO_CATALOG` points elsewhere."""
    override = os.environ.get("CLASSIFIER_STUDIO_CATALOG")
    return Path(override) if override else install_root() / "models" / "catalog.json"
