"""Before a fine-tune starts (the Train tab, with "Best accuracy" ticked): a preview of the
augmented training images, the augmentations chosen for the data and why, and how long the
fine-tune should take here. One cancellable job; torch is imported by it (run it in a child)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

PREVIEW_PER_ROUND = 8  # thumbnails shown at once
PREVIEW_ROUNDS = 4  # sets of other images and draws, for "Shuffle"
THUMBNAIL = 72


@dataclass(frozen=True)
class AugmentPreview:
    """Augmented training images for every set of augmentations (`augment.preview_pictures`)."""

    pictures: np.ndarray  # uint8 [rounds, sets, per round, t, t, 3]

    def show(self, names: tuple[str, ...], round_: int) -> np.ndarray:
        """The thumbnails of draw `round_` (wrapping) with augmentations `names`."""
        from desktop_app.core.training.augment import combination_index

        return self.pictures[round_ % len(self.pictures), combination_index(names)]


@dataclass(frozen=True)
class ChoiceReady:
    choice: object  # augment.AugmentChoice


def augment_preview(dataset: Dataset, backbone_id: str, seed: int = 0) -> AugmentPreview:
    """PREVIEW_ROUNDS × PREVIEW_PER_ROUND training images (fewer rounds on tiny data)."""
    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.training.augment import preview_pictures

    backbone = get_backbone(backbone_id)
    rng = np.random.default_rng(seed)
    images = []
    for i in rng.permutation(dataset.indices("train")):
        try:
            images.append(load_image(dataset.items[i]))
        except ImageError:
            continue
        if len(images) == PREVIEW_ROUNDS * PREVIEW_PER_ROUND:
            break
    rounds = max(1, len(images) // PREVIEW_PER_ROUND)
    per_round = min(PREVIEW_PER_ROUND, len(images))
    images = images[: rounds * per_round]
    if not images:
        return AugmentPreview(np.zeros((0, 16, 0, THUMBNAIL, THUMBNAIL, 3), np.uint8))
    pictures = preview_pictures(
        images, backbone.input_size, backbone.mean, backbone.std, rounds, THUMBNAIL, seed
    )
    return AugmentPreview(pictures)


def plan_fine_tune(
    config: TrainConfig, dataset: Dataset, cancel: CancelToken, preview_seed: int = 0
) -> Iterator[object]:
    """AugmentPreview, then ChoiceReady (the augmentations chosen for the data, and why), then
    Finished(FineTuneEstimate), or Finished(None) for a fine-tune too short to estimate.
    Texts (no augmentation): the estimate alone (`text_finetune.estimate_text_seconds`)."""
    from desktop_app.core.training.augment import choose_augmentations
    from desktop_app.core.training.finetune import check_fine_tunable
    from desktop_app.core.training.finetune_estimate import estimate_seconds, worth_estimating

    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    if backbone.task == "text":  # no augmentation: the estimate alone
        from desktop_app.core.training.text_finetune import estimate_text_seconds

        yield from estimate_text_seconds(config, dataset, backbone, cancel)
        return
    yield Progress("plan", 0, 0, message="Preparing the preview")
    yield augment_preview(dataset, config.backbone, preview_seed)
    if cancel.cancelled:
        yield Cancelled("plan")
        return
    choice = None
    for event in choose_augmentations(dataset, config.backbone, cancel, config.seed):
        if isinstance(event, Cancelled):
            yield event
            return
        if isinstance(event, Finished):
            choice = event.result
        elif isinstance(event, Progress):
            yield event
    yield ChoiceReady(choice)
    if config.augmentations is None and choice is not None:
        config = replace(config, augmentations=choice.names)
    if not worth_estimating(config, dataset):  # short: the probe would take as long
        yield Finished(None)
        return
    yield from estimate_seconds(config, dataset, cancel)


def preview_only(
    config: TrainConfig, dataset: Dataset, cancel: CancelToken, preview_seed: int
) -> Iterator[object]:
    """Finished(AugmentPreview): new images and draws ("Shuffle" after the last round)."""
    yield Progress("plan", 0, 0, message="Preparing the preview")
    yield Finished(augment_preview(dataset, config.backbone, preview_seed))
