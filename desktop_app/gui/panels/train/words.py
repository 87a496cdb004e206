"""What the Train tab says that depends on the kind of data: one entry per kind in `KINDS`.

The strings stay in the "TrainPanel" translation context (where the .ts file has them).
Adding a kind of data means one more function here and its entry in `KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


@dataclass(frozen=True)
class TrainWords:
    """The Train tab's sentences for one kind of data ({n} placeholders as in the .ts file)."""

    kind: str
    prompt: str  # the stage line before a run
    start_tip: str  # the Start button's tooltip
    too_few_classes: str
    training_on: str  # "{0}: training {1} on {2} images in {3} classes."
    reading: str  # "Reading images {0}/{1}"
    reading_started: str  # "Reading images…"
    done: str  # "Done: {0} % accuracy on the {1} images ({2} images)."
    shown_run: str  # "{0}: {1} % accuracy on the {2} images, best epoch {3}."


def _image_words() -> TrainWords:
    return TrainWords(
        kind="image",
        prompt=translate("TrainPanel", "Press Start to train a model on your images."),
        start_tip=translate("TrainPanel", "Train a model on the project's images (Ctrl+Enter)"),
        too_few_classes=translate(
            "TrainPanel",
            "Training needs at least two classes with images. Add them on the Data tab "
            "(one sub-folder of images per class).",
        ),
        training_on=translate("TrainPanel", "{0}: training {1} on {2} images in {3} classes."),
        reading=translate("TrainPanel", "Reading images {0}/{1}"),
        reading_started=translate("TrainPanel", "Reading images…"),
        done=translate("TrainPanel", "Done: {0} % accuracy on the {1} images ({2} images)."),
        shown_run=translate("TrainPanel", "{0}: {1} % accuracy on the {2} images, best epoch {3}."),
    )


def _text_words() -> TrainWords:
    return TrainWords(
        kind="text",
        prompt=translate("TrainPanel", "Press Start to train a model on your texts."),
        start_tip=translate("TrainPanel", "Train a model on the project's texts (Ctrl+Enter)"),
        too_few_classes=translate(
            "TrainPanel",
            "Training needs at least two classes with texts. Import a file of texts "
            "and labels on the Data tab.",
        ),
        training_on=translate("TrainPanel", "{0}: training {1} on {2} texts in {3} classes."),
        reading=translate("TrainPanel", "Reading texts {0}/{1}"),
        reading_started=translate("TrainPanel", "Reading texts…"),
        done=translate("TrainPanel", "Done: {0} % accuracy on the {1} texts ({2} texts)."),
        shown_run=translate("TrainPanel", "{0}: {1} % accuracy on the {2} texts, best epoch {3}."),
    )


# kind of data → its words; the order is the order of the model cards (images first)
KINDS: dict[str, Callable[[], TrainWords]] = {"image": _image_words, "text": _text_words}


def train_words(kind: str) -> TrainWords:
    """The words for `kind` in the current language (an unknown kind speaks of images)."""
    return KINDS.get(kind, _image_words)()


def language_reason(code: str, title: str) -> str:
    """Why a text model is recommended: the language the texts look like (core/language.py's
    codes), in the user's language; "" for a code without words here."""
    names = {
        "en": translate("TrainPanel", "English"),
        "zh": translate("TrainPanel", "Chinese"),
        "ja": translate("TrainPanel", "Japanese"),
        "ko": translate("TrainPanel", "Korean"),
        "latin": translate("TrainPanel", "a Latin-script language other than English"),
        "cyrillic": translate("TrainPanel", "a Cyrillic-script language (e.g. Russian)"),
        "arabic": translate("TrainPanel", "Arabic"),
        "greek": translate("TrainPanel", "Greek"),
        "hebrew": translate("TrainPanel", "Hebrew"),
        "devanagari": translate("TrainPanel", "a Devanagari-script language (e.g. Hindi)"),
        "thai": translate("TrainPanel", "Thai"),
    }
    if code not in names:
        return ""
    return translate("TrainPanel", "These texts look like {0}: “{1}” suits them best.").format(
        names[code], title
    )
