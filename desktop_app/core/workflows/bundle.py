"""The export bundle: the model file with a ready-to-run `predict.py` (or `predict_text.py`) and
a README.txt beside it. The README is English on purpose: the files travel to people who may not
use the app."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.tasks import get_task
from desktop_app.core.training.events import CancelToken, Finished, Progress
from desktop_app.core.workflows.stages import relay

README_MARKER = "Classifier Studio model"
SCRIPT_MARKER = "exported by Classifier Studio"


@dataclass(frozen=True)
class ModelFacts:
    """What the README says about a model: its labels, where it came from, its accuracy."""

    task: str  # "image" or "text"
    labels: tuple[str, ...]
    origin: str  # a run id, or "the file NAME"
    accuracy: float | None = None
    eval_n: int | None = None  # held-out items behind `accuracy` (None: not known)
    eval_split: str = ""


@dataclass(frozen=True)
class Bundle:
    """The files written: the model, its script, its README (and the INT8 report, if any)."""

    model: str
    script: str
    readme: str
    int8: Any = None  # QuantizeReport


def script_name(task: str) -> str:
    """The sample script shipped beside a model of `task`."""
    return get_task(task).script_name


def companion_path(model: Path, name: str, marker: str, describes: str | None = None) -> Path:
    """`name` beside the model, unless a file of that name there is someone else's — or, for a
    file that `describes` one model (the README), one that describes another model: then
    `<model stem>-<name>`, so exporting INT8 beside the float model keeps the float's README."""
    candidate = model.parent / name
    if candidate.exists():
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        if marker not in text or (describes is not None and f"{describes}\n" not in text):
            return model.parent / f"{model.stem}-{name}"
    return candidate


def write_bundle_files(target: Path, facts: ModelFacts, int8_report: Any = None) -> Bundle:
    """predict.py and README.txt beside an already written model (atomically); OSError if not."""
    from desktop_app.core.fileio import atomic_write_bytes
    from desktop_app.core.paths import resources_dir

    name = script_name(facts.task)
    sample = (resources_dir() / "samples" / name).read_bytes()
    script = companion_path(target, name, SCRIPT_MARKER)
    atomic_write_bytes(script, sample)
    readme = companion_path(target, "README.txt", README_MARKER, f"{README_MARKER}: {target.name}")
    atomic_write_bytes(readme, readme_text(target, script.name, facts, int8_report).encode("utf-8"))
    return Bundle(str(target), str(script), str(readme), int8_report)


def export_bundle(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    facts: ModelFacts,
    cancel: CancelToken,
    int8: bool = False,
    calibration: Sequence[str] = (),
    held_out: Any = None,
) -> Iterator[object]:
    """Copy `source` to `target` (or write its INT8 copy, calibrated on `calibration` and checked
    on `held_out`, a `quantize.HeldOut`), then the script and README beside it;
    `Finished(Bundle)`, or `Cancelled` with nothing written."""
    from desktop_app.core.fileio import atomic_write_bytes

    source, target = Path(source), Path(target)
    report = None
    if int8:
        from desktop_app.core.quantize import quantize_model

        report = yield from relay(
            quantize_model(source, target, calibration, cancel, held_out=held_out)
        )
        if report is None:
            return
    else:
        yield Progress("export", 0, 1)
        if target.resolve() != source.resolve():
            atomic_write_bytes(target, source.read_bytes())
        yield Progress("export", 1, 1)
    yield Finished(write_bundle_files(target, facts, report))


def int8_check_words(report: Any) -> str:
    """What the INT8 check found, in English (README, CLI): agreement and accuracy change on
    the held-out items; "" when nothing was checked."""
    if report.top1_agreement is None:
        return ""
    words = (
        f"On {report.check_items} held-out {report.check_split} items (not used in training), "
        f"its top label agreed with the full model's on {report.top1_agreement * 100:.1f} %"
    )
    change = report.accuracy_change_points
    if change is not None:
        words += (
            f"; accuracy {report.int8_accuracy * 100:.1f} % against "
            f"{report.float_accuracy * 100:.1f} % ({change:+.1f} points)"
        )
    return words + "."


def readme_text(target: Path, script: str, facts: ModelFacts, int8_report: Any = None) -> str:
    """README.txt beside an export: what the file is, its labels and accuracy, how to run it."""
    from desktop_app import __version__

    labels, accuracy = facts.labels, facts.accuracy
    if accuracy is None:
        accuracy_line = "Accuracy: not measured (no validation or test images)."
    else:
        split = ""
        if facts.eval_n is not None:
            words = ["on", str(facts.eval_n), "held-out", facts.eval_split, "images"]
            split = " " + " ".join(w for w in words if w)
        accuracy_line = f"Accuracy: {accuracy * 100:.1f} %{split}."
    if int8_report is not None:
        agreement = (
            "" if int8_report.top1_agreement is None else "\n" + int8_check_words(int8_report)
        )
        speed = (
            ""
            if int8_report.speedup is None
            else f"\nOn the computer that exported it, it ran at {int8_report.speedup:.1f}× the "
            "full model's speed\n(INT8 is faster on CPUs with 8-bit dot-product instructions: "
            "AVX-512 VNNI, AVX-VNNI, Arm dot product)."
        )
        accuracy_line = (
            f"{accuracy_line.replace('Accuracy', 'Accuracy of the full-precision model')}\n"
            f"This is the INT8 (quantized) model: {int8_report.size_bytes / 1e6:.1f} MB "
            f"instead of {int8_report.float_size_bytes / 1e6:.1f} MB."
            f"{agreement}{speed}"
        )
    title = f"{README_MARKER}: {target.name}"
    task = get_task(facts.task)
    what, run = task.readme_lines(target.name, script, facts.origin, __version__)
    return "\n".join(
        [
            title,
            "=" * len(title),
            "",
            *what,
            "",
            f"Labels ({len(labels)}): {', '.join(labels)}",
            accuracy_line.replace(" images.", f" {task.items_word}."),
            "",
            "Run it (Python 3.9 or newer):",
            "",
            *run,
            "",
            f"It prints the top 3 labels with their probabilities for every {task.item_word} given;",
            f"add --json for every probability. {script} is a short script: read it",
            "to use the model from your own code.",
            "",
        ]
    )
