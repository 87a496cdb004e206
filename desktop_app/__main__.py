"""`python -m desktop_app` → the command line (no arguments opens the window)."""

import sys

from desktop_app.cli import main

sys.exit(main())
