"""Command line: the same engine as the window, no Qt. No arguments opens the window.

    desktop-app train DATA_DIR --out MODEL.onnx [--backbone ID] [--epochs N] [--seed S] [--int8]
                      [--device auto|cpu|cuda] [--folds K] [--fine-tune]
    torchrun --nproc_per_node=N -m desktop_app train DATA_DIR --fine-tune --out MODEL.onnx
                      (the fine-tune over N processes, DDP: gloo on CPUs, one GPU each with NCCL)
    desktop-app quantize MODEL.onnx --data DATA_DIR --out MODEL-int8.onnx
    desktop-app evaluate MODEL.onnx DATA_DIR --json
    desktop-app predict MODEL.onnx PATH... [--csv OUT.csv] [--top-k K] [--json]
    desktop-app predict TEXT_MODEL.onnx [--text "…"]... [FILE_OF_TEXTS...]   (in any order)
    desktop-app calibrate MODEL.onnx [--unsure-threshold P] [--json]
    desktop-app explain MODEL.onnx IMAGE... [--out DIR] [--json] [--grid N]   (heatmaps)
    desktop-app explain TEXT_MODEL.onnx --text "…" [--json]                   (word weights)
    desktop-app models [--build] [--force]
    desktop-app bench [--quick] [--json OUT]

Progress goes to stderr; results to stdout. Errors: one clear line on stderr, exit code 2;
Ctrl+C: one `cancelled` line, exit code 130 (at any moment, the first imports included).
`train --folds K` also cross-validates (K heads on the cached features; `cv` in the JSON line).
Exported models carry a fitted temperature (applied in the graph) and an `unsure_threshold`:
`predict` prints `unsure` for a prediction below it (and the CSV's `unsure` column says true);
`calibrate` shows a model's calibration and, with `--unsure-threshold P`, sets that threshold.
The parser and the commands live in `program.py`; this module stays light so that the entry
point's own import is over before a Ctrl+C can land in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desktop_app.cli.reporter import (
    EXIT_BROKEN_PIPE,
    EXIT_CANCELLED,
    EXIT_ERROR,
    cancelled,
    stop_watching,
    take_interrupt,
    was_interrupted,
    watch_interrupts,
)

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_CANCELLED", "EXIT_ERROR", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the window); Ctrl+C anywhere, imports included: `cancelled`, 130."""
    previous = watch_interrupts()
    try:
        from desktop_app.cli.program import run

        status = run(argv)
        take_interrupt()  # a Ctrl+C that came during an import, not seen since
        return status
    except KeyboardInterrupt:
        return cancelled()
    except BaseException:
        if was_interrupted():  # an error that a Ctrl+C caused (an import it broke)
            return cancelled()
        raise
    finally:
        stop_watching(previous)


def __getattr__(name: str) -> Any:
    """`build_parser` without importing the commands when only `main` is wanted."""
    if name == "build_parser":
        from desktop_app.cli.program import build_parser

        return build_parser
    raise AttributeError(name)
