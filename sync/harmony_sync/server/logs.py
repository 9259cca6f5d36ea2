"""Structured logs: one JSON object per line, never any row values or secrets."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

#: Environment variable with the log level of a server process started as a factory.
LOG_LEVEL_ENV = "HARMONY_SYNC_LOG_LEVEL"

#: Attributes of LogRecord that are not user-supplied ``extra`` fields.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "color_message",  # uvicorn's copy of the message with terminal colours
}


class JsonFormatter(logging.Formatter):
    """Format a record as a JSON line: time, level, logger, message and ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record``; ``extra={...}`` fields become top-level keys."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            # The type and the frames only: an exception's message may quote row values.
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(entry, default=str)


def configure(level: str = "INFO") -> None:
    """Send every log of the process (the server's, uvicorn's, SQLAlchemy's, any
    library's) to stderr as JSON lines, so no logged exception ever carries its message
    (a database error's message may quote a row's values)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    for name in ("harmony_sync", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
    # Our own request log replaces uvicorn's access log (which would repeat query strings).
    logging.getLogger("uvicorn.access").disabled = True
