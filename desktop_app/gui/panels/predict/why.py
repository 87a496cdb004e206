""" "Why?" on the Predict tab: the generators its explanation jobs run (plain data out, rule 4)
and how word weights colour the typed text.

Images: a card's toggle asks for `card_heatmap_events`, which explains the card's image with
the model's in-graph class activation map (core/explain.py) and returns a small overlay.
Texts: `text_words_events` gives leave-one-word-out weights for the typed text; the text page
colours each word by its weight (green towards the answer, red against it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop_app.core.data.images import load_image
from desktop_app.core.explain import (
    TextExplanation,
    explain_text,
    explainer_for,
    overlay_thumbnail,
)
from desktop_app.core.inference import Predictor
from desktop_app.core.training.events import Cancelled, CancelToken

OVERLAY_SIZE = 224
TOWARDS = QColor("#16a34a")
AGAINST = QColor("#dc2626")


@dataclass(frozen=True)
class CardHeatmap:
    """The heatmap over one card's image, small, as RGB pixels (crosses threads as numpy)."""

    key: int
    overlay: np.ndarray = field(compare=False, repr=False)
    label: str
    method: str


@dataclass(frozen=True)
class TextWords:
    """Word weights for one typed text."""

    text: str
    explanation: TextExplanation


def card_heatmap_events(
    get_predictor: Callable[[], Predictor],
    key: int,
    source: str | np.ndarray,
    cancel: CancelToken,
) -> Iterator[Any]:
    """Explain one image (a file path, or the pixels of a pasted picture)."""
    predictor = get_predictor()
    image = load_image(source) if isinstance(source, str) else source
    if cancel.cancelled:
        yield Cancelled("explain")
        return
    found = explainer_for(predictor).explain(image)
    yield CardHeatmap(key, overlay_thumbnail(image, found, OVERLAY_SIZE), found.label, found.method)


def text_words_events(
    get_predictor: Callable[[], Predictor], text: str, cancel: CancelToken
) -> Iterator[Any]:
    predictor = get_predictor()
    if cancel.cancelled:
        yield Cancelled("explain-text")
        return
    yield TextWords(text, explain_text(predictor, text))


def heatmap_tooltip(event: CardHeatmap) -> str:
    """The toggle's tooltip once the heatmap is there: what red means."""
    text = QCoreApplication.translate(
        "PredictPanel", "Red: the parts of the image that made the model say “{0}”."
    ).format(event.label)
    if event.method == "occlusion":
        text += " " + QCoreApplication.translate(
            "PredictPanel", "(Measured by hiding parts of the image: this model has no map.)"
        )
    return text


def _utf16_position(text: str, index: int) -> int:
    """Qt's position (UTF-16 units) of Python's character index `index` in `text`."""
    return len(text[:index].encode("utf-16-le")) // 2


def word_selections(
    editor: QPlainTextEdit, words: TextWords, offset: int
) -> list[QTextEdit.ExtraSelection]:
    """Background colours for the words of the typed text: green pushed towards the answer,
    red against it, stronger for a larger weight; words that hardly mattered stay plain."""
    weights = [abs(w.weight) for w in words.explanation.words]
    top = max(weights, default=0.0)
    if top <= 0:
        return []
    text = editor.toPlainText()
    selections = []
    for word in words.explanation.words:
        share = abs(word.weight) / top
        if share < 0.15:
            continue
        colour = QColor(TOWARDS if word.weight > 0 else AGAINST)
        colour.setAlpha(int(40 + 150 * share))
        selection = QTextEdit.ExtraSelection()
        char_format = QTextCharFormat()
        char_format.setBackground(colour)
        selection.format = char_format
        cursor = QTextCursor(editor.document())
        cursor.setPosition(_utf16_position(text, offset + word.start))
        cursor.setPosition(
            _utf16_position(text, offset + word.end), QTextCursor.MoveMode.KeepAnchor
        )
        selection.cursor = cursor
        selections.append(selection)
    return selections
