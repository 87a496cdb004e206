"""Atomic file writes (ARCHITECTURE rule 11): temp file, fsync, `os.replace`; and reading a
user's file safely (a regular file, under a size cap), so a pipe or a device never hangs us."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from desktop_app.core.errors import CoreError

TEMP_SUFFIX = ".tmp"
# Texts to classify or import: far beyond any real CSV, small enough to read into memory.
MAX_TEXT_FILE_BYTES = 1024**3
_READ_CHUNK = 1 << 20


class UserFileError(CoreError, ValueError):
    """A user's file that is not read: a pipe or a device, or a file over the size cap."""


def read_user_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """The bytes of a user's file, refused before reading when it is not a regular file (a
    named pipe would block `open` forever, `/dev/zero` never ends) or is larger than
    `max_bytes`; never more than `max_bytes` are read, even from a file that grows. The
    UserFileError holds the reason alone (callers name the file); OSError as usual for a
    missing or unreadable file."""
    # O_NONBLOCK: opening a FIFO for reading does not wait for a writer; fstat then judges the
    # very file opened (no race with a swap after a stat of the path).
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserFileError("file.not_regular")
        if info.st_size > max_bytes:
            raise UserFileError("file.too_large", _mb(info.st_size), _mb(max_bytes))
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise UserFileError("file.too_large", _mb(size), _mb(max_bytes))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f}"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write temp file, fsync, rename: a crash never leaves half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; models and projects are meant to be shared
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_json(path: str | os.PathLike[str], data: Any) -> None:
    """JSON (UTF-8, readable) written atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    atomic_write_bytes(path, text.encode("utf-8"))


def is_temp_file(path: str | os.PathLike[str]) -> bool:
    """True for the hidden `.<name>.<random>.tmp` files that `atomic_write_bytes` writes first."""
    name = Path(path).name
    return name.startswith(".") and name.endswith(TEMP_SUFFIX) and name.count(".") >= 3


def remove_stale_temp_files(folder: str | os.PathLike[str], older_than_s: float = 600.0) -> int:
    """Delete temp files a killed writer left in `folder` (not recursive); returns how many.

    Only files older than `older_than_s` go, so a write still running elsewhere keeps its own."""
    removed = 0
    limit = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not is_temp_file(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    if os.name != "posix":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
