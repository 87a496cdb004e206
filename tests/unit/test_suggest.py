"""Label new data by suggestion (`desktop-app suggest`): the model's labels, least sure first."""

from __future__ import annotations

import csv

from desktop_app.core.inference import PathPrediction, Prediction
from desktop_app.core.workflows.suggest import least_sure_first, margin


def _row(name: str, probabilities: tuple[float, ...] | None) -> PathPrediction:
    if probabilities is None:
        return PathPrediction(name, None)
    labels = tuple(f"c{i}" for i in range(len(probabilities)))
    return PathPrediction(name, Prediction(labels, probabilities, 1.0))


def test_least_sure_first_orders_by_the_margin_between_the_first_two_guesses():
    rows = [
        _row("sure", (0.9, 0.05, 0.05)),
        _row("broken", None),
        _row("toss", (0.45, 0.44, 0.11)),
        _row("middle", (0.6, 0.3, 0.1)),
        _row("one class", (1.0,)),
    ]
    assert [r.path for r in least_sure_first(rows)] == [
        "toss",
        "middle",
        "sure",
        "one class",
        "broken",
    ]
    assert abs(margin(rows[2]) - 0.01) < 1e-9


def test_cli_suggest_writes_a_csv_least_sure_first(image_model, tmp_path):
    from desktop_app.cli.program import run

    data, model = image_model
    out = tmp_path / "suggestions.csv"
    assert run(["suggest", str(model), str(data), "--csv", str(out), "--quiet"]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 24 and set(rows[0]) >= {"path", "label", "probability", "label_2"}
    margins = [float(r["probability"]) - float(r["probability_2"]) for r in rows]
    assert margins == sorted(margins)
