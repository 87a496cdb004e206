"""The engine's English reasons (skipped files and rows, refused data and models) reach a Chinese
user in Chinese, with the file names, sizes and formats they name intact; unknown text is shown
as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core.data.dataset import DatasetError, scan_image_folder
from desktop_app.core.data.images import ImageError, load_image
from desktop_app.core.data.text import scan_text
from desktop_app.core.inference import ModelError, Predictor
from desktop_app.gui.core_messages import translate_reason
from tests.helpers.bad_corpus import (
    FOLDER_KINDS,
    IMAGE_KINDS,
    MODEL_KINDS,
    REFUSED,
    SKIPPED,
    TEXT_KINDS,
    write_image_corpus,
)


@pytest.fixture
def chinese(qapp):
    """The zh_CN translation installed as the app does it; English again afterwards."""
    from desktop_app.gui.application import install_translations

    assert install_translations(qapp, "zh_CN") == "zh_CN"
    yield
    install_translations(qapp, "en")


def _image_reasons(root: Path) -> list[str]:
    """The reason for every skipped image kind: from the import, or from decoding (a truncated
    JPEG passes the import and is reported when its pixels are read)."""
    paths = write_image_corpus(root)
    skipped = {s.path: s.reason for s in scan_image_folder(root).skipped}
    reasons = []
    for kind in IMAGE_KINDS:
        if kind.outcome != SKIPPED:
            continue
        path = str(paths[kind.name])
        reason = skipped.get(path)
        if reason is None:
            try:
                load_image(path)
            except ImageError as error:
                reason = str(error)
        if reason is not None:  # None: chmod 000 does not stop root
            reasons.append(reason)
    return reasons


def _folder_reasons(root: Path) -> list[str]:
    reasons = []
    for kind in FOLDER_KINDS:
        if kind.outcome == SKIPPED:
            reasons += [s.reason for s in scan_image_folder(kind.build(root)).skipped]
        elif kind.outcome == REFUSED:
            try:
                scan_image_folder(kind.build(root))
            except DatasetError as error:
                reasons.append(str(error))
    return reasons


def _text_reasons(root: Path) -> list[str]:
    reasons = []
    for kind in TEXT_KINDS:
        if kind.outcome == SKIPPED:
            dataset = scan_text(kind.build(root))
            reasons += [s.reason for s in dataset.skipped] + list(dataset.notes)
        elif kind.outcome == REFUSED:
            try:
                scan_text(kind.build(root))
            except DatasetError as error:
                reasons.append(str(error))
    return reasons


def _model_reasons(root: Path) -> list[str]:
    reasons = []
    for kind in MODEL_KINDS:
        with pytest.raises(ModelError) as refused:
            Predictor(kind.build(root))
        reasons.append(str(refused.value))
    return reasons


@pytest.fixture(scope="module")
def real_reasons(tmp_path_factory) -> list[str]:
    """What the engine really says about the whole bad-input corpus (in English)."""
    base = tmp_path_factory.mktemp("bad")
    reasons = (
        _image_reasons(base / "images")
        + _folder_reasons(base / "folders")
        + _text_reasons(base / "texts")
        + _model_reasons(base / "models")
    )
    assert len(reasons) > 40
    return list(dict.fromkeys(reasons))


def _kept_parts(english: str) -> list[str]:
    """What must survive translation: numbers, upper-case format names, quoted names."""
    numbers = re.findall(r"\d+", english)
    formats = re.findall(r"\b[A-Z]{3,}\b", english)
    quoted = re.findall(r"'([^']+)'", english)
    return numbers + formats + quoted


def test_english_stays_exactly_as_the_engine_wrote_it(real_reasons):
    for reason in real_reasons:
        assert translate_reason(reason) == reason


def test_every_reason_in_the_corpus_is_translated_with_its_details(chinese, real_reasons):
    for reason in real_reasons:
        translated = translate_reason(reason)
        assert translated != reason, f"no pattern for: {reason!r}"
        for part in _kept_parts(reason):
            assert part in translated, (reason, translated, part)


@pytest.mark.parametrize(
    ("english", "kept"),
    [
        ("GIF images are not supported (use JPEG, PNG, BMP, WebP or TIFF)", "GIF"),
        ("cannot decode this PNG file (damaged, or too many pixels)", "PNG"),
        ("system file, not an image (macOS extra data for 0.png)", "0.png"),
        ("not an image (a .txt file)", ".txt"),
        ("expected 3 fields, found 4", "4"),
        ("bytes that are not valid GB18030/GBK", "GB18030/GBK"),
        ("file ignored: Cannot read /d/test.csv: it is binary data, not a text table.", "test.csv"),
        ("same text labelled 'pos' and 'neg': kept 'pos'", "neg"),
        (
            "Read r.tsv as UTF-8 (with BOM) TSV with a header; text column 'a', label column 'b'.",
            "r.tsv",
        ),
        (
            "Read r.csv as UTF-16 LE CSV without a header, quotes taken literally; "
            "text column 'column 1', label column 'column 2'.",
            "column 2",
        ),
        ("m.onnx classifies text, not image.", "m.onnx"),
        (
            "m.onnx: its input is tensor(float) [1, 3], not the uint8 images (batch, height, width, "
            "3) its metadata promises.",
            "tensor(float) [1, 3]",
        ),
    ],
)
def test_messages_with_nested_parts(chinese, english, kept):
    translated = translate_reason(english)
    assert translated != english
    assert kept in translated


def test_a_summary_of_skipped_files_translates_each_reason(chinese):
    english = (
        "No images found in /data. Expected one sub-folder per class, each holding JPEG, PNG, "
        "BMP, WebP or TIFF images. 7 files were skipped: a.jpg: empty file (0 bytes); "
        "bomb.png: too many pixels (50000 x 50000 pixels; the limit is 178 megapixels): a "
        "damaged file or a decompression bomb; odd.jpg: something new; and 4 more."
    )
    translated = translate_reason(english)
    assert "empty file" not in translated and "a.jpg" in translated
    assert "50000 x 50000" in translated and "decompression" not in translated
    assert "something new" in translated  # unknown: kept in English, nothing lost
    assert "/data" in translated and "7" in translated and "4" in translated


def test_unknown_text_comes_back_unchanged(chinese):
    for text in ("", "a brand-new reason (42 bytes)", "Permission denied", "emptyfile"):
        assert translate_reason(text) == text
    assert translate_reason("empty row\nsomething else") == "空行\nsomething else"


def test_the_data_panel_lists_skipped_files_in_chinese(qtbot, chinese, tmp_path):
    from desktop_app.gui.panels.data_panel import DataPanel
    from desktop_app.gui.session import ProjectSession

    junk = next(k for k in FOLDER_KINDS if k.name.startswith(".DS_Store")).build(tmp_path)
    session = ProjectSession()
    session.new_project("Junk", "image", folder=str(tmp_path / "project"))
    panel = DataPanel(session)
    qtbot.addWidget(panel)
    try:
        with qtbot.waitSignal(panel.import_finished, timeout=30_000):
            panel.import_paths([str(junk)])
        lines = [panel.skipped_list.item(i).text() for i in range(panel.skipped_list.count())]
        assert lines and all("system file" not in line for line in lines)
        assert any(".DS_Store" in line and "macOS" in line for line in lines)
    finally:
        session.cancel_all_and_wait()
