"""Measurements that need a fresh process (cold imports, cold caches, their own peak memory).

Run as `python -m desktop_app.bench.probes NAME JSON_ARGS`; the last stdout line is
`BENCH_RESULT <json>`. The benchmark (`desktop_app/bench/run.py`) starts one per repeat.
"""

from __future__ import annotations

import json
import resource
import sys
import time

RESULT_PREFIX = "BENCH_RESULT "


def _peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def time_to_model(
    data: str,
    out: str,
    backbone: str | None = None,
    retrain: bool = False,
    torch_loaded: bool = False,
) -> dict:
    """Files → scan → features → head → exported .onnx, timed from a cold process and cache.

    The app's own modules are imported first (the window has them when the user clicks
    Train). `torch_loaded`: torch is imported before the clock starts (the engine's own time;
    the window trains in a child process that imports torch at each run, the CLI in its own
    process); otherwise its import counts.
    `retrain` times a second run in the same process: warm feature cache, torch loaded — the
    window's "train again".
    """
    from desktop_app.core.catalog import default_backbone
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.export import export_model
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import Finished
    from desktop_app.core.training.loop import train

    assert "torch" not in sys.modules
    torch_import_s = None
    if torch_loaded:
        from desktop_app.core.torch_loading import import_torch

        torch_import_s = import_torch()[1]

    def once() -> tuple[float, dict]:
        start = time.perf_counter()
        dataset = scan_data(data)
        scanned = time.perf_counter()
        config = TrainConfig(backbone=backbone or default_backbone(dataset.task).id)
        result = None
        for event in train(config, dataset):
            if isinstance(event, Finished):
                result = event.result
        trained = time.perf_counter()
        report = export_model(result, out)
        seconds = time.perf_counter() - start
        metrics = result.eval_metrics
        best = result.history[result.best_epoch - 1] if result.history else None
        return seconds, {
            "items": len(dataset),
            "n_train": result.n_train,
            "n_val": result.n_val,
            "n_test": result.n_test,
            "scan_s": scanned - start,
            "features_s": result.timings["features"],
            "fit_s": result.timings["training"],
            "torch_wait_s": result.timings["torch_import"],
            "train_total_s": trained - scanned,
            "export_s": report.seconds,
            "epochs": result.epochs_run,
            "val_accuracy": None if best is None else best.val_accuracy,
            "eval_split": result.eval_split,
            "eval_accuracy": None if metrics is None else metrics.accuracy,
            "features_computed": result.features_computed,
            "features_cached": result.features_cached,
        }

    cold, details = once()
    outcome = {"seconds": cold, "torch_preloaded_s": torch_import_s, **details}
    if retrain:
        warm, warm_details = once()
        outcome["warm_seconds"] = warm
        outcome["warm"] = warm_details
    outcome["peak_rss_mb"] = _peak_rss_mb()
    return outcome


def naive_finetune(
    data: str, target_accuracy: float, max_epochs: int, max_steps: int = 0, batch_size: int = 32
) -> dict:
    """The seeds' naive approach: fine-tune the WHOLE EfficientNet-Lite0 in PyTorch eager.

    Same split as ours (scan_data, seed 0), pixels prepared with OpenCV (shorter side to 224,
    centre crop, the model's normalisation), SGD with momentum, batch 32, a random mirror.
    Epochs run until the validation accuracy reaches `target_accuracy` or `max_epochs`;
    `max_steps` > 0 times only that many steps (the quick bench) and extrapolates one epoch.
    """
    import cv2
    import numpy as np

    from desktop_app.core.backbones import load_torch_backbone
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.data.images import load_image
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    torch.manual_seed(0)
    backbone = get_backbone("efficientnet-lite0")
    size = backbone.input_size
    mean = np.asarray(backbone.mean, np.float32)
    std = np.asarray(backbone.std, np.float32)

    def pixels(path: str) -> np.ndarray:
        image = load_image(path)
        h, w = image.shape[:2]
        scale = size / min(h, w)
        image = cv2.resize(image, (max(size, round(w * scale)), max(size, round(h * scale))))
        h, w = image.shape[:2]
        top, left = (h - size) // 2, (w - size) // 2
        crop = image[top : top + size, left : left + size].astype(np.float32)
        return ((crop - mean) / std).transpose(2, 0, 1)

    dataset = scan_data(data)
    splits = np.asarray(dataset.splits)
    labels = np.asarray(dataset.labels)
    train_rows = np.flatnonzero(splits == "train")
    val_rows = np.flatnonzero(splits == "val")
    embedder = load_torch_backbone(backbone)
    network = embedder.inner
    network._fc = torch.nn.Linear(network._fc.in_features, len(dataset.classes))
    optimiser = torch.optim.SGD(network.parameters(), lr=0.01, momentum=0.9)
    rng = np.random.default_rng(0)

    def accuracy() -> float:
        network.eval()
        correct = 0
        with torch.no_grad():
            for start in range(0, len(val_rows), 64):
                rows = val_rows[start : start + 64]
                x = torch.from_numpy(np.stack([pixels(dataset.items[r]) for r in rows]))
                correct += int((network(x).argmax(1).numpy() == labels[rows]).sum())
        return correct / max(1, len(val_rows))

    epochs: list[dict] = []
    steps_per_epoch = -(-len(train_rows) // batch_size)
    reached = None
    for epoch in range(1, max_epochs + 1):
        network.train()
        order = rng.permutation(train_rows)
        start = time.perf_counter()
        steps = 0
        timed_from = start
        for begin in range(0, len(order), batch_size):
            if max_steps and steps == 1:
                timed_from = time.perf_counter()  # the first step warms up allocators
            rows = order[begin : begin + batch_size]
            batch = np.stack([pixels(dataset.items[r]) for r in rows])
            flip = rng.random(len(rows)) < 0.5
            batch[flip] = batch[flip][..., ::-1]
            loss = torch.nn.functional.cross_entropy(
                network(torch.from_numpy(np.ascontiguousarray(batch))),
                torch.from_numpy(labels[rows].astype(np.int64)),
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            steps += 1
            if max_steps and steps >= max_steps:
                break
        train_seconds = time.perf_counter() - start
        if max_steps:
            per_step = (time.perf_counter() - timed_from) / max(1, steps - 1)
            epochs.append(
                {"epoch": 1, "seconds": per_step * steps_per_epoch, "timed_steps": steps - 1}
            )
            break
        tick = time.perf_counter()
        val = accuracy()
        epochs.append(
            {"epoch": epoch, "seconds": train_seconds + time.perf_counter() - tick, "val": val}
        )
        if val >= target_accuracy:
            reached = epoch
            break
    return {
        "epochs": epochs,
        "reached_at_epoch": reached,
        "seconds": sum(e["seconds"] for e in epochs),
        "n_train": int(len(train_rows)),
        "n_val": int(len(val_rows)),
        "threads": torch.get_num_threads(),
    }


def fine_tune_to(data: str, target_accuracy: float, fine_tune_epochs: int = 0) -> dict:
    """Our fine-tune (core/training/finetune.py) from a cold cache, timed until its validation
    accuracy first reaches `target_accuracy` (the naive full fine-tune's, same split): the
    head's epochs count too, the whole run is timed as well. torch is imported first, as for
    P1 (the engine's own time)."""
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.torch_loading import import_torch
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.training.events import EpochEnd, Finished
    from desktop_app.core.training.finetune import fine_tune

    import_torch()
    start = time.perf_counter()
    dataset = scan_data(data)
    config = TrainConfig(
        backbone=get_backbone("efficientnet-lite0").id,
        fine_tune=True,
        fine_tune_epochs=fine_tune_epochs or None,
    )
    epochs: list[dict] = []
    reached_s = reached_epoch = result = None
    for event in fine_tune(config, dataset):
        if isinstance(event, EpochEnd):
            now = time.perf_counter() - start
            epochs.append({"epoch": event.epoch, "seconds": now, "val": event.val_accuracy})
            if (
                reached_s is None
                and event.val_accuracy is not None
                and event.val_accuracy >= target_accuracy - 1e-9
            ):
                reached_s, reached_epoch = now, event.epoch
        elif isinstance(event, Finished):
            result = event.result
    assert result is not None
    head_epochs = result.fine_tune["head_epochs"]
    return {
        "target_accuracy": target_accuracy,
        "reached_s": reached_s,
        "reached_at_epoch": reached_epoch,
        "head_epochs": head_epochs,
        "seconds": time.perf_counter() - start,
        "fine_tune_s": result.fine_tune["seconds"],
        "val_accuracy": None if result.val_metrics is None else result.val_metrics.accuracy,
        "best_val": max((e["val"] for e in epochs if e["val"] is not None), default=None),
        "epochs": [e for e in epochs if e["epoch"] > head_epochs],
        "n_train": result.n_train,
        "n_val": result.n_val,
    }


def eager_latency(repeats: int = 30) -> dict:
    """PyTorch eager forward of the same backbone + a linear head, batch 1 (no autograd)."""
    import numpy as np

    from desktop_app.core.backbones import load_torch_backbone
    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.torch_loading import import_torch

    torch, _ = import_torch()
    backbone = get_backbone("efficientnet-lite0")
    embedder = load_torch_backbone(backbone)
    head = torch.nn.Linear(backbone.embedding_size, 12)
    x = torch.from_numpy(
        np.random.default_rng(0).standard_normal((1, 3, 224, 224)).astype(np.float32)
    )
    times = []
    with torch.inference_mode():
        for _ in range(3):
            torch.softmax(head(embedder(x)), 1)
        for _ in range(repeats):
            start = time.perf_counter()
            torch.softmax(head(embedder(x)), 1)
            times.append(time.perf_counter() - start)
    return {"ms": sorted(times)[len(times) // 2] * 1000, "threads": torch.get_num_threads()}


def window_start(launched_at: float) -> dict:
    """Seconds from the parent's launch (interpreter start included) to the shown window."""
    from desktop_app.gui.app import create_application
    from desktop_app.gui.main_window import MainWindow

    app = create_application(crash_dialog=False)  # an offscreen window nobody watches
    window = MainWindow()
    window.show()
    app.processEvents()
    shown = time.time()
    return {"seconds": shown - launched_at, "torch_imported": "torch" in sys.modules}


def gui_gaps(data: str, project: str, csv: str, max_epochs: int = 0) -> dict:
    """Worst wait of a 10 ms GUI-thread timer while the window trains on `data`, then while it
    classifies the `data` folder to a CSV (the whole window: curves, tables, confusion matrix)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop_app.core.data.detect import scan_data
    from desktop_app.gui.app import create_application
    from desktop_app.gui.main_window import MainWindow

    app = create_application(crash_dialog=False)  # an offscreen window nobody watches
    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    session = window.session
    session.new_project("Benchmark", "image", folder=project)
    session.project.merge(scan_data(data))
    session.data_edited()
    app.processEvents()

    def watch(start, finished_signal) -> dict:
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        loop = QEventLoop()
        outcome: list[str] = []
        finished_signal.connect(lambda value: (outcome.append(value), loop.quit()))
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        started = time.perf_counter()
        assert start() is not False
        last[0] = time.perf_counter()
        timer.start()
        loop.exec()
        timer.stop()
        gaps_ms = sorted(g * 1000 for g in gaps[1:])
        return {
            "worst_ms": gaps_ms[-1] if gaps_ms else None,
            "p99_ms": gaps_ms[int(len(gaps_ms) * 0.99)] if gaps_ms else None,
            "ticks": len(gaps_ms),
            "seconds": time.perf_counter() - started,
            "outcome": outcome[0] if outcome else "",
        }

    panel = window.train_panel
    if max_epochs:
        panel.set_max_epochs(max_epochs)
    training = watch(panel.start_training, panel.training_finished)
    predict = window.predict_panel
    classify = watch(lambda: predict.classify_folder(data, csv), predict.folder_finished)
    session.cancel_all_and_wait()
    window.close()
    return {"training": training, "classify": classify}


def text_accuracy(data: str) -> dict:
    """The default text model (`train` with no --backbone: the automatic choice) and the
    TF-IDF char-n-gram + logistic-regression baseline on the same split of `data`."""
    from desktop_app.bench.baseline import tfidf_char_baseline
    from desktop_app.core.catalog import AUTO
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.training.config import TrainConfig
    from desktop_app.core.workflows.auto_choice import auto_train
    from desktop_app.core.workflows.stages import drain

    dataset = scan_data(data)
    start = time.perf_counter()
    result = drain(auto_train(TrainConfig(backbone=AUTO), dataset))
    seconds = time.perf_counter() - start
    base = tfidf_char_baseline(dataset)
    return {
        "chosen": result.backbone_id,
        "word_pieces": bool(result.config.word_pieces),
        "auto_choice": result.auto_choice,
        "accuracy": float(result.eval_metrics.accuracy),
        "seconds": seconds,
        "baseline_accuracy": base.accuracy,
        "baseline_seconds": base.seconds,
        "split": base.split,
        "n_eval": base.n_eval,
    }


def centre_crop(data: str, backbone: str, fraction: float = 0.875) -> dict:
    """Frozen features of the whole shorter side (the app's preprocessing) against those of
    each image's centre `fraction` (TensorFlow's EfficientNet evaluation crop is 0.875): a
    logistic regression (scikit-learn, standardised features, C 0.01 / 0.1 / 1) on the app's
    train split of `data`, scored on its test split (val where there is none).

    The crop is cut before the backbone's own graph, which then resizes and crops as always.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from desktop_app.core.catalog import get_backbone
    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.data.images import load_image
    from desktop_app.core.runtime import create_session, run_images

    dataset = scan_data(data)
    session = create_session(str(get_backbone(backbone).model_path))
    scored = "test" if dataset.has_split("test") else "val"
    train, held = dataset.indices("train"), dataset.indices(scored)
    labels = np.asarray(dataset.labels)

    def features(rows: np.ndarray, keep: float) -> np.ndarray:
        images = []
        for i in rows:
            image = load_image(dataset.items[i])
            height, width = image.shape[:2]
            h, w = round(height * keep), round(width * keep)
            top, left = (height - h) // 2, (width - w) // 2
            images.append(np.ascontiguousarray(image[top : top + h, left : left + w]))
        # 32 at a time: images of one size go in one batch, and 1,650 digits at once took 24 GB
        return np.concatenate(
            [run_images(session, images[i : i + 32]) for i in range(0, len(images), 32)]
        )

    out: dict = {"data": data, "backbone": backbone, "scored": scored, "n": int(held.size)}
    for keep in (1.0, fraction):
        start = time.perf_counter()
        x_train, x_held = features(train, keep), features(held, keep)
        scaler = StandardScaler().fit(x_train)
        accuracy = {}
        for c in (0.01, 0.1, 1.0):
            model = LogisticRegression(C=c, max_iter=3000)
            model.fit(scaler.transform(x_train), labels[train])
            accuracy[str(c)] = float(
                (model.predict(scaler.transform(x_held)) == labels[held]).mean()
            )
        out[f"crop {keep:g}"] = {"accuracy_by_c": accuracy, "seconds": time.perf_counter() - start}
    return out


def test_sizes(model: str, data: str, sizes: list[int]) -> dict:
    """An exported image model looking at `data`'s test split (val where there is none, the
    same seeded split `train` made) at other sizes: its preprocessing graph's resize-and-crop
    size set to each of `sizes` (the networks end in a global pooling: any size runs), with
    accuracy, errors and mean log-loss at each, and for their average (FixRes, Touvron et al.
    2019: a network trained on random crops saw things larger than whole pictures show them).
    """
    import numpy as np
    import onnx
    from onnx import numpy_helper

    from desktop_app.core.data.detect import scan_data
    from desktop_app.core.data.images import load_image
    from desktop_app.core.runtime import create_session

    dataset = scan_data(data)
    scored = "test" if dataset.has_split("test") else "val"
    rows = dataset.indices(scored)
    original = onnx.load(model)
    labels = json.loads({p.key: p.value for p in original.metadata_props}["labels"])
    column = [labels.index(name) for name in dataset.classes]
    truth = np.asarray([column[dataset.labels[i]] for i in rows])
    images = [load_image(dataset.items[i]) for i in rows]

    def scores(probabilities: np.ndarray, seconds: float | None = None) -> dict:
        right = probabilities.argmax(1) == truth
        out = {
            "accuracy": round(float(right.mean()), 4),
            "errors": int((~right).sum()),
            "log_loss": round(
                float(-np.log(probabilities[np.arange(len(truth)), truth]).mean()), 4
            ),
        }
        return out if seconds is None else {**out, "seconds": round(seconds, 2)}

    out: dict = {"model": model, "data": data, "scored": scored, "n": int(len(rows)), "sizes": {}}
    by_size = []
    for size in sizes:
        start = time.perf_counter()
        sized = onnx.ModelProto()
        sized.CopyFrom(original)
        for tensor in sized.graph.initializer:
            if tensor.name.endswith("target_size"):  # Resize's and CenterCropPad's
                tensor.CopyFrom(
                    numpy_helper.from_array(np.array([size, size], np.int64), tensor.name)
                )
        del sized.graph.value_info[:]  # shapes recorded at the trained size
        session = create_session(sized.SerializeToString())
        found = np.concatenate(
            [session.run(["probabilities"], {"image": image[None]})[0] for image in images]
        )
        by_size.append(np.clip(found, 1e-12, 1.0))
        out["sizes"][str(size)] = scores(by_size[-1], time.perf_counter() - start)
    out["average_of_all"] = scores(sum(by_size) / len(by_size))
    return out


PROBES = {
    "text_accuracy": text_accuracy,
    "time_to_model": time_to_model,
    "naive_finetune": naive_finetune,
    "fine_tune_to": fine_tune_to,
    "eager_latency": eager_latency,
    "window_start": window_start,
    "gui_gaps": gui_gaps,
    "centre_crop": centre_crop,
    "test_sizes": test_sizes,
}


def main(argv: list[str]) -> int:
    name, arguments = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    result = PROBES[name](**arguments)
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
