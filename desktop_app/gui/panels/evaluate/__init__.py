"""Tab 3, "Evaluate", split by responsibility: `panel` (the tab: matrix, cell list, relabel),
`summary` (headline card), `class_table` (per-class metrics), `cells` (one page per kind of
data for what a confusion cell shows, and the kind's words) and `other_data` ("Evaluate on
other data…")."""

from desktop_app.gui.panels.evaluate.cells import CELL_PAGES
from desktop_app.gui.panels.evaluate.panel import EvaluatePanel

__all__ = ["CELL_PAGES", "EvaluatePanel"]
