"""Core's messages reach a Chinese user in Chinese, by key, with every value they name intact;
the CLI prints the same errors in English. Every key has a finished 简体中文 translation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desktop_app.core.data.dataset import DatasetError, Skipped, scan_image_folder
from desktop_app.core.data.images import ImageError, load_image
from desktop_app.core.data.text import scan_text
from desktop_app.core.errors import TEMPLATES, CoreError, Phrase
from desktop_app.core.inference import ModelError, Predictor
from desktop_app.gui.jobs import user_message
from desktop_app.gui.messages import (
    CONTEXT,
    error_text,
    lupdate_source,
    phrase_text,
    skipped_text,
    translate,
)
from tests.helpers.bad_corpus import (
    FOLDER_KINDS,
    IMAGE_KINDS,
    MODEL_KINDS,
    REFUSED,
    SKIPPED,
    TEXT_KINDS,
    write_image_corpus,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "classifier_studio_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    """The zh_CN translation installed as the app does it; English again afterwards."""
    from desktop_app.gui.application import install_translations

    assert install_translations(qapp, "zh_CN") == "zh_CN"
    yield
    install_translations(qapp, "en")


def _ts_messages() -> dict[str, ET.Element]:
    """source → translation element of the CoreMessages context in the .ts file."""
    for context in ET.parse(TS).getroot():
        if context.findtext("name") == CONTEXT:
            return {m.findtext("source"): m.find("translation") for m in context.iter("message")}
    raise AssertionError(f"no {CONTEXT} context in {TS}")


def test_every_key_has_a_finished_chinese_translation_with_the_same_places():
    translations = _ts_messages()
    problems = []
    for key, template in TEMPLATES.items():
        element = translations.get(template)
        if element is None:
            problems.append(f"{key}: not in the .ts file (run `make translations`)")
        elif element.get("type") in ("unfinished", "obsolete", "vanished") or not element.text:
            problems.append(f"{key}: not translated: {template!r}")
        elif sorted(re.findall(r"\{\d+\}", element.text)) != sorted(
            re.findall(r"\{\d+\}", template)
        ):
            problems.append(f"{key}: the translation has other places: {element.text!r}")
    assert not problems, "\n".join(problems)


def test_the_lupdate_source_names_every_template_and_the_makefile_passes_it():
    source = lupdate_source()
    for template in TEMPLATES.values():
        assert f'QT_TRANSLATE_NOOP("CoreMessages", "{template}")' in source.replace('\\"', '"')
    compile(source, "core_strings.py", "exec")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "desktop_app.gui.messages --lupdate-source $(CORE_STRINGS)" in makefile
    assert re.search(r"pyside6-lupdate .*\$\(CORE_STRINGS\) -ts", makefile)


@pytest.mark.parametrize(
    ("key", "params", "kept"),
    [
        ("image.unsupported_format", ("GIF",), ["GIF"]),
        ("image.too_many_pixels", (50000, 40000, 178), ["50000", "40000", "178"]),
        ("text.field_count", (3, 4), ["3", "4"]),
        ("text.conflict", ("pos", "neg", "pos"), ["pos", "neg"]),
        ("model.output_mismatch", ("m.onnx", 3, 5), ["m.onnx", "3", "5"]),
        ("project.newer_format", ("/p/project.json", 9, 2), ["/p/project.json", "9", "2"]),
        ("backbone.not_built", ("minilm-l6",), ["minilm-l6", "desktop-app models --build"]),
        ("train.two_image_classes", (Phrase("phrase.none"),), []),
    ],
)
def test_translate_fills_the_chinese_template(chinese, key, params, kept):
    text = translate(key, params)
    assert CJK.search(text), text
    assert text != TEMPLATES[key].format(*map(str, params))
    for value in kept:
        assert value in text, (key, text)


def test_nested_phrases_are_translated_too(chinese):
    junk = Phrase(
        "dataset.system_file", (Phrase("phrase.an_image"), Phrase("phrase.macos_extra", ("0.png",)))
    )
    text = phrase_text(junk)
    assert "0.png" in text and "macOS" in text
    assert "system file" not in text and "extra data" not in text
    summary = Phrase(
        "dataset.skipped_summary",
        (
            7,
            (
                Phrase("dataset.skipped_entry", ("a.jpg", Phrase("image.empty_file"))),
                Phrase("dataset.skipped_entry", ("odd.jpg", "something new from an old file")),
                Phrase("dataset.and_more", (5,)),
            ),
        ),
    )
    error = DatasetError("dataset.no_images", "/data", summary)
    text = error_text(error)
    assert "/data" in text and "a.jpg" in text and "7" in text and "5" in text
    assert "empty file" not in text and "No images" not in text and "more" not in text
    assert "something new from an old file" in text  # plain text stays as it is


def test_english_is_exactly_what_the_cli_prints():
    error = ModelError("model.wrong_kind", "m.onnx", Phrase("phrase.text"), Phrase("phrase.image"))
    assert error_text(error) == str(error) == "m.onnx classifies text, not image."
    old = Skipped("/d/a.gif", "a reason saved by an older app")
    assert skipped_text(old) == "a reason saved by an older app"


# ------------------------------------------------------------------ the CLI and the window


def _resulterror() -> CoreError:
    from desktop_app.core.training.results import ResultError

    return ResultError("run.damaged", "/p/runs/run-0001/result.json", "'classes'")


def test_the_cli_and_the_window_show_the_same_core_error(chinese, monkeypatch, capsys):
    """A CoreError the CLI's old list did not name (ResultError) is one line, not a traceback;
    the window shows the same error translated."""
    from desktop_app import cli
    from desktop_app.cli import program

    def failing(args):
        raise _resulterror()

    parser = cli.build_parser()
    real_parse = parser.parse_args

    def parse(argv):
        args = real_parse(argv)
        args.func = failing
        return args

    monkeypatch.setattr(parser, "parse_args", parse)
    monkeypatch.setattr(program, "build_parser", lambda: parser)  # where `run` finds it
    assert cli.main(["models"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "error: /p/runs/run-0001/result.json is damaged: 'classes'\n"

    shown = user_message(_resulterror())
    assert shown == error_text(_resulterror())
    assert "/p/runs/run-0001/result.json" in shown and CJK.search(shown)
    assert "is damaged" not in shown


def test_a_missing_data_folder_reads_the_same_in_both(chinese, tmp_path, capsys):
    from desktop_app.cli import EXIT_ERROR, main

    missing = tmp_path / "nowhere"
    assert main(["train", str(missing), "--out", str(tmp_path / "m.onnx")]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.strip() == f"error: Folder or file not found: {missing}"
    error = DatasetError("dataset.path_not_found", missing)
    shown = user_message(error)
    assert str(missing) in shown and CJK.search(shown)


def test_user_message_in_english_is_the_engine_text():
    error = ImageError("image.channels", 5)
    assert user_message(error) == str(error) == "unsupported number of channels (5)"


# ------------------------------------------------------------------ the real bad-input corpus


def _kept_parts(english: str) -> list[str]:
    """What must survive translation: numbers, upper-case format names, quoted names."""
    numbers = re.findall(r"\d+", english)
    formats = re.findall(r"\b[A-Z]{3,}\b", english)
    quoted = re.findall(r"'([^']+)'", english)
    return numbers + formats + quoted


def _shown(root: Path) -> list[tuple[str, str]]:
    """(English, what the window shows) for every message the bad-input corpus produces."""
    pairs: list[tuple[str, str]] = []
    paths = write_image_corpus(root / "images")
    skipped = {s.path: s for s in scan_image_folder(root / "images").skipped}
    for kind in IMAGE_KINDS:
        if kind.outcome != SKIPPED:
            continue
        item = skipped.get(str(paths[kind.name]))
        if item is not None:
            pairs.append((item.reason, skipped_text(item)))
            continue
        try:
            load_image(paths[kind.name])
        except ImageError as error:  # a truncated JPEG passes the import, fails on decoding
            pairs.append((str(error), error_text(error)))
    for kind in FOLDER_KINDS:
        folder = root / "folders"
        if kind.outcome == SKIPPED:
            pairs += [
                (s.reason, skipped_text(s)) for s in scan_image_folder(kind.build(folder)).skipped
            ]
        elif kind.outcome == REFUSED:
            try:
                scan_image_folder(kind.build(folder))
            except DatasetError as error:  # an unreadable folder is readable by root
                pairs.append((str(error), error_text(error)))
    for kind in TEXT_KINDS:
        texts = root / "texts"
        if kind.outcome == SKIPPED:
            dataset = scan_text(kind.build(texts))
            pairs += [(s.reason, skipped_text(s)) for s in dataset.skipped]
            pairs += [(str(note), phrase_text(note)) for note in dataset.notes]
        elif kind.outcome == REFUSED:
            try:
                scan_text(kind.build(texts))
            except DatasetError as error:
                pairs.append((str(error), error_text(error)))
    for kind in MODEL_KINDS:
        with pytest.raises(ModelError) as refused:
            Predictor(kind.build(root / "models"))
        pairs.append((str(refused.value), error_text(refused.value)))
    return list(dict.fromkeys(pairs))


def test_every_message_of_the_bad_input_corpus_reads_in_chinese(chinese, tmp_path):
    pairs = _shown(tmp_path)
    assert len(pairs) > 40
    for english, shown in pairs:
        assert shown != english and CJK.search(shown), f"not translated: {english!r}"
        for part in _kept_parts(english):
            assert part in shown, (english, shown, part)


def test_the_data_panel_lists_skipped_files_in_chinese(qtbot, chinese, tmp_path):
    from desktop_app.gui.panels.data import DataPanel
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
        # reopened from its files, the project still lists them in Chinese (keys are saved)
        again = ProjectSession()
        again.open_project(str(tmp_path / "project"), read_only=True)  # the first holds it
        assert all(s.phrase is not None for s in again.project.skipped)
        assert all(CJK.search(skipped_text(s)) for s in again.project.skipped)
    finally:
        session.cancel_all_and_wait()
