"""The Data health window: findings listed, one click to relabel, remove or keep."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop_app.core.health import HealthInput, inspect_health
from desktop_app.core.project import Item
from tests.helpers.synthetic import write_class_folders


def _features_of(dataset):
    """Generated features for the project's items: three clusters; blue/copy.png a copy of
    red/0.png (and called 'red' by the probabilities), red/0.png in test, red/1.png tiny."""
    rng = np.random.default_rng(0)
    labels = np.asarray(dataset.labels)
    centres = rng.normal(0, 1, (len(dataset.classes), 32)) * 2
    x = centres[labels] + rng.normal(0, 1, (labels.size, 32))
    where = {path.replace("\\", "/").split("/data/")[-1]: i for i, path in enumerate(dataset.items)}
    p = np.full((labels.size, len(dataset.classes)), 0.02)
    p[np.arange(labels.size), labels] = 0.96
    copy, original = where.get("blue/copy.png"), where.get("red/0.png")
    if copy is not None and original is not None:  # (before the test removes one of them)
        x[copy] = x[original] + rng.normal(0, 0.01, 32)
        p[copy] = 0.01
        p[copy, dataset.classes.index("red")] = 0.98
    sizes = np.full((labels.size, 2), 300)
    if "red/1.png" in where:
        sizes[where["red/1.png"]] = (40, 30)
    return HealthInput(
        classes=dataset.classes,
        items=dataset.items,
        labels=labels,
        splits=dataset.splits,
        features=x.astype(np.float32),
        positions=np.arange(labels.size),
        probabilities=p,
        prob_rows=np.arange(labels.size),
        sizes=sizes,
        input_size=224,
    )


@pytest.fixture
def panel(qtbot, session, tmp_path, monkeypatch):
    from desktop_app.gui.panels.data import DataPanel, health

    data = write_class_folders(tmp_path / "data", per_class=8)
    (data / "blue" / "copy.png").write_bytes((data / "red" / "0.png").read_bytes())
    project = session.project
    project.classes = ["red", "green", "blue"]
    for path in sorted(data.glob("*/*.png")):
        split = "test" if path.parent.name == "red" and path.name == "0.png" else "train"
        project.items[str(path)] = Item(path.parent.name, split)
    session.data_edited()
    # the inspection itself (features, cross-validation) is measured elsewhere: here the
    # window runs the real checks on generated features of the project's items
    monkeypatch.setattr(
        health,
        "inspect_data",
        lambda dataset, backbone, cancel, kept: inspect_health(_features_of(dataset), cancel, kept),
    )
    widget = DataPanel(session)
    qtbot.addWidget(widget)
    return widget, data


def _row(dialog, kind):
    return next(row for _, row in dialog.rows.values() if row.finding.kind == kind)


def test_accept_three_suggestions_and_keep_one(qtbot, panel, session):
    widget, data = panel
    assert widget.health_button.isEnabled()
    dialog = widget.open_health()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.job_running("health"))
    kinds = {row.finding.kind for _, row in dialog.rows.values()}
    assert {"label_issues", "leaks", "too_small", "class_balance"} <= kinds
    project = session.project
    copy, original = str(data / "blue" / "copy.png"), str(data / "red" / "0.png")

    # 1. relabel the copy to the suggestion
    label = _row(dialog, "label_issues")
    assert label.fix_button.text() == "Relabel as “red”"
    qtbot.mouseClick(label.fix_button, Qt.MouseButton.LeftButton)
    assert project.items[copy].label == "red"
    # 2. the leak: the copy in test goes, the one in train stays
    leak = _row(dialog, "leaks")
    assert leak.fix_button.text() == "Remove the copy in test"
    qtbot.mouseClick(leak.fix_button, Qt.MouseButton.LeftButton)
    assert original not in project.items and copy in project.items
    # 3. the tiny picture goes
    small = _row(dialog, "too_small")
    qtbot.mouseClick(small.fix_button, Qt.MouseButton.LeftButton)
    assert str(data / "red" / "1.png") not in project.items
    # the rows acted on are gone, and the project was saved
    assert all(row.finding.kind not in ("leaks", "too_small") for _, row in dialog.rows.values())
    # keep the class-balance advice: remembered, not shown again
    balance = _row(dialog, "class_balance")
    qtbot.mouseClick(balance.keep_button, Qt.MouseButton.LeftButton)
    assert project.kept_findings == [balance.finding.id]
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.job_running("health"))
    assert all(row.finding.id != balance.finding.id for _, row in dialog.rows.values())
    assert dialog.report.hidden == 1
