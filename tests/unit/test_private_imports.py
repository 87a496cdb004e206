"""No module uses another module's `_private` names (ARCHITECTURE: layers).

If two places need a helper, it is public and lives lower down. Checked on the source with
`ast`: `from desktop_app.x import _name`, and `m._name` where `m` was bound by importing a
`desktop_app` module. Tests may reach into privates; the package may not.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_uses(source: str, module: str) -> list[str]:
    """`line: what` for each use of another desktop_app module's private name in `source`."""
    tree = ast.parse(source)
    found: list[str] = []
    modules_bound: dict[str, str] = {}  # local name -> desktop_app module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if not node.module.startswith("desktop_app"):
                continue
            for alias in node.names:
                if node.module != module and _is_private(alias.name):
                    found.append(f"{node.lineno}: from {node.module} import {alias.name}")
                modules_bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("desktop_app") and alias.asname:
                    modules_bound[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _is_private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules_bound
            and modules_bound[node.value.id] != module
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_checker_finds_private_uses() -> None:
    source = (
        "from desktop_app.cli import _write_csv\n"
        "import desktop_app.core.backbones as bb\n"
        "from desktop_app.gui import selftest\n"
        "bb._load(); selftest._wait(); selftest.run()\n"
        "from desktop_app import __version__\n"
    )
    assert private_uses(source, "desktop_app.bench.run") == [
        "1: from desktop_app.cli import _write_csv",
        "4: bb._load",
        "4: selftest._wait",
    ]


def test_no_module_uses_another_modules_private_names() -> None:
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for use in private_uses(path.read_text(encoding="utf-8"), _module_name(path)):
            problems.append(f"{path.relative_to(PACKAGE.parent)}:{use}")
    assert not problems, "private names used across modules:\n" + "\n".join(problems)
