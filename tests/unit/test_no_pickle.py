"""Never unpickle (ARCHITECTURE rule 9): no code path in the app can run a pickle from a file.

The package's source (and the sample scripts shipped beside every export) is parsed, not
imported: `torch.load` (and any other `torch.*.load`) only with `weights_only=True`,
`np.load` only with `allow_pickle=False`, no import of pickle-like modules, no bare `load`
imported from numpy or torch, and `allow_pickle=True` nowhere.

`multiprocessing` counts as pickle-like (its pipes and its `spawn` start unpickle what they
receive): only the files in ALLOWED may use it, each for a reason given there.
"""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = [REPO / "desktop_app", REPO / "resources" / "samples"]
PICKLE_MODULES = {
    "pickle",
    "_pickle",
    "cPickle",
    "cloudpickle",
    "dill",
    "joblib",
    "shelve",
    "marshal",
}
PICKLE_FUNCTIONS = {"read_pickle", "to_pickle"}  # pandas and friends
# Allowed to import a pickle-like module, and why (paths relative to the repository).
ALLOWED = {
    "desktop_app/core/child.py": (
        "multiprocessing: runs training in a child process it starts itself and reads only that "
        "child's events from a private pipe; never a file, never data from anywhere else"
    ),
}


def _dotted(node: ast.AST) -> str | None:
    """`np.lib.npyio.load` for an attribute chain on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _keyword_is(call: ast.Call, name: str, value: bool) -> bool:
    return any(
        k.arg == name and isinstance(k.value, ast.Constant) and k.value.value is value
        for k in call.keywords
    )


def violations(source: str, filename: str = "<source>") -> list[str]:
    """Every place in `source` that could unpickle, as 'file:line: what'."""
    tree = ast.parse(source, filename)
    aliases: dict[str, str] = {}  # local name → module ("np" → "numpy")
    found: list[str] = []

    def report(node: ast.AST, what: str) -> None:
        found.append(f"{filename}:{getattr(node, 'lineno', 0)}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = alias.name
                if alias.name.split(".")[0] in PICKLE_MODULES | {"multiprocessing"}:
                    report(node, f"imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            if root in PICKLE_MODULES | {"multiprocessing"}:
                report(node, f"imports from {node.module}")
            for alias in node.names:
                if root in ("numpy", "torch") and alias.name == "load":
                    report(node, f"imports load from {node.module} (call it qualified)")
                if alias.name in PICKLE_MODULES | PICKLE_FUNCTIONS:
                    report(node, f"imports {alias.name}")
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if _keyword_is(node, "allow_pickle", True):
            report(node, "allow_pickle=True")
        name = _dotted(node.func)
        if name is None:
            continue
        head, _, rest = name.partition(".")
        full = ".".join(filter(None, [aliases.get(head, head), rest]))
        root, last = full.split(".")[0], full.split(".")[-1]
        if last in PICKLE_FUNCTIONS:
            report(node, f"{name}()")
        elif root == "torch" and last == "load" and not _keyword_is(node, "weights_only", True):
            report(node, f"{name}() without weights_only=True")
        elif root == "numpy" and last == "load" and not _keyword_is(node, "allow_pickle", False):
            report(node, f"{name}() without allow_pickle=False")
    return found


def python_files() -> list[Path]:
    return sorted(p for folder in SOURCES for p in folder.rglob("*.py"))


def test_no_code_path_can_unpickle():
    files = python_files()
    assert len(files) > 30, "the package was not found"
    found = [
        v
        for path in files
        if path.relative_to(REPO).as_posix() not in ALLOWED
        for v in violations(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    ]
    assert found == []


def test_the_allowed_files_exist_and_use_only_multiprocessing():
    """An entry in ALLOWED names a file that exists, and it allows multiprocessing, nothing
    else: no pickle module, no `np.load` with pickles, no `torch.load` without weights_only."""
    for name in ALLOWED:
        path = REPO / name
        assert path.exists(), f"{name} is allowed but does not exist"
        found = violations(path.read_text(encoding="utf-8"), name)
        assert found, f"{name} no longer needs its entry in ALLOWED"
        assert all("multiprocessing" in v for v in found), found


def test_the_checker_catches_every_kind_of_unpickling():
    bad = """
import pickle
import numpy as np
import torch as T
from joblib import load as jl
from numpy import load
import shelve, dill
np.load("x.npz")
np.load("x.npy", allow_pickle=True)
np.lib.npyio.load("y.npz", mmap_mode="r")
T.load("w.pt")
T.load("w.pt", weights_only=False)
T.jit.load("m.pt")
import pandas as pd
pd.read_pickle("f")
import multiprocessing
from multiprocessing.connection import Client
"""
    found = violations(bad)
    assert len(found) == 15, "\n".join(found)
    good = """
import numpy as np
import torch
np.load("x.npz", allow_pickle=False)
torch.load("w.pt", map_location="cpu", weights_only=True)
"""
    assert violations(good) == []
