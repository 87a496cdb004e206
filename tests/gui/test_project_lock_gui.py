"""Two windows on one project (issue 16 item 1) and projects that cannot be saved (item 10).

The second window (in this process or another) is told the project is open elsewhere and may
view it read-only: it cannot edit or train, and nothing the first window saved is lost. A
read-only folder or a full disk says so in one sentence (never "Something went wrong"), keeps
viewing and predicting, and disables what cannot work."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core import project as project_module
from desktop_app.core.project import Project
from tests.helpers.synthetic import write_class_folders

REPO = Path(__file__).resolve().parents[2]
SIGNAL_TIMEOUT = 60_000


def _window(qtbot, session=None):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    return window


def _questions(dialogs) -> list[str]:
    return [text for kind, _, text in dialogs.asked if kind == "question"]


def _warnings(dialogs) -> list[str]:
    return [text for kind, _, text in dialogs.asked if kind == "warning"]


def _fill(session, tmp_path: Path) -> None:
    """Three classes of images in the session's project (no import job: merged directly)."""
    from desktop_app.core.data.dataset import scan_image_folder

    data = write_class_folders(tmp_path / "data", per_class=6)
    session.project.merge(scan_image_folder(data))
    session.data_edited()


def test_two_windows_on_one_project_the_second_is_told_and_nothing_is_lost(
    qtbot, tmp_path, session, dialogs
):
    _fill(session, tmp_path)
    first = _window(qtbot, session)
    folder = session.project.folder

    second = _window(qtbot)
    dialogs.confirm = False  # "Open it read-only?" → Cancel: nothing opens
    assert not second.open_project(str(folder))
    assert second.session.project is None
    (question,) = _questions(dialogs)
    assert str(folder) in question and "open in another Classifier Studio" in question
    assert f"process {os.getpid()}" in question

    dialogs.confirm = True  # → open read-only
    assert second.open_project(str(folder))
    view = second.session
    assert view.project is not None and view.read_only is not None
    assert second.read_only_banner.isVisibleTo(second)
    assert "open read-only" in second.read_only_banner.text()
    assert "predict" in second.read_only_banner.text()
    assert not second.save_action.isEnabled()
    assert not second.train_panel.start_button.isEnabled()
    assert not second.data_panel.add_class_button.isEnabled()
    assert not second.data_panel.add_folder_button.isEnabled()
    assert not first.read_only_banner.isVisibleTo(first)
    assert first.train_panel.start_button.isEnabled()

    # the first window changes the project while the second shows it
    assert first.data_panel.add_class("purple")
    moved = first.data_panel.move_paths(session.project.paths_of("red")[:2], "purple")
    assert moved == 2
    # the second window can change nothing (and says why)
    assert not second.data_panel.add_class("from-the-second")
    assert "open read-only" in _warnings(dialogs)[-1]
    assert not second.train_panel.start_training()
    assert "open read-only" in second.train_panel.message_label.text()

    second.close()  # its save on close writes nothing
    on_disk = Project.open(folder, read_only=True)
    assert "purple" in on_disk.classes and "from-the-second" not in on_disk.classes
    assert on_disk.counts()["purple"] == 2
    assert on_disk.runs == []
    assert not any("Something went wrong" in text for _, _, text in dialogs.asked)

    # the first window still writes; once it is closed, another opens the project to write
    run = session.start_run({"backbone": "scratch-cnn"})
    assert run is not None and run.id == "run-0001"
    session.end_run(run.id, "cancelled")
    first.close()
    third = _window(qtbot)
    assert third.open_project(str(folder))
    assert third.session.read_only is None and "purple" in third.session.project.classes
    assert len(_questions(dialogs)) == 2  # not asked again: the project was free


def test_a_project_held_by_another_process_opens_read_only_in_the_window(qtbot, tmp_path, dialogs):
    folder = tmp_path / "p"
    Project.create(folder, "Held").close()
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.hold_project", str(folder)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().startswith("held run-0001")
        window = _window(qtbot)
        assert window.open_project(str(folder))
        (question,) = _questions(dialogs)
        assert f"process {holder.pid}" in question
        assert window.session.read_only is not None
        assert "held-class" in window.session.project.classes
        # the holder's run is running there: not shown as interrupted, not touched
        assert window.session.project.get_run("run-0001").status == "running"
        assert not window.train_panel.start_button.isEnabled()
        window.close()
    finally:
        holder.kill()
        holder.wait()
    # the holder died without closing: its lock went with it, the next opener writes
    again = _window(qtbot)
    assert again.open_project(str(folder))
    assert again.session.read_only is None
    assert again.session.project.get_run("run-0001").status == "interrupted"
    assert len(_questions(dialogs)) == 1


def test_a_read_only_project_folder_says_so_and_still_predicts(
    qtbot, tmp_path, dialogs, monkeypatch, _trained_template
):
    folder = tmp_path / "trained"
    shutil.copytree(_trained_template, folder)

    def refuse(path):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    monkeypatch.setattr(project_module, "acquire_project_lock", refuse)
    window = _window(qtbot)
    assert window.open_project(str(folder))
    assert _questions(dialogs) == [] and _warnings(dialogs) == []
    banner = window.read_only_banner.text()
    assert banner.startswith(f"The project folder {folder} is read-only")
    assert "predict" in banner and window.read_only_banner.isVisibleTo(window)
    assert not window.train_panel.start_button.isEnabled()
    assert not window.data_panel.add_class_button.isEnabled()
    assert not window.evaluate_panel.relabel_button.isEnabled()
    # predicting still works
    panel = window.predict_panel
    image = write_class_folders(tmp_path / "new", per_class=1) / "red" / "0.png"
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.classify_paths([str(image)])
    assert panel.results[0].ok
    window.close()
    assert not any("Something went wrong" in text for _, _, text in dialogs.asked)


@pytest.mark.parametrize(
    ("number", "words"), [(errno.ENOSPC, "is full"), (errno.EROFS, "is read-only")]
)
def test_a_full_or_read_only_disk_when_training_starts_is_told_in_one_sentence(
    qtbot, tmp_path, session, dialogs, monkeypatch, number, words
):
    _fill(session, tmp_path)
    window = _window(qtbot, session)

    def fail(path, data):
        raise OSError(number, os.strerror(number), str(path))

    monkeypatch.setattr(project_module, "atomic_write_json", fail)
    assert not window.train_panel.start_training()  # before: OSError → "Something went wrong"
    (warning,) = _warnings(dialogs)
    assert str(session.project.folder) in warning and words in warning
    assert "The last change was not saved." in warning
    assert session.project.runs == []
    assert not (session.project.folder / "runs" / "run-0001").exists()
    assert window.read_only_banner.isVisibleTo(window) and words in window.read_only_banner.text()
    assert not window.train_panel.start_button.isEnabled()
    assert not window.data_panel.add_class_button.isEnabled()
    assert words in window.train_panel.message_label.text()
    window.close()  # the save on close is not tried again: no second dialog
    assert len(_warnings(dialogs)) == 1
    assert not any("Something went wrong" in text for _, _, text in dialogs.asked)


def test_a_full_disk_when_a_run_ends_is_told_not_raised(qtbot, tmp_path, session, dialogs):
    _fill(session, tmp_path)
    window = _window(qtbot, session)
    run = session.start_run({"backbone": "scratch-cnn"})
    assert run is not None

    def fail(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    original = project_module.atomic_write_json
    project_module.atomic_write_json = fail
    try:
        session.end_run(run.id, "cancelled")  # before: the OSError escaped the slot
    finally:
        project_module.atomic_write_json = original
    (warning,) = _warnings(dialogs)
    assert "is full" in warning and str(session.project.folder) in warning
    assert window.read_only_banner.isVisibleTo(window)


def test_the_corpus_project_kinds_in_the_window(qtbot, tmp_path, dialogs):
    """Each refused project kind (tests/helpers/bad_corpus.py) is one sentence in one dialog;
    the used ones open to be changed without a word."""
    from tests.helpers.bad_corpus import HELD_LOCKS, LOCK_KINDS, REFUSED

    window = _window(qtbot)
    for number, kind in enumerate(LOCK_KINDS):
        dialogs.asked.clear()
        dialogs.confirm = False
        folder = kind.build(tmp_path / str(number))
        try:
            opened = window.open_project(str(folder))
        finally:
            while HELD_LOCKS:
                HELD_LOCKS.pop().release()
        if kind.outcome == REFUSED:
            assert not opened, kind.name
            ((_, _, text),) = dialogs.asked
            assert re.search(kind.reason, text), (kind.name, text)
            assert str(folder) in text
        else:
            assert opened and dialogs.asked == [], kind.name
            assert window.session.read_only is None
        window.close_project()
    outside = [p for p in tmp_path.rglob("outside.txt")]
    assert outside and all(p.read_text() == "precious" for p in outside)
