"""scratch-text: a tokenizer learnt from the user's texts plus a small model trained end to end;
exported with the same input contract as pretrained text models (Predictor, predict_text.py)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from tokenizers import Tokenizer

from desktop_app.core.backbones import build_backbone, is_built
from desktop_app.core.calibration import exported_probabilities
from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.export import export_model
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EpochEnd,
    Finished,
    Progress,
    StepEnd,
)
from desktop_app.core.training.loop import train
from desktop_app.core.training.results import load_result, save_result
from desktop_app.core.training.scratch_text import TOKENIZER_STATE_KEY, train_tokenizer

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "predict_text.py"

FILLER = [
    "the",
    "a",
    "this",
    "that",
    "was",
    "is",
    "we",
    "it",
    "我们",
    "这个",
    "那个",
    "酒店",
    "房间",
    "服务",
    "今天",
    "觉得",
    "非常",
]
WORDS = {
    "good": [
        "great",
        "wonderful",
        "lovely",
        "excellent",
        "clean",
        "friendly",
        "好",
        "棒",
        "喜欢",
        "满意",
        "干净",
        "舒服",
    ],
    "bad": [
        "terrible",
        "awful",
        "dirty",
        "rude",
        "noisy",
        "broken",
        "差",
        "糟糕",
        "讨厌",
        "失望",
        "脏",
        "吵",
    ],
}
PROBES = [
    "what a wonderful and friendly hotel",
    "房间干净，服务很好，非常满意",
    "rude staff, dirty noisy room",
    "太差了，房间又脏又吵，很失望",
    "",
]


def synthetic_texts(n_per_class: int = 150, seed: int = 0) -> Dataset:
    """Two classes of mixed English/Chinese sentences, each with a few class-specific words."""
    rng = random.Random(seed)
    items, labels, splits = [], [], []
    for label, name in enumerate(WORDS):
        for i in range(n_per_class):
            words = rng.choices(FILLER, k=rng.randint(3, 8)) + rng.choices(WORDS[name], k=2)
            rng.shuffle(words)
            joiner = "" if rng.random() < 0.5 else " "
            items.append(joiner.join(words))
            labels.append(label)
            splits.append("val" if i % 5 == 0 else "train")
    return Dataset("text", tuple(WORDS), tuple(items), tuple(labels), tuple(splits))


def run(events):
    events = list(events)
    finished = [e for e in events if isinstance(e, Finished)]
    return events, (finished[0].result if finished else None)


@pytest.fixture(scope="module")
def trained():
    dataset = synthetic_texts()
    events, result = run(train(TrainConfig(backbone="scratch-text"), dataset))
    return dataset, events, result


def test_catalog_lists_scratch_text_and_it_needs_no_build():
    backbone = get_backbone("scratch-text")
    assert (backbone.task, backbone.kind, backbone.head) == ("text", "scratch", "bag")
    assert backbone.max_length and backbone.max_length >= 128
    assert is_built(backbone)
    assert build_backbone(backbone, log=lambda _: None).built is False


def test_tokenizer_is_learnt_from_the_texts_splits_cjk_and_is_deterministic():
    texts = list(synthetic_texts().items)
    first = train_tokenizer(texts, 16)
    assert first.to_str() == train_tokenizer(texts, 16).to_str()
    assert first.token_to_id("[PAD]") == 0
    tokens = first.encode("房间干净 GREAT").tokens
    assert tokens == ["[CLS]", "房", "间", "干", "净", "great", "[SEP]"]
    assert len(first.encode(" ".join(["great"] * 100)).ids) == 16  # truncation set
    assert first.encode("").ids  # never zero tokens


def test_trains_to_high_accuracy_with_the_usual_events(trained):
    dataset, events, result = trained
    assert result.backbone_id == "scratch-text"
    assert result.val_metrics.accuracy > 0.9
    stages = {e.stage for e in events if isinstance(e, Progress)}
    assert {"features", "training"} <= stages
    assert any(isinstance(e, StepEnd) for e in events)
    assert any(isinstance(e, EpochEnd) for e in events)
    assert result.reference_items and all(isinstance(t, str) for t in result.reference_items)
    assert set(result.reference_items) <= set(dataset.items)
    tokenizer = Tokenizer.from_str(result.tokenizer_json)
    assert tokenizer.token_to_id("棒") is not None
    assert result.timings["training"] < 60


def test_training_is_deterministic_for_a_seed(trained):
    dataset, _, result = trained
    _, again = run(train(TrainConfig(backbone="scratch-text"), dataset))
    assert again.tokenizer_json == result.tokenizer_json
    assert np.allclose(again.eval_probabilities, result.eval_probabilities, atol=1e-6)


def test_cancel_stops_training():
    cancel = CancelToken()
    seen = []
    for event in train(TrainConfig(backbone="scratch-text"), synthetic_texts(), cancel):
        seen.append(event)
        if isinstance(event, StepEnd):
            cancel.cancel()
    assert isinstance(seen[-1], Cancelled)
    assert sum(isinstance(e, StepEnd) for e in seen) == 1
    assert not any(isinstance(e, Finished) for e in seen)


def test_export_parity_predictor_and_standalone_script_agree(trained, tmp_path):
    _, _, result = trained
    out = tmp_path / "scratch.onnx"
    report = export_model(result, out)
    assert report.parity_max_abs_diff <= 1e-4 and report.parity_samples > 0
    model = onnx.load(str(out))
    onnx.checker.check_model(model, full_check=True)
    meta = {p.key: p.value for p in model.metadata_props}
    assert meta["task"] == "text" and json.loads(meta["labels"]) == ["good", "bad"]
    assert meta["tokenizer"] == result.tokenizer_json
    assert [i.name for i in model.graph.input] == ["input_ids", "attention_mask"]

    predictor = Predictor(out)
    # the exported model reproduces the PyTorch model on the texts kept for parity
    got = predictor.text_probabilities(list(result.reference_items))
    want = exported_probabilities(result, np.asarray(result.reference_probabilities))
    assert np.allclose(got, want, atol=1e-4)  # with the calibration temperature (issue 18)
    # batched (padded) and one-at-a-time predictions agree
    batched = predictor.text_probabilities(PROBES)
    single = np.stack([predictor.text_probabilities([t])[0] for t in PROBES])
    assert np.allclose(batched, single, atol=1e-5)
    assert [predictor.predict_text(t).label for t in PROBES[:4]] == ["good", "good", "bad", "bad"]

    script = subprocess.run(
        [sys.executable, "-I", str(SAMPLE), str(out), *PROBES[:4], "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    standalone = [json.loads(line) for line in script.stdout.splitlines()]
    for text, row in zip(PROBES[:4], standalone, strict=True):
        app = predictor.predict_text(text, k=2)
        assert list(app.labels) == row["labels"]
        assert np.allclose(app.probabilities, row["probabilities"], atol=1e-4)


def test_results_round_trip_keeps_the_tokenizer(trained, tmp_path):
    _, _, result = trained
    save_result(result, tmp_path)
    loaded = load_result(tmp_path)
    assert loaded.tokenizer_json == result.tokenizer_json
    assert loaded.backbone_id == "scratch-text"
    assert TOKENIZER_STATE_KEY in loaded.head_state
    report = export_model(loaded, tmp_path / "again.onnx")
    assert report.parity_max_abs_diff <= 1e-4


def test_continue_training_keeps_the_vocabulary(trained):
    dataset, _, result = trained
    config = TrainConfig(backbone="scratch-text", max_epochs=2)
    _, again = run(train(config, dataset, warm_start=result.head_state))
    assert again.warm_started
    assert again.tokenizer_json == result.tokenizer_json
    assert again.val_metrics.accuracy > 0.9
