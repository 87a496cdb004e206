"""The 简体中文 translation stays complete: every tr() string in the GUI sources has a finished
translation with the same placeholders, and the shipped .qm matches the .ts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "classifier_studio_zh_CN.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent


def _messages(path: Path):
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message


def test_every_message_is_translated_with_the_same_placeholders():
    count = 0
    for context, message in _messages(TS):
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (
            context,
            source,
        )
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            assert text.strip(), (context, source)
            assert sorted(re.findall(r"\{\d+\}", text)) == sorted(re.findall(r"\{\d+\}", source)), (
                context,
                source,
                text,
            )
        count += 1
    assert count > 100


@pytest.mark.skipif(not (TOOLS / "pyside6-lupdate").exists(), reason="Qt Linguist tools missing")
def test_sources_have_no_string_missing_from_the_translation(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "gui").rglob("*.py"))
    subprocess.run(
        [str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(copy), "-no-obsolete"],
        check=True,
        capture_output=True,
    )
    missing = [
        message.findtext("source")
        for _, message in _messages(copy)
        if message.find("translation").get("type") == "unfinished"
    ]
    assert not missing, f"new strings without a translation (run `make translations`): {missing}"


@pytest.mark.skipif(not (TOOLS / "pyside6-lrelease").exists(), reason="Qt Linguist tools missing")
def test_shipped_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run `make translations` and commit the .qm"


def test_every_catalog_string_has_a_translation_in_the_catalog_context():
    """The window shows the catalog's words through translate("Catalog", …): each has a
    finished 简体中文 translation (lupdate cannot see them in the sources: they are data)."""
    from desktop_app.core.catalog import catalog_strings

    translated = {
        message.findtext("source")
        for context, message in _messages(TS)
        if context == "Catalog" and message.find("translation").get("type") is None
    }
    assert set(catalog_strings()) <= translated


def test_model_names_follow_the_language(qapp):
    from PySide6.QtCore import QCoreApplication

    from desktop_app.core.catalog import get_backbone
    from desktop_app.gui.application import install_translations
    from desktop_app.gui.model_words import card_title, model_title, suits_text

    try:
        install_translations(qapp, "zh_CN")
        assert model_title("efficientnet-lite0") == "快速"
        assert card_title(get_backbone("minilm-l6")) == "英文句子（推荐）"
        assert suits_text(get_backbone("scratch-text")).startswith("适合：任意语言")
    finally:
        install_translations(qapp, "en")
    assert QCoreApplication.translate("Catalog", "Fast") == "Fast"
