"""The "1 · Data" tab of a TEXT project: pick a CSV/TSV/TXT file (or folder), check how it is
read, import it, then see the classes, their texts and the rows that were skipped.

Detecting the format reads the file on the GUI thread (it looks at the first 2,000 lines); the
import itself (`scan_text`) runs on a background `Job`. The project changes only on the GUI
thread (`Project.merge_texts`), then `session.data_edited()` saves it and refreshes the panels.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.data.dataset import Dataset, DatasetError
from desktop_app.core.data.text import TextFormat, detect_format, reformat, text_layout
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.gui.jobs import Job
from desktop_app.gui.messages import error_text, phrase_text, skipped_text
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.drop_zone import drop_row
from desktop_app.gui.widgets.text_table import TextRow, TextTableModel, TextTableView

LabelRole = Qt.ItemDataRole.UserRole
MIN_TEXTS_PER_CLASS = 5
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "gb18030",
    "cp1252",
    "latin-1",
)
TEXT_FILTER = "*.csv *.tsv *.txt *.tab"


def import_text_events(path: str, fmt: TextFormat | None, cancel: CancelToken) -> Iterator[object]:
    """Worker-thread generator: scan the file with the (edited) format; ends with Finished."""
    from desktop_app.core.data.text import scan_text

    yield Progress("import", 0, 1, message=path)
    dataset = scan_text(path, fmt=fmt)
    if cancel.cancelled:
        yield Cancelled("import")
        return
    yield Progress("import", 1, 1)
    yield Finished(dataset)


class TextDataPanel(QWidget):
    """Import texts from a file with an editable preview; browse them per class."""

    import_finished = Signal(int)  # an import ended (also after an error/cancel): texts added
    import_failed = Signal(str)
    preview_changed = Signal()  # the preview was (re-)read with new settings

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("textDataPanel")
        self.session = session
        self.job = session.register_job(Job("text-import", self))
        self.job.event.connect(self._on_job_event)
        self.job.errored.connect(self._on_job_error)
        self.job.finished.connect(self._on_job_finished)
        self.source: str | None = None  # the file or folder being set up for import
        self.format: TextFormat | None = None  # None for a folder of class sub-folders
        self.last_report = ""
        self._added = 0
        self._selected_label: str | None = None
        self._filling = False
        self._build()
        session.data_changed.connect(self.refresh)
        session.project_changed.connect(self._on_project_changed)
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(14, 12, 14, 10)
        root.setSpacing(8)

        top, self.drop_zone, self.file_button, self.folder_button = drop_row(
            self.tr("Drop a CSV, TSV or TXT file with texts and labels here"),
            self.tr(
                "or a folder of train/dev/test files, or a folder with one sub-folder of "
                ".txt files per class"
            ),
            self.tr("Choose file…"),
            self.tr("Choose folder…"),
        )
        self.drop_zone.paths_dropped.connect(self._on_paths_dropped)
        self.file_button.clicked.connect(self.choose_file_dialog)
        self.folder_button.clicked.connect(self.choose_folder_dialog)
        root.addLayout(top)

        self.busy_row = QWidget()
        busy = QHBoxLayout(self.busy_row)
        busy.setContentsMargins(0, 0, 0, 0)
        self.busy_label = QLabel(self.tr("Reading the texts…"))
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(260)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.job.cancel)
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar, 1)
        busy.addWidget(self.cancel_button)
        busy.addStretch(1)
        self.busy_row.hide()
        root.addWidget(self.busy_row)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        root.addWidget(self.message_label)

        self.stack = QStackedWidget()
        self.empty_page = QLabel(
            self.tr(
                "No texts yet. Each row of the file needs a text and its label, for example:\n"
                "spam<TAB>Win a free prize now!\nham<TAB>See you at lunch?"
            )
        )
        self.empty_page.setObjectName("hint")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.stack.addWidget(self.empty_page)
        self.stack.addWidget(self._build_setup_page())
        self.stack.addWidget(self._build_data_page())
        root.addWidget(self.stack, 1)
        root.addWidget(self._build_skipped_section())

    def _build_setup_page(self) -> QWidget:
        page = QWidget()
        self.setup_page = page
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        settings = QFrame()
        settings.setObjectName("card")
        settings.setFixedWidth(320)
        column = QVBoxLayout(settings)
        column.setContentsMargins(12, 10, 12, 10)
        self.source_label = QLabel()
        self.source_label.setObjectName("sectionTitle")
        self.source_label.setWordWrap(True)
        column.addWidget(self.source_label)
        hint = QLabel(self.tr("Detected automatically; change anything that looks wrong."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        column.addWidget(hint)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItems(list(ENCODINGS))
        self.delimiter_combo = QComboBox()
        for text, value in (
            (self.tr("Tab"), "\t"),
            (self.tr("Comma ,"), ","),
            (self.tr("Semicolon ;"), ";"),
            (self.tr("Pipe |"), "|"),
        ):
            self.delimiter_combo.addItem(text, value)
        self.header_check = QCheckBox(self.tr("The first row holds column names"))
        self.text_combo = QComboBox()
        self.label_combo = QComboBox()
        form.addRow(self.tr("Encoding"), self.encoding_combo)
        form.addRow(self.tr("Separator"), self.delimiter_combo)
        form.addRow(self.header_check)
        form.addRow(self.tr("Text column"), self.text_combo)
        form.addRow(self.tr("Label column"), self.label_combo)
        self.form_widget = QWidget()
        self.form_widget.setLayout(form)
        column.addWidget(self.form_widget)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("hint")
        self.counts_label.setWordWrap(True)
        column.addWidget(self.counts_label)
        column.addStretch(1)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("primary")
        self.import_button.clicked.connect(self.import_source)
        self.discard_button = QPushButton(self.tr("Back"))
        self.discard_button.clicked.connect(self.discard_source)
        row.addWidget(self.import_button, 1)
        row.addWidget(self.discard_button)
        column.addLayout(row)
        layout.addWidget(settings)

        self.encoding_combo.currentIndexChanged.connect(self._on_setting_changed)
        self.delimiter_combo.currentIndexChanged.connect(self._on_setting_changed)
        self.header_check.toggled.connect(self._on_setting_changed)
        self.text_combo.currentIndexChanged.connect(self._on_setting_changed)
        self.label_combo.currentIndexChanged.connect(self._on_setting_changed)

        right = QVBoxLayout()
        title = QLabel(self.tr("Preview: the first rows as they will be imported"))
        title.setObjectName("sectionTitle")
        right.addWidget(title)
        self.preview_model = TextTableModel([self.tr("Text"), self.tr("Label")], self)
        self.preview_view = TextTableView(self.preview_model)
        right.addWidget(self.preview_view, 1)
        layout.addLayout(right, 1)
        return page

    def _build_data_page(self) -> QWidget:
        page = QWidget()
        self.data_page = page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left.setMinimumWidth(230)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 6, 0)
        title = QLabel(self.tr("Classes"))
        title.setObjectName("sectionTitle")
        column.addWidget(title)
        self.class_list = QListWidget()
        self.class_list.setObjectName("classList")
        self.class_list.currentItemChanged.connect(self._on_class_selected)
        column.addWidget(self.class_list, 1)
        self.totals_label = QLabel()
        self.totals_label.setObjectName("hint")
        self.totals_label.setWordWrap(True)
        column.addWidget(self.totals_label)
        self.few_label = QLabel()
        self.few_label.setObjectName("warning")
        self.few_label.setWordWrap(True)
        self.few_label.hide()
        column.addWidget(self.few_label)
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.table_title = QLabel()
        self.table_title.setObjectName("sectionTitle")
        right_layout.addWidget(self.table_title)
        self.texts_model = TextTableModel([self.tr("Text"), self.tr("Label"), self.tr("Split")])
        self.texts_view = TextTableView(self.texts_model)
        right_layout.addWidget(self.texts_view, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)
        return page

    def _build_skipped_section(self) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.skipped_toggle = QToolButton()
        self.skipped_toggle.setCheckable(True)
        self.skipped_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.skipped_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.skipped_toggle.setAutoRaise(True)
        self.skipped_toggle.setStyleSheet("QToolButton { font-weight: 600; border: none; }")
        self.skipped_toggle.toggled.connect(self._on_skipped_toggled)
        header.addWidget(self.skipped_toggle)
        hint = QLabel(self.tr("Rows that could not be used (file:line — reason)."))
        hint.setObjectName("hint")
        header.addWidget(hint)
        header.addStretch(1)
        layout.addLayout(header)
        self.skipped_list = QListWidget()
        self.skipped_list.setObjectName("skippedList")
        self.skipped_list.setUniformItemSizes(True)
        self.skipped_list.setFixedHeight(120)
        self.skipped_list.hide()
        layout.addWidget(self.skipped_list)
        return section

    # ------------------------------------------------------------------ session
    def detach(self) -> None:
        for signal, slot in (
            (self.session.data_changed, self.refresh),
            (self.session.project_changed, self._on_project_changed),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    @Slot()
    def _on_project_changed(self) -> None:
        if self.job.running:
            self.job.cancel()
        self.source = None
        self.format = None
        self._selected_label = None
        self.show_message("")
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        project = self.session.project
        busy = self.job.running
        for button in (self.file_button, self.folder_button, self.import_button):
            button.setEnabled(project is not None and not busy)
        self.drop_zone.setEnabled(project is not None and not busy)
        if project is None:
            self.class_list.clear()
            self.texts_model.set_rows([])
            self.skipped_list.clear()
            return
        if self.source is not None:
            self.stack.setCurrentWidget(self.setup_page)
        elif project.items:
            self.stack.setCurrentWidget(self.data_page)
        else:
            self.stack.setCurrentWidget(self.empty_page)
        self._fill_classes()
        self._fill_texts()
        self._fill_skipped()

    def _fill_classes(self) -> None:
        project = self.session.project
        counts = project.counts()
        splits = project.split_counts()
        if self._selected_label not in counts:
            self._selected_label = None
        self.class_list.blockSignals(True)
        self.class_list.clear()
        everything = QListWidgetItem(self.tr("All classes  ({0})").format(sum(counts.values())))
        everything.setData(LabelRole, None)
        font = everything.font()
        font.setBold(True)
        everything.setFont(font)
        self.class_list.addItem(everything)
        current = everything
        too_few = []
        for name in project.classes:
            item = QListWidgetItem(f"{name}  ({counts.get(name, 0)})")
            item.setData(LabelRole, name)
            if counts.get(name, 0) < MIN_TEXTS_PER_CLASS:
                too_few.append(name)
                item.setToolTip(self.tr("Too few texts: add at least 5, better 20+."))
            self.class_list.addItem(item)
            if name == self._selected_label:
                current = item
        self.class_list.setCurrentItem(current)
        self.class_list.blockSignals(False)
        self.totals_label.setText(
            self.tr("{0} texts · train {1} / val {2} / test {3}").format(
                len(project.items),
                splits.get("train", 0),
                splits.get("val", 0),
                splits.get("test", 0),
            )
        )
        self.few_label.setText(
            self.tr("Too few texts in {0}: add at least 5 per class, better 20+.").format(
                ", ".join(too_few)
            )
        )
        self.few_label.setVisible(bool(too_few))

    def _fill_texts(self) -> None:
        project = self.session.project
        label = self._selected_label
        splits = {
            "train": self.tr("train"),
            "val": self.tr("validation"),
            "test": self.tr("test"),
        }
        rows = [
            TextRow((text, item.label, splits.get(item.split, item.split)), text, text)
            for text, item in project.items.items()
            if label is None or item.label == label
        ]
        self.texts_model.set_rows(rows)
        title = self.tr("All classes") if label is None else label
        self.table_title.setText(self.tr("{0} · {1} texts").format(title, len(rows)))

    def _fill_skipped(self) -> None:
        skipped = self.session.project.skipped
        self.skipped_list.setUpdatesEnabled(False)
        self.skipped_list.clear()
        self.skipped_list.addItems([f"{s.path} — {skipped_text(s)}" for s in skipped])
        if not skipped:
            empty = QListWidgetItem(self.tr("No rows were skipped: every row was usable."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.skipped_list.addItem(empty)
        self.skipped_list.setUpdatesEnabled(True)
        self.skipped_toggle.setText(self.tr("Skipped rows ({0})").format(len(skipped)))

    @Slot(bool)
    def _on_skipped_toggled(self, shown: bool) -> None:
        self.skipped_list.setVisible(shown)
        self.skipped_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def _on_class_selected(self, current: QListWidgetItem | None, _previous=None) -> None:
        self._selected_label = None if current is None else current.data(LabelRole)
        self._fill_texts()

    def select_class(self, label: str | None) -> None:
        for row in range(self.class_list.count()):
            if self.class_list.item(row).data(LabelRole) == label:
                self.class_list.setCurrentRow(row)
                return

    def class_counts(self) -> dict[str, int]:
        """What the class list shows: {class: number of texts}."""
        return self.session.project.counts() if self.session.project is not None else {}

    # ------------------------------------------------------------------ choosing a source
    @Slot(list)
    def _on_paths_dropped(self, paths: list) -> None:
        if paths:
            self.open_source(str(paths[0]))

    @Slot()
    def choose_file_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a file of texts"),
            "",
            self.tr("Text tables ({0});;All files (*)").format(TEXT_FILTER),
        )
        if path:
            self.open_source(path)

    @Slot()
    def choose_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of texts"))
        if folder:
            self.open_source(folder)

    def open_source(self, path: str) -> bool:
        """Detect how `path` is laid out and show the editable preview; False if unreadable."""
        if self.job.running:
            return False
        try:
            layout = text_layout(path)
            fmt = None if layout == "class_folders" else detect_format(path)
        except DatasetError as error:
            self.show_message(error_text(error), "error")
            return False
        self.show_message("")
        self.source = path
        self.format = fmt
        self.source_label.setText(Path(path).name)
        self.source_label.setToolTip(path)
        self._show_format()
        self.refresh()
        return True

    @Slot()
    def discard_source(self) -> None:
        self.source = None
        self.format = None
        self.refresh()

    def _show_format(self) -> None:
        """Put `self.format` into the editors and the preview table (without re-reading)."""
        fmt = self.format
        self._filling = True
        try:
            self.form_widget.setVisible(fmt is not None)
            if fmt is None:
                self.preview_model.set_rows([])
                self.counts_label.setText(
                    self.tr("One sub-folder of .txt files per class: each file is one text.")
                )
                return
            if self.encoding_combo.findText(fmt.encoding) < 0:
                self.encoding_combo.addItem(fmt.encoding)
            self.encoding_combo.setCurrentText(fmt.encoding)
            index = self.delimiter_combo.findData(fmt.delimiter)
            if index < 0:
                self.delimiter_combo.addItem(repr(fmt.delimiter), fmt.delimiter)
                index = self.delimiter_combo.count() - 1
            self.delimiter_combo.setCurrentIndex(index)
            self.header_check.setChecked(fmt.has_header)
            for combo, current in (
                (self.text_combo, fmt.text_column),
                (self.label_combo, fmt.label_column),
            ):
                combo.clear()
                combo.addItems(list(fmt.columns))
                combo.setCurrentIndex(current)
            rows = []
            for cells in fmt.preview:
                text = cells[fmt.text_column] if fmt.text_column < len(cells) else ""
                label = cells[fmt.label_column] if fmt.label_column < len(cells) else ""
                rows.append(TextRow((text, label), text))
            self.preview_model.set_rows(rows)
            labels = Counter(row.cells[1].strip() for row in rows if row.cells[1].strip())
            shown = ", ".join(f"{name} {count}" for name, count in labels.most_common(8))
            text = self.tr("Labels in the first {0} rows: {1}").format(len(rows), shown or "—")
            if not fmt.label_guess_sure:
                text += "\n" + self.tr(
                    "No column looks like labels: choose the label column if this is wrong."
                )
            self.counts_label.setText(text)
        finally:
            self._filling = False

    @Slot()
    def _on_setting_changed(self) -> None:
        if self._filling or self.format is None or self.source is None:
            return
        changes = {
            "encoding": self.encoding_combo.currentText(),
            "delimiter": self.delimiter_combo.currentData(),
            "has_header": self.header_check.isChecked(),
            "text_column": max(0, self.text_combo.currentIndex()),
            "label_column": max(0, self.label_combo.currentIndex()),
        }
        try:
            new = reformat(self.source, self.format, **changes)
        except DatasetError as error:
            self.show_message(error_text(error), "error")
            self._show_format()
            return
        self.format = new
        problem = ""
        if new.text_column == new.label_column:
            problem = self.tr("The text and the label must be different columns.")
        elif len(new.columns) < 2:
            problem = self.tr("Only one column with these settings: choose another separator.")
        self.show_message(problem, "warning" if problem else "hint")
        self.import_button.setEnabled(not problem and not self.job.running)
        self._show_format()
        self.preview_changed.emit()

    def set_setting(self, name: str, value: object) -> None:
        """Tests and scripts: change one setting as the user would (re-reads the preview)."""
        if name == "encoding":
            self.encoding_combo.setCurrentText(str(value))
        elif name == "delimiter":
            self.delimiter_combo.setCurrentIndex(self.delimiter_combo.findData(value))
        elif name == "has_header":
            self.header_check.setChecked(bool(value))
        elif name == "text_column":
            self.text_combo.setCurrentIndex(int(value))  # type: ignore[arg-type]
        elif name == "label_column":
            self.label_combo.setCurrentIndex(int(value))  # type: ignore[arg-type]
        else:
            raise ValueError(name)

    def preview_rows(self) -> list[tuple[str, ...]]:
        return [row.cells for row in self.preview_model.rows]

    # ------------------------------------------------------------------ import
    @Slot()
    def import_source(self) -> None:
        """Import the chosen source with the settings shown (background task)."""
        if self.source is None or self.job.running or self.session.project is None:
            return
        path, fmt = self.source, self.format
        self._added = 0
        self.busy_row.show()

        def make(cancel: CancelToken) -> Iterator[object]:
            return import_text_events(path, fmt, cancel)

        self.job.start(make)
        self.refresh()

    def _on_job_event(self, event: object) -> None:
        if isinstance(event, Finished) and isinstance(event.result, Dataset):
            self._apply(event.result)

    def _apply(self, dataset: Dataset) -> None:
        project = self.session.project
        if project is None:
            return
        report = project.merge_texts(dataset)
        self._added = report.added
        parts = [
            self.tr("Imported {0} texts in {1} classes.").format(report.added, len(dataset.classes))
        ]
        if report.merged:
            parts.append(
                self.tr("{0} identical texts with the same label were merged.").format(
                    report.merged
                )
            )
        if report.conflicts:
            parts.append(
                self.tr(
                    "{0} identical texts had different labels: the first label was kept (see Skipped rows)."
                ).format(report.conflicts)
            )
        if report.skipped:
            parts.append(self.tr("{0} rows were skipped (see below).").format(report.skipped))
        # how the data was read (format, kept splits…); the skipped count is said just above
        notes = [n for n in dataset.notes if n.key != "text.skipped_count"]
        self.last_report = " ".join(parts) + "".join(
            "\n" + self.tr("Note: {0}").format(phrase_text(note)) for note in notes
        )
        self.source = None
        self.format = None
        self.session.data_edited()
        self.show_message(self.last_report, "hint")
        if report.conflicts or report.skipped:
            self.skipped_toggle.setChecked(True)

    def _on_job_error(self, message: str) -> None:
        self.show_message(message, "error")
        self.import_failed.emit(message)

    def _on_job_finished(self) -> None:
        self.busy_row.hide()
        self.refresh()
        self.import_finished.emit(self._added)

    def show_message(self, text: str, kind: str = "hint") -> None:
        self.message_label.setObjectName(kind)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message_label.text()


if __name__ == "__main__":  # python -m desktop_app.gui.panels.text_data_panel [PROJECT]
    from desktop_app.gui.preview import preview_panel

    raise SystemExit(preview_panel(TextDataPanel, 1200, 780))
