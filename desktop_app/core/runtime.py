"""ONNX Runtime sessions: one place that picks providers and session options.

CUDA is asked for when the installed wheel offers it; ORT falls back to the CPU by itself when
CUDA's libraries are missing, and we remember that so later sessions do not retry. TensorRT only
on request (`CLASSIFIER_STUDIO_TENSORRT=1`: engines take minutes to build).
`CLASSIFIER_STUDIO_DEVICE=cpu` forces the CPU. Needs only onnxruntime and numpy.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import onnxruntime as ort

CPU = "CPUExecutionProvider"
CUDA = "CUDAExecutionProvider"
TENSORRT = "TensorrtExecutionProvider"

_gpu_failed = False
ort.set_default_logger_severity(3)  # errors only: ORT warns about harmless shape merges


def cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def session_options() -> ort.SessionOptions:
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = cpu_threads()
    options.log_severity_level = 3
    # No busy-waiting between runs: spinning threads took both cores from the GUI thread
    # (heartbeat gaps 110–125 ms at the end of training; 48–67 ms without spinning).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return options


def choose_providers() -> list[str]:
    """The providers to ask for, best first; always ends with the CPU."""
    available = ort.get_available_providers()
    if _gpu_failed or os.environ.get("CLASSIFIER_STUDIO_DEVICE", "").lower() == "cpu":
        return [CPU]
    providers: list[str] = []
    if os.environ.get("CLASSIFIER_STUDIO_TENSORRT") == "1" and TENSORRT in available:
        providers.append(TENSORRT)
    if CUDA in available:
        providers.append(CUDA)
    return [*providers, CPU]


def create_session(model: str | bytes, providers: list[str] | None = None) -> ort.InferenceSession:
    """A session on the best provider that really works (the CPU when no GPU does)."""
    global _gpu_failed
    requested = providers or choose_providers()
    wants_gpu = requested[0] != CPU
    if wants_gpu:
        ort.set_default_logger_severity(4)  # a missing CUDA library is expected on CPU machines
    try:
        session = ort.InferenceSession(model, session_options(), providers=requested)
    finally:
        ort.set_default_logger_severity(3)
    if wants_gpu and session.get_providers()[0] == CPU:
        _gpu_failed = True
    return session


def run_images(session: ort.InferenceSession, images: Sequence[np.ndarray]) -> np.ndarray:
    """Run an image model (uint8 RGB NHWC in) over images, batching those of equal size."""
    outputs: list[np.ndarray | None] = [None] * len(images)
    by_shape: dict[tuple[int, ...], list[int]] = {}
    for i, image in enumerate(images):
        by_shape.setdefault(image.shape, []).append(i)
    input_name = session.get_inputs()[0].name
    for positions in by_shape.values():
        batch = np.stack([images[i] for i in positions])
        result = session.run(None, {input_name: batch})[0]
        for row, i in zip(result, positions, strict=True):
            outputs[i] = row
    return np.stack(outputs)
