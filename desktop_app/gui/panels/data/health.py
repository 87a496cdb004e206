"""Data health: the Data tab's window onto `desktop-app inspect` (core/workflows/inspect.py).

The inspection runs as one background job (progress, Cancel); its findings are listed with
thumbnails, the evidence and the suggested fix, and one click acts on a finding: relabel it to
the suggestion, remove the item (the copy outside train, for a leak), or keep it as it is (the
project remembers it and does not show it again).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.catalog import is_automatic
from desktop_app.core.health import KINDS, Finding, HealthReport
from desktop_app.core.project_schema import ProjectError
from desktop_app.core.training.events import Cancelled, Progress
from desktop_app.core.workflows.inspect import inspect_data
from desktop_app.gui.jobs import JobOwner
from desktop_app.gui.messages import error_text, phrase_text
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.thumbnails import ThumbnailLoader

HEALTH_JOB = "health"
SHOWN = 300  # findings listed at most (the rest are counted)
THUMB = 96


class FindingRow(QWidget):
    """One finding: thumbnails, what was found, the evidence, the fix and its buttons."""

    acted = Signal(object, str)  # (finding, "fix" | "keep")

    def __init__(self, finding: Finding, title: str, fix_text: str, image: bool) -> None:
        super().__init__()
        self.finding = finding
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        self.thumbs: list[tuple[str, QLabel]] = []
        if image:
            for path in finding.items:
                label = QLabel()
                label.setFixedSize(THUMB, THUMB)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setToolTip(path)
                row.addWidget(label)
                self.thumbs.append((path, label))
        text = QVBoxLayout()
        heading = QLabel(f"<b>{title}</b>")
        text.addWidget(heading)
        names = "\n".join(_short(item) for item in finding.items) if finding.items else finding.cls
        self.names = QLabel(names)
        self.names.setObjectName("hint")
        self.names.setWordWrap(True)
        text.addWidget(self.names)
        self.evidence = QLabel(phrase_text(finding.evidence))
        self.evidence.setWordWrap(True)
        text.addWidget(self.evidence)
        row.addLayout(text, 1)
        buttons = QVBoxLayout()
        self.fix_button = QPushButton(fix_text)
        self.fix_button.setMinimumWidth(190)
        self.fix_button.setToolTip(phrase_text(finding.fix))
        self.fix_button.clicked.connect(lambda: self.acted.emit(self.finding, "fix"))
        self.keep_button = QPushButton(self.tr("Keep as it is"))
        self.keep_button.setToolTip(self.tr("Leave it and do not show this finding again"))
        self.keep_button.clicked.connect(lambda: self.acted.emit(self.finding, "keep"))
        self.keep_button.setMinimumWidth(190)
        if finding.fix_action != "collect":
            buttons.addWidget(self.fix_button)
        else:
            self.fix_button.hide()
            self.keep_button.setText(self.tr("Got it"))
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        row.addLayout(buttons)

    def show_thumbnail(self, path: str, image: Any) -> None:
        for shown, label in self.thumbs:
            if shown == path and image is not None and not isinstance(image, str):
                label.setPixmap(
                    QPixmap.fromImage(image).scaled(
                        THUMB,
                        THUMB,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )


def _short(item: str, limit: int = 90) -> str:
    line = " ".join(item.split())
    return line if len(line) <= limit else "…" + line[-(limit - 1) :]


class HealthDialog(QDialog, JobOwner):
    """ "Data health": run the inspection, list its findings, act on them one click each."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report: HealthReport | None = None
        self.rows: dict[str, tuple[QListWidgetItem, FindingRow]] = {}
        self._cancelled = False
        self.setWindowTitle(self.tr("Data health"))
        self.resize(980, 680)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Looks for labels that are probably wrong, the same picture twice (and in two "
                "splits, which makes the accuracy look better than it is), items unlike every "
                "class, classes with too few items and pictures too small for the model."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro)
        busy = QHBoxLayout()
        self.status = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(300)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = QPushButton(self.tr("Check again"))
        self.again_button.clicked.connect(self.start)
        busy.addWidget(self.status, 1)
        busy.addWidget(self.bar)
        busy.addWidget(self.cancel_button)
        busy.addWidget(self.again_button)
        layout.addLayout(busy)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setObjectName("healthList")
        self.list.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        layout.addWidget(self.list, 1)
        close = QHBoxLayout()
        close.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        close.addWidget(self.close_button)
        layout.addLayout(close)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.start)
        self.loader = ThumbnailLoader.shared()
        self.loader.ready.connect(self._on_thumbnail)

    # ------------------------------------------------------------------ words
    def kind_title(self, kind: str) -> str:
        project = self.session.project
        if project is not None and project.task == "text":
            if kind == "leaks":
                return self.tr("The same text in two splits")
            if kind == "near_duplicates":
                return self.tr("The same text twice")
        return {
            "label_issues": self.tr("Probably the wrong label"),
            "leaks": self.tr("The same picture in two splits"),
            "near_duplicates": self.tr("The same picture twice"),
            "outliers": self.tr("Unlike every class"),
            "class_balance": self.tr("Too few items in a class"),
            "too_small": self.tr("Too small for the model"),
        }[kind]

    def fix_text(self, finding: Finding, classes: tuple[str, ...]) -> str:
        if finding.fix_action == "relabel" and finding.suggested is not None:
            return self.tr("Relabel as “{0}”").format(classes[finding.suggested])
        if finding.kind == "leaks":
            split = self.session.project.items[finding.items[1]].split
            words = {
                "train": self.tr("train"),
                "val": self.tr("validation"),
                "test": self.tr("test"),
            }
            return self.tr("Remove the copy in {0}").format(words.get(split, split))
        if finding.kind == "near_duplicates":
            return self.tr("Remove the second")
        return self.tr("Remove from project")

    def stage_text(self, stage: str) -> str:
        return {
            "features": self.tr("Reading the items…"),
            "cross-validation": self.tr("Checking every label with models that never saw it…"),
            "sizes": self.tr("Measuring the pictures…"),
            "compare": self.tr("Comparing every item with every other…"),
            "verify": self.tr("Looking closer at look-alike pairs…"),
        }.get(stage, self.tr("Preparing…"))

    # ------------------------------------------------------------------ the job
    @Slot()
    def start(self) -> None:
        project = self.session.project
        if project is None or self.job_running(HEALTH_JOB):
            return
        dataset = project.dataset()
        backbone = project.settings.get("backbone")
        if not isinstance(backbone, str) or is_automatic(backbone):
            backbone = None
        kept = list(project.kept_findings)
        self._cancelled = False
        self.list.clear()
        self.rows.clear()
        self.summary.clear()
        self.status.setText(self.tr("Preparing…"))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.again_button.hide()
        self.start_job(HEALTH_JOB, lambda cancel: inspect_data(dataset, backbone, cancel, kept))

    @Slot()
    def cancel(self) -> None:
        if self.job_running(HEALTH_JOB):
            self._cancelled = True
            self.cancel_job(HEALTH_JOB)
            self.status.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Progress) and not self._cancelled:
            text = self.stage_text(event.stage)
            if event.total > 0:
                self.bar.setRange(0, event.total)
                self.bar.setValue(event.done)
            else:
                self.bar.setRange(0, 0)
            if event.eta_s is not None and event.done < event.total:
                text += " " + self.tr("about %n s left", "", max(1, round(event.eta_s)))
            self.status.setText(text)
        elif isinstance(event, Cancelled):
            self.status.setText(self.tr("Cancelled: nothing was changed."))

    def on_done(self, name: str, result: Any) -> None:
        self.report = result
        self.show_report(result)

    def on_error(self, name: str, message: str) -> None:
        self.status.setText(message)

    def on_job_finished(self, name: str) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self.again_button.show()

    # ------------------------------------------------------------------ findings
    def show_report(self, report: HealthReport) -> None:
        image = self.session.project is not None and self.session.project.task == "image"
        shown = 0
        for kind in KINDS:
            for finding in report.of_kind(kind):
                if shown >= SHOWN:
                    break
                if any(item not in self.session.project.items for item in finding.items):
                    continue  # changed since the inspection started
                self._add_row(finding, report.classes, image)
                shown += 1
        text = (
            self.tr("Found %n things worth a look.", "", len(report.findings))
            if report.findings
            else self.tr("Nothing found: the data looks healthy.")
        )
        if shown < len(report.findings):
            text += " " + self.tr(
                "The first %n are listed; act on them and check again.", "", shown
            )
        self.status.setText(text)
        self.update_summary()

    def _add_row(self, finding: Finding, classes: tuple[str, ...], image: bool) -> None:
        row = FindingRow(
            finding, self.kind_title(finding.kind), self.fix_text(finding, classes), image
        )
        row.acted.connect(self.act)
        item = QListWidgetItem(self.list)
        item.setSizeHint(row.sizeHint())
        self.list.setItemWidget(item, row)
        self.rows[finding.id] = (item, row)
        for path in finding.items if image else ():
            found = self.loader.get(path)
            if found is not None:
                row.show_thumbnail(path, found)

    def update_summary(self) -> None:
        counts: dict[str, int] = {}
        for _, row in self.rows.values():
            counts[row.finding.kind] = counts.get(row.finding.kind, 0) + 1
        parts = [f"{self.kind_title(kind)}: {counts[kind]}" for kind in KINDS if kind in counts]
        hidden = self.report.hidden if self.report is not None else 0
        if hidden:
            parts.append(self.tr("%n kept earlier (not shown)", "", hidden))
        self.summary.setText("  ·  ".join(parts))

    @Slot(str)
    def _on_thumbnail(self, path: str) -> None:
        for _, row in self.rows.values():
            if any(p == path for p, _ in row.thumbs):
                row.show_thumbnail(path, self.loader.get(path))

    @Slot(object, str)
    def act(self, finding: Finding, how: str) -> bool:
        """Relabel / remove (`how` "fix") or keep a finding; its row goes. False if refused."""
        project = self.session.project
        if project is None or self.report is None:
            return False
        try:
            project.check_writable()
            if how == "keep":
                project.keep_finding(finding.id)
            elif finding.fix_action == "relabel" and finding.suggested is not None:
                project.move_items(finding.items, self.report.classes[finding.suggested])
            elif finding.fix_action == "remove":
                project.remove_items(finding.items[-1:])
        except ProjectError as error:
            self.status.setText(error_text(error))
            return False
        if how == "keep":
            self.session.save()
        else:
            self.session.data_edited()
        self._drop_rows(finding, how)
        return True

    def _drop_rows(self, finding: Finding, how: str) -> None:
        """The acted-on finding's row, and (after a removal) every row naming the item gone."""
        gone = set(finding.items[-1:]) if how == "fix" and finding.fix_action == "remove" else set()
        relabelled = (
            set(finding.items) if how == "fix" and finding.fix_action == "relabel" else set()
        )
        for finding_id, (item, row) in list(self.rows.items()):
            other = row.finding
            if (
                finding_id == finding.id
                or gone & set(other.items)
                or (other.kind == "label_issues" and relabelled & set(other.items))
            ):
                self.list.takeItem(self.list.row(item))
                del self.rows[finding_id]
        self.update_summary()

    def done(self, result: int) -> None:  # closing the dialog cancels the inspection
        self.cancel()
        super().done(result)
