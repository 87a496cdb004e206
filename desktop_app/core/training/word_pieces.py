"""Word pieces beside the sentence vector: one linear model reads both (pretrained text models).

A frozen sentence encoder squeezes a review into one vector; on ChnSentiCorp that vector stops
at ~0.89-0.90 however its head is built (README), while a plain TF-IDF model over the encoder's
own word pieces gets 0.903 alone. This head gives one logistic regression both: the TF-IDF
vector of the text's word pieces and of its pairs of neighbouring pieces (sublinear counts,
smoothed idf from the training texts, unit length) side by side with the sentence vector (unit
length too, so neither side outweighs the other), L2-regularised as scikit-learn's
`LogisticRegression(C=10)`, fitted by L-BFGS on the whole training split.

ONE tokenizer, ONE file: the pieces are the backbone's own `input_ids`, so the exported model
keeps the text contract (`input_ids`, `attention_mask` → `probabilities`); the n-grams, counts,
idf and lengths are computed in the graph (`PiecesHead`) from the ids, the graph's other input
being the encoder's `embedding` (export.join_head wires both). Training computes the same
numbers with numpy (`PieceTable.weights`); the export's parity check compares the two paths.

Pairs are hashed into `BUCKETS` rows (id·P + next id mod BUCKETS); only n-grams seen in the
training texts get a row (`PieceTable.remap`, 0 = unseen: no weight, no share of the length).
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from desktop_app.core.catalog import Backbone
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    EtaClock,
    Event,
    Finished,
    Message,
    Progress,
)

PAIR_PRIME = 1_000_003
BUCKETS = 1 << 18
# scikit-learn's C: the penalty is |w|² / (2 C n_train) per training text
REGULARISATION = 10.0
ROUNDS = 30  # L-BFGS rounds at most (one point on the curves each) …
ITERATIONS = 10  # … of this many iterations
# L-BFGS keeps 2 x history copies of the weights: at most this many floats in all
HISTORY_FLOATS = 50_000_000
STATE_KEYS = ("remap", "idf", "table", "vector.weight", "vector.bias")


def applies(backbone: Backbone) -> bool:
    """Whether word pieces can sit beside `backbone`'s vector: a pretrained text encoder."""
    return backbone.task == "text" and backbone.kind == "pretrained" and bool(backbone.max_length)


def is_pieces_state(state: dict) -> bool:
    """Whether a run's saved head state is this model's (a head cannot continue from it; this
    model always fits from zero: its problem is convex and takes seconds)."""
    return all(key in state for key in STATE_KEYS)


def raw_pieces(ids: Sequence[int], vocab_size: int) -> np.ndarray:
    """A text's n-gram numbers: its piece ids, then its neighbouring pairs hashed after them."""
    a = np.asarray(ids, np.int64)
    pairs = vocab_size + (a[:-1] * PAIR_PRIME + a[1:]) % BUCKETS
    return np.concatenate([a, pairs])


@dataclass(frozen=True)
class PieceTable:
    """The n-grams seen in training: their rows and inverse document frequencies."""

    vocab_size: int
    remap: np.ndarray  # int32 [vocab_size + BUCKETS]: n-gram → row, 0 where not seen
    idf: np.ndarray  # float32 [rows]: row 0 (unseen) is 0

    @property
    def rows(self) -> int:
        return len(self.idf)

    @classmethod
    def fit(cls, train_ids: Sequence[Sequence[int]], vocab_size: int) -> PieceTable:
        """idf = ln((1 + n) / (1 + df)) + 1 over the training texts (scikit-learn's smooth idf)."""
        seen = [np.unique(raw_pieces(ids, vocab_size)) for ids in train_ids]
        grams, df = np.unique(
            np.concatenate(seen) if seen else np.zeros(0, np.int64), return_counts=True
        )
        remap = np.zeros(vocab_size + BUCKETS, np.int32)
        remap[grams] = np.arange(1, len(grams) + 1, dtype=np.int32)
        n = len(train_ids)
        idf = np.concatenate([[0.0], np.log((1.0 + n) / (1.0 + df)) + 1.0]).astype(np.float32)
        return cls(vocab_size, remap, idf)

    def weights(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """One text's rows and TF-IDF weights ((1 + ln count)·idf, unit length)."""
        grams, counts = np.unique(raw_pieces(ids, self.vocab_size), return_counts=True)
        rows = self.remap[grams].astype(np.int64)
        keep = rows > 0
        rows, counts = rows[keep], counts[keep]
        w = (1.0 + np.log(counts)) * self.idf[rows].astype(np.float64)
        norm = math.sqrt(float((w * w).sum()))
        return rows, (w / max(norm, 1e-12)).astype(np.float32)


def _packed(table: PieceTable, token_ids: Sequence[Sequence[int]], torch):
    """EmbeddingBag inputs (rows, offsets, weights) for these texts."""
    parts = [table.weights(ids) for ids in token_ids]
    sizes = [len(r) for r, _ in parts]
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    rows = np.concatenate([r for r, _ in parts]) if parts else np.zeros(0, np.int64)
    weights = np.concatenate([w for _, w in parts]) if parts else np.zeros(0, np.float32)
    return torch.from_numpy(rows), torch.from_numpy(offsets), torch.from_numpy(weights)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def fit_word_pieces(
    config: TrainConfig,
    backbone: Backbone,
    features: np.ndarray,
    token_ids: Sequence[Sequence[int]],
    labels: np.ndarray,
    splits: np.ndarray,
    n_classes: int,
    vocab_size: int,
    cancel: CancelToken | None = None,
    keep_rows: np.ndarray | None = None,
) -> Iterator[Event]:
    """Fit the pieces + vector model; `Finished(HeadFit)` like `loop.fit` (its ONNX takes
    `embedding`, `input_ids`, `attention_mask`). Each L-BFGS round is an epoch on the curves;
    the round with the lowest validation loss is kept."""
    from desktop_app.core.torch_loading import import_torch
    from desktop_app.core.training.heads import balanced_class_weights
    from desktop_app.core.training.loop import HeadFit, every_row

    fit_start = time.perf_counter()
    torch, _ = import_torch()
    torch_import_seconds = time.perf_counter() - fit_start
    cancel = cancel or CancelToken()
    from torch.nn import functional as F

    torch.manual_seed(config.seed)
    train_rows = np.flatnonzero(splits == "train")
    val_rows = np.flatnonzero(splits == "val")
    table = PieceTable.fit([token_ids[i] for i in train_rows], vocab_size)
    unit = torch.from_numpy(_unit(np.asarray(features, np.float32)))
    width = unit.shape[1]
    bag = torch.nn.EmbeddingBag(table.rows, n_classes, mode="sum")
    torch.nn.init.zeros_(bag.weight)
    vector = torch.nn.Linear(width, n_classes)
    torch.nn.init.zeros_(vector.weight)
    torch.nn.init.zeros_(vector.bias)
    params = [bag.weight, vector.weight, vector.bias]
    x_train = _packed(table, [token_ids[i] for i in train_rows], torch)
    x_val = _packed(table, [token_ids[i] for i in val_rows], torch)
    y_train = torch.from_numpy(labels[train_rows].astype(np.int64))
    y_val = torch.from_numpy(labels[val_rows].astype(np.int64))
    counts = torch.bincount(y_train, minlength=n_classes).float()
    weights = None
    if config.balances_classes(default=False):
        weights = balanced_class_weights(counts)
    penalty = 1.0 / (REGULARISATION * max(1, len(train_rows)))
    n_weights = sum(p.numel() for p in params)
    history_size = int(max(3, min(20, HISTORY_FLOATS // (2 * n_weights))))
    optimiser = torch.optim.LBFGS(
        params,
        lr=1.0,
        max_iter=ITERATIONS,
        history_size=history_size,
        line_search_fn="strong_wolfe",
    )

    def logits(packed, rows: np.ndarray) -> torch.Tensor:
        return bag(packed[0], packed[1], per_sample_weights=packed[2]) + vector(unit[rows])

    def objective() -> torch.Tensor:
        optimiser.zero_grad()
        out = logits(x_train, train_rows)
        loss = F.cross_entropy(out, y_train, weight=weights)
        loss = loss + penalty / 2 * ((bag.weight**2).sum() + (vector.weight**2).sum())
        loss.backward()
        return loss

    def judged(packed, rows: np.ndarray, y: torch.Tensor) -> tuple[float, float]:
        with torch.no_grad():
            out = logits(packed, rows)
            return float(F.cross_entropy(out, y)), float((out.argmax(1) == y).float().mean())

    history: list[EpochEnd] = []
    best = (math.inf, 0)
    best_state = [p.detach().clone() for p in params]
    stale = 0
    clock = EtaClock(ROUNDS)
    previous = math.inf
    for round_ in range(1, ROUNDS + 1):
        value = float(optimiser.step(objective).detach())
        train_loss, train_acc = judged(x_train, train_rows, y_train)
        val_loss, val_acc = judged(x_val, val_rows, y_val) if len(val_rows) else (None, None)
        monitored = train_loss if val_loss is None else val_loss
        improved = monitored < best[0] - 1e-5
        if improved:
            best = (monitored, round_)
            best_state = [p.detach().clone() for p in params]
            stale = 0
        else:
            stale += 1
        event = EpochEnd(round_, ROUNDS, train_loss, train_acc, val_loss, val_acc, 1.0, improved)
        history.append(event)
        yield event
        yield Progress("training", round_, ROUNDS, clock.eta(round_))
        if cancel.cancelled:
            yield Cancelled("training")
            return
        converged = abs(previous - value) <= 1e-7 * max(1.0, abs(value))
        previous = value
        if stale >= config.patience or converged:
            if stale >= config.patience:
                yield Message(
                    f"Stopped early at epoch {round_}: no better validation loss since epoch "
                    f"{best[1]}.",
                    "early_stop",
                    (round_, best[1]),
                )
            break
    with torch.no_grad():
        for p, kept in zip(params, best_state, strict=True):
            p.copy_(kept)

    def logits_of(start: int, stop: int) -> torch.Tensor:
        rows = np.arange(start, stop)
        return logits(_packed(table, [token_ids[i] for i in rows], torch), rows)

    kept_probabilities, predicted, top_classes, top_probabilities = every_row(
        logits_of, len(features), n_classes, keep_rows
    )

    state = {
        "remap": table.remap.copy(),
        "idf": table.idf.copy(),
        "table": bag.weight.detach().numpy().copy(),
        "vector.weight": vector.weight.detach().numpy().copy(),
        "vector.bias": vector.bias.detach().numpy().copy(),
    }
    yield Finished(
        HeadFit(
            export_pieces_head(state, vocab_size),
            best[1],
            len(history),
            tuple(history),
            "cpu",
            kept_probabilities,
            torch_import_seconds,
            time.perf_counter() - fit_start,
            state,
            False,
            predicted,
            top_classes,
            top_probabilities,
        )
    )


def pieces_head(state: dict[str, np.ndarray], vocab_size: int):
    """The in-graph model (torch module) of a fitted state: `embedding`, `input_ids`,
    `attention_mask` → logits. Counts n-grams by comparing every position with every other
    (texts are at most the backbone's max_length tokens)."""
    import torch

    class PiecesHead(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.register_buffer("remap", torch.from_numpy(np.asarray(state["remap"], np.int32)))
            self.register_buffer("idf", torch.from_numpy(np.asarray(state["idf"], np.float32)))
            self.table = torch.nn.Parameter(torch.from_numpy(np.asarray(state["table"])))
            weight = np.asarray(state["vector.weight"])
            self.vector = torch.nn.Linear(weight.shape[1], weight.shape[0])
            self.vector.weight.data = torch.from_numpy(weight)
            self.vector.bias.data = torch.from_numpy(np.asarray(state["vector.bias"]))

        def forward(self, embedding, input_ids, attention_mask):
            mask = attention_mask.to(torch.float32)
            pairs = vocab_size + torch.remainder(
                input_ids[:, :-1] * PAIR_PRIME + input_ids[:, 1:], BUCKETS
            )
            grams = torch.cat([input_ids, pairs], 1)
            real = torch.cat([mask, mask[:, :-1] * mask[:, 1:]], 1)
            rows = self.remap[grams].to(torch.int64)
            same = (grams[:, :, None] == grams[:, None, :]).to(torch.float32) * real[:, None, :]
            count = same.sum(2).clamp(min=1.0)
            # each of a gram's `count` positions carries 1/count of (1 + ln count)·idf
            w = (1.0 + torch.log(count)) / count * self.idf[rows] * real
            norm = torch.sqrt((w * w * count).sum(1, keepdim=True)).clamp(min=1e-12)
            pieces = (w[..., None] * self.table[rows]).sum(1) / norm
            length = torch.sqrt((embedding * embedding).sum(1, keepdim=True)).clamp(min=1e-12)
            return pieces + self.vector(embedding / length)

    return PiecesHead().eval()


def export_pieces_head(state: dict[str, np.ndarray], vocab_size: int) -> bytes:
    """The head as ONNX bytes: `embedding` [N, D], `input_ids`, `attention_mask` int64 [N, T]
    → `probabilities` [N, classes]."""
    import torch

    from desktop_app.core.onnx_utils import torch_to_onnx
    from desktop_app.core.training.heads import WithSoftmax

    width = np.asarray(state["vector.weight"]).shape[1]
    ids = torch.tensor([[0, 5, 6, 2], [0, 7, 2, 1]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    tokens = {0: "batch", 1: "tokens"}
    exported = torch_to_onnx(
        WithSoftmax(pieces_head(state, vocab_size)),
        (torch.zeros(2, width), ids, mask),
        ["embedding", "input_ids", "attention_mask"],
        "probabilities",
        {
            "embedding": {0: "batch"},
            "input_ids": tokens,
            "attention_mask": tokens,
            "probabilities": {0: "batch"},
        },
    )
    return exported.SerializeToString()
