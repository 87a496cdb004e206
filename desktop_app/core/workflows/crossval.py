"""Cross-validation on a dataset: its features (from the cache when they are there), then K heads
on stratified folds of its train and val items (`core/crossval.py`). The test split, when the
data has one, stays out: it is what the final model is measured on."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from desktop_app.core.catalog import get_backbone
from desktop_app.core.crossval import cross_validate_features
from desktop_app.core.data.dataset import Dataset
from desktop_app.core.features import extract_features
from desktop_app.core.tasks import get_task
from desktop_app.core.text_embedding import load_tokenizer, tokenize
from desktop_app.core.training import word_pieces
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken, Finished, Progress
from desktop_app.core.workflows.stages import relay


def cross_validate(
    config: TrainConfig, dataset: Dataset, folds: int, cancel: CancelToken
) -> Iterator[object]:
    """Features, then `folds` heads; `Finished(CrossValidation)` whose `rows` index the items
    of `dataset` that took part (train and val, readable); `Cancelled` when `cancel` is set."""
    yield Progress("prepare", 0, 0)
    backbone = get_backbone(config.backbone)
    vocab_size = 0
    if get_task(dataset.task).learns_input_encoding(backbone):
        from tokenizers import Tokenizer

        from desktop_app.core.training.scratch_text import text_token_features

        # the tokenizer is learnt from all the texts here (the held-out folds' words included):
        # what it sees is the vocabulary, not the labels
        found = yield from relay(text_token_features(dataset, backbone, cancel, None))
        if found is None:
            return
        feature_set, tokenizer_json = found
        tokenizer = Tokenizer.from_str(tokenizer_json)
        vocab_size = tokenizer.get_vocab_size(with_added_tokens=True)
    else:
        feature_set = yield from relay(extract_features(dataset, backbone, cancel))
        if feature_set is None:
            return
    positions = np.asarray(feature_set.positions)
    splits = np.asarray(dataset.splits)[positions]
    used = np.flatnonzero(splits != "test")
    labels = np.asarray(dataset.labels)[positions][used]
    token_ids = None
    if config.word_pieces and word_pieces.applies(backbone):  # the model that reads both
        tokenizer = load_tokenizer(backbone)
        texts = [dataset.items[p] for p in positions[used]]
        token_ids = tokenize(tokenizer, [t if isinstance(t, str) else "" for t in texts])
        vocab_size = tokenizer.get_vocab_size()
    result = yield from relay(
        cross_validate_features(
            config,
            backbone,
            feature_set.features[used],
            labels,
            len(dataset.classes),
            folds,
            cancel,
            vocab_size,
            token_ids=token_ids,
        )
    )
    if result is None:
        return
    from dataclasses import replace

    yield Finished(replace(result, rows=positions[used]))
