"""What a sample of the images looks like (typical size, how many are grey): how far the data
is from the colour photos the pretrained models learnt from. The Automatic model choice uses it
to suggest fine-tuning, the fine-tune to go deeper (core/training/finetune.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Measured on the shared image sets (see the README): the images' typical shorter side at most
# this share of the model's input size (the frozen model then looks at enlarged, blurry pixels:
# sign-language-digits, 100 px for 224) …
SMALL_SHARE = 0.6
# … or most of them grey (scans, X-rays, drawings: far from the colour photos it learnt from).
GREY_SHARE = 0.8
GREY_TOLERANCE = 6  # largest difference between an image's channels that still counts as grey
LOOK_AT_IMAGES = 48  # images looked at for their size and colour (evenly spread)


@dataclass(frozen=True)
class ImageLook:
    """What a sample of the images looks like: typical size and how many are grey."""

    width: int  # median width and height of the sample
    height: int
    grey_share: float
    looked_at: int

    def small_for(self, input_size: int) -> bool:
        """Whether the typical image is small next to a model's input size."""
        return bool(self.looked_at) and min(self.width, self.height) <= SMALL_SHARE * input_size

    @property
    def mostly_grey(self) -> bool:
        return bool(self.looked_at) and self.grey_share >= GREY_SHARE


def look_at_images(items: Sequence[str], sample: int = LOOK_AT_IMAGES) -> ImageLook:
    """The typical (median) size of up to `sample` images spread over `items`, and the share
    of them that are grey; unreadable ones are left out."""
    from desktop_app.core.data.images import ImageError, load_image

    if not items:
        return ImageLook(0, 0, 0.0, 0)
    picks = np.unique(np.linspace(0, len(items) - 1, min(sample, len(items))).astype(int))
    widths: list[int] = []
    heights: list[int] = []
    grey = 0
    for i in picks:
        try:
            image = load_image(items[int(i)])
        except (ImageError, OSError):
            continue
        heights.append(image.shape[0])
        widths.append(image.shape[1])
        pixels = image[:: max(1, image.shape[0] // 64), :: max(1, image.shape[1] // 64)]
        spread = pixels.max(axis=2).astype(np.int16) - pixels.min(axis=2).astype(np.int16)
        grey += int(np.percentile(spread, 99) <= GREY_TOLERANCE)
    if not widths:
        return ImageLook(0, 0, 0.0, 0)
    return ImageLook(
        int(np.median(widths)), int(np.median(heights)), grey / len(widths), len(widths)
    )
