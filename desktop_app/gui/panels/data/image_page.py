"""The image page of the "1 · Data" tab: bring images into the project, see them per class,
fix labels.

Folders and files are scanned by the page's import job (`DataPage`, the job-owner helper); the
project is changed only on the GUI thread, then `session.data_edited()` saves it and refreshes
every panel. The grid only builds cheap `ThumbItem` rows; pictures are decoded off-thread by the
thumbnail loader, so 20,000 images scroll smoothly. Files on disk are never changed or deleted
here. The class is still called `DataPanel`: its name is the strings' translation context.

Why over 600 lines: besides the two views (empty page, class column + grid) the page holds the
class edits (add, rename, delete, move, remove) with their dialogs, ~250 lines of one piece
whose ~40 strings live in this class's translation context; moving them out would only trade
`self.tr` for spelled-out contexts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.data.dataset import Dataset, lookalike_warnings
from desktop_app.core.errors import Phrase
from desktop_app.core.project import ProjectError
from desktop_app.core.training.events import CancelToken, Progress
from desktop_app.gui.messages import error_text
from desktop_app.gui.panels.data.camera import CameraDialog
from desktop_app.gui.panels.data.common import (
    ClassColumn,
    DataPage,
    LabelRole,
    SkippedSection,
)
from desktop_app.gui.panels.data.image_import import (
    ImportResult,
    import_events,
    is_file_like,
)
from desktop_app.gui.panels.data.notices import ImportNotices
from desktop_app.gui.panels.data.suggest import SuggestDialog
from desktop_app.gui.session import ProjectSession
from desktop_app.gui.widgets.drop_zone import IMAGE_FILTER, DropZone, drop_row
from desktop_app.gui.widgets.thumbnails import ThumbItem, ThumbnailModel, ThumbnailView


class DataPanel(DataPage):
    """Import, browse and relabel the project's images."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        self._skipped_before = 0
        self._pending_label: str | None = None
        super().__init__(session, parent)
        self.setObjectName("dataPanel")

    # ------------------------------------------------------------------ building
    def build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(14, 12, 14, 10)
        root.setSpacing(8)
        root.addWidget(self.busy_row)  # scanning, shown on both pages

        # error row
        self.error_row = QWidget()
        error = QHBoxLayout(self.error_row)
        error.setContentsMargins(0, 0, 0, 0)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.clear_error)
        error.addWidget(self.error_label, 1)
        error.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.error_row.hide()
        root.addWidget(self.error_row)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_page())
        self.stack.addWidget(self._build_main_page())
        root.addWidget(self.stack, 1)
        self._build_actions()

    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        self.empty_page = page
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        self.empty_drop = DropZone(
            self.tr("Drop a folder of images here"),
            self.tr(
                "Put the images of each class in their own sub-folder (for example "
                "flowers/rose, flowers/tulip) and drop the parent folder; train/val/test "
                "folders are kept."
            ),
        )
        self.empty_drop.setMinimumSize(560, 260)
        self.empty_drop.setMaximumWidth(760)
        self.empty_drop.label.setStyleSheet("font-size: 20px;")
        self.empty_drop.paths_dropped.connect(self._on_paths_dropped)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_drop, 4)
        row.addStretch(1)
        outer.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.empty_folder_button = QPushButton(self.tr("Add folder…"))
        self.empty_folder_button.setObjectName("primary")
        self.empty_folder_button.clicked.connect(self.add_folder_dialog)
        self.empty_files_button = QPushButton(self.tr("Add images…"))
        self.empty_files_button.clicked.connect(self.add_images_dialog)
        buttons.addWidget(self.empty_folder_button)
        buttons.addWidget(self.empty_files_button)
        buttons.addStretch(1)
        outer.addSpacing(10)
        outer.addLayout(buttons)
        outer.addStretch(2)
        return page

    def _build_main_page(self) -> QWidget:
        page = QWidget()
        self.main_page = page
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        # top: a compact drop zone and the two ways to add
        top, self.drop_zone, self.add_folder_button, self.add_images_button = drop_row(
            self.tr("Drop a folder of images here — one sub-folder per class"),
            self.tr(
                "train/val/test folders are kept · or drop image files, then choose their class"
            ),
            self.tr("Add folder…"),
            self.tr("Add images…"),
        )
        self.drop_zone.paths_dropped.connect(self._on_paths_dropped)
        self.add_folder_button.clicked.connect(self.add_folder_dialog)
        self.add_images_button.clicked.connect(self.add_images_dialog)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_class_column())
        splitter.addWidget(self._build_grid_column())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 900])
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        # what the last import found worth knowing (not saved: it describes that import)
        self.notices = ImportNotices()
        self.duplicates_label = self.notices.duplicates_label
        self.notes_label = self.notices.notes_label
        layout.addWidget(self.notices)
        layout.addWidget(self._build_skipped_section())
        return page

    def _build_class_column(self) -> QWidget:
        self.classes = ClassColumn(icons=True)
        self.classes.class_list.itemDoubleClicked.connect(self._on_class_double_clicked)
        buttons = QGridLayout()
        buttons.setSpacing(6)
        self.add_class_button = QPushButton(self.tr("Add class"))
        self.add_class_button.clicked.connect(self.add_class_dialog)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setToolTip(self.tr("Rename the selected class (F2)"))
        self.rename_button.clicked.connect(self.rename_class_dialog)
        self.delete_class_button = QPushButton(self.tr("Delete class"))
        self.delete_class_button.setObjectName("danger")
        self.delete_class_button.clicked.connect(self.delete_class_dialog)
        for button in (self.add_class_button, self.rename_button, self.delete_class_button):
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        buttons.addWidget(self.add_class_button, 0, 0)
        buttons.addWidget(self.rename_button, 0, 1)
        buttons.addWidget(self.delete_class_button, 1, 0, 1, 2)
        self.classes.layout().addLayout(buttons)
        return self.classes

    def _build_grid_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(6, 0, 0, 0)
        header = QHBoxLayout()
        self.grid_title = QLabel()
        self.grid_title.setObjectName("sectionTitle")
        header.addWidget(self.grid_title)
        header.addStretch(1)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("hint")
        header.addWidget(self.selection_label)
        self.move_button = QPushButton(self.tr("Move to class…"))
        self.move_button.clicked.connect(self.move_selected_dialog)
        self.remove_button = QPushButton(self.tr("Remove from project"))
        self.remove_button.setObjectName("danger")
        self.remove_button.setToolTip(
            self.tr("Remove the selected images from the project (Delete); files stay on disk")
        )
        self.remove_button.clicked.connect(self.remove_selected_dialog)
        self.health_button = self.make_health_button(
            self.tr(
                "Find labels that are probably wrong, the same picture twice, pictures unlike "
                "every class, classes with too few images and pictures too small (Ctrl+H)"
            )
        )
        self.suggest_button = QPushButton(self.tr("Label new images…"))
        self.suggest_button.setToolTip(
            self.tr(
                "Choose a folder of new, unlabelled images: the model suggests a label for "
                "each, the least sure first; keys 1–9 and Enter answer (needs a trained model)"
            )
        )
        self.suggest_button.clicked.connect(self.label_new_images_dialog)
        self.suggest_dialog: SuggestDialog | None = None
        self.link(self.session.result_changed, self.update_buttons)  # a model to suggest with
        self.camera_button = QPushButton(self.tr("Camera…"))
        self.camera_button.setToolTip(
            self.tr("Collect examples with the computer's camera: hold a button to record frames")
        )
        self.camera_button.clicked.connect(self.open_camera)
        self.camera_dialog: CameraDialog | None = None
        header.addWidget(self.camera_button)
        header.addWidget(self.suggest_button)
        header.addWidget(self.health_button)
        header.addWidget(self.move_button)
        header.addWidget(self.remove_button)
        layout.addLayout(header)
        self.model = ThumbnailModel(self)
        self.view = ThumbnailView(self)
        self.view.setModel(self.model)
        self.view.selectionModel().selectionChanged.connect(self._on_grid_selection)
        layout.addWidget(self.view, 1)
        self.grid_empty = QLabel()
        self.grid_empty.setObjectName("hint")
        self.grid_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid_empty.setWordWrap(True)
        self.grid_empty.hide()
        layout.addWidget(self.grid_empty, 1)
        return column

    @Slot()
    def open_camera(self) -> CameraDialog | None:
        """The camera window, recording into the project's classes."""
        if self.session.project is None:
            return None
        if self.camera_dialog is None:
            self.camera_dialog = CameraDialog(self.session, self)
            self.link(self.session.project_changed, self.camera_dialog.reject)
        self.camera_dialog.show()
        self.camera_dialog.raise_()
        self.camera_dialog.start()
        return self.camera_dialog

    @Slot()
    def label_new_images_dialog(self) -> SuggestDialog | None:
        """Ask for a folder of unlabelled images, then label them by suggestion."""
        if self.session.project is None or self.session.model_path() is None:
            return None
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder of new, unlabelled images")
        )
        return self.label_new_images(folder) if folder else None

    def label_new_images(self, folder: str) -> SuggestDialog | None:
        """Label the images of `folder` by the model's suggestion (least sure first)."""
        if self.session.project is None or self.session.model_path() is None:
            return None
        if self.suggest_dialog is None:
            self.suggest_dialog = SuggestDialog(self.session, self)
            self.link(self.session.project_changed, self.suggest_dialog.reject)
        self.suggest_dialog.show()
        self.suggest_dialog.raise_()
        self.suggest_dialog.start([folder])
        return self.suggest_dialog

    def _build_skipped_section(self) -> QWidget:
        self.skipped = SkippedSection(
            self.tr("Files that could not be used; they are not part of the project."),
            self.tr("No files were skipped: every image was usable."),
            110,
            "  —  ",
            self.tr("Clear list"),
        )
        self.skipped_hint = self.skipped.hint
        self.clear_skipped_button = self.skipped.clear_button
        self.clear_skipped_button.clicked.connect(self.clear_skipped)
        return self.skipped

    def _build_actions(self) -> None:
        self.remove_action = QAction(self.tr("Remove from project"), self.view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected_dialog)
        self.move_action = QAction(self.tr("Move to class…"), self.view)
        self.move_action.triggered.connect(self.move_selected_dialog)
        self.view.addAction(self.move_action)
        self.view.addAction(self.remove_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.rename_action = QAction(self.tr("Rename class"), self)
        self.rename_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.rename_action.triggered.connect(self.rename_class_dialog)
        self.addAction(self.rename_action)

    # ------------------------------------------------------------------ what the page says
    def class_words(self) -> tuple[str, Callable[[int], str], str]:
        return (
            self.tr("Too few images: add at least 5, better 20+."),
            lambda n: self.tr("%n images · train {0} / val {1} / test {2}", "", n),
            self.tr("Too few images in {0}: add at least 5 per class, better 20+."),
        )

    def skipped_title(self, count: int) -> str:
        return self.tr("Skipped files ({0})").format(count)

    def current_page(self, project: Any) -> QWidget:
        has_data = project is not None and bool(project.items or project.classes)
        return self.main_page if has_data else self.empty_page

    def clear_items(self) -> None:
        self.model.set_items([])

    def forget_import(self) -> None:
        self.clear_error()
        self.show_import_notices([])

    def show_class(self) -> None:
        """Fill the grid with the selected class's images."""
        project = self.session.project
        label = self._selected_label
        tip = self.tr("{0}\nClass: {1} · split: {2}")
        basename = os.path.basename
        items = [
            ThumbItem(path, basename(path), tip.format(path, item.label, item.split), item.label)
            for path, item in project.items.items()
            if label is None or item.label == label
        ]
        self.model.set_items(items)
        title = self.tr("All classes") if label is None else label
        self.grid_title.setText(self.tr("{0} · %n images", "", len(items)).format(title))
        if not items:
            self.grid_empty.setText(
                self.tr(
                    "No images in this class yet. Drop image files above, then choose “{0}”."
                ).format(label)
                if label is not None
                else self.tr("No images yet. Drop a folder above, or add images with the buttons.")
            )
        self.view.setVisible(bool(items))
        self.grid_empty.setVisible(not items)
        self._on_grid_selection()

    def update_buttons(self) -> None:
        project = self.session.project
        busy = self.busy
        # a read-only project (open elsewhere, read-only folder, full disk) is only viewed
        has_project = project is not None and project.read_only is None
        for button in (
            self.add_folder_button,
            self.add_images_button,
            self.empty_folder_button,
            self.empty_files_button,
        ):
            button.setEnabled(has_project and not busy)
        self.drop_zone.setEnabled(has_project and not busy)
        self.empty_drop.setEnabled(has_project and not busy)
        self.add_class_button.setEnabled(has_project)
        has_class = has_project and self._selected_label is not None
        self.rename_button.setEnabled(has_class)
        self.delete_class_button.setEnabled(has_class)
        self.rename_action.setEnabled(has_class)
        has_selection = has_project and self.view.selectionModel().hasSelection()
        self.move_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)
        self.move_action.setEnabled(has_selection)
        self.remove_action.setEnabled(has_selection)
        self.health_button.setEnabled(project is not None and bool(project.items) and not busy)
        self.camera_button.setEnabled(has_project and not busy)
        self.suggest_button.setEnabled(
            has_project and not busy and self.session.model_path() is not None
        )

    # ------------------------------------------------------------------ selection
    def selected_paths(self) -> list[str]:
        """Paths of the images selected in the grid."""
        return self.view.selected_paths()

    @Slot(QListWidgetItem)
    def _on_class_double_clicked(self, item: QListWidgetItem) -> None:
        if item.data(LabelRole) is not None:
            self.rename_class_dialog()

    def _on_grid_selection(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        count = len(self.view.selectionModel().selectedIndexes())
        self.selection_label.setText(self.tr("{0} selected").format(count) if count else "")
        self.update_buttons()

    # ------------------------------------------------------------------ import
    @Slot(list)
    def _on_paths_dropped(self, paths: list) -> None:
        self.import_paths([str(p) for p in paths])

    @Slot()
    def add_folder_dialog(self) -> None:
        """Ask for a folder with one sub-folder per class, then import it."""
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a folder with one sub-folder of images per class")
        )
        if folder:
            self.import_paths([folder])

    @Slot()
    def add_images_dialog(self) -> None:
        """Ask for image files, then for their class, then import them."""
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose images of one class"),
            "",
            self.tr("Images ({0})").format(IMAGE_FILTER),
        )
        if files:
            self.import_paths(files)

    def ask_label(self, count: int) -> str | None:
        """The class for `count` dropped files: an editable list of classes, the selected class
        first in view (None: cancelled)."""
        project = self.session.project
        classes = list(project.classes) if project is not None else []
        current = classes.index(self._selected_label) if self._selected_label in classes else 0
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Choose the class"),
            self.tr("Which class do these {0} images show? Pick one or type a new name:").format(
                count
            ),
            classes,
            current,
            True,
        )
        label = label.strip()
        return label if ok and label else None

    def import_folder(self, folder: str) -> None:
        self.import_paths([folder])

    def import_paths(self, paths: list[str], label: str | None = None) -> None:
        """Import folders (one sub-folder per class) and image files (all of class `label`)
        in the background; the project is updated and saved when the scan has finished."""
        if self.session.project is None or not paths:
            return
        if self.busy:
            self.session.status_message.emit(
                self.tr("An import is already running; wait for it or cancel it.")
            )
            return
        folders = [p for p in paths if not is_file_like(p)]
        files = [p for p in paths if is_file_like(p)]
        if files and not label:
            label = self.ask_label(len(files))
            if not label:
                self.import_finished.emit(0)  # cancelled: nothing added
                return
        self.clear_error()
        self.show_import_notices([])
        self._skipped_before = len(self.session.project.skipped)
        self._pending_label = label if files else None

        def make_generator(cancel: CancelToken) -> Iterator[object]:
            return import_events(folders, files, label, cancel)

        self.start_import(make_generator, self.tr("Looking for images…"))

    def show_import_progress(self, event: Progress) -> None:
        if event.message:
            self.busy_label.setText(
                self.tr("Scanning {0}…").format(os.path.basename(event.message) or event.message)
            )

    def apply_import(self, project: Any, result: ImportResult) -> int:
        added = duplicates = skipped = 0
        classes: set[str] = set()
        for dataset in result.datasets:
            new, again = project.merge(dataset)
            added += new
            duplicates += again
            skipped += len(dataset.skipped)
            classes.update(dataset.classes[i] for i in set(dataset.labels))
        if self._pending_label and self._pending_label in project.classes:
            self._selected_label = self._pending_label
        message = self.tr("{0} in %n classes ({1} skipped)", "", len(classes)).format(
            self.tr("Added %n images", "", added), skipped
        )
        if duplicates:
            message += self.tr("; %n were already in the project", "", duplicates)
        self.session.data_edited()
        self.session.status_message.emit(message)
        self.show_import_notices(
            result.datasets, lookalike_warnings(project.classes, among=classes)
        )
        if result.errors:
            self.show_error("\n".join(error_text(error) for error in result.errors))
        if len(project.skipped) > self._skipped_before and not self.skipped_toggle.isChecked():
            self.skipped_toggle.setChecked(True)
        return added

    def show_import_error(self, message: str) -> None:
        self.show_error(self.tr("Import failed: {0}").format(message))
        QMessageBox.warning(self, self.tr("Nothing was imported"), message)

    # ------------------------------------------------------------------ notices
    def show_import_notices(
        self, datasets: Sequence[Dataset], name_warnings: Sequence[Phrase] = ()
    ) -> None:
        """Warn about images in two classes and look-alike class names, and show the importer's
        notes (see ImportNotices)."""
        self.notices.show_datasets(datasets, name_warnings)

    def notice_text(self) -> str:
        """The visible warnings and notes of the last import ("" when none)."""
        return self.notices.text(self)

    # ------------------------------------------------------------------ errors
    def show_error(self, text: str) -> None:
        """Show a problem in the panel until dismissed or the next import."""
        self.error_label.setText(text)
        self.error_row.show()

    @Slot()
    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_row.hide()

    def error_text(self) -> str:
        """The visible error message ("" when none)."""
        return self.error_label.text() if self.error_row.isVisibleTo(self) else ""

    def _confirm(self, title: str, text: str) -> bool:
        """Ask yes/no (Cancel is the default button)."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _edit(self, action) -> bool:
        """Run a project edit; a ProjectError is shown instead of raised. True when it worked."""
        try:
            self.session.project.check_writable()
            action()
        except ProjectError as error:
            message = error_text(error)
            self.show_error(message)
            QMessageBox.warning(self, self.tr("Cannot do that"), message)
            return False
        self.clear_error()
        self.session.data_edited()
        return True

    # ------------------------------------------------------------------ classes
    def add_class(self, name: str) -> bool:
        """Add an empty class and select it."""
        project = self.session.project
        if project is None:
            return False
        result: list[str] = []
        if not self._edit(lambda: result.append(project.add_class(name))):
            return False
        self.select_class(result[0])
        return True

    def rename_class(self, old: str, new: str) -> bool:
        """Rename a class (its images keep their files)."""
        project = self.session.project
        if project is None:
            return False
        new = new.strip()
        if self._selected_label == old:
            self._selected_label = new or old
        ok = self._edit(lambda: project.rename_class(old, new))
        if not ok and self._selected_label == new:
            self._selected_label = old
            self.refresh()
        return ok

    def delete_class(self, name: str) -> bool:
        """Remove a class and its images from the project; files on disk stay."""
        project = self.session.project
        if project is None:
            return False
        removed: list[int] = []
        if not self._edit(lambda: removed.append(project.delete_class(name))):
            return False
        self.session.status_message.emit(
            self.tr(
                "Deleted class {0} (%n images removed from the project)", "", removed[0]
            ).format(name)
        )
        return True

    def move_paths(self, paths: list[str], label: str) -> int:
        """Give images another class (a new name creates the class). Returns how many moved."""
        project = self.session.project
        if project is None or not paths:
            return 0
        label = label.strip()
        moved: list[int] = []

        def edit() -> None:
            if label and label not in project.classes:
                project.add_class(label)
            moved.append(project.move_items(paths, label))

        if not self._edit(edit):
            return 0
        self.session.status_message.emit(
            self.tr("Moved %n images to {0}", "", moved[0]).format(label)
        )
        return moved[0]

    def remove_paths(self, paths: list[str]) -> int:
        """Take images out of the project (the files stay on disk). Returns how many."""
        project = self.session.project
        if project is None or not paths:
            return 0
        removed: list[int] = []
        if not self._edit(lambda: removed.append(project.remove_items(paths))):
            return 0
        self.session.status_message.emit(
            self.tr(
                "Removed %n images from the project (files on disk are unchanged)", "", removed[0]
            )
        )
        return removed[0]

    @Slot()
    def clear_skipped(self) -> None:
        """Forget the list of skipped files."""
        project = self.session.project
        if project is not None and project.skipped:
            project.skipped.clear()
            self.session.data_edited()

    # ------------------------------------------------------------------ dialogs
    @Slot()
    def add_class_dialog(self) -> None:
        if self.session.project is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Add class"), self.tr("Name of the class:"))
        if ok and name.strip():
            self.add_class(name)

    @Slot()
    def rename_class_dialog(self) -> None:
        old = self._selected_label
        if self.session.project is None or old is None:
            return
        new, ok = QInputDialog.getText(
            self, self.tr("Rename class"), self.tr("New name for {0}:").format(old), text=old
        )
        if ok and new.strip() and new.strip() != old:
            self.rename_class(old, new)

    @Slot()
    def delete_class_dialog(self) -> None:
        name = self._selected_label
        project = self.session.project
        if project is None or name is None:
            return
        count = project.counts().get(name, 0)
        if self._confirm(
            self.tr("Delete class"),
            self.tr(
                "Delete the class {0} and remove its {1} images from the project?\n\n"
                "The image files on disk are not deleted."
            ).format(name, count),
        ):
            self.delete_class(name)

    @Slot()
    def move_selected_dialog(self) -> None:
        paths = self.selected_paths()
        project = self.session.project
        if project is None or not paths:
            return
        classes = [c for c in project.classes if c != self._selected_label] or list(project.classes)
        label, ok = QInputDialog.getItem(
            self,
            self.tr("Move to class"),
            self.tr("Move {0} images to the class (pick one or type a new name):").format(
                len(paths)
            ),
            classes,
            0,
            True,
        )
        if ok and label.strip():
            self.move_paths(paths, label)

    @Slot()
    def remove_selected_dialog(self) -> None:
        paths = self.selected_paths()
        if self.session.project is None or not paths:
            return
        if self._confirm(
            self.tr("Remove from project"),
            self.tr(
                "Remove {0} images from the project?\n\nThe image files on disk are not deleted."
            ).format(len(paths)),
        ):
            self.remove_paths(paths)
