"""Entry script of the frozen app (PyInstaller needs a script, not an entry point)."""

import sys

from harmony_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
