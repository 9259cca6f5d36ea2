"""``harmony-desktop`` and ``python -m harmony_desktop``: see :mod:`harmony_desktop.cli`."""

from __future__ import annotations

import sys

from harmony_desktop.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
