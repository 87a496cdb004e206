"""Decoding image files: every format ends as uint8 RGB (H, W, 3), and bad files say why."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from desktop_app.core.data.images import (
    MAX_PIXELS,
    ImageError,
    check_supported,
    decode_image,
    load_image,
    looks_like_image,
    sniff_format,
)
from tests.helpers.bad_corpus import png_claiming

RED_BGR = (0, 0, 255)


def encode(image: np.ndarray, ext: str, params: list[int] | None = None) -> bytes:
    ok, buffer = cv2.imencode(ext, image, params or [])
    assert ok, f"OpenCV could not encode {ext}"
    return buffer.tobytes()


def solid(height: int, width: int, bgr: tuple[int, int, int]) -> np.ndarray:
    image = np.empty((height, width, 3), np.uint8)
    image[:] = bgr
    return image


def with_exif_orientation(jpeg: bytes, orientation: int) -> bytes:
    """Splice an APP1 EXIF segment (one IFD entry: Orientation) right after the SOI marker."""
    assert jpeg[:2] == b"\xff\xd8"
    entry = struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)  # tag, SHORT, count 1, value
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + entry + b"\x00" * 4
    payload = b"Exif\x00\x00" + tiff
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + app1 + jpeg[2:]


# --- formats and colour order ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ext", "params", "tolerance"),
    [
        (".jpg", [cv2.IMWRITE_JPEG_QUALITY, 95], 4),
        (".png", None, 0),
        (".bmp", None, 0),
        (".webp", [cv2.IMWRITE_WEBP_QUALITY, 101], 0),  # quality > 100: lossless
        (".tiff", None, 0),
    ],
)
def test_every_supported_format_decodes_to_rgb_uint8(ext, params, tolerance):
    data = encode(solid(12, 16, RED_BGR), ext, params)

    image = decode_image(data, f"photo{ext}")

    assert image.dtype == np.uint8
    assert image.shape == (12, 16, 3)
    # Pure red stays red: channel order is RGB, not OpenCV's BGR.
    expected = np.array([255, 0, 0])
    assert np.abs(image.astype(int) - expected).max() <= tolerance


def test_colour_order_is_rgb_for_each_channel():
    image = np.zeros((8, 24, 3), np.uint8)
    image[:, :8] = (0, 0, 255)  # red (BGR)
    image[:, 8:16] = (0, 255, 0)  # green
    image[:, 16:] = (255, 0, 0)  # blue

    rgb = decode_image(encode(image, ".png"), "stripes.png")

    assert tuple(rgb[4, 2]) == (255, 0, 0)
    assert tuple(rgb[4, 12]) == (0, 255, 0)
    assert tuple(rgb[4, 20]) == (0, 0, 255)


def test_grey_png_becomes_three_equal_channels():
    grey = np.arange(64, dtype=np.uint8).reshape(8, 8) * 3

    image = decode_image(encode(grey, ".png"), "grey.png")

    assert image.shape == (8, 8, 3)
    for channel in range(3):
        np.testing.assert_array_equal(image[:, :, channel], grey)


def test_16_bit_png_is_scaled_to_8_bit():
    deep = (np.arange(64, dtype=np.uint16).reshape(8, 8) * 1031).astype(np.uint16)
    data = encode(deep, ".png")
    assert cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED).dtype == np.uint16

    image = decode_image(data, "deep.png")

    assert image.dtype == np.uint8
    np.testing.assert_array_equal(image[:, :, 0], (deep >> 8).astype(np.uint8))
    np.testing.assert_array_equal(image[:, :, 1], image[:, :, 2])


def test_16_bit_colour_png_keeps_colour_order():
    deep = np.zeros((4, 4, 3), np.uint16)
    deep[:] = (0, 0, 65535)  # red, BGR

    image = decode_image(encode(deep, ".png"), "deep.png")

    assert image.dtype == np.uint8
    assert tuple(image[0, 0]) == (255, 0, 0)


def test_rgba_png_is_composited_over_white():
    rgba = np.zeros((8, 8, 4), np.uint8)
    rgba[:, :4] = (255, 0, 0, 0)  # blue, fully transparent
    rgba[:, 4:] = (0, 128, 255, 255)  # orange (BGR), fully opaque

    image = decode_image(encode(rgba, ".png"), "logo.png")

    assert image.shape == (8, 8, 3)
    assert tuple(image[0, 0]) == (255, 255, 255)  # transparent -> white, not blue or black
    assert tuple(image[0, 7]) == (255, 128, 0)  # opaque -> original colour, as RGB


def test_half_transparent_png_is_blended_with_white():
    rgba = np.zeros((4, 4, 4), np.uint8)
    rgba[:] = (0, 0, 0, 128)  # black at ~50%

    image = decode_image(encode(rgba, ".png"), "shadow.png")

    assert np.all(np.abs(image.astype(int) - 127) <= 1)


# --- EXIF orientation ------------------------------------------------------------------------


def test_jpeg_exif_orientation_6_is_applied():
    image = np.zeros((10, 20, 3), np.uint8)  # 20 wide x 10 high
    image[:, :10] = RED_BGR  # left half red
    jpeg = with_exif_orientation(encode(image, ".jpg", [cv2.IMWRITE_JPEG_QUALITY, 95]), 6)

    rgb = decode_image(jpeg, "portrait.jpg")

    assert rgb.shape == (20, 10, 3)  # rotated 90 degrees: now 10 wide x 20 high
    # Rotated clockwise, the left half of the original becomes the top half.
    assert rgb[:8].mean(axis=(0, 1))[0] > 200
    assert rgb[12:].max() < 50


def test_jpeg_exif_orientation_1_keeps_the_shape():
    jpeg = with_exif_orientation(encode(solid(10, 20, RED_BGR), ".jpg"), 1)

    assert decode_image(jpeg, "landscape.jpg").shape == (10, 20, 3)


# --- files that cannot be used ---------------------------------------------------------------


def test_truncated_jpeg_is_refused_as_truncated():
    rng = np.random.default_rng(0)
    noisy = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)  # noise: a long scan to cut
    data = encode(noisy, ".jpg")

    with pytest.raises(ImageError, match="truncated"):
        decode_image(data[: len(data) // 2], "cut.jpg")


def test_jpeg_cut_inside_its_header_is_refused_as_truncated():
    data = encode(solid(8, 8, RED_BGR), ".jpg")

    with pytest.raises(ImageError, match="truncated"):
        decode_image(data[:40], "cut.jpg")


def test_truncated_jpeg_with_an_exif_thumbnail_is_refused_as_truncated():
    # The complete thumbnail inside APP1 has its own start-of-scan and end-of-image markers.
    thumbnail = encode(solid(4, 4, RED_BGR), ".jpg")
    payload = b"Exif\x00\x00" + thumbnail
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    noisy = np.random.default_rng(2).integers(0, 256, (32, 32, 3), dtype=np.uint8)
    main = encode(noisy, ".jpg")
    data = main[:2] + app1 + main[2:]
    assert decode_image(data, "whole.jpg").shape == (32, 32, 3)

    with pytest.raises(ImageError, match="truncated"):
        decode_image(data[: len(data) - len(main) // 3], "cut.jpg")


def test_jpeg_with_data_appended_after_the_image_still_decodes():
    # "Motion photos" append a video after the JPEG; its bytes can contain FF DA (start of scan).
    data = encode(solid(8, 8, RED_BGR), ".jpg") + b"\x00\x00\x00\x18ftypmp42\xff\xda\x00" * 8

    image = decode_image(data, "motion.jpg")

    assert image.shape == (8, 8, 3)
    assert image[4, 4, 0] > 240


def test_empty_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")

    with pytest.raises(ImageError, match="empty"):
        load_image(path)


def test_random_bytes_named_jpg_are_refused():
    junk = np.random.default_rng(1).integers(0, 256, 500, dtype=np.uint8).tobytes()
    junk = b"\x00" + junk  # never a magic number by chance

    with pytest.raises(ImageError, match="not an image"):
        decode_image(junk, "photo.jpg")


def test_gif_is_refused_as_not_supported(tmp_path):
    path = tmp_path / "anim.gif"
    path.write_bytes(b"GIF89a\x08\x00\x08\x00\x80\x00\x00" + b"\x00" * 32)

    with pytest.raises(ImageError, match="GIF.*not supported"):
        load_image(path)


def test_gif_content_is_refused_whatever_the_extension():
    with pytest.raises(ImageError, match="GIF.*not supported"):
        decode_image(b"GIF89a" + b"\x00" * 32, "renamed.jpg")


def test_damaged_png_is_refused_with_image_error():
    data = encode(solid(8, 8, RED_BGR), ".png")
    damaged = data[:20] + b"\x00" * (len(data) - 20)

    with pytest.raises(ImageError):
        decode_image(damaged, "damaged.png")


def test_png_saved_with_jpg_extension_decodes_by_content(tmp_path):
    path = tmp_path / "really_a_png.jpg"
    path.write_bytes(encode(solid(6, 9, RED_BGR), ".png"))

    image = load_image(path)

    assert image.shape == (6, 9, 3)
    assert tuple(image[0, 0]) == (255, 0, 0)


def test_load_image_reads_a_file(tmp_path):
    path = tmp_path / "red.bmp"
    path.write_bytes(encode(solid(5, 7, RED_BGR), ".bmp"))

    image = load_image(str(path))

    assert image.shape == (5, 7, 3)
    assert tuple(image[2, 3]) == (255, 0, 0)


def test_load_image_on_missing_file_raises_image_error(tmp_path):
    with pytest.raises(ImageError, match="cannot read"):
        load_image(tmp_path / "nope.jpg")


def test_load_image_on_a_folder_raises_image_error(tmp_path):
    with pytest.raises(ImageError):
        load_image(tmp_path)


# --- decompression bombs ---------------------------------------------------------------------


def test_png_header_claiming_50000_by_50000_pixels_is_refused():
    data = png_claiming(50_000, 50_000)
    assert len(data) < 200

    with pytest.raises(ImageError):
        decode_image(data, "bomb.png")


def test_max_pixels_guard_holds_when_images_module_loads_opencv():
    # 20,000 x 20,000 = 400 megapixels: above MAX_PIXELS but below OpenCV's own default limit,
    # so only the limit that images.py sets before OpenCV loads refuses it. Run it in a fresh
    # interpreter, importing the app module first as the app does.
    assert MAX_PIXELS < 20_000 * 20_000
    script = (
        "import sys\n"
        "from desktop_app.core.data.images import ImageError, decode_image\n"
        "try:\n"
        "    decode_image(sys.stdin.buffer.read(), 'bomb.png')\n"
        "except ImageError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('decoded')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=png_claiming(20_000, 20_000),
        capture_output=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert result.stdout.decode().strip() == "refused"


# --- recognising files -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0rest", "jpeg"),
        (b"\x89PNG\r\n\x1a\nrest", "png"),
        (b"BM\x00\x00", "bmp"),
        (b"II*\x00rest", "tiff"),
        (b"MM\x00*rest", "tiff"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "webp"),
        (b"GIF87a", "gif"),
        (b"%PDF-1.7", "pdf"),
        (b'  <svg xmlns="http://www.w3.org/2000/svg">', "svg"),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
        (b"hello world", None),
        (b"", None),
    ],
)
def test_sniff_format(head, expected):
    assert sniff_format(head) == expected


def test_looks_like_image_by_extension_or_content():
    png_head = encode(solid(2, 2, RED_BGR), ".png")[:64]

    assert looks_like_image(Path("a.JPG"), b"")
    assert looks_like_image(Path("a.heic"), b"")  # known but unsupported: still an image
    assert looks_like_image(Path("no_extension"), png_head)
    assert not looks_like_image(Path("notes.txt"), b"just some notes")


def test_check_supported_reasons():
    png_head = encode(solid(2, 2, RED_BGR), ".png")[:64]

    assert check_supported(Path("a.png"), png_head) is None
    assert "empty" in str(check_supported(Path("a.png"), b""))
    assert "HEIC" in str(check_supported(Path("a.heic"), b"\x00\x00\x00\x18ftypheic"))
    assert "PDF" in str(check_supported(Path("scan.jpg"), b"%PDF-1.4"))
    assert "not an image" in str(check_supported(Path("a.jpg"), b"\x00garbage"))


def test_small_images_fill_their_thumbnail_with_crisp_pixels(tmp_path: Path) -> None:
    """Issue 15 #17: a 32×32 image is enlarged ×4 (nearest neighbour) for a 128-pixel cell."""
    from desktop_app.core.data.images import load_thumbnail

    rng = np.random.default_rng(0)
    small = rng.integers(0, 256, (32, 24, 3), dtype=np.uint8)
    path = tmp_path / "tiny.png"
    path.write_bytes(encode(small, ".png"))
    thumb = load_thumbnail(path, 128)
    assert thumb.shape == (128, 96, 3)
    rgb = cv2.cvtColor(small, cv2.COLOR_BGR2RGB)
    assert np.array_equal(thumb[::4, ::4], rgb)  # each source pixel is a 4×4 block
    assert np.array_equal(thumb[3::4, 3::4], rgb)
    big = tmp_path / "big.png"
    big.write_bytes(encode(rng.integers(0, 256, (300, 200, 3), dtype=np.uint8), ".png"))
    assert load_thumbnail(big, 128).shape == (128, 85, 3)  # large ones still shrink to fit
    mid = tmp_path / "mid.png"
    mid.write_bytes(encode(rng.integers(0, 256, (100, 80, 3), dtype=np.uint8), ".png"))
    assert load_thumbnail(mid, 128).shape == (100, 80, 3)  # under 2×: left as it is
