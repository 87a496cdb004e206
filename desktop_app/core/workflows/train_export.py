"""Train → export (→ INT8 with its held-out evaluation): the job behind `desktop-app train` and
the Train tab's Start. Training events pass through; the fused model is written at the end."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop_app.core.catalog import is_automatic
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.errors import Phrase
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.distributed import Launch, joined
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    Finished,
    Message,
    Progress,
)
from desktop_app.core.workflows.stages import relay


@dataclass(frozen=True)
class TrainExportResult:
    """A finished run: the TrainResult, the export report of the float model (written to a
    temporary file when `int8`), and for INT8 the quantization report and its evaluation."""

    result: Any  # TrainResult
    export: Any  # ExportReport
    model: str
    int8: Any = None  # QuantizeReport
    int8_evaluation: Any = None  # workflows.evaluate.Evaluation (None: no held-out items)
    # False: a process of a torchrun launch other than rank 0, which trained its share and
    # left the measuring and the writing to rank 0 (result and export are then None)
    written: bool = True


def train_and_export(
    config: TrainConfig,
    dataset: Dataset,
    model_path: str | os.PathLike[str],
    cancel: CancelToken,
    warm_start: dict | None = None,
    int8: bool = False,
    import_torch_first: bool = False,
    launch: Launch | None = None,
) -> Iterator[object]:
    """Train the head, export the fused model to `model_path`, then `Finished(TrainExportResult)`.

    `config.backbone` "auto": train each of the catalog's candidates on cached features and keep
    the best on validation (core/workflows/auto_choice.py); the result's `auto_choice` says
    which and why. `config.fine_tune`: after the head, fine-tune the top of the backbone on augmented images
    (core/training/finetune.py); the export is then that whole network, still one file.

    `int8`: `model_path` becomes the INT8 copy (calibrated on the train split; the float model
    is not kept), checked against the float model on the run's eval split (held out, never the
    calibration items) and measured on it. `import_torch_first`:
    import torch quietly (GC paused, see `torch_loading`) before training; the window wants that,
    the CLI lets training import it while features are extracted.

    `launch` (`distributed.launched()`, torchrun's processes): the fine-tune runs in all of
    them as one DistributedDataParallel job; rank 0 alone exports (the others end with a
    result whose `written` is False)."""
    from desktop_app.core.export import export_model
    from desktop_app.core.training.loop import train

    yield Progress("prepare", 0, 0)
    if import_torch_first:
        from desktop_app.core.torch_loading import import_torch_quietly

        import_torch_quietly()
    auto_choice: dict = {}
    if config.fine_tune and is_automatic(config.backbone):
        config, said = fine_tunable_choice(config, dataset.task)
        if said is not None:
            yield said
    if is_automatic(config.backbone):  # the best of the catalog's candidates, on validation
        from desktop_app.core.workflows.auto_choice import auto_train

        chosen = yield from relay(auto_train(config, dataset, cancel, warm_start))
        if chosen is None:
            return
        auto_choice = chosen.auto_choice
        config = replace(config, backbone=chosen.backbone_id)
    if config.fine_tune:  # the head first, then the top of the backbone with it
        from desktop_app.core.training.finetune import fine_tune

        with joined(launch, config.device) as group:
            result = yield from relay(fine_tune(config, dataset, cancel, warm_start, group))
        if not group.is_main:
            yield Finished(TrainExportResult(None, None, str(model_path), written=False))
            return
    elif auto_choice:
        result = chosen  # trained already, as the candidate it was
    else:
        result = yield from relay(train(config, dataset, cancel, warm_start))
    if result is None:  # cancelled (Cancelled passed on)
        return
    if auto_choice and not result.auto_choice:
        result = replace(result, auto_choice=auto_choice)
    if cancel.cancelled:
        yield Cancelled("export")
        return
    model_path = Path(model_path)
    if not int8:
        yield Progress("export", 0, 1, message="Saving the model")
        report = export_model(result, model_path)
        yield Progress("export", 1, 1, message="Saving the model")
        yield Finished(TrainExportResult(result, report, str(model_path)))
        return
    from desktop_app.core.quantize import HeldOut, quantize_model

    with tempfile.TemporaryDirectory(prefix="classifier-studio-") as tmp:
        yield Progress("export", 0, 1, message="Saving the model")
        report = export_model(result, Path(tmp) / model_path.name)
        yield Progress("export", 1, 1, message="Saving the model")
        calibration = [dataset.items[i] for i in dataset.indices("train")]
        held_out = None
        if result.eval_items:
            names = [result.classes[int(i)] for i in result.eval_labels]
            held_out = HeldOut(list(result.eval_items), names, result.eval_split)
        quantized = yield from relay(
            quantize_model(report.path, model_path, calibration, cancel, held_out=held_out)
        )
        if quantized is None:
            return
    evaluation = None
    if result.eval_items:
        from desktop_app.core.inference import Predictor
        from desktop_app.core.workflows.evaluate import evaluate_items

        evaluation = yield from relay(
            evaluate_items(
                Predictor(model_path),
                result.eval_items,
                result.eval_labels,
                cancel,
                result.eval_split,
            )
        )
        if evaluation is None:
            return
    yield Finished(TrainExportResult(result, report, str(model_path), quantized, evaluation))


def fine_tunable_choice(config: TrainConfig, task: str) -> tuple[TrainConfig, Message | None]:
    """A fine-tune with the Automatic choice: where one candidate alone can be fine-tuned (texts:
    the any-language encoder), that one, and the Message saying so; else `config` as it is."""
    from desktop_app.core.training.finetune import can_fine_tune
    from desktop_app.core.workflows.auto_choice import automatic_candidates

    candidates = automatic_candidates(task)
    able = [b for b in candidates if can_fine_tune(b)]
    if len(able) != 1 or len(candidates) == 1:
        return config, None
    said = Phrase("finetune.text_model")
    return replace(config, backbone=able[0].id), Message(str(said), said.key, said.params)
