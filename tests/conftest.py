"""Shared test set-up: isolated user folders, offscreen Qt, and (optionally) Qt made unimportable.

`CLASSIFIER_STUDIO_BLOCK_QT=1` (set by `make test` for tests/unit) makes PySide6, shiboken6 and
pyqtgraph raise ImportError, so the core tests prove they pass with Qt absent.
"""

from __future__ import annotations

import importlib.abc
import os
import signal
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CLASSIFIER_STUDIO_HOME"] = tempfile.mkdtemp(prefix="classifier-studio-tests-")

BLOCKED = ("PySide6", "shiboken6", "pyqtgraph")


class _QtBlocker(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"{fullname} is blocked: core code must not need Qt")
        return None


if os.environ.get("CLASSIFIER_STUDIO_BLOCK_QT") == "1":
    sys.meta_path.insert(0, _QtBlocker())

if os.environ.get("PYTEST_XDIST_WORKER") and signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    # pytest-xdist's test processes ignore Ctrl+C, and an ignored signal stays ignored in every
    # program they start: the Ctrl+C tests' command lines would never see it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
