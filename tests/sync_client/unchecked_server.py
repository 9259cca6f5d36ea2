"""Run ``harmony-sync`` as a server that stores pushed values without checking them.

    python -m tests.sync_client.unchecked_server serve ...

A server database can hold rows stored before the server checked values against the
shared schema (or written by another build). Such rows still reach laptops, and each
laptop must set them aside instead of stopping: the tests of that push them over HTTP
to this build. The server itself honours no such switch.
"""

from __future__ import annotations

import sys
from typing import Any

from harmony_sync import schema
from harmony_sync.server import cli


def _no_problems(table: str, values: dict[str, Any], *, complete: bool = False) -> list[Any]:
    return []


def main(argv: list[str]) -> int:
    """Turn the value check off, then run the ordinary command line."""
    schema.row_problems = _no_problems  # type: ignore[assignment]
    return cli.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
