"""Preview the Evaluate tab alone: `python -m desktop_app.gui.panels.evaluate [PROJECT]`."""

from desktop_app.gui.panels.evaluate.panel import EvaluatePanel
from desktop_app.gui.preview import preview_panel

raise SystemExit(preview_panel(EvaluatePanel, 1300, 820))
