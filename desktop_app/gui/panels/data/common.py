"""What the Data tab's pages share: the busy row, the class column, the skipped section, and
`DataPage`, the base class that owns the import job and the page's life with the session.

A page per kind of data (`image_page.py`, `text_page.py`) builds its own widgets and says its
own words; this module holds the rest once. Shared strings are translated in the "DataPanel"
context (the text page's copies in the .ts file say the same).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.data.dataset import Skipped
from desktop_app.core.errors import Phrase
from desktop_app.core.training.events import Cancelled, Progress
from desktop_app.gui.jobs import GeneratorFactory, JobOwner
from desktop_app.gui.messages import phrase_text, skipped_text
from desktop_app.gui.panels.data.health import HealthDialog
from desktop_app.gui.session import ProjectSession

translate = QCoreApplication.translate
LabelRole = Qt.ItemDataRole.UserRole
MIN_ITEMS_PER_CLASS = 5
IMPORT_JOB = "import"


def note_lines(notes: Sequence[Phrase]) -> list[str]:
    """ "Note: …" per importer note, in the user's language."""
    return [translate("DataPanel", "Note: {0}").format(phrase_text(note)) for note in notes]


def warning_lines(warnings: Sequence[Phrase]) -> list[str]:
    """ "Warning: …" per import warning (e.g. look-alike class names), in the user's language."""
    return [translate("DataPanel", "Warning: {0}").format(phrase_text(w)) for w in warnings]


class BusyRow(QWidget):
    """ "Scanning flowers…" ▭▭▭ [Cancel], shown while an import runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(translate("DataPanel", "Cancel"))
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        self.hide()


class ClassColumn(QWidget):
    """ "Classes": the list (All classes first), the totals and a warning for small classes."""

    def __init__(self, icons: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icons = icons
        self.setMinimumWidth(230)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        title = QLabel(translate("DataPanel", "Classes"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.class_list = QListWidget()
        self.class_list.setObjectName("classList")
        if icons:
            self.class_list.setIconSize(QSize(16, 16))
            self.class_list.setStyleSheet("QListWidget#classList::item { padding: 3px 4px; }")
        layout.addWidget(self.class_list, 1)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("hint")
        self.totals_label.setWordWrap(True)
        layout.addWidget(self.totals_label)
        self.few_label = QLabel()
        self.few_label.setObjectName("warning")
        self.few_label.setWordWrap(True)
        self.few_label.hide()
        layout.addWidget(self.few_label)

    def fill(
        self, project: Any, selected: str | None, words: tuple[str, Callable[[int], str], str]
    ) -> str | None:
        """List the project's classes with their counts; returns the class still selected.

        `words`: the too-few tooltip, the totals template for a number of items ("%n items ·
        train {0} / val {1} / test {2}", in its plural form) and the too-few warning ({0}: the
        classes), in the page's words.
        """
        too_few_tip, totals, too_few_text = words
        counts = project.counts()
        splits = project.split_counts()
        style = self.style()
        warning_icon = no_icon = QIcon()
        if self.icons:
            warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            blank = QPixmap(16, 16)
            blank.fill(Qt.GlobalColor.transparent)
            no_icon = QIcon(blank)  # keeps the names aligned with the warning rows
        if selected not in counts:
            selected = None
        self.class_list.blockSignals(True)
        self.class_list.clear()
        everything = QListWidgetItem(
            translate("DataPanel", "All classes  ({0})").format(sum(counts.values()))
        )
        everything.setData(LabelRole, None)
        if self.icons:
            everything.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DirIcon))
        font = everything.font()
        font.setBold(True)
        everything.setFont(font)
        self.class_list.addItem(everything)
        current = everything
        too_few: list[str] = []
        for name in project.classes:
            count = counts.get(name, 0)
            item = QListWidgetItem(f"{name}  ({count})")
            item.setData(LabelRole, name)
            if self.icons:
                item.setIcon(no_icon)
            if count < MIN_ITEMS_PER_CLASS:
                too_few.append(name)
                if self.icons:
                    item.setIcon(warning_icon)
                item.setToolTip(too_few_tip)
            self.class_list.addItem(item)
            if name == selected:
                current = item
        self.class_list.setCurrentItem(current)
        self.class_list.blockSignals(False)
        self.totals_label.setText(
            totals(len(project.items)).format(
                splits.get("train", 0),
                splits.get("val", 0),
                splits.get("test", 0),
            )
        )
        self.few_label.setText(too_few_text.format(", ".join(too_few)))
        self.few_label.setVisible(bool(too_few))
        return selected

    def select(self, label: str | None) -> None:
        """Make `label`'s row current (None: All classes)."""
        for row in range(self.class_list.count()):
            if self.class_list.item(row).data(LabelRole) == label:
                self.class_list.setCurrentRow(row)
                return


class SkippedSection(QWidget):
    """A fold-out list of what an import could not use ("path — reason"), closed at first."""

    def __init__(
        self,
        hint: str,
        empty: str,
        height: int,
        separator: str,
        clear_text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.separator = separator
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setStyleSheet("QToolButton { font-weight: 600; border: none; }")
        self.toggle.toggled.connect(self._on_toggled)
        header.addWidget(self.toggle)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        header.addWidget(self.hint)
        header.addStretch(1)
        self.clear_button: QPushButton | None = None
        if clear_text:
            self.clear_button = QPushButton(clear_text)
            header.addWidget(self.clear_button)
        layout.addLayout(header)
        self.body = QStackedWidget()
        self.list = QListWidget()
        self.list.setObjectName("skippedList")
        self.list.setUniformItemSizes(True)
        self.empty = QLabel(empty)
        self.empty.setObjectName("hint")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.list)
        self.body.addWidget(self.empty)
        self.body.setFixedHeight(height)
        self.body.hide()
        layout.addWidget(self.body)

    def show_skipped(self, skipped: Sequence[Skipped], title: str) -> None:
        """List `skipped` under the toggle's `title` ("Skipped files (3)")."""
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        self.list.addItems([f"{s.path}{self.separator}{skipped_text(s)}" for s in skipped])
        self.list.setUpdatesEnabled(True)
        self.toggle.setText(title)
        self.body.setCurrentWidget(self.list if skipped else self.empty)
        self._show_clear_button()

    def clear(self) -> None:
        self.list.clear()

    @Slot(bool)
    def _on_toggled(self, expanded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)
        self._show_clear_button()

    def _show_clear_button(self) -> None:
        if self.clear_button is not None:
            has_items = self.body.currentWidget() is self.list and self.list.count() > 0
            self.clear_button.setVisible(has_items and self.toggle.isChecked())


class DataPage(QWidget, JobOwner):
    """One kind of data's page on the Data tab: the import job and the session's signals.

    A page builds its widgets in `build()` (with `busy_row`, `classes` and `skipped` from here),
    starts imports with `start_import`, and says what differs: `apply_import`,
    `show_import_error`, `show_class`, `current_page`, `update_buttons`, `forget_import`.
    """

    import_finished = Signal(int)  # an import ended (also after an error/cancel): items added
    import_failed = Signal(str)  # the user-facing reason an import did not work

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._selected_label: str | None = None  # None: all classes
        self._import_added = 0
        self._import_project = None
        self._cancel_requested = False
        self.health_dialog: HealthDialog | None = None
        self._links: list[tuple[Any, Any]] = []  # session signal → slot, undone by `detach`
        self.busy_row = BusyRow()
        self.busy_label = self.busy_row.label
        self.cancel_button = self.busy_row.cancel_button
        self.cancel_button.clicked.connect(self.cancel_import)
        self.build()
        self.class_list = self.classes.class_list
        self.totals_label = self.classes.totals_label
        self.few_label = self.classes.few_label
        self.class_list.currentItemChanged.connect(self._on_class_selected)
        self.skipped_toggle = self.skipped.toggle
        self.skipped_list = self.skipped.list
        self.skipped_body = self.skipped.body
        self.skipped_empty = self.skipped.empty
        session.data_changed.connect(self.refresh)
        session.project_changed.connect(self._on_project_changed)
        self.refresh()

    # ------------------------------------------------------------------ what a page says
    def build(self) -> None:
        """Lay out the page; must set `self.classes` and `self.skipped`."""
        raise NotImplementedError

    def class_words(self) -> tuple[str, Callable[[int], str], str]:
        """The too-few tooltip, the totals template and the too-few warning (see ClassColumn)."""
        raise NotImplementedError

    def skipped_title(self, count: int) -> str:
        raise NotImplementedError

    def current_page(self, project: Any) -> QWidget | None:
        """The page of the stack to show for `project` (None: leave it)."""
        raise NotImplementedError

    def show_class(self) -> None:
        """Show the items of the selected class."""

    def clear_items(self) -> None:
        """No project: empty the items view."""

    def update_buttons(self) -> None:
        """Enable what can be used now (`self.busy` tells whether an import runs)."""

    def forget_import(self) -> None:
        """Another project: forget what the page says about the last import."""

    def show_import_progress(self, event: Progress) -> None:
        """A progress event of the running import."""

    def apply_import(self, project: Any, result: Any) -> int:
        """Merge an import's result into `project` (GUI thread); returns how many were added."""
        raise NotImplementedError

    def show_import_error(self, message: str) -> None:
        raise NotImplementedError

    def import_folder(self, folder: str) -> None:
        """Import a whole data folder (opening a folder that is not a project yet)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ data health
    def make_health_button(self, tooltip: str) -> QPushButton:
        """ "Data health…" (Ctrl+H): opens the Data health window on this project."""
        button = QPushButton(translate("DataPanel", "Data health…"))
        button.setToolTip(tooltip)
        button.setShortcut(QKeySequence("Ctrl+H"))
        button.clicked.connect(self.open_health)
        return button

    @Slot()
    def open_health(self) -> HealthDialog | None:
        """The Data health window (one per page), checking the project's data afresh."""
        if self.session.project is None:
            return None
        if self.health_dialog is None:
            self.health_dialog = HealthDialog(self.session, self)
            # another project: these findings are not about it
            self.link(self.session.project_changed, self.health_dialog.reject)
        self.health_dialog.show()
        self.health_dialog.raise_()
        self.health_dialog.start()
        return self.health_dialog

    # ------------------------------------------------------------------ session
    def detach(self) -> None:
        """The window is being replaced: stop listening to the session."""
        for signal, slot in (
            (self.session.data_changed, self.refresh),
            (self.session.project_changed, self._on_project_changed),
            *self._links,
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        self._links.clear()

    def link(self, signal: Any, slot: Any) -> None:
        """Connect a session signal to `slot` until the page is detached."""
        signal.connect(slot)
        self._links.append((signal, slot))

    @Slot()
    def _on_project_changed(self) -> None:
        if self.busy:
            self.cancel_import()
        self._selected_label = None
        self.forget_import()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Rebuild the class list, the items and the skipped list from the project."""
        project = self.session.project
        page = self.current_page(project)
        if page is not None:
            self.stack.setCurrentWidget(page)
        if project is None:
            self.class_list.clear()
            self.clear_items()
            self.skipped.clear()
        else:
            self._selected_label = self.classes.fill(
                project, self._selected_label, self.class_words()
            )
            self.show_class()
            self.skipped.show_skipped(project.skipped, self.skipped_title(len(project.skipped)))
        self.update_buttons()

    # ------------------------------------------------------------------ classes
    def selected_class(self) -> str | None:
        """The class shown, or None for all classes."""
        return self._selected_label

    def select_class(self, label: str | None) -> None:
        """Show one class (None: all classes)."""
        self.classes.select(label)

    def class_counts(self) -> dict[str, int]:
        """What the class list shows: {class: number of items}."""
        return self.session.project.counts() if self.session.project is not None else {}

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_class_selected(self, current: QListWidgetItem | None, _previous=None) -> None:
        self._selected_label = None if current is None else current.data(LabelRole)
        if self.session.project is not None:
            self.show_class()
        self.update_buttons()

    # ------------------------------------------------------------------ import
    @property
    def busy(self) -> bool:
        """An import is running."""
        return self.job_running(IMPORT_JOB)

    def start_import(self, make_generator: GeneratorFactory, busy_text: str) -> None:
        """Run an import in the background; the project changes when it has finished."""
        self._import_added = 0
        self._import_project = self.session.project
        self._cancel_requested = False
        self.start_job(IMPORT_JOB, make_generator)
        self._set_busy(True, busy_text)

    @Slot()
    def cancel_import(self) -> None:
        """Stop the running import; nothing it found is added."""
        if self.busy:
            self._cancel_requested = True
            self.cancel_job(IMPORT_JOB)
            self.busy_label.setText(translate("DataPanel", "Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy_row.setVisible(busy)
        self.busy_label.setText(text)
        self.cancel_button.setEnabled(busy)
        self.update_buttons()

    def _say_cancelled(self) -> None:
        self.session.status_message.emit(
            translate("DataPanel", "Import cancelled; nothing was added.")
        )

    def on_event(self, name: str, event: object) -> None:
        if isinstance(event, Progress):
            if not self._cancel_requested:
                self.show_import_progress(event)
        elif isinstance(event, Cancelled):
            self._say_cancelled()

    def on_done(self, name: str, result: Any) -> None:
        project = self.session.project
        if self._cancel_requested or project is None or project is not self._import_project:
            self._say_cancelled()
            return
        self._import_added = self.apply_import(project, result)

    def on_error(self, name: str, message: str) -> None:
        self.show_import_error(message)
        self.import_failed.emit(message)

    def on_job_finished(self, name: str) -> None:
        self._set_busy(False)
        self._import_project = None
        self.import_finished.emit(self._import_added)
