"""Import torch without freezing other threads.

`import torch` loads libtorch_cpu.so (hundreds of MB of code with static initialisers) through
Python's extension loader, which holds the GIL for the whole `dlopen`: measured here, the GUI
thread stood still for 210–290 ms while a worker imported torch. Calling libc's `dlopen`
through ctypes releases the GIL, so loading torch's libraries that way first and importing
afterwards (then a cheap second `dlopen` of an already-loaded file) keeps every gap < 40 ms.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import importlib.util
import os
import sys
import threading
import time

# Dependency order; names that do not exist in a given build are skipped.
_LIBRARIES = (
    "libtorch_global_deps.so",
    "libc10.so",
    "libtorch_cpu.so",
    "libtorch.so",
    "libtorch_python.so",
)
_preloaded = False


def preload_torch_libraries() -> bool:
    """Load torch's shared libraries with the GIL released (Linux); True if anything was done."""
    global _preloaded
    if _preloaded or "torch" in sys.modules or not sys.platform.startswith("linux"):
        return False
    _preloaded = True
    spec = importlib.util.find_spec("torch")
    if spec is None or spec.origin is None:
        return False
    lib_dir = os.path.join(os.path.dirname(spec.origin), "lib")
    try:
        libc = ctypes.CDLL(None)
        dlopen = libc.dlopen
    except (OSError, AttributeError):
        return False
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    for name in _LIBRARIES:
        path = os.path.join(lib_dir, name)
        if os.path.exists(path):
            dlopen(os.fsencode(path), os.RTLD_NOW | os.RTLD_GLOBAL)  # foreign call: GIL released
    return True


def import_torch():
    """(torch module, seconds it took); the libraries are preloaded first where that helps."""
    start = time.perf_counter()
    preload_torch_libraries()
    import torch

    return torch, time.perf_counter() - start


def import_torch_in_background() -> None:
    """Start importing torch on a thread (1.1–1.5 s here) so that it overlaps other work,
    e.g. feature extraction before a head is trained; a later `import torch` waits for it.

    Not a daemon: a process that ends meanwhile (an error at once, Ctrl+C) waits for the import
    to finish. Torn down while torch's native initialisers ran, it crashed (a segfault in 3 of
    11 runs that stopped at once on a read-only home)."""
    if "torch" in sys.modules or importlib.util.find_spec("torch") is None:
        return

    def run() -> None:
        # A failure is raised again, clearly, by the foreground import.
        with contextlib.suppress(Exception):
            import_torch()

    threading.Thread(target=run, name="import-torch", daemon=False).start()


_quiet_import_lock = threading.Lock()


def import_torch_quietly() -> None:
    """Import torch without long pauses of other threads, set up for training (one core left
    to the window, the ONNX exporter ready). The window's training child calls it first; the
    window itself never imports torch.

    A full garbage collection holds the GIL for as long as it takes to scan every object:
    measured 40–100 ms once torch's modules exist, and each one stalls the GUI thread. So the
    import runs with the collector paused, and everything alive afterwards (the app, torch's
    modules: objects that live as long as the process) is moved out of the collector's scans
    with `gc.freeze()`; later collections only look at what training itself creates.
    """
    with _quiet_import_lock:  # a second caller waits until the first has finished everything
        if "torch" not in sys.modules:
            _import_torch_with_gc_paused()


def _import_torch_with_gc_paused() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        import_torch()
        import torch
        import torch.onnx  # noqa: F401 - the head's export needs it at the end of training

        # Leave one core to the GUI thread: the plots stay smooth on small machines.
        torch.set_num_threads(max(1, min(torch.get_num_threads(), (os.cpu_count() or 2) - 1)))
        # The first ONNX export in a process sets up the exporter (~100 ms holding the GIL):
        # do it now on a toy model, not at the end of the run.
        from desktop_app.core.onnx_utils import torch_to_onnx

        torch_to_onnx(torch.nn.Linear(2, 2).eval(), torch.zeros(1, 2), "x", "y")

        gc.freeze()
    finally:
        if enabled:
            gc.enable()


def settle_garbage() -> None:
    """Before a long run starts (a click on Start): collect once, then leave what survives out
    of later scans.

    One collection now (a pause the user does not notice, right after a click) instead of
    full collections during training, each of which holds the GIL and freezes the plots.
    Skipped while a quiet torch import is in progress: a collection now would scan all of
    its half-built modules (150 ms measured), and that import ends with its own `gc.freeze()`.
    """
    if _quiet_import_lock.locked():
        return
    gc.collect()
    gc.freeze()
