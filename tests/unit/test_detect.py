"""Images or text: the importer is chosen from what the path holds."""

from __future__ import annotations

import pytest

from desktop_app.core.data.dataset import DatasetError
from desktop_app.core.data.detect import data_task, scan_data
from tests.helpers.synthetic import write_class_folders


def test_image_folders_and_text_files_are_told_apart(tmp_path):
    images = write_class_folders(tmp_path / "images", per_class=3)
    assert data_task(images) == "image"
    table = tmp_path / "reviews.csv"
    table.write_text(
        "label,review\n1,great hotel\n0,dirty room\n1,lovely staff\n0,noisy\n", "utf-8"
    )
    assert data_task(table) == "text"
    folders = tmp_path / "texts"
    for name in ("pos", "neg"):
        (folders / name).mkdir(parents=True)
        for i in range(3):
            (folders / name / f"{i}.txt").write_text(f"{name} text {i}", "utf-8")
    assert data_task(folders) == "text"
    assert scan_data(table).task == "text"
    assert scan_data(images).task == "image"


def test_a_single_image_or_a_missing_path_is_explained(tmp_path):
    images = write_class_folders(tmp_path / "images", per_class=1)
    with pytest.raises(DatasetError, match="one image"):
        data_task(next((images / "red").iterdir()))
    with pytest.raises(DatasetError, match="not found"):
        data_task(tmp_path / "nothing")
