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
    """Start importing torch on a daemon thread (1.1–1.5 s here) so that it overlaps other work,
    e.g. feature extraction before a head is trained; a later `import torch` waits for it."""
    if "torch" in sys.modules or importlib.util.find_spec("torch") is None:
        return

    def run() -> None:
        # A failure is raised again, clearly, by the foreground import.
        with contextlib.suppress(Exception):
            import_torch()

    threading.Thread(target=run, name="import-torch", daemon=True).start()
