#!/usr/bin/env python3
"""Classify texts with a text model exported by Classifier Studio.

Needs only: onnxruntime, numpy, tokenizers (pip install onnxruntime numpy tokenizers). The
labels and the tokenizer are inside the .onnx file (metadata `labels` and `tokenizer`).

    python predict_text.py model.onnx "first text" "second text" [--top-k 3] [--json]
    python predict_text.py model.onnx --file texts.txt      # one text per line
"""

import argparse
import json

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("texts", nargs="*")
    parser.add_argument("--file", help="a UTF-8 file with one text per line")
    parser.add_argument("--top-k", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="one JSON object per text")
    args = parser.parse_args()

    session = ort.InferenceSession(args.model, providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    labels = json.loads(meta["labels"])
    tokenizer = Tokenizer.from_str(meta["tokenizer"])  # truncation already configured
    texts = list(args.texts)
    if args.file:
        with open(args.file, encoding="utf-8-sig") as handle:
            texts += [line.rstrip("\n") for line in handle if line.strip()]

    for text in texts:
        ids = tokenizer.encode(text).ids
        input_ids = np.array([ids], dtype=np.int64)
        attention_mask = np.ones_like(input_ids)
        probabilities = session.run(
            ["probabilities"], {"input_ids": input_ids, "attention_mask": attention_mask}
        )[0][0]
        order = np.argsort(-probabilities)[: args.top_k]
        if args.json:
            print(
                json.dumps(
                    {
                        "text": text,
                        "labels": [labels[i] for i in order],
                        "probabilities": [float(probabilities[i]) for i in order],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            best = ", ".join(f"{labels[i]} {probabilities[i]:.3f}" for i in order)
            print(f"{text}\t{best}")


if __name__ == "__main__":
    main()
