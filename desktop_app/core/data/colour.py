"""Colour profiles: every decoded image is sRGB, whatever profile its file embeds.

A photo saved in Adobe RGB (or Display P3, ProPhoto…) stores other numbers for the same colour
than an sRGB one. OpenCV ignores the embedded ICC profile; browsers, Pillow-with-ImageCms and
photo viewers honour it. So the app converts: pixels from a file with an embedded RGB profile
that is not sRGB are transformed to sRGB with LittleCMS (Pillow's ImageCms), in training, in the
window, in the exported model's stated input contract and in predict.py. Files without a profile
(most) are taken as sRGB, as browsers do; grey and CMYK profiles are left alone (OpenCV already
turned CMYK into RGB). `DECODE_VERSION` is part of the feature cache's name, so features of
images decoded the old way are never reused.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

# 1: OpenCV's pixels as stored; 2: embedded non-sRGB RGB profiles converted to sRGB.
DECODE_VERSION = 2
CONTRACT = (
    "sRGB: pixels of files that embed another RGB colour profile (ICC) are converted to sRGB "
    "(relative colorimetric); files without a profile are taken as sRGB"
)
_transforms: dict[str, Any] = {}  # profile hash → ImageCms transform, or None (nothing to do)
_lock = threading.Lock()


# Where the formats keep a profile: JPEG APP2 "ICC_PROFILE", PNG "iCCP", WebP "ICCP" chunks, all
# before the pixels; TIFF's tag can be anywhere, so TIFF always asks Pillow.
_MARKERS = (b"ICC_PROFILE", b"iCCP", b"ICCP")
_TIFF = (b"II*\0", b"MM\0*")
_HEAD = 1 << 18


def embedded_profile(data: bytes) -> bytes | None:
    """The ICC profile a JPEG, PNG, WebP or TIFF file embeds (header only), or None."""
    head = data[:_HEAD]
    if not head.startswith(_TIFF) and not any(marker in head for marker in _MARKERS):
        return None  # most files: no profile, and no Pillow needed at all
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            profile = image.info.get("icc_profile")
    except Exception:  # noqa: BLE001 - no profile we can read: the pixels stay as decoded
        return None
    return bytes(profile) if profile else None


def _transform(profile: bytes) -> Any:
    key = hashlib.blake2b(profile, digest_size=16).hexdigest()
    with _lock:
        if key in _transforms:
            return _transforms[key]
    from PIL import ImageCms

    transform = None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        space = source.profile.xcolor_space.strip()
        description = (ImageCms.getProfileDescription(source) or "").lower()
        if space == "RGB" and "srgb" not in description:
            transform = ImageCms.buildTransform(
                source,
                ImageCms.createProfile("sRGB"),
                "RGB",
                "RGB",
                renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            )
    except (OSError, ImageCms.PyCMSError, AttributeError, ValueError) as error:
        log.info("colour profile not used (%s): pixels kept as decoded", error)
    with _lock:
        _transforms[key] = transform
    return transform


def to_srgb(rgb: np.ndarray, data: bytes) -> np.ndarray:
    """`rgb` (uint8 H×W×3, decoded from `data`) in sRGB: converted if the file says otherwise."""
    profile = embedded_profile(data)
    if profile is None:
        return rgb
    transform = _transform(profile)
    if transform is None:
        return rgb
    from PIL import Image, ImageCms

    converted = ImageCms.applyTransform(
        Image.fromarray(np.ascontiguousarray(rgb), "RGB"), transform
    )
    return np.asarray(converted, dtype=np.uint8)
