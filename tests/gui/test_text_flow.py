"""Text projects in the window: import a CSV with an editable preview, train a text model,
open a confusion cell's texts, type to classify, classify a file, export with predict_text.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop_app.core.catalog import get_backbone

TIMEOUT_MS = 180_000
SPORT = ["match", "goal", "team", "coach", "league", "striker"]
FOOD = ["recipe", "oven", "flour", "sauce", "garlic", "dinner"]
SOURCES = ["web", "mail", "chat"]


def _sentence(words: list[str], i: int) -> str:
    a, b = words[i % len(words)], words[(i * 5 + 1) % len(words)]
    return f"The {a} and the {b} were the talk of day {i} for everyone"


def write_csv(path: Path, per_class: int = 30) -> Path:
    """id,text,label,source: two classes of short English sentences with class-specific words,
    plus a repeated row, a conflicting row and a row without a label."""
    rows = [["id", "text", "label", "source"]]
    for i in range(per_class):
        rows.append([str(2 * i), _sentence(SPORT, i), "sport", SOURCES[i % 3]])
        rows.append([str(2 * i + 1), _sentence(FOOD, i), "food", SOURCES[(i + 1) % 3]])
    rows.append(["90", _sentence(SPORT, 0), "sport", "web"])  # identical: merged
    rows.append(["91", _sentence(FOOD, 1), "sport", "web"])  # identical, other label: conflict
    rows.append(["92", "a row that has no label at all", "", "web"])  # skipped
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def window(qtbot, tmp_path):
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 820)
    window.show()
    yield window
    window.session.cancel_all_and_wait()


def _new_text_project(window, tmp_path: Path) -> None:
    window.session.new_project("Topics", "text", folder=str(tmp_path / "project"))


def _import(qtbot, window, csv_path: Path) -> None:
    panel = window.text_data_panel
    assert panel.open_source(str(csv_path))
    with qtbot.waitSignal(panel.import_finished, timeout=30_000):
        panel.import_source()


def test_new_text_project_action_and_tab(qtbot, window, tmp_path, monkeypatch):
    from desktop_app.core import project as project_module

    monkeypatch.setattr(project_module, "default_projects_dir", lambda: tmp_path / "projects")
    assert window.new_text_action.shortcut().toString() == "Ctrl+Shift+N"
    assert window.welcome.new_text_button.isVisible()
    window.new_text_action.trigger()
    assert window.session.project is not None and window.session.project.task == "text"
    assert window.data_stack.currentWidget() is window.text_data_panel
    assert "texts" in window.project_label.text()


def test_import_preview_edit_and_counts(qtbot, window, tmp_path):
    _new_text_project(window, tmp_path)
    panel = window.text_data_panel
    csv_path = write_csv(tmp_path / "data" / "topics.csv")
    assert panel.open_source(str(csv_path))
    assert panel.stack.currentWidget() is panel.setup_page
    fmt = panel.format
    assert fmt.has_header and fmt.columns[fmt.text_column] == "text"
    assert fmt.columns[fmt.label_column] == "label"
    rows = panel.preview_rows()
    assert rows and {r[1] for r in rows} <= {"sport", "food", ""}
    assert "sport" in panel.counts_label.text()

    # choosing another label column re-reads the preview with it
    with qtbot.waitSignal(panel.preview_changed, timeout=2000):
        panel.set_setting("label_column", fmt.columns.index("source"))
    assert {r[1] for r in panel.preview_rows()} <= set(SOURCES)
    # no header: the header row becomes data and the columns get numbers
    with qtbot.waitSignal(panel.preview_changed, timeout=2000):
        panel.set_setting("has_header", False)
    assert panel.format.columns[0] == "column 1"
    assert panel.preview_rows()[0][0] in ("text", "id", "label", "source")
    with qtbot.waitSignal(panel.preview_changed, timeout=2000):
        panel.set_setting("has_header", True)
    with qtbot.waitSignal(panel.preview_changed, timeout=2000):
        panel.set_setting("label_column", panel.format.columns.index("label"))

    with qtbot.waitSignal(panel.import_finished, timeout=30_000) as blocker:
        panel.import_source()
    assert blocker.args[0] == 60  # the identical row is merged; the conflict keeps the first
    project = window.session.project
    assert project.task == "text"
    assert project.counts() == {"food": 30, "sport": 30}
    assert panel.stack.currentWidget() is panel.data_page
    assert panel.class_list.count() == 3  # All classes, food, sport
    assert "(30)" in " ".join(panel.class_list.item(i).text() for i in range(3))
    assert panel.texts_model.rowCount() == 60
    # the split column speaks the user's language ("validation", not the stored "val")
    shown = {panel.texts_model.rows[i].cells[2] for i in range(60)}
    assert shown == {"train", "validation"}
    assert "merged" in panel.message_text and "different labels" in panel.message_text
    assert "\nNote: Read topics.csv as " in panel.message_text, "how the file was read"
    assert "row(s)" not in panel.message_text, "the skipped count is said once"
    reasons = [s.reason for s in project.skipped]
    assert any("missing label" in r for r in reasons)
    assert any("kept" in r for r in reasons)
    assert any(s.path.endswith("topics.csv:64") for s in project.skipped)  # file:line
    # saved: dataset.json keyed by text
    from desktop_app.core.project import Project

    reopened = Project.open(project.folder, read_only=True)
    assert reopened.task == "text" and _sentence(SPORT, 3) in reopened.items


def test_import_with_the_label_column_changed_uses_the_edited_format(qtbot, window, tmp_path):
    _new_text_project(window, tmp_path)
    panel = window.text_data_panel
    assert panel.open_source(str(write_csv(tmp_path / "topics.csv")))
    panel.set_setting("label_column", panel.format.columns.index("source"))
    with qtbot.waitSignal(panel.import_finished, timeout=30_000):
        panel.import_source()
    assert set(window.session.project.classes) == set(SOURCES)


def test_a_cancelled_text_import_adds_nothing_and_says_so(qtbot, window, tmp_path):
    _new_text_project(window, tmp_path)
    panel = window.text_data_panel
    said: list[str] = []
    window.session.status_message.connect(said.append)
    assert panel.open_source(str(write_csv(tmp_path / "topics.csv")))
    with qtbot.waitSignal(panel.import_finished, timeout=30_000) as blocker:
        panel.import_source()
        assert panel.busy_row.isVisibleTo(panel) and not panel.file_button.isEnabled()
        panel.cancel_button.click()
        assert not panel.cancel_button.isEnabled()
    assert blocker.args == [0] and window.session.project.items == {}
    assert "Import cancelled; nothing was added." in said
    assert not panel.busy_row.isVisibleTo(panel) and panel.file_button.isEnabled()


def test_unreadable_source_shows_the_reason(window, tmp_path):
    _new_text_project(window, tmp_path)
    panel = window.text_data_panel
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert not panel.open_source(str(empty))
    assert "empty" in panel.message_text


def test_train_panel_offers_text_models(window, tmp_path):
    _new_text_project(window, tmp_path)
    panel = window.train_panel
    shown = panel.visible_backbones()
    assert "minilm-l6" in shown and not {"efficientnet-lite0", "scratch-cnn"} & set(shown)
    assert panel.backbone() == "minilm-l6"
    assert not panel.model_cards["minilm-l6"].isHidden()
    assert panel.model_cards["efficientnet-lite0"].isHidden()
    window.session.new_project("Pictures", "image", folder=str(tmp_path / "images"))
    assert panel.backbone() == "efficientnet-lite0"
    assert not panel.model_cards["efficientnet-lite0"].isHidden()


@pytest.mark.skipif(
    not get_backbone("minilm-l6").model_path.exists(), reason="models/minilm-l6.onnx not built"
)
def test_train_evaluate_predict_export(qtbot, window, tmp_path):
    _new_text_project(window, tmp_path)
    _import(qtbot, window, write_csv(tmp_path / "topics.csv"))
    train = window.train_panel
    train.set_backbone("minilm-l6")
    train.set_max_epochs(20)
    with qtbot.waitSignal(train.training_finished, timeout=TIMEOUT_MS) as blocker:
        assert train.start_training()
    run_id = blocker.args[0]
    assert run_id, window.train_panel.error_label.text()
    assert train.curves.point_counts()["train"] > 0
    session = window.session
    assert session.result is not None and session.result.backbone_id == "minilm-l6"

    # Evaluate: a cell lists its texts; relabel moves the text in the project
    evaluate = window.evaluate_panel
    result = session.result
    true_index = int(result.eval_labels[0])
    predicted_index = int(evaluate._predicted[0])
    evaluate.open_cell(true_index, predicted_index)
    assert evaluate.cell_stack.currentWidget() is evaluate.cell_text_view
    texts = evaluate.cell_texts()
    assert texts and all(t in session.project.items for t in texts)
    assert evaluate.cell_text_model.row(0).cells[2].endswith("%")
    other = next(c for c in session.project.classes if c != session.project.items[texts[0]].label)
    evaluate.cell_text_view.selectRow(0)
    assert evaluate.relabel_selected(other) == 1
    assert session.project.items[texts[0]].label == other

    # Predict: typing classifies off the GUI thread
    predict = window.predict_panel
    assert predict.model_kind == "text"
    assert predict.stack.currentWidget() is predict.text_widget
    with qtbot.waitSignal(predict.text_prediction_ready, timeout=30_000) as typed:
        predict.text_widget.set_text("The striker scored a goal for the team in the league match")
    assert typed.args[0].prediction.label == "sport"
    assert predict.text_widget.top_label_text == "sport"

    # Classify a file → CSV
    lines = tmp_path / "new.txt"
    lines.write_text(
        "garlic sauce in the oven for dinner\nthe coach praised the team after the match\n",
        encoding="utf-8",
    )
    out = tmp_path / "predictions.csv"
    with qtbot.waitSignal(predict.text_file_finished, timeout=30_000) as done:
        predict.classify_text_file(str(lines), str(out))
    assert done.args[0] == str(out)
    with out.open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["label"] for r in table] == ["food", "sport"]

    # Export: .onnx + predict_text.py + README with the text requirements
    target = tmp_path / "export" / "topics.onnx"
    target.parent.mkdir()
    assert predict.export_model(str(target))
    assert target.exists() and (target.parent / "predict_text.py").exists()
    assert not (target.parent / "predict.py").exists()
    readme = (target.parent / "README.txt").read_text(encoding="utf-8")
    assert "pip install onnxruntime numpy tokenizers" in readme


def test_merge_texts_reports_merges_and_conflicts(tmp_path):
    from desktop_app.core.data.dataset import Dataset
    from desktop_app.core.project import Project

    project = Project.create(tmp_path / "p", "T", task="text")
    dataset = Dataset(
        task="text",
        classes=("a", "b"),
        items=("x", "y", "x", "y", "z"),
        labels=(0, 1, 0, 0, 1),
        splits=("train",) * 5,
    )
    report = project.merge_texts(dataset)
    assert (report.added, report.merged, report.conflicts) == (3, 1, 1)
    assert project.items["y"].label == "b"
    assert any("kept with label 'b'" in s.reason for s in project.skipped)


REVIEWS_ZH = ["房间干净，服务热情，下次还来", "早餐太差，房间很脏，不推荐"]


@pytest.mark.parametrize(
    ("texts", "expected", "language"),
    [
        (REVIEWS_ZH, "multilingual-e5-small", "Chinese"),
        ([_sentence(SPORT, 1), _sentence(FOOD, 2)], "minilm-l6", "English"),
    ],
)
def test_the_train_tab_recommends_the_model_for_the_texts_language(
    qtbot, window, tmp_path, texts, expected, language
):
    """Issue 15 #10 / issue 19 #3: Chinese reviews get the any-language model, English texts
    the English one; the card says "(recommended)" and a line under the title says why."""
    path = tmp_path / "data.csv"
    rows = ["label,text"] + [f"{i % 2},{texts[i % 2]} {i}" for i in range(40)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _new_text_project(window, tmp_path)
    _import(qtbot, window, path)
    panel = window.train_panel
    assert panel.backbone() == expected
    assert "(recommended)" in panel.models.cards[expected].radio.text()
    others = [b for b in panel.visible_backbones() if b != expected]
    assert all("(recommended)" not in panel.models.cards[b].radio.text() for b in others)
    assert panel.models.hint.isVisibleTo(panel) and language in panel.models.hint.text()
    title = get_backbone(expected).title
    assert title in panel.models.hint.text()
    card = panel.models.cards[expected]  # the longer title still fits the column, not clipped
    assert panel._left_scroll.minimumWidth() >= card.radio.sizeHint().width() + 20


def test_cli_and_window_import_the_same_texts_and_notes(qtbot, window, tmp_path):
    """One importer: the CLI's path (`import_data`, what `desktop-app train` prints) and the
    window's (the text Data page → the project) give the same items, labels, splits, skipped
    rows and notes on a CSV with plain and conflicting repeated texts (issue 15, bug 6)."""
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.importing import import_data
    from desktop_app.core.workflows.stages import drain
    from desktop_app.gui.panels.data.common import note_lines

    csv_path = write_csv(tmp_path / "data" / "topics.csv")
    cli = drain(import_data(csv_path, CancelToken()))
    _new_text_project(window, tmp_path)
    _import(qtbot, window, csv_path)
    project = window.session.project
    dataset = cli.dataset
    assert len(dataset) == len(project.items) == 60  # one repeat merged, one conflict kept once
    assert {
        text: (dataset.classes[label], split)
        for text, label, split in zip(dataset.items, dataset.labels, dataset.splits, strict=True)
    } == {text: (item.label, item.split) for text, item in project.items.items()}
    assert [(s.path, s.reason) for s in cli.skipped] == [
        (s.path, s.reason) for s in project.skipped
    ]
    keys = [n.key for n in cli.notes]
    assert "text.repeats_merged" in keys and "text.repeats_conflict" in keys
    # the window shows every note the CLI prints (its own words for the skipped count)
    shown = [line for line in window.text_data_panel.message_text.split("\n") if line]
    expected = note_lines([n for n in cli.notes if n.key != "text.skipped_count"])
    assert [line for line in shown if line.startswith("Note: ")] == expected


def test_import_words_are_plain_and_true(qtbot, window, tmp_path):
    """The preview says which labels the first rows have in plain words (not "1 20"); after the
    import, rows whose text was kept under another label are not called skipped, and the list's
    title fits what it holds (issue 15 rough edge 15)."""
    _new_text_project(window, tmp_path)
    panel = window.text_data_panel
    rows = [["text", "label"]]
    rows += [[f"first kind of sentence number {i}", "1"] for i in range(30)]
    rows += [[f"second kind of sentence number {i}", "2"] for i in range(30)]
    rows += [["first kind of sentence number 3", "1"]] * 2  # repeats, same label: merged
    rows += [["first kind of sentence number 4", "2"], ["first kind of sentence number 5", "2"]]
    rows += [["a row without a label", ""], ["another row without a label", ""]]
    path = tmp_path / "data" / "numbers.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert panel.open_source(str(path))
    words = panel.counts_label.text()
    assert "1 20" not in words
    assert "The first 20 rows have these labels: “1” (20 rows)" in words, words
    with qtbot.waitSignal(panel.import_finished, timeout=30_000):
        panel.import_source()
    message = panel.message_text
    assert "Imported 60 texts in 2 classes." in message, message
    assert "2 repeat(s) of a text came with different labels" in message
    assert "listed as not used" in message
    assert "2 rows could not be used" in message  # the two rows without a label, no more
    assert "rows were skipped" not in message and "4 rows" not in message
    project = window.session.project
    assert len(project.skipped) == 4
    title = panel.skipped_title(len(project.skipped))
    assert title == "Rows not used (4)", title
    conflict = next(s for s in project.skipped if s.key == "text.conflict")
    reason = conflict.reason
    assert "not used" in reason and "'1'" in reason and "'2'" in reason, reason
