"""Small generated image datasets for fast tests."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

COLOURS = {"red": (220, 40, 40), "green": (40, 200, 60), "blue": (40, 60, 220)}


def make_image(rng: np.random.Generator, rgb: tuple[int, int, int], size: int = 48) -> np.ndarray:
    """A noisy image dominated by one colour with a random darker blob (RGB uint8)."""
    image = np.clip(
        np.array(rgb)[None, None, :] + rng.normal(0, 25, (size, size, 3)), 0, 255
    ).astype(np.uint8)
    y, x = rng.integers(0, size - 12, 2)
    image[y : y + 12, x : x + 12] //= 2
    return image


def write_class_folders(
    root: Path, per_class: int = 12, size: int = 48, seed: int = 0, ext: str = ".png"
) -> Path:
    """root/<colour>/<n>.png for three colour classes; returns root."""
    rng = np.random.default_rng(seed)
    for name, rgb in COLOURS.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            image = make_image(rng, rgb, size)
            cv2.imwrite(str(folder / f"{i}{ext}"), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    return root


TEXT_WORDS = {
    "good": ["wonderful", "friendly", "clean", "lovely", "great"],
    "bad": ["rude", "dirty", "noisy", "awful", "broken"],
}
TEXT_FILLER = ["the", "room", "hotel", "staff", "was", "very", "and", "our", "stay", "food"]


def write_text_csv(path: Path, per_class: int = 60, seed: int = 0) -> Path:
    """A `text,label` CSV of two classes of short sentences, each with class-specific words."""
    import csv
    import random

    rng = random.Random(seed)
    rows = []
    for name, words in TEXT_WORDS.items():
        for _ in range(per_class):
            sentence = rng.choices(TEXT_FILLER, k=rng.randint(3, 7)) + rng.choices(words, k=2)
            rng.shuffle(sentence)
            rows.append((" ".join(sentence), name))
    rng.shuffle(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    return path


def write_shape_folders(root: Path, mirrored: bool, per_class: int = 12, seed: int = 0) -> Path:
    """Two classes of shapes on noisy backgrounds, placed and sized at random. `mirrored`:
    arrows pointing left and right (one class is the other's mirror image: orientation matters);
    else discs and squares (a mirror image is still the same class)."""
    rng = np.random.default_rng(seed)
    size = 64
    names = ("left", "right") if mirrored else ("disc", "square")
    for label, name in enumerate(names):
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            image = np.clip(rng.normal(200, 20, (size, size, 3)), 0, 255).astype(np.uint8)
            colour = tuple(int(c) for c in rng.integers(0, 90, 3))
            r = int(rng.integers(16, 22))
            cx, cy = (int(c) for c in rng.integers(r + 2, size - r - 2, 2))
            if mirrored:  # a triangle with a shaft: pointing left (label 0) or right
                tip = -1 if label == 0 else 1
                points = np.array([[cx + tip * r, cy], [cx, cy - r], [cx, cy + r]], np.int32)
                cv2.fillPoly(image, [points], colour)
                cv2.rectangle(image, (cx - tip * r, cy - r // 3), (cx, cy + r // 3), colour, -1)
            elif label == 0:
                cv2.circle(image, (cx, cy), r, colour, -1)
            else:
                cv2.rectangle(image, (cx - r, cy - r), (cx + r, cy + r), colour, -1)
            cv2.imwrite(str(folder / f"{i}.png"), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    return root
