"""Structured logs: JSON lines, and never an exception's message (it may quote row values)."""

from __future__ import annotations

import json
import logging
import sys

from harmony_sync.server.logs import JsonFormatter


def test_exception_logged_without_its_message() -> None:
    name = "Zebe" + "dee"  # not in the source line the traceback quotes
    try:
        raise ValueError(f"student {name} Quill, born 2014-02-03")
    except ValueError:
        record = logging.getLogger("harmony_sync.test").makeRecord(
            "harmony_sync.test", logging.ERROR, __file__, 1, "storage error", (), None,
            extra={"event": "bug", "device": 3},
        )
        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert entry["event"] == "bug" and entry["device"] == 3 and entry["level"] == "error"
    assert entry["exception"] == "ValueError" and "test_logs.py" in entry["traceback"]
    assert "Zebedee" not in line
