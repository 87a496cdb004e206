"""What every page of the Predict tab is: one per kind of data a model classifies (`PAGES` in
`panel.py`). A new kind is a subclass of `KindPage` and one entry in `PAGES`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop_app.core.inference import Predictor
from desktop_app.gui.jobs import JobOwner

# The panel's answer to "how do I get the model in use?": None (and a hint shown) without one.
PredictorSource = Callable[[], Callable[[], Predictor] | None]


class KindPage(QWidget, JobOwner):
    """A page that classifies one kind of data with the model in use; its jobs are its own."""

    kind = ""  # the model task this page shows ("image", "text")
    int8_needs_training_items = False  # does an INT8 export calibrate on the training items?

    status = Signal(str, str)  # a line for the tab's status row: text, "hint"/"warning"/"error"

    def __init__(self, get_predictor: PredictorSource, session: Any) -> None:
        super().__init__()
        self.session = session
        self._get_predictor = get_predictor

    def reset(self) -> None:
        """Another model is in use."""

    def set_labels(self, labels: tuple[str, ...]) -> None:
        """The labels of the model in use (shown in the header too)."""
