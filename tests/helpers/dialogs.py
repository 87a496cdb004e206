"""Modal dialogs answered by the test, not by a person (labelme's and napari's way).

`FakeDialogs.install(monkeypatch)` replaces QMessageBox, QInputDialog and QFileDialog's static
calls, `QMessageBox.exec` (the crash dialog) and `QDesktopServices.openUrl` for one test. By
default: questions are answered Yes, warnings are acknowledged, a name or a class is the one the
dialog suggests, file and folder choosers are cancelled, nothing is opened. Change the answers
on the returned object; `asked` records every dialog as (kind, title, text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class FakeDialogs:
    confirm: bool = True  # QMessageBox.question: Yes, or No
    text: str | None = None  # QInputDialog.getText: None = the suggested text
    item: str | None = None  # QInputDialog.getItem: None = the item the dialog shows first
    accept_input: bool = True  # False: input dialogs are cancelled
    folder: str = ""  # QFileDialog.getExistingDirectory ("" = cancelled)
    files: list[str] = field(default_factory=list)  # getOpenFileName(s) ([] = cancelled)
    save_path: str = ""  # getSaveFileName ("" = cancelled)
    asked: list[tuple[str, str, str]] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)  # QDesktopServices.openUrl

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.asked]

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

        def note(kind: str, title: Any = "", text: Any = "") -> None:
            self.asked.append((kind, str(title), str(text)))

        def question(parent, title, text, *args, **kwargs):
            note("question", title, text)
            yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
            return yes if self.confirm else no

        def acknowledge(kind: str):
            def show(parent, title, text, *args, **kwargs):
                note(kind, title, text)
                return QMessageBox.StandardButton.Ok

            return show

        def about(parent, title, text):
            note("about", title, text)

        def exec_box(box) -> int:
            note("message box", box.windowTitle(), box.text())
            return 0

        def get_text(parent, title, label, *args, text: str = "", **kwargs):
            note("text", title, label)
            return (self.text if self.text is not None else text), self.accept_input

        def get_item(parent, title, label, items, current: int = 0, *args, **kwargs):
            note("item", title, label)
            shown = items[current] if 0 <= current < len(items) else ""
            return (self.item if self.item is not None else shown), self.accept_input

        def existing_directory(parent=None, caption="", *args, **kwargs):
            note("folder", caption)
            return self.folder

        def open_file(parent=None, caption="", *args, **kwargs):
            note("file", caption)
            return (self.files[0] if self.files else ""), ""

        def open_files(parent=None, caption="", *args, **kwargs):
            note("files", caption)
            return list(self.files), ""

        def save_file(parent=None, caption="", suggestion="", *args, **kwargs):
            note("save", caption, suggestion)
            return self.save_path, ""

        def open_url(url) -> bool:
            self.opened.append(url.toLocalFile() or url.toString())
            return True

        patches = {
            (QMessageBox, "question"): question,
            (QMessageBox, "warning"): acknowledge("warning"),
            (QMessageBox, "information"): acknowledge("information"),
            (QMessageBox, "critical"): acknowledge("critical"),
            (QMessageBox, "about"): about,
            (QInputDialog, "getText"): get_text,
            (QInputDialog, "getItem"): get_item,
            (QFileDialog, "getExistingDirectory"): existing_directory,
            (QFileDialog, "getOpenFileName"): open_file,
            (QFileDialog, "getOpenFileNames"): open_files,
            (QFileDialog, "getSaveFileName"): save_file,
            (QDesktopServices, "openUrl"): open_url,
        }
        for (owner, name), fake in patches.items():
            monkeypatch.setattr(owner, name, staticmethod(fake))
        monkeypatch.setattr(QMessageBox, "exec", exec_box)
        return self
