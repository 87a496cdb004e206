"""Soak (issue 6): 10,000 predictions through one `Predictor` hold no memory that grows."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.export import export_model
from desktop_app.core.inference import Predictor
from desktop_app.core.training.config import TrainConfig
from desktop_app.core.training.events import CancelToken, Finished
from desktop_app.core.training.loop import train
from tests.helpers.memory import settled_rss_mb
from tests.helpers.synthetic import COLOURS, make_image, write_class_folders

PREDICTIONS = 10_000
WARM_UP = 500
SAMPLE_EVERY = 500
MAX_GROWTH = 0.05  # of the RSS after warm-up...
MAX_GROWTH_MIB = 16.0  # ...and at most this much, however large the test process has become
DROPPED_BATCH = 4  # what the Predict tab uses for dropped files
FOLDER_BATCH = 32  # what the Predict tab uses for a folder


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real exported model: `scratch-cnn` trained briefly on generated colour images."""
    data = write_class_folders(tmp_path_factory.mktemp("data"), per_class=8)
    config = TrainConfig(backbone="scratch-cnn", max_epochs=2)
    result = next(
        e.result for e in train(config, scan_image_folder(data)) if isinstance(e, Finished)
    )
    path = tmp_path_factory.mktemp("model") / "colours.onnx"
    export_model(result, path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """40 PNG and JPEG files in four sizes (like a camera's), then one broken file."""
    folder = tmp_path_factory.mktemp("to-classify")
    rng = np.random.default_rng(1)
    colours = list(COLOURS.values())
    paths = []
    for i in range(40):
        image = make_image(rng, colours[i % 3], size=64)[: 40 + 8 * (i % 4)]
        path = folder / f"{i:02d}{'.png' if i % 2 else '.jpg'}"
        cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
        paths.append(str(path))
    broken = folder / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a jpeg")
    return [*paths, str(broken)]


def _predictions(predictor: Predictor, files: list[str]) -> Iterator[int]:
    """Predictions as the app makes them, in turn; yields how many each call made.

    A pasted picture (`predict` on pixels of a new size each time), files dropped on the
    Predict tab (`predict_paths`, batches of 4, the broken file included) and a whole folder
    (`predict_paths`, batches of 32, with a cancel token that is never set).
    """
    rng = np.random.default_rng(2)
    colours = list(COLOURS.values())
    good = files[:-1]
    for call in itertools.count(1):
        size = 20 + call % 97
        image = make_image(rng, colours[call % 3], size=size)[:, : size - call % 13]
        assert len(predictor.predict(image, k=3).labels) == 3
        yield 1
        if call % 4 == 0:
            dropped = [good[(call + 4 * i) % len(good)] for i in range(5)] + [files[-1]]
            results = list(predictor.predict_paths(dropped, 3, DROPPED_BATCH))
            assert [r.prediction is None for r in results] == [False] * 5 + [True]
            yield 5
        if call % 20 == 0:
            results = list(predictor.predict_paths(files, 3, FOLDER_BATCH, CancelToken()))
            assert sum(r.prediction is not None for r in results) == len(good)
            yield len(good)


def test_ten_thousand_predictions_hold_no_growing_memory(model: Path, files: list[str]) -> None:
    """10,000 real predictions by the app's calls; RSS after warm-up grows by less than 5 %.

    Exercised: a real exported model (`scratch-cnn`, the in-graph preprocessing included)
    through one ONNX Runtime session, with pixel arrays of ~1,200 different shapes, PNG and
    JPEG decoding on `predict_paths`' thread pool (one pool per call), the error entry of a
    broken file, and top-k. Not exercised: a large backbone (`efficientnet-lite0` costs
    ~15 ms per image here, too slow for the default run; its session code is the same) and
    text models (`predict_text`).
    RSS is sampled every 500 predictions after a collection and `malloc_trim`, so freed
    memory the allocator keeps does not count as growth; besides the 5 % of issue 6, growth
    must stay under 16 MiB, since 5 % of a test process that already holds torch is a lot.
    """
    predictor = Predictor(model)
    start = time.perf_counter()
    done = 0
    samples: list[tuple[int, float]] = []
    next_sample = WARM_UP
    for made in _predictions(predictor, files):
        done += made
        if done >= next_sample:
            samples.append((done, settled_rss_mb()))
            next_sample += SAMPLE_EVERY
        if done >= PREDICTIONS:
            break
    seconds = time.perf_counter() - start
    (_, warm), (_, last) = samples[0], samples[-1]
    peak = max(rss for _, rss in samples[1:])
    growth = (peak - warm) / warm
    print(
        f"\npredictor soak: {done} predictions in {seconds:.1f} s; RSS {warm:.1f} MiB after "
        f"{WARM_UP}, {last:.1f} MiB at the end, peak {peak:.1f} MiB ({100 * growth:+.2f} %)"
    )
    assert growth < MAX_GROWTH, f"RSS grew {100 * growth:.1f} % after warm-up: {samples}"
    assert peak - warm < MAX_GROWTH_MIB, f"RSS grew {peak - warm:.1f} MiB: {samples}"
