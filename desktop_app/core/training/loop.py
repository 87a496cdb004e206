"""Training as a generator: features → head fit (early stopping) → metrics → `TrainResult`.

Every stage yields frozen events and checks the cancel token at each yield. torch is imported
here only, when training starts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from desktop_app.core.catalog import Backbone, get_backbone
from desktop_app.core.data.dataset import Dataset, DatasetError
from desktop_app.core.errors import Phrase
from desktop_app.core.features import FeatureSet, extract_features
from desktop_app.core.metrics import Metrics, compute_metrics
from desktop_app.core.tasks import get_task
from desktop_app.core.text_embedding import load_tokenizer, tokenize
from desktop_app.core.torch_loading import import_torch_in_background
from desktop_app.core.training import word_pieces
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
    StepEnd,
)
from desktop_app.core.training.results import TrainResult

PARITY_SAMPLES = 8
# Past this many classes an eval item keeps only its TOP_CLASSES best classes: all of them for
# every item grows with items × classes (15,000 texts in 15,000 classes: 0.9 GB of float32,
# several GB more as JSON numbers in result.json).
DENSE_PROBABILITY_CLASSES = 100
TOP_CLASSES = 10
# scratch-text (heads.BagOfTokens): embedding width, hashed token-pair buckets, epochs, peak LR
# and dropout (on the averaged vector / on whole tokens: a strong regulariser for bags of words,
# without it ChnSentiCorp overfits in two epochs).
TEXT_DIM = 64
TEXT_BUCKETS = 1 << 16
TEXT_EPOCHS = 20
TEXT_LR = 5e-3
TEXT_BATCH = 64
TEXT_DROPOUT = 0.5
TEXT_TOKEN_DROPOUT = 0.3


@dataclass(frozen=True)
class HeadFit:
    """What `fit` returns: the best head as ONNX bytes plus its history."""

    head_onnx: bytes
    best_epoch: int
    epochs_run: int
    history: tuple[EpochEnd, ...]
    device: str
    # The PyTorch head's probabilities for the rows `fit` was asked to keep whole (ascending;
    # every row by default): the parity reference, the eval items' when there are few classes.
    probabilities: np.ndarray
    torch_import_seconds: float
    seconds: float
    state: dict[str, np.ndarray] = field(default_factory=dict)  # best weights, numpy copies
    warm_started: bool = False
    predicted: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # argmax, all rows
    # every row's TOP_CLASSES best classes and their probabilities, best first
    top_classes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int32))
    top_probabilities: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))


def train(
    config: TrainConfig,
    dataset: Dataset,
    cancel: CancelToken | None = None,
    warm_start: dict[str, np.ndarray] | None = None,
) -> Iterator[Event]:
    """The whole path from a Dataset to a TrainResult (features cached, head trained, metrics).

    `warm_start`: the `head_state` of an earlier run to continue from (weights whose shapes no
    longer fit, e.g. after adding a class, start fresh)."""
    cancel = cancel or CancelToken()
    start = time.perf_counter()
    backbone = get_backbone(config.backbone)
    task = get_task(dataset.task)
    if backbone.task != dataset.task:
        raise DatasetError("train.wrong_kind", backbone.id, get_task(backbone.task).noun, task.noun)
    # torch is needed only after the features, so its import overlaps their extraction:
    # 1000 images cold, 9.4 s → 9.0 s (ORT leaves some of both cores idle).
    import_torch_in_background()
    feature_set: FeatureSet | None = None
    tokenizer_json = ""
    # scratch text: the tokenizer is learnt from these texts, the "features" are token ids
    scratch_text = task.learns_input_encoding(backbone)
    if scratch_text:
        from desktop_app.core.training.scratch_text import (
            text_token_features,
            tokenizer_from_state,
        )

        kept = tokenizer_from_state(warm_start)
        if warm_start and kept is None:
            warm_start = None  # weights without their vocabulary mean nothing
        stage = text_token_features(dataset, backbone, cancel, kept)
    else:
        stage = extract_features(dataset, backbone, cancel)
    for event in stage:
        if isinstance(event, Finished):
            if scratch_text:
                feature_set, tokenizer_json = event.result
            else:
                feature_set = event.result
        else:
            yield event
            if isinstance(event, Cancelled):
                return
    assert feature_set is not None
    labels_all = np.asarray(dataset.labels)[feature_set.positions]
    splits_all = np.asarray(dataset.splits)[feature_set.positions]
    _check_trainable(dataset, labels_all, splits_all)
    if feature_set.skipped:
        n_skipped = len(feature_set.skipped)
        yield Message(
            f"{n_skipped} file(s) could not be used and were skipped.", "skipped", (n_skipped,)
        )

    val_rows = np.flatnonzero(splits_all == "val")
    eval_split = "test" if (splits_all == "test").any() else "val"
    eval_rows = np.flatnonzero(splits_all == eval_split)
    reference_rows = (val_rows if val_rows.size else np.arange(len(labels_all)))[:PARITY_SAMPLES]
    dense = len(dataset.classes) <= DENSE_PROBABILITY_CLASSES
    # dense: the val rows too, where the temperature is fitted (core/calibration.py)
    keep_rows = np.union1d(reference_rows, np.union1d(eval_rows, val_rows) if dense else [])
    keep_rows = keep_rows.astype(np.int64)
    head_fit: HeadFit | None = None
    if config.word_pieces and not word_pieces.applies(backbone):
        said = Phrase("train.word_pieces_unused", (backbone.id,))
        yield Message(str(said), said.key, said.params)
    if config.word_pieces and word_pieces.applies(backbone):
        tokenizer = load_tokenizer(backbone)
        texts = [dataset.items[p] for p in feature_set.positions]
        stage = word_pieces.fit_word_pieces(
            config,
            backbone,
            feature_set.features,
            tokenize(tokenizer, [t if isinstance(t, str) else "" for t in texts]),
            labels_all,
            splits_all,
            len(dataset.classes),
            tokenizer.get_vocab_size(),
            cancel,
            keep_rows,
        )
    else:
        if warm_start and word_pieces.is_pieces_state(warm_start):
            warm_start = None  # a word-pieces run's weights: nothing a head can start from
        stage = fit(
            config,
            backbone,
            feature_set.features,
            labels_all,
            splits_all,
            len(dataset.classes),
            cancel,
            warm_start,
            vocab_size=_vocab_size(tokenizer_json),
            keep_rows=keep_rows,
        )
    for event in stage:
        if isinstance(event, Finished):
            head_fit = event.result
        else:
            yield event
            if isinstance(event, Cancelled):
                return
    assert head_fit is not None

    def kept(rows: np.ndarray) -> np.ndarray:
        """The whole probability vectors of `rows` (rows fit was asked to keep)."""
        return head_fit.probabilities[np.searchsorted(keep_rows, rows)]

    # many classes: an eval item's best classes only, the first being the predicted one
    predicted = head_fit.predicted if dense else head_fit.top_classes[:, 0].astype(np.int64)
    if dense:
        eval_probabilities = kept(eval_rows)
        eval_top_classes = np.zeros((0, 0), np.int32)
    else:
        eval_probabilities = head_fit.top_probabilities[eval_rows]
        eval_top_classes = np.ascontiguousarray(head_fit.top_classes[eval_rows])

    calibration = None
    if dense and eval_rows.size:
        from desktop_app.core.calibration import calibrate

        calibration = calibrate(
            kept(val_rows),
            labels_all[val_rows],
            eval_probabilities,
            labels_all[eval_rows],
            "val",
            eval_split,
        )

    def split_metrics(name: str) -> Metrics | None:
        mask = splits_all == name
        if not mask.any():
            return None
        return compute_metrics(labels_all[mask], predicted[mask], dataset.classes)

    yield Finished(
        TrainResult(
            config=config,
            backbone_id=backbone.id,
            task=dataset.task,
            classes=dataset.classes,
            head_onnx=head_fit.head_onnx,
            val_metrics=split_metrics("val"),
            test_metrics=split_metrics("test"),
            n_train=int((splits_all == "train").sum()),
            n_val=int((splits_all == "val").sum()),
            n_test=int((splits_all == "test").sum()),
            skipped=dataset.skipped + feature_set.skipped,
            best_epoch=head_fit.best_epoch,
            epochs_run=head_fit.epochs_run,
            history=head_fit.history,
            features_computed=feature_set.computed,
            features_cached=feature_set.cached,
            seconds=time.perf_counter() - start,
            timings={
                "features": round(feature_set.seconds, 3),
                "torch_import": round(head_fit.torch_import_seconds, 3),
                "training": round(head_fit.seconds, 3),
            },
            device=head_fit.device,
            reference_items=tuple(dataset.items[feature_set.positions[r]] for r in reference_rows),
            reference_probabilities=tuple(
                tuple(float(p) for p in row) for row in kept(reference_rows)
            ),
            eval_split=eval_split if eval_rows.size else "",
            eval_items=tuple(dataset.items[feature_set.positions[r]] for r in eval_rows),
            eval_labels=tuple(int(labels_all[r]) for r in eval_rows),
            eval_probabilities=np.ascontiguousarray(eval_probabilities, dtype=np.float32),
            eval_top_classes=eval_top_classes,
            head_state=_with_tokenizer(head_fit.state, tokenizer_json),
            warm_started=bool(warm_start) and head_fit.warm_started,
            tokenizer_json=tokenizer_json,
            calibration=calibration,
        )
    )


def _vocab_size(tokenizer_json: str) -> int:
    if not tokenizer_json:
        return 0
    from tokenizers import Tokenizer

    return Tokenizer.from_str(tokenizer_json).get_vocab_size(with_added_tokens=True)


def _with_tokenizer(state: dict[str, np.ndarray], tokenizer_json: str) -> dict[str, np.ndarray]:
    if not tokenizer_json:
        return state
    from desktop_app.core.training.scratch_text import TOKENIZER_STATE_KEY, tokenizer_to_state

    return {**state, TOKENIZER_STATE_KEY: tokenizer_to_state(tokenizer_json)}


def _check_trainable(dataset: Dataset, labels: np.ndarray, splits: np.ndarray) -> None:
    train_labels = set(labels[splits == "train"].tolist())
    if len(train_labels) < 2:
        found = ", ".join(dataset.classes[i] for i in sorted(train_labels)) or Phrase("phrase.none")
        raise get_task(dataset.task).too_few_classes(found)
    missing = [dataset.classes[i] for i in range(len(dataset.classes)) if i not in train_labels]
    if missing:
        names = ", ".join(missing)
        raise get_task(dataset.task).empty_classes(names)


def _defaults(config: TrainConfig, backbone: Backbone, n_train: int) -> tuple[int, int, float]:
    """Epochs, batch size, learning rate: each task's schedule (core/tasks.py)."""
    return get_task(backbone.task).training_schedule(config, backbone, n_train)


def fit(
    config: TrainConfig,
    backbone: Backbone,
    features: np.ndarray,
    labels: np.ndarray,
    splits: np.ndarray,
    n_classes: int,
    cancel: CancelToken | None = None,
    warm_start: dict[str, np.ndarray] | None = None,
    vocab_size: int = 0,
    keep_rows: np.ndarray | None = None,
) -> Iterator[Event]:
    """Train a head on features with AdamW, one-cycle LR, label smoothing, class weights and
    early stopping on validation loss; the best epoch's weights are kept. Deterministic per seed.

    scratch-text (`backbone.head == "bag"`): `features` are int64 token ids padded with 0 and
    the whole model is trained on them; `vocab_size` is its tokenizer's. `keep_rows`: the rows
    whose whole probability vector `HeadFit.probabilities` holds (None: every row); each row's
    argmax and best `TOP_CLASSES` classes are always there."""
    fit_start = time.perf_counter()
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    torch_import_seconds = time.perf_counter() - fit_start
    cancel = cancel or CancelToken()
    threads = torch.get_num_threads()
    if backbone.head != "cnn":
        # Heads are tiny matrices: one thread is as fast, and with other processes on the cores
        # OpenMP's barriers made two threads 5-20x slower (0.8 s vs 15 s beside two CPU hogs).
        torch.set_num_threads(1)
    try:
        yield from _fit(
            torch,
            config,
            backbone,
            features,
            labels,
            splits,
            n_classes,
            cancel,
            warm_start,
            vocab_size,
            fit_start,
            torch_import_seconds,
            keep_rows,
        )
    finally:
        torch.set_num_threads(threads)


def _fit(
    torch,
    config: TrainConfig,
    backbone: Backbone,
    features: np.ndarray,
    labels: np.ndarray,
    splits: np.ndarray,
    n_classes: int,
    cancel: CancelToken,
    warm_start: dict[str, np.ndarray] | None,
    vocab_size: int,
    fit_start: float,
    torch_import_seconds: float,
    keep_rows: np.ndarray | None = None,
) -> Iterator[Event]:
    from torch.nn import functional as F

    from desktop_app.core.training.heads import (
        AdamW,
        BagOfTokens,
        LinearHead,
        SmallCNN,
        balanced_class_weights,
        one_cycle_lr,
    )

    torch.manual_seed(config.seed)
    np.random.seed(config.seed)
    device = "cuda" if config.device in ("auto", "cuda") and torch.cuda.is_available() else "cpu"
    train_mask = splits == "train"
    max_epochs, batch_size, lr = _defaults(config, backbone, int(train_mask.sum()))
    val_mask = splits == "val"
    tokens = backbone.head == "bag"
    dtype = np.int64 if tokens else np.float32
    x_train = torch.from_numpy(np.ascontiguousarray(features[train_mask], dtype=dtype)).to(device)
    y_train = torch.from_numpy(labels[train_mask].astype(np.int64)).to(device)
    x_val = torch.from_numpy(np.ascontiguousarray(features[val_mask], dtype=dtype)).to(device)
    y_val = torch.from_numpy(labels[val_mask].astype(np.int64)).to(device)
    has_val = len(y_val) > 0

    if tokens:
        model: torch.nn.Module = BagOfTokens(
            vocab_size, n_classes, TEXT_DIM, _buckets(vocab_size), TEXT_DROPOUT, TEXT_TOKEN_DROPOUT
        )
    elif backbone.head == "cnn":
        model = SmallCNN(backbone.input_size, n_classes, config.dropout)
    else:
        train_np = features[train_mask]
        mean = train_np.mean(axis=0)
        variance = train_np.var(axis=0)
        # Floor each dimension's variance at the average one: with few images, near-constant
        # dimensions would otherwise be blown up into noise on unseen images.
        std = np.sqrt(variance + variance.mean() + 1e-12)
        model = LinearHead(
            mean, std, n_classes, config.head_units(backbone), config.dropout, config.seed
        )
    warm_started = False
    if warm_start:
        current = model.state_dict()
        usable = {
            k: torch.as_tensor(np.asarray(v))
            for k, v in warm_start.items()
            if k in current and tuple(current[k].shape) == tuple(np.shape(v))
        }
        if len(usable) == len(current):
            model.load_state_dict(usable)
            warm_started = True
        else:
            yield Message(
                "The last run's weights do not fit this data (classes changed): starting fresh.",
                "warm_start_mismatch",
            )
    model.to(device)
    forward: torch.nn.Module = model
    if isinstance(model, LinearHead):
        # Standardize the features once instead of at every step; the module stays in the
        # model (and its export), training runs the layers after it.
        with torch.no_grad():
            x_train, x_val = model.net[0](x_train), model.net[0](x_val)
        forward = model.net[1:]

    counts = torch.bincount(y_train, minlength=n_classes).float()
    weights = None
    if config.balances_classes():
        weights = balanced_class_weights(counts)
    smoothing = config.label_smoothing
    if smoothing is None:
        smoothing = get_task(backbone.task).label_smoothing(backbone)

    def criterion(logits: torch.Tensor, target: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Label-smoothed cross-entropy, each sample weighted by its TRUE class's weight.

        Not `CrossEntropyLoss(weight=…, label_smoothing=…)`: there the smoothing term weights
        every class's log-probability by that class's weight for every sample, which drags all
        predictions towards the rare class (SMS spam: 0.90 instead of 0.99 accuracy).
        Also returns the plain (unsmoothed, unweighted) cross-entropy, for the curves."""
        log_p = F.log_softmax(logits, dim=1)
        nll = -log_p.gather(1, target[:, None])[:, 0]
        per_sample = (1 - smoothing) * nll - smoothing * log_p.mean(1)
        if weights is None:
            return per_sample.mean(), nll.detach().mean()
        w = weights[target]
        return (per_sample * w).sum() / w.sum().clamp(min=1e-12), nll.detach().mean()

    optimiser = AdamW(model.parameters(), lr=lr, weight_decay=config.weight_decay)
    steps_per_epoch = max(1, math.ceil(len(y_train) / batch_size))
    total_steps = max_epochs * steps_per_epoch
    generator = torch.Generator(device="cpu").manual_seed(config.seed)

    def evaluate(x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
        """Mean cross-entropy and accuracy, a batch at a time: all the logits at once are
        items × classes (15,000 × 15,000: 0.9 GB, twice over for the log-softmax)."""
        model.eval()
        loss_sum, right = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(x), 512):
                logits, target = forward(x[i : i + 512]), y[i : i + 512]
                loss_sum += float(F.cross_entropy(logits, target, reduction="sum"))
                right += int((logits.argmax(1) == target).sum())
        return loss_sum / len(y), right / len(y)

    best_loss = math.inf
    best_state: dict[str, torch.Tensor] = {}
    best_epoch = 0
    stale = 0
    history: list[EpochEnd] = []
    step = 0
    clock = EtaClock(max_epochs)
    for epoch in range(1, max_epochs + 1):
        model.train()
        order = torch.randperm(len(y_train), generator=generator).to(device)
        seen = correct = 0
        loss_sum = 0.0
        for start in range(0, len(order), batch_size):
            index = order[start : start + batch_size]
            optimiser.lr = one_cycle_lr(step, total_steps, lr)
            target = y_train[index]
            logits = forward(x_train[index])
            loss, plain = criterion(logits, target)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            step += 1
            plain_loss = float(plain)
            batch_correct = int((logits.detach().argmax(1) == target).sum())
            seen += len(index)
            correct += batch_correct
            loss_sum += plain_loss * len(index)
            yield StepEnd(epoch, step, plain_loss, batch_correct / len(index))
            if cancel.cancelled:
                yield Cancelled("training")
                return
        train_loss, train_acc = loss_sum / seen, correct / seen
        val_loss, val_acc = evaluate(x_val, y_val) if has_val else (None, None)
        monitored = val_loss if val_loss is not None else train_loss
        improved = monitored < best_loss - 1e-4
        if improved:
            best_loss, best_epoch, stale = monitored, epoch, 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            stale += 1
        event = EpochEnd(
            epoch, max_epochs, train_loss, train_acc, val_loss, val_acc, optimiser.lr, improved
        )
        history.append(event)
        yield event
        yield Progress("training", epoch, max_epochs, clock.eta(epoch))
        if cancel.cancelled:
            yield Cancelled("training")
            return
        if stale >= config.patience:
            yield Message(
                f"Stopped early at epoch {epoch}: no better validation loss since epoch {best_epoch}.",
                "early_stop",
                (epoch, best_epoch),
            )
            break

    model.load_state_dict(best_state)
    model.eval().cpu()
    all_x = torch.from_numpy(np.ascontiguousarray(features, dtype=dtype))
    kept, predicted, top_classes, top_probabilities = every_row(
        lambda start, stop: model(all_x[start:stop]), len(features), n_classes, keep_rows
    )

    yield Finished(
        HeadFit(
            _export_text_model(model) if tokens else export_head(model, features.shape[1]),
            best_epoch,
            len(history),
            tuple(history),
            device,
            kept,
            torch_import_seconds,
            time.perf_counter() - fit_start,
            {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()},
            warm_started,
            predicted,
            top_classes,
            top_probabilities,
        )
    )


def every_row(
    logits_of, n_rows: int, n_classes: int, keep_rows: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A trained model's answers on every row, `logits_of(start, stop)` a batch at a time (so
    memory stays linear in rows and classes): the whole probability vectors of `keep_rows`
    (None: every row), and each row's argmax and best TOP_CLASSES classes with their
    probabilities."""
    import torch

    keep = np.arange(n_rows) if keep_rows is None else np.unique(keep_rows)
    n_top = min(n_classes, TOP_CLASSES)
    kept = np.empty((len(keep), n_classes), np.float32)
    predicted = np.empty(n_rows, np.int64)
    top_classes = np.empty((n_rows, n_top), np.int32)
    top_probabilities = np.empty((n_rows, n_top), np.float32)
    with torch.no_grad():
        for start in range(0, n_rows, 512):
            stop = min(start + 512, n_rows)
            batch = torch.softmax(logits_of(start, stop), 1)
            here = (keep >= start) & (keep < stop)
            kept[here] = batch[torch.from_numpy(keep[here] - start)].numpy()
            predicted[start:stop] = batch.argmax(1).numpy()
            values, indices = torch.topk(batch, n_top, dim=1)
            top_classes[start:stop] = indices.numpy()
            top_probabilities[start:stop] = values.numpy()
            del batch, values, indices
    return kept, predicted, top_classes, top_probabilities


def export_head(model, width: int) -> bytes:
    """The head as ONNX bytes: `embedding` [N, width] → `probabilities` [N, classes]."""
    import torch

    from desktop_app.core.onnx_utils import torch_to_onnx
    from desktop_app.core.training.heads import WithSoftmax

    head = torch_to_onnx(
        WithSoftmax(model).eval(), torch.zeros(2, width), "embedding", "probabilities"
    )
    return head.SerializeToString()


def _buckets(vocab_size: int) -> int:
    """Token-pair buckets: 4x the vocabulary (a power of two), at most TEXT_BUCKETS: a small
    corpus gets a small table (every optimiser step updates the whole table)."""
    return int(min(TEXT_BUCKETS, 1 << max(8, math.ceil(math.log2(max(1, 4 * vocab_size))))))


def _export_text_model(model) -> bytes:
    """scratch-text: the whole model as ONNX bytes: `input_ids`, `attention_mask` int64
    [N, tokens] → `probabilities` [N, classes] (the same contract as pretrained text models)."""
    import torch

    from desktop_app.core.onnx_utils import torch_to_onnx
    from desktop_app.core.training.heads import WithSoftmax

    ids = torch.tensor([[2, 5, 6, 3], [2, 7, 3, 0]])
    axes = {0: "batch", 1: "tokens"}
    exported = torch_to_onnx(
        WithSoftmax(model).eval(),
        (ids, (ids != 0).long()),
        ["input_ids", "attention_mask"],
        "probabilities",
        {"input_ids": axes, "attention_mask": axes, "probabilities": {0: "batch"}},
    )
    return exported.SerializeToString()
