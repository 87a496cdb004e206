"""Training-time augmentation of images for fine-tuning (albumentations on OpenCV).

Only the training split is augmented; validation, test, parity and the exported model see the
one preprocessing of the ONNX graph (`onnx_utils.preprocessing_graph`). Imported when a
fine-tune starts (albumentations imports torch and pydantic: about a second).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from desktop_app.core.errors import CoreError, Phrase
from desktop_app.core.training.events import Cancelled, CancelToken, Event, Finished, Progress

CROP_MIN_AREA = 0.35  # random resized crop: the smallest share of the image's area kept
# name → what it does, in words (metadata, and later the Train panel)
AUGMENTATIONS: dict[str, str] = {
    "crop": f"random resized crop ({CROP_MIN_AREA:.0%}-100 % of the area, aspect 3:4 to 4:3)",
    "flip": "horizontal flip (half of the images)",
    "rotate": "small rotation (up to 10 degrees, edges reflected)",
    "colour": "colour jitter (brightness, contrast, saturation 0.2, hue 0.02)",
}
DEFAULT_AUGMENTATIONS: tuple[str, ...] = tuple(AUGMENTATIONS)
# The automatic choice (`choose_augmentations`) measures on at most this many pictures per class
# and in all: mirroring them through the backbone costs one forward pass each.
CHOICE_PER_CLASS = 16
CHOICE_MAX_ITEMS = 160
# Flipping goes off when mirrored pictures are recognised worse by at least this much (share of
# the sample) and the loss is clear of chance (more pictures lost than gained, by ≥ 2 standard
# deviations of a sign test and by at least FLIP_MIN_LOST).
FLIP_MIN_DROP = 0.05
FLIP_MIN_LOST = 3
# … or when the pictures all face the same way: within a class, a picture minus its mirror image
# points the way the others' do (a leave-one-out sign test) for at least this share of them,
# clear of chance by FACING_MIN_Z standard deviations. Photos taken from any side: about half
# (flowers12 0.46, hymenoptera 0.56); hand signs all made with the right hand: 0.86.
FACING_MIN_SHARE = 0.75
FACING_MIN_Z = 3.5


class AugmentError(CoreError, ValueError):
    """An augmentation name this app does not know."""


def parse_augmentations(text: str) -> tuple[str, ...]:
    """`crop,flip,rotate,colour` (any order, spaces allowed) or `none` → the names, in the
    order of AUGMENTATIONS; AugmentError names the first unknown one and the choices."""
    words = [w.strip().lower() for w in text.split(",") if w.strip()]
    if words == ["none"]:
        return ()
    for word in words:
        if word not in AUGMENTATIONS:
            raise AugmentError("augment.unknown", word, ", ".join(AUGMENTATIONS))
    return tuple(name for name in AUGMENTATIONS if name in words)


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

    def to_pictures(self, pixels: np.ndarray) -> np.ndarray:
        """Augmented pixels [N, 3, size, size] back to uint8 RGB pictures [N, size, size, 3]
        (the normalisation undone), to show what training sees."""
        rgb = pixels.transpose(0, 2, 3, 1) / self._scale + self._mean
        return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class FlipTest:
    """What mirroring did to a head trained on the originals' frozen features (k-fold on a
    sample): `accuracy` on held-out originals, `mirrored_accuracy` on their mirror images."""

    n: int
    accuracy: float
    mirrored_accuracy: float
    lost: int  # right as they were, wrong mirrored
    gained: int  # wrong as they were, right mirrored
    taken_for: tuple[str, str, int] | None  # the commonest (class, class it became, count)
    facing: float  # share of pictures told from their mirror image (0.5: chance)
    facing_z: float  # … in standard deviations above chance
    recognised_worse: bool  # mirror images are recognised clearly worse
    same_way: bool  # the pictures all face the same way: a mirror image is unlike any of them

    @property
    def matters(self) -> bool:
        """Which way a picture faces matters here: no flipping."""
        return self.recognised_worse or self.same_way

    def to_json(self) -> dict:
        return {
            "sample": self.n,
            "accuracy": round(self.accuracy, 4),
            "mirrored_accuracy": round(self.mirrored_accuracy, 4),
            "lost": self.lost,
            "gained": self.gained,
            "taken_for": list(self.taken_for) if self.taken_for else None,
            "told_from_mirror": round(self.facing, 4),
            "told_from_mirror_z": round(self.facing_z, 2),
            "recognised_worse": self.recognised_worse,
            "same_way": self.same_way,
            "orientation_matters": self.matters,
        }


@dataclass(frozen=True)
class AugmentChoice:
    """The augmentations chosen for a dataset, and why (`reason`: plain words, keyed)."""

    names: tuple[str, ...]
    reason: Phrase
    flip_test: FlipTest | None = None
    seconds: float = 0.0
    backbone: str = ""

    def to_json(self) -> dict:
        """For the fine-tuning record in the model's metadata."""
        return {
            "automatic": True,
            "names": list(self.names),
            "reason": str(self.reason),
            "flip_test": None if self.flip_test is None else self.flip_test.to_json(),
            "backbone": self.backbone,
            "seconds": round(self.seconds, 3),
        }


def _sample_rows(labels: np.ndarray, rows: np.ndarray, seed: int) -> np.ndarray:
    """Up to CHOICE_PER_CLASS rows of each class (CHOICE_MAX_ITEMS in all), seeded."""
    rng = np.random.default_rng(seed)
    per_class = CHOICE_PER_CLASS
    classes = np.unique(labels[rows])
    if len(classes):
        per_class = max(2, min(per_class, CHOICE_MAX_ITEMS // len(classes)))
    chosen = [rng.permutation(rows[labels[rows] == c])[:per_class] for c in classes]
    return np.sort(np.concatenate(chosen)) if chosen else np.zeros(0, np.int64)


def _ridge_predictions(
    features: np.ndarray, mirrored: np.ndarray, labels: np.ndarray, n_classes: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Held-out predictions (k-fold) of a ridge classifier on L2-normalised features, for the
    originals and their mirror images: a head in closed form, no torch needed."""

    def unit(x: np.ndarray) -> np.ndarray:
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    x, m = unit(features.astype(np.float64)), unit(mirrored.astype(np.float64))
    smallest = np.bincount(labels, minlength=n_classes)
    k = int(max(2, min(5, smallest[smallest > 0].min())))
    rng = np.random.default_rng(seed)
    fold = np.empty(len(labels), np.int64)
    for c in np.unique(labels):  # stratified: each class spread over the folds
        where = rng.permutation(np.flatnonzero(labels == c))
        fold[where] = np.arange(len(where)) % k
    targets = np.eye(n_classes)[labels]
    as_is = np.empty(len(labels), np.int64)
    flipped = np.empty(len(labels), np.int64)
    for f in range(k):
        train, held = fold != f, fold == f
        if not held.any() or not train.any():
            continue
        mean = x[train].mean(0)
        a = x[train] - mean
        y = targets[train] - targets[train].mean(0)
        weights = a.T @ np.linalg.solve(a @ a.T + 0.1 * np.eye(len(a)), y)
        as_is[held] = ((x[held] - mean) @ weights).argmax(1)
        flipped[held] = ((m[held] - mean) @ weights).argmax(1)
    return as_is, flipped


def flip_test(
    features: np.ndarray,
    mirrored: np.ndarray,
    labels: np.ndarray,
    classes: Sequence[str],
    seed: int = 0,
) -> FlipTest:
    """Does mirroring change what the pictures show? Measured: a head trained on originals
    recognises held-out mirror images clearly worse (`FlipTest.matters`)."""
    labels = np.asarray(labels, np.int64)
    as_is, flipped = _ridge_predictions(features, mirrored, labels, len(classes), seed)
    right, right_mirrored = as_is == labels, flipped == labels
    lost = int((right & ~right_mirrored).sum())
    gained = int((~right & right_mirrored).sum())
    accuracy, mirrored_accuracy = float(right.mean()), float(right_mirrored.mean())
    swaps = Counter(
        (int(a), int(b)) for a, b, r in zip(labels, flipped, right, strict=True) if r and a != b
    )
    taken_for = None
    if swaps:
        (a, b), count = swaps.most_common(1)[0]
        taken_for = (classes[a], classes[b], count)
    worse = accuracy - mirrored_accuracy >= FLIP_MIN_DROP and lost - gained >= max(
        FLIP_MIN_LOST, 2 * math.sqrt(lost + gained)
    )
    facing, facing_z = _told_from_mirror(features, mirrored, labels)
    same_way = facing >= FACING_MIN_SHARE and facing_z >= FACING_MIN_Z
    return FlipTest(
        len(labels),
        accuracy,
        mirrored_accuracy,
        lost,
        gained,
        taken_for,
        facing,
        facing_z,
        worse,
        same_way,
    )


def _told_from_mirror(
    features: np.ndarray, mirrored: np.ndarray, labels: np.ndarray
) -> tuple[float, float]:
    """How often a picture's difference from its mirror image points the same way as the
    other pictures' of its class (leave one out): about half when pictures face either way,
    near all when they face one way. Returns (share, standard deviations above chance)."""

    def unit(x: np.ndarray) -> np.ndarray:
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    difference = unit(features.astype(np.float64)) - unit(mirrored.astype(np.float64))
    hits: list[bool] = []
    for c in np.unique(labels):
        rows = difference[labels == c]
        if len(rows) < 3:
            continue
        total = rows.sum(0)
        hits.extend(float(row @ (total - row)) > 0 for row in rows)
    if not hits:
        return 0.5, 0.0
    share = float(np.mean(hits))
    return share, (share - 0.5) / math.sqrt(0.25 / len(hits))


def choose_augmentations(
    dataset,
    backbone_id: str,
    cancel: CancelToken | None = None,
    seed: int = 0,
    cache_dir=None,
) -> Iterator[Event]:
    """Progress("augment", …), then Finished(AugmentChoice): crop, rotation and colour jitter
    always; horizontal flip unless measurement says which way pictures face matters (digits,
    text, arrows…): the frozen backbone's features of a sample and of its mirror images
    (`flip_test`). The originals' features come from the feature cache."""
    import time

    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.features import extract_image_features
    from desktop_app.core.runtime import create_session, run_images

    cancel = cancel or CancelToken()
    start = time.perf_counter()
    backbone = get_backbone(backbone_id)
    labels = np.asarray(dataset.labels, np.int64)
    rows = np.flatnonzero(np.asarray(dataset.splits) != "test")
    rows = _sample_rows(labels, rows, seed)
    items = [dataset.items[i] for i in rows]
    total = 2 * len(items)
    yield Progress("augment", 0, total, message="Choosing the augmentations")
    features = None
    for event in extract_image_features(items, backbone, cancel, cache_dir=cache_dir):
        if isinstance(event, Cancelled):
            yield Cancelled("augment")
            return
        if isinstance(event, Finished):
            features = event.result
        elif isinstance(event, Progress) and event.total:
            yield Progress("augment", event.done, total, message="Choosing the augmentations")
    assert features is not None
    kept = [items[i] for i in features.positions]
    kept_labels = labels[rows[features.positions]]
    mirrored: list[np.ndarray] = []
    good: list[int] = []
    session = create_session(str(backbone.model_path)) if kept else None
    batch: list[np.ndarray] = []
    for n, item in enumerate(kept):
        try:
            batch.append(np.ascontiguousarray(load_image(item)[:, ::-1]))
            good.append(n)
        except ImageError:
            pass
        if batch and (len(batch) == 16 or n + 1 == len(kept)):
            mirrored.append(run_images(session, batch))
            batch = []
            yield Progress(
                "augment", len(kept) + n + 1, total, message="Choosing the augmentations"
            )
        if cancel.cancelled:
            yield Cancelled("augment")
            return
    names = tuple(AUGMENTATIONS)
    test = None
    counts = np.bincount(kept_labels[good], minlength=len(dataset.classes)) if good else []
    if len(good) >= 10 and sum(1 for c in counts if c >= 2) >= 2:
        keep = [i for i in good if counts[kept_labels[i]] >= 2]
        position = {n: j for j, n in enumerate(good)}
        test = flip_test(
            features.features[keep],
            np.concatenate(mirrored)[[position[i] for i in keep]],
            np.searchsorted(np.unique(kept_labels[keep]), kept_labels[keep]),
            [dataset.classes[c] for c in np.unique(kept_labels[keep])],
            seed,
        )
    if test is None:
        reason = Phrase("augment.flip_unmeasured")
    else:
        shown = (round(100 * test.accuracy), round(100 * test.mirrored_accuracy), test.n)
        if not test.matters:
            reason = Phrase("augment.flip_on", shown)
        elif test.recognised_worse and test.taken_for is not None and test.taken_for[2] >= 2:
            reason = Phrase("augment.flip_off_swap", (*shown, *test.taken_for[:2]))
        elif test.recognised_worse:
            reason = Phrase("augment.flip_off", shown)
        else:
            reason = Phrase("augment.flip_off_facing", (round(100 * test.facing), test.n))
        if test.matters:
            names = tuple(n for n in names if n != "flip")
    yield Finished(AugmentChoice(names, reason, test, time.perf_counter() - start, backbone.id))


def combination_index(names: Sequence[str]) -> int:
    """The index of a set of augmentations among all 2^4 sets (bit i: AUGMENTATIONS' i-th)."""
    return sum(1 << i for i, name in enumerate(AUGMENTATIONS) if name in names)


def preview_pictures(
    images: Sequence[np.ndarray],
    size: int,
    mean: Sequence[float],
    std: Sequence[float],
    rounds: int,
    thumbnail: int,
    seed: int = 0,
) -> np.ndarray:
    """What training sees: `images` (uint8 RGB, len a multiple of `rounds`) passed through the
    training Augmenter for every set of augmentations, normalisation undone, shrunk to
    `thumbnail` pixels: uint8 [rounds, 2^4 sets (`combination_index`), per round, t, t, 3].
    Every set is computed at once so the window switches between them without waiting."""
    import cv2

    names = tuple(AUGMENTATIONS)
    per_round = len(images) // rounds
    out = np.zeros((rounds, 1 << len(names), per_round, thumbnail, thumbnail, 3), np.uint8)
    kept = [keep_size(image, size) for image in images]
    for combo in range(1 << len(names)):
        chosen = [name for i, name in enumerate(names) if combo >> i & 1]
        for r in range(rounds):
            augmenter = Augmenter(size, mean, std, chosen, seed + r)
            pictures = augmenter.to_pictures(augmenter(kept[r * per_round : (r + 1) * per_round]))
            for j, picture in enumerate(pictures):
                out[r, combo, j] = cv2.resize(
                    picture, (thumbnail, thumbnail), interpolation=cv2.INTER_AREA
                )
    return out
