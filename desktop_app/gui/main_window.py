"""The main window: a welcome view, then Data → Train → Evaluate → Predict & Export as tabs."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl, SignalInstance, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.core.data.dataset import DatasetError
from desktop_app.core.data.detect import data_task
from desktop_app.core.project import (
    PROJECT_FILE,
    ProjectError,
    ProjectLockedError,
    default_projects_dir,
)
from desktop_app.gui.application import (
    create_application,
    install_translations,
    language_setting,
    log_file,
)
from desktop_app.gui.messages import error_text, phrase_text
from desktop_app.gui.session import ProjectSession

if TYPE_CHECKING:
    from desktop_app.gui.panels.data import DataPanel, TextDataPanel

log = logging.getLogger(__name__)
MAX_RECENT = 8


@dataclass(frozen=True)
class KindWords:
    """What the window says about one kind of data (see `MainWindow.kind_words`)."""

    new_title: str  # the New project dialog's title
    new_question: str  # …and its question
    items: Callable[[int], str]  # "%n images": the status bar's count, in its plural form


def recent_projects() -> list[str]:
    value = QSettings().value("recentProjects", [])
    if isinstance(value, str):
        value = [value]
    return [v for v in (value or []) if (Path(v) / "project.json").exists()]


def remember_project(folder: str) -> None:
    items = [folder] + [p for p in recent_projects() if p != folder]
    QSettings().setValue("recentProjects", items[:MAX_RECENT])


class WelcomeView(QWidget):
    """First start: the three steps in one sentence each, and the two ways in."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("welcome")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        title = QLabel(self.tr("Classifier Studio"))
        title.setObjectName("welcomeTitle")
        subtitle = QLabel(
            self.tr(
                "Teach your computer to recognise your own pictures or texts — offline, in seconds."
            )
        )
        subtitle.setObjectName("welcomeSubtitle")
        column.addWidget(title)
        column.addWidget(subtitle)
        steps = [
            (
                self.tr("1  Data"),
                self.tr(
                    "Drop a folder with one sub-folder of images per class, or a CSV file of "
                    "texts and labels."
                ),
            ),
            (
                self.tr("2  Train"),
                self.tr("Press Start; the app learns your classes while you watch."),
            ),
            (
                self.tr("3  Use"),
                self.tr("Check the results, drop new images to classify, export one .onnx file."),
            ),
        ]
        for head, text in steps:
            row = QHBoxLayout()
            label = QLabel(head)
            label.setObjectName("welcomeStep")
            label.setMinimumWidth(90)
            body = QLabel(text)
            body.setWordWrap(True)
            row.addWidget(label)
            row.addWidget(body, 1)
            column.addLayout(row)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New image project"))
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(window.new_project)
        self.new_text_button = QPushButton(self.tr("New text project"))
        self.new_text_button.clicked.connect(window.new_text_project)
        self.open_button = QPushButton(self.tr("Open project…"))
        self.open_button.clicked.connect(window.open_project_dialog)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.new_text_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column.addSpacing(8)
        column.addLayout(buttons)
        self.recent_label = QLabel(self.tr("Recent projects"))
        self.recent_label.setObjectName("sectionTitle")
        self.recent = QListWidget()
        self.recent.setMaximumHeight(160)
        self.recent.itemActivated.connect(
            lambda item: window.open_project(item.data(Qt.ItemDataRole.UserRole))
        )
        self.recent.itemClicked.connect(
            lambda item: window.open_project(item.data(Qt.ItemDataRole.UserRole))
        )
        column.addSpacing(8)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent)
        note = QLabel(
            self.tr("Everything stays on this computer; no internet connection is needed.")
        )
        note.setObjectName("hint")
        column.addWidget(note)
        center = QHBoxLayout()
        center.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(680)
        center.addWidget(holder, 3)
        center.addStretch(1)
        outer.addLayout(center)
        outer.addStretch(2)

    def refresh(self) -> None:
        self.recent.clear()
        projects = recent_projects()
        for folder in projects:
            item = QListWidgetItem(f"{Path(folder).name}    —    {folder}")
            item.setData(Qt.ItemDataRole.UserRole, folder)
            self.recent.addItem(item)
        self.recent.setVisible(bool(projects))
        self.recent_label.setVisible(bool(projects))


class MainWindow(QMainWindow):
    TAB_DATA, TAB_TRAIN, TAB_EVALUATE, TAB_PREDICT = range(4)

    def __init__(self, session: ProjectSession | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session or ProjectSession(self)
        self.setWindowTitle(self.tr("Classifier Studio"))
        self.setMinimumSize(960, 640)

        from desktop_app.gui.panels.data import PAGES
        from desktop_app.gui.panels.evaluate import EvaluatePanel
        from desktop_app.gui.panels.predict import PredictPanel
        from desktop_app.gui.panels.train import TrainPanel

        self.stack = QStackedWidget()
        self.welcome = WelcomeView(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        # tab 1 holds one Data page per kind of data; the open project's kind picks the page
        self.data_pages = {kind: page(self.session) for kind, page in PAGES.items()}
        self.data_stack = QStackedWidget()
        for page in self.data_pages.values():
            self.data_stack.addWidget(page)
        self.train_panel = TrainPanel(self.session)
        self.evaluate_panel = EvaluatePanel(self.session)
        self.predict_panel = PredictPanel(self.session)
        self.tabs.addTab(self.data_stack, self.tr("1 · Data"))
        self.tabs.addTab(self.train_panel, self.tr("2 · Train"))
        self.tabs.addTab(self.evaluate_panel, self.tr("3 · Evaluate"))
        self.tabs.addTab(self.predict_panel, self.tr("4 · Predict && Export"))
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.tabs)
        # over the tabs, while the project cannot be changed: why, and what still works
        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "#readOnlyBanner { background: #fff4ce; color: #3b2f00; padding: 6px 10px; }"
        )
        self.read_only_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.project_label = QLabel()
        self.statusBar().addPermanentWidget(self.project_label)
        # bound methods only (no lambdas): a replaced window disconnects them all
        for signal, slot in self._session_slots():
            signal.connect(slot)
        self.train_panel_finished_hook()

        self._build_menus()
        self._restore_geometry()
        self._on_project_changed()

    def _session_slots(self) -> list[tuple[SignalInstance, Callable[..., None]]]:
        """The window's own connections to the session (its panels keep theirs)."""
        return [
            (self.session.status_message, self._show_status),
            (self.session.save_failed, self._on_save_failed),
            (self.session.project_changed, self._on_project_changed),
            (self.session.data_changed, self._update_title),
        ]

    @Slot(str)
    def _show_status(self, text: str) -> None:
        """A short line from a panel or the session, in the status bar."""
        self.statusBar().showMessage(text, 8000)

    @property
    def data_panel(self) -> DataPanel:
        """The image projects' Data page."""
        return self.data_pages["image"]  # type: ignore[return-value]

    @property
    def text_data_panel(self) -> TextDataPanel:
        """The text projects' Data page."""
        return self.data_pages["text"]  # type: ignore[return-value]

    def kind_words(self, kind: str) -> KindWords:
        """The window's words for one kind of data (an unknown kind: images)."""
        words = {
            "image": KindWords(
                self.tr("New image project"),
                self.tr("Name of the project (for example: Ripe or not):"),
                lambda n: self.tr("%n images", "", n),
            ),
            "text": KindWords(
                self.tr("New text project"),
                self.tr("Name of the project (for example: Spam or not):"),
                lambda n: self.tr("%n texts", "", n),
            ),
        }
        return words.get(kind, words["image"])

    def train_panel_finished_hook(self) -> None:
        """When a run finishes, show its results on the Evaluate tab."""
        signal = getattr(self.train_panel, "training_finished", None)
        if signal is not None:
            signal.connect(self._on_training_finished)

    @Slot(str)
    def _on_training_finished(self, run_id: str) -> None:
        if run_id:
            self.statusBar().showMessage(self.tr("Training finished. See the Evaluate tab."), 8000)

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_action = QAction(self.tr("&New Image Project…"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_project)
        self.new_text_action = QAction(self.tr("New &Text Project…"), self)
        self.new_text_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_text_action.triggered.connect(self.new_text_project)
        self.open_action = QAction(self.tr("&Open Project…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_project_dialog)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_action = QAction(self.tr("&Save Project"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self._save_now)
        self.close_action = QAction(self.tr("&Close Project"), self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close_project)
        self.reveal_action = QAction(self.tr("Show Project &Folder"), self)
        self.reveal_action.triggered.connect(self._reveal_project)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.new_text_action)
        file_menu.insertAction(self.recent_menu.menuAction(), self.open_action)
        file_menu.addSeparator()
        for action in (self.save_action, self.close_action, self.reveal_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for index, (text, key) in enumerate(
            [
                (self.tr("&Data"), "Ctrl+1"),
                (self.tr("&Train"), "Ctrl+2"),
                (self.tr("&Evaluate"), "Ctrl+3"),
                (self.tr("&Predict && Export"), "Ctrl+4"),
            ]
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _=False, i=index: self.show_tab(i))
            view_menu.addAction(action)
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(self.tr("&Language"))
        self.language_group = QActionGroup(self)
        current = language_setting()
        for code, text in (
            ("system", self.tr("System default")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            action = QAction(text, self, checkable=True)
            action.setChecked(code == current)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            language_menu.addAction(action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&Guide"), self)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        help_menu.addSeparator()
        logs = QAction(self.tr("Open &Log Folder"), self)
        logs.triggered.connect(self._open_logs)
        about = QAction(self.tr("&About Classifier Studio"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(logs)
        help_menu.addAction(about)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        projects = recent_projects()
        for folder in projects:
            action = self.recent_menu.addAction(Path(folder).name)
            action.setToolTip(folder)
            action.triggered.connect(lambda _=False, f=folder: self.open_project(f))
        if not projects:
            empty = self.recent_menu.addAction(self.tr("No recent projects"))
            empty.setEnabled(False)

    # ------------------------------------------------------------------ projects
    def show_tab(self, index: int) -> None:
        if self.session.project is not None:
            self.tabs.setCurrentIndex(index)

    @Slot()
    def new_project(self, task: str = "image") -> None:
        if task not in self.data_pages:
            task = "image"  # a button's `clicked(bool)` lands here too
        if not self._can_leave_project():
            return
        words = self.kind_words(task)
        name, ok = QInputDialog.getText(
            self, words.new_title, words.new_question, text=self.tr("My classifier")
        )
        if not ok:
            return
        name = name.strip() or self.tr("My classifier")
        try:
            self.session.new_project(name, task)
        except ProjectError as error:
            self._alert(self.tr("Cannot create the project"), error_text(error))
            return
        remember_project(str(self.session.project.folder))
        self.tabs.setCurrentIndex(self.TAB_DATA)

    @Slot()
    def new_text_project(self) -> None:
        """A project whose items are texts (CSV/TSV/TXT) instead of images."""
        self.new_project("text")

    @Slot()
    def open_project_dialog(self) -> None:
        if not self._can_leave_project():
            return
        start = str(default_projects_dir())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open project folder"), start)
        if folder:
            self.open_project(folder)

    def open_project(self, folder: str) -> bool:
        path = Path(folder)
        if path.is_dir() and not (path / PROJECT_FILE).exists() and _has_files(path):
            return self.new_project_from_data(path)
        try:
            self.session.open_project(folder)
        except ProjectLockedError as error:
            if not self._ask_read_only(error):
                return False
            try:
                self.session.open_project(folder, read_only=True)
            except ProjectError as again:
                self._alert(self.tr("Cannot open the project"), error_text(again))
                return False
        except ProjectError as error:
            self._alert(self.tr("Cannot open the project"), error_text(error))
            return False
        remember_project(str(self.session.project.folder))
        if self.session.project.problems:
            self._alert(
                self.tr("Parts of the project could not be read"),
                "\n\n".join(phrase_text(p) for p in self.session.project.problems),
            )
        has_run = self.session.result is not None
        self.tabs.setCurrentIndex(self.TAB_EVALUATE if has_run else self.TAB_DATA)
        return True

    def _ask_read_only(self, error: ProjectLockedError) -> bool:
        """The project is open in another window: offer to view it read-only (True: do)."""
        log.warning("project open elsewhere: %s", error)
        answer = QMessageBox.question(
            self,
            self.tr("Project already open"),
            error_text(error)
            + "\n\n"
            + self.tr(
                "Open it read-only? You can view it, evaluate and predict, but not train, "
                "edit or save it."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def new_project_from_data(self, folder: Path) -> bool:
        """A folder of data, not a project (e.g. `--project <data folder>`): offer a new project
        (in the projects folder, named after the data) that imports it; False if declined."""
        answer = QMessageBox.question(
            self,
            self.tr("Create a project?"),
            self.tr(
                "{0} is not a project (it has no project.json). Create a new project that "
                "imports the data in this folder?"
            ).format(folder),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            task = data_task(folder)
            self.session.new_project(folder.name, task)
        except (DatasetError, ProjectError) as error:
            self._alert(self.tr("Cannot create the project"), error_text(error))
            return False
        remember_project(str(self.session.project.folder))
        self.tabs.setCurrentIndex(self.TAB_DATA)
        self.data_pages[task].import_folder(str(folder))
        return True

    @Slot()
    def close_project(self) -> None:
        if self._can_leave_project():
            self.session.close_project()

    def _can_leave_project(self) -> bool:
        if not self.session.busy():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Work in progress"),
            self.tr("Something is still running (training or import). Stop it?"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.session.cancel_all_and_wait()
        return True

    def _alert(self, title: str, text: str) -> None:
        """A warning the user must see: a dialog (and a line in the log)."""
        log.warning("%s: %s", title, text)
        QMessageBox.warning(self, title, text)

    def _save_now(self) -> None:
        if self.session.save():
            self.statusBar().showMessage(
                self.tr("Project saved (changes are also saved automatically)."), 5000
            )

    def _on_save_failed(self, message: str) -> None:
        self._alert(self.tr("Could not save"), message)

    def _on_project_changed(self) -> None:
        project = self.session.project
        has_project = project is not None
        for action in (self.save_action, self.close_action, self.reveal_action):
            action.setEnabled(has_project)
        if has_project:
            self.data_stack.setCurrentWidget(self.data_pages.get(project.task, self.data_panel))
            self.stack.setCurrentWidget(self.tabs)
        else:
            self.welcome.refresh()
            self.stack.setCurrentWidget(self.welcome)
        self._update_title()

    def _show_access(self) -> None:
        """A read-only project: the banner says why and what still works; Save is off."""
        text = self.session.read_only_text()
        self.read_only_banner.setText(text)
        self.read_only_banner.setVisible(bool(text))
        self.save_action.setEnabled(self.session.project is not None and not text)

    def _update_title(self) -> None:
        self._show_access()
        project = self.session.project
        if project is None:
            self.setWindowTitle(self.tr("Classifier Studio"))
            self.project_label.setText("")
            return
        self.setWindowTitle(self.tr("{0} — Classifier Studio").format(project.name))
        self.project_label.setText(
            self.tr("{0} · {1} · saved in {2}").format(
                self.kind_words(project.task).items(len(project.items)),
                self.tr("%n classes", "", len(project.classes)),
                project.folder,
            )
        )

    def _reveal_project(self) -> None:
        if self.session.project is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.session.project.folder)))

    def show_guide(self) -> None:
        """Help → Guide (F1): one window, reused, beside the main window."""
        from desktop_app.gui.guide import GuideDialog

        if getattr(self, "_guide", None) is None:
            self._guide = GuideDialog(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    def _open_logs(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file().parent)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Classifier Studio"),
            self.tr(
                "<b>Classifier Studio {0}</b><p>Train image classifiers on your own data, offline, "
                "and export one self-describing ONNX file that runs anywhere.</p>"
            ).format(__version__),
        )

    # ------------------------------------------------------------------ language
    def set_language(self, code: str) -> None:
        """Switching rebuilds the window on the same session: everything stays as it was."""
        QSettings().setValue("language", code)
        if self.session.busy():
            QMessageBox.information(
                self,
                self.tr("Language"),
                self.tr(
                    "The new language applies when the current task has finished and the app restarts."
                ),
            )
            return
        install_translations(QApplication.instance(), code)
        tab = self.tabs.currentIndex()
        self.session.forget_all_jobs()  # nothing runs; the new panels register their own jobs
        replacement = MainWindow(self.session)
        replacement.setGeometry(self.geometry())
        replacement.tabs.setCurrentIndex(tab)
        typed = self.predict_panel.text_widget.editor.toPlainText()
        if typed:  # the text typed on Predict stays (its answer comes again, in the new words)
            replacement.predict_panel.text_widget.set_text(typed)
        self.session.setParent(replacement)
        self._replaced = True
        replacement.show()
        self.close()

    # ------------------------------------------------------------------ geometry and close
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None and not self.restoreGeometry(geometry):
            geometry = None
        if geometry is None:
            self.resize(1280, 820)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if getattr(self, "_replaced", False):
            self._disconnect_session()
            event.accept()
            self.deleteLater()
            return
        if not self._can_leave_project():
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        self.session.save()
        self.session.release()  # another window may now change the project
        event.accept()

    def _disconnect_session(self) -> None:
        """The window is being replaced: neither it nor its panels may hear the session again
        (the session outlives them; a call into a deleted window raises)."""
        for signal, slot in self._session_slots():
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        for panel in (
            *self.data_pages.values(),
            self.train_panel,
            self.evaluate_panel,
            self.predict_panel,
        ):
            detach = getattr(panel, "detach", None)
            if detach is not None:
                detach()


def main_window_preview() -> None:  # python -m desktop_app.gui.main_window
    app = create_application()
    window = MainWindow()
    window.show()
    app.exec()


if __name__ == "__main__":
    main_window_preview()


def _has_files(folder: Path) -> bool:
    """Whether `folder` holds anything but hidden entries (an empty folder is no data)."""
    try:
        return any(not entry.name.startswith(".") for entry in folder.iterdir())
    except OSError:
        return False
