"""Classify workflow: images (files, folders) and texts → rows, the CSV, and cancelling."""

from __future__ import annotations

import csv
from pathlib import Path

from desktop_app.core.inference import Predictor
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.classify import (
    Classified,
    ClassifyResult,
    CsvSummary,
    classify_folder_to_csv,
    classify_images,
    classify_text_file_to_csv,
    classify_texts,
    read_texts,
    write_predictions_csv,
)
from desktop_app.core.workflows.stages import drain


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_folder_to_csv_matches_the_predictor_and_lists_bad_files(image_model, tmp_path):
    data, model = image_model
    (data / "red" / "broken.png").write_bytes(b"not an image")
    try:
        out = tmp_path / "out.csv"
        summary = drain(classify_folder_to_csv(Predictor(model), data, out, 2, CancelToken()))
        assert isinstance(summary, CsvSummary)
        assert (summary.rows, summary.skipped) == (25, 1)
        rows = _rows(out)
        assert rows[0] == [
            "path",
            "label",
            "probability",
            "label_2",
            "probability_2",
            "unsure",
            "latency_ms",
            "error",
        ]
        predictor = Predictor(model)
        by_path = {r[0]: r for r in rows[1:]}
        for row in rows[1:]:
            if row[0].endswith("broken.png"):
                assert row[1] == "" and row[-1]
                continue
            assert row[1] == predictor.predict_file(row[0]).label == Path(row[0]).parent.name
        assert len(by_path) == 25
    finally:
        (data / "red" / "broken.png").unlink()


def test_rows_come_one_by_one_in_order(image_model):
    data, model = image_model
    files = sorted(str(p) for p in (data / "blue").iterdir())
    events = list(classify_images(Predictor(model), files, 3, CancelToken(), 4, each_row=True))
    rows = [e.row for e in events if isinstance(e, Classified)]
    assert [r.path for r in rows] == files
    result = events[-1].result
    assert isinstance(result, ClassifyResult) and result.rows == tuple(rows)
    done = [e.done for e in events if isinstance(e, Progress) and e.total]
    assert done == sorted(done) and done[-1] == len(files)


def test_cancel_mid_way_writes_no_csv(image_model, tmp_path):
    data, model = image_model
    out = tmp_path / "never.csv"
    cancel = CancelToken()
    seen = []
    for event in classify_folder_to_csv(Predictor(model), data, out, 3, cancel, batch_size=2):
        seen.append(event)
        if isinstance(event, Progress) and event.done == 4:
            cancel.cancel()
    assert isinstance(seen[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in seen)
    last = max(e.done for e in seen if isinstance(e, Progress))
    assert 4 <= last < 24  # stopped after the batch in progress, long before the end
    assert not out.exists()


def test_texts_are_classified_in_batches_and_can_be_cancelled(text_model, tmp_path):
    data, model = text_model
    texts = read_texts(data)
    assert len(texts) == 120 and not any(t in ("good", "bad") for t in texts)
    predictor = Predictor(model)
    result = drain(classify_texts(predictor, texts, 1, CancelToken(), batch_size=16))
    assert [r.path for r in result.rows] == texts
    expected = predictor.text_probabilities(texts).argmax(axis=1)
    assert [r.prediction.label for r in result.rows] == [predictor.labels[i] for i in expected]

    cancel = CancelToken()
    events = []
    for event in classify_texts(predictor, texts, 1, cancel, batch_size=16):
        events.append(event)
        if isinstance(event, Progress) and event.done == 32:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert max(e.done for e in events if isinstance(e, Progress)) == 32


def test_text_file_csv_has_a_text_column_and_no_timings(text_model, tmp_path):
    data, model = text_model
    out = tmp_path / "texts.csv"
    summary = drain(classify_text_file_to_csv(Predictor(model), data, out, 3, CancelToken()))
    assert (summary.rows, summary.skipped) == (120, 0)
    rows = _rows(out)
    assert rows[0] == [
        "text",
        "label",
        "probability",
        "label_2",
        "probability_2",
        "label_3",
        "probability_3",
        "unsure",
    ]
    assert len(rows) == 121 and {r[1] for r in rows[1:]} <= {"good", "bad"}


def test_write_predictions_csv_pads_short_rows(tmp_path):
    from desktop_app.core.inference import PathPrediction, Prediction

    rows = [
        PathPrediction("a.png", Prediction(("x", "y"), (0.75, 0.25), 1.5)),
        PathPrediction("b.png", None, "cannot read this image"),
    ]
    write_predictions_csv(tmp_path / "p.csv", rows, 3)
    written = _rows(tmp_path / "p.csv")
    assert written[1] == ["a.png", "x", "0.750000", "y", "0.250000", "", "", "false", "1.500", ""]
    assert written[2] == ["b.png", "", "", "", "", "", "", "", "", "cannot read this image"]


def test_the_unsure_column_says_true_below_the_threshold(tmp_path):
    from desktop_app.core.inference import PathPrediction, Prediction

    rows = [
        PathPrediction("sure.png", Prediction(("x", "y"), (0.9, 0.1), 1.0, False)),
        PathPrediction("guess.png", Prediction(("y", "x"), (0.55, 0.45), 1.0, True)),
        PathPrediction("bad.png", None, "cannot read this image"),
    ]
    write_predictions_csv(tmp_path / "p.csv", rows, 2)
    table = {r["path"]: r for r in csv.DictReader((tmp_path / "p.csv").open(encoding="utf-8"))}
    assert [table[p]["unsure"] for p in ("sure.png", "guess.png", "bad.png")] == [
        "false",
        "true",
        "",
    ]
    assert table["guess.png"]["label"] == "y"  # the best guess is still written
