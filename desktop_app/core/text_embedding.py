"""Strings → token ids → sentence embeddings through ONNX Runtime (no torch, no transformers).

Tokenisation is THE one definition for text (ARCHITECTURE rule 7): the `tokenizers` JSON built
beside the backbone (`models/<id>.tokenizer.json`), truncated to the catalog's `max_length`,
padded per batch to its longest text. Training features, in-app prediction and (later) the
exported model's tokenizer all go through here.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from desktop_app.core.catalog import Backbone, UnknownBackboneError
from desktop_app.core.errors import CoreError


class TokenizerMissingError(CoreError, RuntimeError):
    """The text backbone's tokenizer file has not been built (run `desktop-app models --build`)."""


def configure_tokenizer(tokenizer: Tokenizer, max_length: int) -> Tokenizer:
    """Truncate to `max_length` tokens ([CLS] and [SEP] included); we pad ourselves, per batch."""
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


def load_tokenizer(backbone: Backbone) -> Tokenizer:
    """The backbone's built tokenizer, truncating to its max_length. Read once per file version:
    the any-language tokenizer (250,002 pieces) takes ~0.8 s to parse, and one training run asks
    for it three times (features, export metadata, parity). Encoding does not change a
    tokenizer, so the one object is shared (callers must not reconfigure it)."""
    if not backbone.max_length:  # only text backbones keep a number of tokens
        raise UnknownBackboneError("backbone.not_text", backbone.id)
    path = backbone.tokenizer_path
    try:
        stat = path.stat()
    except OSError:
        raise TokenizerMissingError("backbone.tokenizer_not_built", backbone.id) from None
    key = (str(path), stat.st_mtime_ns, stat.st_size, backbone.max_length)
    with _cache_lock:
        tokenizer = _loaded.get(key)
        if tokenizer is None:
            tokenizer = configure_tokenizer(Tokenizer.from_file(str(path)), backbone.max_length)
            for old in [k for k in _loaded if k[0] == key[0]]:
                del _loaded[old]  # an older build of the same file
            _loaded[key] = tokenizer
    return tokenizer


_loaded: dict[tuple, Tokenizer] = {}
_cache_lock = threading.Lock()


_SURROGATES = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """The text with lone surrogates (undecodable bytes kept by import) as U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


def tokenize(tokenizer: Tokenizer, texts: Sequence[str]) -> list[list[int]]:
    """Token ids per text, unpadded (the Rust tokenizer runs the batch in parallel)."""
    return [encoding.ids for encoding in tokenizer.encode_batch([encodable(t) for t in texts])]


def pad_batch(token_ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """`input_ids` and `attention_mask`, int64 [N, longest], padded on the right with 0."""
    length = max((len(ids) for ids in token_ids), default=0)
    input_ids = np.zeros((len(token_ids), length), np.int64)
    attention_mask = np.zeros((len(token_ids), length), np.int64)
    for row, ids in enumerate(token_ids):
        input_ids[row, : len(ids)] = ids
        attention_mask[row, : len(ids)] = 1
    return input_ids, attention_mask


def run_tokens(session: ort.InferenceSession, token_ids: Sequence[Sequence[int]]) -> np.ndarray:
    """Embeddings [N, D] float32 for one batch of already-tokenised texts."""
    input_ids, attention_mask = pad_batch(token_ids)
    return session.run(["embedding"], {"input_ids": input_ids, "attention_mask": attention_mask})[0]


def length_sorted_batches(token_ids: Sequence[Sequence[int]], batch_size: int) -> list[list[int]]:
    """Positions grouped into batches of similar length (shortest first): less padding."""
    order = sorted(range(len(token_ids)), key=lambda i: len(token_ids[i]))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def embed_texts(
    session: ort.InferenceSession,
    tokenizer: Tokenizer,
    texts: Sequence[str],
    batch_size: int = 64,
) -> np.ndarray:
    """Embeddings [len(texts), D] in the order given (for prediction; features.py streams)."""
    token_ids = tokenize(tokenizer, texts)
    dim = session.get_outputs()[0].shape[-1]
    out = np.zeros((len(texts), dim if isinstance(dim, int) else 0), np.float32)
    for batch in length_sorted_batches(token_ids, batch_size):
        vectors = run_tokens(session, [token_ids[i] for i in batch])
        if out.shape[1] == 0:
            out = np.zeros((len(texts), vectors.shape[1]), np.float32)
        out[batch] = vectors
    return out
