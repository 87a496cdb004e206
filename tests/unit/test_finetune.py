"""Fine-tuning (issue 17): head on cached features, then the top of the backbone on augmented
images, exported as ONE model whose parity with PyTorch is checked and stored."""

from __future__ import annotations

import json

import numpy as np
import onnx
import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.images import load_image
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, StepEnd
from desktop_app.core.training.results import load_result, save_result
from desktop_app.core.workflows.stages import drain
from desktop_app.core.workflows.train_export import train_and_export
from tests.helpers.synthetic import write_class_folders

CONFIG = TrainConfig(max_epochs=3, fine_tune=True, fine_tune_epochs=1)


@pytest.fixture(scope="module")
def fine_tuned(tmp_path_factory):
    """(data folder, model path, TrainExportResult): one short fine-tune on generated images."""
    base = tmp_path_factory.mktemp("fine-tune")
    data = write_class_folders(base / "data", per_class=6)
    out = base / "fine.onnx"
    done = drain(train_and_export(CONFIG, scan_image_folder(data), out, CancelToken()))
    return data, out, done


def _metadata(path) -> dict[str, str]:
    model = onnx.load(str(path), load_external_data=False)
    return {p.key: p.value for p in model.metadata_props}


def test_fine_tuned_export_is_one_model_with_parity_and_its_record(fine_tuned):
    data, out, done = fine_tuned
    assert done.export.parity_max_abs_diff <= 1e-4 and done.export.parity_samples > 0
    meta = _metadata(out)
    assert float(meta["parity_max_abs_diff"]) <= 1e-4
    record = json.loads(meta["fine_tuning"])
    assert set(record["augmentations"]) == {"crop", "flip", "rotate", "colour"}
    # chosen for the data (colour blobs: a mirror image is the same class), and why
    choice = record["augmentation_choice"]
    assert choice["automatic"] and choice["names"] == list(record["augmentations"])
    assert choice["reason"].startswith("Flipping stays on")
    assert record["epochs"] == 1 and record["device"] == "cpu" and record["steps"] >= 1
    # 48-pixel images are far from the photos Lite0 learnt from (224 px): the deeper fine-tune
    assert record["depth"]["unfrozen_stages"] == 3
    assert "small images (typically 48x48 px" in record["depth"]["far_from_photos"][0]
    assert record["weight_average"].startswith("exponential moving average")
    assert json.loads(meta["training"])["config"]["fine_tune"] is True
    # one history: the head's epochs, then the fine-tune's, numbered on
    history = done.result.history
    assert len(history) == record["head_epochs"] + 1
    assert [e.epoch for e in history] == list(range(1, len(history) + 1))
    # the head's weights are kept (and said so) exactly when no fine-tuned epoch improved
    assert record["head_kept"] == (not any(e.improved for e in history[record["head_epochs"] :]))
    # the same in-graph preprocessing: any image size in, probabilities out
    model = onnx.load(str(out))
    assert model.graph.input[0].name == "image" and model.graph.output[0].name == "probabilities"
    # the fine-tuned network still ends in pooling + the head: its heatmap output is exact too
    assert [o.name for o in model.graph.output][1:] == ["cam"]
    assert json.loads(meta["explanation"])["method"] == "cam"


def test_predictor_reproduces_the_pytorch_reference(fine_tuned):
    data, out, done = fine_tuned
    predictor = Predictor(out)
    assert predictor.labels == ("blue", "green", "red")
    result = done.result
    for item, expected in zip(result.reference_items, result.reference_probabilities, strict=True):
        got = predictor.session.run(["probabilities"], {"image": load_image(item)[None]})[0][0]
        assert np.abs(got - np.asarray(expected, np.float32)).max() <= 1e-4
    dataset = scan_image_folder(data)
    right = [
        predictor.predict_file(dataset.items[i]).label == dataset.classes[dataset.labels[i]]
        for i in dataset.indices("val")
    ]
    assert np.mean(right) >= 0.8


def test_fine_tuned_result_saves_and_loads_with_its_record(fine_tuned, tmp_path):
    result = fine_tuned[2].result
    save_result(result, tmp_path)
    again = load_result(tmp_path)
    assert again.fine_tune == result.fine_tune and again.config.fine_tune is True
    assert again.head_onnx == result.head_onnx


def test_head_only_export_has_no_fine_tuning_record(image_model):
    meta = _metadata(image_model[1])
    assert "fine_tuning" not in meta
    assert json.loads(meta["training"])["config"]["fine_tune"] is False


def test_cancel_during_the_fine_tune_stops_it_and_writes_nothing(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=6)
    out = tmp_path / "m.onnx"
    cancel = CancelToken()
    events = []
    for event in train_and_export(CONFIG, scan_image_folder(data), out, cancel):
        events.append(event)
        if isinstance(event, StepEnd) and event.epoch > CONFIG.max_epochs:
            cancel.cancel()  # a fine-tune step: the head has at most max_epochs epochs
    assert isinstance(events[-1], Cancelled) and events[-1].stage == "fine_tune"
    assert not any(isinstance(e, Finished) for e in events)
    assert not out.exists()


def test_a_model_without_pretrained_weights_is_refused_by_name(tmp_path):
    from desktop_app.core.training.finetune import FineTuneError

    data = write_class_folders(tmp_path / "data", per_class=4)
    config = TrainConfig(backbone="scratch-cnn", fine_tune=True)
    with pytest.raises(FineTuneError) as caught:
        drain(train_and_export(config, scan_image_folder(data), tmp_path / "m.onnx", CancelToken()))
    assert caught.value.key == "finetune.not_pretrained_image"
    assert "scratch-cnn" in str(caught.value)


def test_augmenter_is_seeded_and_normalised_like_the_model():
    from desktop_app.core.training.augment import Augmenter

    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, (90, 120, 3), dtype=np.uint8) for _ in range(3)]
    a = Augmenter(64, (127.0,) * 3, (128.0,) * 3, seed=1)(images)
    b = Augmenter(64, (127.0,) * 3, (128.0,) * 3, seed=1)(images)
    c = Augmenter(64, (127.0,) * 3, (128.0,) * 3, seed=2)(images)
    assert a.shape == (3, 3, 64, 64) and a.dtype == np.float32
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert a.min() >= -1.0 and a.max() <= 1.0
    # nothing chosen: shorter side resized and centre-cropped, as the exported model does
    plain = Augmenter(64, (127.0,) * 3, (128.0,) * 3, names=())(images[:1])
    assert plain.shape == (1, 3, 64, 64)


def test_int8_copy_of_a_fine_tuned_model_works(fine_tuned, tmp_path):
    from desktop_app.core.quantize import quantize_model

    data, out, done = fine_tuned
    dataset = scan_image_folder(data)
    calibration = [dataset.items[i] for i in dataset.indices("train")]
    small = tmp_path / "small.onnx"
    report = drain(quantize_model(out, small, calibration, CancelToken()))
    assert report is not None and small.is_file()
    predictor = Predictor(small)
    assert predictor.metadata["precision"] == "int8"
    assert predictor.predict_file(calibration[0]).label in ("blue", "green", "red")


def test_cancel_while_measuring_the_fine_tuned_model_stops_there(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=6)
    cancel = CancelToken()
    events = []
    config = TrainConfig(max_epochs=2, fine_tune=True, fine_tune_epochs=1)
    for event in train_and_export(config, scan_image_folder(data), tmp_path / "m.onnx", cancel):
        events.append(event)
        if getattr(event, "message", "") == "Measuring":
            cancel.cancel()
    assert isinstance(events[-1], Cancelled) and events[-1].stage == "fine_tune"
    assert not (tmp_path / "m.onnx").exists()


def test_thread_counts_are_chosen_by_the_time_the_real_batches_took():
    from desktop_app.core.training.finetune_parts import Chooser as _Chooser

    seconds = {1: 0.5, 2: 0.2}
    chooser = _Chooser([1, 2])
    used = []
    for _ in range(6):
        threads = chooser.next()
        used.append(threads)
        chooser.took(seconds[threads] if len(used) % 2 == 0 else 9.0)  # first of each: warm-up
    assert used == [1, 1, 2, 2, 2, 2] and chooser.chosen == 2


def test_epochs_make_enough_steps_within_bounds():
    from desktop_app.core.training.finetune import BATCH, MAX_EPOCHS, MIN_EPOCHS, fine_tune_epochs

    assert fine_tune_epochs(TrainConfig(fine_tune_epochs=2), 10_000) == 2
    assert fine_tune_epochs(TrainConfig(), 20) == MAX_EPOCHS  # tiny data: capped
    assert fine_tune_epochs(TrainConfig(), 1_000 * BATCH) == MIN_EPOCHS  # big data: at least
    assert fine_tune_epochs(TrainConfig(), 576) == 7  # flowers12's train split: 36 steps


def test_the_fine_tuned_model_is_calibrated_on_its_own_probabilities(fine_tuned):
    """The head's temperature (fitted before the fine-tune) is not carried over: the
    calibration's ECE is the one of the fine-tuned model's own eval probabilities."""
    from desktop_app.core.calibration import expected_calibration_error

    result = fine_tuned[2].result
    assert result.calibration is not None
    labels = np.asarray(result.eval_labels, np.int64)
    own = expected_calibration_error(result.eval_probabilities, labels)
    assert result.calibration.ece_before == pytest.approx(own)
    stored = json.loads(_metadata(fine_tuned[1])["calibration"])["ece_before"]
    assert stored == pytest.approx(own, abs=5e-7)  # stored rounded to 6 decimals


def test_the_fine_tune_goes_deeper_for_small_or_grey_images_only():
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.data.image_look import ImageLook
    from desktop_app.core.training.finetune import (
        FAR_MIN_STEPS,
        FAR_UNFROZEN_STAGES,
        MIN_STEPS,
        UNFROZEN_STAGES,
        choose_depth,
    )

    lite0 = get_backbone("efficientnet-lite0")
    photos = choose_depth(lite0, ImageLook(500, 375, 0.0, 48))  # hymenoptera-like
    assert (photos.stages, photos.min_steps, photos.reasons) == (UNFROZEN_STAGES, MIN_STEPS, ())
    digits = choose_depth(lite0, ImageLook(100, 100, 0.0, 48))  # sign-language-digits
    assert (digits.stages, digits.min_steps) == (FAR_UNFROZEN_STAGES, FAR_MIN_STEPS)
    assert digits.crop_min_area > photos.crop_min_area and "100x100" in digits.reasons[0]
    scans = choose_depth(lite0, ImageLook(600, 800, 0.9, 48))
    assert scans.stages == FAR_UNFROZEN_STAGES and "grey" in scans.reasons[0]
