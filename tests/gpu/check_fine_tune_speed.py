"""Fine-tune flowers12 on the GPU and on the CPU, and print the speed-up (issue 17, item 6).

Run on a machine with a CUDA GPU (it refuses to run without one):

    PYTHONPATH=. python tests/gpu/check_fine_tune_speed.py [--epochs 3] [--fine-tune-epochs 3]

Both runs use the same data, seed and epochs; the features are cached by the first run, so
each timing below is the fine-tune stage alone (the head's training is a second or two). Prints
one JSON line: seconds, steps and seconds per step on each device, the speed-up (CPU time per
step / GPU time per step), the test accuracy of each, and the mixed precision used on the GPU.
It has not been run by its author (no GPU was lent to that session): read it as unmeasured.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path


def main() -> int:
    from desktop_app.bench.data import flowers12
    from desktop_app.core.data.dataset import scan_image_folder
    from desktop_app.core.torch_loading import import_torch
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.stages import drain
    from desktop_app.core.workflows.train_export import train_and_export

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="default: flowers12")
    parser.add_argument("--backbone", default="efficientnet-lite0")
    parser.add_argument("--epochs", type=int, default=None, help="head epochs (default: auto)")
    parser.add_argument("--fine-tune-epochs", type=int, default=3)
    args = parser.parse_args()
    torch, _ = import_torch()
    if not torch.cuda.is_available():
        print("no CUDA GPU here: nothing to compare", file=sys.stderr)
        return 2
    dataset = scan_image_folder(args.data or flowers12())
    report: dict = {"gpu": torch.cuda.get_device_name(0), "n_train": None}
    with tempfile.TemporaryDirectory() as tmp:
        for device in ("cuda", "cpu"):
            config = TrainConfig(
                backbone=args.backbone,
                device=device,
                max_epochs=args.epochs,
                fine_tune=True,
                fine_tune_epochs=args.fine_tune_epochs,
            )
            done = drain(
                train_and_export(config, dataset, Path(tmp) / f"{device}.onnx", CancelToken())
            )
            record = done.result.fine_tune
            report["n_train"] = done.result.n_train
            eval_metrics = done.result.eval_metrics
            report[device] = {
                "seconds": record["seconds"],
                "steps": record["steps"],
                "seconds_per_step": round(record["seconds"] / max(1, record["steps"]), 4),
                "seconds_by_part": record["seconds_by_part"],
                "mixed_precision": record["mixed_precision"],
                "eval_split": done.result.eval_split,
                "accuracy": None if eval_metrics is None else round(eval_metrics.accuracy, 4),
            }
            print(f"{device}: {json.dumps(report[device])}", file=sys.stderr)
    report["speed_up"] = round(
        report["cpu"]["seconds_per_step"] / report["cuda"]["seconds_per_step"], 2
    )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
