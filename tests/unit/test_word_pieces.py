"""Word pieces beside the sentence vector (core/training/word_pieces.py): the graph counts the
n-grams exactly as training does, the model learns what only the words say, the head joins the
encoder into one file with the text contract, cross-validation and the settings carry it."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from desktop_app.core.catalog import get_backbone
from desktop_app.core.export import join_head
from desktop_app.core.text_embedding import pad_batch
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken, EpochEnd, Finished
from desktop_app.core.training.word_pieces import (
    PieceTable,
    applies,
    export_pieces_head,
    fit_word_pieces,
    is_pieces_state,
    raw_pieces,
)
from desktop_app.core.workflows.auto_choice import CandidateScore, reason_phrase

E5 = "multilingual-e5-small"
VOCAB = 50


def _session(model: bytes | onnx.ModelProto) -> ort.InferenceSession:
    data = model if isinstance(model, bytes) else model.SerializeToString()
    return ort.InferenceSession(data, providers=["CPUExecutionProvider"])


def _numpy_logits(state, table: PieceTable, ids, vector) -> np.ndarray:
    """What training computes: Σ weight · row, plus the linear part on the unit vector."""
    rows, weights = table.weights(ids)
    pieces = (weights[:, None] * state["table"][rows]).sum(0)
    unit = vector / max(np.linalg.norm(vector), 1e-12)
    return pieces + state["vector.weight"] @ unit + state["vector.bias"]


def test_the_graph_counts_pieces_pairs_and_lengths_as_training_does():
    rng = np.random.default_rng(0)
    train = [list(rng.integers(0, VOCAB, rng.integers(2, 12))) for _ in range(40)]
    table = PieceTable.fit(train, VOCAB)
    assert table.idf[0] == 0 and table.rows == int(table.remap.max()) + 1
    # repeated pieces and pairs, a text of unseen n-grams only, one piece, texts of different
    # lengths (padding)
    unseen = [v for v in range(VOCAB) if table.remap[v] == 0]
    texts = [
        [3, 3, 3, 7, 3, 3],
        list(rng.integers(0, VOCAB, 9)),
        [5],
        train[0],
        (unseen * 2)[:4] if unseen else [1, 2],
    ]
    state = {
        "remap": table.remap,
        "idf": table.idf,
        "table": rng.normal(size=(table.rows, 3)).astype(np.float32),
        "vector.weight": rng.normal(size=(3, 8)).astype(np.float32),
        "vector.bias": rng.normal(size=3).astype(np.float32),
    }
    vectors = rng.normal(size=(len(texts), 8)).astype(np.float32)
    expected = np.stack(
        [_numpy_logits(state, table, t, v) for t, v in zip(texts, vectors, strict=True)]
    )
    expected = np.exp(expected - expected.max(1, keepdims=True))
    expected /= expected.sum(1, keepdims=True)
    input_ids, attention_mask = pad_batch(texts)
    head = _session(export_pieces_head(state, VOCAB))
    feeds = {"embedding": vectors, "input_ids": input_ids, "attention_mask": attention_mask}
    got = head.run(["probabilities"], feeds)[0]
    assert np.abs(got - expected).max() < 1e-5
    # a text alone or in a padded batch: the same answer
    one_ids, one_mask = pad_batch(texts[:1])
    alone = head.run(
        ["probabilities"],
        {"embedding": vectors[:1], "input_ids": one_ids, "attention_mask": one_mask},
    )[0]
    assert np.abs(alone - got[:1]).max() < 1e-6
    # the n-gram numbers: pieces, then pairs hashed after the vocabulary
    grams = raw_pieces([4, 9, 4], VOCAB)
    assert list(grams[:3]) == [4, 9, 4] and (grams[3:] >= VOCAB).all() and len(grams) == 5


def test_join_head_feeds_the_encoders_inputs_to_the_pieces_head():
    """One graph: `input_ids`, `attention_mask` → the encoder's `embedding` → the head, which
    also reads the same ids (the exported text contract stays as it was)."""
    rng = np.random.default_rng(1)
    lookup = rng.normal(size=(VOCAB, 8)).astype(np.float32)
    encoder = helper.make_graph(
        [
            helper.make_node("Gather", ["lookup", "input_ids"], ["vectors"]),
            helper.make_node("ReduceMean", ["vectors", "axes"], ["embedding"], keepdims=0),
        ],
        "encoder",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 8])],
        [numpy_helper.from_array(lookup, "lookup"), numpy_helper.from_array(np.array([1]), "axes")],
    )
    extractor = helper.make_model(encoder, opset_imports=[helper.make_opsetid("", 17)])
    train = [list(rng.integers(0, VOCAB, 6)) for _ in range(20)]
    table = PieceTable.fit(train, VOCAB)
    state = {
        "remap": table.remap,
        "idf": table.idf,
        "table": rng.normal(size=(table.rows, 2)).astype(np.float32),
        "vector.weight": rng.normal(size=(2, 8)).astype(np.float32),
        "vector.bias": np.zeros(2, np.float32),
    }
    joined = join_head(extractor, export_pieces_head(state, VOCAB))
    assert [i.name for i in joined.graph.input] == ["input_ids", "attention_mask"]
    ids = np.array([train[0]], np.int64)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
    got = _session(joined).run(["probabilities"], feeds)[0][0]
    logits = _numpy_logits(state, table, train[0], lookup[ids[0]].mean(0))
    expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    assert np.abs(got - expected).max() < 1e-5


def _word_data(n: int, seed: int = 0):
    """Labels only the words tell (piece 7 or 8 in the text); the vectors are noise."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    ids = []
    for label in labels:
        words = list(rng.integers(10, VOCAB, rng.integers(3, 9)))
        words.insert(int(rng.integers(0, len(words))), 7 + int(label))
        ids.append([0, *words, 2])
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    splits = np.array(["train"] * (n * 3 // 4) + ["val"] * (n - n * 3 // 4), dtype=object)
    return vectors, ids, labels, splits


def test_the_model_learns_what_only_the_words_say():
    vectors, ids, labels, splits = _word_data(240)
    events = list(
        fit_word_pieces(
            TrainConfig(backbone=E5), get_backbone(E5), vectors, ids, labels, splits, 2, VOCAB
        )
    )
    fit = events[-1].result
    assert isinstance(events[-1], Finished)
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert epochs and fit.epochs_run == len(epochs) and 1 <= fit.best_epoch <= len(epochs)
    val = splits == "val"
    assert (fit.predicted[val] == labels[val]).mean() >= 0.9  # the vectors alone: chance
    assert is_pieces_state(fit.state) and not is_pieces_state({"net.1.weight": np.zeros(1)})
    # the kept probabilities are the exported head's on the same rows
    input_ids, attention_mask = pad_batch([ids[i] for i in range(8)])
    head = _session(fit.head_onnx)
    feeds = {"embedding": vectors[:8], "input_ids": input_ids, "attention_mask": attention_mask}
    assert np.abs(head.run(["probabilities"], feeds)[0] - fit.probabilities[:8]).max() < 1e-5


def test_class_weighting_is_off_unless_asked_for_word_pieces_on_for_heads():
    assert TrainConfig().class_weighting is None
    assert TrainConfig().balances_classes() is True  # heads, fine-tunes
    assert TrainConfig().balances_classes(default=False) is False  # word pieces
    assert TrainConfig(class_weighting=True).balances_classes(default=False) is True
    assert TrainConfig(class_weighting=False).balances_classes() is False


def test_which_models_take_word_pieces():
    assert applies(get_backbone(E5)) and applies(get_backbone("minilm-l6"))
    assert not applies(get_backbone("scratch-text"))
    assert not applies(get_backbone("efficientnet-lite0"))


def test_cross_validation_of_the_word_pieces_model():
    from desktop_app.core.crossval import cross_validate_features

    vectors, ids, labels, _ = _word_data(240, seed=2)
    config = TrainConfig(backbone=E5, word_pieces=True)
    events = list(
        cross_validate_features(
            config, get_backbone(E5), vectors, labels, 2, 3, CancelToken(), VOCAB, token_ids=ids
        )
    )
    cv = events[-1].result
    assert cv.trainer == "one fold at a time" and cv.accuracy_mean >= 0.85


def test_the_reason_names_the_word_pieces_model():
    def title(backbone: str) -> str:
        return get_backbone(backbone).title

    def score(backbone: str, accuracy: float, pieces: bool = False) -> dict:
        return CandidateScore(backbone, accuracy, 0.3, 1.0, 1.0, 0.5, 0, 10, pieces).to_json()

    record = {
        "task": "text",
        "chosen": E5,
        "word_pieces": True,
        "rule": "accuracy",
        "candidates": [score("scratch-text", 0.882), score(E5, 0.892), score(E5, 0.912, True)],
    }
    assert str(reason_phrase(record, title)) == (
        "Chose Any language (accurate) + word pieces: 91.2 % right on the validation texts, "
        "against 88.2 % for Any language, from scratch; 89.2 % for Any language (accurate)."
    )
    record["word_pieces"] = False
    record["chosen"] = E5
    words = str(reason_phrase(record, title))
    assert words.startswith("Chose Any language (accurate): 89.2 %")
    assert "91.2 % for Any language (accurate) + word pieces" in words


@pytest.mark.parametrize("value", [None, True, False])
def test_the_settings_round_trip_through_json(value):
    config = TrainConfig(class_weighting=value, word_pieces=True)
    again = TrainConfig(**config.to_json())
    assert again.class_weighting is value and again.word_pieces is True


def test_a_fine_tune_with_word_pieces_is_refused_with_a_reason():
    from desktop_app.core.training.finetune import FineTuneError, fine_tune

    config = TrainConfig(backbone=E5, fine_tune=True, word_pieces=True)
    with pytest.raises(FineTuneError) as raised:
        next(fine_tune(config, None))
    assert raised.value.key == "finetune.word_pieces"


def test_a_model_without_a_sentence_vector_says_it_trains_without_word_pieces(tmp_path):
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.training.events import Message
    from desktop_app.core.training.loop import train
    from tests.helpers.synthetic import write_text_csv

    dataset = scan_data(write_text_csv(tmp_path / "t.csv", per_class=20))
    config = TrainConfig(backbone="scratch-text", word_pieces=True, max_epochs=2)
    events = list(train(config, dataset, CancelToken()))
    said = [e for e in events if isinstance(e, Message) and e.key == "train.word_pieces_unused"]
    assert len(said) == 1 and "'scratch-text'" in said[0].text
    assert isinstance(events[-1], Finished)
