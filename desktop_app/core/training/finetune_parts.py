"""The network of a fine-tune (core/training/finetune.py): the pretrained backbone cut into a
frozen lower part (run in ONNX Runtime on a CPU) and a learning upper part with the head; the
moving average of the learning weights; the export of the whole as one ONNX graph; and the
measured choice between thread counts. torch is passed in (imported when a fine-tune starts)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence

import numpy as np

from desktop_app.core.catalog import Backbone
from desktop_app.core.errors import Phrase
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Message


class Chooser:
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


class Parts:
    """The backbone cut in two, plus the head: `lower` (frozen) → `upper` (learns) → head."""

    def __init__(
        self,
        torch,
        backbone: Backbone,
        head_state: dict,
        config: TrainConfig,
        n: int,
        stages: int,
        rates: tuple[float, float, float],
    ):
        head_lr, backbone_lr, lr_decay = rates  # head, top layer, factor per stage below
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
        self.first = starts[-stages] if len(starts) >= stages else 0
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
            config.head_units(backbone),
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
        self.groups: list[tuple[str, list, float]] = [("head", list(head.parameters()), head_lr)]
        self.groups.append(("final conv", top, backbone_lr))
        for depth, stage in enumerate(sorted(stages, reverse=True), start=1):
            self.groups.append((f"stage {stage}", stages[stage], backbone_lr * lr_decay**depth))
        self.n_blocks = len(blocks)


def pixels_session(backbone: Backbone):
    """ONNX Runtime on the preprocessing graph alone: the exact pixels the export will see."""
    from desktop_app.core.onnx_utils import preprocessing_graph
    from desktop_app.core.runtime import CPU, create_session

    prep = preprocessing_graph(backbone.input_size, backbone.mean, backbone.std)
    return create_session(prep.SerializeToString(), [CPU])


def mid_shape(torch, parts: Parts, size: int, device: str) -> tuple[int, ...]:
    """The shape of one image's activations between the frozen and the learning part."""
    with torch.no_grad():
        return tuple(parts.lower(torch.zeros(1, 3, size, size, device=device)).shape[1:])


def augment_seed(seed: int, epoch: int, item: int) -> int:
    """The seed of one training image's augmentation in one epoch."""
    return int(np.random.SeedSequence([seed, epoch, item]).generate_state(1)[0])


def lower_runner(torch, parts: Parts, backbone: Backbone, device: str, cpu_threads: int):
    """(run, lower ONNX bytes or None, Chooser of thread counts): `run` maps pixels (numpy)
    to the frozen lower part's activations (torch, on `device`).

    On a CPU the lower part runs in ONNX Runtime, 4-5x faster than PyTorch eager here (Lite0,
    2 busy cores: 6.7 vs 32 ms an image), with the thread count measured faster on the first
    batches. The same ONNX graph goes into the export. On CUDA: PyTorch."""
    if device != "cpu":

        def on_gpu(x: np.ndarray):
            with torch.no_grad():
                return parts.lower(torch.from_numpy(x).to(device))

        return on_gpu, None, Chooser([None])
    import onnxruntime as ort

    from desktop_app.core.onnx_utils import torch_to_onnx

    size = backbone.input_size
    model = torch_to_onnx(parts.lower, torch.zeros(1, 3, size, size), "pixels", "mid")
    model_bytes = model.SerializeToString()
    sessions = {}
    for threads in sorted({1, cpu_threads}):
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        sessions[threads] = ort.InferenceSession(
            model_bytes, options, providers=["CPUExecutionProvider"]
        )
    choice = Chooser(list(sessions))

    def on_cpu(x: np.ndarray):
        tick = time.perf_counter()
        out = sessions[choice.next()].run(["mid"], {"pixels": x})[0]
        choice.took(time.perf_counter() - tick)
        if choice.chosen is not None and len(sessions) > 1:  # the other one's memory back
            for threads in [t for t in sessions if t != choice.chosen]:
                del sessions[threads]
        return torch.from_numpy(out).contiguous(memory_format=torch.channels_last)

    return on_cpu, model, choice


class Average:
    """An exponential moving average of `params` (updated after each optimiser step), swapped
    into the model while it is judged on the val split. Every process holds the same average:
    their parameters are the same after each step."""

    def __init__(self, torch, params: list, decay: float) -> None:
        self.torch, self.params, self.decay = torch, params, decay
        with torch.no_grad():
            self.values = [p.detach().clone() for p in params] if decay > 0 else []

    def update(self) -> None:
        if not self.values:
            return
        with self.torch.no_grad():
            self.torch._foreach_lerp_(
                self.values, [p.detach() for p in self.params], 1 - self.decay
            )

    @contextlib.contextmanager
    def swapped_in(self):
        if not self.values:
            yield
            return
        with self.torch.no_grad():
            trained = [p.detach().clone() for p in self.params]
            for p, v in zip(self.params, self.values, strict=True):
                p.copy_(v)
        try:
            yield
        finally:
            with self.torch.no_grad():
                for p, v in zip(self.params, trained, strict=True):
                    p.copy_(v)


def trainable_state(parts: Parts) -> dict:
    """Copies of what the fine-tune changes (upper part and head), to restore the best epoch."""
    return {
        k: v.detach().clone()
        for k, v in parts.whole.state_dict().items()
        if k.startswith(("upper.", "head."))
    }


def export_whole(torch, parts: Parts, backbone: Backbone, lower_onnx) -> bytes:
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


def head_kept_message(fine_tuned_epochs: int, head_best_epoch: int) -> Message:
    """Said when no fine-tuned epoch beat the head's val loss: the head's weights are kept."""
    kept = Phrase("finetune.head_kept", (fine_tuned_epochs, head_best_epoch))
    return Message(str(kept), kept.key, kept.params)


def fine_tuned_result(
    head_result,  # TrainResult: the head's run, before the fine-tune
    *,
    model_onnx: bytes,
    val_probabilities: np.ndarray,
    y_val: np.ndarray,
    eval_probabilities: np.ndarray,
    val_metrics,
    test_metrics,
    best_epoch: int,
    history: list,
    started: float,
    device: str,
    reference: np.ndarray,
    info: dict,
):
    """The TrainResult of a fine-tune (images or texts), from the head's: the whole model, its
    metrics and history, and a temperature fitted again on its own val probabilities (the
    head's does not fit the fine-tuned model), measured on the eval split as loop.train does."""
    from dataclasses import replace

    from desktop_app.core.training.loop import DENSE_PROBABILITY_CLASSES, TOP_CLASSES

    n_classes = len(head_result.classes)
    eval_labels = np.asarray(head_result.eval_labels, np.int64)
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
    seconds = time.perf_counter() - started
    return replace(
        head_result,
        head_onnx=model_onnx,
        val_metrics=val_metrics,
        test_metrics=test_metrics,
        best_epoch=best_epoch,
        epochs_run=len(history),
        history=tuple(history),
        seconds=head_result.seconds + seconds,
        timings={**head_result.timings, "fine_tune": round(seconds, 3)},
        device=device,
        reference_probabilities=tuple(tuple(float(p) for p in row) for row in reference),
        eval_probabilities=np.ascontiguousarray(eval_probabilities, dtype=np.float32),
        eval_top_classes=eval_top,
        calibration=calibration,
        fine_tune=info,
    )
