"""Command-line entry point (filled in below)."""


def main() -> int:
    """Run the app."""
    return 0
