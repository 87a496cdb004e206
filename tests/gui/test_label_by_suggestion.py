"""Label new images by suggestion: ten unlabelled images answered with the keyboard."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from tests.helpers.synthetic import write_class_folders


def test_label_ten_unlabelled_images_with_the_keyboard(qtbot, trained_session, tmp_path, dialogs):
    from desktop_app.gui.panels.data import DataPanel

    classes = write_class_folders(tmp_path / "classes", per_class=4, seed=7)
    new = tmp_path / "new"
    new.mkdir()
    for path in sorted(classes.glob("*/*.png"))[:10]:
        shutil.copy(path, new / f"{path.parent.name}-{path.name}")
    panel = DataPanel(trained_session)
    qtbot.addWidget(panel)
    assert panel.suggest_button.isEnabled()
    dialogs.folder = str(new)
    dialog = panel.label_new_images_dialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.job_running("suggest"), timeout=30000)
    assert len(dialog.rows) == 10
    margins = [r.prediction.probabilities[0] - r.prediction.probabilities[1] for r in dialog.rows]
    assert margins == sorted(margins)  # least sure first
    project = trained_session.project
    expected = {}
    for i in range(10):
        row = dialog.current
        if i % 2:  # Enter: the suggestion
            expected[row.path] = row.prediction.label
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
        else:  # a digit: that class in the list
            number = i % len(dialog.classes)
            expected[row.path] = dialog.classes[number]
            qtbot.keyClick(dialog, Qt.Key.Key_1 + number)
    assert {p: project.items[p].label for p in expected} == expected
    assert all(project.items[p].split == "train" for p in expected)
    assert dialog.added == 10 and dialog.current is None
