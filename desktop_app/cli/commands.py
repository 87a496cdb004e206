"""One function per command: arguments → a workflow (core/workflows) → printing."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop_app.cli.reporter import (
    EXIT_CANCELLED,
    EXIT_ERROR,
    Reporter,
    UsageError,
    json_line,
    terminal_safe,
)
from desktop_app.core.training.events import CancelToken
from desktop_app.core.workflows.importing import ReadOptions


def read_options(args: argparse.Namespace) -> ReadOptions:
    """--val-fraction, --seed, --text-col, --label-col (a header name or a 0-based number)."""

    def column(value: str | None) -> int | str | None:
        if value is None:
            return None
        return int(value) if value.isdigit() else value

    return ReadOptions(args.val_fraction, args.seed, column(args.text_col), column(args.label_col))


def _onnx_out(value: str) -> Path:
    out = Path(value)
    if out.suffix.lower() != ".onnx":
        raise UsageError(f"--out must name an .onnx file, got: {out}")
    return out


def _metrics_json(metrics: Any) -> dict:
    return {"accuracy": round(metrics.accuracy, 6), "macro_f1": round(metrics.macro_f1, 6)}


def cmd_train(args: argparse.Namespace) -> int:
    from desktop_app.core.catalog import AUTO, default_choice, recommend_backbone
    from desktop_app.core.language import LANGUAGE_NAMES
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.distributed import launched
    from desktop_app.core.workflows.auto_choice import automatic_candidates, candidates_for_language
    from desktop_app.core.workflows.importing import import_data
    from desktop_app.core.workflows.train_export import train_and_export

    start = time.perf_counter()
    launch = launched()  # under torchrun: this process's rank; rank 0 alone speaks and writes
    fine_tune = args.fine_tune or args.fine_tune_epochs is not None
    if launch is not None and not fine_tune:
        raise UsageError(
            "torchrun runs a fine-tune (--fine-tune) in several processes; "
            "without it, training takes one process: run it without torchrun"
        )
    reporter = Reporter(args.quiet or (launch is not None and launch.rank != 0))
    out = _onnx_out(args.out)
    augmentations = None
    if getattr(args, "augment", None) is not None:
        from desktop_app.core.training.augment import parse_augmentations

        augmentations = parse_augmentations(args.augment)  # a clear error before any work
    if fine_tune and getattr(args, "word_pieces", False):  # before any work
        raise UsageError(
            "--word-pieces and --fine-tune do not go together: a fine-tune teaches the sentence "
            "vector's classifier, not the word pieces"
        )
    folds = getattr(args, "folds", 0) or 0
    if folds == 1 or folds < 0:
        raise UsageError(f"--folds must be 2 or more (0: no cross-validation), got {folds}")
    cancel = CancelToken()
    imported = reporter.run(import_data(args.data_dir, cancel, read_options(args)))
    if imported is None:
        return EXIT_CANCELLED
    dataset = imported.dataset
    reporter.line(imported.summary())
    for note in imported.notes:
        reporter.line(note)
    reporter.skipped(imported.skipped)  # now: training may still refuse the rest
    for warning in imported.warnings:
        reporter.line(f"warning: {warning}")
    backbone = args.backbone
    if backbone is None:  # chosen for the data: the texts' language picks the text model
        chosen = recommend_backbone(dataset.task, dataset.items)
        backbone = default_choice(dataset.task) or chosen.backbone.id
        if chosen.language is not None:
            language = LANGUAGE_NAMES.get(chosen.language.code, chosen.language.code)
            tried = ""
            if backbone == AUTO:  # the automatic choice: what it tries for this language
                fitting, _ = candidates_for_language(
                    automatic_candidates(dataset.task), dataset.items
                )
                tried = f", tries {', '.join(b.id for b in fitting)}"
            reporter.line(
                f"backbone: {backbone} (the texts look {language}{tried}; --backbone to choose)"
            )
    config = TrainConfig(
        backbone=backbone,
        max_epochs=args.epochs,
        seed=args.seed,
        val_fraction=args.val_fraction,
        hidden_units=args.hidden_units,
        word_pieces=bool(getattr(args, "word_pieces", False)),
        learning_rate=args.learning_rate,
        batch_size=args.batch_size,
        device=args.device,
        fine_tune=fine_tune or augmentations is not None,
        fine_tune_epochs=args.fine_tune_epochs,
        augmentations=augmentations,
    )
    # the estimate's probe is a short fine-tune of its own: one process says it, not each rank
    estimate = (
        _say_estimate(config, dataset, cancel, reporter)
        if config.fine_tune and launch is None
        else True
    )
    if estimate is False:
        return EXIT_CANCELLED
    done = reporter.run(
        train_and_export(config, dataset, out, cancel, int8=args.int8, launch=launch)
    )
    if done is None:
        return EXIT_CANCELLED
    if not done.written:  # another torchrun process than rank 0: its share is done
        return 0
    result, report = done.result, done.export
    already = set(dataset.skipped)
    reporter.skipped([s for s in result.skipped if s not in already])
    if done.int8 is None:
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
        "word_pieces": bool(result.config.word_pieces),
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
    if result.calibration is not None:
        summary.update(_calibration_summary(result.calibration))
    if result.auto_choice:
        summary["auto_choice"] = result.auto_choice
    if folds:
        # "auto": the one chosen (with its word pieces or not)
        cv_config = replace(
            config, backbone=result.backbone_id, word_pieces=result.config.word_pieces
        )
        cv = _cross_validate(cv_config, dataset, folds, cancel, reporter)
        if cv is None:
            return EXIT_CANCELLED
        summary["cv"] = cv
    if result.fine_tune:
        summary["fine_tune"] = result.fine_tune
        if estimate is not True:  # what was said before the start, beside what it took
            summary["fine_tune_estimate"] = estimate.to_json()
    if done.int8 is not None:
        summary["int8"] = _int8_summary(done.int8, reporter)
        evaluation, float_metrics = done.int8_evaluation, result.eval_metrics
        if evaluation is not None and evaluation.metrics is not None:
            summary["int8"].update(
                {
                    "eval_split": result.eval_split,
                    **_metrics_json(evaluation.metrics),
                    "float_accuracy": None
                    if float_metrics is None
                    else round(float_metrics.accuracy, 6),
                }
            )
    print(json_line(summary))
    return 0


def _say_estimate(config: Any, dataset: Any, cancel: CancelToken, reporter: Reporter) -> Any:
    """`fine-tune: about 4 min on this computer` (stderr), from a short measured probe; the
    FineTuneEstimate, True with no probe (--quiet, or a fine-tune about as short as the probe
    itself), False if cancelled."""
    from desktop_app.core.catalog import automatic_for, get_backbone, is_automatic
    from desktop_app.core.training.finetune import check_fine_tunable
    from desktop_app.core.training.finetune_estimate import estimate_seconds, worth_estimating
    from desktop_app.core.workflows.train_export import fine_tunable_choice

    if is_automatic(config.backbone):  # what the run will fine-tune
        config, _ = fine_tunable_choice(config, dataset.task)
    if is_automatic(config.backbone):  # images: the slowest candidate, an upper bound
        config = replace(config, backbone=automatic_for(dataset.task).candidates[-1])
    backbone = get_backbone(config.backbone)
    check_fine_tunable(backbone)
    if reporter.quiet or not len(dataset.indices("train")):  # nothing to time: training says why
        return True
    if backbone.task == "text":  # the encoder's top layers: timed on a few of the texts
        from desktop_app.core.training.text_finetune import estimate_text_seconds

        probe = estimate_text_seconds(config, dataset, backbone, cancel)
    elif not worth_estimating(config, dataset):  # short: as long as the probe
        return True
    else:
        probe = estimate_seconds(config, dataset, cancel)
    reporter.line("fine-tune: estimating how long it takes on this computer…")
    estimate = reporter.run(probe)
    if estimate is None:
        return False
    words = duration_words(estimate.seconds, estimate.earliest_seconds)
    reporter.line(f"fine-tune: {words} on this computer (the shorter if it stops early)")
    return estimate


def duration_words(seconds: float, earliest: float | None = None) -> str:
    """`about 40 s`, `about 4 min`, `about 3–5 min` (from `earliest`), `about 1 h 10 min`: an
    estimate, rounded as one."""
    if seconds < 50:
        return f"about {max(5, round(seconds / 5) * 5)} s"
    minutes = max(1, round(seconds / 60))
    if minutes >= 60:
        return f"about {minutes // 60} h {minutes % 60:02d} min"
    low = max(1, round((earliest if earliest is not None else seconds) / 60))
    return f"about {low}–{minutes} min" if low < minutes else f"about {minutes} min"


def _calibration_summary(calibration: Any) -> dict:
    """`ece` (before/after the temperature, on which split) and the whole `calibration`."""
    return {
        "ece": {
            "before": round(calibration.ece_before, 6),
            "after": round(calibration.ece_after, 6),
            "split": calibration.ece_split,
        },
        "calibration": calibration.to_json(),
    }


def _cross_validate(
    config: Any, dataset: Any, folds: int, cancel: CancelToken, reporter: Reporter
) -> dict | None:
    """`train --folds K`: K heads on the cached features; the JSON `cv` entry (None: cancelled)."""
    from desktop_app.core.workflows.crossval import cross_validate

    n_items = sum(1 for s in dataset.splits if s != "test")
    if folds > n_items:
        raise UsageError(f"--folds {folds} is more than the {n_items} train and val items.")
    cv = reporter.run(cross_validate(config, dataset, folds, cancel))
    if cv is None:
        return None
    reporter.line(
        f"cross-validation ({folds} folds, {cv.rows.size} items): accuracy "
        f"{cv.accuracy_mean:.4f} ± {cv.accuracy_std:.4f}, macro-F1 {cv.macro_f1_mean:.4f} "
        f"± {cv.macro_f1_std:.4f} in {cv.seconds:.1f} s"
    )
    return cv.to_json()


def _int8_summary(report: Any, reporter: Reporter) -> dict:
    """Say what quantization wrote (stderr); the report as a JSON-ready dict."""
    agreement = (
        "; not checked (no held-out items)"
        if report.top1_agreement is None
        else f"; top-1 agreement with float {report.top1_agreement:.3f} on {report.check_items} "
        f"held-out {report.check_split} items, max |diff| {report.max_abs_diff:.3f}"
    )
    if report.accuracy_change_points is not None:
        agreement += (
            f", accuracy {report.int8_accuracy:.3f} (float {report.float_accuracy:.3f}, "
            f"{report.accuracy_change_points:+.1f} points)"
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
        "check_split": report.check_split,
        "check_items": report.check_items,
        "top1_agreement": report.top1_agreement,
        "check_float_accuracy": report.float_accuracy,
        "check_int8_accuracy": report.int8_accuracy,
        "max_abs_diff": report.max_abs_diff,
        "speedup": None if report.speedup is None else round(report.speedup, 3),
        "method": report.method,
    }


def cmd_quantize(args: argparse.Namespace) -> int:
    from desktop_app.core.quantize import HeldOut, QuantizeError, quantize_model

    reporter = Reporter(args.quiet)
    out = _onnx_out(args.out)
    if out.resolve() == Path(args.model).resolve():
        raise UsageError("--out must not be the model itself: the float model is kept.")
    calibration: list[str] = []
    held_out = None
    if args.data:
        from desktop_app.core.data.detect import scan_data

        o = read_options(args)
        dataset = scan_data(args.data, o.val_fraction, o.seed, o.text_col, o.label_col)
        calibration = [dataset.items[i] for i in dataset.indices("train")]
        reporter.line(f"calibration: {len(calibration)} training items in {args.data}")
        held_out = HeldOut.of(dataset)
        if held_out is not None:
            reporter.line(f"check: {len(held_out.items)} held-out {held_out.split} items")
    try:
        report = reporter.run(
            quantize_model(args.model, out, calibration, CancelToken(), held_out=held_out)
        )
    except QuantizeError as error:
        if not args.data and error.key == "quantize.no_images":
            raise UsageError(
                "Image models need --data: the folder they were trained on."
            ) from error
        raise
    if report is None:
        return EXIT_CANCELLED
    print(json_line(_int8_summary(report, reporter)))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from desktop_app.core.inference import Predictor
    from desktop_app.core.workflows.evaluate import evaluate_on_data

    reporter = Reporter(args.quiet)
    predictor = Predictor(args.model)
    predictor.run_time_limit_s = args.time_limit or predictor.run_time_limit_s
    evaluation = reporter.run(
        evaluate_on_data(predictor, args.data_dir, CancelToken(), read_options(args))
    )
    if evaluation is None:
        return EXIT_CANCELLED
    metrics = evaluation.metrics
    if metrics is None:
        raise UsageError(f"Nothing of the model's classes to evaluate in {args.data_dir}.")
    reporter.skipped(evaluation.skipped)
    if args.json:
        print(json_line(evaluation.to_json()))
    else:
        print(
            f"{evaluation.split} split: accuracy {metrics.accuracy:.4f}, macro-F1 {metrics.macro_f1:.4f}, n {metrics.n}"
        )
        for c in metrics.per_class:
            print(
                f"  {terminal_safe(c.name, False):<24} precision {c.precision:.3f}  recall {c.recall:.3f}  f1 {c.f1:.3f}  n {c.support}"
            )
        _print_mistakes(evaluation.mistakes, max(0, args.top), args.data_dir)
    return 0


def _print_mistakes(mistakes: Sequence[Any], top: int, data: str) -> None:
    """`evaluate`'s wrong items, the model's surest first: a sure mistake is often a wrong
    label (the Evaluate tab says the same of its mistakes)."""
    if not mistakes or not top:
        return
    shown = mistakes[:top]
    print(
        f"mistakes: {len(mistakes)}, the model's surest first (a sure mistake is often a wrong "
        f"label; desktop-app inspect {terminal_safe(data, False)} checks the labels):"
    )
    for m in shown:
        item = terminal_safe(m.item if len(m.item) <= 80 else m.item[:79] + "…", False)
        said = terminal_safe(m.predicted, False)
        if m.probability is not None:
            said += f" {m.probability:.2f}"
        print(f"  {item}\tlabelled {terminal_safe(m.label, False)}, model says {said}")
    if len(shown) < len(mistakes):
        print(f"  … and {len(mistakes) - len(shown)} more (--top {len(mistakes)} lists them all)")


def _print_row(row: Any, args: argparse.Namespace, key: str, timing: bool) -> None:
    """One classified item on stdout: a tab-separated line, or with --json one JSON object."""
    pred = row.prediction
    if args.json:
        line = {
            key: row.path,
            "labels": pred.labels,
            "probabilities": pred.probabilities,
            "latency_ms": round(pred.latency_ms, 3),
            "unsure": pred.unsure,
        }
        print(json_line(line))
    elif not args.csv:  # labels and names from a model or a folder may hold escape sequences
        alternatives = ", ".join(
            f"{terminal_safe(name, False)} {p:.3f}"
            for name, p in zip(pred.labels, pred.probabilities, strict=True)
        )
        latency = f"\t{pred.latency_ms:.1f} ms" if timing else ""
        label = "unsure" if pred.unsure else terminal_safe(pred.label, False)  # the
        # alternatives still name the best guess
        print(
            f"{terminal_safe(row.path, False)}\t{label}\t"
            f"{pred.probabilities[0]:.4f}\t[{alternatives}]{latency}"
        )


def _predict_texts(args: argparse.Namespace, predictor: Any, reporter: Reporter) -> Any:
    """`predict` with a text model: --text values and files of one text per line."""
    from desktop_app.core.workflows.classify import classify_texts, read_text_lines

    texts = list(args.text or [])
    more, unreadable = read_text_lines(args.paths or [])
    for name, reason in unreadable:
        reporter.line(f"skipped: {name}: {reason}")
    texts.extend(more)
    if not texts:
        raise UsageError('Give --text "…" or files with one text per line.')
    result = reporter.run(classify_texts(predictor, texts, args.top_k, CancelToken()))
    for row in result.rows if result is not None else ():
        _print_row(row, args, "text", timing=False)
    return result


def _predict_images(args: argparse.Namespace, predictor: Any, reporter: Reporter) -> Any:
    """`predict` with an image model: image files and folders, each row printed as it comes."""
    from desktop_app.core.workflows.classify import Classified, classify_images

    if args.text:
        raise UsageError(f"{args.model} classifies images; --text is for text models.")
    if not args.paths:
        raise UsageError("Give image files or folders to classify.")

    def show(event: object) -> None:
        if isinstance(event, Classified):
            if event.row.error:
                reporter.line(f"skipped: {event.row.path}: {event.row.error}")
            else:
                _print_row(event.row, args, "path", timing=True)

    result = reporter.run(
        classify_images(predictor, args.paths, args.top_k, CancelToken(), each_row=True), show
    )
    if result is not None and not result.rows:
        raise UsageError("No images to classify in the given paths.")
    return result


# How `predict` reads its inputs, per task (the one place in the CLI where the kinds differ).
PREDICT_INPUTS = {"image": _predict_images, "text": _predict_texts}


def cmd_predict(args: argparse.Namespace) -> int:
    from desktop_app.core.inference import Predictor
    from desktop_app.core.workflows.classify import (
        CsvWriteError,
        check_csv_destination,
        save_predictions_csv,
    )

    reporter = Reporter(args.quiet)
    if args.csv:  # before any work: a CSV that cannot be written is said at once
        check_csv_destination(args.csv)
    predictor = Predictor(args.model)
    predictor.run_time_limit_s = args.time_limit or predictor.run_time_limit_s
    result = PREDICT_INPUTS[predictor.task](args, predictor, reporter)
    if result is None:
        return EXIT_CANCELLED
    status = 0 if any(r.prediction for r in result.rows) else EXIT_ERROR
    if args.csv:
        try:
            saved = save_predictions_csv(args.csv, result.rows, args.top_k)
        except CsvWriteError as error:  # nowhere to write: the results go to stdout
            reporter.line(f"error: {error} The results follow on standard output.")
            sys.stdout.write(error.csv_text)
            return EXIT_ERROR
        if saved.note is not None:
            reporter.line(f"warning: {saved.note}")
            return EXIT_ERROR
        reporter.line(f"wrote {saved.path}")
    return status


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Show a model's calibration and unsure threshold; with --unsure-threshold, set it (the
    value checked before the file is touched)."""
    import json

    from desktop_app.core.model_file import read_metadata, set_unsure_threshold
    from desktop_app.core.trust import check_unsure_threshold

    threshold = None
    if args.unsure_threshold is not None:
        threshold = check_unsure_threshold(args.unsure_threshold)
    meta = read_metadata(args.model)
    before = meta.get("unsure_threshold")
    if threshold is not None:
        meta = set_unsure_threshold(args.model, threshold)
    try:
        calibration = json.loads(meta.get("calibration") or "null")
    except ValueError:
        calibration = None
    calibration = calibration if isinstance(calibration, dict) else {}
    now = meta.get("unsure_threshold")
    if args.json:
        out = {
            "model": str(args.model),
            "unsure_threshold": None if now is None else float(now),
            "temperature": calibration.get("temperature"),
            "ece_before": calibration.get("ece_before"),
            "ece_after": calibration.get("ece_after"),
        }
        if threshold is not None:
            out["previous_unsure_threshold"] = None if before is None else float(before)
        print(json_line(out))
        return 0
    name = terminal_safe(str(args.model), False)
    if calibration.get("temperature") is not None:
        print(
            f"{name}: temperature {float(calibration['temperature']):.3f}; expected calibration "
            f"error {float(calibration.get('ece_before', 0)):.3f} before, "
            f"{float(calibration.get('ece_after', 0)):.3f} after "
            f"(on {calibration.get('n_ece', '?')} {calibration.get('ece_split', '')} items)"
        )
    else:
        print(f"{name}: no temperature fitted")
    if now is None:
        print("unsure threshold: none (the model always names a class)")
    else:
        was = "" if threshold is None else f" (was {before if before is not None else 'none'})"
        print(f"unsure threshold: {float(now):g}{was}: below it `predict` answers 'unsure'")
    return 0


def cmd_models(args: argparse.Namespace) -> int:
    from desktop_app.core.backbones import build_all, build_state
    from desktop_app.core.catalog import model_lines

    if args.build:
        build_all(force=args.force, log=lambda text: print(text, file=sys.stderr))
    print("\n".join(model_lines(build_state)))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from desktop_app.bench.run import run

    return run(args)


def _explain_images(args: argparse.Namespace, predictor: Any, reporter: Reporter) -> Any:
    """`explain` with an image model: a line (or JSON object) per image as it is done."""
    from desktop_app.core.workflows.explain import Explained, explain_images

    if args.text:
        raise UsageError(f"{args.model} classifies images; --text is for text models.")
    if not args.paths:
        raise UsageError("Give image files or folders to explain.")

    def show(event: object) -> None:
        if not isinstance(event, Explained):
            return
        row = event.row
        if row.error is not None:
            reporter.line(f"skipped: {row.path}: {row.error}")
            return
        found = row.explanation
        if args.json:
            line = {
                "path": row.path,
                "label": found.label,
                "probability": round(found.probability, 6),
                "method": found.method,
                "heatmap": found.grid(args.grid),
            }
            if row.overlay_path:
                line["overlay"] = row.overlay_path
            print(json_line(line))
        else:
            written = f"\t{terminal_safe(row.overlay_path, False)}" if row.overlay_path else ""
            print(
                f"{terminal_safe(row.path, False)}\t{terminal_safe(found.label, False)}\t"
                f"{found.probability:.4f}\t{found.method}{written}"
            )

    result = reporter.run(explain_images(predictor, args.paths, CancelToken(), args.out), show)
    if result is not None and not result.rows:
        raise UsageError("No images to explain in the given paths.")
    if result is None:
        return None
    return [r.explanation for r in result.rows]


def _explain_texts(args: argparse.Namespace, predictor: Any, reporter: Reporter) -> Any:
    """`explain --text "…"` with a text model: the words that pushed the decision."""
    from desktop_app.core.data.images import SUPPORTED_EXTENSIONS
    from desktop_app.core.workflows.classify import read_text_lines
    from desktop_app.core.workflows.explain import explain_texts

    if args.out:
        raise UsageError("--out writes heatmaps of images; text models print word weights.")
    for path in args.paths or []:
        if Path(path).suffix.lower() in SUPPORTED_EXTENSIONS:
            raise UsageError(f"{args.model} classifies texts; {path} is an image.")
    texts = list(args.text or [])
    more, unreadable = read_text_lines(args.paths or [])
    for name, reason in unreadable:
        reporter.line(f"skipped: {name}: {reason}")
    texts.extend(more)
    if not texts:
        raise UsageError('Give --text "…" or files with one text per line.')
    found = reporter.run(explain_texts(predictor, texts, CancelToken()))
    for text, explained in zip(texts, found or (), strict=False):
        if args.json:
            print(
                json_line(
                    {
                        "text": text,
                        "label": explained.label,
                        "probability": round(explained.probability, 6),
                        "method": explained.method,
                        "tokens": [
                            {"token": w.text, "start": w.start, "end": w.end, "weight": w.weight}
                            for w in explained.words
                        ],
                    }
                )
            )
        else:
            ranked = sorted(explained.words, key=lambda w: -abs(w.weight))[:8]
            words = ", ".join(f"{terminal_safe(w.text, False)} {w.weight:+.3f}" for w in ranked)
            print(
                f"{terminal_safe(text, False)}\t{terminal_safe(explained.label, False)}\t"
                f"{explained.probability:.4f}\t[{words}]"
            )
    return found


EXPLAIN_INPUTS = {"image": _explain_images, "text": _explain_texts}


def cmd_explain(args: argparse.Namespace) -> int:
    from desktop_app.core.inference import Predictor

    if args.grid < 1 or args.grid > 512:
        raise UsageError(f"--grid must be between 1 and 512, got {args.grid}")
    reporter = Reporter(args.quiet)
    predictor = Predictor(args.model)
    predictor.run_time_limit_s = args.time_limit or predictor.run_time_limit_s
    found = EXPLAIN_INPUTS[predictor.task](args, predictor, reporter)
    if found is None:
        return EXIT_CANCELLED
    return 0 if any(x is not None for x in found) else EXIT_ERROR


def cmd_inspect(args: argparse.Namespace) -> int:
    """`inspect DATA`: the data health findings (a project folder: its data and kept findings)."""
    from desktop_app.core.project import PROJECT_FILE, Project
    from desktop_app.core.workflows.importing import import_data
    from desktop_app.core.workflows.inspect import inspect_data

    reporter = Reporter(args.quiet)
    cancel = CancelToken()
    kept: list[str] = []
    if (Path(args.data) / PROJECT_FILE).is_file():
        project = Project.open(args.data, read_only=True)
        dataset, kept = project.dataset(), list(project.kept_findings)
        project.close()
    else:
        imported = reporter.run(import_data(args.data, cancel, read_options(args)))
        if imported is None:
            return EXIT_CANCELLED
        dataset = imported.dataset
        reporter.line(imported.summary())
        reporter.skipped(imported.skipped)
    report = reporter.run(inspect_data(dataset, args.backbone, cancel, kept, seed=args.seed))
    if report is None:
        return EXIT_CANCELLED
    if args.json:
        print(json_line(report.to_json()))
        return 0
    for kind, count in report.to_json()["counts"].items():
        print(f"{kind}: {count}")
        for finding in report.of_kind(kind)[: args.top]:
            items = " | ".join(finding.items)
            print(
                terminal_safe(f"  {finding.score:.2f} {items}: {finding.evidence}; {finding.fix}")
            )
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    """`suggest MODEL UNLABELLED…`: the model's label for each new item, least sure first."""
    from desktop_app.core.inference import Predictor
    from desktop_app.core.workflows.classify import CsvWriteError, save_predictions_csv
    from desktop_app.core.workflows.suggest import TOP_K, margin, suggest_labels

    reporter = Reporter(args.quiet)
    predictor = Predictor(args.model)
    result = reporter.run(suggest_labels(predictor, predictor.task, args.inputs, CancelToken()))
    if result is None:
        return EXIT_CANCELLED
    if not result.rows:
        raise UsageError("Nothing to label in the given paths.")
    first = "text" if predictor.task == "text" else "path"
    if args.csv:
        try:
            saved = save_predictions_csv(args.csv, result.rows, TOP_K, first, timings=False)
        except CsvWriteError as error:
            reporter.line(f"error: {error} The results follow on standard output.")
            sys.stdout.write(error.csv_text)
            return EXIT_ERROR
        if saved.note is not None:
            reporter.line(f"warning: {saved.note}")
        reporter.line(f"wrote {saved.path} ({len(result.rows)} rows, least sure first)")
        return 0
    for row in result.rows:
        if row.prediction is None:
            reporter.line(f"skipped: {row.path}: {row.error}")
            continue
        p = row.prediction
        if args.json:
            print(
                json_line(
                    {
                        first: row.path,
                        "suggestion": p.label,
                        "probability": round(p.probabilities[0], 6),
                        "margin": round(margin(row), 6),
                        "labels": list(p.labels),
                        "probabilities": [round(v, 6) for v in p.probabilities],
                    }
                )
            )
        else:
            print(terminal_safe(f"{row.path}\t{p.label}\t{p.probabilities[0]:.3f}"))
    return 0
