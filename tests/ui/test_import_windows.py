"""The import windows of the Volunteers tab and the Programme window ask how the file writes
dates with numbers, as the roster import does; and Needs review's table wraps a long
refusal instead of scrolling sideways (Spanish, 1280 pixels). Driven as a user would;
every name is generated, every expected date written out by hand."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlmodel import select

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.review import ReviewItem
from harmony_desktop.services.sheets import DAY_MONTH, MONTH_DAY
from harmony_desktop.store.models import Closure, Ensemble, Term
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme.window import ProgrammeWindow
from harmony_desktop.ui.sync.review import ReviewPage
from harmony_desktop.ui.tasks import TaskManager
from tests.factories import HubFixture
from tests.test_import_date_choice import both_orders_volunteers, clearances

TODAY = dt.date(2026, 8, 20)
WAIT = 20_000


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The window in Spanish, as the app sets it: Qt's translator and locale, and the
    services' language."""
    locale = QLocale("es_MX")
    assert install_translator(qapp, locale)
    QLocale.setDefault(locale)
    before = i18n.current_language()
    i18n.set_language("es")
    yield
    i18n.set_language(before)
    QLocale.setDefault(QLocale("en_US"))
    install_translator(qapp, QLocale("en_US"))


# -- the volunteer import ------------------------------------------------------------------


def test_the_volunteer_import_window_asks_the_order_of_a_file_with_both(
    qtbot: QtBot, window: MainWindow, services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    from harmony_desktop.ui.file_import import FileImportDialog  # (not on main: its failure)

    page = window.volunteers
    window.pages.setCurrentWidget(page)
    path = both_orders_volunteers(tmp_path)
    dialog = page.import_path(path)  # the window opens and checks the file at once
    assert isinstance(dialog, FileImportDialog)
    qtbot.waitUntil(lambda: "some dates" in dialog.summary.text(), timeout=WAIT)
    text = dialog.summary.text()
    assert text.startswith(
        "TB clearance: some dates are written day first (20/01/2025 on row 2) and some month "
        "first (01/22/2025 on row 3)"
    )
    assert 'Or say above, in "Dates written with numbers", how the file writes' in text
    assert dialog.date_order.hasFocus()
    assert not dialog.import_button.isEnabled()

    # Alt+D is the choice; Down picks day first, which checks the file again.
    with qtbot.waitSignal(dialog.checked, timeout=WAIT) as checked:
        qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(dialog.date_order, Qt.Key.Key_Down)
    assert dialog.date_order.order() == DAY_MONTH
    report = checked.args[0]
    assert (report.created, [r.line for r in report.rejected]) == (2, [3])
    assert [dialog.rejected_rows.item(0).text()] == [
        "row 3: 01/22/2025 is not a date when read day/month, the order chosen for this "
        "import (TB clearance): write the date as YYYY-MM-DD, or choose the other order."
    ]
    assert dialog.import_button.hasFocus()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)
    assert clearances(services.store) == {
        "Pia": (dt.date(2025, 1, 20), dt.date(2029, 1, 20)),
        "Sara": (dt.date(2025, 4, 3), dt.date(2029, 4, 3)),
    }
    dialog.reject()


# -- the set-up import ---------------------------------------------------------------------


def ambiguous_workbook(path: Path) -> Path:
    """Hubs, Ensembles, Calendar and Terms, every date typed as text that could be read
    day or month first."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    sheets = {
        "Hubs": [["Name"], ["Alder Park Hub"]],
        "Ensembles": [
            ["Hub", "Name", "Weekdays", "Start", "End", "First day", "Last day"],
            ["Alder Park Hub", "Beginning Strings", "Mon Wed", "15:30", "17:00", "08/09/2026",
             "06/05/2027"],
        ],
        "Calendar": [["Date", "Until", "Hub", "Reason"], ["02/11/2026", None, None, "Break"]],
        "Terms": [["Year", "Name", "First day", "Last day"],
                  ["2026-27", "Fall", "07/09/2026", "11/12/2026"]],
    }  # fmt: skip
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


def test_the_programme_windows_set_up_import_reads_dates_in_the_order_chosen(
    qtbot: QtBot, services: Services, tasks: TaskManager, tmp_path: Path
) -> None:
    programme = ProgrammeWindow(services, tasks, None, today=TODAY)
    qtbot.addWidget(programme)
    with qtbot.waitSignal(programme.codes.loaded, timeout=WAIT):
        programme.show()
    programme.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is programme, timeout=WAIT)
    # Ctrl+I from any page (no Alt+key is free on every page for it)
    qtbot.keyClick(
        QApplication.focusWidget() or programme, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: programme.import_dialog is not None, timeout=WAIT)
    dialog = programme.import_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Import a set-up workbook"
    dialog.date_order.choose(MONTH_DAY)  # before a file: nothing to check yet
    with qtbot.waitSignal(dialog.checked, timeout=WAIT) as checked:
        dialog.load_file(ambiguous_workbook(tmp_path / "programme.xlsx"))
    assert not checked.args[0].rejected
    assert any("as chosen for this import" in line for line in checked.args[0].dates)
    with qtbot.waitSignal(dialog.imported, timeout=WAIT):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    with services.store.read() as s:
        ensembles = [(e.first_day, e.last_day) for e in s.exec(select(Ensemble)).all()]
        closures = [c.date for c in s.exec(select(Closure)).all()]
        terms = [(t.first_day, t.last_day) for t in s.exec(select(Term)).all()]
    assert ensembles == [(dt.date(2026, 8, 9), dt.date(2027, 6, 5))]
    assert closures == [dt.date(2026, 2, 11)]
    assert terms == [(dt.date(2026, 7, 9), dt.date(2026, 11, 12))]
    dialog.reject()
    programme.close()


# -- Needs review: a long refusal wraps ----------------------------------------------------


class _Tasks(QObject):
    changed = Signal(object, object)


def refusal(number: int, reason: str) -> ReviewItem:
    return ReviewItem(
        id=f"r{number}",
        kind="rejected",
        table="student",
        row_id=f"s{number}",
        field_name=None,
        losing_value={"first_name": "Noa"},
        winning_value={"code": "custom", "reason": reason},
        what=f"Alumna Prueba {number}",
        detected_at="2026-09-14T17:05:00+00:00",
        in_use={"first_name": "Noa", "last_name": "Prieto Luna"},
    )


LONG_REASON = (
    "El servidor de sincronización rechazó este cambio porque el registro pertenece a otra "
    "sede en el servidor y esta computadora portátil no puede cambiar los registros de esa "
    "sede; pida a la oficina del programa que revise a qué sede pertenece el registro."
)


@pytest.mark.parametrize("screen", [1280, 1024])
def test_needs_review_wraps_a_long_spanish_refusal_at_1280_pixels(
    qtbot: QtBot, spanish: None, qtmodeltester, screen: int
) -> None:  # type: ignore[no-untyped-def]
    """(and on a 1024-pixel netbook)"""
    page = ReviewPage(types.SimpleNamespace(tasks=_Tasks()))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page._loaded(([refusal(1, LONG_REASON), refusal(2, "Corto.")], []))
    page.resize(screen - 40, 520)  # the window's page, less the tabs' frame
    page.show()
    qtbot.waitExposed(page)
    table = page.table
    qtmodeltester.check(page.model)
    header = table.horizontalHeader()
    widths = sum(header.sectionSize(c) for c in range(header.count()))
    assert widths <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    line = table.fontMetrics().height()
    # The long reason's row grows to three lines or more; the short one stays one line.
    assert table.rowHeight(0) >= 3 * line
    assert table.rowHeight(1) < 2 * line + 8
    other = page.model.COLUMNS.index("other")
    assert page.model.index(0, other).data().startswith("El servidor de sincronización")
    # The keyboard still goes from row to row and to the button that acts on it.
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    assert page.dismiss.isEnabled() and page.dismiss.text() == "Descartar"
    # The short texts keep their width: "Alumna Prueba 2" is not wrapped.
    record = page.model.COLUMNS.index("what")
    assert table.columnWidth(record) >= table.fontMetrics().horizontalAdvance("Alumna Prueba 2")
