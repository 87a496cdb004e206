"""The frozen app's entry point: the same command line as `python -m desktop_app`."""

import multiprocessing
import sys

from desktop_app.cli import main

if __name__ == "__main__":
    # The Train tab trains in a spawned child process: in the frozen app that child is this
    # executable again, and freeze_support() turns it into the child instead of a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
