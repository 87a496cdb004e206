"""Training settings: plain data, with defaults that suit a first-time user."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from desktop_app.core.catalog import Backbone, default_backbone


def _default_image_backbone() -> str:
    return default_backbone("image").id


@dataclass(frozen=True)
class TrainConfig:
    backbone: str = field(default_factory=_default_image_backbone)  # the catalog's default
    max_epochs: int | None = None  # None: ≥60 heads (150 text) / ≥40 scratch, ≥300 steps
    batch_size: int | None = None  # None: n_train/8 within [4, 32] (heads) / 64 (from scratch)
    learning_rate: float | None = None  # None: 1e-3 (heads) / 3e-3 (from scratch)
    weight_decay: float = 1e-2
    label_smoothing: float | None = None  # None: 0.1, but 0 on pretrained text embeddings
    # None: the model's own default (catalog `hidden_units`); 0: linear head; N: one hidden layer
    hidden_units: int | None = None
    dropout: float = 0.2
    patience: int = 10  # epochs without a better validation loss before stopping
    # None: the model's own (on for heads on features and fine-tunes; off for word pieces,
    # where it cost accuracy and macro-F1 on ChnSentiCorp and SMS spam: README)
    class_weighting: bool | None = None
    # texts, pretrained encoders: one linear model on the sentence vector AND the TF-IDF of the
    # text's word pieces (core/training/word_pieces.py) instead of the head on the vector alone
    word_pieces: bool = False
    seed: int = 0
    val_fraction: float = 0.2
    device: str = "auto"  # "auto": CUDA when torch sees it, else CPU
    # Fine-tuning (core/training/finetune.py): after the head, the top of the backbone too.
    fine_tune: bool = False
    fine_tune_epochs: int | None = None  # None: automatic (finetune.fine_tune_epochs)
    # None: chosen for the data when the fine-tune starts (augment.choose_augmentations); ()
    # none; else names of augment.AUGMENTATIONS
    augmentations: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.augmentations is not None and not isinstance(self.augmentations, tuple):
            object.__setattr__(self, "augmentations", tuple(self.augmentations))  # from JSON

    def head_units(self, backbone: Backbone) -> int:
        """The hidden layer's width for `backbone`'s head: the user's choice, else the model's."""
        return backbone.hidden_units if self.hidden_units is None else int(self.hidden_units)

    def balances_classes(self, default: bool = True) -> bool:
        """Whether the loss weights each class by its rarity: the user's choice, else `default`
        (the model's own)."""
        return default if self.class_weighting is None else bool(self.class_weighting)

    def to_json(self) -> dict:
        return asdict(self)
