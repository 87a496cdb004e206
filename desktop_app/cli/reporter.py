"""What the CLI prints while a workflow runs: progress on stderr, English lines, `cancelled`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

EXIT_ERROR = 2
EXIT_CANCELLED = 130
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE (128 + 13)

# Bidirectional overrides and isolates: they reorder what a terminal shows ("Trojan Source").
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def terminal_safe(text: str, keep_newlines: bool = True) -> str:
    """`text` with control characters (C0, DEL, C1: terminal escape sequences) and bidi
    overrides written as `\\x1b`-style escapes, so that a label, a file name or a text from a
    crafted model or folder cannot move the cursor, recolour or retitle the user's terminal.
    Newlines stay unless `keep_newlines` is false (one row per line on stdout)."""
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    out = []
    for char in text:
        code = ord(char)
        if char == "\n" and keep_newlines:
            out.append(char)
        elif code < 0x20 or 0x7F <= code < 0xA0 or char in _BIDI:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


_interrupted: list[int] = []  # Ctrl+C came (since `watch_interrupts`)
_cancelled: list[bool] = []  # the command ended as cancelled
_deferred: list[int] = []  # a Ctrl+C that came inside an import, not raised yet


def json_line(value: Any) -> str:
    """`value` as one line of JSON for stdout: UTF-8 as it is, but DEL, C1 controls and bidi
    overrides written as `\\u` escapes too (JSON escapes only C0 by itself), so that a label
    from a crafted model cannot drive the terminal it is printed on."""
    import json

    text = json.dumps(value, ensure_ascii=False)
    if text.isprintable() and not _BIDI.intersection(text):
        return text
    return "".join(f"\\u{ord(c):04x}" if 0x7F <= ord(c) < 0xA0 or c in _BIDI else c for c in text)


def _on_interrupt(signum: int, frame: Any) -> None:
    _interrupted.append(signum)
    if _inside_import(frame):
        # An exception thrown through a native module's initialisation (onnx's pybind11 module)
        # crashes the interpreter (a segfault in about 1 of 100 early Ctrl+C). This one is kept
        # for later: `take_interrupt` raises it at the next progress event or when the command
        # ends, and the signal comes again in a moment (the import in progress may be over).
        import os
        import threading

        _deferred.append(signum)
        again = threading.Timer(0.05, os.kill, (os.getpid(), signum))
        again.daemon = True
        again.start()
        return
    _deferred.clear()
    raise KeyboardInterrupt


def take_interrupt() -> None:
    """Raise the KeyboardInterrupt of a Ctrl+C that came during an import, if one did."""
    if _deferred:
        _deferred.clear()
        raise KeyboardInterrupt


def _inside_import(frame: Any) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib._bootstrap"):
            return True
        frame = frame.f_back
    return False


def watch_interrupts() -> Any:
    """Raise KeyboardInterrupt on Ctrl+C as Python does, and remember that it came: a Ctrl+C
    that lands inside some imports comes back as another error (numpy turns it into an
    ImportError), which must still end as `cancelled`. A SIGINT that was ignored stays so.
    Returns the handler it replaced (for `stop_watching`)."""
    import signal

    _interrupted.clear()
    _cancelled.clear()
    _deferred.clear()
    previous = signal.getsignal(signal.SIGINT)
    if previous is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)
    return previous


def stop_watching(previous: Any) -> None:
    """Put back the SIGINT handler `watch_interrupts` replaced (a caller in the same process,
    a test, goes on as before), unless the command was cancelled: then the process is ending,
    and a second Ctrl+C stays ignored."""
    import contextlib
    import signal

    if not _cancelled and previous is not None:
        with contextlib.suppress(ValueError, OSError, TypeError):
            signal.signal(signal.SIGINT, previous)


def was_interrupted() -> bool:
    """Whether Ctrl+C came since `watch_interrupts`."""
    return bool(_interrupted)


def cancelled(quiet: bool = False) -> int:
    """Say `cancelled` (one line on stderr, unless `quiet`) and give the exit code of a Ctrl+C;
    a second Ctrl+C while the process ends is ignored, so it cannot print a traceback."""
    import contextlib
    import signal

    _cancelled.append(True)
    with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not quiet:
        with contextlib.suppress(OSError, ValueError):  # no stderr left to say it on
            print("cancelled", file=sys.stderr, flush=True)
    # A KeyboardInterrupt that ended inside a string `exec` (dataclasses and namedtuple build
    # their methods so, while modules are imported) leaves CPython's "unhandled Ctrl+C" flag
    # set even though it was handled here; under `python -m` the interpreter would then kill
    # itself with SIGINT at exit instead of returning 130. Each string `exec` clears the flag.
    exec("None")  # noqa: S102 - a constant string: clears that flag, runs nothing
    return EXIT_CANCELLED


class UsageError(ValueError):
    """A command line that cannot work (printed as `error: …`, exit code 2)."""


class Reporter:
    """Progress on stderr: one rewritten line on a terminal, a line per 10 % otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._last_decile: dict[str, int] = {}

    def progress(
        self, stage: str, done: int, total: int, eta: float | None, message: str = ""
    ) -> None:
        if self.quiet or total <= 0:
            return
        eta_text = f", about {eta:.0f} s left" if eta is not None and done < total else ""
        line = f"{stage}: {done}/{total}{eta_text}" + (f" ({message})" if message else "")
        if self.tty:
            end = "\n" if done >= total else ""
            print(f"\r\033[K{line}", end=end, file=sys.stderr, flush=True)
            return
        decile = done * 10 // total
        if message or decile != self._last_decile.get(stage) or done >= total:
            self._last_decile[stage] = decile
            print(line, file=sys.stderr, flush=True)

    def line(self, text: object) -> None:
        """One line on stderr: a string, or a core `Phrase` (printed in English)."""
        if not self.quiet:
            if self.tty:
                print("\r\033[K", end="", file=sys.stderr)
            print(terminal_safe(str(text)), file=sys.stderr, flush=True)

    def skipped(self, skipped: Iterable[Any]) -> None:
        """One `skipped: PATH: REASON` line per item."""
        for item in skipped:
            self.line(f"skipped: {item.path}: {item.reason}")

    def run(self, events: Iterable[object], on_event: Any = None) -> Any:
        """Drain a workflow, printing its progress and messages; its result, or None when it
        was cancelled (by the workflow, or by Ctrl+C: one `cancelled` line either way).
        `on_event` sees every other event (e.g. rows to print as they come)."""
        from desktop_app.core.training.events import (
            Cancelled,
            EpochEnd,
            Finished,
            Message,
            Progress,
        )

        try:
            for event in events:
                take_interrupt()
                if isinstance(event, Progress):
                    self.progress(event.stage, event.done, event.total, event.eta_s, event.message)
                elif isinstance(event, EpochEnd):
                    self.line(epoch_line(event))
                elif isinstance(event, Message):
                    self.line(event.text)
                elif isinstance(event, Cancelled):
                    self.line("cancelled")
                    return None
                elif isinstance(event, Finished):
                    return event.result
                elif on_event is not None:
                    on_event(event)
        except KeyboardInterrupt:
            if self.tty and not self.quiet:
                print("\r\033[K", end="", file=sys.stderr)
            cancelled(self.quiet)
            return None
        raise RuntimeError("the job ended without a result")


def epoch_line(event: Any) -> str:
    """`epoch 3/40: loss 0.1234 acc 0.950 | val loss … *` for an EpochEnd."""
    val = (
        ""
        if event.val_loss is None
        else f" | val loss {event.val_loss:.4f} acc {event.val_accuracy:.3f}"
    )
    return (
        f"epoch {event.epoch}/{event.max_epochs}: loss {event.train_loss:.4f} "
        f"acc {event.train_accuracy:.3f}{val}{' *' if event.improved else ''}"
    )
