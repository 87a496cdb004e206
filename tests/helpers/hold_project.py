"""Hold a project open for writing in another process (the two-process lock tests).

    python -m tests.helpers.hold_project PROJECT_DIR

Opens the project as the window does (taking its lock), prints `held <run id>` after starting a
run, then waits for lines on stdin: `end-run` records the run as cancelled (and prints `ended`),
`exit` (or the end of input) closes the project. Killing it tests the stale-lock recovery.
"""

from __future__ import annotations

import sys

from desktop_app.core.project import Project


def main(argv: list[str]) -> int:
    project = Project.open(argv[0])
    project.add_class("held-class")
    project.save()
    run = project.start_run({"backbone": "scratch-cnn"})
    print(f"held {run.id}", flush=True)
    for line in sys.stdin:
        if line.strip() == "end-run":
            project.end_run(run.id, "cancelled")
            print("ended", flush=True)
        elif line.strip() == "exit":
            break
    project.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
