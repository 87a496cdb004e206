"""A whole training run in the Train tab, in a fresh process, for the torch-free-window test.

`python -m tests.helpers.train_in_window FOLDER` creates a project in FOLDER/project with
generated images, trains through the Train panel (the window's code path) and prints one line
of JSON: the run's id, whether torch / onnx were imported by this process, and the PIDs of the
child processes still alive (none expected)."""

from __future__ import annotations

import json
import multiprocessing
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from desktop_app.core.data.dataset import scan_image_folder
from desktop_app.gui.application import create_application
from desktop_app.gui.panels.train import TrainPanel
from desktop_app.gui.session import ProjectSession
from tests.helpers.synthetic import write_class_folders


def main(folder: Path) -> int:
    create_application(crash_dialog=False)
    session = ProjectSession()
    session.new_project("Fresh", "image", folder=str(folder / "project"))
    session.project.merge(scan_image_folder(write_class_folders(folder / "data", per_class=8)))
    session.data_edited()
    panel = TrainPanel(session)
    panel.set_max_epochs(3)
    outcome: list[str] = []
    loop = QEventLoop()
    panel.training_finished.connect(lambda run_id: (outcome.append(run_id), loop.quit()))
    QTimer.singleShot(120_000, loop.quit)
    if not panel.start_training():
        return 2
    loop.exec()
    trained = {"torch": "torch" in sys.modules, "onnx": "onnx" in sys.modules}
    # then classify with the run's model on the Predict tab: still no onnx (P5f's 0.5 s stall)
    from desktop_app.gui.panels.predict import PredictPanel

    predict = PredictPanel(session)
    images = sorted(str(p) for p in (folder / "data").rglob("*.png"))[:3]
    predicted: list[int] = []
    loop = QEventLoop()
    predict.predictions_ready.connect(lambda n: (predicted.append(n), loop.quit()))
    QTimer.singleShot(60_000, loop.quit)
    predict.classify_paths(images)
    loop.exec()
    print(
        json.dumps(
            {
                "run": outcome[0] if outcome else None,
                "status": session.project.runs[-1].status,
                "torch": trained["torch"],
                "onnx": trained["onnx"],
                "predicted": predicted[0] if predicted else 0,
                "onnx_after_predict": "onnx" in sys.modules,
                "children": [p.pid for p in multiprocessing.active_children()],
            }
        )
    )
    session.cancel_all_and_wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
