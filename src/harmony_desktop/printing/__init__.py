"""Printed documents through Qt printing (QPdfWriter / QPrinter)."""

from harmony_desktop.printing.documents import (
    DOCUMENT_KINDS,
    DocumentBuilder,
    check_meeting_day,
    document_title,
    meeting_days,
    render_document,
)

__all__ = [
    "DOCUMENT_KINDS",
    "DocumentBuilder",
    "check_meeting_day",
    "document_title",
    "meeting_days",
    "render_document",
]
