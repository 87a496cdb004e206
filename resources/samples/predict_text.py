#!/usr/bin/env python3
"""Classify texts with a text model exported by Classifier Studio.

Needs only: onnxruntime, numpy, tokenizers (pip install onnxruntime numpy tokenizers). The
labels and the tokenizer are inside the .onnx file (metadata `labels` and `tokenizer`).

    python predict_text.py model.onnx texts.txt more.txt [--top-k 3] [--json]  # one text a line
    python predict_text.py model.onnx --text "first text" --text "second text" texts.txt
    python predict_text.py model.onnx "a text"      # an argument that is not a file is a text

Files come as positional arguments, in any order with --text, as with `desktop-app predict`
(`--file texts.txt` works too).
"""

import argparse
import json
import os
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def read_lines(path):
    """The non-empty lines of a UTF-8 file (a BOM is dropped), as `desktop-app predict` reads them."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return [line for line in handle.read().splitlines() if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument(
        "inputs", nargs="*", help="UTF-8 files with one text per line (else: texts)"
    )
    parser.add_argument("--text", action="append", default=[], help="a text (repeatable)")
    parser.add_argument("--file", action="append", default=[], help="a file of texts")
    parser.add_argument("--top-k", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON object per text")
    args = parser.parse_intermixed_args()

    session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    labels = json.loads(meta["labels"])
    threshold = unsure_threshold(meta)
    tokenizer = Tokenizer.from_str(meta["tokenizer"])  # truncation already configured
    texts = list(args.text)
    for name in args.inputs:
        if os.path.isfile(name):
            texts += read_lines(name)
        else:
            texts.append(name)
    for name in args.file:
        texts += read_lines(name)
    if not texts:
        sys.exit('Give files with one text per line, or --text "…".')

    for text in texts:
        ids = tokenizer.encode(text).ids
        input_ids = np.array([ids], dtype=np.int64)
        attention_mask = np.ones_like(input_ids)
        probabilities = session.run(
            ["probabilities"], {"input_ids": input_ids, "attention_mask": attention_mask}
        )[0][0]
        order = np.argsort(-probabilities)[: args.top_k]
        # below the model's threshold the best label is a guess, not an answer
        unsure = threshold is not None and float(probabilities.max()) < threshold
        if args.json:
            print(
                json.dumps(
                    {
                        "text": text,
                        "labels": [labels[i] for i in order],
                        "probabilities": [float(probabilities[i]) for i in order],
                        "unsure": unsure,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            best = ", ".join(f"{labels[i]} {probabilities[i]:.3f}" for i in order)
            print(f"{text}\tunsure ({best})" if unsure else f"{text}\t{best}")


def unsure_threshold(meta):
    """The model's `unsure_threshold` (a probability), or None when it sets none."""
    try:
        value = float(meta.get("unsure_threshold", ""))
    except ValueError:
        return None
    return value if 0.0 <= value <= 1.0 else None


if __name__ == "__main__":
    main()
