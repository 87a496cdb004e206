"""Preview one Data page alone: `python -m desktop_app.gui.panels.data [KIND] [PROJECT | FOLDER…]`."""

import sys

from desktop_app.gui.panels.data import PAGES
from desktop_app.gui.preview import preview_panel

kind = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in PAGES else "image"
raise SystemExit(preview_panel(PAGES[kind], 1200, 780))
