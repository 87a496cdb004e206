"""Classifier Studio: train image and text classifiers on your own data, offline."""

import os

__version__ = "0.1.0"

# ONNX Runtime (1.31) keeps a telemetry device ID in ~/.cache/Microsoft/DeveloperTools unless told
# not to; the app sends nothing anywhere and writes only under its own appdirs folders. Set before
# any part of the app can import onnxruntime (a user's own setting wins).
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
