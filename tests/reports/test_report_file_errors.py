"""A report that cannot be written says so for a person, from the tab and the command
line: the file asked for (never the hidden ``.partial`` beside it), why, and what to do;
no errno, no traceback, and nothing left behind."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from harmony_desktop.cli import main
from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.printing.reports import render_report_pdf
from harmony_desktop.services.reports import Column, Report, Sheet
from harmony_desktop.services.reports.export import write_report


def small_report() -> Report:
    sheet = Sheet("s", "Hubs", [Column("hub", "Hub"), Column("n", "N")], [["Test Park", 3]])
    return Report("k", "Attendance", "All hubs (1) · 1 Sep 2026 to 30 Sep 2026", [sheet])


def write(path: Path) -> None:
    if path.suffix == ".pdf":
        render_report_pdf(small_report(), path)
    else:
        write_report(small_report(), path)


SUFFIXES = (".xlsx", ".csv", ".pdf")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_file_where_the_folder_should_be(tmp_path: Path, suffix: str) -> None:
    (tmp_path / "reports").write_text("not a folder")
    out = tmp_path / "reports" / f"attendance{suffix}"
    with pytest.raises(ValidationError) as raised:
        write(out)
    assert str(raised.value) == (
        f"Could not save {out}: a file stands where its folder should be. Choose another folder."
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_folder_of_that_name(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"attendance{suffix}"
    out.mkdir()
    with pytest.raises(ValidationError) as raised:
        write(out)
    assert str(raised.value) == f"{out} is a folder: choose a file name."
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no .partial left


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_workbook_open_elsewhere_or_a_read_only_folder(
    tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to replace a workbook Excel has open (PermissionError), as a
    read-only folder refuses a new file; root ignores chmod, so it is simulated."""
    out = tmp_path / f"attendance{suffix}"
    out.write_text("the old one, open in Excel")

    def refuse(self: Path, target: object) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(ValidationError) as raised:
        write(out)
    assert str(raised.value) == (
        f"Could not save {out}: this folder does not let you save files, or the file is "
        "open in another program (close it there and try again)."
    )
    assert out.read_text() == "the old one, open in Excel"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, target: object) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    out = tmp_path / "a.csv"
    with pytest.raises(ValidationError, match=r"^Could not save .*a\.csv: the disk is full\.$"):
        write(out)


def test_the_command_line_says_it_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "demo", "--hubs", "1", "--students", "10",
                 "--years", "1", "--today", "2026-11-20"]) == 0  # fmt: skip
    capsys.readouterr()
    (tmp_path / "out").write_text("not a folder")
    for suffix in SUFFIXES:
        out = tmp_path / "out" / f"attendance{suffix}"
        assert main(["--data-dir", str(data), "report", "attendance", "--out", str(out)]) == 2
        assert capsys.readouterr().err == (
            f"harmony-desktop: Could not save {out}: a file stands where its folder should "
            "be. Choose another folder.\n"
        )


def test_in_spanish(tmp_path: Path) -> None:
    from harmony_desktop.domain import i18n

    out = tmp_path / "asistencia.xlsx"
    out.mkdir()
    with i18n.using("es"), pytest.raises(ValidationError) as raised:
        write(out)
    assert str(raised.value) == f"{out} es una carpeta: elija un nombre de archivo."


def test_a_pdf_qt_cannot_open_or_a_printer_that_cannot_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt refuses to start painting (a file it cannot open, a printer switched off):
    said for a person, and nothing left behind."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter

    from harmony_desktop.printing.reports import ReportPainter

    render_report_pdf(small_report(), tmp_path / "warm-up.pdf")  # the QApplication
    (tmp_path / "warm-up.pdf").unlink()
    monkeypatch.setattr(QPainter, "begin", lambda painter, device: False)
    out = tmp_path / "attendance.pdf"
    with pytest.raises(ValidationError) as raised:
        render_report_pdf(small_report(), out)
    assert str(raised.value) == f"Could not save {out}. Choose another folder."
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValidationError) as raised:
        ReportPainter(small_report()).paint(QPrinter(QPrinter.PrinterMode.HighResolution))
    assert str(raised.value) == (
        "Could not print: the printer could not be used. Check that it is switched on and "
        "connected, then print again, or print to PDF instead."
    )
