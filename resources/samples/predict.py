#!/usr/bin/env python3
"""Classify images with a model exported by Classifier Studio.

Needs only: onnxruntime, numpy, opencv-python-headless (pip install onnxruntime numpy
opencv-python-headless). Everything else (labels, preprocessing) is inside the .onnx file.
Photos that embed a colour profile other than sRGB (e.g. Adobe RGB) are converted to sRGB as the
app does when Pillow is installed too (pip install pillow); without it they are read as stored
and a note says so.

    python predict.py model.onnx photo1.jpg photo2.png [--top-k 3] [--json]
"""

import argparse
import json
import sys

import cv2
import numpy as np
import onnxruntime as ort


def to_srgb(rgb, path):
    """The model's `colour` contract: an embedded non-sRGB RGB profile is converted to sRGB."""
    try:
        import io

        from PIL import Image, ImageCms
    except ImportError:
        Image = None
    if Image is None:
        with open(path, "rb") as handle:
            if b"ICC_PROFILE" in handle.read(1 << 16):
                print(f"note: {path} embeds a colour profile; pip install pillow to honour it",
                      file=sys.stderr)
        return rgb
    try:
        with Image.open(path) as image:
            profile = image.info.get("icc_profile")
        if not profile:
            return rgb
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        description = (ImageCms.getProfileDescription(source) or "").lower()
        if source.profile.xcolor_space.strip() != "RGB" or "srgb" in description:
            return rgb
        transform = ImageCms.buildTransform(
            source, ImageCms.createProfile("sRGB"), "RGB", "RGB",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        )
        converted = ImageCms.applyTransform(Image.fromarray(np.ascontiguousarray(rgb)), transform)
        return np.asarray(converted, dtype=np.uint8)
    except (OSError, ValueError, ImageCms.PyCMSError):
        return rgb


def decode(path):
    """RGB uint8 (H, W, 3), decoded the way the app does it (see the model's `input` metadata)."""
    return to_srgb(decode_stored(path), path)


def decode_stored(path):
    """The pixels as the file stores them (OpenCV)."""
    data = np.fromfile(path, dtype=np.uint8)
    is_jpeg = data[:3].tobytes() == b"\xff\xd8\xff"
    # JPEG: colour decode applies EXIF orientation. Others: keep alpha and depth, convert below.
    image = cv2.imdecode(data, cv2.IMREAD_COLOR if is_jpeg else cv2.IMREAD_UNCHANGED)
    if image is None:
        raise ValueError(f"cannot decode {path}")
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    if image.ndim == 2 or image.shape[2] == 1:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    if image.shape[2] == 4:  # composite over white
        alpha = image[:, :, 3:4].astype(np.float32) / 255.0
        rgb = image[:, :, 2::-1].astype(np.float32)
        return (rgb * alpha + 255.0 * (1.0 - alpha) + 0.5).astype(np.uint8)
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("images", nargs="+")
    parser.add_argument("--top-k", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print every probability as JSON lines")
    args = parser.parse_args()

    session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    labels = json.loads(meta["labels"])
    threshold = unsure_threshold(meta)
    input_name = session.get_inputs()[0].name
    for path in args.images:
        try:
            image = decode(path)
        except ValueError as error:
            print(f"skipped: {error}", file=sys.stderr)
            continue
        probabilities = session.run(["probabilities"], {input_name: image[None]})[0][0]
        unsure = threshold is not None and float(probabilities.max()) < threshold
        if args.json:
            row = {"path": path, "probabilities": probabilities.tolist(), "unsure": unsure}
            print(json.dumps(row))
            continue
        best = np.argsort(-probabilities)[: args.top_k]
        ranked = ", ".join(f"{labels[i]} {probabilities[i]:.3f}" for i in best)
        # below the model's threshold the best label is a guess, not an answer
        print(f"{path}: unsure ({ranked})" if unsure else f"{path}: {ranked}")


def unsure_threshold(meta):
    """The model's `unsure_threshold` (a probability), or None when it sets none."""
    try:
        value = float(meta.get("unsure_threshold", ""))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


if __name__ == "__main__":
    main()
