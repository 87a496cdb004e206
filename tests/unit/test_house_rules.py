"""ARCHITECTURE rules that a test can hold: core has no Qt, no unpickling, lazy heavy imports."""

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"


def _modules(folder: Path) -> list[str]:
    return [
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
        for p in sorted(folder.rglob("*.py"))
        if p.name != "__main__.py"
    ]


def test_every_core_module_imports_with_qt_blocked():
    core = _modules(PACKAGE / "core")
    code = (
        "import sys, importlib.abc\n"
        "class B(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, B())\n"
        f"for m in {core!r}: __import__(m)\n"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)


def test_inference_path_does_not_import_torch_or_onnx():
    code = (
        "import sys\n"
        "import desktop_app.core.inference, desktop_app.core.data.dataset\n"
        "heavy = [m for m in ('torch', 'onnx', 'PySide6') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=PACKAGE.parent)


def test_no_unpickling_anywhere_in_the_package():
    offenders = []
    pattern = re.compile(
        r"import pickle|pickle\.loads?\(|allow_pickle\s*=\s*True|weights_only\s*=\s*False"
    )
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path}: {m.group(0)}" for m in pattern.finditer(text)]
        for call in re.finditer(r"torch\.load\(([^)]*)\)", text):
            if "weights_only=True" not in call.group(1):
                offenders.append(f"{path}: torch.load without weights_only=True")
    assert not offenders, offenders
