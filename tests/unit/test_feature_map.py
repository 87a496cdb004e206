"""The live map of the embeddings shown while a run reads its data (issue 15, item 11):
`core.feature_map.FeatureMap`, and the `Plan` / `MapPoints` events the features stage yields."""

from __future__ import annotations

import numpy as np

from desktop_app.core.catalog import get_backbone
from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.core.feature_map import FeatureMap, MapPoints
from desktop_app.core.features import extract_features
from desktop_app.core.training.events import Finished, Plan
from tests.helpers.synthetic import write_class_folders


def _clusters(n: int, width: int = 256, classes: int = 4, seed: int = 0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, width))
    labels = rng.integers(0, classes, n)
    vectors = centres[labels] + 0.1 * rng.normal(size=(n, width))
    return vectors.astype(np.float32), labels


def test_classes_apart_in_the_data_are_apart_on_the_map():
    vectors, labels = _clusters(600)
    feature_map = FeatureMap(600, interval_s=0)
    for start in range(0, 600, 32):  # as chunks arrive
        feature_map.add(range(start, min(600, start + 32)), vectors[start : start + 32])
        feature_map.event()
    points = feature_map.event(force=True)
    assert points is None, "nothing new since the last map"
    feature_map = FeatureMap(600, interval_s=0)
    feature_map.add(range(600), vectors)
    points = feature_map.event()
    assert isinstance(points, MapPoints) and points.xy.shape == (600, 2)
    xy, on_map = points.xy, labels[points.positions]
    centres = np.stack([xy[on_map == k].mean(axis=0) for k in range(4)])
    spread = max(float(xy[on_map == k].std(axis=0).max()) for k in range(4))
    gaps = [np.linalg.norm(a - b) for i, a in enumerate(centres) for b in centres[i + 1 :]]
    assert min(gaps) > 3 * spread, (gaps, spread)


def test_a_large_set_is_sampled_evenly_over_the_classes():
    vectors, labels = _clusters(5000, classes=5, seed=1)
    order = np.argsort(labels, kind="stable")  # read class after class, like folders are
    feature_map = FeatureMap(5000, max_points=500, interval_s=0)
    feature_map.add(order[:2500], vectors[order[:2500]])
    early = feature_map.event()
    feature_map.add(order[2500:], vectors[order[2500:]])
    late = feature_map.event()
    assert late.positions.size == 500 and np.unique(late.positions).size == 500
    counts = np.bincount(labels[late.positions], minlength=5)
    assert counts.min() > 60, counts  # every class on the map, not just the first ones read
    assert early.positions.size < late.positions.size


def test_the_map_keeps_its_orientation_as_points_arrive():
    """Points already placed stay on their side of each axis when more of the same arrive."""
    vectors, _ = _clusters(2000, classes=5, seed=2)
    feature_map = FeatureMap(2000, interval_s=0)
    feature_map.add(range(1000), vectors[:1000])
    before = feature_map.event()
    feature_map.add(range(1000, 2000), vectors[1000:])
    after = feature_map.event()
    assert after.positions[:1000].tolist() == before.positions.tolist()
    for axis in range(2):
        r = np.corrcoef(before.xy[:, axis], after.xy[:1000, axis])[0, 1]
        assert r > 0.95, (axis, r)


def test_updates_wait_for_the_interval_unless_forced():
    vectors, _ = _clusters(100)
    feature_map = FeatureMap(100, interval_s=60)
    feature_map.add(range(2), vectors[:2])
    assert feature_map.event(force=True) is None, "two points make no map"
    feature_map.add(range(2, 50), vectors[2:50])
    assert feature_map.event() is not None
    feature_map.add(range(50, 100), vectors[50:])
    assert feature_map.event() is None, "within the interval"
    assert feature_map.event(force=True).positions.size == 100


def test_the_features_stage_plans_and_maps_every_item(tmp_path):
    lite0 = get_backbone("efficientnet-lite0")
    dataset = scan_image_folder(write_class_folders(tmp_path / "data", per_class=6))
    cold = list(extract_features(dataset, lite0, batch_size=5, cache_dir=tmp_path / "cache"))
    plans = [e for e in cold if isinstance(e, Plan)]
    assert plans == [Plan("features", 18, 18)]
    maps = [e for e in cold if isinstance(e, MapPoints)]
    assert maps and sorted(maps[-1].positions.tolist()) == list(range(18))
    features = next(e.result for e in cold if isinstance(e, Finished)).features
    assert maps[-1].xy.shape == (18, 2) and np.isfinite(maps[-1].xy).all()
    assert features.shape[0] == 18
    warm = list(extract_features(dataset, lite0, cache_dir=tmp_path / "cache"))
    assert [e for e in warm if isinstance(e, Plan)] == [Plan("features", 0, 18)]
    (warm_map,) = [e for e in warm if isinstance(e, MapPoints)]  # all at once, from the cache
    assert sorted(warm_map.positions.tolist()) == list(range(18))
