"""Augmentation chosen automatically (issue 17): flipping goes off where measurement says which
way a picture faces matters, and stays on where a mirror image shows the same class."""

from __future__ import annotations

import numpy as np
import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.training.augment import (
    AUGMENTATIONS,
    AugmentError,
    choose_augmentations,
    flip_test,
    parse_augmentations,
)
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from tests.helpers.synthetic import write_shape_folders


def _choose(folder, cancel=None):
    events = list(choose_augmentations(scan_image_folder(folder), "efficientnet-lite0", cancel))
    return events


@pytest.mark.parametrize("mirrored", [True, False])
def test_flip_goes_off_only_where_orientation_matters(tmp_path, mirrored):
    folder = write_shape_folders(tmp_path / "data", mirrored=mirrored, per_class=10)
    events = _choose(folder)
    assert any(isinstance(e, Progress) and e.stage == "augment" for e in events)
    choice = events[-1].result
    assert isinstance(events[-1], Finished)
    test = choice.flip_test
    assert test is not None and test.n == 20
    if mirrored:  # arrows: a mirrored "left" is a "right"
        assert test.matters and "flip" not in choice.names
        assert test.mirrored_accuracy < test.accuracy - 0.25
        assert choice.reason.key == "augment.flip_off_swap"
        assert set(test.taken_for[:2]) == {"left", "right"}
    else:  # discs and squares look the same mirrored
        assert not test.matters and choice.names == tuple(AUGMENTATIONS)
        assert choice.reason.key == "augment.flip_on"
        assert abs(test.accuracy - test.mirrored_accuracy) < 0.1
    record = choice.to_json()
    assert record["flip_test"]["orientation_matters"] is mirrored and record["reason"]


def test_flip_test_on_features_alone():
    """Mirroring that maps each class onto the other is caught; one that changes nothing is not."""
    rng = np.random.default_rng(0)
    centres = rng.normal(0, 1, (2, 32))
    labels = np.repeat([0, 1], 20)
    features = centres[labels] + 0.3 * rng.normal(0, 1, (40, 32))
    swapped = centres[1 - labels] + 0.3 * rng.normal(0, 1, (40, 32))
    same = centres[labels] + 0.3 * rng.normal(0, 1, (40, 32))
    assert flip_test(features, swapped, labels, ["a", "b"]).recognised_worse
    assert not flip_test(features, same, labels, ["a", "b"]).matters
    # pictures that all face one way: each mirror image moves the same way, still its class
    facing = features + 0.4 * rng.normal(0, 1, 32)
    test = flip_test(features, facing, labels, ["a", "b"])
    assert test.same_way and test.matters and not test.recognised_worse and test.facing > 0.9


def test_too_few_pictures_keep_every_augmentation(tmp_path):
    folder = write_shape_folders(tmp_path / "data", mirrored=True, per_class=3)
    choice = _choose(folder)[-1].result
    assert choice.flip_test is None and choice.names == tuple(AUGMENTATIONS)
    assert choice.reason.key == "augment.flip_unmeasured"


def test_choice_can_be_cancelled(tmp_path):
    folder = write_shape_folders(tmp_path / "data", mirrored=False, per_class=4)
    cancel = CancelToken()
    cancel.cancel()
    assert isinstance(_choose(folder, cancel)[-1], Cancelled)


def test_parse_augmentations():
    assert parse_augmentations("flip, crop") == ("crop", "flip")
    assert parse_augmentations("none") == ()
    assert parse_augmentations("COLOUR,rotate") == ("rotate", "colour")
    with pytest.raises(AugmentError) as error:
        parse_augmentations("crop,mirror")
    assert "mirror" in str(error.value) and "crop, flip, rotate, colour" in str(error.value)


def test_preview_is_what_training_sees_with_the_normalisation_undone():
    """The preview runs the training Augmenter: with nothing ticked it is the centre crop
    itself (back in 0-255), with flipping alone each picture is that crop or its mirror."""
    from desktop_app.core.training.augment import combination_index, preview_pictures

    rng = np.random.default_rng(0)  # at the model's size already: no resizing blurs the test
    images = [rng.integers(0, 256, (32, 40, 3), dtype=np.uint8) for _ in range(4)]
    out = preview_pictures(images, 32, [127.0] * 3, [128.0] * 3, rounds=2, thumbnail=32)
    assert out.shape == (2, 16, 2, 32, 32, 3) and out.dtype == np.uint8
    plain = out[:, combination_index(())]
    for r in range(2):
        for j in range(2):
            image = images[2 * r + j]
            crop = image[:, 4:36]
            assert np.abs(plain[r, j].astype(int) - crop).max() <= 1
            flipped = out[r, combination_index(("flip",)), j].astype(int)
            assert min(np.abs(flipped - crop).max(), np.abs(flipped - crop[:, ::-1]).max()) <= 1


def test_cli_refuses_an_unknown_augmentation_before_any_work(tmp_path, capsys):
    from desktop_app.cli import main

    code = main(
        [
            "train",
            str(tmp_path / "nowhere"),
            "--out",
            str(tmp_path / "m.onnx"),
            "--augment",
            "crop,mirror",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "Unknown augmentation 'mirror'" in err and "crop, flip, rotate, colour" in err
    assert "Traceback" not in err


def test_short_fine_tunes_are_not_worth_a_probe():
    from desktop_app.cli.commands import duration_words
    from desktop_app.core.data.dataset import Dataset
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.finetune import planned_steps
    from desktop_app.core.training.finetune_estimate import SHORT_STEPS, worth_estimating

    def data(n_train: int) -> Dataset:
        return Dataset("image", ("a", "b"), ("x",) * n_train, (0,) * n_train, ("train",) * n_train)

    config = TrainConfig(fine_tune=True)
    assert planned_steps(config, 15) == 10  # 1 step an epoch, 10 epochs at most
    assert not worth_estimating(config, data(15)) and planned_steps(config, 15) <= SHORT_STEPS
    assert planned_steps(config, 576) == 252 and worth_estimating(config, data(576))
    assert duration_words(540, 320) == "about 5–9 min" and duration_words(540, 520) == "about 9 min"
    assert [duration_words(s) for s in (3, 41, 61, 250, 4000)] == [
        "about 5 s",
        "about 40 s",
        "about 1 min",
        "about 4 min",
        "about 1 h 07 min",
    ]
