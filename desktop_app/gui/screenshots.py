"""Screenshots of every screen after a real run, for the README (`make screenshots`).

    python -m desktop_app.gui.screenshots OUT_DIR --data FOLDER [--language en|zh_CN] [--size WxH]

Runs the real window (under Xvfb in `make screenshots`): welcome, then a new project with FOLDER
imported, trained with the default model (caught once while its images are read, with the map
of the data: the feature cache starts empty), a confusion cell opened, the trust views (ROC,
reliability, "Sure enough?" with cross-validation's figures), the empty Predict tab, and
a few test images classified and the model exported, then Data health, labelling new images by
suggestion and the camera (a clip stands in). Saves 0-welcome.png … 14-camera.png
into OUT_DIR/<language>/. A developer tool: not part of the app's menus.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.02)


def _settle_until(app, condition, timeout_s: float) -> None:
    """Process events until `condition()` holds (or `timeout_s` has passed)."""
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end and not condition():
        app.processEvents()
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--data", required=True, help="a folder of class sub-folders")
    parser.add_argument("--language", default="en", choices=["en", "zh_CN"])
    parser.add_argument(
        "--size", default="1280x820", help="the window's size, WIDTHxHEIGHT (default 1280x820)"
    )
    args = parser.parse_args(argv)
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size: expected WIDTHxHEIGHT, got {args.size!r}")

    # An empty home (feature cache included) for this run: the images are really read, so
    # the screenshot of that stage shows what a first run shows.
    os.environ["CLASSIFIER_STUDIO_HOME"] = tempfile.mkdtemp(prefix="classifier-studio-home-")
    from desktop_app.gui.application import create_application, install_translations
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.selftest import wait_for

    app = create_application([sys.argv[0]])
    install_translations(app, args.language)
    out = Path(args.out_dir) / args.language
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    window.resize(width, height)
    window.show()
    _settle(app, 0.5)

    def shot(name: str) -> None:
        _settle(app, 0.3)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"saved {path}", flush=True)

    def dialog_shot(dialog, name: str) -> None:
        _settle(app, 0.3)
        path = out / f"{name}.png"
        dialog.grab().save(str(path))
        print(f"saved {path}", flush=True)

    shot("0-welcome")
    work = Path(tempfile.mkdtemp(prefix="classifier-studio-shots-"))
    data = Path(args.data)
    window.session.new_project(data.name.capitalize(), "image", folder=str(work / "project"))
    window.data_panel.import_paths([str(data)])
    wait_for(window.data_panel.import_finished, "import")
    classes = window.session.project.classes
    window.data_panel.select_class(classes[min(len(classes) - 1, 9)])
    _settle(app, 2.5)  # thumbnails load off the GUI thread
    shot("1-data")

    window.tabs.setCurrentWidget(window.train_panel)
    window.train_panel.start_training()
    view = window.train_panel.progress_view
    _settle_until(app, lambda: view.current_view() == "map" and view.progress.value() > 250, 120)
    shot("2a-train-reading")
    (run_id,) = wait_for(window.train_panel.training_finished, "training")
    if not run_id:
        print("training failed", file=sys.stderr)
        return 1
    shot("2-train")

    window.tabs.setCurrentWidget(window.evaluate_panel)
    result = window.session.result
    confusion = result.eval_metrics.confusion
    worst = max(
        ((i, j) for i in range(len(confusion)) for j in range(len(confusion)) if i != j),
        key=lambda cell: confusion[cell[0]][cell[1]],
    )
    evaluate = window.evaluate_panel
    evaluate.open_cell(*worst)
    _settle(app, 2.0)
    shot("3-evaluate")
    # the trust views (issue 18): cross-validation's figures in the row above, then ROC,
    # reliability and the threshold at 80 % (shown, not saved)
    evaluate.crossval.start()
    wait_for(evaluate.crossval.finished, "cross-validation")
    evaluate.show_view("roc")
    shot("3b-evaluate-roc")
    evaluate.show_view("reliability")
    shot("3c-evaluate-reliability")
    evaluate.show_view("threshold")
    evaluate.threshold_page.set_threshold(0.8)
    shot("3d-evaluate-sure-enough")
    evaluate.show_view("confusion")
    cells = window.evaluate_panel.pages["image"]
    cells.why_button.setChecked(True)  # "Why?": the same images with their heatmaps
    _settle(app, 6.0)
    shot("3e-evaluate-why")
    cells.why_button.setChecked(False)

    window.tabs.setCurrentWidget(window.predict_panel)
    shot("4a-predict-empty")
    probes, seen = [], set()
    for path, label in zip(result.eval_items, result.eval_labels, strict=True):
        if label not in seen:
            probes.append(path)
            seen.add(label)
        if len(probes) == 6:
            break
    window.predict_panel.classify_paths(probes)
    wait_for(window.predict_panel.predictions_ready, "predict")
    window.predict_panel.export_model(str(work / "export" / "flowers.onnx"))
    _settle(app, 2.0)
    shot("4-predict")
    cards = window.predict_panel.image_page.cards[:3]
    for card in cards:  # "Why?" on the first three cards: the heatmap over each picture
        card.why_button.setChecked(True)
    _settle_until(app, lambda: all(card.showing_overlay for card in cards), 60)
    shot("4c-predict-why")
    for card in cards:
        card.why_button.setChecked(False)
    # the INT8 option: its status line gives the size and the speed-up measured here
    window.predict_panel.export_model(str(work / "export" / "flowers-int8.onnx"), int8=True)
    wait_for(window.predict_panel.export_finished, "INT8 export")
    _settle(app, 1.0)
    shot("4b-predict-int8")

    # the data views (issue 20), each a window of its own: Data health, labelling new images by
    # the model's suggestion, the camera (a clip made from the data stands in for a camera)
    window.tabs.setCurrentWidget(window.data_panel)
    data_panel = window.data_panel
    health = data_panel.open_health()
    _settle_until(app, lambda: health.report is not None and not health.job_running("health"), 180)
    dialog_shot(health, "12-data-health")
    health.close()
    unlabelled = work / "new-photos"
    unlabelled.mkdir()
    for i, path in enumerate(result.eval_items[::20][:12]):
        shutil.copy(path, unlabelled / f"photo-{i:02d}{Path(path).suffix}")
    suggest = data_panel.label_new_images(str(unlabelled))
    _settle_until(app, lambda: not suggest.job_running("suggest") and suggest.rows, 120)
    _settle(app, 1.5)
    dialog_shot(suggest, "13-label-new-images")
    suggest.close()
    from desktop_app.gui.panels.data import camera

    camera.SOURCE = _clip(result.eval_items[0], work / "camera.avi")
    camera_dialog = data_panel.open_camera()
    camera_dialog.class_combo.setCurrentIndex(0)
    _settle(app, 2.0)
    dialog_shot(camera_dialog, "14-camera")
    camera_dialog.close()

    window.session.cancel_all_and_wait()
    window.close()
    return 0


def _clip(image_path: str, path: Path) -> str:
    """A few seconds of video slowly zooming into one picture: a camera for the screenshot."""
    import cv2

    image = cv2.imread(image_path)
    h, w = image.shape[:2]
    if w * 3 < h * 4:  # a camera's 4:3, cut from the middle
        cut = (h - w * 3 // 4) // 2
        image, h = image[cut : cut + w * 3 // 4], w * 3 // 4
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 20, (640, 480))
    for i in range(120):
        c = 0.1 * i / 120
        crop = image[int(h * c) : h - int(h * c), int(w * c) : w - int(w * c)]
        writer.write(cv2.resize(crop, (640, 480)))
    writer.release()
    return str(path)


if __name__ == "__main__":
    sys.exit(main())
