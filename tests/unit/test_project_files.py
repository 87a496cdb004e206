"""Project files edited by hand or crafted (issue 16, items 2, 3 and 9): nothing outside the
project is read, written or deleted because a project file or a link said so; what cannot be used
is named (file and field) on open and the rest of the project stays usable."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from desktop_app.core.project import Project, ProjectError
from desktop_app.core.training.results import ResultError
from tests.helpers.bad_corpus import (
    STALE_TEMP,
    outside_folder,
    project_builder,
    project_with_result,
)


def _open(tmp_path: Path, edit=None, dataset_text: str | None = None) -> Project:
    return Project.open(project_builder(edit, dataset_text)(tmp_path))


def _problems(project: Project) -> str:
    return "\n".join(str(p) for p in project.problems)


# ----------------------------------------------------------------------------- item 2: run ids


@pytest.mark.parametrize("run_id", ["absolute", "../../outside", "runs/../../outside"])
def test_a_crafted_run_id_deletes_and_reads_nothing_outside(tmp_path, run_id):
    outside = tmp_path / "outside"
    crafted = str(outside) if run_id == "absolute" else run_id

    def edit(meta, data, out):
        meta["runs"][0].update(id=crafted, status="running")

    project = _open(tmp_path, edit)
    assert (outside / STALE_TEMP).exists(), "a temp file outside the project was deleted"
    assert project.runs == [], "a run whose id names a folder outside was kept"
    assert "runs[0].id" in _problems(project) and "project.json" in _problems(project)
    with pytest.raises(ProjectError, match="not a run id"):
        project.run_folder(crafted)


@pytest.mark.parametrize("run_id", ["", "run-1", "run-0001/..", "run-0001\x00", ".", 7, None])
def test_run_folder_accepts_only_run_ids(tmp_path, run_id):
    project = Project.create(tmp_path / "p", "x")
    with pytest.raises(ProjectError):
        project.run_folder(run_id)
    assert project.run_folder("run-0001") == tmp_path / "p" / "runs" / "run-0001"


# ----------------------------------------------------------------------------- item 3: links


def test_a_run_folder_linked_outside_receives_nothing(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    outside = outside_folder(tmp_path)
    before = sorted(os.listdir(outside))
    (tmp_path / "p" / "runs").mkdir()
    os.symlink(outside, tmp_path / "p" / "runs" / "run-0001")
    # the linked name counts as taken (run folders are made with mkdir): a fresh one inside
    first = project.start_run({"max_epochs": 1})
    assert first.id == "run-0002"
    made = project.folder / "runs" / first.id
    assert made.is_dir() and not made.is_symlink()
    # a link made after the run started: its result is not saved through it
    made.rmdir()
    os.symlink(outside, made)
    run = first
    with pytest.raises(ProjectError, match="outside the project"):
        project.finish_run(run.id, result=None)  # refused before the result is looked at
    with pytest.raises(ProjectError, match="outside the project"):
        project.load_result(run.id)
    assert sorted(os.listdir(outside)) == before


def test_runs_linked_outside_and_a_linked_result_are_refused(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    outside = outside_folder(tmp_path)
    os.symlink(outside, tmp_path / "p" / "runs")
    with pytest.raises(ProjectError, match=r"runs is a link to"):
        project.start_run({})
    os.unlink(tmp_path / "p" / "runs")
    (tmp_path / "p" / "runs" / "run-0001").mkdir(parents=True)
    os.symlink(outside / "result.json", tmp_path / "p" / "runs" / "run-0001" / "result.json")
    with pytest.raises(ProjectError, match=r"result\.json is a link to"):
        project.load_result("run-0001")


def test_a_link_inside_the_project_is_followed(tmp_path):
    project = Project.create(tmp_path / "p", "x")
    (tmp_path / "p" / "elsewhere").mkdir()
    (tmp_path / "p" / "runs").mkdir()
    os.symlink(tmp_path / "p" / "elsewhere", tmp_path / "p" / "runs" / "run-0001")
    linked = project.run_folder("run-0001")  # followed, not refused
    assert linked.resolve() == (tmp_path / "p" / "elsewhere").resolve()
    assert project.start_run({}).id == "run-0002"  # the linked name is taken


def test_opening_a_project_with_a_linked_run_names_it_and_touches_nothing(tmp_path):
    def edit(meta, data, out):
        meta["runs"][0]["status"] = "running"

    folder = project_builder(edit)(tmp_path)
    os.rmdir(folder / "runs" / "run-0001")
    os.symlink(tmp_path / "outside", folder / "runs" / "run-0001")
    project = Project.open(folder)
    assert (tmp_path / "outside" / STALE_TEMP).exists()
    assert "run-0001 is a link to" in _problems(project)
    assert project.get_run("run-0001").status == "interrupted"  # its result was not read


# ----------------------------------------------------------------------------- item 9: fields


def test_an_item_label_not_in_classes_becomes_a_class(tmp_path):
    project = _open(tmp_path, lambda m, d, out: d["items"][0].__setitem__(1, "zebra"))
    assert project.classes == ["a", "b", "zebra"]
    assert project.dataset().classes == ("a", "b", "zebra")  # KeyError before
    assert re.search(r"dataset\.json: \"items\[0\]\" has the label \"zebra\"", _problems(project))


def test_classes_that_are_a_string_are_taken_from_the_labels(tmp_path):
    project = _open(tmp_path, lambda m, d, out: d.update(classes="abc"))
    assert project.classes == ["a", "b"]  # not ["a", "b", "c"]
    assert '"classes" must be a list, found "abc"' in _problems(project)


def test_an_item_that_is_not_three_texts_is_left_out(tmp_path):
    project = _open(tmp_path, lambda m, d, out: d["items"].append([None, {}, 7]))
    assert len(project.items) == 4 and "None" not in project.items
    assert '"items[4]" must be [item, label, split] (three texts), found [null, {}, 7]' in (
        _problems(project)
    )


def test_an_unknown_split_is_used_for_training(tmp_path):
    project = _open(tmp_path, lambda m, d, out: d["items"][0].__setitem__(2, "training"))
    assert set(project.split_counts()) == {"train", "val", "test"}
    assert '"items[0] split" is "training"' in _problems(project)


@pytest.mark.parametrize("name", ["dataset.json", "project.json"])
def test_a_file_nested_200k_deep_is_refused_in_one_sentence(tmp_path, name):
    folder = project_builder()(tmp_path)
    (folder / name).write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(ProjectError, match=rf"Cannot read .*{name}: nested too deeply"):
        Project.open(folder)


def test_result_json_with_a_config_list_is_named_not_a_traceback(tmp_path):
    folder = project_with_result([])(tmp_path)
    project = Project.open(folder)  # AttributeError here before: the run was "running"
    assert project.get_run("run-0001").status == "interrupted"
    with pytest.raises(ResultError, match=r"result\.json is damaged: \"config\" must be an object"):
        project.load_result("run-0001")
    (folder / "runs" / "run-0001" / "result.json").write_text('"a string"')
    with pytest.raises(ResultError, match=r"result\.json is damaged: it must hold a JSON object"):
        project.load_result("run-0001")


def test_a_run_id_run_abc_is_left_out_and_new_runs_still_start(tmp_path):
    def edit(meta, data, out):
        meta["runs"].append(dict(meta["runs"][0], id="run-abc"))

    project = _open(tmp_path, edit)
    assert [r.id for r in project.runs] == ["run-0001"]
    assert project.start_run({}).id == "run-0002"  # ValueError (int("abc")) before
    assert '"runs[1].id" must be a run id such as run-0001, found "run-abc"' in _problems(project)


def test_an_unknown_status_lists_the_run_as_unreadable(tmp_path):
    project = _open(tmp_path, lambda m, d, out: m["runs"][0].update(status="paused"))
    run = project.get_run("run-0001")
    assert run.status == "unreadable" and "paused" in run.message
    assert project.best_finished_run() is None
    project.save()
    again = Project.open(project.folder, read_only=True)
    assert again.get_run("run-0001").status == "unreadable" and again.problems == []


def test_bad_display_fields_are_ignored_and_the_run_stays_usable(tmp_path):
    def edit(meta, data, out):
        meta["runs"][0].update(config=[], summary={"accuracy": "high"}, started=5)
        meta["settings"] = {"max_epochs": "many", "seed": True, "dropout": 0.5, "future": 1}

    project = _open(tmp_path, edit)
    run = project.get_run("run-0001")
    assert run.status == "finished" and run.config == {} and run.started == ""
    assert project.best_finished_run() is run  # float("high") raised before
    assert project.settings == {"dropout": 0.5, "future": 1}
    for field in ("config", "accuracy", "started", "settings.max_epochs", "settings.seed"):
        assert field in _problems(project)


def test_nan_in_a_project_file_does_not_stop_saving(tmp_path):
    project = _open(tmp_path, lambda m, d, out: m["runs"][0].update(summary={"accuracy": "NaN"}))
    folder = project.folder
    text = (folder / "project.json").read_text().replace('"NaN"', "NaN")
    (folder / "project.json").write_text(text)
    project.close()
    project = Project.open(folder)
    assert project.get_run("run-0001").summary["accuracy"] is None
    project.save()  # ValueError (out of range float) before


def test_an_unknown_task_is_refused_naming_the_file(tmp_path):
    with pytest.raises(ProjectError, match=r"project\.json: unknown task \"audio\""):
        _open(tmp_path, lambda m, d, out: m.update(task="audio"))


def test_whole_files_that_are_not_usable_are_refused(tmp_path):
    with pytest.raises(ProjectError, match=r"dataset\.json cannot be used: \"items\" must be"):
        _open(tmp_path, lambda m, d, out: d.update(items="x"))
    folder = project_builder()(tmp_path / "two")
    (folder / "dataset.json").write_text("[1, 2]")
    with pytest.raises(ProjectError, match=r"dataset\.json cannot be used: it must hold a JSON"):
        Project.open(folder)


def test_many_problems_are_counted_not_all_listed(tmp_path):
    project = _open(tmp_path, lambda m, d, out: d["items"].extend([[1, 2, 3]] * 50))
    assert len(project.problems) == 21 and str(project.problems[-1]) == "and 30 more"


def test_a_good_project_has_no_problems_and_reopens_the_same(tmp_path):
    project = _open(tmp_path)
    assert project.problems == [] and len(project.items) == 4
    project.save()
    again = Project.open(project.folder, read_only=True)
    assert again.problems == [] and again.items == project.items
    assert json.loads((project.folder / "project.json").read_text())["runs"][0]["id"] == "run-0001"


def test_free_form_values_nested_900_deep_are_left_out_not_a_recursion_error(tmp_path):
    deep = json.loads("[" * 900 + "]" * 900)

    def edit(meta, data, out):
        meta["settings"]["future"] = deep
        meta["runs"][0]["message_phrase"] = {"key": "dataset.not_found", "params": deep}
        data["skipped"] = [["/data/x.gif", "not an image"]]
        data["skipped_keys"] = [{"key": "dataset.not_found", "params": deep}]

    project = _open(tmp_path, edit)  # RecursionError before
    assert project.skipped[0].reason == "not an image" and project.skipped[0].key == ""
    assert "future" not in project.settings and "settings.future" in _problems(project)
    assert project.get_run("run-0001").message_phrase is None
    project.save()
