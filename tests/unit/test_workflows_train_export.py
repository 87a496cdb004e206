"""Train → export (→ INT8) workflow: one generator for the CLI and the Train tab."""

from __future__ import annotations

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Finished,
    Progress,
)
from desktop_app.core.workflows.evaluate import evaluate_items
from desktop_app.core.workflows.stages import drain
from desktop_app.core.workflows.train_export import TrainExportResult, train_and_export
from tests.helpers.synthetic import write_class_folders


def test_float_export_is_written_and_predicts_the_eval_split(image_model):
    data, model = image_model
    predictor = Predictor(model)
    assert predictor.labels == ("blue", "green", "red")
    dataset = scan_image_folder(data)
    for i in dataset.indices("val"):
        assert predictor.predict_file(dataset.items[i]).label == dataset.classes[dataset.labels[i]]


def test_events_end_with_the_result_and_export_progress(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=6)
    out = tmp_path / "m.onnx"
    events = list(
        train_and_export(TrainConfig(max_epochs=3), scan_image_folder(data), out, CancelToken())
    )
    assert isinstance(events[0], Progress) and events[0].stage == "prepare"
    assert any(isinstance(e, EpochEnd) for e in events)
    assert [e.done for e in events if isinstance(e, Progress) and e.stage == "export"] == [0, 1]
    done = events[-1].result
    assert isinstance(done, TrainExportResult) and done.int8 is None
    assert done.model == str(out) and done.export.path == str(out) and out.is_file()


def test_int8_writes_only_the_int8_model_and_measures_it(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=8)
    out = tmp_path / "small.onnx"
    dataset = scan_image_folder(data)
    done = drain(
        train_and_export(TrainConfig(max_epochs=5), dataset, out, CancelToken(), int8=True)
    )
    assert done.int8 is not None and done.int8.path == str(out)
    assert Predictor(out).metadata.get("precision") == "int8"
    assert list(tmp_path.glob("*.onnx")) == [out]  # the float model was not kept
    result = done.result
    again = drain(
        evaluate_items(Predictor(out), result.eval_items, result.eval_labels, CancelToken())
    )
    assert done.int8_evaluation.metrics.accuracy == again.metrics.accuracy
    assert done.int8_evaluation.split == result.eval_split == "val"


def test_cancel_mid_way_writes_nothing(tmp_path):
    data = write_class_folders(tmp_path / "data", per_class=6)
    out = tmp_path / "never.onnx"
    cancel = CancelToken()
    events = []
    for event in train_and_export(TrainConfig(max_epochs=30), scan_image_folder(data), out, cancel):
        events.append(event)
        if isinstance(event, EpochEnd) and event.epoch == 2:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)
    assert max(e.epoch for e in events if isinstance(e, EpochEnd)) < 30
    assert not out.exists()


def test_int8_check_runs_on_held_out_items_not_training_items(tmp_path, monkeypatch):
    """The INT8 copy is calibrated on training items but compared with the float model on the
    eval split: agreement on the calibration items themselves says little (issue 15, bug 7)."""
    import json

    from desktop_app.core.tasks import ImageTask

    checked: list[str] = []
    compare = ImageTask.compare_int8

    def spy(self, float_session, int8_session, items, *rest):
        checked.extend(items)
        return compare(self, float_session, int8_session, items, *rest)

    monkeypatch.setattr(ImageTask, "compare_int8", spy)
    data = write_class_folders(tmp_path / "data", per_class=8)
    dataset = scan_image_folder(data)
    out = tmp_path / "small.onnx"
    done = drain(
        train_and_export(TrainConfig(max_epochs=3), dataset, out, CancelToken(), int8=True)
    )
    training = {dataset.items[i] for i in dataset.indices("train")}
    held_out = {dataset.items[i] for i in dataset.indices("val")}
    assert checked and not training & set(checked)
    assert set(checked) == held_out  # every val image (fewer than CHECK_ITEMS)
    report = done.int8
    assert report.check_items == len(held_out) and report.check_split == "val"
    assert report.calibration_items == len(training)
    # the float accuracy on the check items is the run's own val accuracy
    assert report.float_accuracy == done.result.eval_metrics.accuracy
    assert report.int8_accuracy == done.int8_evaluation.metrics.accuracy
    record = json.loads(Predictor(out).metadata["quantization"])
    assert record["check_split"] == "val" and record["check_items"] == len(held_out)
    assert "held-out val items" in record["check_note"]
    assert record["int8_accuracy"] == report.int8_accuracy
