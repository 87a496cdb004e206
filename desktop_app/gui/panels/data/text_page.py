"""The text page of the "1 · Data" tab: pick a CSV/TSV/TXT file (or folder), check how it is
read, import it, then see the classes, their texts and the rows that were skipped.

Detecting the format reads the file on the GUI thread (it looks at the first 2,000 lines); the
import itself (`scan_text`) is the page's import job (`DataPage`, the job-owner helper). The
project changes only on the GUI thread (`Project.merge_texts`), then `session.data_edited()`
saves it and refreshes the panels. The class is still called `TextDataPanel`: its name is the
strings' translation context.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.data.dataset import Dataset, DatasetError, lookalike_warnings
from desktop_app.core.data.text import TextFormat, detect_format, reformat, text_layout
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.gui.messages import error_text
from desktop_app.gui.panels.data.common import (
    ClassColumn,
    DataPage,
    SkippedSection,
    note_lines,
    warning_lines,
)
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.drop_zone import drop_row
from desktop_app.gui.widgets.text_table import TextRow, TextTableModel, TextTableView

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


class TextDataPanel(DataPage):
    """Import texts from a file with an editable preview; browse them per class."""

    preview_changed = Signal()  # the preview was (re-)read with new settings

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        self.source: str | None = None  # the file or folder being set up for import
        self.format: TextFormat | None = None  # None for a folder of class sub-folders
        self.last_report = ""
        self._filling = False
        super().__init__(session, parent)
        self.setObjectName("textDataPanel")

    # ------------------------------------------------------------------ building
    def build(self) -> None:
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
        self.skipped = SkippedSection(
            self.tr("Rows left out of the import (file:line — reason)."),
            self.tr("No rows were skipped: every row was usable."),
            120,
            " — ",
        )
        root.addWidget(self.skipped)

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
        self.classes = ClassColumn(icons=False)
        splitter.addWidget(self.classes)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.table_title = QLabel()
        self.table_title.setObjectName("sectionTitle")
        title_row = QHBoxLayout()
        title_row.addWidget(self.table_title)
        title_row.addStretch(1)
        self.health_button = self.make_health_button(
            self.tr(
                "Find labels that are probably wrong, the same text twice, texts unlike every "
                "class and classes with too few texts (Ctrl+H)"
            )
        )
        title_row.addWidget(self.health_button)
        right_layout.addLayout(title_row)
        self.texts_model = TextTableModel([self.tr("Text"), self.tr("Label"), self.tr("Split")])
        self.texts_view = TextTableView(self.texts_model)
        right_layout.addWidget(self.texts_view, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 900])
        layout.addWidget(splitter, 1)
        return page

    # ------------------------------------------------------------------ what the page says
    def class_words(self) -> tuple[str, Callable[[int], str], str]:
        return (
            self.tr("Too few texts: add at least 5, better 20+."),
            lambda n: self.tr("%n texts · train {0} / val {1} / test {2}", "", n),
            self.tr("Too few texts in {0}: add at least 5 per class, better 20+."),
        )

    def skipped_title(self, count: int) -> str:
        # Not "skipped": a row whose text came again with another label is listed here too,
        # while its text is kept (under its first label); what is true of both is "not used".
        return self.tr("Rows not used ({0})").format(count)

    def current_page(self, project: Any) -> QWidget | None:
        if project is None:
            return None
        if self.source is not None:
            return self.setup_page
        return self.data_page if project.items else self.empty_page

    def clear_items(self) -> None:
        self.texts_model.set_rows([])

    def forget_import(self) -> None:
        self.source = None
        self.format = None
        self.show_message("")

    def update_buttons(self) -> None:
        project = self.session.project
        enabled = project is not None and project.read_only is None and not self.busy
        for button in (self.file_button, self.folder_button, self.import_button):
            button.setEnabled(enabled)
        self.drop_zone.setEnabled(enabled)
        self.health_button.setEnabled(project is not None and bool(project.items) and not self.busy)

    def show_class(self) -> None:
        """Fill the table with the selected class's texts."""
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
        self.table_title.setText(self.tr("{0} · %n texts", "", len(rows)).format(title))

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
        if self.busy:
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
            shown = ", ".join(
                self.tr("“{0}” (%n rows)", "", count).format(name)
                for name, count in labels.most_common(8)
            )
            if shown:
                text = self.tr("The first %n rows have these labels: {0}", "", len(rows))
                text = text.format(shown)
            else:
                text = self.tr("The first %n rows have no label.", "", len(rows))
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
        self.import_button.setEnabled(not problem and not self.busy)
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
    def import_folder(self, folder: str) -> None:
        if self.open_source(folder):
            self.import_source()

    def import_source(self) -> None:
        """Import the chosen source with the settings shown (in the background)."""
        if self.source is None or self.busy or self.session.project is None:
            return
        path, fmt = self.source, self.format

        def make(cancel: CancelToken) -> Iterator[object]:
            return import_text_events(path, fmt, cancel)

        self.start_import(make, self.tr("Reading the texts…"))

    def apply_import(self, project: Any, dataset: Dataset) -> int:
        report = project.merge_texts(dataset)
        parts = [
            self.tr("{0} in %n classes.", "", len(dataset.classes)).format(
                self.tr("Imported %n texts", "", report.added)
            )
        ]
        if report.merged:
            parts.append(
                self.tr(
                    "%n texts already in the project with the same label were merged.",
                    "",
                    report.merged,
                )
            )
        if report.conflicts:
            parts.append(
                self.tr(
                    "%n texts already in the project came again with a different label: the "
                    "project's label is kept; those rows are listed under Rows not used.",
                    "",
                    report.conflicts,
                )
            )
        # A row whose text came again in the file with another label is counted in its own
        # note (the text is kept, under its first label): it is no unusable row.
        repeats = sum(s.key == "text.conflict" for s in dataset.skipped)
        unusable = report.skipped - repeats
        if unusable:
            parts.append(self.tr("%n rows could not be used (see below).", "", unusable))
        # how the data was read (format, kept splits…); the counts are said just above
        notes = [n for n in dataset.notes if n.key != "text.skipped_count"]
        # labels that look like one already there ("café" twice, "dog" + a zero-width space)
        names = warning_lines(lookalike_warnings(project.classes, among=dataset.classes))
        self.last_report = "\n".join([" ".join(parts), *names, *note_lines(notes)])
        self.source = None
        self.format = None
        self.session.data_edited()
        self.show_message(self.last_report, "warning" if names else "hint")
        if report.conflicts or report.skipped:
            self.skipped_toggle.setChecked(True)
        return report.added

    def show_import_error(self, message: str) -> None:
        self.show_message(message, "error")

    def show_message(self, text: str, kind: str = "hint") -> None:
        self.message_label.setObjectName(kind)
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    @property
    def message_text(self) -> str:
        return self.message_label.text()
