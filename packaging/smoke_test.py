"""`make package-test`: is what `make package` built a working product?

Run with the development venv's Python (the "source app" that the frozen one is compared with).
Each check prints PASS/FAIL/SKIP with what it measured; the summary line is "N passed, N failed";
build/package-test-report.json keeps the figures. Checks:

1. the frozen bundle's `--self-test` with QT_QPA_PLATFORM=offscreen;
2. the same under Xvfb with Qt's real xcb platform;
3. the .deb unpacked with `dpkg-deb -x`: its `--self-test` (offscreen);
4. `apt-get install --simulate` of the .deb resolves every dependency;
5. an image model and a text model trained and exported by the source app: the frozen app's
   `predict --json` gives the same labels and probabilities as the source app's;
6. cold start: launch to window visible on the X server (xdotool), first launch after dropping
   the page cache where the kernel allows it; target ≤ 3 s;
7. as root only (it installs the package for real, then removes it): `apt-get install` of the .deb,
   the .desktop entry launched as a desktop would launch it under Xvfb and strace, screenshot
   (build/installed-app.png), a CLI training run of the installed app under strace: no network
   connection, every file written lies under the user's appdirs folders (or is the output the
   user asked for).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE_EXE = ROOT / "build" / "dist" / "classifier-studio" / "classifier-studio"
APP_TITLE = "Classifier Studio"
COLD_START_TARGET_S = 3.0
SCREEN = "1400x900x24"

results: list[dict] = []


def record(name: str, ok: bool | None, detail: str, **figures) -> None:
    word = {True: "PASS", False: "FAIL", None: "SKIP"}[ok]
    print(f"{word}: {name}: {detail}", flush=True)
    results.append({"check": name, "result": word, "detail": detail, **figures})


def check(name: str, fn: Callable[[], tuple[bool | None, str, dict]]) -> None:
    try:
        ok, detail, figures = fn()
    except Exception as error:  # noqa: BLE001 - a crashing check is a failed check, named
        ok, detail, figures = False, f"{type(error).__name__}: {error}", {}
    record(name, ok, detail, **figures)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: a fresh HOME, no XDG overrides, no developer variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "CLASSIFIER_STUDIO_", "QT_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["HOME"] = str(home)
    env["LANG"] = env.get("LANG", "C.UTF-8")
    env.update(extra)
    return env


def run(command: list[str], env: dict | None = None, timeout: float = 600, **kwargs):
    return subprocess.run(
        command, env=env, timeout=timeout, capture_output=True, text=True, check=False, **kwargs
    )


def tail(text: str, lines: int = 8) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def self_test(exe: Path, work: Path, platform: str) -> tuple[bool, str, dict]:
    home = Path(tempfile.mkdtemp(dir=work, prefix="home-"))
    env = clean_env(home, QT_QPA_PLATFORM=platform)
    command = [str(exe), "--self-test"]
    if platform == "xcb":
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", *command]
    start = time.perf_counter()
    done = run(command, env=env)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    shown_on = re.search(r"window shown on the '(\w+)' platform", output)
    ok = done.returncode == 0 and "self-test: OK" in output and bool(shown_on)
    ok = ok and shown_on.group(1) == platform
    detail = f"exit {done.returncode} in {seconds:.1f} s, platform {shown_on.group(1) if shown_on else '?'}"
    if not ok:
        detail += f": {tail(output)}"
    return ok, detail, {"seconds": round(seconds, 1)}


# -------------------------------------------------------------------------------------------- data
TEXTS = {
    "weather": [
        "It will rain all afternoon with strong wind",
        "Sunny skies and a warm breeze tomorrow",
        "Heavy snow is expected overnight in the hills",
        "A thunderstorm warning was issued for the coast",
        "Fog in the morning, clearing by noon",
        "Temperatures drop below freezing tonight",
        "Light showers with sunny spells later",
        "The heatwave continues through the weekend",
        "Cloudy with a chance of drizzle in the evening",
        "Gale force winds will hit the north tonight",
        "Clear and cold night under a full moon",
        "Hail fell briefly during the afternoon storm",
    ],
    "food": [
        "This pasta with garlic and basil is delicious",
        "Bake the bread for forty minutes until golden",
        "The soup needs more salt and some pepper",
        "Fresh strawberries with cream for dessert",
        "Grill the chicken and serve it with rice",
        "A spicy curry with lentils and coconut milk",
        "Chocolate cake with a layer of raspberry jam",
        "Slice the onions thinly and fry them slowly",
        "Sushi rolls with salmon, avocado and cucumber",
        "Pancakes with maple syrup for breakfast",
        "Roast vegetables with olive oil and rosemary",
        "A bowl of noodles in a rich miso broth",
    ],
}


def make_data(work: Path) -> tuple[Path, list[str], Path, list[str]]:
    from desktop_app.gui.selftest import _write_images

    images = _write_images(work / "images")
    probes = [str(paths[i]) for paths in images.values() for i in (0, 5, 11)]
    csv = work / "texts.csv"
    rows = ["text,label"] + [f'"{t}",{label}' for label, texts in TEXTS.items() for t in texts]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    text_probes = ["Snow and ice on the roads this morning", "Whisk the eggs with sugar and flour"]
    return work / "images", probes, csv, text_probes


def predictions(command: list[str], env: dict) -> list[dict]:
    done = run(command, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])}… exit {done.returncode}: {tail(done.stderr)}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def same_probabilities(frozen_exe: Path, work: Path) -> tuple[bool, str, dict]:
    source = [sys.executable, "-m", "desktop_app"]
    home = work / "home-parity"
    env = clean_env(home, CLASSIFIER_STUDIO_HOME=str(home / "studio"))
    env_source = {**env, "PYTHONPATH": str(ROOT)}
    images, probes, csv, text_probes = make_data(work / "parity-data")
    image_model, text_model = work / "parity-image.onnx", work / "parity-text.onnx"
    for data, model in ((images, image_model), (csv, text_model)):
        done = run([*source, "train", str(data), "--out", str(model), "--quiet"], env=env_source)
        if done.returncode != 0:
            return False, f"source app could not train on {data.name}: {tail(done.stderr)}", {}
    worst, compared = 0.0, 0
    for model, args in (
        (image_model, probes),
        (text_model, [arg for t in text_probes for arg in ("--text", t)]),
    ):
        command = ["predict", str(model), *args, "--json", "--top-k", "5", "--quiet"]
        ours = predictions([*source, *command], env_source)
        frozen = predictions([str(frozen_exe), *command], env)
        if len(ours) != len(frozen) or not ours:
            return False, f"{model.name}: {len(ours)} source vs {len(frozen)} frozen results", {}
        for a, b in zip(ours, frozen, strict=True):
            if a["labels"] != b["labels"]:
                return False, f"{model.name}: labels differ: {a['labels']} vs {b['labels']}", {}
            worst = max(
                worst,
                *(abs(x - y) for x, y in zip(a["probabilities"], b["probabilities"], strict=True)),
            )
            compared += 1
    # the frozen app's INT8 export (onnxruntime.quantization imports lazily: easy to miss)
    int8 = work / "parity-image-int8.onnx"
    done = run(
        [str(frozen_exe), "quantize", str(image_model), "--data", str(images), "--out", str(int8)],
        env=env,
    )
    if done.returncode != 0 or not int8.exists():
        return False, f"frozen quantize: exit {done.returncode}: {tail(done.stderr)}", {}
    int8_ratio = int8.stat().st_size / image_model.stat().st_size
    ok = worst <= 1e-6 and int8_ratio < 0.6
    return (
        ok,
        f"{compared} predictions (9 images, 2 texts): same labels, max |Δp| = {worst:.2e} "
        f"(≤ 1e-6); frozen INT8 export {int8_ratio:.2f}× the float file",
        {"max_abs_diff": worst, "compared": compared, "int8_ratio": round(int8_ratio, 3)},
    )


# ---------------------------------------------------------------------------------------- X server
class Xvfb:
    def __init__(self) -> None:
        self.display = f":{90 + os.getpid() % 500}"
        self.process = subprocess.Popen(
            ["Xvfb", self.display, "-screen", "0", SCREEN, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path(f"/tmp/.X11-unix/X{self.display[1:]}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def wait_for_window(display: str, timeout: float = 30) -> str | None:
    """Poll the X server every 20 ms (xdotool's own --sync waits in half-second steps)."""
    env = {**os.environ, "DISPLAY": display}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = run(["xdotool", "search", "--onlyvisible", "--name", APP_TITLE], env=env, timeout=10)
        ids = done.stdout.split()
        if done.returncode == 0 and ids:
            return ids[0]
        time.sleep(0.02)
    return None


def close_app(process: subprocess.Popen, display: str, window: str | None) -> int:
    """Quit like a user: focus the window, Ctrl+Q. Terminate the app (not a tracer) if that fails."""
    env = {**os.environ, "DISPLAY": display}
    if window:
        run(["xdotool", "windowfocus", "--sync", window], env=env, timeout=10)
        run(["xdotool", "key", "--clearmodifiers", "ctrl+q"], env=env, timeout=10)
    try:
        return process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        children = run(["pgrep", "-P", str(process.pid)]).stdout.split()
        for pid in children or [str(process.pid)]:
            os.kill(int(pid), 15)
        process.wait(timeout=15)
        return -15


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def cold_start(exe: Path, work: Path, x: Xvfb, runs: int = 3) -> tuple[bool, str, dict]:
    times = []
    dropped = drop_page_cache()
    for i in range(runs):
        home = Path(tempfile.mkdtemp(dir=work, prefix="home-start-"))
        env = clean_env(home, DISPLAY=x.display)
        start = time.perf_counter()
        process = subprocess.Popen([str(exe)], env=env, cwd=home)
        window = wait_for_window(x.display)
        seconds = time.perf_counter() - start
        close_app(process, x.display, window)
        if window is None:
            return False, f"launch {i + 1}: no window within 30 s", {}
        times.append(seconds)
    first = times[0]
    cache = "after dropping the page cache" if dropped else "page cache could not be dropped here"
    return (
        first <= COLD_START_TARGET_S,
        f"launch to visible window: first {first:.2f} s ({cache}), then "
        + ", ".join(f"{t:.2f} s" for t in times[1:])
        + f" (target ≤ {COLD_START_TARGET_S:.0f} s)",
        {"seconds": [round(t, 3) for t in times], "page_cache_dropped": dropped},
    )


# ------------------------------------------------------------------------------------ installed app
STRACE_CALLS = "trace=%network,open,openat,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,truncate,symlink,link"
FILE_CALLS = {
    "open",
    "openat",
    "creat",
    "mkdir",
    "mkdirat",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "truncate",
    "symlink",
    "link",
}
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")


def strace_findings(log: Path, cwd: Path) -> tuple[list[str], list[str], list[str]]:
    """(network connections to IP addresses, local-socket connections, paths written)."""
    network, local, written = [], [], []
    for line in log.read_text(errors="replace").splitlines():
        call = re.match(r"^(?:\[pid\s+\d+\]\s*)?(?:\d+\s+)?(\w+)\(", line)
        if not call:
            continue
        name = call.group(1)
        failed = "= -1" in line
        if failed and name not in ("connect", "sendto", "sendmsg", "socket"):
            continue  # a failed call wrote nothing; a failed connection attempt still counts
        if name in ("connect", "sendto", "sendmsg"):
            if re.search(r"sa_family=AF_INET6?\b", line):
                network.append(line.strip())
            elif "sa_family=AF_UNIX" in line:
                local.append(re.sub(r"^.*sun_path=", "", line).split(",")[0].strip('"}'))
            continue
        if name == "socket" and re.search(r"AF_INET6?\b", line):
            network.append(line.strip())
            continue
        if name not in FILE_CALLS:
            continue  # the other network calls (sendmsg on the X11 socket…) carry data, not paths
        paths = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        if not paths:
            continue
        if name in ("open", "openat", "creat"):
            if name != "creat" and not any(flag in line for flag in WRITE_FLAGS):
                continue
            targets = paths[:1]
        elif name in ("rename", "renameat", "renameat2", "link", "symlink"):
            targets = paths[-1:]
        else:  # mkdir, unlink, truncate
            targets = paths[:1]
        for target in targets:
            path = Path(target)
            written.append(str(path if path.is_absolute() else cwd / path))
    return network, sorted(set(local)), sorted(set(written))


def allowed_write(path: str, home: Path, extra: list[Path]) -> bool:
    import appdirs

    roots = [
        Path(appdirs.user_data_dir("ClassifierStudio", "ClassifierStudio")),
        Path(appdirs.user_cache_dir("ClassifierStudio", "ClassifierStudio")),
        Path(appdirs.user_log_dir("ClassifierStudio", "ClassifierStudio")),
        Path(appdirs.user_config_dir("ClassifierStudio", "ClassifierStudio")),
        *extra,
    ]
    p = Path(path)
    if str(p).startswith(("/dev/", "/proc/self/", "/proc/thread-self/")):
        return True  # /dev/null, ttys, this process's own /proc files: not files on disk
    if any(p in root.parents and p != Path("/") and home in [p, *p.parents] for root in roots):
        return True  # creating ~/.cache, ~/.local/share… on the way to an appdirs folder
    return any(p == root or root in p.parents for root in roots)


def appdirs_env(home: Path) -> None:
    """appdirs reads HOME and XDG_* of *this* process: point it at the test user's home."""
    os.environ["HOME"] = str(home)
    for key in [k for k in os.environ if k.startswith("XDG_")]:
        del os.environ[key]


def installed_app(deb: Path, work: Path, x: Xvfb, keep: bool) -> None:
    if os.geteuid() != 0:
        record(
            "installed app", None, "needs root (it installs the .deb): run `sudo make package-test`"
        )
        return
    if shutil.which("strace") is None:
        record("installed app", None, "strace is missing (apt-get install strace)")
        return
    done = run(["apt-get", "install", "-y", "--no-install-recommends", str(deb)], timeout=900)
    installed = done.returncode == 0 and Path("/usr/bin/classifier-studio").exists()
    entry = Path("/usr/share/applications/classifier-studio.desktop")
    record(
        "apt-get install",
        installed and entry.exists(),
        f"exit {done.returncode}; /usr/bin/classifier-studio "
        f"{'present' if installed else 'missing'}; {entry} {'present' if entry.exists() else 'missing'}",
    )
    if not installed:
        return
    try:
        if shutil.which("desktop-file-validate"):
            valid = run(["desktop-file-validate", str(entry)])
            record(
                "desktop entry valid",
                valid.returncode == 0 and not valid.stdout.strip(),
                f"desktop-file-validate: {tail(valid.stdout + valid.stderr) or 'no complaints'}",
            )
        for language in ("en", "zh_CN"):
            check(
                f"installed app: launched from its .desktop entry ({language})",
                lambda language=language: launch_desktop_entry(entry, work, x, language),
            )
        check("installed app: CLI training", lambda: installed_cli_training(work))
    finally:
        if not keep:
            gone = run(["apt-get", "remove", "-y", "classifier-studio"], timeout=600)
            record(
                "apt-get remove",
                gone.returncode == 0 and not Path("/opt/classifier-studio").exists(),
                f"exit {gone.returncode}; /opt/classifier-studio "
                f"{'removed' if not Path('/opt/classifier-studio').exists() else 'still there'}",
            )


def launch_desktop_entry(entry: Path, work: Path, x: Xvfb, language: str) -> tuple[bool, str, dict]:
    exec_line = next(
        line.split("=", 1)[1] for line in entry.read_text().splitlines() if line.startswith("Exec=")
    )
    command = [arg for arg in shlex.split(exec_line) if not re.fullmatch(r"%[fFuUdDnNickvm]", arg)]
    home = work / f"home-desktop-{language}"
    home.mkdir()
    log = work / f"strace-desktop-{language}.log"
    locale = "C.UTF-8" if language == "en" else f"{language}.UTF-8"
    env = clean_env(home, DISPLAY=x.display, LANG=locale, LANGUAGE=language, LC_ALL=locale)
    process = subprocess.Popen(
        ["strace", "-f", "-qq", "-e", STRACE_CALLS, "-o", str(log), *command],
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    window = wait_for_window(x.display, timeout=60)
    if window:
        time.sleep(2.0)  # let the first paint settle
        screenshot(x, ROOT / "build" / f"installed-app-{language}.png", window)
    status = close_app(process, x.display, window)
    if window is None:
        return False, f"`{exec_line}` showed no window within 60 s", {}
    appdirs_env(home)
    network, local, written = strace_findings(log, home)
    outside = [p for p in written if not allowed_write(p, home, [])]
    ok = not network and not outside and status == 0
    return (
        ok,
        f"`{exec_line}` (LANG={locale}) → window, screenshot build/installed-app-{language}.png, "
        f"quit with Ctrl+Q (exit "
        f"{status}); {len(network)} IP connections; local sockets {local or 'none'}; "
        f"{len(written)} paths written, outside appdirs: {outside or 'none'}",
        {"network": network, "local_sockets": local, "written": written, "outside": outside},
    )


def installed_cli_training(work: Path) -> tuple[bool, str, dict]:
    home = work / "home-cli"
    home.mkdir()
    images, probes, _, _ = make_data(work / "cli-data")
    out = home / "Desktop" / "colours.onnx"
    out.parent.mkdir()
    log = work / "strace-cli.log"
    env = clean_env(home)
    done = run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            STRACE_CALLS,
            "-o",
            str(log),
            "classifier-studio",
            "train",
            str(images),
            "--out",
            str(out),
            "--quiet",
        ],
        env=env,
        cwd=home,
        timeout=900,
    )
    if done.returncode != 0 or not out.exists():
        return False, f"train exit {done.returncode}: {tail(done.stderr)}", {}
    appdirs_env(home)
    network, local, written = strace_findings(log, home)
    # the model the user asked for, and the predict.py sample written beside it
    outside = [p for p in written if not allowed_write(p, home, [out.parent])]
    ok = not network and not outside
    return (
        ok,
        f"trained and exported {out.name} ({out.stat().st_size / 1e6:.1f} MB); "
        f"{len(network)} IP connections; {len(written)} paths written, outside appdirs and the "
        f"output folder: {outside or 'none'}",
        {"network": network, "written": written, "outside": outside},
    )


def screenshot(x: Xvfb, path: Path, window: str) -> None:
    """The app's window as the X server shows it (grabbed by Qt from the development venv)."""
    script = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication([])\n"
        "shot = app.primaryScreen().grabWindow(int(sys.argv[2]))\n"
        "sys.exit(0 if shot.save(sys.argv[1]) else 1)\n"
    )
    env = {**os.environ, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb"}
    done = run([sys.executable, "-c", script, str(path), window], env=env, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"screenshot failed: {tail(done.stderr)}")


# -------------------------------------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--deb", help="the .deb to test (default: the newest in dist/)")
    parser.add_argument("--keep-installed", action="store_true", help="do not remove it afterwards")
    args = parser.parse_args()
    debs = sorted((ROOT / "dist").glob("classifier-studio_*.deb"), key=lambda p: p.stat().st_mtime)
    deb = Path(args.deb) if args.deb else (debs[-1] if debs else None)
    if deb is None or not BUNDLE_EXE.exists():
        print("package-test: build it first with `make package`", file=sys.stderr)
        return 2
    missing = [
        tool for tool in ("xvfb-run", "Xvfb", "xdotool", "dpkg-deb") if not shutil.which(tool)
    ]
    if missing:
        print(
            f"package-test: missing {', '.join(missing)} (Debian: apt-get install xvfb xdotool dpkg)",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(ROOT))
    work = Path(tempfile.mkdtemp(prefix="classifier-studio-package-test-"))
    print(f"package-test: {deb.name} ({deb.stat().st_size / 2**20:.1f} MiB), work in {work}")
    try:
        check("frozen --self-test, offscreen", lambda: self_test(BUNDLE_EXE, work, "offscreen"))
        check("frozen --self-test, xcb under Xvfb", lambda: self_test(BUNDLE_EXE, work, "xcb"))
        extracted = work / "extracted"
        unpack = run(["dpkg-deb", "-x", str(deb), str(extracted)])
        extracted_exe = extracted / "opt" / "classifier-studio" / "classifier-studio"
        if unpack.returncode != 0 or not extracted_exe.exists():
            record("dpkg-deb -x", False, f"exit {unpack.returncode}: {tail(unpack.stderr)}")
            extracted_exe = BUNDLE_EXE
        else:
            check(
                "extracted .deb --self-test, offscreen",
                lambda: self_test(extracted_exe, work, "offscreen"),
            )

        def simulate() -> tuple[bool, str, dict]:
            done = run(["apt-get", "install", "--simulate", str(deb.resolve())])
            planned = re.findall(r"^Inst (\S+)", done.stdout, flags=re.M)
            ok = done.returncode == 0 and "classifier-studio" in planned
            more = [p for p in planned if p != "classifier-studio"]
            detail = f"exit {done.returncode}; would install classifier-studio"
            detail += (
                f" and {len(more)} more: {' '.join(more)}"
                if more
                else " (all its dependencies present)"
            )
            return ok, detail if ok else f"{detail}: {tail(done.stdout + done.stderr)}", {}

        check("apt-get install --simulate", simulate)
        check(
            "same probabilities as the source app", lambda: same_probabilities(extracted_exe, work)
        )
        x = Xvfb()
        try:
            check("cold start", lambda: cold_start(extracted_exe, work, x))
            installed_app(deb, work, x, args.keep_installed)
        finally:
            x.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = ROOT / "build" / "package-test-report.json"
    report.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    passed = sum(r["result"] == "PASS" for r in results)
    failed = sum(r["result"] == "FAIL" for r in results)
    skipped = sum(r["result"] == "SKIP" for r in results)
    print(
        f"package-test: {passed} passed, {failed} failed, {skipped} skipped ({report.relative_to(ROOT)})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
