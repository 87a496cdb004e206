"""What the "Automatic" choice chose and why, under the model choice of the Train tab; and when
fine-tuning is likely to pay, a one-click way to tick it.

The sentences are the core's keyed templates (core/errors.py, `auto.*`) in the user's
language, filled in from the run's `auto_choice` record with the models' translated names.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.core.errors import Phrase
from desktop_app.core.workflows.auto_choice import fine_tune_reasons, reason_phrase
from desktop_app.gui.messages import phrase_text
from desktop_app.gui.model_words import model_title

translate = QCoreApplication.translate


def choice_text(record: dict[str, Any]) -> str:
    """ "Chose Accurate: 97.0 % right on the validation images, against 95.0 % for Fast." """
    return phrase_text(reason_phrase(record, lambda b: model_title(b) or b))


def suggestion_text(record: dict[str, Any]) -> str:
    """ "Fine-tuning will likely help: …." ("" when the run did not suggest it)."""
    reasons = fine_tune_reasons(record)
    return phrase_text(Phrase("auto.fine_tune_suggested", (reasons,))) if reasons else ""


class AutoChoiceNote(QFrame):
    """The automatic choice of the run shown: why that model, and the fine-tune suggestion
    with its button ("Fine-tune next run")."""

    fine_tune_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self.choice_label = QLabel()
        self.choice_label.setWordWrap(True)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setObjectName("hint")
        self.fine_tune_button = QPushButton(translate("TrainPanel", "Fine-tune the next run"))
        self.fine_tune_button.setToolTip(
            translate(
                "TrainPanel",
                "Ticks “Best accuracy: also fine-tune the model”; press Start to train again",
            )
        )
        self.fine_tune_button.clicked.connect(self._on_fine_tune_clicked)
        layout.addWidget(self.choice_label)
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.fine_tune_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._suggested = False
        self.show_record({})

    def show_record(
        self, record: dict[str, Any], fine_tune_ticked: bool = False, fine_tuned: bool = False
    ) -> None:
        """Show a run's `auto_choice` record (hidden for an empty one: a run of one model).
        `fine_tune_ticked`: the option is ticked already (no button then); `fine_tuned`: the
        run was fine-tuned (the suggestion is not repeated)."""
        if not record:
            self._suggested = False
            self.hide()
            return
        self.choice_label.setText(choice_text(record))
        suggestion = "" if fine_tuned else suggestion_text(record)
        self._suggested = bool(suggestion)
        self.suggestion_label.setText(suggestion)
        self.suggestion_label.setVisible(bool(suggestion))
        self.fine_tune_button.setVisible(bool(suggestion) and not fine_tune_ticked)
        self.show()

    def fine_tune_ticked(self, ticked: bool) -> None:
        """The fine-tune option changed: the button is only for ticking it."""
        self.fine_tune_button.setVisible(self._suggested and not ticked)

    @Slot()
    def _on_fine_tune_clicked(self) -> None:
        self.fine_tune_wanted.emit()
