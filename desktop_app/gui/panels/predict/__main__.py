"""Preview the Predict tab alone: `python -m desktop_app.gui.panels.predict [PROJECT]`."""

from desktop_app.gui.panels.predict.panel import PredictPanel
from desktop_app.gui.preview import preview_panel

raise SystemExit(preview_panel(PredictPanel, 1100, 760))
