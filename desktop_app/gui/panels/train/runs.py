"""The Train tab's run list: every run of the project, newest first; a click shows a finished one.

Its strings stay in the "TrainPanel" translation context (where the .ts file has them).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.core.catalog import is_automatic
from desktop_app.core.errors import Phrase
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.model_words import model_name

translate = QCoreApplication.translate


def status_name(status: str) -> str:
    """A run's status in the user's language."""
    return {
        "running": translate("TrainPanel", "running"),
        "finished": translate("TrainPanel", "finished"),
        "cancelled": translate("TrainPanel", "cancelled"),
        "failed": translate("TrainPanel", "failed"),
        "interrupted": translate("TrainPanel", "interrupted"),
        "unreadable": translate("TrainPanel", "unreadable"),
    }.get(status, status)


def run_text(run: Any) -> str:
    """Two lines: "run-0003 · Fast · 94.8 %" over "2024-05-01 14:03 · finished"."""
    backbone = str(run.config.get("backbone", ""))
    pieces = bool(run.summary.get("word_pieces")) if run.summary else False
    name = model_name(backbone, pieces and not is_automatic(backbone))
    chosen = str(run.summary.get("backbone", "")) if run.summary else ""
    if is_automatic(backbone) and chosen:  # "Automatic: Accurate"
        name = translate("TrainPanel", "{0}: {1}").format(name, model_name(chosen, pieces))
    parts = [run.id, name]
    accuracy = run.summary.get("accuracy") if run.summary else None
    if accuracy is not None:
        parts.append(translate("TrainPanel", "{0} %").format(f"{100 * accuracy:.1f}"))
    second = [run.started.replace("T", " ")[:16], status_name(run.status)]
    return " · ".join(parts) + "\n" + " · ".join(second)


class RunList(QWidget):
    """The "Runs" title over the list (`list`, objectName runList)."""

    run_clicked = Signal(str)  # the id of the run clicked or activated

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addSpacing(4)
        title = QLabel(translate("TrainPanel", "Runs"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.list = QListWidget()
        self.list.setObjectName("runList")
        self.list.setToolTip(
            translate("TrainPanel", "Click a finished run to see its curves and results")
        )
        self.list.setMinimumHeight(110)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.list.itemActivated.connect(self._on_item_clicked)
        layout.addWidget(self.list, 1)

    def fill(self, runs: list[Any], shown: str | None) -> None:
        """List `runs` newest first and select the one `shown`."""
        self.list.clear()
        for run in reversed(runs):
            item = QListWidgetItem(run_text(run))
            item.setData(Qt.ItemDataRole.UserRole, run.id)
            phrase = Phrase.from_json(run.message_phrase)
            if phrase is not None or run.message:
                item.setToolTip(phrase_text(phrase or run.message))
            if run.status != "finished":
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
        self.select(shown)

    def select(self, run_id: str | None) -> None:
        """Select the row of `run_id` (none when it is not listed)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == run_id:
                self.list.setCurrentItem(item)
                return
        self.list.clearSelection()

    @Slot(QListWidgetItem)
    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        run_id = item.data(Qt.ItemDataRole.UserRole)
        if run_id:
            self.run_clicked.emit(run_id)
