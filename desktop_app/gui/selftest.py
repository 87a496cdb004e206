"""`desktop-app --self-test`: the whole product path through the real window, in seconds.

Builds the main window (offscreen or on a real display, whatever QT_QPA_PLATFORM says), creates a
project in a temporary folder, imports generated images through the Data panel, trains through the
Train panel's worker, checks the Evaluate panel, classifies through the Predict panel, exports and
reloads the model. Exit 0 when every step holds; 1 with the failing step named otherwise.
Everything is written under a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

SIGNAL_TIMEOUT_MS = 180_000


class SelfTestError(RuntimeError):
    pass


def _write_images(root: Path) -> dict[str, list[Path]]:
    import cv2
    import numpy as np

    rng = np.random.default_rng(0)
    colours = {"red": (220, 40, 40), "green": (40, 200, 60), "blue": (40, 60, 220)}
    written: dict[str, list[Path]] = {}
    for name, rgb in colours.items():
        folder = root / name
        folder.mkdir(parents=True)
        written[name] = []
        for i in range(12):
            image = np.clip(np.array(rgb) + rng.normal(0, 25, (64, 64, 3)), 0, 255).astype(np.uint8)
            path = folder / f"{name}-{i}.png"
            cv2.imwrite(str(path), cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
            written[name].append(path)
    return written


def wait_for(signal, what: str, timeout_ms: int = SIGNAL_TIMEOUT_MS):
    """Run the event loop until `signal` fires; returns its arguments.

    A modal dialog that opens meanwhile (nobody is there to answer it) is closed and fails
    the step with its text, instead of waiting for ever."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

    loop = QEventLoop()
    received: list[tuple] = []
    dialogs: list[str] = []

    def on_signal(*args) -> None:
        received.append(args)
        loop.quit()

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        dialogs.append(f"{dialog.windowTitle()}: {text}".strip(": "))
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
        loop.quit()

    signal.connect(on_signal)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    watch = QTimer()
    watch.timeout.connect(close_dialog)
    watch.start(200)
    loop.exec()
    watch.stop()
    signal.disconnect(on_signal)
    if dialogs:
        raise SelfTestError(f"{what}: a dialog opened: {dialogs[0]}")
    if not received:
        raise SelfTestError(f"{what}: no answer within {timeout_ms / 1000:.0f} s")
    return received[0]


def _step(name: str, start: float) -> None:
    print(f"self-test: {name} ({time.perf_counter() - start:.2f} s)", flush=True)


def run_self_test() -> int:
    start = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="classifier-studio-selftest-"))
    os.environ["CLASSIFIER_STUDIO_HOME"] = str(workdir / "home")
    try:
        _run(workdir, start)
    except SelfTestError as error:
        print(f"SELF-TEST FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    except Exception as error:  # noqa: BLE001 - report any failure as a failed self-test
        import traceback

        traceback.print_exc()
        print(f"SELF-TEST FAILED: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"self-test: OK in {time.perf_counter() - start:.1f} s", flush=True)
    return 0


def _run(workdir: Path, start: float) -> None:
    from desktop_app.core.backbones import is_built
    from desktop_app.core.catalog import default_backbone

    backbone = default_backbone("image")
    if not is_built(backbone):
        raise SelfTestError(
            f"the {backbone.id} model is missing ({backbone.model_path}); run `desktop-app models --build`"
        )

    from desktop_app.gui.application import create_application
    from desktop_app.gui.main_window import MainWindow

    app = create_application([sys.argv[0]], crash_dialog=False)  # nobody watches this window
    window = MainWindow()
    window.show()
    app.processEvents()
    _step(f"window shown on the '{app.platformName()}' platform", start)

    images = _write_images(workdir / "data")
    window.session.new_project("Self-test", "image", folder=str(workdir / "project"))
    window.data_panel.import_paths([str(workdir / "data")])
    (added,) = wait_for(window.data_panel.import_finished, "importing images")
    project = window.session.project
    if added != 36 or sorted(project.counts().values()) != [12, 12, 12]:
        raise SelfTestError(f"import: expected 3 classes of 12 images, got {project.counts()}")
    _step("imported 36 images in 3 classes", start)

    window.tabs.setCurrentWidget(window.train_panel)
    window.train_panel.set_max_epochs(20)
    if not window.train_panel.start_training():
        raise SelfTestError("training did not start")
    (run_id,) = wait_for(window.train_panel.training_finished, "training")
    if not run_id:
        raise SelfTestError("training did not finish")
    result = window.session.result
    accuracy = result.eval_metrics.accuracy
    if accuracy < 0.8:
        raise SelfTestError(f"accuracy {accuracy:.3f} on three plain colours (expected ≥ 0.8)")
    _step(f"trained {run_id}: accuracy {accuracy:.3f} on {result.eval_metrics.n} images", start)

    window.tabs.setCurrentWidget(window.evaluate_panel)
    window.evaluate_panel.open_cell(0, 0)
    app.processEvents()
    if window.evaluate_panel.cell_model.rowCount() != result.eval_metrics.confusion[0][0]:
        raise SelfTestError("evaluate: the confusion cell does not list its images")
    _step("evaluate panel lists the images of a confusion cell", start)

    window.tabs.setCurrentWidget(window.predict_panel)
    probes = [str(images[name][0]) for name in ("red", "green", "blue")]
    window.predict_panel.classify_paths(probes)
    wait_for(window.predict_panel.predictions_ready, "predicting")
    got = {
        Path(r.path).name.split("-")[0]: r.prediction.label
        for r in window.predict_panel.results
        if r.prediction
    }
    if sum(got.get(name) == name for name in ("red", "green", "blue")) < 2:
        raise SelfTestError(f"predict: wrong labels {got}")
    _step(f"predicted {len(got)} images: {got}", start)

    exported = workdir / "export" / "selftest.onnx"
    if not window.predict_panel.export_model(str(exported)):
        raise SelfTestError("export failed")
    from desktop_app.core.inference import Predictor

    reloaded = Predictor(exported).predict_file(probes[0])
    if reloaded.label != got.get("red", reloaded.label):
        raise SelfTestError("the exported model disagrees with the app")
    if not (exported.parent / "predict.py").exists():
        raise SelfTestError("export: predict.py sample missing")
    _step(
        f"exported {exported.name} ({exported.stat().st_size / 1e6:.1f} MB) and reloaded it", start
    )

    window.session.cancel_all_and_wait()
    window.close()
    app.processEvents()
