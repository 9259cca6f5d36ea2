"""Printed documents through Qt printing (QPdfWriter / QPrinter)."""

from harmony_desktop.printing.documents import (
    DOCUMENT_KINDS,
    DocumentBuilder,
    document_title,
    render_document,
)

__all__ = ["DOCUMENT_KINDS", "DocumentBuilder", "document_title", "render_document"]
