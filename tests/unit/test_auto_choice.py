"""The "Automatic" model choice (core/workflows/auto_choice.py): the rule that picks a
candidate, the fine-tune suggestion, and the workflow end to end (choice recorded in the run,
the exported model and the CLI's JSON line)."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop_app.core.catalog import AUTO, automatic_for, get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.data.image_look import ImageLook, look_at_images
from desktop_app.core.errors import Phrase
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Message,
    Plan,
    Progress,
)
from desktop_app.core.workflows.auto_choice import (
    CandidateScore,
    auto_train,
    choose,
    fine_tune_reasons,
    reason_phrase,
    suggest_fine_tune,
)
from desktop_app.core.workflows.train_export import train_and_export
from tests.helpers.synthetic import write_class_folders

FAST, ACCURATE = "efficientnet-lite0", "efficientnet-lite2"
E5 = "multilingual-e5-small"


def score(backbone: str, accuracy: float | None, loss: float | None, train: float = 1.0):
    return CandidateScore(backbone, accuracy, loss, train, 1.0, 0.5, 0, 10)


def title(backbone_id: str) -> str:
    return get_backbone(backbone_id).title


def test_the_catalog_names_the_image_candidates_fastest_first():
    entry = automatic_for("image")
    assert entry is not None and entry.id == AUTO
    assert entry.candidates == (FAST, ACCURATE)
    text = automatic_for("text")  # texts: the models made for their language, English first
    assert (
        text is not None and text.candidates == ("minilm-l6", "scratch-text", E5) and text.default
    )
    assert not entry.default  # images: `train` with no --backbone keeps the Fast model


def test_the_better_validation_accuracy_wins_whatever_the_loss_or_order():
    scores = [score(FAST, 0.95, 0.10), score(ACCURATE, 0.97, 0.30)]
    assert choose(scores) == (1, "accuracy")
    record = {"candidates": [s.to_json() for s in scores], "chosen": ACCURATE, "rule": "accuracy"}
    assert str(reason_phrase(record, title)) == (
        "Chose Accurate: 97.0 % right on the validation images, against 95.0 % for Fast."
    )


def test_a_tie_in_accuracy_goes_to_the_lower_loss_then_to_the_faster():
    assert choose([score(FAST, 0.9, 0.40), score(ACCURATE, 0.9, 0.35)]) == (1, "loss")
    assert choose([score(FAST, 0.9, 0.35), score(ACCURATE, 0.9, 0.35)]) == (0, "speed")
    scores = [score(FAST, 0.9, 0.35), score(ACCURATE, 0.9, 0.35)]
    record = {"candidates": [s.to_json() for s in scores], "chosen": FAST, "rule": "speed"}
    assert "as many as Accurate, and it is faster" in str(reason_phrase(record, title))


def test_without_validation_items_the_fastest_is_kept_and_said_so():
    assert choose([score(FAST, None, None), score(ACCURATE, None, None)]) == (0, "no_validation")
    record = {"candidates": [], "chosen": FAST, "rule": "no_validation"}
    assert "no validation images" in str(reason_phrase(record, title))


def test_fine_tuning_is_suggested_for_small_grey_or_poorly_transferring_data():
    lite0 = get_backbone(FAST)
    photos = ImageLook(400, 300, 0.0, 40)
    good = [score(FAST, 0.97, 0.1, train=0.99)]
    assert suggest_fine_tune(good, 0, lite0, photos) == ()
    small = suggest_fine_tune(good, 0, lite0, ImageLook(100, 100, 0.0, 40))
    assert [r.key for r in small] == ["auto.reason_small"]
    assert str(small[0]) == (
        "the images are small (100 × 100 pixels typically) next to the 224 pixels the model "
        "looks at"
    )
    grey = suggest_fine_tune(good, 0, lite0, ImageLook(400, 300, 0.9, 40))
    assert [r.key for r in grey] == ["auto.reason_grey"]
    low = suggest_fine_tune([score(FAST, 0.8, 0.6, train=0.85)], 0, lite0, photos)
    assert [r.key for r in low] == ["auto.reason_low_accuracy"]
    gap = suggest_fine_tune([score(FAST, 0.91, 0.3, train=1.0)], 0, lite0, photos)
    assert [r.key for r in gap] == ["auto.reason_gap"]
    assert str(gap[0]) == (
        "the model gets 100 % of the training images right but only 91 % of the validation images"
    )
    # the model from scratch cannot be fine-tuned: nothing to suggest
    assert suggest_fine_tune(good, 0, get_backbone("scratch-cnn"), ImageLook(20, 20, 1, 9)) == ()


def test_looking_at_images_finds_their_typical_size_and_greyness(tmp_path: Path):
    rng = np.random.default_rng(0)
    paths = []
    for i, (w, h) in enumerate([(90, 60), (100, 80), (110, 70)]):
        grey = rng.integers(0, 255, (h, w), dtype=np.uint8)
        image = np.repeat(grey[:, :, None], 3, axis=2)
        if i == 2:  # one colour image
            image[:, :, 0] = 255
        path = tmp_path / f"{i}.png"
        cv2.imwrite(str(path), image)
        paths.append(str(path))
    paths.append(str(tmp_path / "missing.png"))  # unreadable: left out
    look = look_at_images(paths)
    assert (look.width, look.height, look.looked_at) == (100, 70, 3)
    assert look.grey_share == pytest.approx(2 / 3)


@pytest.fixture(scope="module")
def scratch_or_fast(tmp_path_factory):
    """A catalog whose candidates are the model from scratch (listed first: it would win a
    tie) and Fast; colour images on which Fast does clearly better in 3 epochs."""
    base = tmp_path_factory.mktemp("auto")
    data = write_class_folders(base / "data", per_class=4, size=32)
    catalog = json.loads((Path(__file__).parents[2] / "models" / "catalog.json").read_text())
    catalog["automatic"][0]["candidates"] = ["scratch-cnn", FAST]
    path = base / "catalog.json"
    path.write_text(json.dumps(catalog), encoding="utf-8")
    return data, path


def test_automatic_trains_each_candidate_keeps_the_best_and_records_why(
    scratch_or_fast, monkeypatch
):
    data, catalog = scratch_or_fast
    monkeypatch.setenv("CLASSIFIER_STUDIO_CATALOG", str(catalog))
    config = TrainConfig(backbone=AUTO, max_epochs=2)
    events = list(auto_train(config, scan_image_folder(data), CancelToken()))
    result = events[-1].result
    record = result.auto_choice
    scores = [CandidateScore.from_json(c) for c in record["candidates"]]
    assert [s.backbone for s in scores] == ["scratch-cnn", FAST]
    best = max(scores, key=lambda s: (s.val_accuracy, -s.val_loss))
    assert record["chosen"] == best.backbone == result.backbone_id
    assert result.config.backbone == best.backbone  # the run is the chosen model's
    assert scores[0] != scores[1]  # two real runs, not one copied
    # one bar: every candidate's features, then their heads, each counted over all of them
    features = [e for e in events if isinstance(e, Progress) and e.stage == "features"]
    assert features[-1].done == features[-1].total == 2 * 12
    assert {e.message for e in features} == {"scratch-cnn", FAST}
    compare = [e for e in events if isinstance(e, Progress) and e.stage == "compare"]
    assert [e.done for e in compare] == sorted(e.done for e in compare)
    assert compare[-1].done == compare[-1].total == 4
    assert not any(isinstance(e, EpochEnd) for e in events)  # the candidates' curves stay out
    assert any(isinstance(e, Plan) and e.total == 24 for e in events)
    said = [e for e in events if isinstance(e, Message)]
    assert [e.args[0] for e in said if e.key == "auto.candidate"] == ["scratch-cnn", FAST]
    assert any(e.key.startswith("auto.chose_") and e.text.startswith("Chose ") for e in said)
    assert record["fine_tune"]["suggested"] == bool(fine_tune_reasons(record))


def test_automatic_can_be_cancelled_while_comparing(scratch_or_fast, tmp_path, monkeypatch):
    data, catalog = scratch_or_fast
    monkeypatch.setenv("CLASSIFIER_STUDIO_CATALOG", str(catalog))
    cancel = CancelToken()
    out = tmp_path / "never.onnx"
    last = None
    for event in train_and_export(
        TrainConfig(backbone=AUTO, max_epochs=2), scan_image_folder(data), out, cancel
    ):
        last = event
        if isinstance(event, Progress) and event.stage == "compare":
            cancel.cancel()
    assert isinstance(last, Cancelled) and not out.exists()


def test_cli_backbone_auto_prints_the_choice_and_records_it(
    scratch_or_fast, tmp_path, monkeypatch, capsys
):
    from desktop_app.cli import main

    data, catalog = scratch_or_fast
    monkeypatch.setenv("CLASSIFIER_STUDIO_CATALOG", str(catalog))
    out = tmp_path / "cli.onnx"
    code = main(["train", str(data), "--out", str(out), "--backbone", "auto", "--epochs", "2"])
    captured = capsys.readouterr()
    assert code == 0, captured.err[-2000:]
    summary = json.loads(captured.out.splitlines()[-1])
    auto = summary["auto_choice"]
    assert summary["backbone"] == auto["chosen"]
    assert [c["backbone"] for c in auto["candidates"]] == ["scratch-cnn", FAST]
    assert all({"val_accuracy", "val_loss", "seconds"} <= set(c) for c in auto["candidates"])
    assert isinstance(auto["fine_tune"]["suggested"], bool)
    assert auto["reason"]["text"] in captured.err  # said on stderr, as it is in the JSON
    assert "Small model from scratch: " in captured.err and "Fast: " in captured.err
    # the choice travels with the model
    meta = json.loads(Predictor(out).metadata["auto_choice"])
    assert meta["chosen"] == auto["chosen"] and meta["reason"]["text"] == auto["reason"]["text"]


def test_a_kept_suggestion_reads_back_as_phrases():
    reason = Phrase("auto.reason_grey")
    record = {"fine_tune": {"suggested": True, "reasons": [{**reason.to_json(), "text": "x"}]}}
    assert fine_tune_reasons(record) == (reason,)
    assert fine_tune_reasons({}) == ()


@pytest.mark.full
def test_automatic_then_fine_tune_fine_tunes_the_chosen_model(tmp_path):
    from desktop_app.core.data.detect import scan_data

    data = write_class_folders(tmp_path / "data", per_class=4, size=32)
    out = tmp_path / "fine.onnx"
    config = TrainConfig(backbone=AUTO, max_epochs=2, fine_tune=True, fine_tune_epochs=1)
    done = list(train_and_export(config, scan_data(data), out, CancelToken()))[-1].result
    result = done.result
    assert result.fine_tune["epochs"] == 1 and result.auto_choice["chosen"] == result.backbone_id
    meta = Predictor(out).metadata
    assert json.loads(meta["auto_choice"])["chosen"] == result.backbone_id
    assert "fine_tuning" in meta


def test_the_texts_language_decides_which_text_models_are_tried():
    """Issue 19 #3: Chinese texts try only the any-language models (no English model wasted
    on them), English ones all three; the reason names the language, in words."""
    from desktop_app.core.workflows.auto_choice import (
        automatic_candidates,
        candidates_for_language,
    )

    both = automatic_candidates("text")
    chinese, guess = candidates_for_language(both, ["房间干净，服务热情，下次还来"] * 5)
    assert [b.id for b in chinese] == ["scratch-text", E5] and guess.code == "zh"
    english, guess = candidates_for_language(both, ["it is a charming and moving film"] * 5)
    assert [b.id for b in english] == ["minilm-l6", "scratch-text", E5] and guess.code == "en"
    assert candidates_for_language(both, ["12345", "!!"])[0] == both  # unknown: all
    images = automatic_candidates("image")
    assert candidates_for_language(images, ["a.jpg"]) == (images, None)
    record = {"task": "text", "language": "zh", "chosen": "scratch-text", "rule": "language"}
    reason = reason_phrase(record, title)
    assert reason.key == "auto.chose_language"
    assert str(reason) == (
        "Chose Any language, from scratch: the texts look Chinese, and it is the only one of "
        "the models tried that is made for them."
    )
    record = {
        "task": "text",
        "chosen": "scratch-text",
        "rule": "accuracy",
        "candidates": [
            score("minilm-l6", 0.8, 0.4).to_json(),
            score("scratch-text", 0.9, 0.3).to_json(),
        ],
    }
    words = str(reason_phrase(record, title))
    assert "90.0 % right on the validation texts, against 80.0 % for English sentences" in words


def test_english_texts_automatic_tries_the_three_text_models_and_keeps_the_best(tmp_path):
    from desktop_app.core.data.detect import scan_data
    from tests.helpers.synthetic import write_text_csv

    if not all(get_backbone(b).model_path.exists() for b in ("minilm-l6", E5)):
        pytest.skip("minilm-l6 or multilingual-e5-small is not built (make models)")
    dataset = scan_data(write_text_csv(tmp_path / "reviews.csv", per_class=30))
    config = TrainConfig(backbone=AUTO, max_epochs=2)
    events = list(train_and_export(config, dataset, tmp_path / "m.onnx", CancelToken()))
    auto = events[-1].result.result.auto_choice
    tried = [(c["backbone"], c["word_pieces"], c["val_accuracy"]) for c in auto["candidates"]]
    # the three models, then the better pretrained one again with the word pieces beside it
    assert [t[:2] for t in tried[:3]] == [
        ("minilm-l6", False),
        ("scratch-text", False),
        (E5, False),
    ]
    assert tried[3][0] in ("minilm-l6", E5) and tried[3][1] is True and len(tried) == 4
    assert auto["language"] == "en" and auto["rule"] in ("accuracy", "loss", "speed")
    chosen = next(t for t in tried if t[:2] == (auto["chosen"], auto["word_pieces"]))
    assert chosen[2] == max(t[2] for t in tried)
    assert "right on the validation texts" in auto["reason"]["text"]
    said = [e for e in events if isinstance(e, Message) and e.key == "auto.candidate_text"]
    assert [e.args[-1] for e in said] == [False, False, False, True]
    assert "+ word pieces" in said[-1].text
