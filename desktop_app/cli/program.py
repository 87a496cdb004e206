"""The command line's parser and dispatch (see the package docstring for the commands).

Progress goes to stderr; results to stdout. Errors: one clear line on stderr, exit code 2;
Ctrl+C: one `cancelled` line, exit code 130. Each command drives one workflow (core/workflows).

INT8: `quantize` writes a smaller copy of an exported model (faster on CPUs with 8-bit
dot-product instructions; it prints the speed-up it measured here), calibrated on the train
split of DATA_DIR (the same split `train` used; `--data` may be left out for text models) and
checked against the float model on its held-out split (test, else val), never on training items.
`train --int8` writes `--out` as the INT8 model only (the float one is not kept) and reports
the accuracy of both on the eval split (test when the data has one, else val).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.cli.commands import (
    cmd_bench,
    cmd_calibrate,
    cmd_evaluate,
    cmd_explain,
    cmd_inspect,
    cmd_models,
    cmd_predict,
    cmd_quantize,
    cmd_suggest,
    cmd_train,
)
from desktop_app.cli.reporter import EXIT_BROKEN_PIPE, EXIT_ERROR, cancelled, terminal_safe
from desktop_app.cli.reporter import UsageError as _UsageError

__all__ = ["build_parser", "run"]


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser; with `intermixed` set, options and positionals may come in any
    order (`predict M.onnx --text "…" lines.txt`): plain argparse stops filling `paths` at the
    first option and calls what follows "unrecognized"."""

    intermixed = False
    _in_intermixed = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if not self.intermixed or self._in_intermixed:
            return super().parse_known_args(args, namespace)
        self._in_intermixed = True  # parse_known_intermixed_args calls back into this method
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._in_intermixed = False


def build_parser() -> argparse.ArgumentParser:
    from desktop_app.core.catalog import backbone_help

    parser = argparse.ArgumentParser(
        prog="desktop-app",
        description="Classifier Studio: train image classifiers on your own data, offline. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Classifier Studio {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the window offscreen, train on generated images, export, predict; exit 0 if all works",
    )
    parser.add_argument("--project", help="open this project folder in the window")
    sub = parser.add_subparsers(dest="command", parser_class=_CommandParser)

    p = sub.add_parser("train", help="train a model on images or texts and export it")
    p.add_argument(
        "data_dir",
        help="images: a folder with one sub-folder per class (or train/val/test folders); "
        "text: a CSV/TSV/TXT file, train/dev/test files, or a folder of .txt files per class",
    )
    p.add_argument("--out", required=True, help="the .onnx file to write")
    p.add_argument(
        "--backbone",
        default=None,
        help=backbone_help(),
    )
    p.add_argument("--text-col", help="text data: the text column (header name or 0-based number)")
    p.add_argument(
        "--label-col", help="text data: the label column (header name or 0-based number)"
    )
    p.add_argument(
        "--epochs",
        type=int,
        default=None,
        help="maximum epochs (default: automatic, with early stopping)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--val-fraction",
        type=float,
        default=0.2,
        help="share held out when the data has no val split",
    )
    p.add_argument(
        "--hidden-units",
        type=int,
        default=None,
        help="0: linear head; N: one hidden layer of N units (default: the model's own: "
        "linear for images, 512 units for the pretrained text models)",
    )
    p.add_argument(
        "--word-pieces",
        action="store_true",
        help="texts, pretrained models: one linear model on the sentence vector AND the "
        "TF-IDF of the text's word pieces and their pairs (Automatic tries it by itself)",
    )
    p.add_argument("--learning-rate", type=float, default=None)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument(
        "--device",
        choices=["auto", "cpu", "cuda"],
        default="auto",
        help="where torch trains the head and fine-tunes: auto (default) takes a CUDA GPU when "
        "torch sees one (fine-tuning then in mixed precision)",
    )
    p.add_argument(
        "--int8",
        action="store_true",
        help="write --out as a smaller INT8 model (calibrated on the training images; faster on "
        "CPUs with 8-bit dot-product instructions); "
        "reports the accuracy of both the float and the INT8 model on the held-out split",
    )
    p.add_argument(
        "--fine-tune",
        action="store_true",
        help="best accuracy, slower: after the head, fine-tune the top of the pretrained "
        "backbone on augmented images (Fast and Accurate image models)",
    )
    p.add_argument(
        "--fine-tune-epochs",
        type=int,
        default=None,
        help="maximum fine-tuning epochs, after the head's (default: automatic, with early "
        "stopping); implies --fine-tune",
    )
    p.add_argument(
        "--augment",
        default=None,
        metavar="NAMES",
        help="the fine-tune's augmentations: a comma-separated list of crop, flip, rotate, "
        "colour, or none (default: chosen for the data: flip goes off where mirrored pictures "
        "are recognised worse, e.g. digits or text); implies --fine-tune",
    )
    p.add_argument(
        "--folds",
        type=int,
        default=0,
        help="also cross-validate: K heads on K stratified folds of the train and val items "
        "(mean ± std of accuracy and macro-F1 in the JSON line's `cv`); 0: no (default)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("quantize", help="write a smaller INT8 copy of an exported model")
    p.add_argument("model", help="a float .onnx model exported by this app")
    p.add_argument(
        "--data",
        help="the data the model was trained on: its train split calibrates the INT8 model "
        "(required for image models), its test (else val) split checks it against the float one",
    )
    p.add_argument("--out", required=True, help="the INT8 .onnx file to write")
    _data_options(p)
    p.set_defaults(func=cmd_quantize)

    p = sub.add_parser("evaluate", help="measure a model on a folder's test (else val) split")
    p.add_argument("model")
    p.add_argument("data_dir")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--top",
        type=int,
        default=10,
        help="mistakes listed, the surest first (text output; default 10; --json lists all)",
    )
    _data_options(p)
    _time_limit_option(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("predict", help="classify images (files, folders) or texts")
    p.intermixed = True  # --text "…" before or after the files, as the README shows
    p.add_argument("model")
    p.add_argument(
        "paths", nargs="*", help="images or folders; for text models, files of texts (one per line)"
    )
    p.add_argument("--text", action="append", help="a text to classify (text models; repeatable)")
    p.add_argument("--top-k", type=int, default=3)
    p.add_argument("--csv", help="write the results to this CSV file")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--quiet", action="store_true")
    _time_limit_option(p)
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser(
        "calibrate",
        help="show how sure a model is told to be; --unsure-threshold sets below which "
        "probability it answers 'unsure'",
    )
    p.add_argument("model", help="a .onnx model exported by this app (changed in place)")
    p.add_argument(
        "--unsure-threshold",
        metavar="P",
        help="a probability from 0 to 1 (0.8: answer only when at least 80 %% sure; 0: never "
        "unsure); the model file's metadata is rewritten, nothing else changes",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser(
        "explain", help="show why a model decided: heatmaps for images, word weights for texts"
    )
    p.intermixed = True
    p.add_argument("model")
    p.add_argument(
        "paths", nargs="*", help="images or folders; for text models, files of texts (one per line)"
    )
    p.add_argument("--text", action="append", help="a text to explain (text models; repeatable)")
    p.add_argument(
        "--out", help="write each image with its heatmap drawn over it to this folder (PNG)"
    )
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument(
        "--grid",
        type=int,
        default=32,
        help="--json: cells on the longer side of the heatmap grid (default 32)",
    )
    p.add_argument("--quiet", action="store_true")
    _time_limit_option(p)
    p.set_defaults(func=cmd_explain)

    p = sub.add_parser(
        "inspect",
        help="data health: likely wrong labels, near-duplicates and split leaks, outliers, "
        "class balance, too-small images, each with a suggested fix",
    )
    p.add_argument("data", help="a data folder or file (as for train), or a project folder")
    p.add_argument(
        "--backbone",
        default=None,
        help="whose features are compared (default: the task's default model)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--top", type=int, default=10, help="findings shown per kind (text output)")
    _data_options(p)
    p.set_defaults(func=cmd_inspect)

    p = sub.add_parser(
        "suggest",
        help="label new data by suggestion: a model's label for each unlabelled image (or "
        "text), the least sure first",
    )
    p.add_argument("model", help="a .onnx model exported by this app")
    p.add_argument(
        "inputs",
        nargs="+",
        help="images or folders of images; for text models, files of texts (one per line, or "
        "a CSV's text column)",
    )
    p.add_argument("--csv", help="write the suggestions to this CSV file (least sure first)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("models", help="list the backbones; --build builds the missing ones")
    p.add_argument("--build", action="store_true")
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.set_defaults(func=cmd_models)

    p = sub.add_parser(
        "bench", help="speed as ratios against raw ONNX Runtime and PyTorch (see the README)"
    )
    from desktop_app.bench.run import build_parser as bench_parser

    bench_parser(p)
    p.set_defaults(func=cmd_bench)
    return parser


def _data_options(p: argparse.ArgumentParser) -> None:
    """How to read the data again as `train` read it (and --quiet)."""
    p.add_argument("--seed", type=int, default=0, help="seed of the generated split (as in train)")
    p.add_argument("--val-fraction", type=float, default=0.2)
    p.add_argument("--text-col", help="text data: the text column (as in train)")
    p.add_argument("--label-col", help="text data: the label column (as in train)")
    p.add_argument("--quiet", action="store_true")


def _time_limit_option(p: argparse.ArgumentParser) -> None:
    from desktop_app.core.runtime import RUN_TIME_LIMIT_S

    p.add_argument(
        "--time-limit",
        type=_positive_seconds,
        default=None,
        metavar="SECONDS",
        help="stop the model when one batch takes longer than this "
        f"(default {RUN_TIME_LIMIT_S:g}; a damaged or crafted model may never end)",
    )


def _positive_seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, got {value}")
    return seconds


def _discard_stdout() -> None:
    """Point stdout at the null device, so Python's flush at exit does not fail a second time
    (the recipe in the `signal` module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests capture it)
        pass


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv` and run its command; errors as one `error: …` line (exit 2), Ctrl+C as one
    `cancelled` line (exit 130), a closed stdout quietly (141)."""
    from desktop_app.core.errors import CoreError

    # the same set the window explains (gui/workers.user_message): the engine's errors, by key
    expected = (CoreError, _UsageError, FileNotFoundError, PermissionError)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.self_test:
            from desktop_app.gui.selftest import run_self_test

            return run_self_test()
        if not args.command:
            from desktop_app.gui.app import run_gui

            return run_gui(args.project)
        status = args.func(args)
        sys.stdout.flush()  # a reader that went away shows up here, not as a traceback at exit
        return status
    except BrokenPipeError:  # `desktop-app predict … | head -2`: the reader has all it wants
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except expected as error:
        print(f"error: {terminal_safe(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return cancelled()
