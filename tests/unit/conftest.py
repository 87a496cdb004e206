"""Trained models shared by the workflow tests (one training per test session)."""

from __future__ import annotations

import pytest

from tests.helpers.synthetic import write_class_folders, write_text_csv
from tests.helpers.workflows import train_model


@pytest.fixture(scope="session")
def image_model(tmp_path_factory):
    """(data folder, model path): EfficientNet-Lite0 + a head on generated colour images."""
    base = tmp_path_factory.mktemp("image-model")
    data = write_class_folders(base / "data", per_class=8)
    model = base / "colours.onnx"
    train_model(data, model)
    return data, model


@pytest.fixture(scope="session")
def text_model(tmp_path_factory):
    """(texts CSV, model path): a scratch-text model on generated sentences."""
    base = tmp_path_factory.mktemp("text-model")
    data = write_text_csv(base / "reviews.csv")
    model = base / "reviews.onnx"
    train_model(data, model)
    return data, model
