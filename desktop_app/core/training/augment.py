"""Training-time augmentation of images for fine-tuning (albumentations on OpenCV).

Only the training split is augmented; validation, test, parity and the exported model see the
one preprocessing of the ONNX graph (`onnx_utils.preprocessing_graph`). Imported when a
fine-tune starts (albumentations imports torch and pydantic: about a second).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

CROP_MIN_AREA = 0.35  # random resized crop: the smallest share of the image's area kept
# name → what it does, in words (metadata, and later the Train panel)
AUGMENTATIONS: dict[str, str] = {
    "crop": f"random resized crop ({CROP_MIN_AREA:.0%}-100 % of the area, aspect 3:4 to 4:3)",
    "flip": "horizontal flip (half of the images)",
    "rotate": "small rotation (up to 10 degrees, edges reflected)",
    "colour": "colour jitter (brightness, contrast, saturation 0.2, hue 0.02)",
}
DEFAULT_AUGMENTATIONS: tuple[str, ...] = tuple(AUGMENTATIONS)
# Decoded training images are kept in memory with their shorter side at most this many times
# the model's input size: random crops then lose nothing visible, and memory stays bounded.
KEEP_SCALE = 1.15


def keep_size(image: np.ndarray, size: int) -> np.ndarray:
    """The image shrunk (area interpolation) so its shorter side is at most KEEP_SCALE × size."""
    import cv2

    h, w = image.shape[:2]
    limit = int(round(size * KEEP_SCALE))
    if min(h, w) <= limit:
        return image
    scale = limit / min(h, w)
    return cv2.resize(
        image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )


def import_albumentations():
    """albumentations, imported without its update check (which would ask the network)."""
    os.environ.setdefault("NO_ALBUMENTATIONS_UPDATE", "1")
    import albumentations

    return albumentations


def describe_crop(min_area: float) -> str:
    """The random resized crop in words, with its smallest share of the image's area."""
    return f"random resized crop ({min_area:.0%}-100 % of the area, aspect 3:4 to 4:3)"


class Augmenter:
    """uint8 RGB images of any size → augmented float32 pixels [N, 3, size, size], normalised
    like the model's preprocessing. Deterministic per seed."""

    def __init__(
        self,
        size: int,
        mean: Sequence[float],
        std: Sequence[float],
        names: Sequence[str] = DEFAULT_AUGMENTATIONS,
        seed: int = 0,
        crop_min_area: float = CROP_MIN_AREA,
    ) -> None:
        import cv2

        A = import_albumentations()

        unknown = [n for n in names if n not in AUGMENTATIONS]
        if unknown:
            raise ValueError(f"unknown augmentations: {unknown}")
        self.names = tuple(names)
        self.size = size
        steps: list = []
        if "rotate" in names:
            steps.append(A.Rotate(limit=10, border_mode=cv2.BORDER_REFLECT_101, p=0.5))
        if "crop" in names:
            steps.append(
                A.RandomResizedCrop(
                    size=(size, size), scale=(crop_min_area, 1.0), ratio=(3 / 4, 4 / 3), p=1.0
                )
            )
        else:
            steps += [A.SmallestMaxSize(max_size=size), A.CenterCrop(size, size)]
        if "flip" in names:
            steps.append(A.HorizontalFlip(p=0.5))
        if "colour" in names:
            steps.append(
                A.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2, hue=0.02, p=0.8)
            )
        self._pipeline = A.Compose(steps, seed=seed)
        self._mean = np.asarray(mean, np.float32)
        self._scale = 1.0 / np.asarray(std, np.float32)

    def __call__(
        self, images: Sequence[np.ndarray], seeds: Sequence[int] | None = None
    ) -> np.ndarray:
        """`seeds`: one per image, each image's random draws from its own seed (so an image
        is augmented alike whichever process of a torchrun launch handles it); without them
        the draws follow one another from the constructor's seed."""
        out = np.empty((len(images), 3, self.size, self.size), np.float32)
        for i, image in enumerate(images):
            if seeds is not None:
                self._pipeline.set_random_seed(int(seeds[i]))
            crop = self._pipeline(image=image)["image"]
            out[i] = ((crop.astype(np.float32) - self._mean) * self._scale).transpose(2, 0, 1)
        return out
