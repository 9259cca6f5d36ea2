"""Printed documents through Qt printing (QPdfWriter / QPrinter)."""

from harmony_desktop.printing.documents import (
    DOCUMENT_KINDS,
    DocumentBuilder,
    document_title,
    render_document,
)
from harmony_desktop.printing.qtcompat import make_none_immortal

# Before any painting: see qtcompat (PySide6 6.12 on Python 3.11 drops references to None).
make_none_immortal()

__all__ = ["DOCUMENT_KINDS", "DocumentBuilder", "document_title", "render_document"]
