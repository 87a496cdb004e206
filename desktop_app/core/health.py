"""Data health: what in a dataset is probably wrong, found from its features and out-of-fold
probabilities, each finding with its items, the evidence and a suggested fix.

- `label_issues`: confident learning (Northcutt, Jiang & Chuang, "Confident Learning:
  Estimating Uncertainty in Dataset Labels", JAIR 2021), the method `cleanlab` implements:
  per-class thresholds (the mean probability of a class over the items given it), the
  confident joint of given × likely true labels, calibrated to the class counts, then "prune by
  noise rate": for each off-diagonal cell (i, j) the n·Q[i, j] items given i with the largest
  margin p_j − p_i; never an item whose likeliest class is its own. Ranked by
  self-confidence (the probability of the given label, lowest first). Implemented here on
  numpy rather than depending on `cleanlab` (it would bring pandas and scikit-learn into the
  app for ~60 lines of arithmetic); checked against cleanlab 2.9.0's `find_label_issues`
  (prune_by_noise_rate, ranked by self_confidence): the same ranked list on flowers12's
  out-of-fold probabilities and on 46 of 50 random problems (the others differ by 1–2 items).
- `near_duplicates`: pairs whose embeddings (centred on the data's mean) have cosine
  similarity ≥ DUPLICATE_SIMILARITY, found with blockwise matrix products (10,000 items: 10
  products of 1,024 × 10,000); for images also pairs among each other's K_NEIGHBOURS nearest
  that share keypoints in the same places (`core/data/copies.py`): a resized, re-encoded,
  slightly cropped copy is often no closer in embedding space than another flower of its kind.
  `leaks` are such pairs in different splits (train/val/test).
- `outliers`: items far from every class: the smallest Mahalanobis distance to a class mean
  (shared within-class covariance of the main directions of the features) above Q3 + 2·IQR
  of all items'. Not "nearest neighbours all far": strays come in groups (a few screenshots, a
  few insects among flowers) and are each other's neighbours; measured, that found 0 of 10.
- `class_balance`: classes with far fewer items than the median class; `too_small`: images
  far below the backbone's input size.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from desktop_app.core.data.copies import MIN_INLIERS, verify_pairs
from desktop_app.core.errors import Phrase
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

KINDS = ("label_issues", "leaks", "near_duplicates", "outliers", "class_balance", "too_small")
# centred cosine at which two items are one without looking further (flowers12: exact copies
# ~1.0, different photos up to ~0.97, planted copies 0.50–0.98: see the README's Data health)
DUPLICATE_SIMILARITY = 0.95
# images: pairs among each other's K nearest at or above this are checked for shared keypoints
CANDIDATE_SIMILARITY = 0.45
K_NEIGHBOURS = 5
BLOCK_ROWS = 1024
# outliers: flowers12 with 10 strays planted (bench.health strays): 8 of 10 found, 3 other
# items; clean flowers12 3, clean hymenoptera 3 (see the README's Data health)
OUTLIER_DIMENSIONS = 128
OUTLIER_SHRINKAGE = 0.2
OUTLIER_FENCE = 2.0  # IQRs above the third quartile of the squared distances
SMALL_FRACTION = 0.5  # an image whose shorter side is below half the backbone's input
BALANCE_FRACTION = 0.5  # a class below half the median class
FEW_ITEMS = 10  # a class with fewer items than this always gets advice


@dataclass(frozen=True)
class Finding:
    """One thing worth a look: its kind, the items (dataset positions and their paths/texts),
    a score in 0…1 (higher: surer or worse), the evidence and the suggested fix as phrases;
    `suggested` is the class a label issue suggests (index), `fix_action` what one click does:
    "relabel", "remove" (the second item of a pair, or the item) or "collect" (add data)."""

    kind: str
    positions: tuple[int, ...]
    items: tuple[str, ...]
    score: float
    evidence: Phrase
    fix: Phrase
    fix_action: str
    suggested: int | None = None
    cls: str = ""  # class_balance: the class

    @property
    def id(self) -> str:
        """Stable across runs (what a kept finding is remembered by): kind + items (+ class)."""
        digest = hashlib.blake2b(digest_size=8)
        for part in (self.kind, self.cls, *sorted(self.items)):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return f"{self.kind}:{digest.hexdigest()}"

    def to_json(self, classes: Sequence[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "items": list(self.items),
            "score": round(self.score, 4),
            "evidence": str(self.evidence),
            "fix": str(self.fix),
            "fix_action": self.fix_action,
        }
        if self.suggested is not None:
            out["suggested_label"] = classes[self.suggested]
        if self.cls:
            out["class"] = self.cls
        return out


@dataclass(frozen=True)
class HealthReport:
    """Findings ranked within each kind (kinds in KINDS order), what was looked at, timings."""

    findings: tuple[Finding, ...]
    classes: tuple[str, ...]
    n_items: int
    hidden: int = 0  # findings kept earlier (not shown again)
    timings: dict[str, float] = field(default_factory=dict)
    pairs_checked: int = 0  # look-alike image pairs whose keypoints were compared

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def to_json(self) -> dict[str, Any]:
        counts = {kind: len(self.of_kind(kind)) for kind in KINDS}
        return {
            "n_items": self.n_items,
            "counts": counts,
            "hidden_kept": self.hidden,
            "findings": {k: [f.to_json(self.classes) for f in self.of_kind(k)] for k in KINDS},
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "pairs_checked": self.pairs_checked,
        }


# ----------------------------------------------------------------- label issues
def confident_learning(
    probabilities: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(issue rows ranked worst first, their suggested classes, their scores 1 − p[given]).

    `probabilities`: out-of-fold [n, c]; `labels`: the given labels."""
    p = np.asarray(probabilities, np.float64)
    y = np.asarray(labels, np.int64)
    n, c = p.shape
    counts = np.bincount(y, minlength=c)
    # per-class thresholds: the mean probability of class j over items given j
    thresholds = np.array(
        [p[y == j, j].mean() if counts[j] else 1.0 for j in range(c)], dtype=np.float64
    )
    above = p >= thresholds[None, :] - 1e-6
    # the likely true class: the one above its threshold (the likeliest when several are)
    likely = np.where(above.sum(1) > 1, p.argmax(1), above.argmax(1))
    confident = above.any(1)
    joint = np.zeros((c, c), np.float64)
    np.add.at(joint, (y[confident], likely[confident]), 1)
    joint[np.diag_indices(c)] = np.maximum(joint.diagonal(), 1)
    # calibrate: each row sums to its class's count, then the whole to n
    row = joint.sum(1, keepdims=True)
    joint = np.where(row > 0, joint / np.maximum(row, 1) * counts[:, None], 0)
    joint = joint / max(joint.sum(), 1e-12) * n
    remove_counts = _round_rows(joint)  # integers, each row's total kept (as cleanlab does)
    flagged = np.zeros(n, bool)
    for i in range(c):
        given = np.flatnonzero(y == i)
        if given.size <= 1:
            continue
        budget = given.size - 1  # never every item of a class
        for j in range(c):
            if i == j:
                continue
            remove = min(int(remove_counts[i, j]), budget)
            if remove <= 0:
                continue
            margin = p[given, j] - p[given, i]
            order = given[np.argsort(-margin, kind="stable")[:remove]]
            flagged[order] = True
    # never an item whose likeliest class is the one it is given
    flagged &= p.argmax(1) != y
    rows = np.flatnonzero(flagged)
    # the suggestion: the likeliest other class
    others = p[rows].copy()
    others[np.arange(rows.size), y[rows]] = -1.0
    suggested = others.argmax(1)
    score = 1.0 - p[rows, y[rows]]
    order = np.argsort(-score, kind="stable")
    return rows[order], suggested[order], score[order]


def _round_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row rounded to integers that keep the row's rounded total (cleanlab's
    `round_preserving_row_totals`: round half to even, then move the units still missing or
    extra to the cells rounded furthest the other way)."""
    out = np.round(matrix)
    for i, row in enumerate(matrix):
        missing = int(np.round(np.round(row.sum()) - out[i].sum()))
        if missing:
            step = 1 if missing > 0 else -1
            order = np.argsort(row - out[i])[::-step][: abs(missing)]
            out[i, order] += step
    return out.astype(np.int64)


# ----------------------------------------------------------------- neighbours
@dataclass(frozen=True)
class Neighbours:
    """Pairs (i < j) at or above the duplicate similarity, and each row's K nearest others."""

    first: np.ndarray
    second: np.ndarray
    similarity: np.ndarray
    nearest: np.ndarray  # [n, k] cosine similarities of each item's k nearest others
    nearest_rows: np.ndarray  # [n, k] which rows those are

    def candidates(
        self, floor: float = CANDIDATE_SIMILARITY
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Pairs (i < j) where one is among the other's nearest at ≥ `floor`, not already
        at the duplicate similarity: (first, second, similarity)."""
        n, k = self.nearest_rows.shape
        i = np.repeat(np.arange(n), k)
        j = self.nearest_rows.reshape(-1)
        s = self.nearest.reshape(-1)
        keep = (s >= floor) & (s < DUPLICATE_SIMILARITY)
        a, b = np.minimum(i, j)[keep], np.maximum(i, j)[keep]
        key, first = np.unique(a * n + b, return_index=True)
        return key // n, key % n, s[keep][first]


def normalised(features: np.ndarray) -> np.ndarray:
    """Rows centred on the data's mean, to unit length: pooled CNN features are all positive,
    so raw cosines are all high; centred ones separate copies from look-alikes better
    (flowers12 with planted copies: see the README)."""
    x = np.asarray(features, np.float32)
    x = x - x.mean(0, keepdims=True)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


def neighbours(
    features: np.ndarray,
    threshold: float = DUPLICATE_SIMILARITY,
    k: int = K_NEIGHBOURS,
    cancel: CancelToken | None = None,
    block: int = BLOCK_ROWS,
) -> Generator[object, None, Neighbours | None]:
    """Blockwise cosine similarities (`block` rows × all columns at a time): Progress("compare")
    per block; returns the Neighbours (None if cancelled, after yielding `Cancelled`)."""
    cancel = cancel or CancelToken()
    x = normalised(features)
    n = x.shape[0]
    k = max(0, min(k, n - 1))
    firsts, seconds, sims = [], [], []
    nearest = np.zeros((n, k), np.float32)
    nearest_rows = np.zeros((n, k), np.int64)
    blocks = max(1, -(-n // block))
    yield Progress("compare", 0, blocks)
    for b in range(blocks):
        if cancel.cancelled:
            yield Cancelled("compare")
            return None
        lo, hi = b * block, min(n, (b + 1) * block)
        s = x[lo:hi] @ x.T  # [rows, n]
        rows = np.arange(hi - lo)
        s[rows, rows + lo] = -np.inf  # not oneself
        if k:
            part = np.argpartition(s, n - k, axis=1)[:, n - k :]
            values = np.take_along_axis(s, part, axis=1)
            order = np.argsort(-values, axis=1)
            nearest[lo:hi] = np.take_along_axis(values, order, axis=1)
            nearest_rows[lo:hi] = np.take_along_axis(part, order, axis=1)
        r, col = np.nonzero(s >= threshold)
        keep = col > r + lo
        firsts.append(r[keep] + lo)
        seconds.append(col[keep])
        sims.append(s[r[keep], col[keep]])
        yield Progress("compare", b + 1, blocks)
    return Neighbours(
        np.concatenate(firsts).astype(np.int64),
        np.concatenate(seconds).astype(np.int64),
        np.concatenate(sims).astype(np.float32),
        nearest,
        nearest_rows,
    )


def _main_directions(x: np.ndarray, d: int) -> np.ndarray:
    """[features, d]: the d main directions of the centred rows x, exactly (the eigenvectors
    of xᵀx, or of x xᵀ when there are fewer rows than features). A randomised SVD was
    faster but moved which items pass the fence (flowers12 with strays: 8 → 6 of 10 found)."""
    n, width = x.shape
    if n < width:  # the eigenvectors of the smaller x xᵀ, carried over (SVD: 10× slower)
        values, vectors = np.linalg.eigh(x @ x.T)  # ascending: the main directions come last
        values, vectors = values[::-1][:d], vectors[:, ::-1][:, :d]
        directions = x.T @ vectors / np.sqrt(np.maximum(values, 1e-12))
        return directions
    _, vectors = np.linalg.eigh(x.T @ x)
    return vectors[:, ::-1][:, :d]


def _split(name: str) -> Phrase | str:
    """A split's name as the user reads it ("val" → "validation", translated by the window)."""
    words = {
        "train": Phrase("split.train"),
        "val": Phrase("split.val"),
        "test": Phrase("split.test"),
    }
    return words.get(name, name)


def outlier_rows(
    features: np.ndarray, labels: np.ndarray, fence: float = OUTLIER_FENCE
) -> tuple[np.ndarray, np.ndarray, float]:
    """(rows unlike every class, worst first; their distance to the nearest class; the median
    item's distance). The distance is Mahalanobis's to each class's mean, with the classes'
    shared (within-class) covariance, in the OUTLIER_DIMENSIONS main directions of the
    centred features, shrunk towards a multiple of the identity (Lee et al., NeurIPS 2018)."""
    n = features.shape[0]
    if n < 8 or len(np.unique(labels)) < 1:
        return np.zeros(0, np.int64), np.zeros(0), 0.0
    x = normalised(features).astype(np.float64)
    x -= x.mean(0, keepdims=True)
    d = max(1, min(OUTLIER_DIMENSIONS, x.shape[1], n // 3))
    z = x @ _main_directions(x, d)
    present, index = np.unique(labels, return_inverse=True)
    means = np.stack([z[index == c].mean(0) for c in range(present.size)])
    within = z - means[index]
    covariance = within.T @ within / n
    covariance = (1 - OUTLIER_SHRINKAGE) * covariance + OUTLIER_SHRINKAGE * np.trace(
        covariance
    ) / d * np.eye(d)
    precision = np.linalg.inv(covariance)
    squared = np.full(n, np.inf)
    for mean in means:
        diff = z - mean
        squared = np.minimum(squared, ((diff @ precision) * diff).sum(1))
    q1, q3 = np.percentile(squared, [25, 75])
    rows = np.flatnonzero(squared > q3 + fence * (q3 - q1))
    order = np.argsort(-squared[rows], kind="stable")
    distance = np.sqrt(np.maximum(squared, 0))
    return rows[order], distance[rows][order], float(np.median(distance))


# ----------------------------------------------------------------- the whole inspection
@dataclass(frozen=True)
class HealthInput:
    """What an inspection looks at: the items (paths or texts), given labels, splits, the
    features' rows (`positions` index the items), out-of-fold probabilities for those rows
    (empty: no label issues), image sizes ((0, 0) unknown; empty for texts)."""

    classes: tuple[str, ...]
    items: tuple[str, ...]
    labels: np.ndarray
    splits: tuple[str, ...]
    features: np.ndarray
    positions: np.ndarray
    probabilities: np.ndarray
    prob_rows: np.ndarray  # rows of `features` the probabilities belong to
    sizes: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), np.int64))
    input_size: int = 0
    noun: str = "image"  # "image" / "text": in the advice
    verify_copies: bool = False  # images: look for shared keypoints in near neighbours


def inspect_health(
    data: HealthInput, cancel: CancelToken | None = None, kept: Sequence[str] = ()
) -> Iterator[object]:
    """Every check; Progress("compare") while comparing items, then Finished(HealthReport)
    (findings whose id is in `kept` left out), or Cancelled."""
    cancel = cancel or CancelToken()
    timings: dict[str, float] = {}
    findings: list[Finding] = []
    classes = data.classes
    labels = np.asarray(data.labels, np.int64)
    pos = np.asarray(data.positions, np.int64)

    start = time.perf_counter()
    if data.probabilities.size and len(classes) > 1:
        rows_local, suggested, scores = confident_learning(
            data.probabilities, labels[pos[data.prob_rows]]
        )
        for r, s, score in zip(rows_local, suggested, scores, strict=True):
            position = int(pos[data.prob_rows[r]])
            given = int(labels[position])
            p_given = float(data.probabilities[r, given])
            p_suggested = float(data.probabilities[r, s])
            findings.append(
                Finding(
                    "label_issues",
                    (position,),
                    (data.items[position],),
                    float(score),
                    Phrase(
                        "health.label_evidence",
                        (classes[given], _percent(p_given), classes[int(s)], _percent(p_suggested)),
                    ),
                    Phrase("health.label_fix", (classes[int(s)],)),
                    "relabel",
                    int(s),
                )
            )
    timings["label_issues"] = time.perf_counter() - start

    start = time.perf_counter()
    found = yield from neighbours(data.features, cancel=cancel)
    if found is None:
        return
    timings["compare"] = time.perf_counter() - start
    first, second, similarity = found.first, found.second, found.similarity
    points = np.full(first.size, -1, np.int64)  # -1: not looked at (alike enough as it is)
    checked = 0
    if data.verify_copies:
        start = time.perf_counter()
        c_first, c_second, c_similarity = found.candidates()
        paths = [data.items[int(p)] for p in pos]
        shared = yield from verify_pairs(paths, c_first, c_second, cancel)
        if shared is None:
            return
        checked = int(shared.size)
        copies = shared >= MIN_INLIERS
        first = np.concatenate([first, c_first[copies]])
        second = np.concatenate([second, c_second[copies]])
        similarity = np.concatenate([similarity, c_similarity[copies]])
        points = np.concatenate([points, shared[copies]])
        timings["verify"] = time.perf_counter() - start
    leaks, duplicates = [], []
    for a, b, sim, shared_points in zip(first, second, similarity, points, strict=True):
        pa, pb = int(pos[a]), int(pos[b])
        split_a, split_b = data.splits[pa], data.splits[pb]
        alike = (
            Phrase("health.alike", (_percent(float(sim)),))
            if shared_points < 0
            else Phrase("health.alike_points", (_percent(float(sim)), int(shared_points)))
        )
        # a pair's score: 1 for the same picture, lower the less alike (points: up to 100)
        score = float(sim) if shared_points < 0 else max(float(sim), min(1.0, shared_points / 100))
        if split_a != split_b:
            # the copy to remove: the one outside train (train keeps what it learns from)
            pa, pb = (pa, pb) if split_a == "train" else (pb, pa)
        same = labels[pa] == labels[pb]
        label_note = (
            Phrase("health.same_class", (classes[labels[pa]],))
            if same
            else Phrase("health.other_classes", (classes[labels[pa]], classes[labels[pb]]))
        )
        if split_a != split_b:
            keep, drop = pa, pb
            leaks.append(
                Finding(
                    "leaks",
                    (keep, drop),
                    (data.items[keep], data.items[drop]),
                    score,
                    Phrase(
                        "health.leak_evidence",
                        (alike, _split(data.splits[keep]), _split(data.splits[drop]), label_note),
                    ),
                    Phrase("health.leak_fix", (_split(data.splits[drop]),)),
                    "remove",
                )
            )
        else:
            duplicates.append(
                Finding(
                    "near_duplicates",
                    (pa, pb),
                    (data.items[pa], data.items[pb]),
                    score,
                    Phrase("health.duplicate_evidence", (alike, label_note)),
                    Phrase("health.duplicate_fix"),
                    "remove",
                )
            )
    findings.extend(sorted(leaks, key=lambda f: -f.score))
    findings.extend(sorted(duplicates, key=lambda f: -f.score))

    rows, distance, typical = outlier_rows(data.features, labels[pos])
    for r, d in zip(rows, distance, strict=True):
        position = int(pos[r])
        findings.append(
            Finding(
                "outliers",
                (position,),
                (data.items[position],),
                float(1.0 - typical / d) if d > 0 else 0.0,
                Phrase(
                    "health.outlier_evidence",
                    (classes[labels[position]], f"{d / max(typical, 1e-9):.1f}"),
                ),
                Phrase("health.outlier_fix", (classes[labels[position]],)),
                "remove",
            )
        )

    findings.extend(_balance(classes, labels[pos], data.noun))
    findings.extend(_too_small(data, labels))
    hidden = sum(f.id in set(kept) for f in findings)
    kept_set = set(kept)
    yield Finished(
        HealthReport(
            tuple(f for f in findings if f.id not in kept_set),
            classes,
            int(pos.size),
            hidden,
            timings,
            checked,
        )
    )


def _percent(p: float) -> str:
    return "<1 %" if p < 0.005 else f"{100 * p:.0f} %"


def _balance(classes: Sequence[str], labels: np.ndarray, noun: str) -> list[Finding]:
    counts = np.bincount(labels, minlength=len(classes))
    if len(classes) < 2:
        return []
    median = float(np.median(counts))
    out = []
    for c, count in enumerate(counts):
        target = max(int(round(median)), FEW_ITEMS)
        if count >= BALANCE_FRACTION * median and count >= FEW_ITEMS:
            continue
        more = target - int(count)
        if more <= 0:
            continue
        out.append(
            Finding(
                "class_balance",
                (),
                (),
                float(1.0 - count / max(target, 1)),
                Phrase("health.balance_evidence", (classes[c], int(count), int(round(median)))),
                Phrase("health.balance_fix_text", (more, classes[c]))
                if noun == "text"
                else Phrase("health.balance_fix_image", (more, classes[c])),
                "collect",
                cls=classes[c],
            )
        )
    return sorted(out, key=lambda f: -f.score)


def _too_small(data: HealthInput, labels: np.ndarray) -> list[Finding]:
    if not data.input_size or not len(data.sizes):
        return []
    sizes = np.asarray(data.sizes)
    limit = SMALL_FRACTION * data.input_size
    out = []
    for position in np.flatnonzero((sizes.min(1) > 0) & (sizes.min(1) < limit)):
        w, h = (int(v) for v in sizes[position])
        out.append(
            Finding(
                "too_small",
                (int(position),),
                (data.items[position],),
                float(1.0 - min(w, h) / data.input_size),
                Phrase("health.small_evidence", (w, h, data.input_size)),
                Phrase("health.small_fix"),
                "remove",
            )
        )
    return sorted(out, key=lambda f: -f.score)
