""" "Why?" in the window: a prediction card's toggle shows the heatmap over its picture, the
confusion-cell viewer switches its thumbnails to heatmaps, and the text page colours the words
that decided."""

from __future__ import annotations

import pytest

from desktop_app.core.inference import Predictor
from desktop_app.gui.widgets.heatmaps import HeatmapLoader
from tests.helpers.synthetic import write_text_csv
from tests.helpers.workflows import train_model

TIMEOUT = 60_000


def test_the_why_toggle_shows_the_heatmap_over_the_card(qtbot, trained_session, image_folder):
    from desktop_app.gui.panels.predict import PredictPanel

    panel = PredictPanel(trained_session)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.predictions_ready, timeout=TIMEOUT):
        panel.classify_paths([str(image_folder / "red" / "0.png")])
    card = panel.image_page._cards[0]
    plain = card.picture.pixmap().cacheKey()
    assert card.why_button is not None and card.why_button.text() == "Why?"
    assert not card.showing_overlay
    card.why_button.click()
    qtbot.waitUntil(lambda: card.showing_overlay, timeout=TIMEOUT)
    assert card.picture.pixmap().cacheKey() != plain
    assert "red" in card.why_button.toolTip()  # "Red: the parts … made the model say “red”."
    card.why_button.click()  # off: the plain picture again, the heatmap kept for next time
    assert not card.showing_overlay and card.has_overlay


def test_a_pasted_picture_has_its_heatmap_too(qtbot, trained_session):
    import numpy as np

    from desktop_app.gui.panels.predict import PredictPanel

    panel = PredictPanel(trained_session)
    qtbot.addWidget(panel)
    picture = np.zeros((90, 160, 3), np.uint8)
    picture[:, 60:100] = (220, 40, 40)
    with qtbot.waitSignal(panel.predictions_ready, timeout=TIMEOUT):
        panel.classify_image(picture)
    card = panel.image_page.cards[0]
    card.why_button.click()
    qtbot.waitUntil(lambda: card.showing_overlay, timeout=TIMEOUT)
    shown = card.picture.pixmap()
    assert abs(shown.width() / shown.height() - 160 / 90) < 0.05  # the whole picture


def test_the_cell_viewer_shows_heatmaps_when_asked(qtbot, trained_session):
    from desktop_app.gui.panels.evaluate import EvaluatePanel

    panel = EvaluatePanel(trained_session)
    qtbot.addWidget(panel)
    panel.open_cell(0, 0)
    page = panel.pages["image"]
    assert page.model.rowCount() > 0
    page.why_button.click()
    assert isinstance(page.model.loader, HeatmapLoader)
    first = page.model.item(0).path
    page.model.loader.get(first)
    qtbot.waitUntil(lambda: page.model.loader.get(first) is not None, timeout=TIMEOUT)
    assert not isinstance(page.model.loader.get(first), str)  # a picture, not an error
    page.why_button.click()
    assert not isinstance(page.model.loader, HeatmapLoader)
    panel.detach()


@pytest.fixture(scope="module")
def text_predictor(tmp_path_factory):
    base = tmp_path_factory.mktemp("why-text")
    model = base / "reviews.onnx"
    train_model(write_text_csv(base / "reviews.csv"), model)
    return Predictor(model)


def test_the_text_page_colours_the_words_that_decided(qtbot, session, text_predictor):
    from desktop_app.gui.panels.predict.text_page import TextPredictWidget

    page = TextPredictWidget(lambda: lambda: text_predictor, session)
    qtbot.addWidget(page)
    page.set_text("  the staff was wonderful and lovely")
    qtbot.waitUntil(lambda: page.words is not None, timeout=TIMEOUT)
    selections = page.editor.extraSelections()
    assert selections, "no word coloured"
    coloured = {s.cursor.selectedText() for s in selections}
    assert "wonderful" in coloured or "lovely" in coloured
    assert "good" in page.why_legend.text()
    page.editor.insertPlainText(" x")  # typing: the colours of the old text go at once
    assert page.words is None and page.editor.extraSelections() == []
    qtbot.waitUntil(lambda: page.words is not None, timeout=TIMEOUT)  # then the new text's
    page.why_box.setChecked(False)
    assert page.words is None and page.editor.extraSelections() == []
