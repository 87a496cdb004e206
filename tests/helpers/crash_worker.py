"""One training session against a project, as the window runs it, for the kill test.

`python -m tests.helpers.crash_worker PROJECT EXPORTS SEED [BACKBONE]` imports a few new
generated images (so the feature cache has work), starts a run, trains, exports the fused model
into the run folder, saves the run, then exports a copy to EXPORTS and records it, like
Train → Predict & Export in the GUI. Before each stage it prints
`phase <name> <seconds> <fsyncs so far>` and flushes, so the parent knows where a SIGKILL
landed. Heavy imports happen before `phase ready`: the parent's kill clock starts there.

`CRASH_WORKER_KILL_AT_FSYNC=N` makes it SIGKILL itself at its N-th `os.fsync` after `ready`:
inside an atomic write, after the temp file is written and before it is renamed (or just
after a rename, when the folder is synced).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.export import export_model
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.project import Project
from desktop_app.core.torch_loading import import_torch
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished, Progress, StepEnd
from desktop_app.core.training.loop import train
from tests.helpers.synthetic import write_class_folders

PHASES = ("import", "features", "training", "export-model", "save-run", "export-copy")
_clock = time.perf_counter()
_fsyncs = [0]


def phase(name: str) -> None:
    print(f"phase {name} {time.perf_counter() - _clock:.4f} {_fsyncs[0]}", flush=True)


def count_fsyncs(kill_at: int) -> None:
    """Wrap os.fsync: count the calls and, at call `kill_at` (if > 0), die as if killed."""
    real = os.fsync

    def fsync(fd: int) -> None:
        _fsyncs[0] += 1
        if _fsyncs[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        real(fd)

    os.fsync = fsync


def main(argv: list[str]) -> int:
    global _clock
    project_dir, exports_dir, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    backbone = argv[3] if len(argv) > 3 else "scratch-cnn"
    import_torch()
    import torch.onnx  # noqa: F401 - the head's export needs it; load it before the clock starts

    count_fsyncs(int(os.environ.get("CRASH_WORKER_KILL_AT_FSYNC", "0")))
    _clock = time.perf_counter()
    phase("ready")
    phase("import")
    project = Project.open(project_dir)
    data = write_class_folders(
        project_dir.parent / "data" / f"batch-{seed}", per_class=3, size=40, seed=seed
    )
    project.merge(scan_image_folder(data))
    project.save()
    config = TrainConfig(backbone=backbone, max_epochs=6, patience=100, seed=seed)
    run = project.start_run(config.to_json())
    phase("features")
    result = None
    training = False
    for event in train(config, project.dataset()):
        if not training and (
            isinstance(event, StepEnd)
            or (isinstance(event, Progress) and event.stage == "training")
        ):
            training = True
            phase("training")
        if isinstance(event, Finished):
            result = event.result
    assert result is not None
    phase("export-model")
    model_path = project.run_folder(run.id) / "model.onnx"
    export_model(result, model_path)
    phase("save-run")
    project.finish_run(run.id, result)
    phase("export-copy")
    target = exports_dir / f"{run.id}.onnx"
    atomic_write_bytes(target, model_path.read_bytes())
    project.add_export(str(target), run.id)
    phase("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
