"""ONNX Runtime sessions: one place that picks providers and session options.

CUDA is asked for when the installed wheel offers it; ORT falls back to the CPU by itself when
CUDA's libraries are missing, and we remember that so later sessions do not retry. TensorRT only
on request (`CLASSIFIER_STUDIO_TENSORRT=1`: engines take minutes to build).
`CLASSIFIER_STUDIO_DEVICE=cpu` forces the CPU. Needs only onnxruntime and numpy.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

import numpy as np
import onnxruntime as ort

CPU = "CPUExecutionProvider"
CUDA = "CUDAExecutionProvider"
TENSORRT = "TensorrtExecutionProvider"

_gpu_failed = False
T = TypeVar("T")
# One `session.run` of a user's model (a batch) longer than this is stopped: far beyond what any
# model this app exports needs on a slow CPU, it ends a crafted endless `Loop`.
RUN_TIME_LIMIT_S = 120.0
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


class RunTimedOut(RuntimeError):
    """A `session.run` went past its time limit and was terminated."""


SessionRun = Callable[[list[str] | None, dict[str, np.ndarray]], list[np.ndarray]]


class _Helper:
    """A daemon thread that runs the main thread's native calls one at a time (cheaper than a
    thread per call: a model run is often well under a millisecond)."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.busy = False
        # daemon: should native work ignore its stop, it cannot keep the process alive
        threading.Thread(target=self._serve, name="native-run", daemon=True).start()

    def _serve(self) -> None:
        while True:
            self.jobs.get()()


_helper: _Helper | None = None


def interruptible(work: Callable[[], T], stop: Callable[[], None] | None = None) -> T:
    """`work()`; on the main thread it runs on a helper thread while the main thread waits, so
    that Ctrl+C (which Python only sees on the main thread, between bytecodes, never inside a
    long native call) stops the wait at once: `stop` is called (ask the native work to end)
    and KeyboardInterrupt goes on. Elsewhere (a window's worker) `work()` runs as it is."""
    global _helper
    if threading.current_thread() is not threading.main_thread():
        return work()
    if _helper is None or _helper.busy:  # busy: still stuck in work that ignored its stop
        _helper = _Helper()
    helper = _helper
    done = threading.Event()
    box: dict[str, Any] = {}

    def job() -> None:
        try:
            box["result"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the waiting thread as it is
            box["error"] = error
        finally:
            helper.busy = False
            done.set()

    helper.busy = True
    helper.jobs.put(job)
    try:
        done.wait()
    except KeyboardInterrupt:
        if stop is not None:
            stop()
            done.wait(5.0)  # ONNX Runtime ends a terminated run at its next node
        raise
    if "error" in box:
        raise box["error"]
    return box["result"]


class _Watchdog:
    """One daemon thread that calls `expire` for runs past their deadline (a timer thread per
    run would cost more than a small model's run). It looks at least once a second, so adding
    a run seldom needs to wake it (each wake-up takes the GIL from the run being guarded)."""

    POLL_S = 1.0

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._runs: dict[int, tuple[float, Callable[[], None]]] = {}
        self._count = 0
        self._wake_at = 0.0
        self._thread: threading.Thread | None = None

    def add(self, seconds: float, expire: Callable[[], None]) -> int:
        deadline = time.monotonic() + seconds
        with self._cond:
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="run-watchdog")
                self._thread.daemon = True
                self._thread.start()
            self._count += 1
            self._runs[self._count] = (deadline, expire)
            if deadline < self._wake_at:  # sooner than it will look: tell it now
                self._cond.notify()
            return self._count

    def remove(self, token: int) -> None:
        with self._cond:
            self._runs.pop(token, None)

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for token, (deadline, expire) in list(self._runs.items()):
                    if deadline <= now:
                        del self._runs[token]
                        expire()
                earliest = min((d for d, _ in self._runs.values()), default=now + self.POLL_S)
                self._wake_at = min(earliest, now + self.POLL_S)
                self._cond.wait(max(0.0, self._wake_at - now))


_watchdog = _Watchdog()


def run_guarded(
    session: ort.InferenceSession,
    output_names: list[str] | None,
    feeds: dict[str, np.ndarray],
    time_limit_s: float | None = RUN_TIME_LIMIT_S,
) -> list[np.ndarray]:
    """`session.run` that cannot hang: past `time_limit_s` it is terminated (RunTimedOut), and
    Ctrl+C stops it on the command line (`interruptible`). Its errors come back as exceptions
    only (ONNX Runtime's own error log lines are silenced)."""
    options = ort.RunOptions()
    options.log_severity_level = 4
    timed_out: list[bool] = []

    def stop() -> None:
        options.terminate = True

    def expire() -> None:
        timed_out.append(True)
        stop()

    token = None if time_limit_s is None else _watchdog.add(time_limit_s, expire)
    try:
        return interruptible(lambda: session.run(output_names, feeds, options), stop)
    except Exception as error:
        if timed_out:
            raise RunTimedOut(f"stopped after {time_limit_s} s") from error
        raise
    finally:
        if token is not None:
            _watchdog.remove(token)


@contextmanager
def native_stderr_muted() -> Iterator[None]:
    """On the command line's main thread, send what native code writes to stderr (a Rust panic
    message from a crafted tokenizer) to the null device while the block runs; the error itself
    still comes back as an exception. Elsewhere (a window's worker, no real stderr) nothing
    changes: other threads may be writing to stderr meanwhile."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        import sys

        sys.stderr.flush()
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def run_images(
    session: ort.InferenceSession,
    images: Sequence[np.ndarray],
    run: SessionRun | None = None,
) -> np.ndarray:
    """Run an image model (uint8 RGB NHWC in) over images, batching those of equal size;
    `run(output_names, feeds)` in place of `session.run` (a guarded run for a user's model)."""
    run = run or session.run
    outputs: list[np.ndarray | None] = [None] * len(images)
    by_shape: dict[tuple[int, ...], list[int]] = {}
    for i, image in enumerate(images):
        by_shape.setdefault(image.shape, []).append(i)
    input_name = session.get_inputs()[0].name
    first_output = [session.get_outputs()[0].name]  # not the optional `cam` of image models
    for positions in by_shape.values():
        batch = np.stack([images[i] for i in positions])
        result = run(first_output, {input_name: batch})[0]
        for row, i in zip(result, positions, strict=True):
            outputs[i] = row
    return np.stack(outputs)
