"""`python -m desktop_app` → the command line (no arguments opens the window)."""

import sys

try:
    from desktop_app.cli import main
except KeyboardInterrupt:  # Ctrl+C before the command line is even loaded
    print("cancelled", file=sys.stderr)
    exec("None")  # clears CPython's "unhandled Ctrl+C" flag (see cli.reporter.cancelled)
    sys.exit(130)

sys.exit(main())
