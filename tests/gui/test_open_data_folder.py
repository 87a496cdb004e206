"""`--project <a data folder>` (or Open project on one): the window offers to create a project
from the data instead of saying "no project.json" (issue 15 rough edge 19)."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from desktop_app.core import project as project_module
    from desktop_app.gui.main_window import MainWindow

    monkeypatch.setattr(project_module, "default_projects_dir", lambda: tmp_path / "projects")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    yield window
    window.session.cancel_all_and_wait()


def test_a_data_folder_becomes_a_new_project_that_imports_it(qtbot, window, image_folder, dialogs):
    with qtbot.waitSignal(window.data_panel.import_finished, timeout=30_000):
        assert window.open_project(str(image_folder))
    kinds = [kind for kind, _, _ in dialogs.asked]
    assert kinds == ["question"], dialogs.asked  # asked once, no "Cannot open the project"
    _, title, text = dialogs.asked[0]
    assert str(image_folder) in text and "project" in text.lower()
    project = window.session.project
    assert project is not None and project.task == "image"
    assert project.name == image_folder.name
    assert project.folder.parent == image_folder.parent / "projects"
    assert project.counts() == {"blue": 12, "green": 12, "red": 12}
    assert not (image_folder / "project.json").exists()  # the data folder is left as it was


def test_saying_no_opens_nothing(window, image_folder, dialogs):
    dialogs.confirm = False
    assert not window.open_project(str(image_folder))
    assert window.session.project is None
    assert [kind for kind, _, _ in dialogs.asked] == ["question"]


def test_a_folder_with_a_csv_becomes_a_text_project(qtbot, window, tmp_path, dialogs):
    from tests.gui.test_text_flow import write_csv

    folder = tmp_path / "reviews"
    write_csv(folder / "topics.csv")
    panel = window.text_data_panel
    with qtbot.waitSignal(panel.import_finished, timeout=30_000):
        assert window.open_project(str(folder))
    project = window.session.project
    assert project is not None and project.task == "text" and project.name == "reviews"
    assert project.counts() == {"food": 30, "sport": 30}
