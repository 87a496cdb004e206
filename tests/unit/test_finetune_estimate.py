"""The estimate said before a fine-tune (issue 17): a probe of the real fine-tune, scaled to the
planned steps, against the time the fine-tune then takes (`make reliability`: about a minute)."""

from __future__ import annotations

import time

import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Finished
from desktop_app.core.training.finetune import fine_tune, planned_steps
from desktop_app.core.training.finetune_estimate import estimate_seconds
from tests.helpers.synthetic import write_class_folders


@pytest.mark.full
def test_estimate_is_near_the_time_the_fine_tune_takes(tmp_path):
    dataset = scan_image_folder(write_class_folders(tmp_path / "data", per_class=40))
    config = TrainConfig(fine_tune=True, fine_tune_epochs=5, max_epochs=20, augmentations=())
    n_train = len(dataset.indices("train"))
    estimate = [e for e in estimate_seconds(config, dataset) if isinstance(e, Finished)][0].result
    assert estimate.steps == planned_steps(config, n_train) > 18
    start = time.perf_counter()
    events = list(fine_tune(config, dataset))
    took = time.perf_counter() - start
    assert isinstance(events[-1], Finished)
    # a shared machine's load moves both: within a factor of two, not the 30 % of a quiet one
    assert took / 2 <= estimate.seconds <= took * 2, (estimate.to_json(), took)
