"""Crash safety (ARCHITECTURE rule 11): a training session SIGKILLed at any moment leaves a
project that reopens whole.

A subprocess (`tests/helpers/crash_worker.py`) does what the window does: import images, start
a run, extract features (SQLite cache), train, export the fused model into the run folder, save
the run, export a copy and record it. It is killed at seeded random moments spread over those
phases (and, separately, inside a write: at a random `fsync`). After every kill the project must
open; earlier runs and exports are byte-identical and listed as before; the interrupted run is
either finished (its result loads) or marked interrupted, never half-written; every file that
is not a writer's temp file is complete; the feature cache passes SQLite's integrity check.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.fileio import is_temp_file, remove_stale_temp_files
from desktop_app.core.project import PROJECT_FORMAT, Project, ProjectError
from desktop_app.core.project_lock import LOCK_FILE

REPO = Path(__file__).resolve().parents[2]
# The phases a timed kill aims at, in turn (the worker prints them as it enters each one).
TARGETS = ("features", "training", "export-model", "save-run", "export-copy", "import")
# The phases that write files: an in-write kill picks one of their fsyncs, in turn.
WRITE_TARGETS = ("save-run", "export-model", "export-copy", "import")
NEXT_PHASE = {
    "import": "features",
    "features": "training",
    "training": "export-model",
    "export-model": "save-run",
    "save-run": "export-copy",
    "export-copy": "done",
}


@dataclass
class Snapshot:
    """What must survive the next kill unchanged."""

    runs: dict[str, dict]  # run id → its record in project.json
    files: dict[str, bytes]  # every file of every run folder, and every exported model
    exports: list[dict]
    items: set[str]


@dataclass
class Outcome:
    phase: str  # the last phase the worker entered before it died ("done": it was not killed)
    killed: bool
    phases: dict[str, tuple[float, int]]  # phase → (seconds after "ready", fsyncs before it)


def take_snapshot(project: Project) -> Snapshot:
    files: dict[str, bytes] = {}
    for run in project.runs:
        folder = project.run_folder(run.id)
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if not is_temp_file(path):
                    files[str(path)] = path.read_bytes()
    for export in project.exports:
        files[export["path"]] = Path(export["path"]).read_bytes()
    return Snapshot(
        runs={r.id: asdict(r) for r in project.runs},
        files=files,
        exports=[dict(e) for e in project.exports],
        items=set(project.items),
    )


def run_worker(
    workdir: Path, seed: int, target: str | None, delay_s: float, kill_at_fsync: int = 0
) -> Outcome:
    """Run one session; SIGKILL it `delay_s` after it enters phase `target` (None: let it end)."""
    env = {
        **os.environ,
        "CLASSIFIER_STUDIO_HOME": str(workdir / "home"),
        "CRASH_WORKER_KILL_AT_FSYNC": str(kill_at_fsync),
        "OMP_NUM_THREADS": "1",  # the small CNN's OpenMP threads crawl on a shared 2-core box
    }
    with (workdir / "worker-stderr.txt").open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.crash_worker",
                str(workdir / "project"),
                str(workdir / "exports"),
                str(seed),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
        assert process.stdout is not None
        lines: list[str] = []
        try:
            for line in process.stdout:
                lines.append(line)
                if target is not None and line.startswith(f"phase {target} "):
                    time.sleep(delay_s)
                    process.send_signal(signal.SIGKILL)
                    break
            lines.extend(process.stdout)
        finally:
            process.wait(timeout=120)
    killed = process.returncode == -signal.SIGKILL
    if not killed and process.returncode != 0:
        raise AssertionError(
            f"worker failed ({process.returncode}):\n{(workdir / 'worker-stderr.txt').read_text()}"
        )
    phases = {}
    for line in lines:
        words = line.split()
        if words[:1] == ["phase"]:
            phases[words[1]] = (float(words[2]), int(words[3]))
    return Outcome(list(phases)[-1] if phases else "startup", killed, phases)


def check_whole(workdir: Path, before: Snapshot) -> tuple[Project, str]:
    """Reopen after a kill and check everything the docstring promises; returns the project
    and what became of the run the worker was doing ("none", "finished", "interrupted")."""
    project = Project.open(workdir / "project")  # recovers the run left "running"
    after = take_snapshot(project)
    # earlier runs and exports: same records in the same order, same bytes
    assert list(after.runs)[: len(before.runs)] == list(before.runs)
    for run_id, record in before.runs.items():
        assert after.runs[run_id] == record, run_id
    assert after.exports[: len(before.exports)] == before.exports
    for path, data in before.files.items():
        assert after.files.get(path) == data, f"{path} changed"
    assert before.items <= after.items, "items were lost"
    # at most one new run and one new export, never left running
    new_runs = project.runs[len(before.runs) :]
    assert len(new_runs) <= 1 and len(after.exports) <= len(before.exports) + 1
    outcome = "none"
    for run in new_runs:
        assert run.status in ("finished", "interrupted"), run.status
        outcome = run.status
        if run.status == "finished":
            result = project.load_result(run.id)
            assert run.summary["epochs_run"] == result.epochs_run
            assert (project.run_folder(run.id) / "model.onnx").is_file()
        else:
            assert run.message
    for export in after.exports[len(before.exports) :]:
        model = project.run_folder(export["run"]) / "model.onnx"
        assert Path(export["path"]).read_bytes() == model.read_bytes()
    # nothing half-written anywhere: every file but a writer's temp file is complete
    for root in (workdir / "project", workdir / "exports"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and not is_temp_file(path):
                check_complete(path)
    check_cache(workdir / "home" / "cache" / "features")
    project.close()  # the next worker opens it to write
    return project, outcome


def check_complete(path: Path) -> None:
    import onnx

    if path.name == LOCK_FILE:
        return  # who held the project: a killed writer may leave it empty
    if path.suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".onnx":
        onnx.checker.check_model(onnx.load(str(path)))
    elif path.suffix == ".npz":
        with np.load(path, allow_pickle=False) as archive:
            for key in archive.files:
                archive[key].copy()
    else:
        raise AssertionError(f"unexpected file in the project: {path}")


def check_cache(folder: Path) -> None:
    files = sorted(folder.glob("*.sqlite"))
    assert files, "the feature cache was never written"
    for path in files:
        db = sqlite3.connect(path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            sizes = {n for (n,) in db.execute("SELECT DISTINCT length(data) FROM vectors")}
            assert len(sizes) == 1, f"vectors of different sizes in {path.name}: {sizes}"
        finally:
            db.close()


def kill_campaign(tmp_path: Path, seed: int, timed_kills: int, write_kills: int) -> None:
    """A finished run first (the "earlier" run), then the kills, then one more whole run."""
    rng = random.Random(seed)
    Project.create(tmp_path / "project", "Crash test").close()
    baseline = run_worker(tmp_path, 1, None, 0.0)
    assert baseline.phase == "done"
    project, outcome = check_whole(
        tmp_path, take_snapshot(Project.open(tmp_path / "project", read_only=True))
    )
    assert outcome == "none" and [r.status for r in project.runs] == ["finished"]
    times = {name: t for name, (t, _) in baseline.phases.items()}
    fsyncs = {name: n for name, (_, n) in baseline.phases.items()}
    plan: list[tuple[str | None, float, int]] = []  # (phase to aim at, delay, fsync to die at)
    for i in range(timed_kills):
        target = TARGETS[i % len(TARGETS)]
        plan.append((target, rng.uniform(0.0, times[NEXT_PHASE[target]] - times[target]), 0))
    for i in range(write_kills):
        target = WRITE_TARGETS[i % len(WRITE_TARGETS)]
        first, last = fsyncs[target] + 1, fsyncs[NEXT_PHASE[target]]
        assert first <= last, f"no write in phase {target}"
        plan.append((None, 0.0, rng.randint(first, last)))
    landed: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    seed_of_run = 2
    for target, delay, at_fsync in plan:
        for _attempt in range(3):  # a timed kill can miss when the worker ends first: aim again
            before = take_snapshot(Project.open(tmp_path / "project", read_only=True))
            result = run_worker(tmp_path, seed_of_run, target, delay, at_fsync)
            seed_of_run += 1
            _, outcome = check_whole(tmp_path, before)
            if result.killed:
                break
            delay /= 4
        assert result.killed, f"could not kill the worker in phase {target}"
        landed[f"in a write during {result.phase}" if at_fsync else result.phase] += 1
        outcomes[outcome] += 1
    # the project is still usable: one more whole session finishes
    before = take_snapshot(Project.open(tmp_path / "project", read_only=True))
    assert run_worker(tmp_path, seed_of_run, None, 0.0).phase == "done"
    _, outcome = check_whole(tmp_path, before)
    assert outcome == "finished"
    print(
        f"\ncrash safety: {timed_kills} timed + {write_kills} in-write SIGKILLs survived; "
        f"landed: {dict(landed)}; the run being trained ended: {dict(outcomes)}; "
        f"baseline (s after ready, fsyncs): {baseline.phases}"
    )


def test_sigkill_during_training_and_saving_never_leaves_half_a_project(tmp_path):
    kill_campaign(tmp_path, seed=6, timed_kills=4, write_kills=1)


@pytest.mark.full
def test_twenty_sigkills_during_training_and_saving(tmp_path):
    kill_campaign(tmp_path, seed=20, timed_kills=20, write_kills=8)


# ------------------------------------------------------------------ format and temp files
def test_project_and_dataset_from_a_newer_version_are_refused_clearly(tmp_path):
    Project.create(tmp_path / "p", "x").close()
    for name in ("project.json", "dataset.json"):
        path = tmp_path / "p" / name
        original = path.read_text()
        data = json.loads(original)
        data["format"] = PROJECT_FORMAT + 1
        path.write_text(json.dumps(data))
        with pytest.raises(ProjectError, match=f"{name}.*newer version.*Update the app"):
            Project.open(tmp_path / "p")
        data["format"] = "1"
        path.write_text(json.dumps(data))
        with pytest.raises(ProjectError, match="unknown project format"):
            Project.open(tmp_path / "p")
        path.write_text(original)
    Project.open(tmp_path / "p")


def test_stale_temp_files_of_a_killed_writer_are_removed_on_open(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    stale = tmp_path / "p" / ".project.json.abc123.tmp"
    fresh = tmp_path / "p" / ".dataset.json.def456.tmp"
    keep = tmp_path / "p" / "notes.tmp"  # not one of ours: left alone
    for path in (stale, fresh, keep):
        path.write_text("{half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(keep, (old, old))
    project.close()
    Project.open(project.folder)
    assert not stale.exists() and fresh.exists() and keep.exists()
    assert remove_stale_temp_files(project.folder, older_than_s=-1) == 1
    assert not fresh.exists()


def test_a_damaged_feature_cache_is_started_afresh(tmp_path):
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.features import FeatureCache

    backbone = get_backbone("scratch-cnn")
    cache = FeatureCache(backbone, tmp_path)
    cache.put(["a"], np.ones((1, cache.dim), np.float32))
    cache.close()
    cache.path.write_bytes(b"not a database" * 100)  # a disk fault, not a kill
    cache = FeatureCache(backbone, tmp_path)
    assert cache.get(["a"]) == {}
    cache.put(["b"], np.ones((1, cache.dim), np.float32))
    assert list(cache.get(["b"])) == ["b"]
    cache.close()
