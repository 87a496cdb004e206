import numpy as np
import pytest

from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import DatasetError, scan_image_folder
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Finished,
    Message,
    StepEnd,
)
from desktop_app.core.training.loop import fit, train
from tests.helpers.synthetic import write_class_folders

LITE0 = get_backbone("efficientnet-lite0")


def separable(n_per_class=30, dim=16, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 3, (3, dim))
    labels = np.repeat(np.arange(3), n_per_class)
    features = (centres[labels] + rng.normal(0, 1, (len(labels), dim))).astype(np.float32)
    splits = np.array(["train", "train", "val"] * (len(labels) // 3))
    return features, labels, splits


def collect(gen):
    events = list(gen)
    return events, next((e.result for e in events if isinstance(e, Finished)), None)


def test_fit_yields_step_and_epoch_events_and_learns():
    features, labels, splits = separable()
    events, head = collect(fit(TrainConfig(), LITE0, features, labels, splits, 3))
    steps = [e for e in events if isinstance(e, StepEnd)]
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert steps and epochs and steps[-1].step == len(steps)
    assert all(e.val_loss is not None for e in epochs)
    assert epochs[-1].train_loss < epochs[0].train_loss
    val = splits == "val"
    assert (head.probabilities[val].argmax(1) == labels[val]).mean() > 0.95
    assert head.head_onnx[:2] and len(head.head_onnx) > 100


def test_fit_is_deterministic_for_a_seed():
    features, labels, splits = separable()
    _, a = collect(fit(TrainConfig(max_epochs=5, seed=3), LITE0, features, labels, splits, 3))
    _, b = collect(fit(TrainConfig(max_epochs=5, seed=3), LITE0, features, labels, splits, 3))
    assert [e.val_loss for e in a.history] == [e.val_loss for e in b.history]
    np.testing.assert_array_equal(a.probabilities, b.probabilities)


def test_early_stopping_keeps_the_best_epoch():
    rng = np.random.default_rng(1)
    features = rng.normal(size=(60, 8)).astype(np.float32)  # pure noise: val loss soon gets worse
    labels = np.tile([0, 1], 30)
    splits = np.array(["train"] * 40 + ["val"] * 20)
    events, head = collect(
        fit(TrainConfig(max_epochs=200, patience=3), LITE0, features, labels, splits, 2)
    )
    assert any(isinstance(e, Message) and "Stopped early" in e.text for e in events)
    assert head.epochs_run < 200
    best = min(e.val_loss for e in head.history)
    assert head.history[head.best_epoch - 1].val_loss <= best + 1e-4
    assert head.best_epoch < head.epochs_run


def test_cancel_stops_training_at_the_next_step():
    features, labels, splits = separable()
    token = CancelToken()
    events = []
    for event in fit(TrainConfig(max_epochs=50), LITE0, features, labels, splits, 3, token):
        events.append(event)
        if isinstance(event, StepEnd) and event.step == 3:
            token.cancel()
    assert isinstance(events[-1], Cancelled)
    assert sum(isinstance(e, StepEnd) for e in events) == 3


def test_class_weighting_helps_the_rare_class():
    rng = np.random.default_rng(0)
    big = rng.normal(0.0, 1.0, (200, 4))
    small = rng.normal(0.6, 1.0, (10, 4))
    features = np.vstack([big, small]).astype(np.float32)
    labels = np.array([0] * 200 + [1] * 10)
    splits = np.array(["train"] * 210)
    recalls = {}
    for weighting in (False, True):
        cfg = TrainConfig(max_epochs=30, class_weighting=weighting, label_smoothing=0.0)
        _, head = collect(fit(cfg, LITE0, features, labels, splits, 2))
        recalls[weighting] = head.probabilities[200:, 1].mean()  # belief in the rare class
    assert recalls[True] > recalls[False]


def test_train_end_to_end_on_generated_images(tmp_path):
    dataset = scan_image_folder(write_class_folders(tmp_path / "d", per_class=10))
    events, result = collect(train(TrainConfig(), dataset))
    assert result.val_metrics.accuracy >= 0.9
    assert result.n_train + result.n_val == 30 and result.n_test == 0
    assert result.classes == ("blue", "green", "red")
    assert len(result.reference_items) == len(result.reference_probabilities) > 0
    assert result.timings["features"] >= 0


def test_scratch_cnn_learns_generated_images(tmp_path):
    dataset = scan_image_folder(write_class_folders(tmp_path / "d", per_class=10, size=32))
    _, result = collect(train(TrainConfig(backbone="scratch-cnn", max_epochs=15), dataset))
    assert result.val_metrics.accuracy > 0.6  # three classes: chance is 0.33


def test_one_class_is_refused_with_a_clear_message(tmp_path):
    root = write_class_folders(tmp_path / "d", per_class=3)
    for extra in ("green", "blue"):
        for f in (root / extra).iterdir():
            f.unlink()
        (root / extra).rmdir()
    with pytest.raises(DatasetError, match="at least two classes"):
        list(train(TrainConfig(), scan_image_folder(root)))


def test_byte_dropout_drops_the_rate_scales_the_rest_and_is_identity_in_eval():
    import torch

    from desktop_app.core.training.heads import ByteDropout

    layer = ByteDropout(0.2, seed=3)
    x = torch.ones(400, 500)
    out = layer.train()(x)
    dropped = float((out == 0).float().mean())
    assert 0.18 < dropped < 0.22
    assert torch.allclose(out.mean(), torch.tensor(1.0), atol=0.02)  # inverted dropout
    again = ByteDropout(0.2, seed=3).train()(x)
    assert torch.equal(out, again)  # deterministic per seed
    assert torch.equal(layer.eval()(x), x)
