"""The Train tab's model choice: one card per catalog model, only those for the project's kind;
first, where the catalog offers one for the kind, "Automatic" (core/workflows/auto_choice.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QLabel, QRadioButton, QVBoxLayout, QWidget

from desktop_app.core.catalog import (
    AUTO,
    AutoChoiceEntry,
    Backbone,
    automatic_for,
    backbones_for,
)
from desktop_app.gui.model_words import card_title, catalog_text, suits_text
from desktop_app.gui.panels.train.words import KINDS


class ModelCard(QFrame):
    """A large radio button: title, one-line description; a click anywhere selects it."""

    def __init__(
        self, title: str, description: str, tooltip: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setToolTip(tooltip)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        self.radio = QRadioButton(title)
        font = self.radio.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.radio.setFont(font)
        self.description = QLabel(description)
        self.description.setObjectName("hint")
        self.description.setWordWrap(True)
        self.description.setContentsMargins(22, 0, 0, 0)
        layout.addWidget(self.radio)
        layout.addWidget(self.description)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self.isEnabled():
            self.radio.setChecked(True)
        super().mousePressEvent(event)


class ModelChoice(QWidget):
    """The "Model" title and the catalog's models as cards, per kind in `KINDS` order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        title = QLabel(QCoreApplication.translate("TrainPanel", "Model"))
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.hint = QLabel()  # why the recommended model is recommended (texts: their language)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        layout.addWidget(self.hint)
        self.group = QButtonGroup(self)
        self.cards: dict[str, ModelCard] = {}
        # One "Automatic" card (id AUTO) for every kind that the catalog gives candidates to;
        # its words are those of the shown kind's entry (show_kind).
        self._automatic = {kind: automatic_for(kind) for kind in KINDS}
        choices: list[Backbone | AutoChoiceEntry] = []
        first_auto = next((a for a in self._automatic.values() if a is not None), None)
        if first_auto is not None:
            choices.append(first_auto)
        for kind in KINDS:
            choices += backbones_for(kind)
        self.ids: list[str] = [b.id for b in choices]
        self.kinds: dict[str, str] = {b.id: b.task for b in choices if isinstance(b, Backbone)}
        self._defaults = {b.id for b in choices if isinstance(b, Backbone) and b.default}
        self._backbones = {b.id: b for b in choices}
        for index, backbone in enumerate(choices):
            card = ModelCard(
                card_title(backbone), catalog_text(backbone.description), suits_text(backbone)
            )
            self.group.addButton(card.radio, index)
            self.cards[backbone.id] = card
            layout.addWidget(card)
        self.show_kind(next(iter(KINDS)))

    def set_backbone(self, backbone_id: str) -> None:
        card = self.cards.get(backbone_id)
        if card is None:
            raise ValueError(f"unknown model: {backbone_id}")
        card.radio.setChecked(True)

    def backbone(self) -> str:
        return self.ids[max(0, self.group.checkedId())]

    def visible(self, kind: str) -> list[str]:
        """The model choices for one kind of data: "Automatic" first when the catalog offers
        it for that kind, then its models in catalog order."""
        automatic = [AUTO] if self._automatic.get(kind) is not None else []
        return automatic + [b for b in self.ids if self.kinds.get(b) == kind]

    def recommend(self, kind: str, backbone_id: str | None, reason: str = "") -> None:
        """Mark `backbone_id` as the recommended model of `kind` (None: the catalog's default)
        and say why under the title; the choice itself is the caller's."""
        for backbone in self.visible(kind):
            entry = self._automatic[kind] if backbone == AUTO else self._backbones[backbone]
            recommended = (
                backbone == backbone_id
                if backbone_id is not None
                else isinstance(entry, Backbone) and entry.default
            )
            if recommended:
                self._defaults.add(backbone)
            else:
                self._defaults.discard(backbone)
            self.cards[backbone].radio.setText(card_title(entry, recommended))
        self.hint.setText(reason)
        self.hint.setVisible(bool(reason))

    def recommended(self, kind: str) -> str | None:
        return next((b for b in self.visible(kind) if b in self._defaults), None)

    def show_kind(self, kind: str) -> None:
        """Show only `kind`'s cards; if the chosen model is not one, choose its default."""
        shown = self.visible(kind)
        automatic = self._automatic.get(kind)
        if automatic is not None:  # the Automatic card speaks of this kind's candidates
            card = self.cards[AUTO]
            card.radio.setText(card_title(automatic, AUTO in self._defaults))
            card.description.setText(catalog_text(automatic.description))
            card.setToolTip(suits_text(automatic))
        for backbone, card in self.cards.items():
            card.setVisible(backbone in shown)
        if shown and (self.group.checkedId() < 0 or self.backbone() not in shown):
            self.set_backbone(next((b for b in shown if b in self._defaults), shown[0]))
