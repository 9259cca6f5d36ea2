"""How the Reports tab and the printout show a report's values."""

from __future__ import annotations

import datetime as dt

from harmony_desktop.domain import i18n
from harmony_desktop.services.reports import Format
from harmony_desktop.services.reports.export import display_text


def test_dates_are_written_as_the_window_writes_them() -> None:
    day = dt.date(2026, 12, 3)
    assert display_text(day, Format.DATE) == "Thu 3 Dec 2026"
    assert display_text("2026-09-15", Format.DATE) == "Tue 15 Sep 2026"  # stored as text
    assert display_text("not a date", Format.DATE) == "not a date"  # shown as it is
    # a birth date without its weekday
    assert display_text(dt.date(2011, 2, 14), Format.BIRTH_DATE) == "14 Feb 2011"
    assert display_text("2011-02-14", Format.BIRTH_DATE) == "14 Feb 2011"
    i18n.set_language("es")
    assert display_text(day, Format.DATE) == "jue 3 dic 2026"
    assert display_text(dt.date(2011, 2, 14), Format.BIRTH_DATE) == "14 feb 2011"


def test_numbers_times_and_rates() -> None:
    assert display_text(2500, Format.INT) == "2,500"
    assert display_text(0.875, Format.RATE) == "87.5\u00a0%"
    assert display_text(12.5, Format.HOURS) == "12.50"
    assert display_text("16:15", Format.TIME) == "4:15\u202fPM"
    assert display_text(None, Format.DATE) == ""


def test_a_rate_reads_100_percent_only_when_it_is_100_percent() -> None:
    """Rounded to one place, 1,999 present of 2,000 (99.95 %) would read "100.0 %" on the
    tab and the printout, as if nobody had missed a session; it reads 99.9 %. Likewise
    1 of 3,000 (0.03 %) reads 0.1 %, not 0.0 %. The .csv keeps four places of the
    fraction under the same rule."""
    from harmony_desktop.services.reports.export import csv_text, shown_percent

    assert display_text(1999 / 2000, Format.RATE) == "99.9\u00a0%"
    assert display_text(0.9994, Format.RATE) == "99.9\u00a0%"
    assert display_text(1.0, Format.RATE) == "100.0\u00a0%"
    assert display_text(1 / 3000, Format.RATE) == "0.1\u00a0%"
    assert display_text(0.0, Format.RATE) == "0.0\u00a0%"
    assert display_text(2 / 3, Format.RATE) == "66.7\u00a0%"  # the rest rounds as before
    assert csv_text(19999 / 20000, Format.RATE) == "0.9999"  # 0.99995: not "1.0000"
    assert csv_text(1.0, Format.RATE) == "1.0000"
    assert csv_text(1 / 30000, Format.RATE) == "0.0001"  # 0.00003: not "0.0000"
    assert csv_text(0.0, Format.RATE) == "0.0000"
    assert csv_text(12 / 13, Format.RATE) == "0.9231"
    # the printout's charts label bars and means in whole percents
    assert shown_percent(0.996, 0) == 99 and shown_percent(1.0, 0) == 100
    assert shown_percent(0.004, 0) == 1 and shown_percent(0.0, 0) == 0
    assert shown_percent(0.5, 0) == 50


def test_months_are_written_in_words_and_kept_sortable_in_files() -> None:
    """The volunteers' hours per month: "Oct 2026" / "sep 2026" on screen and paper;
    the files keep "2026-10", which sorts."""
    assert display_text("2026-10", Format.MONTH) == "Oct 2026"
    assert display_text("2026-13", Format.MONTH) == "2026-13"  # not a month: as it is
    with i18n.using("es"):
        assert display_text("2026-09", Format.MONTH) == "sep 2026"
        assert display_text("2027-01", Format.MONTH) == "ene 2027"
    from harmony_desktop.services.reports.export import csv_text

    assert csv_text("2026-10", Format.MONTH) == "2026-10"


def test_a_list_of_days_is_written_in_words() -> None:
    assert display_text("2025-11-03; 2025-11-17", Format.DATES) == "3 Nov 2025; 17 Nov 2025"
    assert display_text("", Format.DATES) == ""
    assert display_text("soon; 2025-11-17", Format.DATES) == "soon; 2025-11-17"  # as it is
    with i18n.using("es"):
        assert display_text("2025-09-01; 2025-12-03", Format.DATES) == "1 sep 2025; 3 dic 2025"
