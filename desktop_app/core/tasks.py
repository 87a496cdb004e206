"""One object per task (the kind of data classified: "image" or "text"): where images and texts
differ, the task object holds the difference, and the rest of core asks it instead of branching
on the name (ARCHITECTURE rule 13).

A third kind of data is one new `Task` subclass here plus `register(...)`; every generic path
(import and detection, features, training, export, INT8, the Predictor, evaluation) then finds
it through `get_task(name)`. The name stays the value stored as `task` in project.json,
dataset.json, model metadata and catalog.json.

Cheap to import (the window starts without torch): heavy modules (ONNX Runtime, OpenCV,
tokenizers, torch and the modules that pull them in) are imported inside the methods.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from desktop_app.core.errors import CoreError, Phrase

if TYPE_CHECKING:  # pragma: no cover - types only, never imported at run time
    import numpy as np

    from desktop_app.core.catalog import Backbone
    from desktop_app.core.data.dataset import Dataset, Skipped
    from desktop_app.core.inference import Predictor
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import CancelToken, Event
    from desktop_app.core.training.results import TrainResult


class UnknownTaskError(CoreError, ValueError):
    """A task name that no registered `Task` has (a damaged or newer file)."""


class Task:
    """What one kind of data needs that the others do not. Subclasses fill in every attribute
    and method; generic code never compares `name`."""

    name: ClassVar[str]  # the stored value: "image", "text"
    noun: ClassVar[Phrase]  # the kind as a word inside messages ("… classifies text, not image.")
    item_word: ClassVar[str]  # one item, in the export README ("… for every image given")
    items_word: ClassVar[str]  # the items, plural, in the CLI's import summary ("images")
    help_word: ClassVar[str]  # the data in `train --backbone` help ("default: … for images")
    reads_single_file: ClassVar[bool]  # one file can hold a whole dataset (a CSV of texts)
    script_name: ClassVar[str]  # the sample script shipped beside an exported model
    evaluate_batch: ClassVar[int]  # items per batch when evaluating a model
    # `evaluate` fills `scores` (every item's probabilities: ROC/PR, calibration); a task
    # written before them leaves this False and is evaluated without those figures
    evaluate_scores: ClassVar[bool] = False
    feature_batch: ClassVar[int]  # items per ORT batch when computing features
    doc_input: ClassVar[str]  # the input, in the exported model's doc string

    # --- data -------------------------------------------------------------------------------

    def counts_file(self, name: str) -> bool:
        """Whether a file of this name, met in a folder, suggests this kind of data."""
        raise NotImplementedError

    def refuse_single_file(self, path: Path) -> None:
        """Raise when `path` alone is one item of this kind, not a dataset (a lone image)."""

    def scan(
        self,
        path: str | os.PathLike[str],
        val_fraction: float,
        seed: int,
        text_col: int | str | None = None,
        label_col: int | str | None = None,
    ) -> Dataset:
        """Import `path` as a dataset of this kind (bad items listed in `skipped`)."""
        raise NotImplementedError

    # --- backbones and features -------------------------------------------------------------

    def learns_input_encoding(self, backbone: Backbone) -> bool:
        """True when the backbone's input encoding is learnt from the user's data at training
        time (scratch text: its tokenizer): nothing to build beforehand, no feature cache."""
        return False

    def preprocessing(self, backbone: Backbone) -> dict[str, Any]:
        """The preprocessing contract, as written into exported models' metadata."""
        raise NotImplementedError

    def input_words(self, backbone: Backbone) -> str:
        """What the backbone takes in, for `desktop-app models` ("224px", "256 tokens")."""
        raise NotImplementedError

    def build(self, backbone: Backbone, log: Callable[[str], None]) -> Any:
        """Build the backbone's ONNX feature extractor (a `backbones.BuildReport`)."""
        raise NotImplementedError

    def build_files_intact(self, backbone: Backbone, info: dict) -> bool:
        """Whether the files built beside the model (if any) are those the build recorded."""
        return True

    def cache_file_name(self, backbone: Backbone, info: dict) -> str:
        """The feature cache file of one backbone build: changes whenever features would."""
        raise NotImplementedError

    def extract_features(
        self,
        items: Sequence[str],
        backbone: Backbone,
        cancel: CancelToken | None,
        batch_size: int | None,
        cache_dir: Path | None,
    ) -> Iterator[Event]:
        """Progress…, then Finished(FeatureSet) or Cancelled (core/features.py)."""
        raise NotImplementedError

    def training_schedule(
        self, config: TrainConfig, backbone: Backbone, n_train: int
    ) -> tuple[int, int, float]:
        """Epochs, batch size, learning rate. Small datasets get smaller batches and more epochs
        so that a head always sees a few hundred optimiser steps."""
        scratch = backbone.kind == "scratch"
        batch = config.batch_size or (64 if scratch else int(min(max(n_train // 8, 4), 32)))
        steps_per_epoch = max(1, math.ceil(n_train / batch))
        epochs = config.max_epochs or min(
            1000, max(40 if scratch else 60, math.ceil(300 / steps_per_epoch))
        )
        return epochs, batch, config.learning_rate or (3e-3 if scratch else 1e-3)

    def too_few_classes(self, found: str | Phrase) -> CoreError:
        """The error for a training split with fewer than two classes (`found`: those it has)."""
        raise NotImplementedError

    def empty_classes(self, names: str) -> CoreError:
        """The error for classes that have no training items (`names`, comma-separated)."""
        raise NotImplementedError

    def label_smoothing(self, backbone: Backbone) -> float:
        """The default label smoothing (chosen on validation accuracy): it helps small image
        sets and the from-scratch models."""
        return 0.1

    # --- exported models --------------------------------------------------------------------

    def input_contract(self, backbone: Backbone) -> dict[str, Any]:
        """The `input` metadata of an exported model: what to feed it."""
        raise NotImplementedError

    def extra_metadata(self, result: TrainResult, backbone: Backbone) -> dict[str, str]:
        """Metadata entries only this kind has (the tokenizer of a text model)."""
        return {}

    def check_model_inputs(self, path: Path, session: Any) -> None:
        """ModelError when an ORT session's inputs are not those of this kind's models."""
        raise NotImplementedError

    def load_encoder(self, path: Path, meta: dict[str, str]) -> Any:
        """What a Predictor needs besides the session to turn items into inputs (a tokenizer),
        read from the model's metadata; None when the graph takes the items as they are."""
        return None

    def parity_runner(self, session: Any, result: TrainResult) -> Callable[[str], np.ndarray]:
        """One reference item → the exported model's probabilities (export's parity check)."""
        raise NotImplementedError

    def quantize(
        self, model: Any, sample: list[str], cancel: CancelToken, outcome: list
    ) -> Iterator[Event]:
        """INT8 copy of a float model (core/quantize.py): yields Progress (or Cancelled), then
        appends (quantized model, calibration items used, method in words) to `outcome`."""
        raise NotImplementedError

    def compare_int8(
        self,
        float_session: Any,
        int8_session: Any,
        items: list[str],
        cancel: CancelToken,
        timed: Callable[[int, Any, dict, bool], np.ndarray],
        out: list,
    ) -> Iterator[Event]:
        """Run `items` through both models with `timed`; append (float top-1 indices, INT8 top-1
        indices, max |Δp|, positions in `items` of the items that could be read)."""
        raise NotImplementedError

    def readme_lines(
        self, model_name: str, script: str, origin: str, version: str
    ) -> tuple[list[str], list[str]]:
        """The export README's words for this kind: what the file is (and what it stores), and
        how to install and run its sample script."""
        raise NotImplementedError

    # --- a loaded model ---------------------------------------------------------------------

    def evaluate(
        self,
        predictor: Predictor,
        items: Sequence[str],
        labels: Sequence[int],
        cancel: CancelToken,
        batch_size: int,
        y_true: list[int],
        y_pred: list[int],
        skipped: list[Skipped],
        scores: list[np.ndarray] | None = None,
    ) -> Iterator[tuple[int, int]]:
        """Predict `items` in batches, filling `y_true`/`y_pred` (and `skipped` for items that
        cannot be read; `scores`, when given, with each evaluated item's probability vector over
        all the model's labels); yields (done, total) after each batch; stops when `cancel` is set."""
        raise NotImplementedError


_TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt", ".tab"})


class ImageTask(Task):
    """Folders of image files; the model takes uint8 RGB pixels, preprocessing in the graph."""

    name = "image"
    noun = Phrase("phrase.image")
    item_word = "image"
    items_word = "images"
    help_word = "images"
    reads_single_file = False
    script_name = "predict.py"
    evaluate_batch = 32
    evaluate_scores = True
    feature_batch = 32
    doc_input = "Input: uint8 RGB [N,H,W,3]; "

    def counts_file(self, name: str) -> bool:
        from desktop_app.core.data.images import SUPPORTED_EXTENSIONS

        return Path(name).suffix.lower() in SUPPORTED_EXTENSIONS

    def refuse_single_file(self, path: Path) -> None:
        from desktop_app.core.data.dataset import DatasetError

        if self.counts_file(path.name):
            raise DatasetError("dataset.one_image", path.name)

    def scan(self, path, val_fraction, seed, text_col=None, label_col=None) -> Dataset:
        from desktop_app.core.data.dataset import scan_image_folder

        return scan_image_folder(path, val_fraction, seed)

    def preprocessing(self, backbone: Backbone) -> dict[str, Any]:
        from desktop_app.core.catalog import PREPROCESSING_VERSION
        from desktop_app.core.data import colour

        return {
            "version": PREPROCESSING_VERSION,
            "in_graph": True,
            "input": "uint8 RGB, NHWC, any height and width",
            "colour": colour.CONTRACT,
            "resize": backbone.resize,
            "interpolation": "linear, antialiased (ONNX Resize)",
            "size": backbone.input_size,
            "mean": list(backbone.mean),
            "std": list(backbone.std),
        }

    def input_words(self, backbone: Backbone) -> str:
        return f"{backbone.input_size}px"

    def build(self, backbone: Backbone, log: Callable[[str], None]) -> Any:
        from desktop_app.core.backbones import build_image_backbone

        return build_image_backbone(backbone, log)

    def cache_file_name(self, backbone: Backbone, info: dict) -> str:
        from desktop_app.core.catalog import PREPROCESSING_VERSION
        from desktop_app.core.data.colour import DECODE_VERSION

        # the decoder's version too: images decoded another way (colour) have other features
        return (
            f"{backbone.id}-p{PREPROCESSING_VERSION}-d{DECODE_VERSION}-{info['sha256'][:12]}.sqlite"
        )

    def extract_features(self, items, backbone, cancel, batch_size, cache_dir) -> Iterator[Event]:
        from desktop_app.core.features import extract_image_features

        return extract_image_features(
            items, backbone, cancel, batch_size or self.feature_batch, cache_dir
        )

    def too_few_classes(self, found: str | Phrase) -> CoreError:
        from desktop_app.core.data.dataset import DatasetError

        return DatasetError("train.two_image_classes", found)

    def empty_classes(self, names: str) -> CoreError:
        from desktop_app.core.data.dataset import DatasetError

        return DatasetError("train.empty_image_classes", names)

    def input_contract(self, backbone: Backbone) -> dict[str, Any]:
        return {
            "name": "image",
            "dtype": "uint8",
            "shape": ["batch", "height", "width", 3],
            "layout": "NHWC",
            "color": "RGB",
            "decode": "EXIF orientation applied; grey expanded to RGB; alpha composited over "
            "white; 16-bit scaled to 8-bit (value >> 8)",
            "batching": "images in one batch must share height and width",
        }

    def check_model_inputs(self, path: Path, session: Any) -> None:
        from desktop_app.core.inference import ModelError

        first = session.get_inputs()[0]
        if first.type != "tensor(uint8)" or len(first.shape) != 4:
            raise ModelError("model.bad_image_input", path.name, first.type, first.shape)

    def parity_runner(self, session: Any, result: TrainResult) -> Callable[[str], np.ndarray]:
        from desktop_app.core.data.images import load_image

        def run(item: str) -> np.ndarray:
            return session.run(["probabilities"], {"image": load_image(item)[None]})[0][0]

        return run

    def quantize(self, model, sample, cancel, outcome) -> Iterator[Event]:
        """Static QDQ quantization calibrated on training images (they are required)."""
        from desktop_app.core.quantize import IMAGE_METHOD, QuantizeError, quantize_image_static

        if not sample:
            raise QuantizeError("quantize.no_images")
        found: list = []
        yield from quantize_image_static(model, sample, cancel, found)
        if found:
            quantized, calibration_items = found[0]
            outcome.append((quantized, calibration_items, IMAGE_METHOD))

    def compare_int8(self, float_session, int8_session, items, cancel, timed, out):
        from desktop_app.core.data.images import ImageError, load_image
        from desktop_app.core.training.events import Cancelled, Progress

        float_top: list[int] = []
        int8_top: list[int] = []
        used: list[int] = []
        worst = 0.0
        yield Progress("check", 0, len(items))
        for i, path in enumerate(items, start=1):
            if cancel.cancelled:
                yield Cancelled("quantize")
                return
            try:
                image = load_image(path)[None]
            except ImageError:
                continue
            a = timed(0, float_session, {"image": image}, bool(used))[0]
            b = timed(1, int8_session, {"image": image}, bool(used))[0]
            float_top.append(int(a.argmax()))
            int8_top.append(int(b.argmax()))
            worst = max(worst, float(abs(a - b).max()))
            used.append(i - 1)
            yield Progress("check", i, len(items))
        out.append((float_top, int8_top, worst, used))

    def readme_lines(self, model_name, script, origin, version):
        what = [
            f"{model_name} is an image classifier exported by Classifier Studio {version}",
            f"(from {origin}). It is one standard ONNX file: the labels, the input contract",
            "and the preprocessing are stored inside it (metadata_props), so nothing else is",
            "needed to use it. Besides `probabilities` a float model also answers `cam`",
            "[N, classes, h, w]: where in the centre crop it looked for each class (see the",
            "'explanation' entry; `desktop-app explain` draws it over the image).",
        ]
        run = [
            "    pip install onnxruntime numpy opencv-python-headless",
            f"    python {script} {model_name} image.jpg",
        ]
        return what, run

    def evaluate(
        self, predictor, items, labels, cancel, batch_size, y_true, y_pred, skipped, scores=None
    ):
        from desktop_app.core.data.dataset import Skipped

        total = len(items)
        index = {name: i for i, name in enumerate(predictor.labels)}
        # predict_paths decodes the next batch on a small pool while this one runs, and stops
        # after the batch in progress when `cancel` is set.
        k = 1 if scores is None else len(predictor.labels)
        rows = predictor.predict_paths(items, k, batch_size, cancel)
        for done, (row, label) in enumerate(zip(rows, labels, strict=False), start=1):
            if row.prediction is None:
                skipped.append(Skipped(row.path, row.error or ""))
            else:
                y_true.append(int(label))
                y_pred.append(index[row.prediction.label])
                if scores is not None:
                    import numpy

                    vector = numpy.zeros(len(predictor.labels), numpy.float32)
                    for name, p in zip(
                        row.prediction.labels, row.prediction.probabilities, strict=True
                    ):
                        vector[index[name]] = p
                    scores.append(vector)
            if done % batch_size == 0 or done == total:
                yield done, total


class TextTask(Task):
    """Texts from CSV/TSV/TXT files or folders; the model takes token ids, its tokenizer in the
    metadata (tokenisation happens outside the graph)."""

    name = "text"
    noun = Phrase("phrase.text")
    item_word = "text"
    items_word = "texts"
    help_word = "text"
    reads_single_file = True
    script_name = "predict_text.py"
    evaluate_batch = 1024
    evaluate_scores = True
    feature_batch = 64
    doc_input = "Input: token ids from the tokenizer in metadata_props; "

    def counts_file(self, name: str) -> bool:
        suffix = Path(name).suffix.lower()
        return suffix in _TEXT_SUFFIXES or (suffix == "" and not name.startswith("."))

    def scan(self, path, val_fraction, seed, text_col=None, label_col=None) -> Dataset:
        from desktop_app.core.data.text import scan_text

        return scan_text(path, text_col, label_col, val_fraction=val_fraction, seed=seed)

    def learns_input_encoding(self, backbone: Backbone) -> bool:
        return backbone.kind == "scratch"

    def preprocessing(self, backbone: Backbone) -> dict[str, Any]:
        from desktop_app.core.catalog import TEXT_PREPROCESSING_VERSION

        if self.learns_input_encoding(backbone):
            tokenizer = (
                "HuggingFace `tokenizers` JSON learnt from the training texts "
                "(BPE; NFKC, lower case, accents kept, CJK split per character)"
            )
            pooling = "in the model: mean of token and hashed token-pair embeddings"
        else:
            source = backbone.source or {}
            words = source.get("tokenizer_words", "BERT uncased WordPiece")
            prefix = source.get("text_prefix")
            tokenizer = (
                f"HuggingFace `tokenizers` JSON ({words}), file {backbone.tokenizer_path.name}"
                + (f"; it puts {prefix!r} in front of every text" if prefix else "")
            )
            pooling = "mean over attention_mask, then L2-normalised"
        return {
            "version": TEXT_PREPROCESSING_VERSION,
            "in_graph": False,
            "input": "UTF-8 text",
            "tokenizer": tokenizer,
            "max_length": backbone.max_length,
            "truncation": "longest first, [CLS] ... [SEP] kept",
            "padding": "right, id 0, attention_mask 0",
            "inputs": ["input_ids int64 [N, L]", "attention_mask int64 [N, L]"],
            "pooling": pooling,
        }

    def input_words(self, backbone: Backbone) -> str:
        return f"{backbone.max_length} tokens"

    def build(self, backbone: Backbone, log: Callable[[str], None]) -> Any:
        from desktop_app.core.backbones import build_text_backbone

        return build_text_backbone(backbone, log)

    def build_files_intact(self, backbone: Backbone, info: dict) -> bool:
        tokenizer = backbone.tokenizer_path
        return tokenizer.exists() and tokenizer.stat().st_size == info.get("tokenizer_size")

    def cache_file_name(self, backbone: Backbone, info: dict) -> str:
        from desktop_app.core.catalog import TEXT_PREPROCESSING_VERSION

        return (
            f"{backbone.id}-t{TEXT_PREPROCESSING_VERSION}-L{backbone.max_length}"
            f"-{info['sha256'][:12]}-{str(info.get('tokenizer_sha256'))[:8]}.sqlite"
        )

    def extract_features(self, items, backbone, cancel, batch_size, cache_dir) -> Iterator[Event]:
        from desktop_app.core.features import extract_text_features

        return extract_text_features(
            items, backbone, cancel, batch_size or self.feature_batch, cache_dir
        )

    def training_schedule(self, config, backbone, n_train) -> tuple[int, int, float]:
        from desktop_app.core.training.loop import TEXT_BATCH, TEXT_EPOCHS, TEXT_LR

        if self.learns_input_encoding(backbone):
            # scratch-text (a bag of tokens): converges in a few epochs, early stopping ends it
            batch = config.batch_size or TEXT_BATCH
            steps_per_epoch = max(1, math.ceil(n_train / batch))
            epochs = config.max_epochs or min(
                200, max(TEXT_EPOCHS, math.ceil(300 / steps_per_epoch))
            )
            return epochs, batch, config.learning_rate or TEXT_LR
        # Heads on frozen sentence embeddings may run longer (early stopping ends them): SMS
        # spam was still improving at epoch 60. Large text sets: bigger batches (each step has
        # ~0.7 ms of fixed torch overhead), still ≥ 128 steps an epoch, up to 256; the
        # learning rate grows with √(batch / 32).
        batch = int(min(max(n_train // 8, 4), 32))
        batch = config.batch_size or max(batch, min(n_train // 128, 256))
        steps_per_epoch = max(1, math.ceil(n_train / batch))
        epochs = config.max_epochs or min(1000, max(150, math.ceil(300 / steps_per_epoch)))
        return epochs, batch, config.learning_rate or 1e-3 * math.sqrt(max(1.0, batch / 32))

    def too_few_classes(self, found: str | Phrase) -> CoreError:
        from desktop_app.core.data.dataset import DatasetError

        return DatasetError("train.two_text_classes", found)

    def empty_classes(self, names: str) -> CoreError:
        from desktop_app.core.data.dataset import DatasetError

        return DatasetError("train.empty_text_classes", names)

    def label_smoothing(self, backbone: Backbone) -> float:
        # on frozen sentence embeddings smoothing cost accuracy (SST-2 val 0.8425 → 0.8455
        # without it; SMS spam 0.982 → 0.981)
        return 0.1 if backbone.kind == "scratch" else 0.0

    def input_contract(self, backbone: Backbone) -> dict[str, Any]:
        return {
            "names": ["input_ids", "attention_mask"],
            "dtype": "int64",
            "shape": ["batch", "tokens"],
            "tokenizer": "the 'tokenizer' entry: a Hugging Face `tokenizers` JSON, truncation "
            "already set; Tokenizer.from_str(it).encode_batch(texts)",
            "max_length": backbone.max_length,
            "padding": "pad each batch on the right with 0 to its longest text; "
            "attention_mask 1 for real tokens, 0 for padding",
        }

    def extra_metadata(self, result: TrainResult, backbone: Backbone) -> dict[str, str]:
        if result.tokenizer_json:
            return {"tokenizer": result.tokenizer_json}
        from desktop_app.core.text_embedding import load_tokenizer

        # the backbone's tokenizer, configured exactly as training used it
        return {"tokenizer": load_tokenizer(backbone).to_str()}

    def check_model_inputs(self, path: Path, session: Any) -> None:
        from desktop_app.core.inference import ModelError

        if {"input_ids", "attention_mask"} - {i.name for i in session.get_inputs()}:
            raise ModelError("model.bad_text_input", path.name)

    def load_encoder(self, path: Path, meta: dict[str, str]) -> Any:
        from desktop_app.core.inference import ModelError

        try:
            from tokenizers import Tokenizer

            return Tokenizer.from_str(meta["tokenizer"])
        except (KeyError, ValueError, Exception) as error:  # noqa: BLE001 - any bad JSON
            raise ModelError("model.bad_tokenizer", path.name, error) from error

    def parity_runner(self, session: Any, result: TrainResult) -> Callable[[str], np.ndarray]:
        from tokenizers import Tokenizer

        from desktop_app.core.catalog import get_backbone
        from desktop_app.core.text_embedding import (
            configure_tokenizer,
            load_tokenizer,
            pad_batch,
            tokenize,
        )

        backbone = get_backbone(result.backbone_id)
        tokenizer = (
            configure_tokenizer(Tokenizer.from_str(result.tokenizer_json), backbone.max_length)
            if result.tokenizer_json
            else load_tokenizer(backbone)
        )

        def run(item: str) -> np.ndarray:
            input_ids, attention_mask = pad_batch(tokenize(tokenizer, [item]))
            feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
            return session.run(["probabilities"], feeds)[0][0]

        return run

    def quantize(self, model, sample, cancel, outcome) -> Iterator[Event]:
        """Dynamic INT8 weights: no calibration needed (`sample` is not used)."""
        from desktop_app.core.quantize import quantize_text_weights
        from desktop_app.core.training.events import Progress

        yield Progress("quantize", 0, 1, message="computing INT8 weights")
        outcome.append((quantize_text_weights(model), 0, "dynamic int8 MatMul/Gemm weights"))

    def compare_int8(self, float_session, int8_session, items, cancel, timed, out):
        from tokenizers import Tokenizer

        from desktop_app.core.text_embedding import encodable, pad_batch
        from desktop_app.core.training.events import Progress

        meta = float_session.get_modelmeta().custom_metadata_map
        tokenizer = Tokenizer.from_str(meta["tokenizer"])
        ids = [e.ids for e in tokenizer.encode_batch([encodable(t) for t in items])]
        input_ids, attention_mask = pad_batch(ids)
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        for count in (False, True, True):  # a warm-up, then two timed turns each
            a = timed(0, float_session, feeds, count)
            b = timed(1, int8_session, feeds, count)
        n = len(items)
        worst = float(abs(a - b).max()) if n else 0.0
        yield Progress("check", n, n)
        out.append(
            ([int(i) for i in a.argmax(1)], [int(i) for i in b.argmax(1)], worst, list(range(n)))
        )

    def readme_lines(self, model_name, script, origin, version):
        what = [
            f"{model_name} is a text classifier exported by Classifier Studio {version}",
            f"(from {origin}). It is one standard ONNX file: the labels and the tokenizer",
            "are stored inside it (metadata_props), so nothing else is needed to use it.",
        ]
        run = [
            "    pip install onnxruntime numpy tokenizers",
            f'    python {script} {model_name} "a text to classify"',
            f"    python {script} {model_name} texts.txt    # a file with one text per line",
        ]
        return what, run

    def evaluate(
        self, predictor, items, labels, cancel, batch_size, y_true, y_pred, skipped, scores=None
    ):
        total = len(items)
        for start in range(0, total, batch_size):
            if cancel.cancelled:
                break
            chunk = list(items[start : start + batch_size])
            probabilities = predictor.text_probabilities(chunk)
            y_true.extend(int(v) for v in labels[start : start + batch_size])
            y_pred.extend(int(i) for i in probabilities.argmax(axis=1))
            if scores is not None:
                scores.extend(probabilities)
            yield min(start + batch_size, total), total


IMAGE = ImageTask()
TEXT = TextTask()
_registry: dict[str, Task] = {}


def register(task: Task) -> Task:
    """Make `task` known to every generic path (detection order = registration order)."""
    _registry[task.name] = task
    return task


def unregister(name: str) -> None:
    """Forget a registered task (tests that register one of their own)."""
    _registry.pop(name, None)


register(IMAGE)
register(TEXT)


def all_tasks() -> tuple[Task, ...]:
    """Every registered task, in registration order."""
    return tuple(_registry.values())


def task_names() -> tuple[str, ...]:
    """The stored names of every registered task ("image", "text")."""
    return tuple(_registry)


def get_task(name: str | None, source: str | os.PathLike[str] = "data") -> Task:
    """The task called `name`; UnknownTaskError (`model.unknown_task`, naming `source`: the file
    it was read from) for a name no registered task has."""
    task = _registry.get(name) if isinstance(name, str) else None
    if task is None:
        known = Phrase("phrase.image_or_text")
        raise UnknownTaskError("model.unknown_task", str(source), repr(name), known)
    return task


def detect_task(path: Path, look_at_files: int) -> Task:
    """The task whose files `path` holds: a single file is read by the task that takes whole
    datasets in one file (another task may refuse it, e.g. a lone image); in a folder, the task
    with most files among the first `look_at_files` wins (the first registered on a tie or when
    none counts)."""
    tasks = all_tasks()
    if path.is_file():
        for task in tasks:
            task.refuse_single_file(path)
        return next((task for task in tasks if task.reads_single_file), tasks[0])
    counts = [0] * len(tasks)
    seen = 0
    for _dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            for i, task in enumerate(tasks):
                counts[i] += task.counts_file(name)
            seen += 1
        if seen >= look_at_files:
            break
    best = max(range(len(tasks)), key=lambda i: (counts[i], -i))
    return tasks[best]
