"""``harmony-desktop report`` writes every kind in every format from a small demo."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.cli import main
from harmony_desktop.services.reports.registry import kinds


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("demo")
    argv = ["--data-dir", str(data), "demo", "--hubs", "2", "--students", "40", "--years", "1",
            "--today", "2026-11-20"]  # fmt: skip
    assert main(argv) == 0
    return data


@pytest.mark.parametrize("kind", list(kinds()))
def test_every_kind_in_every_format(
    kind: str, demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = [c.key for c in kinds()[kind].sheets()[0].columns]
    for suffix in (".csv", ".xlsx", ".pdf"):
        out = tmp_path / f"{kind}{suffix}"
        argv = ["--data-dir", str(demo_dir), "report", kind, "--hub", "all",
                "--year", "2026-27" if kind != "retention" else "2025-26", "--out", str(out)]  # fmt: skip
        assert main(argv) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        printed = capsys.readouterr().out.split("\t")
        assert printed[0] == str(out) and int(printed[1]) >= 0
        if suffix == ".csv":
            with out.open(encoding="utf-8-sig", newline="") as handle:
                header = next(csv.reader(handle))
            assert header[: len(expected)] == expected  # the grid adds one column per date
        elif suffix == ".xlsx":
            book = load_workbook(out, read_only=True)
            first = next(book.worksheets[0].iter_rows(max_row=1, values_only=True))
            assert list(first[: len(expected)]) == expected
            assert book.sheetnames[-1] == "About"
        else:
            assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 2000
    if kind == "attendance":
        rows = list(csv.DictReader((tmp_path / "attendance.csv").open(encoding="utf-8-sig")))
        assert rows and all(r["hub"] for r in rows)


def test_bad_output_and_unknown_hub(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(demo_dir), "report", "attendance"]
    assert main([*base, "--out", "x.txt"]) == 2
    assert ".csv, .xlsx or .pdf" in capsys.readouterr().err
    assert main([*base, "--hub", "Nowhere", "--out", "x.csv"]) == 2
    assert "Nowhere" in capsys.readouterr().err
    assert not Path("x.csv").exists()


def test_a_sheet_too_long_to_print_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from harmony_desktop.printing import reports as printing
    from harmony_desktop.services.reports import Column, Report, Sheet

    monkeypatch.setattr(printing, "MAX_PRINTED_ROWS", 2)
    sheet = Sheet("s", "Long", [Column("a", "A"), Column("b", "B")], [["x", "y"]] * 3)
    (table,) = printing.report_tables(Report("k", "Title", "scope", [sheet]))
    assert table.rows == [] and "3 rows, too many to print" in table.empty_message
    assert table.title == "Title — Long" and table.columns == []  # no lone header cell


def test_a_sheet_too_wide_and_long_to_print_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from harmony_desktop.printing import reports as printing
    from harmony_desktop.services.reports import Column, Report, Sheet

    monkeypatch.setattr(printing, "MAX_PRINTED_CELLS", 8)
    columns = [Column("student_id", "Id"), Column("a", "A"), Column("b", "B"), Column("c", "C")]
    wide = Sheet("s", "Wide", columns, [["id", "x", "y", "z"]] * 3)  # 3 × 3 printed cells
    narrow = Sheet("t", "Narrow", columns[:3], [["id", "x", "y"]] * 3)  # 3 × 2: printed
    wide_table, narrow_table = printing.report_tables(Report("k", "Title", "scope", [wide, narrow]))
    assert wide_table.rows == []
    assert "3 rows and 3 columns, too many to print" in wide_table.empty_message
    assert narrow_table.rows == [["x", "y"]] * 3


def test_a_sheet_named_as_its_report_is_not_titled_twice() -> None:
    from harmony_desktop.printing import reports as printing
    from harmony_desktop.services.reports import Column, Report, Sheet

    sheet = Sheet("s", "Attendance grid", [Column("a", "A")], [["x"]])
    (table,) = printing.report_tables(Report("grid", "Attendance grid", "scope", [sheet]))
    assert table.title == "Attendance grid"


def test_help_says_what_each_kind_is_and_which_days_it_covers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A new user's ``report --help`` listed the kinds' names only ("which report") and
    said nothing of the days a report covers without --year: now each kind has its
    title and what it holds, and the default days are said."""
    with pytest.raises(SystemExit) as leaving:
        main(["report", "--help"])
    assert leaving.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "retention Retention. Students active in the year who are active again the next" in text
    assert "hours Hours of provision. Hours offered per ensemble" in text
    assert all(f" {name} " in text for name in kinds())
    assert (
        "With none of them a report covers this programme year to date; ases and leap the"
        " whole of this year, and retention the whole of the previous year" in text
    )
    from harmony_desktop.domain import i18n

    with i18n.using("es"), pytest.raises(SystemExit):
        main(["report", "--help"])
    spanish = " ".join(capsys.readouterr().out.split())
    assert "retention Retención. " in spanish and "Informes:" in spanish
    assert "Sin ninguno, un informe abarca este año del programa hasta hoy" in spanish
    # every option says what it takes, in the help's language, and --page-size what it is
    assert "--page-size {Letter,A4,letter,a4} tamaño del papel (por omisión: Letter)" in spanish
    assert "--from FECHA primer día" in spanish and "--year AÑO año del programa" in spanish
    assert "--out ARCHIVO el archivo que se escribe" in spanish
    assert "--ensemble CONJUNTO solo este conjunto" in spanish
