"""Allows ``python -m infoint_tui``."""

from infoint_tui.cli import main

raise SystemExit(main())
