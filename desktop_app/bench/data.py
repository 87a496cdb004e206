"""Benchmark data: real images and texts from `../shared/datasets`, replicated where a larger N
is needed.

An image set of N keeps flowers12's layout (train/<class>/, test/<class>/). The originals come
first; beyond them every further copy of a photo is a different, deterministic variant (mirror,
crop, brightness, JPEG re-encode), so each file has its own content hash and the feature cache
is truly cold for all N of them. Copies go to the split of their original, so the test split
stays a real held-out set.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from desktop_app.core.data.images import load_image


def shared_datasets() -> Path:
    """`../shared/datasets` beside the checkout (or $CLASSIFIER_STUDIO_DATASETS)."""
    configured = os.environ.get("CLASSIFIER_STUDIO_DATASETS")
    if configured:
        return Path(configured)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "datasets"
        if candidate.is_dir():
            return candidate
    return here.parents[2].parent / "shared" / "datasets"


def flowers12() -> Path:
    path = shared_datasets() / "images" / "flowers12"
    if not path.is_dir():
        raise FileNotFoundError(
            f"The benchmark needs the real images in {path} (see the README's Performance section)."
        )
    return path


def sources(root: Path | None = None) -> list[tuple[str, str, Path]]:
    """(split, class, path) of every original image, sorted: test images last."""
    root = root or flowers12()
    found = [
        (split.name, cls.name, path)
        for split in sorted(root.iterdir())
        if split.is_dir()
        for cls in sorted(split.iterdir())
        if cls.is_dir()
        for path in sorted(cls.glob("*.jpg"))
    ]
    return sorted(found, key=lambda item: (item[0] == "test", item[0], item[1], item[2].name))


def _variant(image: np.ndarray, number: int) -> np.ndarray:
    """Copy `number` (≥ 1) of a photo: a mirror, a crop of 80–100 % and a brightness change."""
    import cv2

    rng = np.random.default_rng(number)
    height, width = image.shape[:2]
    if number % 2:
        image = image[:, ::-1]
    keep = rng.uniform(0.8, 1.0)
    h, w = max(8, int(height * keep)), max(8, int(width * keep))
    top, left = rng.integers(0, height - h + 1), rng.integers(0, width - w + 1)
    image = cv2.resize(
        np.ascontiguousarray(image[top : top + h, left : left + w]),
        (width, height),
        interpolation=cv2.INTER_LINEAR,
    )
    gain = rng.uniform(0.85, 1.15)
    return np.clip(image.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def make_image_set(n: int, out: Path, test_share: float | None = None) -> Path:
    """N images under `out` (made once: an existing complete set is reused).

    The first len(originals) are byte copies of flowers12; later ones are variants spread
    over all originals in turn. `test_share` None keeps flowers12's own train/test ratio for
    the extra copies; 0 puts every extra copy in train (the test split stays the 240 originals).
    """
    import cv2

    out = Path(out)
    marker = out / ".complete"
    if marker.exists() and marker.read_text() == str(n):
        return out
    if out.exists():
        shutil.rmtree(out)
    originals = sources()
    if n < len(originals):  # a spread over every class and both splits
        originals = [originals[int(i)] for i in np.linspace(0, len(originals) - 1, n)]
    train_originals = [o for o in originals if o[0] != "test"]
    for i in range(n):
        if i < len(originals):
            split, cls, path = originals[i]
            target = out / split / cls / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            continue
        pool = train_originals if test_share == 0 else originals
        split, cls, path = pool[(i - len(originals)) % len(pool)]
        number = 1 + (i - len(originals)) // len(pool)
        image = _variant(load_image(path), number)
        target = out / split / cls / f"{path.stem}_v{number}.jpg"
        target.parent.mkdir(parents=True, exist_ok=True)
        ok, data = cv2.imencode(".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
        if not ok:
            raise RuntimeError(f"could not encode a variant of {path}")
        target.write_bytes(data.tobytes())
    marker.write_text(str(n))
    return out


def make_text_set(n: int, out: Path) -> Path:
    """The first N rows of SST-2's train.tsv plus its test.tsv (the issue-4 layout)."""
    out = Path(out)
    source = shared_datasets() / "text" / "sst2"
    if not (source / "train.tsv").is_file():
        raise FileNotFoundError(f"The text benchmark needs {source}/train.tsv.")
    out.mkdir(parents=True, exist_ok=True)
    with open(source / "train.tsv", encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(n + 1)]  # header + n rows
    (out / "train.tsv").write_text("".join(lines), encoding="utf-8")
    shutil.copyfile(source / "test.tsv", out / "test.tsv")
    return out
