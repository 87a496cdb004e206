"""The window's heartbeat during a fine-tune on the Train tab (Lite0, 3 fine-tune epochs), then a
second fine-tune cancelled mid-way (time to stop), then the project reopened read-only; also the
gaps while the fine-tune section's preview/estimate job runs before Start. Prints one JSON line
(issue 17, must-show 3). Offscreen:

    QT_QPA_PLATFORM=offscreen python -m desktop_app.bench.finetune_heartbeat IMAGES [PLAN_WAIT_S]
"""

import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from desktop_app.core.data.detect import scan_data
from desktop_app.gui.application import create_application
from desktop_app.gui.panels.train import TrainPanel
from desktop_app.gui.session import ProjectSession


def main():
    app = create_application(crash_dialog=False)  # noqa: F841 (kept alive for the run)
    folder = Path(tempfile.mkdtemp())
    session = ProjectSession()
    session.new_project("hb", "image", folder=str(folder / "project"))
    session.project.merge(scan_data(sys.argv[1]))
    session.data_edited()
    panel = TrainPanel(session)
    panel.resize(1200, 800)
    panel.show()
    gaps = []
    last = [time.perf_counter()]
    lastev = [""]
    T0 = [time.perf_counter()]
    big = []

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        if now - last[0] > 0.1:
            big.append((round(now - last[0], 3), round(now - T0[0], 2), lastev[0]))
        last[0] = now

    base_on_event = panel.on_event

    def spy0(name, event):
        t = time.perf_counter()
        base_on_event(name, event)
        lastev[0] = (
            f"{name}:{type(event).__name__}:{getattr(event, 'stage', '')} took {1000 * (time.perf_counter() - t):.0f}ms"
        )

    panel.on_event = spy0
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()

    def wait(seconds):
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    panel.set_backbone("efficientnet-lite0")
    panel.fine_tune_check.setChecked(True)  # the section's plan job (preview, choice, estimate)
    gaps.clear()
    last[0] = time.perf_counter()
    wait(float(sys.argv[2]) if len(sys.argv) > 2 else 60)
    plan_worst = max(gaps) * 1000
    print("plan big", big, flush=True)
    short = panel.config
    panel.config = lambda: replace(short(), fine_tune_epochs=3)
    done = []
    loop = QEventLoop()
    panel.training_finished.connect(lambda r: (done.append(r), loop.quit()))
    gaps.clear()
    last[0] = time.perf_counter()
    t0 = time.perf_counter()
    big.clear()
    T0[0] = time.perf_counter()
    ts = time.perf_counter()
    panel.start_training()
    print("start_training call ms", round(1000 * (time.perf_counter() - ts)), flush=True)
    QTimer.singleShot(900_000, loop.quit)
    loop.exec()
    run_s = time.perf_counter() - t0
    print(
        "error:",
        panel.error_label.text(),
        [(r.id, r.status, getattr(r, "error", None)) for r in session.project.runs],
        flush=True,
    )
    worst = max(gaps) * 1000
    n = len(gaps)
    over = sum(g > 0.1 for g in gaps)
    p99 = sorted(gaps)[int(0.99 * len(gaps))] * 1000
    p999 = sorted(gaps)[int(0.999 * len(gaps))] * 1000
    # a second fine-tune, cancelled once its fine-tune stage runs
    seen = []
    original = panel.on_event

    def spy(name, event):
        seen.append(getattr(event, "stage", "") or "")
        original(name, event)

    panel.on_event = spy
    panel.start_training()
    t_wait = time.perf_counter()
    while not any(s == "fine_tune" for s in seen) and time.perf_counter() - t_wait < 600:
        wait(0.2)
    print("stages seen:", sorted(set(seen)), flush=True)
    wait(3)
    t1 = time.perf_counter()
    panel.cancel_training()
    while panel.running and time.perf_counter() - t1 < 60:
        wait(0.02)
    stop_s = time.perf_counter() - t1
    runs = [(r.id, r.status) for r in session.project.runs]
    session.close_project() if hasattr(session, "close_project") else None
    from desktop_app.core.project import Project

    p = Project.open(str(folder / "project"), read_only=True)
    reopened = [(r.id, r.status) for r in p.runs]
    print(
        json.dumps(
            {
                "plan_worst_ms": round(plan_worst, 1),
                "run_s": round(run_s, 1),
                "worst_gap_ms": round(worst, 1),
                "ticks": n,
                "gaps_over_100ms": over,
                "p99_ms": round(p99, 1),
                "p999_ms": round(p999, 1),
                "load": Path("/proc/loadavg").read_text().split()[:3],
                "big": big,
                "cancel_to_stop_s": round(stop_s, 2),
                "runs": runs,
                "reopened": reopened,
                "finished": done,
            }
        )
    )


if __name__ == "__main__":
    main()
