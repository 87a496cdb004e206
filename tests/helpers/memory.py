"""Resident memory of this process, for the soak tests (issue 6)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import sys
from typing import Any

import pytest


def rss_mb() -> float:
    """Resident set size in MiB: now (Linux, /proc/self/statm) or the peak so far (macOS).

    A peak only grows, so a bound on its growth is a bound on the growth of the real RSS too.
    """
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        pytest.skip("no way to read this process's memory here")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _glibc_function(name: str) -> Any:
    libc_name = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    return getattr(ctypes.CDLL(libc_name), name, None) if libc_name else None


def settled_rss_mb() -> float:
    """`rss_mb()` after a garbage collection and, with glibc, `malloc_trim(0)`.

    Freed memory that the allocator keeps for later varies by tens of MiB from one moment to
    the next; handing it back first leaves what is really held, so a leak stands out.
    """
    gc.collect()
    trim = _glibc_function("malloc_trim")
    if trim is not None:
        trim(0)
    return rss_mb()


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def malloc_in_use_mb() -> float | None:
    """MiB that malloc has handed out and not got back (glibc ≥ 2.33; None elsewhere).

    Unlike RSS, free memory that glibc keeps (even after `malloc_trim`, up to ~30 MiB here
    from one moment to the next) does not count: only what something still holds.
    """
    mallinfo2 = _glibc_function("mallinfo2")
    if mallinfo2 is None:
        return None
    gc.collect()
    mallinfo2.restype = _MallInfo2
    info = mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20
