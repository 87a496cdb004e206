"""One writer per project (issue 16 items 1 and 10): a second opener is refused and may view the
project read-only, a crashed holder's lock is taken over, run ids never collide, and a project
that cannot be saved (opened read-only, read-only folder, full disk) says so in one sentence."""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core import project as project_module
from desktop_app.core.project import (
    Project,
    ProjectError,
    ProjectLockedError,
    ProjectReadOnlyError,
)
from desktop_app.core.project_lock import LOCK_FILE, read_holder

REPO = Path(__file__).resolve().parents[2]


def _holder_process(folder: Path) -> subprocess.Popen[str]:
    """Another process with `folder` open for writing (tests/helpers/hold_project.py)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.hold_project", str(folder)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("held run-"), line
    return process


def test_a_second_opener_is_refused_and_may_view_read_only(tmp_path):
    first = Project.create(tmp_path / "p", "x")
    first.add_class("cats")
    first.save()
    with pytest.raises(ProjectLockedError) as refused:
        Project.open(tmp_path / "p")
    message = str(refused.value)
    assert str(tmp_path / "p") in message and f"process {os.getpid()}" in message
    assert refused.value.holder is not None and refused.value.holder.pid == os.getpid()
    assert refused.value.holder.host == socket.gethostname()

    viewer = Project.open(tmp_path / "p", read_only=True)
    assert viewer.classes == ["cats"] and not viewer.writable
    viewer.add_class("dogs")  # in memory only: the writer's data is never overwritten
    with pytest.raises(ProjectReadOnlyError, match="open read-only"):
        viewer.save()
    with pytest.raises(ProjectReadOnlyError):
        viewer.start_run({})
    assert not (tmp_path / "p" / "runs").exists()

    first.close()
    again = Project.open(tmp_path / "p")
    assert again.writable and again.classes == ["cats"]


def test_a_viewer_leaves_the_writers_running_run_alone(tmp_path):
    writer = Project.create(tmp_path / "p", "x")
    run = writer.start_run({})
    viewer = Project.open(tmp_path / "p", read_only=True)
    assert viewer.get_run(run.id).status == "running"  # not "interrupted": it is running
    meta = json.loads((tmp_path / "p" / "project.json").read_text())
    assert meta["runs"][0]["status"] == "running"
    writer.end_run(run.id, "cancelled")


def test_another_process_holding_the_project_is_detected_and_nothing_is_lost(tmp_path):
    Project.create(tmp_path / "p", "x").close()
    holder = _holder_process(tmp_path / "p")
    try:
        with pytest.raises(ProjectLockedError) as refused:
            Project.open(tmp_path / "p")
        assert refused.value.holder is not None and refused.value.holder.pid == holder.pid
        assert f"process {holder.pid}" in str(refused.value)
        viewer = Project.open(tmp_path / "p", read_only=True)
        assert "held-class" in viewer.classes
        assert viewer.get_run("run-0001").status == "running"
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.write("end-run\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "ended"
        holder.stdin.write("exit\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    finally:
        holder.kill()
        holder.wait()
    mine = Project.open(tmp_path / "p")  # free again
    assert "held-class" in mine.classes and mine.get_run("run-0001").status == "cancelled"
    assert mine.start_run({}).id == "run-0002"


def test_the_lock_of_a_killed_holder_is_recovered(tmp_path):
    Project.create(tmp_path / "p", "x").close()
    holder = _holder_process(tmp_path / "p")
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert read_holder(tmp_path / "p").pid == holder.pid  # the file still names the dead holder
    project = Project.open(tmp_path / "p")
    assert project.writable
    assert project.get_run("run-0001").status == "interrupted"  # recovered: it was the writer
    assert read_holder(tmp_path / "p").pid == os.getpid()


def test_a_lock_file_naming_a_dead_process_does_not_block(tmp_path):
    Project.create(tmp_path / "p", "x").close()
    stale = {"pid": 2**22 + 12345, "host": socket.gethostname(), "since": "yesterday"}
    (tmp_path / "p" / LOCK_FILE).write_text(json.dumps(stale))
    assert Project.open(tmp_path / "p").writable


def test_run_ids_never_collide_with_a_folder_another_writer_made(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    (tmp_path / "p" / "runs" / "run-0001").mkdir(parents=True)  # another writer's run
    (tmp_path / "p" / "runs" / "run-0001" / "result.json").write_text("{}")
    run = project.start_run({})
    assert run.id == "run-0002"
    assert (tmp_path / "p" / "runs" / "run-0002").is_dir()
    assert (tmp_path / "p" / "runs" / "run-0001" / "result.json").read_text() == "{}"
    assert project.start_run({}).id == "run-0003"


def test_a_read_only_folder_opens_read_only_and_says_so(tmp_path, monkeypatch):
    Project.create(tmp_path / "p", "x").close()

    def refuse(folder):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))

    monkeypatch.setattr(project_module, "acquire_project_lock", refuse)
    project = Project.open(tmp_path / "p")
    assert not project.writable
    with pytest.raises(ProjectReadOnlyError) as refused:
        project.save()
    assert str(refused.value) == (
        f"The project folder {tmp_path / 'p'} is read-only: you can view it, evaluate and "
        "predict, but not train, edit or save it."
    )


@pytest.mark.parametrize(
    ("number", "words"),
    [(errno.ENOSPC, "is full"), (errno.EROFS, "is read-only"), (errno.EACCES, "is read-only")],
)
def test_a_save_the_disk_refuses_makes_the_project_read_only(tmp_path, monkeypatch, number, words):
    project = Project.create(tmp_path / "p", "x")

    def fail(path, data):
        raise OSError(number, os.strerror(number), str(path))

    monkeypatch.setattr(project_module, "atomic_write_json", fail)
    with pytest.raises(ProjectReadOnlyError, match=words) as refused:
        project.start_run({"backbone": "b"})
    assert str(tmp_path / "p") in str(refused.value)
    assert project.runs == [] and project.settings == {}  # nothing half-started
    assert not (tmp_path / "p" / "runs" / "run-0001").exists()
    assert not project.writable
    with pytest.raises(ProjectReadOnlyError, match=words):
        project.save()


def test_other_save_errors_name_the_folder_and_the_reason(tmp_path, monkeypatch):
    project = Project.create(tmp_path / "p", "x")

    def fail(path, data):
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))

    monkeypatch.setattr(project_module, "atomic_write_json", fail)
    with pytest.raises(ProjectError, match="Cannot save the project in .*Input/output error"):
        project.save()
    assert project.writable  # a passing fault: the next save may work
