"""Projects: atomic saves, reopen restores everything, crashes leave runs recoverable,
newer formats are refused clearly, training results round-trip without pickle."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.project import PROJECT_FORMAT, Project, ProjectError
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished
from desktop_app.core.training.loop import train
from tests.helpers.synthetic import write_class_folders


@pytest.fixture
def data(tmp_path):
    return write_class_folders(tmp_path / "data", per_class=10)


def _train(project: Project, **overrides):
    config = TrainConfig(max_epochs=8, **overrides)
    result = None
    for event in train(config, project.dataset()):
        if isinstance(event, Finished):
            result = event.result
    assert result is not None
    return config, result


def test_create_edit_reopen(tmp_path, data):
    project = Project.create(tmp_path / "p", "Colours")
    added, duplicates = project.merge(scan_image_folder(data))
    assert (added, duplicates) == (30, 0)
    assert project.merge(scan_image_folder(data)) == (0, 30)
    project.add_class("purple")
    project.rename_class("red", "crimson")
    moved = project.move_items(project.paths_of("green")[:3], "purple")
    removed = project.remove_items(project.paths_of("blue")[:2])
    project.save()
    project.close()
    again = Project.open(tmp_path / "p")
    assert again.counts() == {"crimson": 10, "green": 7, "blue": 8, "purple": 3}
    assert (moved, removed) == (3, 2)
    assert sum(again.split_counts().values()) == 28
    assert again.delete_class("purple") == 3
    assert again.dataset().classes == ("blue", "green", "crimson")


def test_class_name_errors(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    project.add_class("a")
    with pytest.raises(ProjectError, match="already"):
        project.add_class("a")
    with pytest.raises(ProjectError, match="name"):
        project.add_class("   ")
    with pytest.raises(ProjectError, match="No class"):
        project.rename_class("zzz", "b")


def test_create_refuses_non_empty_folder(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(ProjectError, match="not empty"):
        Project.create(tmp_path / "full")


def test_newer_format_and_damage_are_refused_clearly(tmp_path):
    Project.create(tmp_path / "p", "x").close()
    meta_path = tmp_path / "p" / "project.json"
    meta = json.loads(meta_path.read_text())
    meta["format"] = PROJECT_FORMAT + 1
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ProjectError, match="newer version"):
        Project.open(tmp_path / "p")
    meta_path.write_text("{not json")
    with pytest.raises(ProjectError, match="Cannot read"):
        Project.open(tmp_path / "p")
    with pytest.raises(ProjectError, match="No project"):
        Project.open(tmp_path / "nowhere")


def test_run_saved_and_loaded_back_without_pickle(tmp_path, data):
    project = Project.create(tmp_path / "p", "Colours")
    project.merge(scan_image_folder(data))
    config, result = _train(project)
    run = project.start_run(config.to_json())
    project.finish_run(run.id, result)
    project.close()
    again = Project.open(tmp_path / "p")
    assert again.get_run(run.id).status == "finished"
    assert again.get_run(run.id).summary["accuracy"] == pytest.approx(result.eval_metrics.accuracy)
    loaded = again.load_result(run.id)
    assert loaded.head_onnx == result.head_onnx
    assert loaded.classes == result.classes
    assert loaded.eval_items == result.eval_items
    assert np.allclose(loaded.eval_probabilities, result.eval_probabilities, atol=1e-6)
    assert loaded.eval_metrics == result.eval_metrics
    assert loaded.history == result.history
    assert set(loaded.head_state) == set(result.head_state)
    # the probabilities behind the confusion matrix agree with its counts
    predicted = loaded.eval_probabilities.argmax(1)
    confusion = np.zeros((3, 3), int)
    np.add.at(confusion, (np.asarray(loaded.eval_labels), predicted), 1)
    assert confusion.tolist() == [list(r) for r in loaded.eval_metrics.confusion]


def test_interrupted_run_is_marked_on_reopen(tmp_path, data):
    project = Project.create(tmp_path / "p", "x")
    project.merge(scan_image_folder(data))
    run = project.start_run(TrainConfig().to_json())  # the app dies here
    project.close()  # (the system drops a dead app's lock)
    again = Project.open(tmp_path / "p")
    assert again.get_run(run.id).status == "interrupted"
    assert again.last_finished_run() is None


def test_run_whose_result_was_saved_recovers_as_finished(tmp_path, data):
    from desktop_app.core.training.results import save_result

    project = Project.create(tmp_path / "p", "x")
    project.merge(scan_image_folder(data))
    config, result = _train(project)
    run = project.start_run(config.to_json())
    save_result(result, project.run_folder(run.id))  # ... and the app dies before project.json
    project.close()
    again = Project.open(tmp_path / "p")
    assert again.get_run(run.id).status == "finished"


def test_warm_start_continues_from_last_weights(tmp_path, data):
    project = Project.create(tmp_path / "p", "x")
    project.merge(scan_image_folder(data))
    _, first = _train(project)
    result = None
    for event in train(TrainConfig(max_epochs=1), project.dataset(), warm_start=first.head_state):
        if isinstance(event, Finished):
            result = event.result
    assert result.warm_started
    # one epoch from the trained weights is already as good as the full first run
    assert result.eval_metrics.accuracy >= first.eval_metrics.accuracy - 0.1
    project.add_class("new")
    project.move_items(project.paths_of("red")[:5], "new")
    messages = []
    for event in train(TrainConfig(max_epochs=1), project.dataset(), warm_start=first.head_state):
        if isinstance(event, Finished):
            result = event.result
        elif type(event).__name__ == "Message":
            messages.append(event.text)
    assert not result.warm_started
    assert any("starting fresh" in m for m in messages)
