"""The parts of `make package` / `make package-test` that decide something, on small inputs
(the package itself is built and smoke-tested by `make package && make package-test`)."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load("build")
smoke = _load("smoke_test")


def test_desktop_entry_launches_the_installed_command():
    lines = build.desktop_entry().splitlines()
    assert lines[0] == "[Desktop Entry]"
    fields = dict(line.split("=", 1) for line in lines[1:] if line)
    assert fields["Exec"] == "classifier-studio" and fields["Icon"] == "classifier-studio"
    assert fields["Type"] == "Application" and fields["Terminal"] == "false"
    assert fields["Categories"].endswith(";")


def test_depends_keeps_computed_versions_and_adds_the_xcb_runtime_libraries():
    merged = build.merge_depends("libc6 (>= 2.35), libxcb-cursor0 (>= 0.0.99), libstdc++6 (>= 11)")
    items = [d.strip() for d in merged.split(",")]
    assert items[:3] == ["libc6 (>= 2.35)", "libxcb-cursor0 (>= 0.0.99)", "libstdc++6 (>= 11)"]
    assert "libxcb-cursor0" not in items  # not listed twice
    for package in ("libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1"):
        assert package in items


def test_strace_findings_separate_ip_connections_local_sockets_and_writes(tmp_path):
    log = tmp_path / "strace.log"
    log.write_text(
        "\n".join(
            [
                '101 openat(AT_FDCWD, "/opt/classifier-studio/_internal/x.pyc", O_RDONLY|O_CLOEXEC) = 3',
                '101 openat(AT_FDCWD, "notes.txt", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 4',
                '101 openat(AT_FDCWD, "/tmp/missing", O_WRONLY|O_CREAT, 0666) = -1 EACCES (Permission denied)',
                '102 connect(5, {sa_family=AF_UNIX, sun_path="/tmp/.X11-unix/X99"}, 20) = 0',
                "102 connect(6, {sa_family=AF_INET, sin_port=htons(443), "
                'sin_addr=inet_addr("1.2.3.4")}, 16) = -1 ENETUNREACH',
                "102 socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP) = 7",
                '102 sendmsg(5, {msg_name=NULL, msg_iov=[{iov_base="\\x01\\x02binary", iov_len=8}]}, 0) = 8',
                '102 getpeername(5, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X99"}, [20]) = 0',
                '101 mkdir("/home/u/.cache/ClassifierStudio", 0777) = 0',
                '101 rename("/home/u/a.tmp", "/home/u/a.onnx") = 0',
            ]
        )
    )
    network, local, written = smoke.strace_findings(log, Path("/home/u"))
    # an attempt counts even when it fails (no network here), and so does an IP socket
    assert len(network) == 2 and "1.2.3.4" in network[0] and "AF_INET6" in network[1]
    assert local == ["/tmp/.X11-unix/X99"]
    assert written == [
        "/home/u/.cache/ClassifierStudio",
        "/home/u/a.onnx",
        "/home/u/notes.txt",
    ]


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/home/u/.cache/ClassifierStudio/features/x.sqlite", True),
        ("/home/u/.local/share/ClassifierStudio/projects/p/project.json", True),
        ("/home/u/.config/ClassifierStudio/Classifier Studio.conf", True),
        ("/home/u/.cache", True),  # made on the way to the cache folder
        ("/home/u/.cache/Microsoft/DeveloperTools/.onnxruntime/onnxruntime.db", False),
        ("/home/u/deviceid.tmp.1234", False),
        ("/tmp/something", False),
        ("/dev/null", True),
    ],
)
def test_allowed_writes_are_the_appdirs_folders(monkeypatch, path, allowed):
    monkeypatch.setenv("HOME", "/home/u")
    for key in [k for k in __import__("os").environ if k.startswith("XDG_")]:
        monkeypatch.delenv(key)
    assert smoke.allowed_write(path, Path("/home/u"), []) is allowed


def test_depends_names_a_cjk_font_so_chinese_never_shows_boxes():
    merged = build.merge_depends("libc6 (>= 2.35)")
    assert "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei" in merged.split(", ")
