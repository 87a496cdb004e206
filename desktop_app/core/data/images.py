"""Image files: recognise them, decode them safely with OpenCV, and say clearly why one fails.

Every image the app sees (training features, evaluation, prediction) is decoded here, so the
pixels that reach the model's in-graph preprocessing are the same everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

# A decompression bomb (a header claiming 50,000 x 50,000 pixels) must be refused before OpenCV
# allocates it. 178 megapixels is twice Pillow's warning limit: any real photo fits.
MAX_PIXELS = 178_956_970
os.environ.setdefault("OPENCV_IO_MAX_IMAGE_PIXELS", str(MAX_PIXELS))

import cv2  # noqa: E402  (the limit above must be set before OpenCV is loaded)
import numpy as np  # noqa: E402

from desktop_app.core.data.colour import to_srgb  # noqa: E402
from desktop_app.core.errors import CoreError, Phrase  # noqa: E402
from desktop_app.core.fileio import UserFileError, read_user_file  # noqa: E402

cv2.setNumThreads(1)  # decoding is parallelised by our own pool; nested pools only fight

SUPPORTED_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".bmp", ".dib", ".webp", ".tif", ".tiff"}
)
# Extensions of image formats we recognise but do not train on: reported, not silently dropped.
UNSUPPORTED_IMAGE_EXTENSIONS = frozenset(
    {".gif", ".svg", ".heic", ".heif", ".avif", ".ico", ".psd", ".raw", ".cr2", ".nef", ".dng"}
)
MAX_FILE_BYTES = 256 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"%PDF", "pdf"),
)
_SUPPORTED_FORMATS = frozenset({"jpeg", "png", "bmp", "tiff", "webp"})


class ImageError(CoreError, ValueError):
    """An image file that cannot be used; the message is the user-facing reason."""


def sniff_format(head: bytes) -> str | None:
    """The image format that the first bytes of a file announce, or None."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    stripped = head.lstrip()
    if stripped.startswith(b"<svg") or (stripped.startswith(b"<?xml") and b"<svg" in head):
        return "svg"
    return None


def looks_like_image(path: Path, head: bytes) -> bool:
    """True for files a user meant as images (by extension or content); junk is everything else."""
    suffix = path.suffix.lower()
    if suffix in SUPPORTED_EXTENSIONS or suffix in UNSUPPORTED_IMAGE_EXTENSIONS:
        return True
    return sniff_format(head) is not None


def check_supported(path: Path, head: bytes) -> Phrase | None:
    """A reason why this image-looking file cannot be used, or None if it may decode.

    `head` may be just the first bytes of the file: the pixel count is checked when the size
    is in them (PNG, BMP, GIF, WebP; a JPEG's size may come later, `decode_image` checks it).
    """
    fmt = sniff_format(head)
    if not head:
        return Phrase("image.empty_file")
    if fmt is None:
        suffix = path.suffix.lower()
        if suffix in UNSUPPORTED_IMAGE_EXTENSIONS:
            return Phrase("image.unsupported_format", (suffix[1:].upper(),))
        return Phrase("image.unrecognised")
    if fmt not in _SUPPORTED_FORMATS:
        return Phrase("image.unsupported_format", (fmt.upper(),))
    return check_pixels(image_size(head))


def check_pixels(size: tuple[int, int] | None) -> Phrase | None:
    """The reason a (width, height) from a header is refused before decoding, or None."""
    if size is None:
        return None
    width, height = size
    if width * height > MAX_PIXELS:
        return Phrase("image.too_many_pixels", (width, height, MAX_PIXELS // 1_000_000))
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) as the header claims it, read without decoding; None when unknown.

    This is what refuses a decompression bomb before any pixel memory is allocated, whatever
    OpenCV's own limit (`OPENCV_IO_MAX_IMAGE_PIXELS`) happens to be in this process.
    """
    fmt = sniff_format(data[:64])
    if fmt == "png" and len(data) >= 24 and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if fmt == "bmp" and len(data) >= 26:
        width = int.from_bytes(data[18:22], "little", signed=True)
        height = int.from_bytes(data[22:26], "little", signed=True)
        return abs(width), abs(height)
    if fmt == "gif" and len(data) >= 10:
        return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    if fmt == "webp" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(
                data[27:30], "little"
            )
        if chunk == b"VP8 ":
            width = int.from_bytes(data[26:28], "little") & 0x3FFF
            return width, int.from_bytes(data[28:30], "little") & 0x3FFF
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if fmt == "jpeg":
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The size in the first start-of-frame marker, found by walking the header segments."""
    pos = 2
    while pos + 9 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
        elif 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[pos + 5 : pos + 7], "big")
            return int.from_bytes(data[pos + 7 : pos + 9], "big"), height
        elif marker == 0xDA:
            return None
        elif marker == 0x01 or 0xD0 <= marker <= 0xD8:
            pos += 2
        else:
            pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return None


def _jpeg_is_truncated(data: bytes) -> bool:
    """A JPEG cut short: no end-of-image marker after the start of its first scan.

    The header segments are skipped by their lengths, so neither an EXIF thumbnail (inside APP1)
    nor data appended after the image (the video of a "motion photo") can fool the check.
    """
    pos = 2  # after SOI
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False  # not a marker: a damaged header, let the decoder judge it
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
        elif marker == 0xDA:  # start of the first scan: entropy-coded data cannot hold FFD9
            return data.find(b"\xff\xd9", pos) < 0
        elif marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            pos += 2
        else:
            pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return True  # the file ends inside the header


def decode_image(data: bytes, name: str = "image") -> np.ndarray:
    """Decode encoded bytes to an RGB uint8 array (H, W, 3), the input contract of every model.

    JPEG: EXIF orientation applied, CMYK converted. Others: grey expanded to RGB, alpha composited
    over white, 16-bit scaled to 8-bit. An embedded non-sRGB colour profile is converted to sRGB
    (core/data/colour.py). Raises ImageError with the reason a person can act on.
    """
    fmt = sniff_format(data[:64])
    reason = check_supported(Path(name), data[:64])
    if reason:
        raise ImageError(reason)
    if len(data) > MAX_FILE_BYTES:
        raise ImageError("image.too_large", len(data) // 2**20, MAX_FILE_BYTES // 2**20)
    reason = check_pixels(image_size(data))
    if reason:
        raise ImageError(reason)
    buffer = np.frombuffer(data, dtype=np.uint8)
    if fmt == "jpeg":
        if _jpeg_is_truncated(data):
            raise ImageError("image.truncated_jpeg")
        flags = cv2.IMREAD_COLOR  # applies EXIF orientation
    else:
        flags = cv2.IMREAD_UNCHANGED
    try:
        image = cv2.imdecode(buffer, flags)
        if image is None or image.size == 0:
            raise ImageError("image.cannot_decode", fmt.upper())
        return to_srgb(_to_rgb8(image), data)
    except cv2.error as error:  # e.g. a header claiming more than OPENCV_IO_MAX_IMAGE_PIXELS
        raise ImageError("image.cannot_decode", fmt.upper()) from error
    except MemoryError as error:
        raise ImageError("image.out_of_memory") from error


def _to_rgb8(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype in (np.float32, np.float64):
        image = np.clip(image * 255.0, 0, 255).astype(np.uint8)
    elif image.dtype != np.uint8:
        raise ImageError("image.pixel_type", image.dtype)
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    channels = image.shape[2]
    if channels == 1:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    if channels == 3:
        return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
    if channels == 4:
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        rgb = image[:, :, 2::-1].astype(np.float32)
        return (rgb * alpha + 255.0 * (1.0 - alpha) + 0.5).astype(np.uint8)
    raise ImageError("image.channels", channels)


def load_image(path: str | os.PathLike[str]) -> np.ndarray:
    """Read and decode one file; ImageError names the reason (never the traceback)."""
    path = Path(path)
    try:  # a pipe or a device is refused before reading (it would hang, or never end)
        data = read_user_file(path, MAX_FILE_BYTES)
    except UserFileError as error:
        reason = error.phrase  # not a regular file, or over the size cap
        raise ImageError(reason) from error
    except OSError as error:
        raise ImageError("image.cannot_read_file", error.strerror or error) from error
    return decode_image(data, path.name)


_REDUCED_FLAGS = (
    (8, cv2.IMREAD_REDUCED_COLOR_8),
    (4, cv2.IMREAD_REDUCED_COLOR_4),
    (2, cv2.IMREAD_REDUCED_COLOR_2),
)


def load_thumbnail(path: str | os.PathLike[str], max_side: int = 160) -> np.ndarray:
    """A small RGB uint8 preview that fits in `max_side` × `max_side`.

    Images much smaller than that (icons, 32×32 datasets) are enlarged by a whole factor with
    nearest-neighbour sampling, so they fill their grid cell with crisp pixels instead of
    sitting as a dot in its middle.

    Large JPEGs are decoded at 1/8, 1/4 or 1/2 size straight from the DCT (much faster than a
    full decode); everything else goes through `load_image`. Raises ImageError like it.
    """
    path = Path(path)
    try:
        data = read_user_file(path, MAX_FILE_BYTES)
    except UserFileError as error:
        reason = error.phrase  # not a regular file, or over the size cap
        raise ImageError(reason) from error
    except OSError as error:
        raise ImageError("image.cannot_read_file", error.strerror or error) from error
    image = None
    if sniff_format(data[:64]) == "jpeg" and not check_supported(path, data[:64]):
        buffer = np.frombuffer(data, dtype=np.uint8)
        for _factor, flag in _REDUCED_FLAGS:
            try:
                reduced = cv2.imdecode(buffer, flag)
            except cv2.error:
                reduced = None
            if reduced is not None and min(reduced.shape[:2]) >= max_side:
                image = to_srgb(cv2.cvtColor(reduced, cv2.COLOR_BGR2RGB), data)
                break
    if image is None:
        image = decode_image(data, path.name)
    height, width = image.shape[:2]
    scale = max_side / max(height, width)
    if scale < 1:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = cv2.resize(image, size, interpolation=cv2.INTER_AREA)
    elif int(scale) >= 2:
        factor = int(scale)
        image = cv2.resize(
            image, (width * factor, height * factor), interpolation=cv2.INTER_NEAREST
        )
    return np.ascontiguousarray(image)
