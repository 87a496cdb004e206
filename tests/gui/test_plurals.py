"""Counts read right in English too: "1 class", "1 image" (Qt's %n plural forms, with an
English plural-only translation), in the status bar and the import messages (issue 15 rough
edge 19)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.synthetic import write_class_folders

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
EN_TS = ROOT / "resources" / "translations" / "classifier_studio_en.ts"


@pytest.fixture
def window(qtbot, qapp):
    from desktop_app.gui.application import install_translations
    from desktop_app.gui.main_window import MainWindow

    install_translations(qapp, "en")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    yield window
    window.session.cancel_all_and_wait()


def test_status_bar_and_import_message_say_1_class(qtbot, window, tmp_path):
    window.session.new_project("One", "image", folder=str(tmp_path / "p"))
    window.session.project.add_class("only")
    window.session.data_edited()
    assert window.project_label.text().startswith("0 images · 1 class · saved in ")
    data = write_class_folders(tmp_path / "data", per_class=1)
    shutil.rmtree(data / "green")
    shutil.rmtree(data / "blue")
    with qtbot.waitSignal(window.session.status_message, timeout=30_000) as said:
        window.data_panel.import_paths([str(data)])
    assert said.args[0] == "Added 1 image in 1 class (0 skipped)", said.args
    assert window.project_label.text().startswith("1 image · 2 classes · saved in ")
    panel = window.data_panel
    assert panel.totals_label.text().startswith("1 image · train ")
    assert panel.grid_title.text() == "All classes · 1 image"


@pytest.mark.skipif(not (TOOLS / "pyside6-lupdate").exists(), reason="Qt Linguist tools missing")
def test_every_count_has_its_english_forms_and_the_qm_is_fresh(tmp_path):
    """Each %n message of the sources is in the English plural file (lupdate -pluralonly finds
    nothing new), finished with two forms; the shipped .qm is built from it."""
    import xml.etree.ElementTree as ET

    copy = tmp_path / EN_TS.name
    shutil.copy(EN_TS, copy)
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "gui").rglob("*.py"))
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(copy), "-pluralonly"],
        check=True,
        capture_output=True,
    )
    numerus = [m for m in ET.parse(copy).getroot().iter("message") if m.get("numerus") == "yes"]
    assert len(numerus) >= 10
    for message in numerus:
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")]
        source = message.findtext("source")
        assert translation.get("type") is None, f"no English forms for {source!r}"
        assert len(forms) == 2 and forms[0] and "%n" in forms[1], source
    fresh = tmp_path / "en.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(EN_TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == EN_TS.with_suffix(".qm").read_bytes()
