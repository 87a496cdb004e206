"""Issue 15 #20: a photo with an embedded colour profile is decoded to sRGB, as browsers and
photo viewers show it; untagged and sRGB-tagged files are taken as they are."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms

from desktop_app.core.data.colour import CONTRACT, DECODE_VERSION
from desktop_app.core.data.images import decode_image, load_image
from tests.helpers.icc import rgb_profile

PIXELS = np.array(
    [[[100, 150, 50], [200, 40, 60], [30, 90, 220], [128, 128, 128]]] * 4, dtype=np.uint8
)


def _png(pixels: np.ndarray, profile: bytes | None) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(out, "PNG", **({"icc_profile": profile} if profile else {}))
    return out.getvalue()


def _jpeg(pixels: np.ndarray, profile: bytes | None) -> bytes:
    out = io.BytesIO()
    extra = {"icc_profile": profile} if profile else {}
    Image.fromarray(pixels, "RGB").save(out, "JPEG", quality=100, subsampling=0, **extra)
    return out.getvalue()


def _expected_srgb(pixels: np.ndarray, profile: bytes) -> np.ndarray:
    """What LittleCMS makes of the pixels in sRGB (what a colour-managed viewer shows)."""
    transform = ImageCms.buildTransform(
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
        "RGB",
        "RGB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    return np.asarray(ImageCms.applyTransform(Image.fromarray(pixels, "RGB"), transform))


def test_an_adobe_rgb_png_is_converted_to_srgb() -> None:
    profile = rgb_profile()
    decoded = decode_image(_png(PIXELS, profile), "adobe.png")
    expected = _expected_srgb(PIXELS, profile)
    assert np.abs(decoded.astype(int) - expected.astype(int)).max() <= 1
    # and it really moved: Adobe RGB's green is more saturated than sRGB's
    assert np.abs(decoded.astype(int) - PIXELS.astype(int)).max() >= 10


def test_an_adobe_rgb_jpeg_is_converted_like_the_png(tmp_path: Path) -> None:
    profile = rgb_profile()
    path = tmp_path / "adobe.jpg"
    path.write_bytes(_jpeg(PIXELS, profile))
    plain = tmp_path / "plain.jpg"
    plain.write_bytes(_jpeg(PIXELS, None))
    stored = load_image(plain)  # the same JPEG pixels, no profile: taken as sRGB
    expected = _expected_srgb(stored, profile)
    assert np.abs(load_image(path).astype(int) - expected.astype(int)).max() <= 1


def test_untagged_and_srgb_tagged_files_are_taken_as_they_are() -> None:
    assert np.array_equal(decode_image(_png(PIXELS, None), "plain.png"), PIXELS)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert np.array_equal(decode_image(_png(PIXELS, srgb), "srgb.png"), PIXELS)


def test_a_broken_profile_leaves_the_pixels_as_stored() -> None:
    broken = rgb_profile()[:200]
    assert np.array_equal(decode_image(_png(PIXELS, broken), "broken.png"), PIXELS)


def test_the_contract_is_stated_in_exported_metadata_and_the_cache_name() -> None:
    from desktop_app.core.catalog import default_backbone
    from desktop_app.core.tasks import get_task

    backbone = default_backbone("image")
    task = get_task("image")
    assert task.preprocessing(backbone)["colour"] == CONTRACT and "sRGB" in CONTRACT
    assert f"-d{DECODE_VERSION}-" in task.cache_file_name(backbone, {"sha256": "0" * 64})


def test_predict_py_decodes_like_the_app(tmp_path: Path) -> None:
    """The exported sample script honours the profile the same way (Pillow installed)."""
    import importlib.util

    from desktop_app.core.paths import resources_dir

    spec = importlib.util.spec_from_file_location(
        "sample", resources_dir() / "samples" / "predict.py"
    )
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    path = tmp_path / "adobe.jpg"
    path.write_bytes(_jpeg(PIXELS, rgb_profile()))
    assert np.array_equal(sample.decode(str(path)), load_image(path))
    thumb = tmp_path / "big.jpg"  # large enough for the reduced-size thumbnail decode
    thumb.write_bytes(_jpeg(np.repeat(np.repeat(PIXELS, 200, 0), 100, 1), rgb_profile()))
    from desktop_app.core.data.images import load_thumbnail

    small = load_thumbnail(thumb, 64)
    assert np.abs(small[0, 0].astype(int) - load_image(thumb)[0, 0].astype(int)).max() <= 3
