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


def test_mistakes_are_the_wrong_items_the_surest_first(image_model, tmp_path):
    """Images given another class's label are listed as mistakes with the model's answer (their
    real colour) and its probability, the surest first; a broken image is skipped, not listed."""
    data, model = image_model
    predictor = Predictor(model)
    dataset = scan_image_folder(data)
    items = [str(p) for p in dataset.items]
    labels = [predictor.labels.index(dataset.classes[i]) for i in dataset.labels]
    red, green = predictor.labels.index("red"), predictor.labels.index("green")
    relabelled = [i for i, label in enumerate(labels) if label == red][:3]
    for i in relabelled:
        labels[i] = green
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"broken")
    items.insert(5, str(broken))
    labels.insert(5, green)
    relabelled = [i + (i >= 5) for i in relabelled]
    evaluation = drain(evaluate_items(predictor, items, labels, CancelToken(), batch_size=4))
    expected = {}
    for item, label in zip(items, labels, strict=True):
        if item != str(broken):
            said = predictor.predict_file(item)
            if said.label != predictor.labels[label]:
                expected[item] = (predictor.labels[label], said.label, said.probabilities[0])
    mistakes = evaluation.mistakes
    assert {m.item for m in mistakes} == set(expected) >= {items[i] for i in relabelled}
    for m in mistakes:
        label, said, p = expected[m.item]
        assert (m.label, m.predicted) == (label, said)
        assert abs(m.probability - p) < 1e-5 and m.label_probability < m.probability
    assert all(
        (m.label, m.predicted) == ("green", "red")
        for m in mistakes
        if m.item in {items[i] for i in relabelled}
    )
    probabilities = [m.probability for m in mistakes]
    assert probabilities == sorted(probabilities, reverse=True)
    n = evaluation.metrics.n
    assert n == len(items) - 1 and n - round(evaluation.metrics.accuracy * n) == len(mistakes)
    assert [s.path for s in evaluation.skipped] == [str(broken)]
    listed = evaluation.to_json()["mistakes"]
    assert [row["item"] for row in listed] == [m.item for m in mistakes]
    assert set(listed[0]) == {"item", "label", "predicted", "probability", "label_probability"}


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
