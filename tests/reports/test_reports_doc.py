"""docs/REPORTS.md defines every report kind's sheets and columns by their stable keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from harmony_desktop.services.reports.registry import kinds

DOC = Path(__file__).resolve().parents[2] / "docs" / "REPORTS.md"


@pytest.mark.parametrize("name", list(kinds()))
def test_every_sheet_and_column_is_documented(name: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    heading = f"\n## `{name}`\n"
    assert heading in text, f"docs/REPORTS.md has no section for {name!r}"
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    sheets = kinds()[name].sheets()
    missing = [
        f"{sheet.key}.{column.key}"
        for sheet in sheets
        for column in sheet.columns
        if f"`{column.key}`" not in section
    ]
    # A kind with one sheet may leave its sheet's key unsaid.
    if len(sheets) > 1:
        missing += [sheet.key for sheet in sheets if f"`{sheet.key}`" not in section]
    assert missing == []
