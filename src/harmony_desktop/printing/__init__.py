"""Printed documents through Qt printing (QPdfWriter / QPrinter)."""

from harmony_desktop.printing.qtcompat import make_none_immortal

make_none_immortal()

# isort: split

from harmony_desktop.printing.documents import (
    DOCUMENT_KINDS,
    DocumentBuilder,
    document_title,
    render_document,
)

__all__ = ["DOCUMENT_KINDS", "DocumentBuilder", "document_title", "render_document"]
