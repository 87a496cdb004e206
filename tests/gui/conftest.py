"""GUI test set-up: offscreen Qt (root conftest), isolated QSettings, modal dialogs answered by
the test (`dialogs`), a new project per test, generated image folders, and a project with one
finished run trained once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.helpers.dialogs import FakeDialogs
from tests.helpers.synthetic import write_class_folders


@pytest.fixture(scope="session", autouse=True)
def _isolated_settings(qapp):
    from desktop_app.gui.application import create_application

    create_application()  # org/app names, settings under CLASSIFIER_STUDIO_HOME, logging
    QSettings().clear()
    yield


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> FakeDialogs:
    """No test ever waits on a modal dialog: each is answered (Yes, the suggested name or
    class, choosers cancelled) and recorded; a test changes the answers on this object."""
    return FakeDialogs().install(monkeypatch)


@pytest.fixture
def image_folder(tmp_path: Path) -> Path:
    """tmp/data/{red,green,blue}/*.png, 12 images per class."""
    return write_class_folders(tmp_path / "data", per_class=12)


@pytest.fixture
def session(qtbot, tmp_path: Path):
    from desktop_app.gui.session import ProjectSession

    session = ProjectSession()
    session.new_project("Test project", "image", folder=str(tmp_path / "project"))
    yield session
    session.cancel_all_and_wait()


@pytest.fixture(scope="session")
def _trained_template(tmp_path_factory) -> Path:
    """A project folder with one finished run (trained through the engine, not the GUI)."""
    from desktop_app.core.data.dataset import scan_image_folder
    from desktop_app.core.export import export_model
    from desktop_app.core.project import Project
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import Finished
    from desktop_app.core.training.loop import train
    from desktop_app.gui.session import MODEL_FILE

    base = tmp_path_factory.mktemp("trained")
    data = write_class_folders(base / "data", per_class=12)
    project = Project.create(base / "project", "Colours")
    project.merge(scan_image_folder(data))
    config = TrainConfig(max_epochs=15)
    run = project.start_run(config.to_json())
    result = None
    for event in train(config, project.dataset()):
        if isinstance(event, Finished):
            result = event.result
    assert result is not None
    export_model(result, project.run_folder(run.id) / MODEL_FILE)
    project.finish_run(run.id, result)
    return base / "project"


@pytest.fixture
def trained_session(qtbot, tmp_path: Path, _trained_template: Path):
    """A session with a copy of the trained project open (its run is the current result)."""
    from desktop_app.gui.session import ProjectSession

    folder = tmp_path / "trained-project"
    shutil.copytree(_trained_template, folder)
    session = ProjectSession()
    session.open_project(folder)
    assert session.result is not None
    yield session
    session.cancel_all_and_wait()
