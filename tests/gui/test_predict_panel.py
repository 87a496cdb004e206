"""Predict & Export tab: what a user sees after dropping, pasting, classifying a folder, exporting."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.inference import Predictor

SIGNAL_TIMEOUT = 60_000


@pytest.fixture
def panel(qtbot, trained_session):
    from desktop_app.gui.panels.predict import PredictPanel

    widget = PredictPanel(trained_session)
    qtbot.addWidget(widget)
    return widget


def _images(folder: Path, per_class: int = 2) -> list[str]:
    return [
        str(folder / c / f"{i}.png") for c in ("red", "green", "blue") for i in range(per_class)
    ]


def test_header_names_the_run_model(panel, trained_session):
    text = panel.model_label.text()
    assert trained_session.result_run_id in text
    assert "3 classes" in text
    assert "accuracy" in text
    assert panel.export_button.isEnabled()
    assert panel.stack.currentIndex() == 1


def test_classify_paths_matches_predictor(qtbot, panel, trained_session, image_folder):
    paths = _images(image_folder)
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_paths(paths)
    assert blocker.args == [len(paths)]
    assert len(panel.results) == len(paths)
    assert [r.path for r in panel.results] == list(reversed(paths))  # newest first
    reference = Predictor(trained_session.model_path())
    for record in panel.results:
        expected = reference.predict_file(record.path, 3)
        assert record.ok
        assert record.labels == expected.labels
        np.testing.assert_allclose(record.probabilities, expected.probabilities, atol=1e-5)
        assert record.prediction.latency_ms > 0
    assert {r.labels[0] for r in panel.results} == {"red", "green", "blue"}
    assert len(panel.image_page._cards) == len(paths)


def test_folder_drop_expands_and_predictor_is_reused(qtbot, panel, image_folder):
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT) as first:
        panel.classify_paths([str(image_folder / "red")])
    assert first.args == [12]
    predictor = panel.loaded_predictor
    assert predictor is not None
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.classify_paths([str(image_folder / "blue" / "0.png")])
    assert panel.loaded_predictor is predictor
    assert panel.results[0].labels[0] == "blue"


def test_garbage_file_gives_an_error_card(qtbot, panel, image_folder, tmp_path):
    garbage = tmp_path / "notes.jpg"
    garbage.write_bytes(b"this is not a picture at all")
    good = str(image_folder / "green" / "1.png")
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_paths([str(garbage), good])
    assert blocker.args == [2]
    bad = next(r for r in panel.results if r.path == str(garbage))
    assert not bad.ok and bad.error
    assert panel.results[0].labels[0] == "green"
    error_cards = [c for c in panel.image_page._cards if c.error is not None]
    assert len(error_cards) == 1 and error_cards[0].error_label.text() == bad.error


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes: POSIX only")
def test_a_named_pipe_gives_an_error_card_not_a_hang(qtbot, panel, image_folder, tmp_path):
    pipe = tmp_path / "camera.jpg"
    os.mkfifo(pipe)
    good = str(image_folder / "green" / "1.png")
    try:
        with qtbot.waitSignal(panel.predictions_ready, timeout=20_000) as blocker:
            panel.classify_paths([str(pipe), good])
    finally:  # a reader stuck in open() (the old code) is released by a writer that closes
        for _ in range(3):
            try:
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                break
    assert blocker.args == [2]
    bad = next(r for r in panel.results if r.path == str(pipe))
    assert not bad.ok and "not a regular file" in bad.error
    assert next(r for r in panel.results if r.path == good).labels[0] == "green"


def test_classify_image_array(qtbot, panel, trained_session):
    from tests.helpers.synthetic import COLOURS, make_image

    image = make_image(np.random.default_rng(5), COLOURS["red"], 64)
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_image(image, "my picture")
    assert blocker.args == [1]
    record = panel.results[0]
    assert record.pasted and record.path == "my picture"
    expected = Predictor(trained_session.model_path()).predict(image, 3)
    assert record.labels == expected.labels == tuple(record.labels)
    np.testing.assert_allclose(record.probabilities, expected.probabilities, atol=1e-5)
    assert record.labels[0] == "red"
    assert record.thumbnail is not None


def test_paste_from_clipboard(qtbot, panel):
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(40, 60, 220))
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.paste_from_clipboard()
    assert panel.results[0].pasted
    assert panel.results[0].labels[0] == "blue"


def test_clear_results(qtbot, panel, image_folder):
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.classify_paths(_images(image_folder, 1))
    panel.clear_results()
    assert panel.results == [] and panel.image_page._cards == []
    assert not panel.results_placeholder.isHidden()


def test_classify_folder_writes_csv(qtbot, panel, image_folder, tmp_path):
    csv_path = tmp_path / "out" / "predictions.csv"
    with qtbot.waitSignal(panel.folder_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_folder(str(image_folder), str(csv_path))
    assert blocker.args == [str(csv_path)]
    with csv_path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["path", "label", "probability"]
    assert rows[0][-3:] == ["unsure", "latency_ms", "error"]
    assert len(rows) == 1 + 36
    threshold = Predictor(panel.model_path).unsure_threshold or 0.0
    for row in rows[1:]:
        assert Path(row[0]).parent.name == row[1]  # the colour folders are easy to get right
        assert row[-3] == ("true" if float(row[2]) < threshold else "false")  # issue 18
    assert "Wrote 36 rows" in panel.status_text
    assert panel.folder_row.isHidden()


def test_classify_folder_into_a_folder_is_refused_before_the_work(qtbot, panel, image_folder):
    taken = image_folder / "red"  # a folder where the CSV should go
    with qtbot.waitSignal(panel.folder_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_folder(str(image_folder), str(taken))
    assert blocker.args == [""]
    assert panel.status_label.objectName() == "error"
    assert f"Cannot write the results to {taken}: it is a folder" in panel.status_text


def test_classify_folder_on_a_full_disk_keeps_the_rows_and_says_where(
    qtbot, panel, image_folder, tmp_path, monkeypatch
):
    import errno
    import os

    from desktop_app.core.workflows import classify

    wanted, elsewhere = tmp_path / "full" / "predictions.csv", tmp_path / "kept.csv"
    write = classify._write_csv_text

    def full_disk(target, text):
        if Path(target) == wanted:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(target, text)

    monkeypatch.setattr(classify, "_write_csv_text", full_disk)
    monkeypatch.setattr(classify, "fallback_csv_path", lambda _path: elsewhere)
    with qtbot.waitSignal(panel.folder_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_folder(str(image_folder), str(wanted))
    assert blocker.args == [str(elsewhere)]
    assert len(list(csv.reader(elsewhere.open(encoding="utf-8")))) == 1 + 36
    assert panel.status_label.objectName() == "warning"
    assert f"the results were saved to {elsewhere} instead" in panel.status_text
    assert "Wrote 36 rows" in panel.status_text


def test_classify_folder_cancel(qtbot, panel, tmp_path, monkeypatch):
    import desktop_app.gui.panels.predict.image_page as module
    from tests.helpers.synthetic import write_class_folders

    folder = write_class_folders(tmp_path / "many", per_class=20)
    csv_path = tmp_path / "cancelled.csv"
    original = module.classify_folder_to_csv

    def slow(*args, **kwargs):
        for event in original(*args, **kwargs, batch_size=2):
            yield event
            time.sleep(0.02)  # slow enough to cancel half-way

    monkeypatch.setattr(module, "classify_folder_to_csv", slow)
    with qtbot.waitSignal(panel.folder_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        panel.classify_folder(str(folder), str(csv_path))
        qtbot.waitUntil(lambda: panel.folder_progress.value() > 0, timeout=SIGNAL_TIMEOUT)
        panel.cancel_folder()
    assert blocker.args == [""]
    assert 0 < panel.folder_progress.value() < 60  # stopped mid-way, not at the end
    assert not csv_path.exists()
    assert "cancelled" in panel.status_text


def test_export_model(qtbot, panel, trained_session, tmp_path):
    target = tmp_path / "export" / "colours.onnx"
    assert panel.export_model(str(target))
    assert target.read_bytes() == trained_session.model_path().read_bytes()
    script = target.parent / "predict.py"
    readme = target.parent / "README.txt"
    assert script.is_file() and readme.is_file()
    text = readme.read_text(encoding="utf-8")
    assert "red" in text and "green" in text and "blue" in text
    assert "pip install onnxruntime numpy opencv-python-headless" in text
    assert "python predict.py colours.onnx image.jpg" in text
    exports = trained_session.project.exports
    assert exports[-1]["path"] == str(target)
    assert exports[-1]["run"] == trained_session.result_run_id
    assert not panel.show_folder_button.isHidden()


def test_exported_script_gives_the_same_top_label(qtbot, panel, image_folder, tmp_path):
    target = tmp_path / "export" / "model.onnx"
    assert panel.export_model(str(target))
    image = str(image_folder / "green" / "3.png")
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.classify_paths([image])
    completed = subprocess.run(
        [sys.executable, str(target.parent / "predict.py"), str(target), image],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    first = completed.stdout.strip().split(": ", 1)[1].split(",")[0]
    assert first.split()[0] == panel.results[0].labels[0] == "green"


def test_export_keeps_someone_elses_readme(panel, tmp_path):
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "README.txt").write_text("my own notes", encoding="utf-8")
    assert panel.export_model(str(folder / "colours"))
    assert (folder / "colours.onnx").is_file()
    assert (folder / "README.txt").read_text(encoding="utf-8") == "my own notes"
    assert (folder / "colours-README.txt").is_file()


def test_open_model_and_bad_file(qtbot, panel, trained_session, tmp_path):
    bogus = tmp_path / "broken.onnx"
    bogus.write_bytes(b"not a model")
    before = panel.model_path
    with qtbot.waitSignal(panel.model_opened, timeout=SIGNAL_TIMEOUT) as blocker:
        assert panel.open_model(str(bogus))
        assert "Opening broken.onnx" in panel.status_text  # loads off the GUI thread
    assert blocker.args == [False]
    assert "broken.onnx" in panel.status_text
    assert panel.status_label.objectName() == "error"
    assert panel.model_path == before

    copy = tmp_path / "mine.onnx"
    copy.write_bytes(trained_session.model_path().read_bytes())
    with qtbot.waitSignal(panel.model_opened, timeout=SIGNAL_TIMEOUT) as blocker:
        assert panel.open_model(str(copy))
        assert not panel.open_model(str(copy)), "one opening at a time"
    assert blocker.args == [True]
    assert "mine.onnx" in panel.model_label.text()
    assert panel.model_path == copy


def test_result_changed_switches_model(qtbot, panel, trained_session, tmp_path):
    copy = tmp_path / "other.onnx"
    copy.write_bytes(trained_session.model_path().read_bytes())
    with qtbot.waitSignal(panel.model_opened, timeout=SIGNAL_TIMEOUT):
        assert panel.open_model(str(copy))
    assert panel.model_path == copy
    trained_session.show_run(trained_session.result_run_id)
    assert panel.model_path == trained_session.model_path()
    assert panel.loaded_predictor is None


def test_no_model_shows_empty_state(qtbot, session):
    from desktop_app.gui.panels.predict import PredictPanel

    widget = PredictPanel(session)
    qtbot.addWidget(widget)
    assert widget.stack.currentIndex() == 0
    assert widget.empty_label.text() == (
        "Train a model first (tab 2), or open an exported .onnx file."
    )
    assert not widget.export_button.isEnabled()
    assert not widget.export_model(str(session.project.folder / "x.onnx"))
    with qtbot.waitSignal(widget.folder_finished, timeout=1000) as blocker:
        widget.classify_folder(str(session.project.folder), "unused.csv")
    assert blocker.args == [""]


def test_export_int8_option(qtbot, panel, trained_session, tmp_path):
    assert panel.int8_check.isEnabled() and not panel.int8_check.isChecked()
    assert "INT8" in panel.int8_check.text() and "accuracy" in panel.int8_check.toolTip().lower()
    panel.int8_check.setChecked(True)
    target = tmp_path / "export" / "small.onnx"
    with qtbot.waitSignal(panel.export_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        assert panel.export_model(str(target))
        assert not panel.export_button.isEnabled()  # one export at a time, off the GUI thread
        assert "INT8" in panel.status_text
    assert blocker.args == [str(target)]
    small = Predictor(target)
    assert small.metadata["precision"] == "int8"
    # 8-bit weights, against the float model's weights stored as float16
    assert target.stat().st_size < 0.6 * trained_session.model_path().stat().st_size
    assert "INT8" in panel.status_text and "MB" in panel.status_text
    # checked on the project's held-out items, not on the training items that calibrated it
    project = trained_session.project
    held = [p for p, item in project.items.items() if item.split in ("val", "test")]
    assert f"On {len(held)} held-out " in panel.status_text
    assert "training items" not in panel.status_text
    assert "held-out" in small.metadata["quantization"]
    assert panel.status_label.objectName() == "hint"
    assert "INT8" in (target.parent / "README.txt").read_text(encoding="utf-8")
    assert (target.parent / "predict.py").is_file()
    assert trained_session.project.exports[-1]["path"] == str(target)
    assert panel.export_button.isEnabled()

    # the INT8 file opened by hand cannot be quantized again
    with qtbot.waitSignal(panel.model_opened, timeout=SIGNAL_TIMEOUT) as blocker:
        assert panel.open_model(str(target))
    assert blocker.args == [True]
    assert not panel.int8_check.isEnabled() and not panel.int8_check.isChecked()
    assert "already INT8" in panel.int8_check.toolTip()


def test_export_int8_cancel_writes_nothing(qtbot, panel, tmp_path):
    target = tmp_path / "cancelled.onnx"
    with qtbot.waitSignal(panel.export_finished, timeout=SIGNAL_TIMEOUT) as blocker:
        assert panel.export_model(str(target), int8=True)
        panel.cancel_export()
    assert blocker.args == [""]
    assert "cancelled" in panel.status_text
    assert not target.exists()


def test_clicking_the_drop_zone_picks_images_to_classify(qtbot, panel, image_folder, dialogs):
    """Issue 15 #9: no drag and drop needed — a click on the drop zone opens a file dialog."""
    from PySide6.QtCore import Qt

    zone = panel.image_page.drop_zone
    assert zone.cursor().shape() == Qt.CursorShape.PointingHandCursor
    dialogs.files = [str(image_folder / "green" / "1.png"), str(image_folder / "red" / "2.png")]
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT) as blocker:
        qtbot.mouseClick(zone, Qt.MouseButton.LeftButton)
    assert blocker.args == [2]
    assert "files" in dialogs.kinds()
    assert [r.labels[0] for r in panel.results] == ["red", "green"]  # newest first
    dialogs.files = []  # cancelled: nothing happens
    qtbot.mouseClick(zone, Qt.MouseButton.LeftButton)
    assert len(panel.results) == 2


def test_save_dialogs_propose_the_projects_exports_folder(
    qtbot, panel, trained_session, image_folder, dialogs
):
    """Issue 15 #18: prediction CSVs and exports are proposed in the project's exports folder,
    never next to the user's data (the dialog itself asks before replacing a file)."""
    exports = Path(trained_session.project.folder) / "exports"
    dialogs.folder = str(image_folder / "red")
    panel.image_page._choose_folder()  # the save dialog is cancelled: nothing runs
    panel.export_box._choose_export_path()
    suggested = [Path(text) for kind, _, text in dialogs.asked if kind == "save"]
    assert suggested == [exports / "red-predictions.csv", exports / f"{suggested[1].stem}.onnx"]
    assert exports.is_dir() and not (image_folder / "red-predictions.csv").exists()


def test_export_note_does_not_follow_into_another_project(qtbot, panel, trained_session, tmp_path):
    """ "Exported … / Show in folder" belongs to the project it was written for."""
    assert panel.export_model(str(tmp_path / "export" / "colours.onnx"))
    assert "Exported" in panel.status_text and not panel.show_folder_button.isHidden()
    trained_session.new_project("Next", "image", folder=str(tmp_path / "next"))
    assert panel.status_text == ""
    assert panel.status_row.isHidden() and panel.show_folder_button.isHidden()
    assert panel.export_box.last_export is None
    # the same after opening another project that has a model of its own
    trained_session.open_project(tmp_path / "trained-project")
    assert panel.model_path is not None and panel.export_model(str(tmp_path / "e3" / "c.onnx"))
    trained_session.open_project(tmp_path / "trained-project")
    assert panel.status_text == "" and panel.show_folder_button.isHidden()


def _add_worse_run(session) -> tuple[str, str]:
    """A second finished run, newer and worse than the first: (best id, worse id)."""
    import dataclasses
    import shutil

    from desktop_app.gui.session import MODEL_FILE

    project = session.project
    best = project.runs[-1]
    result = project.load_result(best.id)
    metrics = result.eval_metrics
    assert metrics is not None and metrics.accuracy > 0.6
    worse = dataclasses.replace(metrics, accuracy=0.515)
    if result.test_metrics is not None:
        result = dataclasses.replace(result, test_metrics=worse)
    else:
        result = dataclasses.replace(result, val_metrics=worse)
    run = project.start_run(best.config)
    project.finish_run(run.id, result)
    shutil.copy(project.run_folder(best.id) / MODEL_FILE, project.run_folder(run.id) / MODEL_FILE)
    return best.id, run.id


def test_predict_uses_the_best_run_and_says_so(panel, trained_session):
    """A newer, worse run is shown in Evaluate, but Predict and Export keep the best run and
    the header says why; a run picked in the run list is used (issue 15 rough edge 16)."""
    best, worse = _add_worse_run(trained_session)
    trained_session.show_run(worse)  # what the Train tab does at the end of a run
    assert trained_session.result_run_id == worse  # Evaluate shows the run just trained
    assert panel.model_run_id == best
    assert panel.model_path == trained_session.model_path(best)
    header = panel.model_label.text()
    assert best in header and "best run" in header
    assert f"{100 * trained_session.model_result.eval_metrics.accuracy:.1f} % accuracy" in header
    note = panel.run_note.text()
    assert panel.run_note.isVisibleTo(panel)
    assert worse in note and "51.5 %" in note
    assert panel.export_box.model_facts().origin == best
    trained_session.show_run(worse, pick=True)  # a click in the run list
    assert panel.model_run_id == worse
    assert (
        "picked run" in panel.model_label.text() and "51.5 % accuracy" in panel.model_label.text()
    )
    # the project opened again: the best run, in Evaluate and Predict alike
    trained_session.open_project(trained_session.project.folder)
    assert trained_session.result_run_id == best and panel.model_run_id == best


def test_a_prediction_below_the_models_threshold_says_not_sure(
    qtbot, panel, trained_session, image_folder, tmp_path
):
    """Issue 18, item 3 in the window: a model whose `unsure_threshold` is above every answer
    gives cards that say "Not sure" above the best guesses (not drawn as the answer); the same
    model with a low threshold gives plain cards."""
    import onnx

    def with_threshold(value: str, name: str) -> Path:
        model = onnx.load(str(trained_session.model_path()))
        for prop in model.metadata_props:
            if prop.key == "unsure_threshold":
                prop.value = value
                break
        else:
            model.metadata_props.append(
                onnx.StringStringEntryProto(key="unsure_threshold", value=value)
            )
        path = tmp_path / name
        onnx.save(model, str(path))
        return path

    for value, name, unsure in (("0.9999", "picky.onnx", True), ("0.01", "easy.onnx", False)):
        with qtbot.waitSignal(panel.model_opened, timeout=SIGNAL_TIMEOUT) as opened:
            assert panel.open_model(str(with_threshold(value, name)))
        assert opened.args == [True]
        with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
            panel.classify_paths(_images(image_folder, per_class=1))
        cards = panel.image_page._cards[:3]
        assert all(r.prediction.unsure is unsure for r in panel.results[:3])
        for card in cards:
            assert card.unsure_label.isVisibleTo(card) is unsure
            assert (
                card.unsure_label.text() == "Not sure: no class is likely enough. Its best guesses:"
            ) is unsure
            assert card.bars[0].strong is not unsure


def test_the_text_page_says_not_sure_below_the_threshold(panel):
    """The text page's big label says "Not sure" and names the best guess in its caption."""
    from desktop_app.core.inference import Prediction

    page = panel.text_widget
    page._show(Prediction(("spam", "ham"), (0.55, 0.45), 3.0, unsure=True))
    assert page.top_label_text == "Not sure"
    assert page.top_caption.text().startswith("Best guess: spam · 55.0 % sure")
    page._show(Prediction(("spam", "ham"), (0.95, 0.05), 3.0))
    assert page.top_label_text == "spam"


def test_a_card_adds_its_image_to_the_dataset(qtbot, panel, trained_session, tmp_path, dialogs):
    """From prediction back to data: right-click a card, "Add to dataset as…", the prediction
    offered first; the image joins the training data with the class chosen."""
    from tests.helpers.synthetic import write_class_folders

    new = write_class_folders(tmp_path / "new", per_class=1, seed=3)
    path = str(new / "green" / "0.png")
    with qtbot.waitSignal(panel.predictions_ready, timeout=SIGNAL_TIMEOUT):
        panel.classify_paths([path])
    card = panel.image_page._cards[0]
    [add] = card.actions()
    assert add.text() == "Add to dataset as…"
    add.trigger()  # the dialog offers the prediction: accepted as it is
    project = trained_session.project
    assert project.items[path].label == panel.results[0].labels[0]
    assert project.items[path].split == "train"
    dialogs.item = "blue"
    add.trigger()
    assert project.items[path].label == "blue"
