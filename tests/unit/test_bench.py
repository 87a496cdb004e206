"""The benchmark's own pieces (the full bench is `desktop-app bench`; `make test` runs --quick)."""

from __future__ import annotations

import cv2
import pytest

from desktop_app.bench.plot import plot_time_vs_n
from desktop_app.bench.run import FULL, QUICK, Row, build_parser, p4_verdict


def test_rows_summarise_repeats_and_mark_failures():
    row = Row("P1", "ratio", [1.4, 1.2, 1.25], "x", "≤ 1.3", False)
    assert row.summary() == "1.25× (1.2–1.4, n=3)"
    data = row.to_json()
    assert data["median"] == 1.25 and data["min"] == 1.2 and data["pass"] is False
    assert Row("P4", "n/a", [], "x", "", None).summary() == "—"


def test_the_full_plan_holds_the_issue_targets_and_quick_is_small():
    assert FULL.bounds["P1"] == 1.3 and FULL.bounds["P1b"] == 50 and FULL.bounds["P3"] == 0.9
    assert FULL.bounds["P1f"] == 1 / 3  # issue 17: the fine-tune in a third of the naive time
    assert FULL.bounds["P5_gap"] == 50 and FULL.repeats >= 3 and 20_000 in FULL.p6_sizes
    assert QUICK.n_images <= 200 and QUICK.repeats == 1 and not QUICK.p6_sizes
    args = build_parser().parse_args(["--quick", "--json", "out.json"])
    assert args.quick and args.json == "out.json"


def test_time_vs_n_plot_is_a_png(tmp_path):
    points = {
        n: [{"seconds": n * 0.008 + 1.5 + i * 0.1} for i in range(3)] for n in (1000, 5000, 20000)
    }
    out = plot_time_vs_n(points, tmp_path / "p6.png")
    image = cv2.imread(str(out))
    assert image is not None and image.shape == (420, 720, 3)
    assert (image < 250).any()  # something was drawn


def test_p4_is_judged_only_where_the_cpu_has_an_8_bit_advantage():
    # an AVX2 AMD EPYC ran a bare 8-bit convolution at 0.96x float: the export cannot be faster
    assert p4_verdict([1.0, 1.02], raw_advantage=0.96, bound=1.05) is None
    assert p4_verdict([1.0, 1.02], raw_advantage=1.8, bound=1.05) is False
    assert p4_verdict([1.6, 1.7], raw_advantage=1.8, bound=1.5) is True


def test_raw_int8_advantage_is_measured():
    from desktop_app.bench.int8 import raw_int8_advantage

    advantage = raw_int8_advantage(repeats=1)
    assert 0.2 < advantage < 20


def test_the_test_sizes_probe_reproduces_the_model_at_its_own_size(image_model):
    """At the model's own size the probe scores what `evaluate` scores; other sizes run too."""
    from desktop_app.bench.probes import test_sizes
    from desktop_app.core.training.events import CancelToken
    from desktop_app.core.workflows.evaluate import evaluate_on_data
    from desktop_app.core.workflows.stages import drain

    data, model = image_model
    found = test_sizes(str(model), str(data), [224, 256])
    evaluation = drain(evaluate_on_data(model, data, CancelToken()))
    assert found["scored"] == evaluation.split and found["n"] == evaluation.metrics.n
    assert found["sizes"]["224"]["accuracy"] == pytest.approx(evaluation.metrics.accuracy, abs=1e-4)
    assert 0.0 <= found["sizes"]["256"]["accuracy"] <= 1.0
    assert found["sizes"]["256"]["log_loss"] != found["sizes"]["224"]["log_loss"]
    assert set(found["average_of_all"]) == {"accuracy", "errors", "log_loss"}
