"""Small trained models for workflow tests, made through the train → export workflow itself."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.data.detect import scan_data
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken
from desktop_app.core.workflows.stages import drain
from desktop_app.core.workflows.train_export import TrainExportResult, train_and_export


def train_model(data: Path, out: Path, backbone: str | None = None, **kwargs) -> TrainExportResult:
    """Train on `data` (images or a text file) and export to `out`; the workflow's result."""
    dataset = scan_data(data)
    default = "scratch-text" if dataset.task == "text" else "efficientnet-lite0"
    config = TrainConfig(backbone=backbone or default, max_epochs=8)
    done = drain(train_and_export(config, dataset, out, CancelToken(), **kwargs))
    assert done is not None
    return done
