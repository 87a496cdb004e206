"""Tab 4, "Predict & Export", split by responsibility: `panel` (the tab shell: model header,
open model, which page is shown), one page per kind of data (`image_page`, `text_page`),
`export_box` (export + INT8 + bundle), `records` (plain data and the image jobs' generators) and
`images` (QImage ↔ numpy)."""

from desktop_app.gui.panels.predict.panel import PAGES, PredictPanel
from desktop_app.gui.panels.predict.records import PredictionRecord

__all__ = ["PAGES", "PredictPanel", "PredictionRecord"]
