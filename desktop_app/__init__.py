"""Classifier Studio: train image and text classifiers on your own data, offline."""

__version__ = "0.1.0"
