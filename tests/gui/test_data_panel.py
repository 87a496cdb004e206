"""The Data tab: import folders and files off the GUI thread, edit classes, show what was skipped."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from desktop_app.core.project import Item, Project


@pytest.fixture
def panel(qtbot, session):
    from desktop_app.gui.panels.data import DataPanel

    widget = DataPanel(session)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    return widget


def _import(qtbot, panel, paths: list[str], label: str | None = None) -> int:
    with qtbot.waitSignal(panel.import_finished, timeout=20000) as blocker:
        panel.import_paths(paths, label)
    return blocker.args[0]


def _class_rows(panel) -> dict[str | None, str]:
    from desktop_app.gui.panels.data.common import LabelRole

    rows = {}
    for row in range(panel.class_list.count()):
        item = panel.class_list.item(row)
        rows[item.data(LabelRole)] = item.text()
    return rows


def _select_grid_rows(panel, rows: list[int]) -> None:
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)


def test_drop_folder_imports_in_background_and_autosaves(qtbot, panel, session, image_folder):
    messages: list[str] = []
    session.status_message.connect(messages.append)
    assert panel.stack.currentWidget() is panel.empty_page

    with qtbot.waitSignal(panel.import_finished, timeout=20000) as blocker:
        panel.empty_drop.paths_dropped.emit([str(image_folder)])  # what a drop delivers
    assert blocker.args == [36]

    assert panel.stack.currentWidget() is panel.main_page
    rows = _class_rows(panel)
    assert rows[None].endswith("(36)")
    for name in ("red", "green", "blue"):
        assert rows[name] == f"{name}  (12)"
    assert "36 images" in panel.totals_label.text()
    assert panel.model.rowCount() == 36
    assert not panel.few_label.isVisibleTo(panel)
    assert any("Added 36 images in 3 classes" in m for m in messages)
    assert not panel.busy_row.isVisibleTo(panel)

    reopened = Project.open(session.project.folder, read_only=True)
    assert len(reopened.items) == 36
    assert sorted(reopened.classes) == ["blue", "green", "red"]

    # the same folder again adds nothing
    assert _import(qtbot, panel, [str(image_folder)]) == 0
    assert len(session.project.items) == 36


def test_import_files_with_label_adds_a_class(qtbot, panel, session, image_folder, tmp_path):
    _import(qtbot, panel, [str(image_folder)])
    loose = tmp_path / "loose"
    loose.mkdir()
    files = []
    for i, source in enumerate(sorted((image_folder / "red").iterdir())[:3]):
        target = loose / f"p{i}.png"
        shutil.copy(source, target)
        files.append(str(target))

    assert _import(qtbot, panel, files, label="purple") == 3
    assert session.project.counts()["purple"] == 3
    assert _class_rows(panel)["purple"] == "purple  (3)"
    assert panel.selected_class() == "purple"  # the new images are shown
    assert panel.model.rowCount() == 3
    assert panel.few_label.isVisibleTo(panel)
    assert "purple" in panel.few_label.text()
    assert len(Project.open(session.project.folder, read_only=True).items) == 39


def test_dropped_files_ask_for_their_class_the_selected_one_first(
    qtbot, panel, session, image_folder, tmp_path, dialogs
):
    _import(qtbot, panel, [str(image_folder)])
    copy = tmp_path / "one.png"
    shutil.copy(next((image_folder / "blue").iterdir()), copy)

    # the person cancels the question: nothing is added
    dialogs.accept_input = False
    panel.select_class("green")
    assert _import(qtbot, panel, [str(copy)]) == 0
    assert dialogs.kinds() == ["item"] and "1 images" in dialogs.asked[0][2]
    assert str(copy) not in session.project.items

    # the dialog offers the selected class first; accepting it imports into that class
    dialogs.accept_input = True
    assert _import(qtbot, panel, [str(copy)]) == 1
    assert session.project.items[str(copy)].label == "green"
    assert panel.error_text() == ""

    # a new class typed into the dialog is created
    second = tmp_path / "two.png"
    shutil.copy(copy, second)
    dialogs.item = "purple"
    assert _import(qtbot, panel, [str(second)]) == 1
    assert session.project.items[str(second)].label == "purple"


def test_delete_class_asks_first_and_cancel_keeps_it(qtbot, panel, session, image_folder, dialogs):
    _import(qtbot, panel, [str(image_folder)])
    panel.select_class("red")
    dialogs.confirm = False
    panel.delete_class_dialog()
    assert "red" in session.project.classes
    assert dialogs.kinds() == ["question"] and "red" in dialogs.asked[0][2]
    dialogs.confirm = True
    panel.delete_class_dialog()
    assert "red" not in session.project.classes


def test_rename_delete_move_remove_update_counts_and_project(qtbot, panel, session, image_folder):
    _import(qtbot, panel, [str(image_folder)])
    folder = session.project.folder

    panel.select_class("red")
    assert panel.rename_class("red", "crimson")
    assert panel.selected_class() == "crimson"
    assert _class_rows(panel)["crimson"] == "crimson  (12)"
    assert "red" not in _class_rows(panel)
    assert not panel.rename_class("crimson", "green")  # taken: shown, not raised
    assert "already" in panel.error_text()

    panel.select_class("green")
    _select_grid_rows(panel, [0, 1])
    assert panel.move_button.isEnabled()
    paths = panel.selected_paths()
    assert panel.move_paths(paths, "blue") == 2
    assert session.project.counts() == {"crimson": 12, "green": 10, "blue": 14}
    assert _class_rows(panel)["blue"] == "blue  (14)"
    assert panel.model.rowCount() == 10

    # Delete key removes the selected images (confirmation auto-accepted without dialogs)
    panel.show()
    panel.activateWindow()
    qtbot.waitActive(panel)
    _select_grid_rows(panel, [0])
    doomed = panel.selected_paths()[0]
    panel.view.setFocus()
    qtbot.waitUntil(panel.view.hasFocus, timeout=2000)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: doomed not in session.project.items, timeout=2000)
    assert Path(doomed).exists()  # files on disk are never touched
    assert session.project.counts()["green"] == 9

    panel.select_class("blue")
    assert panel.delete_class_button.isEnabled()
    panel.delete_class_dialog()
    assert "blue" not in session.project.classes
    assert panel.selected_class() is None
    assert len(session.project.items) == 21

    reopened = Project.open(folder, read_only=True)
    assert reopened.counts() == {"crimson": 12, "green": 9}
    assert doomed not in reopened.items


def test_broken_image_is_listed_as_skipped(qtbot, panel, session, image_folder):
    (image_folder / "red" / "x.jpg").write_bytes(b"this is not a jpeg at all" * 4)
    assert _import(qtbot, panel, [str(image_folder)]) == 36
    assert "(1)" in panel.skipped_toggle.text()
    assert panel.skipped_list.count() == 1
    line = panel.skipped_list.item(0).text()
    assert "x.jpg" in line and "not an image" in line
    assert panel.skipped_toggle.isChecked()  # opened so the user sees it
    assert Project.open(session.project.folder, read_only=True).skipped[0].path.endswith("x.jpg")

    panel.clear_skipped()
    assert panel.skipped_list.count() == 0
    assert panel.skipped_body.currentWidget() is panel.skipped_empty


def test_missing_folder_shows_an_error(qtbot, panel, session, tmp_path, dialogs):
    missing = str(tmp_path / "no-such-folder")
    with qtbot.waitSignal(panel.import_failed, timeout=20000) as failed:
        panel.import_paths([missing])
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    assert "Folder not found" in failed.args[0]
    assert "Folder not found" in panel.error_text()
    assert [kind for kind, _, text in dialogs.asked if "Folder not found" in text] == ["warning"]
    assert session.project.items == {}
    assert panel.stack.currentWidget() is panel.empty_page
    panel.clear_error()
    assert panel.error_text() == ""


def test_cancelled_import_adds_nothing(qtbot, panel, session, image_folder):
    with qtbot.waitSignal(panel.import_finished, timeout=20000) as blocker:
        panel.import_paths([str(image_folder)])
        assert panel.busy_row.isVisibleTo(panel)
        panel.cancel_import()
    assert blocker.args == [0]
    assert session.project.items == {}


def test_closing_the_project_shows_the_empty_state(qtbot, panel, session, image_folder):
    _import(qtbot, panel, [str(image_folder)])
    session.close_project()
    assert panel.stack.currentWidget() is panel.empty_page
    assert not panel.add_folder_button.isEnabled()
    panel.detach()
    session.data_changed.emit()  # no longer listening: nothing happens


def test_twenty_thousand_images_stay_cheap_and_decode_off_thread(
    qtbot, panel, session, image_folder, tmp_path, monkeypatch
):
    from desktop_app.core.data import images
    from desktop_app.gui.widgets.thumbnails import ThumbItem, ThumbnailLoader

    sources = sorted((image_folder / "red").iterdir())
    many = tmp_path / "many"
    many.mkdir()
    paths = []
    for i in range(20_000):
        target = many / f"{i:05d}.png"
        try:
            os.link(sources[i % len(sources)], target)
        except OSError:
            shutil.copy(sources[i % len(sources)], target)
        paths.append(str(target))

    threads: list[bool] = []
    original = images.load_thumbnail

    def recording(path, max_side=160):
        threads.append(threading.current_thread() is threading.main_thread())
        return original(path, max_side)

    monkeypatch.setattr(images, "load_thumbnail", recording)

    start = time.perf_counter()
    panel.model.set_items([ThumbItem(p, os.path.basename(p)) for p in paths])
    assert time.perf_counter() - start < 1.0
    assert threads == []  # building the model decodes nothing

    # the panel's own path: 20,000 project items → class list and grid
    session.project.classes.append("many")
    for p in paths:
        session.project.items[p] = Item("many", "train")
    start = time.perf_counter()
    panel.refresh()
    assert time.perf_counter() - start < 1.0
    assert panel.model.rowCount() == 20_000

    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: len(threads) > 0, timeout=10000)
    ThumbnailLoader.shared().clear_queue()
    ThumbnailLoader.shared().wait()
    assert not any(threads), "a thumbnail was decoded on the GUI thread"
    assert len(threads) < 1000  # only what is on screen was requested


def test_the_window_shows_the_data_page_of_the_projects_kind(qtbot, tmp_path):
    """One page per kind of data, from the one map `PAGES`; the open project's kind picks it."""
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.panels.data import PAGES

    window = MainWindow()
    qtbot.addWidget(window)
    assert {kind: type(page) for kind, page in window.data_pages.items()} == PAGES
    for kind, page_class in PAGES.items():
        window.session.new_project(kind.title(), kind, folder=str(tmp_path / kind))
        assert type(window.data_stack.currentWidget()) is page_class
    window.session.cancel_all_and_wait()
