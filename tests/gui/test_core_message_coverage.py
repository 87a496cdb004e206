"""Every error message the engine can raise has a template in `core_messages`, so a Chinese user
never reads an engine error in English. The messages are read from the source of
`desktop_app/core` (each `raise <Name>Error("…")` or `raise <Name>Error(f"…")`): a new error
without a template fails here. The few that never reach the window are listed, each with why."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.gui.core_messages import MESSAGES, _Message, _regex, translate_reason

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "desktop_app" / "core"

# Messages core raises that the window never shows (keyed by their sample, see `_sample`).
NOT_SHOWN = {
    # backbones.py / sentence_encoder.py: `desktop-app models --build` only, never the app
    "x1: ONNX differs from PyTorch by x2 (> 1e-3)": "model build check",
    "x1: ONNX differs from PyTorch by x2 (> 1e-4)": "model build check",
    "x1: ONNX differs from sentence-transformers by x2 (> 1e-4)": "model build check",
    "x1: float16 weights change the embeddings too much (cosine x2 < x3)": "model build check",
    "x1: not a BERT (gelu) model": "model build: converting a sentence encoder",
    "x1: only absolute position embeddings are supported": "model build: converting an encoder",
    # CLI only: the window picks columns from a list and always names a backbone
    "No x1 column named 'x2'; columns are: x3": "CLI --text-col/--label-col by name",
    "x1 column index x2 is out of range: the file has x3 columns (0-based: 0 to x4)": (
        "CLI --text-col/--label-col by index"
    ),
    "No default backbone for task 'x1'.": "CLI, self-test and bench only (a catalog bug)",
    # internal checks of arguments the app itself passes
    "val_fraction must be in [0, 1)": "API argument check; the app uses the default",
    "paths and labels must have the same length": "API argument check",
    "items, labels and splits must have the same length": "API argument check",
    "'x1' is not a text backbone": "internal: only text backbones load a tokenizer",
    "The 'x1' model reads x2s; this dataset holds x3s.": (
        "internal: training refuses the same mismatch first (its DatasetError has a template)"
    ),
}


@dataclass(frozen=True)
class Raised:
    where: str  # path:line
    sample: str  # the message, each formatted value replaced by x1, x2…
    skeleton: str  # its fixed words, each formatted value as {}


class _Value:
    """A part of a message known only at run time; `quoted`: written with `!r` (quotes shown)."""

    def __init__(self, quoted: bool = False) -> None:
        self.quoted = quoted


def _parts(node: ast.expr) -> list[str | _Value]:
    """The fixed pieces of a message expression and its values, in order."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            v.value if isinstance(v, ast.Constant) else _Value(v.conversion == ord("r"))
            for v in node.values
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _parts(node.left) + _parts(node.right)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_skipped_summary"
    ):
        # " N files were skipped: …" (empty when none were): translate_reason's own summary rule
        return []
    return [_Value()]


def _sample(parts: list[str | _Value]) -> tuple[str, str]:
    """(sample, skeleton): each value as x1, x2… (no spaces, so it cannot fake fixed words)."""
    sample, skeleton, count = [], [], 0
    for part in parts:
        if isinstance(part, _Value):
            count += 1
            sample.append(f"'x{count}'" if part.quoted else f"x{count}")
            skeleton.append("{}")
        else:
            sample.append(part)
            skeleton.append(part)
    return "".join(sample), "".join(skeleton)


def raised_in(source: str, where: str) -> list[Raised]:
    """Each `raise <Name>Error(message)` whose message is a string, an f-string or a sum of them
    (a message passed in a variable comes from a reason function, whose reasons the bad-input
    corpus in test_core_messages covers; a bare re-raise has no message of its own)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if not name.endswith("Error") or not node.exc.args:
            continue
        parts = _parts(node.exc.args[0])
        if all(isinstance(part, _Value) for part in parts):
            continue
        sample, skeleton = _sample(parts)
        found.append(Raised(f"{where}:{node.lineno}", sample, skeleton))
    return found


def core_errors() -> list[Raised]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        found += raised_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    return found


def first_template(text: str) -> _Message | None:
    """The template `translate_reason` uses for `text` (the first that matches all of it)."""
    return next((m for m in MESSAGES if _regex(m).fullmatch(text)), None)


def uncovered(raised: list[Raised]) -> list[str]:
    """Messages without their own template: none matches, or the first that matches has other
    fixed words (a general "Cannot read {0}: {1}" would translate only half of a longer one)."""
    problems = []
    for error in raised:
        if error.sample in NOT_SHOWN:
            continue
        message = first_template(error.sample)
        if message is None:
            problems.append(f"{error.where}: no template for {error.sample!r}")
            continue
        skeleton = re.sub(r"\{\d+\}", "{}", message.template)
        if message.pattern is None and skeleton != error.skeleton:
            problems.append(
                f"{error.where}: {error.sample!r} is taken by the template {message.template!r}"
            )
    return problems


@pytest.fixture(scope="module")
def errors() -> list[Raised]:
    found = core_errors()
    assert len(found) > 60, "the collector no longer finds core's raise statements"
    return found


def test_every_error_core_raises_has_a_template(errors):
    problems = uncovered(errors)
    assert not problems, (
        "add these to MESSAGES in desktop_app/gui/core_messages.py (then `make translations` "
        "and translate them), or to NOT_SHOWN with the reason the window never shows them:\n"
        + "\n".join(problems)
    )


def test_a_new_error_without_a_template_is_caught():
    source = (
        "def f(name):\n"
        "    raise ProjectError(f'A brand-new problem with {name}.')\n"
        "def g(folder, error):\n"
        "    raise ResultError(f'Cannot read the training run in {folder}: {error}')\n"
        "    raise ExportError(f'Cannot read the exported model in {folder}: {error}')\n"
    )
    raised = raised_in(source, "new.py")
    assert [r.sample for r in raised] == [
        "A brand-new problem with x1.",
        "Cannot read the training run in x1: x2",
        "Cannot read the exported model in x1: x2",
    ]
    problems = uncovered(raised)
    assert len(problems) == 2
    assert "new.py:2" in problems[0] and "no template" in problems[0]
    assert "new.py:5" in problems[1] and "Cannot read {0}: {1}" in problems[1]


def test_the_list_of_messages_never_shown_is_current(errors):
    samples = {error.sample for error in errors}
    for sample, reason in NOT_SHOWN.items():
        assert sample in samples, f"core no longer raises {sample!r}: remove it from NOT_SHOWN"
        assert reason
        assert first_template(sample) is None, (
            f"{sample!r} has a template: remove it from NOT_SHOWN"
        )


@pytest.fixture
def chinese(qapp):
    """The zh_CN translation installed as the app does it; English again afterwards."""
    from desktop_app.gui.application import install_translations

    assert install_translations(qapp, "zh_CN") == "zh_CN"
    yield
    install_translations(qapp, "en")


def test_every_shown_error_reads_in_chinese_with_its_values(chinese, errors):
    for error in errors:
        if error.sample in NOT_SHOWN:
            continue
        translated = translate_reason(error.sample)
        assert translated != error.sample, f"{error.where}: no translation for {error.sample!r}"
        for value in re.findall(r"x\d+", error.sample):
            assert value in translated, (error.where, error.sample, translated)
