import shutil

import numpy as np
import pytest

from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.features import FeatureSet, extract_features
from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress
from tests.helpers.synthetic import write_class_folders

LITE0 = get_backbone("efficientnet-lite0")


def run(dataset, cache_dir, cancel=None, batch_size=32) -> tuple[list, FeatureSet | None]:
    events = list(
        extract_features(dataset, LITE0, cancel, batch_size=batch_size, cache_dir=cache_dir)
    )
    finished = [e.result for e in events if isinstance(e, Finished)]
    return events, (finished[0] if finished else None)


@pytest.fixture
def data(tmp_path):
    return write_class_folders(tmp_path / "data", per_class=4)


def test_features_are_computed_once_then_served_from_the_cache(data, tmp_path):
    dataset = scan_image_folder(data)
    events, first = run(dataset, tmp_path / "cache", batch_size=5)
    assert first.features.shape == (12, 1280) and first.features.dtype == np.float32
    assert (first.computed, first.cached) == (12, 0)
    progress = [e for e in events if isinstance(e, Progress)]
    assert progress[-1].done == progress[-1].total == 12
    _, second = run(dataset, tmp_path / "cache")
    assert (second.computed, second.cached) == (0, 12)
    np.testing.assert_array_equal(first.features, second.features)


def test_cache_is_keyed_by_content_not_by_path(data, tmp_path):
    run(scan_image_folder(data), tmp_path / "cache")
    moved = tmp_path / "moved"
    shutil.copytree(data, moved)
    _, result = run(scan_image_folder(moved), tmp_path / "cache")
    assert (result.computed, result.cached) == (0, 12)


def test_an_edited_file_is_recomputed_alone(data, tmp_path):
    dataset = scan_image_folder(data)
    _, first = run(dataset, tmp_path / "cache")
    victim = data / "red" / "0.png"
    other = (data / "blue" / "1.png").read_bytes()
    victim.write_bytes(other)
    _, second = run(dataset, tmp_path / "cache")
    assert second.computed == 0, "its new content is already cached under blue/1.png"
    row = list(dataset.items).index(str(victim))
    blue_row = list(dataset.items).index(str(data / "blue" / "1.png"))
    np.testing.assert_array_equal(second.features[row], first.features[blue_row])


def test_undecodable_files_are_skipped_with_a_reason_and_the_rest_proceeds(data, tmp_path):
    broken = data / "green" / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    dataset = scan_image_folder(data)
    _, result = run(dataset, tmp_path / "cache")
    assert result.features.shape[0] == 12
    assert [s.path for s in result.skipped] == [str(broken)]
    assert "decode" in result.skipped[0].reason
    assert str(broken) not in [dataset.items[i] for i in result.positions]


def test_cancel_stops_extraction_and_keeps_what_was_done(data, tmp_path):
    dataset = scan_image_folder(data)
    token = CancelToken()
    seen = []
    for event in extract_features(
        dataset, LITE0, token, batch_size=4, cache_dir=tmp_path / "cache"
    ):
        seen.append(event)
        if isinstance(event, Progress) and event.done >= 4:
            token.cancel()
    assert isinstance(seen[-1], Cancelled)
    assert not any(isinstance(e, Finished) for e in seen)
    _, again = run(dataset, tmp_path / "cache")
    assert again.cached >= 4, "work done before the cancel is kept in the cache"
