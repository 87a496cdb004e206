"""The bad-input corpus dropped on the window: no crash, every bad file listed with its reason,
the good images added, and what the project already held left as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.project import Project
from tests.helpers.bad_corpus import (
    FOLDER_KINDS,
    IMAGE_KINDS,
    MODEL_KINDS,
    SKIPPED,
    good_png,
    write_image_corpus,
)

HYMENOPTERA = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "images" / "hymenoptera"


@pytest.fixture
def data_panel(qtbot, session):
    from desktop_app.gui.panels.data import DataPanel

    widget = DataPanel(session)
    qtbot.addWidget(widget)
    return widget


def _drop(qtbot, panel, path: Path) -> int:
    with qtbot.waitSignal(panel.import_finished, timeout=30_000) as blocker:
        panel.empty_drop.paths_dropped.emit([str(path)])  # what a drop delivers
    return blocker.args[0]


def test_dropping_the_corpus_lists_every_bad_file_and_keeps_the_project(
    qtbot, data_panel, session, image_folder, tmp_path
):
    assert _drop(qtbot, data_panel, image_folder) == 36
    before = {path: (item.label, item.split) for path, item in session.project.items.items()}

    corpus = tmp_path / "corpus"
    paths = write_image_corpus(corpus)
    expected = scan_image_folder(corpus)  # what the engine finds by reading the headers
    with qtbot.waitSignal(data_panel.import_finished, timeout=30_000) as blocker:
        data_panel.import_paths([str(corpus)])
    assert blocker.args[0] == len(expected.items)

    lines = [data_panel.skipped_list.item(i).text() for i in range(data_panel.skipped_list.count())]
    assert f"({len(lines)})" in data_panel.skipped_toggle.text()
    assert data_panel.skipped_toggle.isChecked(), "opened so the user sees it"
    shown = 0
    for kind in IMAGE_KINDS:
        path = str(paths[kind.name])
        reason = next((s.reason for s in expected.skipped if s.path == path), None)
        if kind.outcome != SKIPPED or reason is None:  # decoding problems show at training
            assert not any(line.startswith(f"{path}  —") for line in lines), path
            continue
        assert f"{path}  —  {reason}" in lines
        assert re.search(kind.reason, reason)
        shown += 1
    assert shown >= 12

    saved = Project.open(session.project.folder, read_only=True)
    for path, (label, split) in before.items():
        assert (saved.items[path].label, saved.items[path].split) == (label, split)
    assert set(expected.items) <= set(saved.items)
    assert data_panel.error_text() == ""


def _skipped_lines(panel) -> list[str]:
    return [panel.skipped_list.item(i).text() for i in range(panel.skipped_list.count())]


def _folder_kind(name: str, folder: Path) -> Path:
    return next(k for k in FOLDER_KINDS if k.name.startswith(name)).build(folder)


def test_junk_is_listed_with_what_it_is_and_the_images_are_added(qtbot, data_panel, tmp_path):
    root = _folder_kind(".DS_Store", tmp_path)
    assert _drop(qtbot, data_panel, root) == 6
    lines = _skipped_lines(data_panel)
    junk = sorted(p for p in root.rglob("*") if p.is_file() and not p.name[0].isdigit())
    assert len(lines) == len(junk) == 9
    for path in junk:
        assert any(line.startswith(f"{path}  —  system file, not an image (") for line in lines)
    assert f"{root / '.DS_Store'}  —  system file, not an image (macOS folder settings)" in lines
    assert data_panel.skipped_toggle.text().endswith("(9)")
    assert data_panel.error_text() == "" and data_panel.notice_text() == ""


@pytest.mark.skipif(not HYMENOPTERA.is_dir(), reason="../shared/datasets is not here")
def test_hymenoptera_lists_its_gif_and_its_ds_store_files(qtbot, data_panel):
    assert _drop(qtbot, data_panel, HYMENOPTERA) == 397
    lines = _skipped_lines(data_panel)
    assert len(lines) == 3
    for split in ("train", "val"):
        ds_store = HYMENOPTERA / split / ".DS_Store"
        assert f"{ds_store}  —  system file, not an image (macOS folder settings)" in lines
    assert any("imageNotFound.gif  —  GIF images are not supported" in line for line in lines)
    assert data_panel.skipped_toggle.isChecked() and data_panel.skipped_list.isVisibleTo(data_panel)


def test_an_image_in_two_classes_is_named_with_both_classes(qtbot, data_panel, tmp_path):
    root = _folder_kind("duplicate", tmp_path)
    assert _drop(qtbot, data_panel, root) == 9, "both copies are imported"
    text = data_panel.notice_text()
    assert "The same picture is in more than one class" in text
    copy = str(Path("dogs") / "copy-of-cat.png")
    assert f"• {Path('cats') / '0.png'} in class “cats” = {copy} in class “dogs”" in text
    assert data_panel.duplicates_label.isVisibleTo(data_panel)
    assert data_panel.error_text() == ""

    other = tmp_path / "clean"
    for name, seed in (("a", 1), ("b", 2)):
        (other / name).mkdir(parents=True)
        (other / name / "x.png").write_bytes(good_png(seed))
    _drop(qtbot, data_panel, other)
    assert data_panel.notice_text() == "", "the warning describes the last import only"


def test_the_importer_notes_are_shown(qtbot, data_panel, tmp_path):
    for name, seed in (("ants", 10), ("bees", 20)):
        (tmp_path / "data" / "train" / name).mkdir(parents=True)
        for i in range(3):
            (tmp_path / "data" / "train" / name / f"{i}.png").write_bytes(good_png(seed + i))
    assert _drop(qtbot, data_panel, tmp_path / "data") == 6
    assert data_panel.notes_label.isVisibleTo(data_panel)
    assert "Note: No validation folder: 20% of train set aside" in data_panel.notice_text()
    assert not data_panel.duplicates_label.isVisibleTo(data_panel)


def test_many_duplicates_are_counted_not_all_named(data_panel, tmp_path):
    from desktop_app.gui.panels.data.notices import SHOWN_DUPLICATES

    for name in ("cats", "dogs"):
        (tmp_path / name).mkdir()
    for i in range(SHOWN_DUPLICATES + 3):
        for name in ("cats", "dogs"):
            (tmp_path / name / f"{i}.png").write_bytes(good_png(100 + i))
    data_panel.show_import_notices([scan_image_folder(tmp_path)])
    text = data_panel.duplicates_label.text()
    assert text.count("\n• ") == SHOWN_DUPLICATES
    assert text.endswith("…and 3 more pictures like these.")


@pytest.fixture
def predict_panel(qtbot, trained_session):
    from desktop_app.gui.panels.predict import PredictPanel

    widget = PredictPanel(trained_session)
    qtbot.addWidget(widget)
    return widget


def test_opening_bad_models_shows_the_reason_and_keeps_the_model(qtbot, predict_panel, tmp_path):
    model_before = predict_panel.model_path
    for kind in MODEL_KINDS:
        model = kind.build(tmp_path)
        with qtbot.waitSignal(predict_panel.model_opened, timeout=30_000) as blocker:
            assert predict_panel.open_model(str(model)), kind.name
        assert blocker.args == [False], kind.name
        assert re.search(kind.reason, predict_panel.status_text), predict_panel.status_text
        assert predict_panel.status_label.objectName() == "error"
        assert predict_panel.model_path == model_before, "the working model stays in use"


def test_a_hand_edited_project_opens_with_its_problems_named(qtbot, tmp_path, dialogs):
    """Issue 16, item 9: the window opens the project, says which file and field is wrong, and
    lists the run whose record is damaged as unreadable."""
    from desktop_app.gui.main_window import MainWindow
    from tests.helpers.bad_corpus import project_builder

    def edit(meta, data, outside):
        meta["runs"][0]["status"] = "paused"
        data["items"].append([None, {}, 7])

    folder = project_builder(edit)(tmp_path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_project(str(folder))
    warnings = [(title, text) for kind, title, text in dialogs.asked if kind == "warning"]
    assert len(warnings) == 1, dialogs.asked
    title, text = warnings[0]
    assert title == "Parts of the project could not be read"
    assert re.search(r"dataset\.json: \"items\[4\]\" must be \[item, label, split\]", text)
    assert re.search(r"project\.json: \"runs\[0\] \(run-0001\)\.status\" is \"paused\"", text)
    assert len(window.session.project.items) == 4
    assert "unreadable" in window.train_panel.run_list.item(0).text()
    window.session.cancel_all_and_wait()


def test_training_refuses_a_runs_folder_linked_out_of_the_project(qtbot, session, tmp_path):
    """Issue 16, item 3: `runs/` linked to a folder outside the project: Start says why and
    nothing is written there (before: head.onnx, model.onnx, result.json… landed outside)."""
    import os

    from desktop_app.gui.panels.train import TrainPanel
    from tests.helpers.synthetic import write_class_folders

    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, session.project.folder / "runs")
    session.project.merge(scan_image_folder(write_class_folders(tmp_path / "data", per_class=4)))
    session.data_edited()
    panel = TrainPanel(session)
    qtbot.addWidget(panel)
    panel.set_max_epochs(1)
    started = panel.start_training()
    if started:  # the old code: let the run end before failing
        qtbot.waitSignal(panel.training_finished, timeout=120_000).wait()
    assert not started
    assert "outside the project folder" in panel.message_label.text()
    assert session.project.runs == [] and list(outside.iterdir()) == []
    assert panel.start_button.isEnabled()


def _text_panel(qtbot, tmp_path):
    from desktop_app.gui.panels.data.text_page import TextDataPanel
    from desktop_app.gui.session import ProjectSession

    session = ProjectSession()
    session.new_project("Texts", "text", folder=str(tmp_path / "project"))
    panel = TextDataPanel(session)
    qtbot.addWidget(panel)
    return session, panel


def _text_kind(name: str, folder: Path) -> Path:
    from tests.helpers.bad_corpus import TEXT_KINDS

    return next(k for k in TEXT_KINDS if k.name.startswith(name)).build(folder)


def test_class_folders_that_look_alike_are_named_in_a_warning(qtbot, data_panel, tmp_path):
    from tests.helpers.bad_corpus import CAFE_NFC

    root = _folder_kind("look-alike class names", tmp_path)
    assert _drop(qtbot, data_panel, root) == 8, "all kept, as four classes"
    lines = data_panel.notice_text().split("\n")
    cafe = next(line for line in lines if f"'{CAFE_NFC}'" in line)
    assert cafe.startswith("Warning: class names that look the same") and "'cafe\\u0301'" in cafe
    assert any(line.endswith("'dog' = 'dog\\u200b'") for line in lines)
    text = "\n".join(lines)
    assert "look the same" in text and data_panel.notices.names_label.objectName() == "warning"
    assert data_panel.error_text() == ""


def test_text_labels_that_look_alike_are_named_in_a_warning(qtbot, tmp_path):
    session, panel = _text_panel(qtbot, tmp_path)
    try:
        assert panel.open_source(str(_text_kind("look-alike labels", tmp_path)))
        with qtbot.waitSignal(panel.import_finished, timeout=30_000):
            panel.import_source()
        assert len(session.project.classes) == 4
        assert "\nWarning: class names that look the same" in panel.message_text
        assert "'dog' = 'dog\\u200b'" in panel.message_text
        assert "'cafe\\u0301'" in panel.message_text
        assert panel.message_label.objectName() == "warning"
    finally:
        session.cancel_all_and_wait()


def test_a_free_text_label_column_is_refused_in_one_sentence(qtbot, tmp_path):
    session, panel = _text_panel(qtbot, tmp_path)
    try:
        assert panel.open_source(str(_text_kind("a label column of free text", tmp_path)))
        with qtbot.waitSignal(panel.import_finished, timeout=30_000):
            panel.import_source()
        assert session.project.items == {}
        assert re.search(r"freetext\.tsv: the label column 'label' .*free text", panel.message_text)
        assert panel.message_label.objectName() == "error"
    finally:
        session.cancel_all_and_wait()
