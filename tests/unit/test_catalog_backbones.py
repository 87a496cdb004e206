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
