"""A report written to .xlsx keeps its values' types: dates are dates, numbers numbers,
flags booleans; texts stay texts; the file is the owner's alone, and a failure leaves
nothing behind."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from harmony_desktop.services.reports import Column, Format, Report, Sheet
from harmony_desktop.services.reports.export import rate_decimals, write_report


def _report(rows: list[list[object]]) -> Report:
    sheet = Sheet(
        "main",
        "Main: [all]",
        [Column("day", "Day", Format.DATE), Column("name", "Name"),
         Column("n", "N", Format.INT), Column("rate", "Rate", Format.RATE),
         Column("hours", "Hours", Format.HOURS), Column("flag", "Flag", Format.BOOL)],
        rows,
    )  # fmt: skip
    second = Sheet("more", "Main: [all]", [Column("a", "A")], [["x"]])
    return Report("k", "A title", "All hubs", [sheet, second], notes=["A note."])


def test_values_keep_their_types(tmp_path: Path) -> None:
    out = write_report(
        _report([
            [dt.date(2025, 9, 2), "Lopez, Luis", 12, 0.75, 3.5, True],
            [None, "=1+1", 0, None, 0.0, False],
            [dt.date(2026, 1, 31), "", None, 1.0, None, None],
        ]),
        tmp_path / "r.xlsx",
        exported_on=dt.date(2026, 12, 4),
    )  # fmt: skip
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]  # no row files left
    book = load_workbook(out)
    assert book.sheetnames == ["Main all", "Main all (2)", "About"]
    ws = book["Main all"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["day", "name", "n", "rate", "hours", "flag"]
    assert ws["A1"].font.bold
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2)] == [
        [dt.datetime(2025, 9, 2), "Lopez, Luis", 12, 0.75, 3.5, True],
        [None, "'=1+1", 0, None, 0, False],
        [dt.datetime(2026, 1, 31), None, None, 1, None, None],
    ]
    assert ws["A2"].is_date and ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["D2"].number_format == RATE_FORMAT and ws["E2"].number_format == "0.00"
    assert ws["B3"].data_type == "s"  # a text, never a formula
    assert [r[0].value for r in book["About"].iter_rows()] == [
        "A title", "All hubs", "A note.",
        "Exported Fri 4 Dec 2026 · Harmony Desktop"]  # fmt: skip


RATE_FORMAT = "0.0%"


def test_a_rate_just_under_100_percent_keeps_its_value_and_never_reads_100(
    tmp_path: Path,
) -> None:
    """1,999 present of 2,000 is 99.95 %: one decimal would print 100.0%, so the cell
    shows two (99.95%), 199,999 of 200,000 three; the cell keeps the exact rate for sums
    and formulas, and no format holds a literal number (a spreadsheet that writes
    decimal commas shows 99,95 %)."""
    out = write_report(
        _report([[None, "a", 0, 1999 / 2000, None, None], [None, "b", 0, 1.0, None, None],
                 [None, "c", 0, 199_999 / 200_000, None, None],
                 [None, "d", 0, 0.9994, None, None]]),
        tmp_path / "r.xlsx",
    )  # fmt: skip
    ws = load_workbook(out)["Main all"]
    assert (ws["D2"].value, ws["D2"].number_format) == (0.9995, "0.00%")
    assert (ws["D3"].value, ws["D3"].number_format) == (1, RATE_FORMAT)
    assert (ws["D4"].value, ws["D4"].number_format) == (0.999995, "0.0000%")
    assert (ws["D5"].value, ws["D5"].number_format) == (0.9994, RATE_FORMAT)  # 99.9%
    assert not any('"' in ws[f"D{r}"].number_format for r in range(2, 6))


def test_a_rate_just_above_0_percent_keeps_its_value_and_never_reads_0(
    tmp_path: Path,
) -> None:
    """1 present of 2,001 is 0.04998 %: one decimal prints 0.0%, which the tab and the
    printout never show for a rate above 0; the cell shows 0.05% and keeps the exact
    rate, so a column of rates still sums and averages."""
    out = write_report(
        _report([[None, "a", 0, 1 / 2001, None, None], [None, "b", 0, 0.0, None, None],
                 [None, "c", 0, 0.0006, None, None], [None, "d", 0, 1 / 300_001, None, None]]),
        tmp_path / "r.xlsx",
    )  # fmt: skip
    ws = load_workbook(out)["Main all"]
    assert ws["D2"].value == pytest.approx(1 / 2001)
    assert ws["D2"].number_format == "0.00%"  # 0.05%
    # 0 is 0.0%; 0.06 % rounds to 0.1% by itself
    assert (ws["D3"].value, ws["D3"].number_format) == (0, RATE_FORMAT)
    assert (ws["D4"].value, ws["D4"].number_format) == (0.0006, RATE_FORMAT)
    assert ws["D5"].number_format == "0.0000%"  # 0.0003%


@pytest.mark.parametrize(
    ("rate", "decimals"),
    [(0.5, 1), (0.9994, 1), (0.9995, 2), (0.99949, 1), (0.99995, 3), (1.0, 1), (0.0, 1),
     (0.0006, 1), (0.0005, 2), (0.0004, 2), (0.00005, 3), (1e-12, 8)],
)  # fmt: skip
def test_rate_decimals_are_the_fewest_that_never_read_0_or_100(rate: float, decimals: int) -> None:
    assert rate_decimals(rate) == decimals


def test_a_failure_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        write_report(_report([[None, object(), 1, None, None, None]]), tmp_path / "r.xlsx")
    assert list(tmp_path.iterdir()) == []


class Cancelled(Exception):
    pass


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_progress_is_heard_and_a_cancel_leaves_nothing(
    suffix: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harmony_desktop.services.reports import export

    monkeypatch.setattr(export, "PROGRESS_ROWS", 2)
    rows: list[list[object]] = [[None, f"n{i}", i, None, None, None] for i in range(5)]
    heard: list[tuple[str, int, int]] = []
    write_report(_report(rows), tmp_path / f"r{suffix}", progress=lambda *a: heard.append(a))
    # five rows of the first sheet in runs of two, then the second sheet's one row
    assert heard == [("Main: [all]", 0, 6), ("Main: [all]", 2, 6), ("Main: [all]", 4, 6),
                     ("Main: [all]", 5, 6)]  # fmt: skip

    def cancel(_phase: str, done: int, _total: int) -> None:
        if done >= 5:  # the first sheet is written, the second not yet
            raise Cancelled

    folder = tmp_path / "cancelled"
    folder.mkdir()
    with pytest.raises(Cancelled):
        write_report(_report(rows), folder / f"r{suffix}", progress=cancel)
    assert list(folder.iterdir()) == []  # no file, no half file, no row files


def test_csv_cells(tmp_path: Path) -> None:
    import csv

    write_report(
        _report([[dt.date(2025, 9, 2), "=1+1", 12, 0.92314, 3.5, True],
                 [None, "-x", None, None, None, False]]),
        tmp_path / "r.csv",
    )  # fmt: skip
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [
            ["day", "name", "n", "rate", "hours", "flag"],
            ["2025-09-02", "'=1+1", "12", "0.9231", "3.50", "yes"],
            ["", "'-x", "", "", "", "no"],
        ]
    assert (tmp_path / "r-more.csv").read_bytes() == b"\xef\xbb\xbfa\r\nx\r\n"


@pytest.mark.parametrize(
    ("values", "groups", "hundredths"),
    [
        # three thirds: 33.33 each, 99 rounded down, the hundredth left over to the first
        ([1 / 3, 1 / 3, 1 / 3], None, [34, 33, 33]),
        # 0.125 + 0.125 = 0.25: 12 + 12 rounded down, one left, the first takes it
        ([0.125, 0.125], None, [13, 12]),
        # 0.004 + 0.004 + 0.004 = 0.012, which is 0.01: one row holds it
        ([0.004, 0.004, 0.004], None, [1, 0, 0]),
        # exact hundredths stay as they are; an empty cell stays empty
        ([2.5, None, 0.0, 1.25], None, [250, None, 0, 125]),
        # hub A 2/3 h (66.67) and hub B 1/3 h (33.33) make 1.00: A takes the leftover
        # hundredth (its remainder .67 beats .33), 67 = 34 + 33 within A, B 33
        ([1 / 3, 1 / 3, 1 / 3], [("A",), ("A",), ("B",)], [34, 33, 33]),
        # B first in the rows, still B 33 and A 67
        ([1 / 3, 1 / 3, 1 / 3], [("B",), ("A",), ("A",)], [33, 34, 33]),
        # 0.555 + 0.445 (1.00): 55.5 and 44.5, equal remainders, the first row rounds up
        ([0.555, 0.445], None, [56, 44]),
    ],
)
def test_csv_hours_add_up_to_their_total(
    values: list[float | None], groups: list[tuple[str, ...]] | None, hundredths: list[int | None]
) -> None:
    from harmony_desktop.services.reports.export import footed_hundredths

    assert footed_hundredths(values, groups) == hundredths


def test_csv_hours_columns_foot_by_hub(tmp_path: Path) -> None:
    """Each hub's rows of a .csv add up to the hub's hours rounded as the hub's own
    sheet rounds them; the whole column to the total."""
    import csv

    sheet = Sheet("rows", "Rows", [Column("hub", "Hub"), Column("hours", "H", Format.HOURS)],
                  [["North", 1 / 3], ["South", 1 / 3], ["North", 1 / 3], ["South", 1 / 6]])  # fmt: skip
    hubs = Sheet("by_hub", "Hubs", [Column("hub", "Hub"), Column("hours", "H", Format.HOURS)],
                 [["North", 2 / 3], ["South", 1 / 2]])  # fmt: skip
    write_report(Report("k", "T", "S", [sheet, hubs]), tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [(r["hub"], r["hours"]) for r in csv.DictReader(handle)]
    # 7/6 h = 1.17 in all; North 66.67 → 67 (34 + 33), South 50.00 → 50 (33 + 17)
    assert rows == [("North", "0.34"), ("South", "0.33"), ("North", "0.33"), ("South", "0.17")]
    with (tmp_path / "r-by_hub.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [(r["hub"], r["hours"]) for r in csv.DictReader(handle)] == [
            ("North", "0.67"), ("South", "0.50")]  # fmt: skip


def test_csv_hub_rows_foot_to_their_programme_row(tmp_path: Path) -> None:
    """A sheet's programme row (``totals``: attendance's "All hubs") is what the hubs'
    rows foot to, not one more hub: North 10 h 10 s and South 20 h 10 s are 30 h 20 s,
    30.01 h (30.0056). Footed as a third group the column would add up to 60.01 and its
    spare hundredth go to the largest remainder, the programme's (0.56 of a hundredth,
    the hubs' 0.28): 10.00 + 20.00 under a total of 30.01. The hubs foot to 30.01."""
    import csv

    north, south = (36_010 / 3600, 72_010 / 3600)
    sheet = Sheet(
        "by_hub", "Hubs", [Column("hub", "Hub"), Column("hours", "H", Format.HOURS)],
        [["North", north], ["South", south], ["All hubs", north + south]], totals=1,
    )  # fmt: skip
    write_report(Report("k", "T", "S", [sheet]), tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = [(r["hub"], r["hours"]) for r in csv.DictReader(handle)]
    assert rows == [("North", "10.01"), ("South", "20.00"), ("All hubs", "30.01")]


def test_columns_are_as_wide_as_what_their_cells_show(tmp_path: Path) -> None:
    """A column is as wide as its key or its widest cell as the spreadsheet shows it
    (plus 2), over every row: a rate of 14/15 shows "93.3%", not its eighteen digits
    (0.9333333333333333) that made its column 20 wide; hours show two decimals
    ("1234.57": 7 characters, so the key's 8 wins); a code shows its words ("Regular
    attendees (days attended)": 33, not "regular_attendees": 17, which cut the words
    short); and a hub's name on row 300 counts (only the first 200 rows did)."""
    from harmony_desktop.services.reports.labels import band_measure_label

    rows: list[list[object]] = [["North", "hours", 14 / 15, 1234.5666666666666]] * 299
    rows = [*rows, ["Highland Park Community Center", "regular_attendees", None, None]]
    sheet = Sheet(
        "bands",
        "Bands",
        [Column("hub", "Hub"), Column("measure", "Measure", labels=band_measure_label),
         Column("rate", "Rate", Format.RATE), Column("hours", "Hours", Format.HOURS)],
        rows,
    )  # fmt: skip
    out = write_report(Report("k", "A title", "All hubs", [sheet]), tmp_path / "w.xlsx")
    ws = load_workbook(out)["Bands"]
    # XlsxWriter stores a width of n characters as n + 0.71 (its cell padding), and
    # neighbours of one width as one range (openpyxl keys it by its first column)
    widths = {
        "ABCD"[i - 1]: round(dim.width)
        for dim in ws.column_dimensions.values()
        for i in range(dim.min, dim.max + 1)
    }
    assert widths == {"A": 30 + 2 + 1, "B": 33 + 2 + 1, "C": 8 + 2 + 1, "D": 8 + 2 + 1}


def test_the_about_sheet_says_the_day_it_was_exported(tmp_path: Path) -> None:
    """A funder reading a spreadsheet of the year in progress needs the day its figures
    are from: the About sheet ends with it, as a printout's every page does, in the
    export's language ("Exported Fri 4 Dec 2026", "Exportado vie 4 dic 2026")."""
    from harmony_desktop.domain import i18n

    report = _report([[dt.date(2025, 9, 2), "Lopez, Luis", 12, 0.75, 3.5, True]])
    out = write_report(report, tmp_path / "r.xlsx", exported_on=dt.date(2026, 12, 4))
    about = [r[0].value for r in load_workbook(out)["About"].iter_rows()]
    assert about[-1] == "Exported Fri 4 Dec 2026 · Harmony Desktop"
    with i18n.using("es"):
        out = write_report(report, tmp_path / "es.xlsx", exported_on=dt.date(2026, 12, 4))
    about = [r[0].value for r in load_workbook(out)["Acerca de"].iter_rows()]
    assert about[-1] == "Exportado vie 4 dic 2026 · Harmony Desktop"
