"""Offline for real: import → train → export → predict opens no network connection, through
the command line and through the window.

The guard is a Python audit hook (`sys.addaudithook`): CPython raises an audit event for every
socket created, connected, bound or sent to, and for every name lookup, whichever module makes
the call (`socket`, `_socket`, urllib, http.client…). The hook records the event and raises, so
a connection attempt also fails the run. Unix-domain (AF_UNIX) and netlink sockets stay local
and are allowed; they are listed if used. The CLI runs in a subprocess with the hook installed
by a `sitecustomize` on PYTHONPATH (so any Python child is guarded too) and, where `strace`
works, under `strace -f`, which also sees sockets opened by native code. The window runs in
this process (pytest-qt, offscreen) with the same hook switched on for the test, and must not
have loaded QtNetwork or kept an internet socket open.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.synthetic import write_class_folders

REPO = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 180_000

GUARD = r'''
"""Installed by tests/e2e/test_no_network.py: record and refuse every network access."""
import os
import socket
import sys

_LOCAL = {socket.AF_UNIX, getattr(socket, "AF_NETLINK", -2)}
_USE = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"}
_LOOKUP = {
    "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex",
    "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request", "http.client.connect",
    "ftplib.connect", "smtplib.connect", "imaplib.open", "poplib.connect", "webbrowser.open",
}
active = [True]


def _note(line):
    with open(os.environ["NO_NETWORK_LOG"], "a", encoding="utf-8") as log:
        log.write(line + "\n")


def _hook(event, args):
    if not active[0] or not (event in _USE or event in _LOOKUP or event == "socket.__new__"):
        return
    if event == "socket.__new__":
        family = args[1]
        if family in _LOCAL or family == -1:
            return
        what = f"socket.__new__ family={family}"
    elif event in _USE:
        if args[0].family in _LOCAL:
            _note(f"allowed {event} {args[0].family.name} {args[1]!r}")
            return
        what = f"{event} {args[1]!r}"
    else:
        what = f"{event} {args!r}"
    _note(f"BLOCKED {what}")
    raise PermissionError(f"network access in an offline test: {what}")


sys.addaudithook(_hook)
'''


def _blocked(log: Path) -> list[str]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [line for line in lines if line.startswith("BLOCKED")]


def _strace_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("strace") is None:
        return False
    probe = ["strace", "-f", "--seccomp-bpf", "-e", "trace=connect", "-o", os.devnull, "true"]
    return subprocess.run(probe, capture_output=True).returncode == 0


STRACE = _strace_works()
INET_CALL = re.compile(r"\b(connect|sendto|sendmsg|bind)\(.*sa_family=AF_INET6?\b")


class GuardedPython:
    """`python …` in a subprocess with the audit guard, under strace where it works."""

    def __init__(self, tmp: Path) -> None:
        self.folder = tmp / "guard"
        self.folder.mkdir()
        (self.folder / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
        self.log = tmp / "network.log"
        self.trace = tmp / "strace.log"
        self.env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(self.folder), str(REPO)])),
            "NO_NETWORK_LOG": str(self.log),
            "CLASSIFIER_STUDIO_HOME": str(tmp / "home"),
        }
        self.inet_calls: list[str] = []

    def run(self, *args: str, guard: bool = True, check: bool = True):
        env = self.env if guard else {**self.env, "PYTHONPATH": str(REPO)}
        command = [sys.executable, *args]
        if STRACE:
            trace_set = "trace=connect,sendto,sendmsg,bind"
            command = ["strace", "-f", "--seccomp-bpf", "-e", trace_set, "-o", str(self.trace)]
            command += [sys.executable, *args]
        process = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
        if STRACE:
            calls = self.trace.read_text(errors="replace").splitlines()
            self.inet_calls += [c for c in calls if INET_CALL.search(c)]
        if check and process.returncode != 0:
            raise AssertionError(f"exit {process.returncode}\n{process.stderr[-3000:]}")
        return process


def test_the_guard_catches_a_connection_and_a_lookup(tmp_path):
    """The guard can fail: a connect and a DNS lookup are recorded and refused; AF_UNIX is not."""
    python = GuardedPython(tmp_path)
    attempt = (
        "import socket\n"
        "a, b = socket.socketpair(); a.close(); b.close()\n"
        "for call in (lambda: socket.create_connection(('127.0.0.1', 9), timeout=1),\n"
        "             lambda: socket.getaddrinfo('example.com', 80)):\n"
        "    try:\n"
        "        call()\n"
        "    except PermissionError:\n"
        "        pass\n"
    )
    python.run("-c", attempt)
    blocked = _blocked(python.log)
    assert len(blocked) == 2, blocked
    assert any("socket.getaddrinfo" in b for b in blocked)
    if STRACE:  # strace sees a connect made without the Python guard
        python.run(
            "-c", "import socket; s = socket.socket(); s.connect_ex(('127.0.0.1', 9))", guard=False
        )
        assert any("127.0.0.1" in c for c in python.inet_calls)


def test_cli_import_train_export_predict_open_no_connection(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=8)
    python = GuardedPython(tmp_path)
    model = tmp_path / "out" / "colours.onnx"
    trained = python.run(
        "-m", "desktop_app", "train", str(data), "--out", str(model), "--epochs", "5", "--quiet"
    )
    summary = json.loads(trained.stdout.splitlines()[-1])
    assert summary["n_train"] > 0 and model.is_file()
    predicted = python.run("-m", "desktop_app", "predict", str(model), str(data / "red"), "--json")
    lines = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert len(lines) == 8 and all(line["labels"][0] == "red" for line in lines)
    assert _blocked(python.log) == []
    assert python.inet_calls == []


# ------------------------------------------------------------------ the window
_hook_state: dict[str, list] = {}


def _in_process_guard(log: Path) -> list[bool]:
    """The same audit hook in this process (hooks cannot be removed: it is switched instead)."""
    if "active" not in _hook_state:
        namespace: dict = {}
        os.environ["NO_NETWORK_LOG"] = str(log)
        exec(compile(GUARD, "no-network-guard", "exec"), namespace)
        _hook_state["active"] = namespace["active"]
    os.environ["NO_NETWORK_LOG"] = str(log)
    _hook_state["active"][0] = True
    return _hook_state["active"]


def _inet_sockets_of_this_process() -> set[str]:
    """Inodes of this process's open TCP/UDP sockets (Linux /proc), to catch a lingering one."""
    if not sys.platform.startswith("linux"):
        return set()
    mine = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    inet = set()
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path("/proc/self/net") / table
        if path.exists():
            for row in path.read_text().splitlines()[1:]:
                fields = row.split()
                if len(fields) > 9:
                    inet.add(fields[9])
    return mine & inet


@pytest.fixture
def guard(tmp_path):
    log = tmp_path / "network.log"
    before = _inet_sockets_of_this_process()
    active = _in_process_guard(log)
    try:
        yield log
    finally:
        active[0] = False
    assert _inet_sockets_of_this_process() <= before


def test_window_load_train_export_predict_open_no_connection(qtbot, tmp_path, monkeypatch, guard):
    from desktop_app.gui.application import create_application
    from tests.helpers.dialogs import FakeDialogs

    FakeDialogs().install(monkeypatch)
    from tests.e2e.test_gui_flow import click, drop, open_window

    create_application()
    with pytest.raises(PermissionError):  # the guard is live: refused and recorded
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    assert len(_blocked(guard)) == 1
    guard.unlink()

    data = write_class_folders(tmp_path / "data", per_class=8)
    window = open_window(qtbot)
    click(qtbot, window.welcome.new_button)
    with qtbot.waitSignal(window.data_panel.import_finished, timeout=TIMEOUT_MS) as imported:
        drop(window.data_panel.empty_drop, [data])
    assert imported.args == [24]
    window.tabs.setCurrentWidget(window.train_panel)
    window.train_panel.set_max_epochs(5)
    with qtbot.waitSignal(window.train_panel.training_finished, timeout=TIMEOUT_MS) as finished:
        click(qtbot, window.train_panel.start_button)
    assert finished.args[0]
    window.tabs.setCurrentWidget(window.predict_panel)
    with qtbot.waitSignal(window.predict_panel.predictions_ready, timeout=TIMEOUT_MS):
        drop(window.predict_panel.drop_zone, [data / "green" / "0.png"])
    (record,) = window.predict_panel.results
    assert record.prediction.label == "green"
    out = tmp_path / "export" / "colours.onnx"
    assert window.predict_panel.export_model(str(out), int8=False)
    assert out.is_file()
    window.close()
    assert _blocked(guard) == []
    assert "PySide6.QtNetwork" not in sys.modules
