"""harmony-sync command line (filled in by the server work)."""


def main() -> int:
    """Run the server command line."""
    return 0
