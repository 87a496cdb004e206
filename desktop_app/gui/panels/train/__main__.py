"""Preview the Train tab alone: `python -m desktop_app.gui.panels.train [PROJECT | FOLDER…]`."""

from desktop_app.gui.panels.train import TrainPanel
from desktop_app.gui.preview import preview_panel

raise SystemExit(preview_panel(TrainPanel, 1280, 800))
