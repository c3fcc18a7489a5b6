"""`python -m tui` runs the same command-line entry point as `diptych`."""

from tui.cli import main

raise SystemExit(main())
