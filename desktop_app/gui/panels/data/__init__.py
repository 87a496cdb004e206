"""The "1 · Data" tab: one page per kind of data, chosen by the open project's kind.

`common.py` holds what the pages share (`DataPage`: the import job and the session; the busy
row, class column and skipped section); `image_page.py` and `text_page.py` say what differs.
`PAGES` is the one map from a kind of data to its page (napari's layer → controls map): a new
kind is a new page class and one entry here. Preview a page alone:
`python -m desktop_app.gui.panels.data [image|text] [PROJECT | FOLDER…]`.
"""

from desktop_app.gui.panels.data.common import DataPage
from desktop_app.gui.panels.data.image_page import DataPanel
from desktop_app.gui.panels.data.text_page import TextDataPanel

PAGES: dict[str, type[DataPage]] = {"image": DataPanel, "text": TextDataPanel}

__all__ = ["PAGES", "DataPage", "DataPanel", "TextDataPanel"]
