"""What the last image import found worth knowing: images in two classes, class names that
look the same, the importer's notes.

Neither stops an import (both copies stay in the project, the user decides); neither is saved:
they describe that import only. Strings stay in the "DataPanel" translation context.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.core.data.dataset import Dataset
from desktop_app.core.errors import Phrase
from desktop_app.gui.panels.data.common import note_lines, warning_lines

translate = QCoreApplication.translate
SHOWN_DUPLICATES = 5  # images named in the warning; the rest are counted


def duplicate_line(dataset: Dataset, group: tuple[str, ...]) -> str:
    """ "train/ants/a.jpg in class “ants” = train/bees/b.jpg in class “bees”"."""
    label_of = dict(zip(dataset.items, dataset.labels, strict=True))
    copies = []
    for path in group:
        shown = os.path.relpath(path, dataset.root) if dataset.root else path
        name = dataset.classes[label_of[path]] if path in label_of else "?"
        copies.append(translate("DataPanel", "{0} in class “{1}”").format(shown, name))
    return " = ".join(copies)


class ImportNotices(QWidget):
    """Warning lines for images in two classes and look-alike class names over a hint line for
    the importer's notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.duplicates_label = QLabel()
        self.duplicates_label.setObjectName("warning")
        self.names_label = QLabel()
        self.names_label.setObjectName("warning")
        self.notes_label = QLabel()
        self.notes_label.setObjectName("hint")
        for label in (self.duplicates_label, self.names_label, self.notes_label):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
            layout.addWidget(label)
        self.hide()  # no room taken while there is nothing to say

    def show_datasets(
        self, datasets: Sequence[Dataset], name_warnings: Sequence[Phrase] = ()
    ) -> None:
        """Say what `datasets` (the last import) hold worth knowing, and `name_warnings` (class
        names that look the same, `lookalike_warnings`); nothing for none."""
        duplicates = [duplicate_line(d, group) for d in datasets for group in d.duplicates]
        text = ""
        if duplicates:
            text = translate(
                "DataPanel",
                "The same picture is in more than one class, so its labels contradict each "
                "other. Both copies were kept: remove the one in the wrong class.",
            )
            text += "".join(f"\n• {line}" for line in duplicates[:SHOWN_DUPLICATES])
            if len(duplicates) > SHOWN_DUPLICATES:
                more = len(duplicates) - SHOWN_DUPLICATES
                text += "\n" + translate("DataPanel", "…and {0} more pictures like these.").format(
                    more
                )
        self.duplicates_label.setText(text)
        self.duplicates_label.setVisible(bool(text))
        names = "\n".join(warning_lines(name_warnings))
        self.names_label.setText(names)
        self.names_label.setVisible(bool(names))
        notes = note_lines([note for d in datasets for note in d.notes])
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        self.setVisible(bool(text or names or notes))

    def text(self, seen_from: QWidget) -> str:
        """The lines visible from `seen_from` (the page), "" when none."""
        return "\n".join(
            label.text()
            for label in (self.duplicates_label, self.names_label, self.notes_label)
            if label.isVisibleTo(seen_from)
        )
