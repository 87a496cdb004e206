"""`desktop-app train TEXTS --fine-tune`: the any-language encoder's top layers learn with the
head (core/training/text_finetune.py), and the result is still one model that `predict` reads:
the trained layers as float matrices, the lower ones the shipped 4-bit blocks."""

from __future__ import annotations

import json

import onnx
import pytest

from tests.e2e.test_cli_fine_tune import cli
from tests.helpers.synthetic import write_text_csv

E5 = "multilingual-e5-small"
PER_CLASS = 20  # 40 texts, 8 for validation: 32 to train on, one batch an epoch
TRAIN_ARGS = ("--epochs", "3", "--fine-tune-epochs", "2", "--val-fraction", "0.2")


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    base = tmp_path_factory.mktemp("text-fine-tune")
    data = write_text_csv(base / "texts.csv", per_class=PER_CLASS)
    model = base / "out" / "texts.onnx"
    home = base / "home"
    done = cli("train", str(data), "--fine-tune", "--out", str(model), *TRAIN_ARGS, home=home)
    return data, home, model, done


def test_texts_fine_tune_into_one_model_that_predict_reads(trained):
    data, home, model, done = trained
    summary = json.loads(done.stdout.splitlines()[-1])
    # no --backbone: the Automatic choice takes the one text model that can be fine-tuned
    assert summary["backbone"] == E5
    assert "the any-language model is the one whose layers can learn" in done.stderr
    info = summary["fine_tune"]
    assert info["what"] == "texts" and info["epochs"] == 2 and info["steps"] == 2
    assert info["unfrozen"].startswith("layers 7-12 of 12")
    assert "kept in memory" in info["lower_layers"]
    # said in words exactly when no fine-tuned epoch beat the head (its weights are then kept)
    assert ("Fine-tuning did not beat the first model" in done.stderr) == info["head_kept"]
    assert "fine_tune" in summary["timings"] and summary["parity_max_abs_diff"] <= 1e-4
    # said before the start, timed on a few of the texts (core/training/text_finetune.py)
    estimate = summary["fine_tune_estimate"]
    assert estimate["seconds"] > 0 and estimate["measured"]["step_s_per_1k_tokens"] > 0
    assert "on this computer" in done.stderr
    assert [p.name for p in model.parent.iterdir()] == [model.name]  # one file
    graph = onnx.load(str(model)).graph
    ops = [node.op_type for node in graph.node]
    # 6 matrices a layer: the lower 6 layers stay 4-bit blocks, the top 6 are float MatMuls
    assert ops.count("MatMulNBits") == 36
    meta = {p.key: p.value for p in onnx.load(str(model), load_external_data=False).metadata_props}
    assert json.loads(meta["fine_tuning"])["what"] == "texts" and "tokenizer" in meta
    texts = ["the staff was lovely and the room clean", "a rude hotel and a dirty room"]
    texts_file = data.parent / "two.txt"
    texts_file.write_text("\n".join(texts) + "\n", encoding="utf-8")
    predicted = cli("predict", str(model), str(texts_file), "--json", home=home)
    lines = [json.loads(line) for line in predicted.stdout.splitlines()]
    assert [line["labels"][0] for line in lines] == ["good", "bad"]


def test_token_states_kept_or_computed_for_each_batch_are_the_same():
    """Too many tokens to keep (over STATE_MEMORY): each batch's states are computed again by
    ONNX Runtime instead; they match the kept float16 ones (and the training reads either one
    way, `_States.batch`)."""
    import numpy as np

    from desktop_app.core.backbones import read_e5_weights
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.e5_encoder import build_e5_graph
    from desktop_app.core.runtime import CPU, create_session
    from desktop_app.core.text_embedding import load_tokenizer, tokenize
    from desktop_app.core.training.events import CancelToken, Progress
    from desktop_app.core.training.text_finetune import UNFROZEN_LAYERS, _States

    backbone = get_backbone(E5)
    e5 = read_e5_weights(backbone)
    graph = build_e5_graph(e5, "lower", hidden_after=e5.layers - UNFROZEN_LAYERS)
    session = create_session(graph.SerializeToString(), [CPU])
    texts = ["短评", "the staff was lovely and the room clean", "una habitación muy ruidosa"]
    ids = tokenize(load_tokenizer(backbone), texts)
    kept, computed = _States(session, ids, True, e5.hidden), _States(session, ids, False, e5.hidden)
    events = list(kept.fill(CancelToken())) + list(computed.fill(CancelToken()))
    assert [(e.done, e.total) for e in events if isinstance(e, Progress)] == [(3, 3)]
    rows = [2, 0]
    (x_kept, mask_kept), (x_new, mask_new) = kept.batch(rows), computed.batch(rows)
    assert np.array_equal(mask_kept, mask_new) and mask_kept.sum(1).tolist() == [
        len(ids[2]),
        len(ids[0]),
    ]
    real = mask_kept[:, :, None] > 0
    assert np.abs(np.where(real, x_kept - x_new, 0)).max() <= 2e-2 * np.abs(x_new).max()
    assert not np.array_equal(x_kept, x_new)  # float16 kept, float32 computed


def test_a_text_model_that_cannot_learn_is_refused_with_a_reason(tmp_path):
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.errors import CoreError
    from desktop_app.core.training.finetune import can_fine_tune, check_fine_tunable

    assert can_fine_tune(get_backbone(E5))
    for name in ("minilm-l6", "scratch-text"):
        assert not can_fine_tune(get_backbone(name))
        with pytest.raises(CoreError) as error:
            check_fine_tunable(get_backbone(name))
        assert name in str(error.value) and "any-language" in str(error.value)


def test_the_automatic_choice_takes_the_fine_tunable_text_model_and_keeps_both_images():
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.workflows.train_export import fine_tunable_choice

    chosen, said = fine_tunable_choice(TrainConfig(backbone="auto", fine_tune=True), "text")
    assert chosen.backbone == E5 and said is not None and said.key == "finetune.text_model"
    kept, said = fine_tunable_choice(TrainConfig(backbone="auto", fine_tune=True), "image")
    assert kept.backbone == "auto" and said is None  # both image candidates can: it compares
