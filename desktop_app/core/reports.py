"""What exporting a model reports: plain frozen data in a module without heavy imports.

It lives apart from `export.py` (which imports onnx, 0.5 s holding the GIL) so that a process
that only receives a report, the window from its training child, never imports onnx for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExportReport:
    """The fused model written to `path`: its size, and how closely ONNX Runtime reproduced
    the PyTorch head on `parity_samples` items."""

    path: str
    size_bytes: int
    parity_max_abs_diff: float
    parity_samples: int
    seconds: float
