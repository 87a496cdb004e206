"""`scratch-text`: a tokenizer learnt from the user's own training texts, for any language.

The "features" of a scratch-text model are token ids: a BPE vocabulary is trained on the
TRAIN split only (NFKC, lower case, CJK characters split one by one, punctuation split), then
every text is encoded with it, truncated to the catalog's `max_length` and padded with 0. The
model itself (`heads.BagOfTokens`) is trained end to end by `loop.fit`. No torch here.

The trained tokenizer travels with the model: in `TrainResult.tokenizer_json`, in the exported
`.onnx` metadata (`tokenizer`, exactly like pretrained text backbones) and in the head state
under `TOKENIZER_STATE_KEY`, so "continue training" keeps the same vocabulary.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

import numpy as np
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors
from tokenizers.trainers import BpeTrainer

from desktop_app.core.catalog import Backbone
from desktop_app.core.data.dataset import Dataset, Skipped
from desktop_app.core.errors import Phrase
from desktop_app.core.features import FeatureSet
from desktop_app.core.text_embedding import configure_tokenizer, encodable, tokenize
from desktop_app.core.training.events import (
    Cancelled,
    CancelToken,
    EtaClock,
    Event,
    Finished,
    Progress,
)

PAD, UNK, CLS, SEP = "[PAD]", "[UNK]", "[CLS]", "[SEP]"
VOCAB_SIZE = 16_000
MIN_FREQUENCY = 2
# The head state carries the tokenizer (UTF-8 bytes as uint8) so a warm start keeps its ids.
TOKENIZER_STATE_KEY = "tokenizer_json"
CHUNK = 2048


def new_tokenizer() -> Tokenizer:
    """An untrained BPE tokenizer: NFKC + lower case (accents kept), every CJK character a word
    of its own, split on whitespace and punctuation, `[CLS] … [SEP]` around each text (so no
    text, not even an empty one, encodes to zero tokens).

    BPE without a continuing-subword prefix, not WordPiece: the WordPiece trainer numbers its
    `##` pieces in hash-map order, so equal merge counts were broken differently from run to
    run; this way the same texts always give the same vocabulary."""
    tokenizer = Tokenizer(models.BPE(unk_token=UNK))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.NFKC(),
            normalizers.BertNormalizer(
                clean_text=True, handle_chinese_chars=True, strip_accents=False, lowercase=True
            ),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tokenizer


def train_tokenizer(
    texts: Sequence[str], max_length: int, vocab_size: int = VOCAB_SIZE
) -> Tokenizer:
    """A BPE vocabulary learnt from `texts` ([PAD] = 0, [UNK] = 1), truncation set.

    Deterministic: the same texts give the same ids (checked in the tests)."""
    tokenizer = new_tokenizer()
    trainer = BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=MIN_FREQUENCY,
        special_tokens=[PAD, UNK, CLS, SEP],
        show_progress=False,
    )
    tokenizer.train_from_iterator((encodable(t) for t in texts), trainer=trainer)
    cls_id, sep_id = tokenizer.token_to_id(CLS), tokenizer.token_to_id(SEP)
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{CLS} $A {SEP}",
        pair=f"{CLS} $A {SEP} $B:1 {SEP}:1",
        special_tokens=[(CLS, cls_id), (SEP, sep_id)],
    )
    return configure_tokenizer(tokenizer, max_length)


def tokenizer_to_state(tokenizer_json: str) -> np.ndarray:
    return np.frombuffer(tokenizer_json.encode("utf-8"), dtype=np.uint8).copy()


def tokenizer_from_state(state: dict[str, np.ndarray] | None) -> str | None:
    """The tokenizer JSON kept in a head state by an earlier scratch-text run, if any."""
    if not state or TOKENIZER_STATE_KEY not in state:
        return None
    try:
        return np.asarray(state[TOKENIZER_STATE_KEY], dtype=np.uint8).tobytes().decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return None


def text_token_features(
    dataset: Dataset,
    backbone: Backbone,
    cancel: CancelToken | None = None,
    tokenizer_json: str | None = None,
) -> Iterator[Event]:
    """Progress…, then Finished((FeatureSet, tokenizer_json)).

    FeatureSet.features: int64 [n_kept, longest] token ids padded with 0 (the longest text's
    length, at most max_length). The tokenizer is trained on the train split unless
    `tokenizer_json` (from a warm start) is given."""
    cancel = cancel or CancelToken()
    start = time.perf_counter()
    assert backbone.max_length
    items = list(dataset.items)
    total = len(items)
    reasons = {i: Phrase("text.not_text") for i, t in enumerate(items) if not isinstance(t, str)}
    positions = [i for i in range(total) if i not in reasons]
    yield Progress("features", 0, total, None, "Learning a vocabulary from the training texts")
    if tokenizer_json:
        tokenizer = configure_tokenizer(Tokenizer.from_str(tokenizer_json), backbone.max_length)
    else:
        train_texts = [items[i] for i in positions if dataset.splits[i] == "train"]
        tokenizer = train_tokenizer(train_texts, backbone.max_length)
    if cancel.cancelled:
        yield Cancelled("features")
        return
    token_ids: list[list[int]] = []
    clock = EtaClock(len(positions))
    for chunk_start in range(0, len(positions), CHUNK):
        chunk = positions[chunk_start : chunk_start + CHUNK]
        token_ids += tokenize(tokenizer, [items[i] for i in chunk])
        done = len(token_ids)
        yield Progress("features", done, total, clock.eta(done), "Tokenising")
        if cancel.cancelled:
            yield Cancelled("features")
            return
    longest = max((len(ids) for ids in token_ids), default=1)
    features = np.zeros((len(token_ids), max(1, longest)), np.int64)
    for row, ids in enumerate(token_ids):
        features[row, : len(ids)] = ids
    skipped = tuple(Skipped.because(repr(items[i])[:80], reason) for i, reason in reasons.items())
    feature_set = FeatureSet(
        features=features,
        positions=np.asarray(positions, dtype=np.int64),
        skipped=skipped,
        computed=len(positions),
        cached=0,
        seconds=time.perf_counter() - start,
    )
    yield Finished((feature_set, tokenizer.to_str()))
