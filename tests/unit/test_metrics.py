import pytest

from desktop_app.core.metrics import compute_metrics


def test_metrics_match_a_hand_computed_example():
    # truth: a a a b b c ; predicted: a a b b c c
    m = compute_metrics([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ["a", "b", "c"])
    assert m.accuracy == pytest.approx(4 / 6)
    assert m.confusion == ((2, 1, 0), (0, 1, 1), (0, 0, 1))
    a, b, c = m.per_class
    assert (a.precision, a.recall, a.support) == (1.0, pytest.approx(2 / 3), 3)
    assert (b.precision, b.recall) == (0.5, 0.5)
    assert (c.precision, c.recall, c.f1) == (0.5, 1.0, pytest.approx(2 / 3))
    assert m.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_a_class_absent_from_truth_and_prediction_does_not_drag_macro_f1_down():
    m = compute_metrics([0, 1], [0, 1], ["a", "b", "never"])
    assert m.macro_f1 == 1.0
    assert m.per_class[2].support == 0
    assert m.to_json()["confusion"][2] == [0, 0, 0]
