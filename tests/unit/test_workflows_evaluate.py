"""Evaluate workflow: a model measured on a folder or a text file, batched and cancellable."""

from __future__ import annotations

import shutil

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.inference import Predictor
from desktop_app.core.metrics import compute_metrics
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.evaluate import Evaluation, evaluate_items, evaluate_on_data
from desktop_app.core.workflows.importing import ReadOptions
from desktop_app.core.workflows.stages import drain
from tests.helpers.synthetic import write_class_folders


def test_images_match_a_plain_loop_on_the_val_split(image_model):
    data, model = image_model
    evaluation = drain(evaluate_on_data(model, data, CancelToken(), ReadOptions(seed=0)))
    assert isinstance(evaluation, Evaluation) and evaluation.split == "val"
    predictor = Predictor(model)
    dataset = scan_image_folder(data, seed=0)
    val = dataset.indices("val")
    truth = [predictor.labels.index(dataset.classes[dataset.labels[i]]) for i in val]
    predicted = [
        predictor.labels.index(predictor.predict_file(dataset.items[i]).label) for i in val
    ]
    expected = compute_metrics(truth, predicted, predictor.labels)
    assert evaluation.metrics.n == len(val) == expected.n
    assert evaluation.metrics.accuracy == expected.accuracy
    out = evaluation.to_json()
    assert {"accuracy", "macro_f1", "split", "classes", "skipped", "model"} <= set(out)
    assert out["model"] == str(model) and out["classes"] == list(predictor.labels)


def test_unknown_classes_and_bad_images_are_skipped(image_model, tmp_path):
    data, model = image_model
    copy = shutil.copytree(data, tmp_path / "data")
    write_class_folders(tmp_path / "extra", per_class=4)
    shutil.copytree(tmp_path / "extra" / "red", copy / "purple")
    for path in (copy / "green").iterdir():
        path.write_bytes(b"broken")  # every green image fails to decode
    evaluation = drain(evaluate_on_data(model, copy, CancelToken(), ReadOptions(val_fraction=0.5)))
    reasons = [s.reason for s in evaluation.skipped]
    assert any("'purple' is unknown to this model" in r for r in reasons)
    assert evaluation.metrics is not None and evaluation.metrics.n > 0
    assert sum(1 for s in evaluation.skipped if "/green/" in s.path) >= 1


def test_texts_on_a_csv(text_model):
    data, model = text_model
    evaluation = drain(evaluate_on_data(model, data, CancelToken()))
    assert evaluation.split == "val" and evaluation.metrics.n == 24
    assert evaluation.metrics.accuracy > 0.9


def test_cancel_mid_way_stops_between_batches(image_model):
    data, model = image_model
    predictor = Predictor(model)
    dataset = scan_image_folder(data)
    items = list(dataset.items)
    labels = [predictor.labels.index(dataset.classes[i]) for i in dataset.labels]
    cancel = CancelToken()
    events = []
    for event in evaluate_items(predictor, items, labels, cancel, batch_size=4):
        events.append(event)
        if isinstance(event, Progress) and event.done == 8:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled) and events[-1].stage == "evaluate"
    assert not any(isinstance(e, Finished) for e in events)
    assert max(e.done for e in events if isinstance(e, Progress)) < len(items)


def test_nothing_to_evaluate_gives_no_metrics(image_model):
    _, model = image_model
    predictor = Predictor(model)
    evaluation = drain(evaluate_items(predictor, [], [], CancelToken()))
    assert evaluation.metrics is None and evaluation.to_json()["split"] == "all"
    assert evaluation.classes == predictor.labels
