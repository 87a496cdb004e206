"""One writer per project: an OS-level lock file in the project folder.

Two windows (or processes) writing one project lose data: each saves its own copy of
`project.json`, and both number their next run the same. So whoever opens a project to change it
takes `<project>/project.lock`: an exclusive `flock` (POSIX) or `msvcrt.locking` (Windows) held on
an open file for as long as the project is open. The file also says who holds it (pid, host,
time), for the message the second opener reads.

The operating system drops the lock when its holder exits, however it exits, so a crash leaves no
stale lock. Where the file system cannot lock (some network shares), the pid in the file decides:
a holder that is not alive on this host is stale and its lock is taken over.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.errors import Phrase

LOCK_FILE = "project.lock"
# errno values that mean "this folder cannot be written" (not "someone else has it")
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_WINDOWS_LOCK_OFFSET = 1 << 30  # msvcrt locks a byte past the text, so the text stays readable
# never follow a link, never wait on a pipe: a crafted project must not make us write elsewhere
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_MAX_HOLDER_BYTES = 4096
_HOLDER_BYTES = 256  # what a holder writes, padded with spaces


@dataclass(frozen=True)
class LockHolder:
    """Who holds a project's lock, as its lock file says."""

    pid: int
    host: str
    since: str

    @property
    def phrase(self) -> Phrase:
        """The holder as a value inside a message ("process 12 on host, since …")."""
        return Phrase("project.lock_holder", (self.pid, self.host, self.since))

    def alive_here(self) -> bool:
        """True unless the holder is known dead: a process of this host that no longer runs."""
        if self.host != socket.gethostname():
            return True  # another machine's process: nothing here can tell
        return _pid_alive(self.pid)


class LockHeld(Exception):
    """The lock is held elsewhere; `holder` says by whom (None: the file does not say).
    `core/project.py` turns it into a `ProjectLockedError` a person reads."""

    def __init__(self, holder: LockHolder | None) -> None:
        super().__init__(holder)
        self.holder = holder


class ProjectLock:
    """The lock on one project folder, held until `release()` (or the process ends)."""

    def __init__(self, folder: Path, fd: int) -> None:
        self.folder = folder
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let others write the project again (the lock file stays: removing it would race)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        except OSError:
            pass
        finally:
            os.close(fd)

    def __del__(self) -> None:  # a project dropped without close(): free the folder anyway
        self.release()


def lock_path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / LOCK_FILE


def read_holder(folder: str | os.PathLike[str]) -> LockHolder | None:
    """What the lock file says about its holder, if it can be read."""
    try:
        fd = os.open(lock_path(folder), os.O_RDONLY | (_OPEN_FLAGS & ~(os.O_RDWR | os.O_CREAT)))
    except OSError:
        return None
    try:
        return _holder_of(fd) if stat.S_ISREG(os.fstat(fd).st_mode) else None
    finally:
        os.close(fd)


def _holder_of(fd: int) -> LockHolder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, _MAX_HOLDER_BYTES).decode("utf-8") or "{}")
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def acquire_project_lock(folder: str | os.PathLike[str]) -> ProjectLock:
    """Take the project's lock, or raise `LockHeld` naming the holder.

    An `OSError` whose errno is in READ_ONLY_ERRNOS / DISK_FULL_ERRNOS means the folder cannot
    be written at all: the caller opens the project read-only."""
    folder = Path(folder)
    path = lock_path(folder)
    fd = os.open(path, _OPEN_FLAGS, 0o644)  # a link: ELOOP
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:  # a pipe, a device, a hard link
            raise OSError(errno.EINVAL, "not a plain file of this project", str(path))
        try:
            locked = _try_lock(fd)
        except OSError as error:
            if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                raise
            # no locking on this file system: the pid written in the file decides
            holder = _holder_of(fd)
            locked = holder is None or holder.pid == os.getpid() or not holder.alive_here()
        if not locked:
            raise LockHeld(_holder_of(fd))
        _write_holder(fd)
    except BaseException:
        os.close(fd)
        raise
    return ProjectLock(folder, fd)


def _write_holder(fd: int) -> None:
    """Say who holds the lock (pid, host, time); a full disk only loses the words."""
    text = json.dumps(
        {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            "app": "Classifier Studio",
        }
    ).encode("utf-8")
    text = text.ljust(
        _HOLDER_BYTES
    )  # one size: rewritten in place, no truncate (slow on some disks)
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, text)  # no fsync: the words are advisory, the OS lock is what counts
        if os.fstat(fd).st_size > len(text):  # a longer file before: cut what follows
            os.ftruncate(fd, len(text))
    except OSError:
        pass


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
