"""Set a run's "unsure" threshold: below it the run's model answers "not sure" (issue 18).

The same change reaches both places that hold it: the run's exported model (its metadata, so
the Predict tab, `desktop-app predict` and the exported predict.py answer "unsure" below it) and
the run's saved result (so a later export carries it too). The model is rewritten first: when
that fails nothing has changed.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.model_file import set_unsure_threshold
from desktop_app.core.training.results import save_result
from desktop_app.core.trust import check_unsure_threshold, with_unsure_threshold


def apply_unsure_threshold(
    result: object, run_folder: Path, model_path: Path | None, threshold: float
) -> object:
    """Write `threshold` into the run's model (when it has one) and its saved result; the
    updated TrainResult."""
    threshold = check_unsure_threshold(threshold)
    updated = with_unsure_threshold(result, threshold)
    if model_path is not None:
        set_unsure_threshold(model_path, threshold)
    save_result(updated, run_folder)  # type: ignore[arg-type]
    return updated
