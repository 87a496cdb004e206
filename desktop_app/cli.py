"""Command line: the same engine as the window, no Qt. No arguments opens the window.

    desktop-app train DATA_DIR --out MODEL.onnx [--backbone ID] [--epochs N] [--seed S] [--int8]
                      [--device auto|cpu|cuda]
    desktop-app quantize MODEL.onnx --data DATA_DIR --out MODEL-int8.onnx
    desktop-app evaluate MODEL.onnx DATA_DIR --json
    desktop-app predict MODEL.onnx PATH... [--csv OUT.csv] [--top-k K] [--json]
    desktop-app models [--build] [--force]
    desktop-app bench [--quick] [--json OUT]

Progress goes to stderr; results to stdout. Errors: one clear line on stderr, exit code 2.

INT8: `quantize` writes a smaller copy of an exported model (faster on CPUs with 8-bit
dot-product instructions; it prints the speed-up it measured here), calibrated on the train
split of DATA_DIR (the same split `train` used; `--data` may be left out for text models).
`train --int8` writes `--out` as the INT8 model only (the float one is not kept) and reports
the accuracy of both on the eval split (test when the data has one, else val).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from desktop_app import __version__

EXIT_ERROR = 2
EXIT_CANCELLED = 130
EXIT_BROKEN_PIPE = 141  # what a shell reports for a process ended by SIGPIPE (128 + 13)


class _Reporter:
    """Progress on stderr: one rewritten line on a terminal, a line per 10 % otherwise."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._last_decile: dict[str, int] = {}

    def progress(
        self, stage: str, done: int, total: int, eta: float | None, message: str = ""
    ) -> None:
        if self.quiet or total <= 0:
            return
        eta_text = f", about {eta:.0f} s left" if eta is not None and done < total else ""
        line = f"{stage}: {done}/{total}{eta_text}" + (f" ({message})" if message else "")
        if self.tty:
            end = "\n" if done >= total else ""
            print(f"\r\033[K{line}", end=end, file=sys.stderr, flush=True)
            return
        decile = done * 10 // total
        if message or decile != self._last_decile.get(stage) or done >= total:
            self._last_decile[stage] = decile
            print(line, file=sys.stderr, flush=True)

    def line(self, text: str) -> None:
        if not self.quiet:
            if self.tty:
                print("\r\033[K", end="", file=sys.stderr)
            print(text, file=sys.stderr, flush=True)


def _print_skipped(skipped, reporter: _Reporter) -> None:
    for item in skipped:
        reporter.line(f"skipped: {item.path}: {item.reason}")


def cmd_train(args: argparse.Namespace) -> int:
    from desktop_app.core.catalog import default_backbone
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.export import export_model
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import (
        Cancelled,
        CancelToken,
        EpochEnd,
        Finished,
        Message,
        Progress,
    )
    from desktop_app.core.training.loop import train

    start = time.perf_counter()
    reporter = _Reporter(args.quiet)
    out = Path(args.out)
    if out.suffix.lower() != ".onnx":
        raise _UsageError(f"--out must name an .onnx file, got: {out}")
    dataset = scan_data(
        args.data_dir, args.val_fraction, args.seed, _column(args.text_col), _column(args.label_col)
    )
    what = "texts" if dataset.task == "text" else "images"
    reporter.line(
        f"data: {len(dataset)} {what} in {len(dataset.classes)} classes "
        f"(train {len(dataset.indices('train'))}, val {len(dataset.indices('val'))}, "
        f"test {len(dataset.indices('test'))}; split {dataset.split_source})"
    )
    for note in dataset.notes:
        reporter.line(note)
    _print_skipped(dataset.skipped, reporter)  # now: training may still refuse the rest
    from desktop_app.core.data.dataset import duplicate_warnings

    for warning in duplicate_warnings(dataset):
        reporter.line(f"warning: {warning}")
    config = TrainConfig(
        backbone=args.backbone or default_backbone(dataset.task).id,
        max_epochs=args.epochs,
        seed=args.seed,
        val_fraction=args.val_fraction,
        hidden_units=args.hidden_units,
        learning_rate=args.learning_rate,
        batch_size=args.batch_size,
        device=args.device,
    )
    cancel = CancelToken()
    result = None
    try:
        for event in train(config, dataset, cancel):
            if isinstance(event, Progress):
                reporter.progress(event.stage, event.done, event.total, event.eta_s, event.message)
            elif isinstance(event, EpochEnd):
                val = (
                    ""
                    if event.val_loss is None
                    else f" | val loss {event.val_loss:.4f} acc {event.val_accuracy:.3f}"
                )
                reporter.line(
                    f"epoch {event.epoch}/{event.max_epochs}: loss {event.train_loss:.4f} "
                    f"acc {event.train_accuracy:.3f}{val}{' *' if event.improved else ''}"
                )
            elif isinstance(event, Message):
                reporter.line(event.text)
            elif isinstance(event, Cancelled):
                reporter.line("cancelled")
                return EXIT_CANCELLED
            elif isinstance(event, Finished):
                result = event.result
    except KeyboardInterrupt:
        cancel.cancel()
        reporter.line("cancelled")
        return EXIT_CANCELLED
    assert result is not None
    already = set(dataset.skipped)
    _print_skipped([s for s in result.skipped if s not in already], reporter)
    int8_summary = None
    if args.int8:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="classifier-studio-") as tmp:
            report = export_model(result, Path(tmp) / out.name)
            train_items = [dataset.items[i] for i in dataset.indices("train")]
            int8_summary = _quantize_and_report(report.path, out, train_items, reporter)
            if int8_summary is None:
                return EXIT_CANCELLED
        int8_summary.update(_int8_eval(out, result))
    else:
        report = export_model(result, out)
        reporter.line(
            f"exported {report.path} ({report.size_bytes / 1e6:.1f} MB), parity max |diff| {report.parity_max_abs_diff:.1e}"
        )
    val = result.val_metrics
    summary = {
        "accuracy": None if val is None else round(val.accuracy, 6),
        "macro_f1": None if val is None else round(val.macro_f1, 6),
        "n_train": result.n_train,
        "n_val": result.n_val,
        "n_test": result.n_test,
        "skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "seconds": round(time.perf_counter() - start, 3),
        "timings": {**result.timings, "export": round(report.seconds, 3)},
        "backbone": result.backbone_id,
        "device": result.device,
        "classes": list(result.classes),
        "best_epoch": result.best_epoch,
        "epochs_run": result.epochs_run,
        "features_computed": result.features_computed,
        "features_cached": result.features_cached,
        "parity_max_abs_diff": report.parity_max_abs_diff,
        "model": str(out),
    }
    if result.test_metrics is not None:
        summary["test_accuracy"] = round(result.test_metrics.accuracy, 6)
        summary["test_macro_f1"] = round(result.test_metrics.macro_f1, 6)
    if int8_summary is not None:
        summary["int8"] = int8_summary
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _quantize_and_report(
    model: str | Path, out: Path, calibration: Sequence[str], reporter: _Reporter
) -> dict | None:
    """Run `quantize_model` with progress on stderr; the report as JSON-ready dict, or None if
    cancelled."""
    from desktop_app.core.quantize import quantize_model
    from desktop_app.core.training.events import Cancelled, CancelToken, Finished, Progress

    cancel = CancelToken()
    report = None
    try:
        for event in quantize_model(model, out, calibration, cancel):
            if isinstance(event, Progress):
                reporter.progress(event.stage, event.done, event.total, event.eta_s, event.message)
            elif isinstance(event, Cancelled):
                reporter.line("cancelled")
                return None
            elif isinstance(event, Finished):
                report = event.result
    except KeyboardInterrupt:
        cancel.cancel()
        reporter.line("cancelled")
        return None
    assert report is not None
    agreement = (
        ""
        if report.top1_agreement is None
        else f", top-1 agreement with float {report.top1_agreement:.3f} on {report.check_items} "
        f"items, max |diff| {report.max_abs_diff:.3f}"
    )
    speed = (
        ""
        if report.speedup is None
        else f"; {report.speedup:.2f}× the float model's speed on this computer"
    )
    reporter.line(
        f"exported {report.path} as INT8 ({report.size_bytes / 1e6:.1f} MB, float "
        f"{report.float_size_bytes / 1e6:.1f} MB) in {report.seconds:.1f} s{agreement}{speed}"
    )
    return {
        "model": report.path,
        "size_bytes": report.size_bytes,
        "float_size_bytes": report.float_size_bytes,
        "seconds": round(report.seconds, 3),
        "calibration_items": report.calibration_items,
        "check_items": report.check_items,
        "top1_agreement": report.top1_agreement,
        "max_abs_diff": report.max_abs_diff,
        "speedup": None if report.speedup is None else round(report.speedup, 3),
        "method": report.method,
    }


def _int8_eval(model: Path, result) -> dict:
    """The INT8 model's accuracy on the eval split, beside the float model's."""
    import numpy as np

    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.inference import Predictor
    from desktop_app.core.metrics import compute_metrics

    if not result.eval_items:
        return {}
    predictor = Predictor(model)
    labels = list(result.eval_labels)
    if predictor.task == "text":
        predicted = predictor.text_probabilities(list(result.eval_items)).argmax(axis=1)
    else:
        rows: list[int] = []
        keep: list[int] = []
        for i, path in enumerate(result.eval_items):
            try:
                rows.append(int(predictor.probabilities([load_image(path)])[0].argmax()))
                keep.append(i)
            except ImageError:
                continue
        predicted, labels = np.array(rows), [labels[i] for i in keep]
    metrics = compute_metrics(labels, [int(i) for i in predicted], predictor.labels)
    float_metrics = result.eval_metrics
    return {
        "eval_split": result.eval_split,
        "accuracy": round(metrics.accuracy, 6),
        "macro_f1": round(metrics.macro_f1, 6),
        "float_accuracy": None if float_metrics is None else round(float_metrics.accuracy, 6),
    }


def cmd_quantize(args: argparse.Namespace) -> int:
    reporter = _Reporter(args.quiet)
    out = Path(args.out)
    if out.suffix.lower() != ".onnx":
        raise _UsageError(f"--out must name an .onnx file, got: {out}")
    if out.resolve() == Path(args.model).resolve():
        raise _UsageError("--out must not be the model itself: the float model is kept.")
    calibration: list[str] = []
    if args.data:
        from desktop_app.core.data.detect import scan_data

        dataset = scan_data(
            args.data, args.val_fraction, args.seed, _column(args.text_col), _column(args.label_col)
        )
        calibration = [dataset.items[i] for i in dataset.indices("train")]
        reporter.line(f"calibration: {len(calibration)} training items in {args.data}")
    from desktop_app.core.quantize import QuantizeError

    try:
        summary = _quantize_and_report(args.model, out, calibration, reporter)
    except QuantizeError as error:
        if not args.data and "calibrate" in str(error):
            raise _UsageError(
                "Image models need --data: the folder they were trained on."
            ) from error
        raise
    if summary is None:
        return EXIT_CANCELLED
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from concurrent.futures import ThreadPoolExecutor

    import numpy as np

    from desktop_app.core.data.dataset import scan_image_folder
    from desktop_app.core.data.images import ImageError, load_image
    from desktop_app.core.inference import Predictor
    from desktop_app.core.metrics import compute_metrics

    reporter = _Reporter(args.quiet)
    predictor = Predictor(args.model)
    if predictor.task == "text":
        from desktop_app.core.data.text import scan_text

        dataset = scan_text(
            args.data_dir,
            _column(args.text_col),
            _column(args.label_col),
            val_fraction=args.val_fraction,
            seed=args.seed,
        )
    else:
        dataset = scan_image_folder(args.data_dir, val_fraction=args.val_fraction, seed=args.seed)
    split = next((s for s in ("test", "val") if dataset.has_split(s)), None)
    positions = dataset.indices(split) if split else np.arange(len(dataset))
    label_index = {name: i for i, name in enumerate(predictor.labels)}
    skipped = list(dataset.skipped)
    rows: list[tuple[str, int]] = []
    for pos in positions:
        name = dataset.classes[dataset.labels[pos]]
        if name in label_index:
            rows.append((dataset.items[pos], label_index[name]))
        else:
            skipped.append(_skip(dataset.items[pos], f"class '{name}' is unknown to this model"))

    def load(path: str):
        try:
            return load_image(path)
        except ImageError as error:
            return str(error)

    y_true: list[int] = []
    y_pred: list[int] = []
    if predictor.task == "text":
        for start in range(0, len(rows), 1024):
            chunk = rows[start : start + 1024]
            probabilities = predictor.text_probabilities([text for text, _ in chunk])
            y_true.extend(label for _, label in chunk)
            y_pred.extend(int(i) for i in probabilities.argmax(axis=1))
            reporter.progress("evaluate", min(start + 1024, len(rows)), len(rows), None)
        rows = []
    with ThreadPoolExecutor(max_workers=4) as pool:
        for start in range(0, len(rows), 32):
            chunk = rows[start : start + 32]
            loaded = list(pool.map(load, [p for p, _ in chunk]))
            good = [
                (row, img)
                for row, img in zip(chunk, loaded, strict=True)
                if not isinstance(img, str)
            ]
            for (path, _), img in zip(chunk, loaded, strict=True):
                if isinstance(img, str):
                    skipped.append(_skip(path, img))
            if good:
                probabilities = predictor.probabilities([img for _, img in good])
                y_true.extend(label for (_, label), _ in good)
                y_pred.extend(int(i) for i in probabilities.argmax(axis=1))
            reporter.progress("evaluate", min(start + 32, len(rows)), len(rows), None)
    if not y_true:
        raise _UsageError(f"Nothing of the model's classes to evaluate in {args.data_dir}.")
    metrics = compute_metrics(y_true, y_pred, predictor.labels)
    _print_skipped(skipped, reporter)
    out = metrics.to_json()
    out.update(
        {
            "split": split or "all",
            "classes": list(predictor.labels),
            "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
            "model": str(args.model),
        }
    )
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(
            f"{split or 'all'} split: accuracy {metrics.accuracy:.4f}, macro-F1 {metrics.macro_f1:.4f}, n {metrics.n}"
        )
        for c in metrics.per_class:
            print(
                f"  {c.name:<24} precision {c.precision:.3f}  recall {c.recall:.3f}  f1 {c.f1:.3f}  n {c.support}"
            )
    return 0


def _skip(path: str, reason: str):
    from desktop_app.core.data.dataset import Skipped

    return Skipped(path, reason)


def cmd_predict(args: argparse.Namespace) -> int:
    from desktop_app.core.inference import Predictor, expand_paths

    reporter = _Reporter(args.quiet)
    predictor = Predictor(args.model)
    if predictor.task == "text":
        return _predict_texts(predictor, args, reporter)
    if args.text:
        raise _UsageError(f"{args.model} classifies images; --text is for text models.")
    if not args.paths:
        raise _UsageError("Give image files or folders to classify.")
    paths = expand_paths(args.paths)
    if not paths:
        raise _UsageError("No images to classify in the given paths.")
    results = []
    for i, result in enumerate(predictor.predict_paths(paths, args.top_k), start=1):
        results.append(result)
        if result.error:
            reporter.line(f"skipped: {result.path}: {result.error}")
        elif not args.csv and not args.json:
            pred = result.prediction
            alternatives = ", ".join(
                f"{name} {p:.3f}" for name, p in zip(pred.labels, pred.probabilities, strict=True)
            )
            print(
                f"{result.path}\t{pred.label}\t{pred.probabilities[0]:.4f}\t[{alternatives}]\t{pred.latency_ms:.1f} ms"
            )
        elif args.json:
            pred = result.prediction
            print(
                json.dumps(
                    {
                        "path": result.path,
                        "labels": pred.labels,
                        "probabilities": pred.probabilities,
                        "latency_ms": round(pred.latency_ms, 3),
                    },
                    ensure_ascii=False,
                )
            )
        reporter.progress("predict", i, len(paths), None)
    if args.csv:
        _write_csv(Path(args.csv), results, args.top_k)
        reporter.line(f"wrote {args.csv}")
    return 0 if any(r.prediction for r in results) else EXIT_ERROR


def _predict_texts(predictor, args: argparse.Namespace, reporter: _Reporter) -> int:
    """Texts from --text and from files (one text per line); the same output forms as images."""
    from desktop_app.core.inference import PathPrediction

    texts: list[str] = list(args.text or [])
    for name in args.paths or []:
        try:
            lines = Path(name).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        except OSError as error:
            reporter.line(f"skipped: {name}: {error.strerror or error}")
            continue
        texts.extend(line for line in lines if line.strip())
    if not texts:
        raise _UsageError('Give --text "…" or files with one text per line.')
    start = time.perf_counter()
    probabilities = predictor.text_probabilities(texts)
    latency = (time.perf_counter() - start) * 1000 / len(texts)
    results = [
        PathPrediction(text, predictor.top_k(p, args.top_k, latency))
        for text, p in zip(texts, probabilities, strict=True)
    ]
    for result in results:
        pred = result.prediction
        if args.json:
            print(
                json.dumps(
                    {
                        "text": result.path,
                        "labels": pred.labels,
                        "probabilities": pred.probabilities,
                        "latency_ms": round(pred.latency_ms, 3),
                    },
                    ensure_ascii=False,
                )
            )
        elif not args.csv:
            alternatives = ", ".join(
                f"{name} {p:.3f}" for name, p in zip(pred.labels, pred.probabilities, strict=True)
            )
            print(f"{result.path}\t{pred.label}\t{pred.probabilities[0]:.4f}\t[{alternatives}]")
    if args.csv:
        _write_csv(Path(args.csv), results, args.top_k)
        reporter.line(f"wrote {args.csv}")
    return 0


def _column(value: str | None) -> int | str | None:
    """--text-col / --label-col: a header name, or a 0-based column number."""
    if value is None:
        return None
    return int(value) if value.isdigit() else value


def _write_csv(path: Path, results, k: int) -> None:
    import io

    from desktop_app.core.fileio import atomic_write_bytes

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = ["path", "label", "probability"]
    for i in range(2, k + 1):
        header += [f"label_{i}", f"probability_{i}"]
    writer.writerow([*header, "latency_ms", "error"])
    for r in results:
        if r.prediction is None:
            writer.writerow([r.path] + [""] * (len(header) - 1) + ["", r.error])
            continue
        cells = [r.path]
        for label, prob in zip(r.prediction.labels, r.prediction.probabilities, strict=True):
            cells += [label, f"{prob:.6f}"]
        cells += [""] * (len(header) - len(cells))
        writer.writerow([*cells, f"{r.prediction.latency_ms:.3f}", ""])
    atomic_write_bytes(path, buffer.getvalue().encode("utf-8"))


def cmd_models(args: argparse.Namespace) -> int:
    from desktop_app.core.backbones import build_all, build_info, is_built
    from desktop_app.core.catalog import load_catalog

    if args.build:
        build_all(force=args.force, log=lambda text: print(text, file=sys.stderr))
    for b in load_catalog():
        info = build_info(b) or {}
        state = "built" if is_built(b) else "not built (run: desktop-app models --build)"
        diff = info.get("max_abs_diff")
        diff_text = f", ONNX vs PyTorch {diff:.1e}" if isinstance(diff, float) else ""
        default = " [default]" if b.default else ""
        size = f"{b.max_length} tokens" if b.task == "text" else f"{b.input_size}px"
        print(
            f"{b.id:<20} {b.task:<6} {b.title + default:<28} {size} -> {b.embedding_size}-d  {state}{diff_text}"
        )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop_app.bench.run import run

    return run(args)


class _UsageError(ValueError):
    pass


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="command")

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
        help="see `desktop-app models` (default: efficientnet-lite0 for images, minilm-l6 for text)",
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
        "--hidden-units", type=int, default=0, help="0: linear head (default); N: one hidden layer"
    )
    p.add_argument("--learning-rate", type=float, default=None)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument(
        "--device",
        choices=["auto", "cpu", "cuda"],
        default="auto",
        help="where torch trains the head: auto (default) takes a CUDA GPU when torch sees one",
    )
    p.add_argument(
        "--int8",
        action="store_true",
        help="write --out as a smaller INT8 model (calibrated on the training images; faster on "
        "CPUs with 8-bit dot-product instructions); "
        "reports the accuracy of both the float and the INT8 model",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("quantize", help="write a smaller INT8 copy of an exported model")
    p.add_argument("model", help="a float .onnx model exported by this app")
    p.add_argument(
        "--data",
        help="the data the model was trained on: its train split calibrates the INT8 model "
        "(required for image models)",
    )
    p.add_argument("--out", required=True, help="the INT8 .onnx file to write")
    p.add_argument("--seed", type=int, default=0, help="seed of the generated split (as in train)")
    p.add_argument("--val-fraction", type=float, default=0.2)
    p.add_argument("--text-col", help="text data: the text column (as in train)")
    p.add_argument("--label-col", help="text data: the label column (as in train)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_quantize)

    p = sub.add_parser("evaluate", help="measure a model on a folder's test (else val) split")
    p.add_argument("model")
    p.add_argument("data_dir")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--seed", type=int, default=0, help="seed of the generated split (as in train)")
    p.add_argument("--val-fraction", type=float, default=0.2)
    p.add_argument("--text-col", help="text data: the text column (as in train)")
    p.add_argument("--label-col", help="text data: the label column (as in train)")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("predict", help="classify images (files, folders) or texts")
    p.add_argument("model")
    p.add_argument(
        "paths", nargs="*", help="images or folders; for text models, files of texts (one per line)"
    )
    p.add_argument("--text", action="append", help="a text to classify (text models; repeatable)")
    p.add_argument("--top-k", type=int, default=3)
    p.add_argument("--csv", help="write the results to this CSV file")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_predict)

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


def _discard_stdout() -> None:
    """Point stdout at the null device, so Python's flush at exit does not fail a second time
    (the recipe in the `signal` module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests capture it)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from desktop_app.gui.selftest import run_self_test

        return run_self_test()
    if not args.command:
        from desktop_app.gui.app import run_gui

        return run_gui(args.project)
    from desktop_app.core.errors import CoreError

    # the same set the window explains (gui/workers.user_message): the engine's errors, by key
    expected = (CoreError, _UsageError, FileNotFoundError, PermissionError)
    try:
        status = args.func(args)
        sys.stdout.flush()  # a reader that went away shows up here, not as a traceback at exit
        return status
    except BrokenPipeError:  # `desktop-app predict … | head -2`: the reader has all it wants
        _discard_stdout()
        return EXIT_BROKEN_PIPE
    except expected as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return EXIT_CANCELLED
