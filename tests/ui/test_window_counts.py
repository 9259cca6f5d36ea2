"""Counts and dates in the window, in English and Spanish: one thing is counted in the
singular ("1 change waiting", "1 cambio pendiente", not "1 changes" nor "1 change(s)"),
and a date the user reads is written as the window's language writes it ("15 Aug
2026", "15 ago 2026"), not as ISO "2026-08-15"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.services.importing import ImportReport
from harmony_desktop.services.setup_import import SetupReport, SheetReport
from harmony_desktop.services.sync import SyncStatus
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.events import models as events
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.programme import pages as programme
from harmony_desktop.ui.register import models as register
from harmony_desktop.ui.sync import review, status
from harmony_desktop.ui.volunteers import model as volunteers
from harmony_desktop.ui.volunteers.dialog import VolunteerDialog
from tests.factories import HubFixture
from tests.ui.conftest import TODAY
from tests.ui.test_volunteer_shifts import REAL_TODAY, add_volunteer

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}


def written(day: dt.date, code: str) -> str:
    """``day`` as the window writes it, spelt out here by hand: "15 Aug 2026"."""
    return f"{day.day} {MONTHS[code][day.month - 1]} {day.year}"


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The window in English, then in Spanish (English again afterwards)."""
    code: str = request.param
    assert install_translator(qapp, QLocale(i18n.LOCALES[code]))
    yield code
    install_translator(qapp, QLocale("en_US"))


Tr = Callable[..., str]
# (the module's tr, the source, n, English, Spanish)
PLURALS: list[tuple[Tr, str, int, str, str]] = [
    (status.tr, "%n change(s) waiting", 1, "1 change waiting", "1 cambio pendiente"),
    (status.tr, "%n change(s) waiting", 2, "2 changes waiting", "2 cambios pendientes"),
    (
        status.tr,
        "End of the day: %n change(s) not synced yet. Sync before you leave?",
        1,
        "End of the day: 1 change not synced yet. Sync before you leave?",
        "¿Sincronizar antes de irse? Fin del día: 1 cambio todavía sin sincronizar.",
    ),
    (review.tr, "%n possible duplicate(s)", 1, "1 possible duplicate", "1 posible duplicado"),
    (review.tr, "%n possible duplicate(s)", 3, "3 possible duplicates", "3 posibles duplicados"),
    (volunteers.tr, "%n volunteer(s)", 1, "1 volunteer", "1 voluntario"),
    (volunteers.tr, "%n active not cleared", 1, "1 active not cleared", "1 activo sin autorización"),
    (volunteers.tr, "in %n day(s)", 1, "in 1 day", "en 1 día"),
    (volunteers.tr, "expired %n day(s) ago", 5, "expired 5 days ago", "venció hace 5 días"),
    (register.tr, "Mark %n present", 1, "Mark 1 present", "Marcar 1 presente"),
    (register.tr, "Mark %n present", 4, "Mark 4 present", "Marcar 4 presentes"),
    (
        register.tr,
        "⚠ %n past session(s) missing roll:",
        1,
        "⚠ 1 past session is missing roll:",
        "⚠ A 1 sesión pasada le falta la asistencia:",
    ),
    (
        register.tr,
        "{recorded} of %n student(s) marked",
        1,
        "{recorded} of 1 student marked",
        "{recorded} de 1 estudiante marcado",
    ),
    (register.tr, "Roll taken: all %n marked", 1, "Roll taken: 1 marked", "Asistencia tomada: 1 marcado"),
    (events.tr, "%n family(ies)", 1, "1 family", "1 familia"),
    (events.tr, "%n adult(s)", 2, "2 adults", "2 adultos"),
    (
        programme.tr,
        "%n student(s) from the waitlist took the new places.",
        1,
        "1 student from the waitlist took a new place.",
        "1 estudiante de la lista de espera ocupó un lugar nuevo.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("tr", "source", "n", "english", "spanish"), PLURALS)
def test_a_count_takes_the_form_its_number_needs(
    language: str, tr: Tr, source: str, n: int, english: str, spanish: str
) -> None:
    assert tr(source, "", n) == (english if language == "en" else spanish)


def test_the_status_bar_counts_one_change_in_the_singular(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    win = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    try:
        bar = win.sync_ui.status
        for pending, english, spanish in [
            (1, "1 change waiting", "1 cambio pendiente"),
            (12, "12 changes waiting", "12 cambios pendientes"),
        ]:
            bar.show_status(SyncStatus(True, "https://sync.example.org", None, pending, None, 0))
            assert bar.pending_label.text() == (english if language == "en" else spanish)
        # The register's day title names the year in both languages.
        assert (
            win.register.sessions.title.text()
            == {
                "en": "Today, Monday 14 September 2026",
                "es": "Hoy, lun 14 de septiembre de 2026",
            }[language]
        )
    finally:
        win.close()


def test_the_volunteers_tab_counts_and_dates_one_volunteer(
    qtbot: QtBot, services: Services, hub: HubFixture, language: str
) -> None:
    tomas = add_volunteer(services, hub, "Tomas", tb_expired=True)
    tb = next(c for c in services.volunteers.get(tomas).clearances if c.expires_on
              and c.expires_on < REAL_TODAY)  # fmt: skip
    assert tb.expires_on is not None
    expired = tb.expires_on
    win = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    try:
        page = win.volunteers
        with qtbot.waitSignal(page.loaded, timeout=20_000):
            win.pages.setCurrentWidget(page)
            page.reload()
        assert (
            page.count.text()
            == {
                "en": "1 volunteer · 1 active not cleared",
                "es": "1 voluntario · 1 activo sin autorización",
            }[language]
        )
        days = (REAL_TODAY - expired).days
        assert page.expiring_model.index(0, volunteers.ExpiringColumn.EXPIRES).data() == (
            written(expired, language)
        )
        assert (
            page.expiring_model.index(0, volunteers.ExpiringColumn.WHEN).data()
            == {
                "en": f"expired {days} days ago",
                "es": f"venció hace {days} días",
            }[language]
        )
        assert (
            page.model.index(0, volunteers.VolunteerColumn.DETAILS).data()
            == {
                "en": f"TB clearance: expired on {written(expired, 'en')}",
                "es": f"Constancia de prueba de tuberculosis (TB): venció el {written(expired, 'es')}",
            }[language]
        )
        # The form's date boxes write the dates as the window does.
        page.expiring_view.doubleClicked.emit(page.expiring_model.index(0, 0))
        form = page.active_dialog
        assert isinstance(form, VolunteerDialog)
        row = next(r for r in form.clearance_rows if r.kind.code == "tb")
        assert row.expires_on.text() == written(expired, language)
        form.reject()
    finally:
        win.close()


def test_the_expired_clearance_message_writes_its_date() -> None:
    from harmony_desktop.services.volunteers import ClearanceInfo, ClearanceState

    info = ClearanceInfo(
        "tb", "TB clearance", True, dt.date(2022, 8, 15), dt.date(2026, 8, 15), "",
        ClearanceState.EXPIRED,
    )  # fmt: skip
    assert info.problem() == "TB clearance: expired on 15 Aug 2026"
    with i18n.using("es"):
        assert info.problem() == "TB clearance: venció el 15 ago 2026"


def test_an_import_summary_agrees_each_count_in_spanish() -> None:
    report = ImportReport(created=1, updated=2, unchanged=0, applied=True, enrolled=1)
    assert report.summary() == (
        "1 created, 2 updated, 0 unchanged, 0 rejected. 1 enrolled in ensembles, 0 waitlisted."
    )
    with i18n.using("es"):
        assert report.summary() == (
            "1 creado, 2 actualizados, 0 sin cambios, 0 rechazados."
            " 1 inscrito en conjuntos, 0 en lista de espera."
        )
        dry = ImportReport(created=1, updated=1, unchanged=1)
        assert dry.summary() == "1 por crear, 1 por actualizar, 1 sin cambios, 0 rechazados."
        setup = SetupReport(sheets=[SheetReport("Sedes", "Sedes", created=1, unchanged=3)])
        assert setup.summary() == "Sedes: 1 por crear, 0 por actualizar, 3 sin cambios."


def test_the_review_page_writes_when_a_change_was_detected(language: str) -> None:
    # A stamp without a zone is read as local time.
    assert (
        review.show_when("2026-09-14T17:05:00")
        == {
            "en": "Mon 14 Sep 2026 5:05\u202fPM",
            "es": "lun 14 sep 2026 5:05\u202fp.m.",
        }[language]
    )
