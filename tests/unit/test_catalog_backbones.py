import time

import numpy as np
import onnxruntime as ort
import pytest

from desktop_app.core.backbones import build_all, is_built
from desktop_app.core.catalog import (
    UnknownBackboneError,
    default_backbone,
    get_backbone,
    load_catalog,
)
from desktop_app.core.onnx_utils import preprocessing_graph


def test_catalog_lists_the_three_image_backbones_with_their_contract():
    ids = {b.id for b in load_catalog()}
    assert {"efficientnet-lite0", "efficientnet-lite2", "scratch-cnn"} <= ids
    assert default_backbone("image").id == "efficientnet-lite0"
    for b in load_catalog():
        assert b.embedding_size > 0 and b.licence
        if b.task == "image":
            assert b.input_size > 0 and len(b.mean) == len(b.std) == 3
        else:
            assert b.task == "text" and b.max_length and b.max_length > 0


def test_unknown_backbone_error_names_the_choices():
    with pytest.raises(UnknownBackboneError, match="efficientnet-lite0"):
        get_backbone("resnet-9000")


def test_build_is_idempotent_and_fast_when_built():
    start = time.perf_counter()
    reports = build_all(log=lambda _: None)
    assert time.perf_counter() - start < 2.0
    assert all(not r.built for r in reports), "make test builds them first; nothing to redo"
    assert all(is_built(b) for b in load_catalog())
    pretrained = [r for r in reports if r.backbone_id.startswith("efficientnet")]
    assert all(r.max_abs_diff is not None and r.max_abs_diff < 1e-3 for r in pretrained)


def _run_prep(image: np.ndarray, size: int = 8) -> np.ndarray:
    model = preprocessing_graph(size, (127.0,) * 3, (128.0,) * 3)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"image": image[None]})[0][0]


def test_preprocessing_resizes_the_shorter_side_crops_the_centre_and_normalises():
    # 40 wide x 20 high: left eighth black, the rest white → the centre crop is all white
    image = np.full((20, 40, 3), 255, np.uint8)
    image[:, :5] = 0
    out = _run_prep(image)
    assert out.shape == (3, 8, 8)
    assert np.allclose(out, (255 - 127) / 128, atol=1e-3)
    # a grey 127 image maps to zero, whatever its size
    assert np.allclose(_run_prep(np.full((3, 5, 3), 127, np.uint8)), 0.0, atol=1e-6)


def test_preprocessing_keeps_channel_order():
    image = np.zeros((16, 16, 3), np.uint8)
    image[..., 0] = 255  # pure red in RGB
    out = _run_prep(image)
    assert out[0].mean() > 0.9 and out[2].mean() < -0.9


def test_every_model_has_words_for_people_and_one_default_per_kind():
    from desktop_app.core.catalog import backbones_for, catalog_strings

    for task in ("image", "text"):
        models = backbones_for(task)
        assert models and sum(b.default for b in models) == 1
        assert default_backbone(task) in models
    for b in load_catalog():
        assert b.title and b.description and b.suits
        assert {b.title, b.description, b.suits} <= set(catalog_strings())
    assert len(catalog_strings()) == len(set(catalog_strings()))


def test_cli_help_and_defaults_come_from_the_catalog():
    from desktop_app.core.catalog import backbone_help
    from desktop_app.core.training.config import TrainConfig

    assert backbone_help() == (
        "see `desktop-app models` (default: efficientnet-lite0 for images, auto for text); "
        "auto (for images and text): train each candidate on the cached features and keep "
        "the best on validation (texts: only the models made for their language)"
    )
    assert TrainConfig().backbone == default_backbone("image").id


def test_display_words_do_not_change_what_is_built():
    """Rewording a model (or moving the default) keeps its built file; its network does not."""
    import dataclasses

    backbone = default_backbone("image")
    assert is_built(backbone), "make test builds the models first"
    reworded = dataclasses.replace(backbone, title="X", description="Y", suits="Z", default=False)
    assert is_built(reworded)
    # nor does the shape of the head trained on its features (features stay cached too)
    assert is_built(dataclasses.replace(backbone, hidden_units=64))
    assert not is_built(dataclasses.replace(backbone, input_size=300))


def test_the_head_size_is_the_users_else_the_models_own():
    """Texts: a 512-unit hidden layer unless the user picks one; images: a linear head."""
    from desktop_app.core.training.config import TrainConfig

    sentences, photos = get_backbone("multilingual-e5-small"), default_backbone("image")
    assert get_backbone("minilm-l6").hidden_units == sentences.hidden_units == 512
    assert photos.hidden_units == 0
    assert TrainConfig().hidden_units is None
    assert TrainConfig().head_units(sentences) == 512 and TrainConfig().head_units(photos) == 0
    assert TrainConfig(hidden_units=0).head_units(sentences) == 0
    assert TrainConfig(hidden_units=32).head_units(photos) == 32


def test_a_new_catalog_entry_is_listed_by_the_cli_without_code_changes(tmp_path, monkeypatch):
    """Must-show 2 (CLI half): one entry in a copy of the catalog, and `desktop-app models`
    lists it (not built yet) with its words; `train --help` still names the defaults."""
    import os
    import subprocess
    import sys

    from tests.helpers.catalog import NEW_IMAGE_ENTRY, REPO, catalog_with

    with catalog_with(monkeypatch, tmp_path, NEW_IMAGE_ENTRY) as path:
        assert get_backbone("my-photo-model").title == "My photo model"
        env = {**os.environ, "CLASSIFIER_STUDIO_CATALOG": str(path)}
        listing = subprocess.run(
            [sys.executable, "-m", "desktop_app", "models"],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=True,
        ).stdout
    lines = listing.splitlines()
    new = next(i for i, line in enumerate(lines) if line.startswith("my-photo-model "))
    assert "image" in lines[new] and "My photo model" in lines[new] and "not built" in lines[new]
    assert "Suits: the photos of one test." in lines[new + 1]
    assert lines[0].startswith("efficientnet-lite0 ")  # the catalog's order
    with pytest.raises(UnknownBackboneError):  # the real catalog is back
        get_backbone("my-photo-model")


def test_reload_catalog_reads_an_edited_file(tmp_path, monkeypatch):
    import json

    from desktop_app.core.catalog import reload_catalog
    from tests.helpers.catalog import NEW_IMAGE_ENTRY, catalog_with

    with catalog_with(monkeypatch, tmp_path) as path:
        assert "my-photo-model" not in {b.id for b in load_catalog()}
        data = json.loads(path.read_text("utf-8"))
        data["backbones"].append(NEW_IMAGE_ENTRY)
        path.write_text(json.dumps(data), encoding="utf-8")
        assert "my-photo-model" not in {b.id for b in load_catalog()}  # cached
        assert "my-photo-model" in {b.id for b in reload_catalog()}
