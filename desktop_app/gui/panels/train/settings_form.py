"""The Train tab's advanced settings: a fold-out form whose values make the `TrainConfig`.

Its strings stay in the "TrainPanel" translation context (where the .ts file has them).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.training.config import TrainConfig

translate = QCoreApplication.translate


def _spin(low: int, high: int, special: str = "") -> QSpinBox:
    widget = QSpinBox()
    widget.setRange(low, high)
    if special:
        widget.setSpecialValueText(special)
    return widget


def _dspin(low: float, high: float, decimals: int, step: float) -> QDoubleSpinBox:
    widget = QDoubleSpinBox()
    widget.setRange(low, high)
    widget.setDecimals(decimals)
    widget.setSingleStep(step)
    return widget


class SettingsForm(QWidget):
    """ "Advanced settings" (a toggle) over the form: epochs, batch size, learning rate…"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self._extra_settings: dict[str, Any] = {}  # config fields without a widget
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(translate("TrainPanel", "Advanced settings"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.toggled.connect(self._on_advanced_toggled)
        layout.addWidget(self.advanced_toggle)
        self.advanced = self._build_advanced()
        self.advanced.setVisible(False)
        layout.addWidget(self.advanced)

    def _build_advanced(self) -> QWidget:
        box = QFrame()
        box.setObjectName("card")
        form = QFormLayout(box)
        form.setContentsMargins(10, 8, 10, 8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        automatic = translate("TrainPanel", "Automatic")

        self.max_epochs_spin = _spin(0, 1000, automatic)
        self.batch_size_spin = _spin(0, 1024, automatic)
        self.learning_rate_spin = _dspin(0.0, 1.0, 5, 0.0001)
        self.learning_rate_spin.setSpecialValueText(automatic)
        self.weight_decay_spin = _dspin(0.0, 1.0, 4, 0.001)
        self.label_smoothing_spin = _dspin(-0.05, 0.5, 2, 0.05)
        self.label_smoothing_spin.setSpecialValueText(automatic)  # the minimum: automatic
        self.hidden_units_spin = _spin(-1, 4096, automatic)  # the minimum: the model's own
        self.dropout_spin = _dspin(0.0, 0.9, 2, 0.05)
        self.patience_spin = _spin(1, 1000)
        # Automatic (None: the model's own), on, off
        self.class_weighting_combo = QComboBox()
        self.class_weighting_combo.addItem(automatic, None)
        self.class_weighting_combo.addItem(translate("TrainPanel", "On"), True)
        self.class_weighting_combo.addItem(translate("TrainPanel", "Off"), False)
        self.word_pieces_check = QCheckBox(translate("TrainPanel", "Read them too (texts)"))
        self.seed_spin = _spin(0, 2_147_483_647)
        rows = [
            (
                translate("TrainPanel", "Max epochs"),
                self.max_epochs_spin,
                translate(
                    "TrainPanel",
                    "How many times at most the model looks at every training image. "
                    "Automatic picks enough for a few hundred learning steps; training "
                    "usually stops earlier when it no longer improves.",
                ),
            ),
            (
                translate("TrainPanel", "Batch size"),
                self.batch_size_spin,
                translate(
                    "TrainPanel",
                    "How many images the model looks at before each small correction. "
                    "Automatic suits the size of your data.",
                ),
            ),
            (
                translate("TrainPanel", "Learning rate"),
                self.learning_rate_spin,
                translate(
                    "TrainPanel",
                    "How big each correction is. Too big: unstable; too small: slow. "
                    "Automatic is a safe choice.",
                ),
            ),
            (
                translate("TrainPanel", "Weight decay"),
                self.weight_decay_spin,
                translate(
                    "TrainPanel",
                    "Keeps the model simple so it does not memorise the training images. "
                    "Raise it a little if validation accuracy is much lower than training.",
                ),
            ),
            (
                translate("TrainPanel", "Label smoothing"),
                self.label_smoothing_spin,
                translate(
                    "TrainPanel",
                    "Stops the model from being over-confident; helps when some labels may "
                    "be wrong. 0 turns it off; Automatic uses 0.1, and 0 for English sentences.",
                ),
            ),
            (
                translate("TrainPanel", "Hidden units"),
                self.hidden_units_spin,
                translate(
                    "TrainPanel",
                    "Adds one extra layer of this size to the classifier. 0 is a simple "
                    "linear classifier, best for small sets of images; Automatic uses 0 for "
                    "images and 512 for sentences.",
                ),
            ),
            (
                translate("TrainPanel", "Dropout"),
                self.dropout_spin,
                translate(
                    "TrainPanel",
                    "Randomly ignores this fraction of the features while learning, so the "
                    "model does not rely on a few of them.",
                ),
            ),
            (
                translate("TrainPanel", "Patience"),
                self.patience_spin,
                translate(
                    "TrainPanel",
                    "Stop after this many epochs without a better validation result; the "
                    "best epoch's model is kept.",
                ),
            ),
            (
                translate("TrainPanel", "Class weighting"),
                self.class_weighting_combo,
                translate(
                    "TrainPanel",
                    "Give classes with fewer examples more weight, so a large class does not "
                    "drown out a small one. Automatic balances them, except for the word-pieces "
                    "model, where it measured less accurate.",
                ),
            ),
            (
                translate("TrainPanel", "Word pieces"),
                self.word_pieces_check,
                translate(
                    "TrainPanel",
                    "Texts with a pretrained model: one classifier reads the sentence meaning "
                    "AND the words and word pairs of each text. Often more accurate on reviews "
                    "and in Chinese; Automatic tries it by itself and keeps it when it does "
                    "better on the validation texts.",
                ),
            ),
            (
                translate("TrainPanel", "Seed"),
                self.seed_spin,
                translate(
                    "TrainPanel",
                    "A number that fixes the random choices: the same seed and data give the "
                    "same model.",
                ),
            ),
        ]
        for text, widget, tip in rows:
            label = QLabel(text)
            label.setToolTip(tip)
            widget.setToolTip(tip)
            form.addRow(label, widget)
        self.restore_defaults_button = QPushButton(translate("TrainPanel", "Restore defaults"))
        self.restore_defaults_button.clicked.connect(self.restore_defaults)
        form.addRow(self.restore_defaults_button)
        return box

    def config(self, backbone: str) -> TrainConfig:
        """The settings shown, with model `backbone`, as the engine's `TrainConfig`."""
        known = set(TrainConfig.__dataclass_fields__)
        extra = {k: v for k, v in self._extra_settings.items() if k in known}
        return TrainConfig(
            **{
                **extra,
                "backbone": backbone,
                "max_epochs": self.max_epochs_spin.value() or None,
                "batch_size": self.batch_size_spin.value() or None,
                "learning_rate": self.learning_rate_spin.value() or None,
                "weight_decay": self.weight_decay_spin.value(),
                "label_smoothing": (
                    None
                    if self.label_smoothing_spin.value() < 0
                    else self.label_smoothing_spin.value()
                ),
                "hidden_units": (
                    None if self.hidden_units_spin.value() < 0 else self.hidden_units_spin.value()
                ),
                "dropout": self.dropout_spin.value(),
                "patience": self.patience_spin.value(),
                "class_weighting": self.class_weighting_combo.currentData(),
                "word_pieces": self.word_pieces_check.isChecked(),
                "seed": self.seed_spin.value(),
            }
        )

    def show_config(self, config: TrainConfig) -> None:
        """Show a config's values (its fields without a widget are kept for `config`)."""
        self._extra_settings = dict(config.to_json())
        self.max_epochs_spin.setValue(int(config.max_epochs or 0))
        self.batch_size_spin.setValue(int(config.batch_size or 0))
        self.learning_rate_spin.setValue(float(config.learning_rate or 0.0))
        self.weight_decay_spin.setValue(float(config.weight_decay))
        self.label_smoothing_spin.setValue(
            -0.05 if config.label_smoothing is None else float(config.label_smoothing)
        )
        self.hidden_units_spin.setValue(-1 if config.hidden_units is None else config.hidden_units)
        self.dropout_spin.setValue(float(config.dropout))
        self.patience_spin.setValue(int(config.patience))
        self.class_weighting_combo.setCurrentIndex(
            self.class_weighting_combo.findData(config.class_weighting)
        )
        self.word_pieces_check.setChecked(bool(config.word_pieces))
        self.seed_spin.setValue(int(config.seed))

    @Slot()
    def restore_defaults(self) -> None:
        """Defaults for every advanced setting; the model choice stays."""
        self.show_config(TrainConfig())

    @Slot(bool)
    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
