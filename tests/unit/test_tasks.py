"""One object per task (core/tasks.py): the registry, what each task does differently, and a
third kind of data registered in a test that the generic paths (detection and import, features,
evaluation) find without a change anywhere else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from desktop_app.core.catalog import backbones_for, get_backbone
from desktop_app.core.data.dataset import Dataset, DatasetError
from desktop_app.core.data.detect import data_task, scan_data
from desktop_app.core.errors import CoreError, Phrase
from desktop_app.core.features import FeatureSet, extract_features
from desktop_app.core.inference import ModelError, Predictor
from desktop_app.core.tasks import (
    IMAGE,
    TEXT,
    ImageTask,
    Task,
    TextTask,
    UnknownTaskError,
    all_tasks,
    get_task,
    register,
    task_names,
    unregister,
)
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from desktop_app.core.workflows.evaluate import evaluate_items
from desktop_app.core.workflows.importing import import_data
from tests.helpers.synthetic import write_class_folders

ROOT = Path(__file__).resolve().parents[2]


# --- the registry -----------------------------------------------------------------------------


def test_image_and_text_are_registered_in_order_as_singletons():
    assert task_names() == ("image", "text")
    assert all_tasks() == (IMAGE, TEXT)
    assert get_task("image") is IMAGE and isinstance(IMAGE, ImageTask)
    assert get_task("text") is TEXT and isinstance(TEXT, TextTask)


@pytest.mark.parametrize("name", ["audio", "", "Image", None])
def test_an_unknown_task_is_a_keyed_error_naming_where_it_was_read(name):
    with pytest.raises(UnknownTaskError) as caught:
        get_task(name, "m.onnx")
    assert isinstance(caught.value, CoreError) and caught.value.key == "model.unknown_task"
    assert str(caught.value).startswith("m.onnx: unknown task ")
    assert repr(name) in str(caught.value)


def test_importing_tasks_does_not_import_torch_onnxruntime_or_opencv():
    code = (
        "import sys, desktop_app.core.tasks; "
        "print(sorted(m for m in ('torch', 'onnxruntime', 'cv2', 'tokenizers') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


# --- what each task does differently ------------------------------------------------------------


def test_each_task_names_its_data_in_messages_and_summaries():
    assert IMAGE.noun == Phrase("phrase.image") and str(TEXT.noun) == "text"
    assert (IMAGE.item_word, IMAGE.items_word) == ("image", "images")
    assert (TEXT.item_word, TEXT.items_word) == ("text", "texts")
    assert (IMAGE.script_name, TEXT.script_name) == ("predict.py", "predict_text.py")


def test_detection_counts_each_tasks_files_and_a_lone_image_is_refused(tmp_path):
    assert IMAGE.counts_file("a.JPG") and not IMAGE.counts_file("a.csv")
    assert TEXT.counts_file("a.tsv") and TEXT.counts_file("README") and not TEXT.counts_file(".x")
    images = write_class_folders(tmp_path / "images", per_class=2)
    one = next((images / "red").iterdir())
    with pytest.raises(DatasetError) as caught:
        IMAGE.refuse_single_file(one)
    assert caught.value.key == "dataset.one_image"
    TEXT.refuse_single_file(one)  # nothing to refuse: a text file is a whole dataset
    # a tie between image and text files goes to the first registered task
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "a.png").write_bytes(b"")
    (mixed / "a.txt").write_text("x", "utf-8")
    assert data_task(mixed) == "image"
    (mixed / "b.txt").write_text("y", "utf-8")
    assert data_task(mixed) == "text"


def test_the_preprocessing_contract_and_inputs_come_from_the_task():
    image = backbones_for("image")[0]
    minilm = get_backbone("minilm-l6")
    scratch_text = next(b for b in backbones_for("text") if b.kind == "scratch")
    assert image.preprocessing["in_graph"] is True
    assert image.preprocessing["size"] == image.input_size
    assert minilm.preprocessing["in_graph"] is False
    assert minilm.preprocessing["tokenizer"].endswith(minilm.tokenizer_path.name)
    assert "learnt from the training texts" in scratch_text.preprocessing["tokenizer"]
    assert IMAGE.input_words(image) == f"{image.input_size}px"
    assert TEXT.input_words(minilm) == f"{minilm.max_length} tokens"
    assert IMAGE.input_contract(image)["dtype"] == "uint8"
    assert TEXT.input_contract(minilm)["names"] == ["input_ids", "attention_mask"]
    assert not IMAGE.learns_input_encoding(image) and not TEXT.learns_input_encoding(minilm)
    assert TEXT.learns_input_encoding(scratch_text)


def test_feature_caches_of_the_two_tasks_have_distinct_names():
    info = {"sha256": "a" * 64, "tokenizer_sha256": "b" * 64}
    image, minilm = backbones_for("image")[0], get_backbone("minilm-l6")
    assert IMAGE.cache_file_name(image, info) == f"{image.id}-p1-d2-aaaaaaaaaaaa.sqlite"
    assert TEXT.cache_file_name(minilm, info) == "minilm-l6-t1-L256-aaaaaaaaaaaa-bbbbbbbb.sqlite"


def test_training_schedules_and_smoothing_per_task():
    config = TrainConfig(backbone="x")
    image, minilm = get_backbone("efficientnet-lite0"), get_backbone("minilm-l6")
    scratch_text = next(b for b in backbones_for("text") if b.kind == "scratch")
    # hymenoptera: 244 training images; SMS spam: 4,460 training texts
    assert IMAGE.training_schedule(config, image, 244) == (60, 30, 1e-3)
    epochs, batch, lr = TEXT.training_schedule(config, minilm, 4460)
    assert (epochs, batch) == (150, 34) and lr == pytest.approx(1e-3 * (34 / 32) ** 0.5)
    assert TEXT.training_schedule(TrainConfig("x", batch_size=8), minilm, 4460)[1] == 8
    assert TEXT.training_schedule(config, scratch_text, 4460)[1] == 64
    assert IMAGE.label_smoothing(image) == 0.1
    assert TEXT.label_smoothing(minilm) == 0.0 and TEXT.label_smoothing(scratch_text) == 0.1


def test_training_refusals_are_worded_for_the_task():
    assert IMAGE.too_few_classes("ants").key == "train.two_image_classes"
    assert TEXT.too_few_classes("spam").key == "train.two_text_classes"
    assert IMAGE.empty_classes("a, b").key == "train.empty_image_classes"
    assert TEXT.empty_classes("a, b").key == "train.empty_text_classes"


def test_model_inputs_are_checked_against_the_task(tmp_path):
    def session(*inputs):
        return SimpleNamespace(get_inputs=lambda: list(inputs))

    pixels = SimpleNamespace(name="image", type="tensor(uint8)", shape=["n", "h", "w", 3])
    ids = SimpleNamespace(name="input_ids", type="tensor(int64)", shape=["n", "t"])
    mask = SimpleNamespace(name="attention_mask", type="tensor(int64)", shape=["n", "t"])
    IMAGE.check_model_inputs(tmp_path / "m.onnx", session(pixels))
    TEXT.check_model_inputs(tmp_path / "m.onnx", session(ids, mask))
    with pytest.raises(ModelError) as caught:
        IMAGE.check_model_inputs(tmp_path / "m.onnx", session(ids, mask))
    assert caught.value.key == "model.bad_image_input"
    with pytest.raises(ModelError) as caught:
        TEXT.check_model_inputs(tmp_path / "m.onnx", session(pixels))
    assert caught.value.key == "model.bad_text_input"
    with pytest.raises(ModelError) as caught:
        TEXT.load_encoder(tmp_path / "m.onnx", {})
    assert caught.value.key == "model.bad_tokenizer"
    assert IMAGE.load_encoder(tmp_path / "m.onnx", {}) is None


def test_the_export_readme_words_come_from_the_task():
    what, run = TEXT.readme_lines("m.onnx", "predict_text.py", "run 1", "9.9")
    assert what[0] == "m.onnx is a text classifier exported by Classifier Studio 9.9"
    assert any(" texts.txt " in line and "--file" not in line for line in run)
    what, run = IMAGE.readme_lines("m.onnx", "predict.py", "run 1", "9.9")
    assert what[0] == "m.onnx is an image classifier exported by Classifier Studio 9.9"
    assert run[-1] == "    python predict.py m.onnx image.jpg"


def test_loaded_models_know_their_task(image_model, text_model):
    image = Predictor(image_model[1])
    text = Predictor(text_model[1])
    assert image.kind is IMAGE and image.tokenizer is None
    assert text.kind is TEXT and text.tokenizer is not None
    with pytest.raises(ModelError) as caught:
        image.text_probabilities(["hello"])
    assert caught.value.key == "model.wrong_kind"
    assert [str(p) for p in caught.value.params[1:]] == ["image", "text"]


def test_text_evaluation_batches_and_stops_when_cancelled():
    seen: list[int] = []

    def text_probabilities(texts):
        seen.append(len(texts))
        return np.array([[1.0, 0.0] if t.startswith("a") else [0.0, 1.0] for t in texts])

    predictor = SimpleNamespace(kind=TEXT, text_probabilities=text_probabilities)
    y_true, y_pred = [], []
    steps = list(
        TEXT.evaluate(
            predictor, ["a1", "b1", "a2"], [0, 1, 1], CancelToken(), 2, y_true, y_pred, []
        )
    )
    assert steps == [(2, 3), (3, 3)] and seen == [2, 1]
    assert (y_true, y_pred) == ([0, 1, 1], [0, 1, 0])
    cancel = CancelToken()
    cancel.cancel()
    assert list(TEXT.evaluate(predictor, ["a"], [0], cancel, 2, [], [], [])) == []


# --- a third kind of data ---------------------------------------------------------------------


class SoundTask(Task):
    """A made-up kind: folders of .wav files; 'features' are the file sizes."""

    name = "sound"
    noun = Phrase("phrase.none")
    item_word, items_word, help_word = "sound", "sounds", "sounds"
    reads_single_file = False
    script_name = "predict_sound.py"
    evaluate_batch = 2
    feature_batch = 4
    doc_input = "Input: samples; "

    def counts_file(self, name: str) -> bool:
        return name.endswith(".wav")

    def scan(self, path, val_fraction, seed, text_col=None, label_col=None) -> Dataset:
        files = sorted(Path(path).rglob("*.wav"))
        classes = tuple(sorted({f.parent.name for f in files}))
        return Dataset(
            task=self.name,
            classes=classes,
            items=tuple(str(f) for f in files),
            labels=tuple(classes.index(f.parent.name) for f in files),
            splits=tuple("val" if i % 2 else "train" for i in range(len(files))),
            root=str(path),
        )

    def extract_features(self, items, backbone, cancel, batch_size, cache_dir):
        yield Progress("features", 0, len(items))
        sizes = np.array([[os.path.getsize(p)] for p in items], np.float32)
        positions = np.arange(len(items))
        yield Finished(FeatureSet(sizes, positions, (), len(items), 0, 0.0))

    def evaluate(self, predictor, items, labels, cancel, batch_size, y_true, y_pred, skipped):
        for start in range(0, len(items), batch_size):
            for item, label in zip(
                items[start : start + batch_size], labels[start : start + batch_size], strict=True
            ):
                y_true.append(label)
                y_pred.append(int(os.path.getsize(item) > 2))
            yield min(start + batch_size, len(items)), len(items)


@pytest.fixture
def sound_task():
    task = register(SoundTask())
    yield task
    unregister(task.name)
    assert task_names() == ("image", "text")


@pytest.fixture
def sounds(tmp_path):
    root = tmp_path / "sounds"
    for name, size in (("quiet", 1), ("loud", 5)):
        (root / name).mkdir(parents=True)
        for i in range(3):
            (root / name / f"{i}.wav").write_bytes(b"x" * size)
    return root


def test_a_registered_third_task_is_detected_and_imported(sound_task, sounds):
    assert get_task("sound") is sound_task and all_tasks()[-1] is sound_task
    assert data_task(sounds) == "sound"
    assert scan_data(sounds).classes == ("loud", "quiet")
    events = list(import_data(sounds, CancelToken()))
    imported = events[-1].result
    assert imported.dataset.task == "sound"
    assert imported.summary().startswith("data: 6 sounds in 2 classes")


def test_a_third_task_embeds_its_items_and_is_evaluated_by_the_generic_paths(sound_task, sounds):
    dataset = scan_data(sounds)
    backbone = SimpleNamespace(id="sizes", task="sound")
    finished = [e for e in extract_features(dataset, backbone) if isinstance(e, Finished)]
    assert finished[0].result.features[:, 0].tolist() == [5.0] * 3 + [1.0] * 3
    predictor = SimpleNamespace(kind=sound_task, labels=("quiet", "loud"), path=Path("s.onnx"))
    labels = [1 if "loud" in item else 0 for item in dataset.items]
    events = list(evaluate_items(predictor, dataset.items, labels, CancelToken()))
    progress = [(e.done, e.total) for e in events if isinstance(e, Progress)]
    assert progress == [(0, 6), (2, 6), (4, 6), (6, 6)]  # the task's own batch size
    evaluation = events[-1].result
    assert evaluation.metrics.accuracy == 1.0 and evaluation.classes == ("quiet", "loud")
    cancel = CancelToken()
    cancel.cancel()
    assert isinstance(list(evaluate_items(predictor, dataset.items, labels, cancel))[-1], Cancelled)


def test_once_unregistered_a_task_is_unknown_again(sounds):
    register(SoundTask())
    unregister("sound")
    with pytest.raises(UnknownTaskError):
        get_task("sound")
    assert data_task(sounds) == "image"  # nothing counts: the first registered task
