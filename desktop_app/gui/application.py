"""The QApplication: logging to a file, Qt messages into logging, a readable crash dialog,
translations (system locale by default, switchable). Imports no window: the window imports it."""

from __future__ import annotations

import functools
import gc
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.core.paths import resources_dir, user_log_dir

log = logging.getLogger("desktop_app")

ORGANIZATION = "ClassifierStudio"
APPLICATION = "Classifier Studio"
LANGUAGES = ("system", "en", "zh_CN")
_translators: list[QTranslator] = []


def log_file() -> Path:
    return user_log_dir() / "classifier-studio.log"


def setup_logging() -> None:
    root = logging.getLogger()
    if any(getattr(h, "_classifier_studio", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler._classifier_studio = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    logging.getLogger("qt").log(level, message)


def _excepthook(kind, value, tb, *, dialog: bool = True) -> None:
    """An unexpected error becomes a readable dialog and a logged traceback, never a silent exit.

    dialog=False (the self-test, the benchmark's offscreen windows): logged and printed only,
    since nobody is there to close a dialog."""
    text = "".join(traceback.format_exception(kind, value, tb))
    log.error("unhandled exception:\n%s", text)
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    app = QApplication.instance()
    if app is None or not dialog:
        sys.__excepthook__(kind, value, tb)
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("app", "Something went wrong"),
        QCoreApplication.translate(
            "app", "{0}: {1}\n\nYour project is saved. The details are in the log file:\n{2}"
        ).format(kind.__name__, value, log_file()),
    )
    box.setDetailedText(text)
    box.exec()


def language_setting() -> str:
    value = QSettings().value("language", "system")
    return value if value in LANGUAGES else "system"


def effective_language(setting: str | None = None) -> str:
    setting = setting or language_setting()
    if setting == "system":
        return "zh_CN" if QLocale.system().name().startswith("zh") else "en"
    return setting


def install_translations(app: QApplication, language: str | None = None) -> str:
    """Load the app's and Qt's own translations for the language; returns the language used."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    language = effective_language(language)
    if language == "en":
        # English needs only its plural forms ("1 class", "2 classes"): a plural-only file
        plurals = QTranslator(app)
        if plurals.load(str(resources_dir() / "translations" / "classifier_studio_en.qm")):
            app.installTranslator(plurals)
            _translators.append(plurals)
        else:
            log.warning("no English plural forms file")
        return language
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "translations" / f"classifier_studio_{language}.qm")):
        app.installTranslator(ours)
        _translators.append(ours)
    else:
        log.warning("no translation file for %s", language)
    qt_base = QTranslator(app)
    if qt_base.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        _translators.append(qt_base)
    return language


class _GuiThreadGarbageCollector(QObject):
    """Python's cyclic garbage collector runs on whichever thread allocates when a threshold is
    crossed; when that is a worker thread and the garbage holds Qt wrappers, PySide can crash
    (seen here as a segfault in about 1 of 10 test runs of the data import). So automatic
    collection is off and this timer collects on the GUI thread instead (pyqtgraph's recipe)."""

    def __init__(self, parent: QObject, interval_ms: int = 500) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        if counts[0] > self.thresholds[0]:
            generation = 0
            if counts[1] > self.thresholds[1]:
                generation = 2 if counts[2] > self.thresholds[2] else 1
            gc.collect(generation)


def create_application(argv: list[str] | None = None, *, crash_dialog: bool = True) -> QApplication:
    """The one QApplication, set up (names, settings, logging, translations, style).

    crash_dialog=False: an unexpected error is logged and printed instead of shown in a dialog
    (for windows that nobody watches: the self-test and the benchmark's probes)."""
    home = os.environ.get("CLASSIFIER_STUDIO_HOME")
    if home:  # tests and portable use: settings live beside the other user folders
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(home) / "settings")
        )
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("classifier-studio")
    icon = resources_dir() / "icons" / "classifier-studio.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if app.findChild(_GuiThreadGarbageCollector) is None:
        _GuiThreadGarbageCollector(app)
    setup_logging()
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook if crash_dialog else functools.partial(_excepthook, dialog=False)
    install_translations(app)
    sheet = resources_dir() / "style" / "app.qss"
    if sheet.exists():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    return app
