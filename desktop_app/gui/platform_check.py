"""Before the window opens on Linux/X11: are the system libraries Qt's xcb platform loads there?

Without them Qt stops with a generic "could not load the Qt platform plugin xcb". A fresh Debian
or Ubuntu desktop often lacks a few (libxcb-cursor0 above all), and the PyPI wheels cannot ship
them. So the app checks first and names the Debian packages to install; `make run` (as root)
installs them: `python -m desktop_app.gui.platform_check --install`.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence

# What Qt's xcb plugin (libqxcb.so → libQt6XcbQpa.so.6) links against beyond Qt itself and glibc:
# `readelf -d` on PySide6-Essentials 6.11's files; soname → the Debian/Ubuntu package.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
}
# Without a CJK font, 简体中文 shows as boxes.
CJK_FONT_PACKAGE = "fonts-noto-cjk"


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will open the window through X11 (xcb) here."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return environ.get("XDG_SESSION_TYPE") != "wayland" or not environ.get("WAYLAND_DISPLAY")


def missing_packages(loadable: Callable[[str], bool] | None = None) -> list[str]:
    """The Debian packages of the xcb libraries that cannot be loaded, in a stable order."""
    loadable = loadable or _loadable
    return sorted({package for soname, package in XCB_LIBRARIES.items() if not loadable(soname)})


def advice(packages: Sequence[str]) -> str:
    """What to tell a person whose system lacks `packages` (English: Qt is not running yet)."""
    return (
        "Classifier Studio cannot open its window: these system libraries for X11 are missing "
        f"({', '.join(packages)}).\nInstall them, then start the app again:\n"
        f"  sudo apt-get install {' '.join(packages)}"
    )


def check_before_window() -> str | None:
    """None when the window can open; else the one message to print instead of Qt's error."""
    if not uses_xcb():
        return None
    packages = missing_packages()
    return advice(packages) if packages else None


def has_cjk_font() -> bool:
    """Whether fontconfig knows a font that covers Chinese (else 简体中文 shows as boxes)."""
    if shutil.which("fc-list") is None:
        return False
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(listed.stdout.strip())


def install(packages: Sequence[str]) -> int:
    """apt-get install the packages (root only); refreshes the package lists once if needed."""
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if subprocess.run(command, check=False).returncode == 0:
        return 0
    subprocess.run(["apt-get", "update"], check=False)
    return subprocess.run(command, check=False).returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install",
        action="store_true",
        help="as root with apt-get: install what is missing (and a CJK font) instead of only saying",
    )
    args = parser.parse_args(argv)
    if not uses_xcb():
        return 0
    packages = missing_packages()
    can_install = args.install and os.geteuid() == 0 and shutil.which("apt-get") is not None
    if can_install:
        wanted = list(packages) + ([] if has_cjk_font() else [CJK_FONT_PACKAGE])
        if wanted:
            print(f"platform_check: installing {' '.join(wanted)}", file=sys.stderr)
            if install(wanted) != 0:
                print(advice(wanted), file=sys.stderr)
                return 1
        return 0
    if packages:
        print(advice(packages), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
