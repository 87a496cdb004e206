"""`make package`: the frozen app (PyInstaller, one folder) and its Debian package.

Steps, each printed with its time:
1. wheels: the app's runtime dependencies and PyInstaller as wheels in build/wheelhouse (fetched
   from the package registry the first time, like `make run`; reused after that, so a rebuild needs
   no network at all; `--offline` refuses to fetch);
2. venv: a new, clean virtual environment (build/package-venv) with only those wheels installed;
3. icons: PNG renderings of resources/icons/classifier-studio.svg for the desktop menu;
4. bundle: PyInstaller with packaging/classifier_studio.spec into build/dist/classifier-studio;
5. strip: torch's own shared libraries only (numpy's and OpenCV's OpenBLAS break when stripped);
6. deb: /opt/classifier-studio, /usr/bin/classifier-studio, the .desktop entry and icons, with
   `Depends:` computed by dpkg-shlibdeps from every ELF file in the bundle (so the glibc floor is
   the one the binaries really need) plus the libraries Qt's xcb platform loads at run time.

The result is dist/classifier-studio_<version>_<arch>.deb and build/package-report.json.
Runs with any Python 3.10+ (it creates its own venv); Linux only (Windows and macOS: see
packaging/windows and packaging/macos).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
WHEELHOUSE = BUILD / "wheelhouse"
VENV = BUILD / "package-venv"
DIST = BUILD / "dist"
BUNDLE = DIST / "classifier-studio"
DEB_ROOT = BUILD / "deb-root"
OUT = ROOT / "dist"
PYINSTALLER = "pyinstaller==6.22.3"
PACKAGE = "classifier-studio"
INSTALL_DIR = f"/opt/{PACKAGE}"

# Shared libraries that Qt loads with dlopen() (so no ELF file names them) or whose absence only
# shows at run time: Qt's xcb platform needs these on a desktop that does not have them already.
RUNTIME_DEPENDS = [
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxkbcommon-x11-0",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-dejavu-core | fonts-liberation2 | fonts-noto-core",
    # 简体中文 without boxes: a font that covers CJK
    "fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei",
]
MODELS = (
    "efficientnet-lite0.onnx",
    "minilm-l6.onnx",  # 24 MB: 8-bit weight blocks (float16 was 45 MB, ~40 MB in the .deb)
    "minilm-l6.tokenizer.json",
    "multilingual-e5-small.onnx",  # 74 MB: 4-bit weights (xz adds ~62 MB to the .deb)
    "multilingual-e5-small.tokenizer.json",
)


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in command], check=True, **kwargs)


def version() -> str:
    text = (ROOT / "desktop_app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def requirements_key() -> str:
    """What the wheelhouse was made from: a new pyproject.toml or PyInstaller fetches again."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(PYINSTALLER.encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()[:16]


def wheels(offline: bool) -> None:
    stamp = WHEELHOUSE / ".key"
    if stamp.exists() and stamp.read_text() == requirements_key():
        print(f"package: reusing {WHEELHOUSE.relative_to(ROOT)} (no network needed)")
        return
    if offline:
        sys.exit(f"package: --offline, but {WHEELHOUSE} is missing or out of date")
    shutil.rmtree(WHEELHOUSE, ignore_errors=True)
    WHEELHOUSE.mkdir(parents=True)
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--wheel-dir",
        WHEELHOUSE,
        ROOT,
        PYINSTALLER,
    )
    for own in WHEELHOUSE.glob("classifier_studio-*.whl"):
        own.unlink()  # the app itself is installed from the working tree at every build
    stamp.write_text(requirements_key())


def clean_venv() -> Path:
    shutil.rmtree(VENV, ignore_errors=True)
    run(sys.executable, "-m", "venv", VENV)
    python = VENV / "bin" / "python"
    run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-index",
        "--find-links",
        WHEELHOUSE,
        ROOT,
        PYINSTALLER,
    )
    return python


def render_icons(python: Path) -> Path:
    """PNG icons from the SVG with Qt itself (the desktop menu, and PyInstaller on Windows/macOS)."""
    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    script = f"""
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
renderer = QSvgRenderer({str(ROOT / "resources" / "icons" / "classifier-studio.svg")!r})
assert renderer.isValid(), "the SVG icon does not load"
for size in (48, 128, 256):
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    assert image.save({str(out)!r} + f"/classifier-studio-{{size}}.png")
    if size == 256:  # Windows installer icon (Qt's ico plugin writes it)
        assert image.save({str(out)!r} + "/classifier-studio.ico", "ICO")
"""
    run(python, "-c", script, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return out


def pyinstaller(python: Path) -> None:
    run(
        python,
        "-m",
        "PyInstaller",
        ROOT / "packaging" / "classifier_studio.spec",
        "--distpath",
        DIST,
        "--workpath",
        BUILD / "pyinstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
    )


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def strip_torch(bundle: Path) -> int:
    """Strip torch's own libraries (symbol tables: about 100 MB); nothing else is touched."""
    saved = 0
    for path in sorted((bundle / "_internal" / "torch" / "lib").glob("*.so*")):
        if path.is_symlink() or not is_elf(path):
            continue
        before = path.stat().st_size
        run("strip", "--strip-unneeded", path)
        saved += before - path.stat().st_size
    return saved


def check_bundle(bundle: Path) -> None:
    internal = bundle / "_internal"
    must = [
        internal / "torch" / "bin" / "torch_shm_manager",
        internal / "resources" / "translations" / "classifier_studio_zh_CN.qm",
        internal / "resources" / "translations" / "classifier_studio_en.qm",
        internal / "resources" / "icons" / "classifier-studio.svg",
        internal / "models" / "catalog.json",
        *(internal / "models" / name for name in MODELS),
    ]
    missing = [str(p.relative_to(bundle)) for p in must if not p.exists()]
    missing += [
        name
        for name in (
            "torch/testing/__init__.pyc",
            "torch/distributed/config.py",
            "desktop_app/cli/__init__.pyc",
        )
        if not (internal / name).exists()
    ]
    unwanted = [
        str(p.relative_to(bundle))
        for pattern in (
            "torch/include",
            "torch/test",
            "onnxruntime/capi/libonnxruntime_providers_cuda.so",
            "onnxruntime/capi/libonnxruntime_providers_tensorrt.so",
            "PySide6/Qt/lib/libQt6Qml.so.6",
            "PySide6/Qt/lib/libQt6Quick.so.6",
            "PySide6/Qt/lib/libQt6WebEngineCore.so.6",
            "transformers",
            "sentence_transformers",
        )
        if (p := internal / pattern).exists()
    ]
    if missing or unwanted:
        sys.exit(f"package: bundle check failed: missing {missing}, should be left out {unwanted}")


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# Libraries that Qt's Wayland plugins need and a build machine without a Wayland desktop may lack:
# dpkg-shlibdeps cannot read what is not installed, so these few are named by hand.
SONAME_PACKAGES = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def needed_libraries(path: Path) -> list[str]:
    out = run("readelf", "-d", path, capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def shlib_depends(bundle: Path) -> str:
    """`Depends:` from dpkg-shlibdeps over every ELF file in the bundle: the system libraries they
    need that the bundle does not carry, each with the minimum version its symbols require (so
    libc6's floor is the one the binaries really need)."""
    elves = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    provided = {p.name for p in bundle.rglob("*")}
    ldconfig = run("ldconfig", "-p", capture_output=True, text=True).stdout
    system = set(re.findall(r"^\s+(\S+) \(", ldconfig, flags=re.M))
    scan, by_hand = [], set()
    for elf in elves:
        absent = [n for n in needed_libraries(elf) if n not in provided and n not in system]
        if not absent:
            scan.append(elf)
            continue
        unknown = [n for n in absent if n not in SONAME_PACKAGES]
        if unknown:
            sys.exit(
                f"package: {elf.relative_to(bundle)} needs {unknown}: not in the bundle, "
                "not on this machine, and not in build.py's SONAME_PACKAGES"
            )
        by_hand.update(SONAME_PACKAGES[n] for n in absent)
    libdirs = sorted({str(p.parent) for p in elves if ".so" in p.name})
    work = BUILD / "shlibdeps"
    shutil.rmtree(work, ignore_errors=True)
    (work / "debian").mkdir(parents=True)
    (work / "debian" / "control").write_text(
        f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8"
    )
    result = subprocess.run(
        [
            "dpkg-shlibdeps",
            "-O",
            "--ignore-missing-info",
            "--warnings=0",
            *(f"-l{d}" for d in libdirs),
            *(str(p) for p in scan),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("shlibs:Depends=")), None)
    if result.returncode != 0 or line is None:
        errors = [ln for ln in result.stderr.splitlines() if "error" in ln][:10]
        sys.exit("package: dpkg-shlibdeps failed:\n" + "\n".join(errors or [result.stderr[-2000:]]))
    if by_hand:
        print(f"package: not on this machine, so named by hand: {', '.join(sorted(by_hand))}")
    return ", ".join([line.split("=", 1)[1].strip(), *sorted(by_hand)])


def merge_depends(computed: str) -> str:
    items = [d.strip() for d in computed.split(",") if d.strip()]
    names = {re.split(r"[\s(]", d, maxsplit=1)[0] for d in items}
    items += [d for d in RUNTIME_DEPENDS if d.split()[0] not in names]
    return ", ".join(items)


def desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=Classifier Studio",
            "GenericName=Image and text classifier trainer",
            "GenericName[zh_CN]=图像与文本分类器训练",
            "Comment=Train image and text classifiers on your own data, offline",
            "Comment[zh_CN]=离线用自己的数据训练图像和文本分类器",
            f"Exec={PACKAGE}",
            f"Icon={PACKAGE}",
            "Terminal=false",
            "Categories=Science;ArtificialIntelligence;",
            "Keywords=machine learning;classifier;image;text;onnx;",
            "StartupNotify=true",
            f"StartupWMClass={PACKAGE}",
            "",
        ]
    )


def build_deb(bundle: Path, icons: Path, arch: str) -> tuple[Path, dict]:
    shutil.rmtree(DEB_ROOT, ignore_errors=True)
    target = DEB_ROOT / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, target, symlinks=True)
    (DEB_ROOT / "usr" / "bin").mkdir(parents=True)
    os.symlink(f"{INSTALL_DIR}/{PACKAGE}", DEB_ROOT / "usr" / "bin" / PACKAGE)
    apps = DEB_ROOT / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / f"{PACKAGE}.desktop").write_text(desktop_entry(), encoding="utf-8")
    hicolor = DEB_ROOT / "usr" / "share" / "icons" / "hicolor"
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(
        ROOT / "resources" / "icons" / "classifier-studio.svg", hicolor / "scalable" / "apps"
    )
    for size in (48, 128, 256):
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        shutil.copy(icons / f"classifier-studio-{size}.png", folder / f"{PACKAGE}.png")
    doc = DEB_ROOT / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Classifier Studio\nLicense: Apache-2.0\n"
        "Bundled third-party components keep their own licenses (Qt for Python: LGPL-3.0;\n"
        "PyTorch: BSD-3-Clause; ONNX Runtime: MIT; OpenCV: Apache-2.0; NumPy: BSD-3-Clause;\n"
        "pyqtgraph: MIT; the EfficientNet-Lite and MiniLM weights: Apache-2.0).\n"
        "On Debian systems the Apache License 2.0 is in /usr/share/common-licenses/Apache-2.0.\n",
        encoding="utf-8",
    )
    depends = merge_depends(shlib_depends(target))
    installed_kib = (tree_size(DEB_ROOT) + 1023) // 1024
    control = DEB_ROOT / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        "\n".join(
            [
                f"Package: {PACKAGE}",
                f"Version: {version()}",
                f"Architecture: {arch}",
                "Maintainer: Classifier Studio <support@classifierstudio.invalid>",
                f"Installed-Size: {installed_kib}",
                f"Depends: {depends}",
                "Section: science",
                "Priority: optional",
                "Homepage: https://classifierstudio.invalid",
                "Description: train image and text classifiers on your own data, offline",
                " Drag a folder of images or a CSV of texts into the window, train a classifier in",
                " seconds on your own computer, see per-class metrics and a confusion matrix, and",
                " export one self-describing ONNX file that runs anywhere. No network needed.",
                "",
            ]
        ),
        encoding="utf-8",
    )
    OUT.mkdir(exist_ok=True)
    deb = OUT / f"{PACKAGE}_{version()}_{arch}.deb"
    deb.unlink(missing_ok=True)
    run(
        "dpkg-deb",
        "--root-owner-group",
        "-Zxz",
        "-z9",
        "--build",
        DEB_ROOT,
        deb,
        stdout=subprocess.DEVNULL,
    )
    return deb, {"depends": depends, "installed_size_bytes": installed_kib * 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--offline", action="store_true", help="never fetch; use build/wheelhouse")
    parser.add_argument(
        "--reuse-bundle",
        action="store_true",
        help="skip the venv and PyInstaller; repackage build/dist",
    )
    parser.add_argument(
        "--icons-only",
        action="store_true",
        help="only render the PNG/ICO icons into build/icons (Windows/macOS builds use them)",
    )
    args = parser.parse_args()
    if args.icons_only:
        render_icons(Path(sys.executable))
        return 0
    if not sys.platform.startswith("linux"):
        sys.exit(
            "package: this script builds the Linux .deb; see packaging/windows and packaging/macos"
        )
    for tool in ("dpkg-deb", "dpkg-shlibdeps", "strip"):
        if shutil.which(tool) is None:
            sys.exit(f"package: `{tool}` is missing (Debian: apt-get install dpkg-dev binutils)")
    missing = [name for name in MODELS if not (ROOT / "models" / name).exists()]
    if missing:
        sys.exit(f"package: build the backbones first (`make models`); missing {missing}")
    arch = run("dpkg", "--print-architecture", capture_output=True, text=True).stdout.strip()

    started = time.perf_counter()
    timings: dict[str, float] = {}

    def mark(name: str, since: float) -> float:
        now = time.perf_counter()
        timings[name] = round(now - since, 1)
        print(f"package: {name} ({now - started:.0f} s)", flush=True)
        return now

    t = started
    if not args.reuse_bundle:
        wheels(args.offline)
        t = mark("wheels", t)
        python = clean_venv()
        t = mark("clean venv", t)
    else:
        python = VENV / "bin" / "python"
    icons = render_icons(python)
    t = mark("icons", t)
    stripped = 0
    if not args.reuse_bundle:
        pyinstaller(python)
        t = mark("PyInstaller bundle", t)
        stripped = strip_torch(BUNDLE)
        print(f"package: stripped torch's libraries (-{stripped / 1e6:.0f} MB)")
        t = mark("strip", t)
    check_bundle(BUNDLE)
    deb, info = build_deb(BUNDLE, icons, arch)
    mark("deb", t)
    report = {
        "deb": str(deb.relative_to(ROOT)),
        "deb_bytes": deb.stat().st_size,
        "bundle_bytes": tree_size(BUNDLE),
        "installed_size_bytes": info["installed_size_bytes"],
        "depends": info["depends"],
        "build_seconds": round(time.perf_counter() - started, 1),
        "steps_seconds": timings,
        "stripped_bytes": stripped,
    }
    (BUILD / "package-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(
        f"package: {report['deb']}: {report['deb_bytes'] / 2**20:.1f} MiB, installs "
        f"{report['installed_size_bytes'] / 2**20:.0f} MiB; built in {report['build_seconds']:.0f} s"
    )
    print(f"package: Depends: {info['depends']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
