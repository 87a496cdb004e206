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

import contextlib
import math
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from desktop_app.core.catalog import Backbone, get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.data.image_look import ImageLook, look_at_images
from desktop_app.core.errors import CoreError
from desktop_app.core.metrics import compute_metrics
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.distributed import Solo
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
from desktop_app.core.training.finetune_parts import (
    Average,
    Chooser,
    Parts,
    augment_seed,
    export_whole,
    fine_tuned_result,
    head_kept_message,
    lower_runner,
    mid_shape,
    pixels_session,
    trainable_state,
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
# The weights evaluated, kept and exported are an exponential moving average of the trained
# ones (half-life ~34 steps): on small validation sets the epoch picked from raw weights varied
# by several images between neighbouring epochs; the average moves smoothly. 0: no average.
EMA_DECAY = 0.98


# Far from the photos the backbone learnt from (small or grey images: core/data/image_look.py),
# a deeper, longer fine-tune with gentler crops pays: sign-language-digits (100 px hands, 80/20
# split, Lite0, seed 0): 2 stages and 312 steps val 0.956; 3 stages, 600 steps, crops of at
# least 60 % of the image (35 % cut off fingers) 0.983 (head alone 0.927). Photos do not gain
# from it (flowers12 test 0.975 with 3 stages and 360 steps, 0.975-0.983 with 2).
FAR_UNFROZEN_STAGES = 3
FAR_MIN_STEPS = 600
FAR_CROP_MIN_AREA = 0.6


@dataclass(frozen=True)
class Depth:
    """How deep and how long a fine-tune goes, and why (`reasons`, English, for the metadata;
    empty for the usual photos)."""

    stages: int
    min_steps: int
    crop_min_area: float
    reasons: tuple[str, ...] = ()


def choose_depth(backbone: Backbone, look: ImageLook) -> Depth:
    """The usual fine-tune for photos; deeper and longer for data far from them."""
    from desktop_app.core.training.augment import CROP_MIN_AREA

    reasons: list[str] = []
    if look.small_for(backbone.input_size):
        reasons.append(
            f"small images (typically {look.width}x{look.height} px; the model looks at "
            f"{backbone.input_size} px)"
        )
    if look.mostly_grey:
        reasons.append(f"grey images ({look.grey_share:.0%} of {look.looked_at} looked at)")
    if reasons:
        return Depth(FAR_UNFROZEN_STAGES, FAR_MIN_STEPS, FAR_CROP_MIN_AREA, tuple(reasons))
    return Depth(UNFROZEN_STAGES, MIN_STEPS, CROP_MIN_AREA)


class FineTuneError(CoreError, ValueError):
    """This model cannot be fine-tuned; the message says why."""


def fine_tune_epochs(config: TrainConfig, n_train: int, min_steps: int = MIN_STEPS) -> int:
    """Epochs of the fine-tune stage: `config.fine_tune_epochs`, else enough for `min_steps`."""
    if config.fine_tune_epochs:
        return config.fine_tune_epochs
    steps = max(1, math.ceil(n_train / BATCH))
    return int(min(MAX_EPOCHS, max(MIN_EPOCHS, math.ceil(min_steps / steps))))


def planned_steps(config: TrainConfig, n_train: int, min_steps: int = MIN_STEPS) -> int:
    """The fine-tune's optimiser steps if early stopping does not end it sooner."""
    return fine_tune_epochs(config, n_train, min_steps) * max(1, math.ceil(n_train / BATCH))


def can_fine_tune(backbone: Backbone) -> bool:
    """Whether `backbone`'s weights may be fine-tuned: a pretrained image model, or the text
    encoder whose top layers can learn (core/training/text_finetune.py)."""
    from desktop_app.core.training.text_finetune import can_fine_tune_text

    if backbone.task == "text":
        return can_fine_tune_text(backbone)
    return backbone.task == "image" and backbone.kind == "pretrained" and bool(backbone.source)


def check_fine_tunable(backbone: Backbone) -> None:
    """Only those backbones (`can_fine_tune`) whose weights' package is installed."""
    if not can_fine_tune(backbone):
        raise FineTuneError("finetune.not_pretrained_image", backbone.id)
    import importlib.util

    needed = ["efficientnet_lite_pytorch"] if backbone.task == "image" else []
    for module in (*needed, backbone.source.get("weights_module", "")):
        if not module or importlib.util.find_spec(module) is None:
            raise FineTuneError("finetune.weights_missing", backbone.id, module)


def fine_tune(
    config: TrainConfig,
    dataset: Dataset,
    cancel: CancelToken | None = None,
    warm_start: dict[str, np.ndarray] | None = None,
    group: Solo | None = None,
) -> Iterator[Event]:
    """Head on cached features (`loop.train`, its events passed on), then the fine-tune;
    `Finished(TrainResult)` whose `head_onnx` is the whole model (image → probabilities).

    `group`: this process's place in a torchrun launch (`distributed.joined`). The head is
    trained by rank 0 alone and sent to the others: it is a small part of the time, and N
    processes extracting the same features at once would only contend for the cores, the GPU
    and the one feature cache. Then every rank fine-tunes its share of each batch; rank 0 alone
    measures and ends with the TrainResult, the others with `Finished(None)`."""
    from desktop_app.core.training.loop import train

    cancel = cancel or CancelToken()
    group = group or Solo()
    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    if backbone.task == "text":  # the encoder's top layers (one process: no augmentation)
        from desktop_app.core.training.text_finetune import fine_tune_text

        if group.world_size > 1:
            raise FineTuneError("finetune.text_one_process")
        if config.word_pieces:
            raise FineTuneError("finetune.word_pieces")
        yield from fine_tune_text(config, dataset, backbone, cancel, warm_start)
        return
    _import_in_background()
    head_result: TrainResult | None = None
    choice = None
    if group.is_main:
        for event in train(config, dataset, cancel, warm_start):
            if isinstance(event, Finished):
                head_result = event.result
                break
            yield event
            if isinstance(event, Cancelled):
                group.broadcast_arrays({}, {"cancelled": True})
                return
        assert head_result is not None
        if config.augmentations is None:  # automatic: measured on the data (augment.py)
            from desktop_app.core.training.augment import choose_augmentations

            for event in choose_augmentations(dataset, backbone.id, cancel, config.seed):
                if isinstance(event, Finished):
                    choice = event.result
                else:
                    yield event
                    if isinstance(event, Cancelled):
                        group.broadcast_arrays({}, {"cancelled": True})
                        return
            assert choice is not None
            reason = choice.reason
            yield Message(f"Augmentations: {str(reason)}", reason.key, reason.params)
            config = replace(config, augmentations=choice.names)
        start = _HeadStart.of(head_result)
        # the other processes take rank 0's head and its choice of augmentations
        group.broadcast_arrays(
            start.head_state, {**start.info(), "augmentations": list(config.augmentations)}
        )
    else:
        yield Progress("fine_tune", 0, 0, message="Waiting for the first process's head")
        arrays, info = group.broadcast_arrays(None, None)
        if info.get("cancelled"):
            yield Cancelled("fine_tune")
            return
        start = _HeadStart.from_info(arrays, info)
        config = replace(config, augmentations=tuple(info["augmentations"]))
    for event in _fine_tune(config, backbone, dataset, start, head_result, cancel, group):
        if isinstance(event, Finished) and choice is not None and event.result is not None:
            record = {**event.result.fine_tune, "augmentation_choice": choice.to_json()}
            event = Finished(replace(event.result, fine_tune=record))
        yield event


@dataclass(frozen=True)
class _HeadStart:
    """What every rank needs of the head's training to fine-tune (rank 0 has it all)."""

    head_state: dict[str, np.ndarray]
    skipped: frozenset[str]
    epochs_run: int
    best_epoch: int

    @classmethod
    def of(cls, result: TrainResult) -> _HeadStart:
        state = {k: np.asarray(v) for k, v in result.head_state.items()}
        skipped = frozenset(s.path for s in result.skipped)
        return cls(state, skipped, result.epochs_run, result.best_epoch)

    def info(self) -> dict:
        return {
            "skipped": sorted(self.skipped),
            "epochs_run": self.epochs_run,
            "best_epoch": self.best_epoch,
        }

    @classmethod
    def from_info(cls, arrays: dict[str, np.ndarray], info: dict) -> _HeadStart:
        return cls(arrays, frozenset(info["skipped"]), info["epochs_run"], info["best_epoch"])


def _import_in_background() -> None:
    """Import albumentations (about 1-3 s here) while the head's features are extracted."""
    import threading

    from desktop_app.core.training.augment import import_albumentations

    threading.Thread(
        target=import_albumentations, name="import-albumentations", daemon=True
    ).start()


def _fine_tune(
    config: TrainConfig,
    backbone: Backbone,
    dataset: Dataset,
    start: _HeadStart,
    head_result: TrainResult | None,
    cancel: CancelToken,
    group: Solo,
) -> Iterator[Event]:
    """The fine-tune stage; torch's thread count is given back however it ends."""
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    threads = torch.get_num_threads()
    try:
        yield from _fine_tune_stage(
            torch, config, backbone, dataset, start, head_result, cancel, group
        )
    finally:
        torch.set_num_threads(threads)


def _fine_tune_stage(
    torch,
    config: TrainConfig,
    backbone: Backbone,
    dataset: Dataset,
    head: _HeadStart,
    head_result: TrainResult | None,
    cancel: CancelToken,
    group: Solo,
) -> Iterator[Event]:
    from torch.nn import functional as F

    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.runtime import cpu_threads
    from desktop_app.core.training.augment import DEFAULT_AUGMENTATIONS, Augmenter, keep_size
    from desktop_app.core.training.device import LossScale, autocast_dtype, precision_name
    from desktop_app.core.training.heads import (
        AdamW,
        ByteDropout,
        balanced_class_weights,
        one_cycle_lr,
    )

    start = time.perf_counter()
    threads = torch.get_num_threads()
    my_threads = group.cpu_threads(cpu_threads())  # the machine's, shared between its ranks
    torch.set_num_threads(my_threads)
    torch.manual_seed(config.seed)
    device = group.train_device(torch, config.device)
    amp = autocast_dtype(torch, device)
    loss_scale = LossScale(amp == torch.float16)

    def autocast():

        if amp is None:
            return contextlib.nullcontext()
        return torch.autocast(device_type="cuda", dtype=amp)

    names = DEFAULT_AUGMENTATIONS if config.augmentations is None else config.augmentations
    n_classes = len(dataset.classes)
    skipped = head.skipped
    prep = pixels_session(backbone)

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
    # the same on every process: it looks at the same files
    depth = choose_depth(backbone, look_at_images([dataset.items[i] for i in rows]))
    parts = Parts(
        torch,
        backbone,
        head.head_state,
        config,
        n_classes,
        depth.stages,
        (HEAD_LR, BACKBONE_LR, LR_DECAY),
    )
    parts.whole.to(device)
    augmenter = Augmenter(
        backbone.input_size,
        backbone.mean,
        backbone.std,
        names,
        config.seed,
        crop_min_area=depth.crop_min_area,
    )
    lower, lower_onnx, lower_choice = lower_runner(torch, parts, backbone, device, my_threads)
    upper_choice = Chooser(sorted({1, my_threads}) if device == "cpu" else [threads])
    if device == "cpu":
        parts.upper.to(memory_format=torch.channels_last)
    # what learns, its gradients averaged over torchrun's processes (DDP) when there are some
    model = group.wrap(torch.nn.Sequential(parts.upper, parts.head))
    dropouts = [m for m in parts.head.modules() if isinstance(m, ByteDropout)]
    size = backbone.input_size
    # each process evaluates its share of the val items; the sums are added over them
    val_share, _ = group.part(np.arange(len(val_items)))
    val_mid, val_targets = [], []
    for i in range(0, len(val_share), 32):
        share = val_share[i : i + 32]
        val_mid.append(lower(pixels([val_items[j] for j in share])))
        val_targets.append(share)
        yield Progress("fine_tune", 0, 0, message="Reading the images")
        if cancel.cancelled:
            yield Cancelled("fine_tune")
            return
    y_train = torch.as_tensor(np.asarray(train_labels, np.int64), device=device)
    counts = torch.bincount(y_train, minlength=n_classes).float()
    if config.balances_classes():
        class_weights = balanced_class_weights(counts)
    else:
        class_weights = torch.ones_like(counts)
    y_val_t = torch.from_numpy(y_val).to(device)

    def criterion(logits, target, weight_total):
        """The class-weighted loss of this share of the batch, normalised by the weight of the
        whole global batch and scaled by the number of processes: DDP's average of the
        shares' gradients is then the gradient of the whole batch's loss."""
        log_p = F.log_softmax(logits.float(), dim=1)
        nll = -log_p.gather(1, target[:, None])[:, 0]
        per_sample = (1 - LABEL_SMOOTHING) * nll - LABEL_SMOOTHING * log_p.mean(1)
        w = class_weights[target]
        loss = (per_sample * w).sum() / weight_total.clamp(min=1e-12) * group.world_size
        return loss, nll.detach().sum()

    def evaluate() -> tuple[float | None, float | None]:
        """Val loss and accuracy, the same on every process (sums over their shares)."""
        if not len(y_val):
            return None, None
        parts.head.eval()
        loss_sum, right = 0.0, 0
        with torch.no_grad(), autocast():
            for mid, share in zip(val_mid, val_targets, strict=True):
                if cancel.cancelled and group.world_size == 1:
                    break  # the epoch's end sees the Cancel next: the figures are not used
                target = y_val_t[torch.from_numpy(share).to(device)]
                logits = parts.head(parts.upper(mid)).float()
                loss_sum += float(F.cross_entropy(logits, target, reduction="sum"))
                right += int((logits.argmax(1) == target).sum())
        loss_sum, right = group.sum([loss_sum, right])
        return float(loss_sum) / len(y_val), float(right) / len(y_val)

    optimisers = [
        (AdamW(params, lr=lr, weight_decay=WEIGHT_DECAY), lr) for _, params, lr in parts.groups
    ]
    trainable = [p for _, params, _ in parts.groups for p in params]
    average = Average(torch, trainable, EMA_DECAY)
    epochs = fine_tune_epochs(config, len(train_images), depth.min_steps)
    steps_per_epoch = max(1, math.ceil(len(train_images) / BATCH))
    total_steps = epochs * steps_per_epoch
    first_epoch = head.epochs_run
    history = list(head_result.history) if head_result is not None else []
    best_loss, _ = evaluate()
    best_loss = math.inf if best_loss is None else best_loss
    best_epoch = head.best_epoch
    best_state = trainable_state(parts)
    stale = 0
    step = 0
    timing = {"augment": 0.0, "lower": 0.0, "upper": 0.0}
    clock = EtaClock(total_steps)
    rng = np.random.default_rng(config.seed)
    epochs_run = 0
    handled = 0  # training images augmented and run by this process
    for epoch in range(1, epochs + 1):
        parts.head.train()
        order = rng.permutation(len(train_images))
        seen = correct = 0
        loss_sum = 0.0
        for begin in range(0, len(order), BATCH):
            batch = order[begin : begin + BATCH]  # the global batch; this process's share:
            index, before = group.part(batch)
            tick = time.perf_counter()
            # each image's draws from (seed, epoch, image): alike in whichever process
            seeds = [augment_seed(config.seed, epoch, int(i)) for i in index]
            x = augmenter([train_images[i] for i in index], seeds)
            timing["augment"] += time.perf_counter() - tick
            tick = time.perf_counter()
            if len(index):
                with autocast():
                    mid = lower(x)
            else:  # a last batch with fewer images than processes: this one has none
                mid = torch.zeros((0, *mid_shape(torch, parts, size, device)), device=device)
            timing["lower"] += time.perf_counter() - tick
            if cancel.cancelled and group.world_size == 1:  # alone: stop before the backward
                yield Cancelled("fine_tune")  # pass (with N processes all stop at one step)
                return
            tick = time.perf_counter()
            torch.set_num_threads(upper_choice.next())
            for optimiser, peak in optimisers:
                optimiser.lr = one_cycle_lr(step, total_steps, peak)
            target = y_train[torch.from_numpy(index).to(device)]
            weight_total = class_weights[y_train[torch.from_numpy(batch).to(device)]].sum()
            for dropout in dropouts:
                dropout.part = (before, len(batch))
            with group.guard(), autocast():  # DDP's forward talks too
                logits = model(mid)
            loss, nll_sum = criterion(logits, target, weight_total)
            for optimiser, _ in optimisers:
                optimiser.zero_grad()
            with group.guard():  # DDP: the gradients are averaged over the processes here
                (loss * loss_scale.scale).backward()
            loss_scale.unscale(trainable)
            norm = torch.nn.utils.clip_grad_norm_(trainable, CLIP_NORM)
            if loss_scale.update(float(norm) if loss_scale.enabled else 0.0):
                for optimiser, _ in optimisers:
                    optimiser.step()
                average.update()
            upper_choice.took(time.perf_counter() - tick)
            timing["upper"] += time.perf_counter() - tick
            step += 1
            mine = [
                float(cancel.cancelled),
                float(nll_sum),
                int((logits.detach().argmax(1) == target).sum()),
            ]
            # the batch's numbers over all processes, and a Cancel on any of them
            stop, batch_nll, batch_right = group.sum(mine)
            seen += len(batch)
            handled += len(index)
            correct += int(batch_right)
            loss_sum += float(batch_nll)
            yield StepEnd(
                first_epoch + epoch, step, float(batch_nll) / len(batch), batch_right / len(batch)
            )
            yield Progress("fine_tune", step, total_steps, clock.eta(step))
            if stop:
                yield Cancelled("fine_tune")
                return
        epochs_run = epoch
        with average.swapped_in():  # the averaged weights are the ones judged and kept
            val_loss, val_acc = evaluate()
        if cancel.cancelled and group.world_size == 1:  # (evaluate stopped part-way)
            yield Cancelled("fine_tune")
            return
        with average.swapped_in():
            monitored = val_loss if val_loss is not None else loss_sum / seen
            improved = monitored < best_loss - 1e-4
            if improved or val_loss is None:
                best_loss, best_epoch, stale = monitored, first_epoch + epoch, 0
                best_state = trainable_state(parts)
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
        if group.sum([float(cancel.cancelled)])[0]:  # every process stops at the same point
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
    for dropout in dropouts:
        dropout.part = None
    images_by_process = group.per_process(handled)
    if not group.is_main or head_result is None:  # rank 0 measures and writes the model
        yield Finished(None)
        return
    parts.whole.load_state_dict(best_state, strict=False)
    parts.head.eval()
    train_seconds = time.perf_counter() - start
    head_kept = best_epoch == head.best_epoch  # no fine-tuned epoch had a lower val loss
    if head_kept:
        yield head_kept_message(epochs_run, head.best_epoch)

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
    model_onnx = export_whole(torch, parts, backbone, lower_onnx)
    torch.set_num_threads(threads)
    info = {
        "augmentations": {name: _describe(name, depth.crop_min_area) for name in names},
        # deeper and longer for data far from photos (choose_depth), with the reasons
        "depth": {
            "unfrozen_stages": depth.stages,
            "min_steps": depth.min_steps,
            "far_from_photos": list(depth.reasons),
        },
        "epochs": epochs_run,
        "max_epochs": epochs,
        "head_epochs": head_result.epochs_run,
        "best_epoch": best_epoch,
        # the weights kept are the head's, before the fine-tune (no fine-tuned epoch did better)
        "head_kept": head_kept,
        "batch_size": BATCH,
        "steps": step,
        "unfrozen": f"blocks {parts.first + 1}-{parts.n_blocks} of {parts.n_blocks}, "
        "the final convolution and the head",
        "learning_rates": {name: lr for name, _, lr in parts.groups},
        "schedule": "AdamW, one-cycle (warm-up then cosine) per group",
        "weight_decay": WEIGHT_DECAY,
        "gradient_clip_norm": CLIP_NORM,
        "weight_average": f"exponential moving average, decay {EMA_DECAY} per step"
        if EMA_DECAY > 0
        else "none",
        "patience": PATIENCE,
        "batch_norm": "frozen (running statistics of the pretrained model)",
        "device": device,
        "mixed_precision": precision_name(amp),
        **({"loss_scale_skipped_steps": loss_scale.skipped} if loss_scale.enabled else {}),
        "distributed": group.describe(images_by_process),
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
        fine_tuned_result(
            head_result,
            model_onnx=model_onnx,
            val_probabilities=val_probabilities,
            y_val=y_val,
            eval_probabilities=eval_probabilities,
            val_metrics=val_metrics,
            test_metrics=test_metrics,
            best_epoch=best_epoch,
            history=history,
            started=start,
            device=device,
            reference=reference,
            info=info,
        )
    )


def _describe(name: str, crop_min_area: float) -> str:
    from desktop_app.core.training.augment import AUGMENTATIONS, describe_crop

    return describe_crop(crop_min_area) if name == "crop" else AUGMENTATIONS[name]
