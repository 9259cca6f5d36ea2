"""The register on a laptop whose clock is ahead of what the sync server last vouched
for: a band above the day says so before the roll (red when the server found it ahead,
amber when only a long time without a sync says so), names the days in words, and never
asks nor takes the keyboard: the roll goes on. A laptop never compared says nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings as local
from harmony_desktop.ui.app import install_translator
from harmony_desktop.ui.register.clock_ahead import ClockAheadBanner
from tests.factories import HubFixture
from tests.ui.test_clock_behind import RECORDED, ms, open_window
from tests.ui.test_clock_behind import recorded_hub as recorded_hub  # the fixtures
from tests.ui.test_clock_behind import zone as zone

#: The sync at home, refused: the server's clock said Friday 4 December 2026, 13:00 in
#: Mexico City, this laptop's a year on (its year mistyped).
SERVER = dt.datetime(2026, 12, 4, 19, 0, tzinfo=dt.UTC)
YEAR = dt.timedelta(days=365)
#: Three days later in the park: Monday 6 December 2027, 15:40 in Mexico City.
PARK = SERVER + YEAR + dt.timedelta(days=2, hours=2, minutes=40)


def test_a_clock_the_server_found_a_year_ahead_shows_the_red_band(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    services.store.settings.set(
        local.SYNC_CLOCK_SEEN, {"server_ms": ms(SERVER), "here_ms": ms(SERVER + YEAR)}
    )
    window = open_window(qtbot, services, recorded_hub, PARK)
    page = window.register
    try:
        band = page.clock_ahead_banner
        assert band.isVisible() and not page.clock_banner.isVisible()
        assert band.styleSheet().count("#b00020") == 1  # red
        assert band.label.text() == (
            "<b>⚠ This computer's date is ahead.</b> It says Monday 6 December 2027, but "
            "when it last reached the sync server, the server's date was Friday 4 December "
            "2026, and this computer's clock was ahead of it. Today is probably Sunday 6 "
            "December 2026: marks taken now would be saved on the wrong day. Set the date "
            "and time in this computer's settings, then close and reopen Harmony."
        )
        assert page.clock_behind is None  # never asked before a mark
        assert not band.hasFocus() and not band.label.hasFocus()
    finally:
        window.close()


def test_the_amber_band_after_a_year_without_a_sync_in_english_and_spanish(qtbot: QtBot) -> None:
    from harmony_desktop.services.clock_check import ClockAhead

    synced = dt.datetime(2026, 1, 10, 18, tzinfo=dt.UTC)
    found = ClockAhead(synced + YEAR, synced, certain=False)
    band = ClockAheadBanner()
    band.show_ahead(found)
    assert band.styleSheet().count("#b26a00") == 1  # amber
    assert band.label.text() == (
        "<b>⚠ Check this computer's date.</b> It says Sunday 10 January 2027, but this "
        "computer last reached the sync server on Saturday 10 January 2026, more than ten "
        "months ago. If Sunday 10 January 2027 is wrong, set the date and time in this "
        "computer's settings, then close and reopen Harmony. If it is right, take roll as "
        "usual, and sync when you can."
    )
    band.show_ahead(None)
    assert band.isHidden()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translator(app, QLocale("es_MX"))
    try:
        band.show_ahead(found)
        spanish = band.label.text()
    finally:
        i18n.set_language(None)
        install_translator(app, QLocale("en_US"))
    assert spanish == (
        "<b>⚠ Revise la fecha de esta computadora.</b> Muestra el dom 10 de enero de 2027, "
        "pero esta computadora se conectó por última vez con el servidor de sincronización "
        "el sáb 10 de enero de 2026, hace más de diez meses. Si el dom 10 de enero de 2027 "
        "está mal, corrija la fecha y la hora en la configuración de esta computadora y "
        "luego cierre y vuelva a abrir Harmony. Si está bien, tome asistencia como siempre "
        "y sincronice cuando pueda."
    )


def test_a_laptop_never_compared_shows_no_band(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    services.store.settings.set(local.SYNC_LAST_SUCCESS, None)
    window = open_window(qtbot, services, recorded_hub, RECORDED + 2 * YEAR)
    try:
        assert not window.register.clock_ahead_banner.isVisible()
    finally:
        window.close()


def test_the_red_band_stays_while_the_clock_is_turned_back_only_partly(
    qtbot: QtBot, services: Services, recorded_hub: HubFixture
) -> None:
    """The red band is up; the teacher sets the year right but leaves the month a month
    on: the band stays red and says the clock is still ahead; set right, it goes."""
    from harmony_desktop.ui.tasks import Changes

    counted = [0]
    services.clock.counter = lambda: counted[0]  # type: ignore[method-assign]
    services.store.settings.set(
        local.SYNC_CLOCK_SEEN, {"server_ms": ms(SERVER), "here_ms": ms(SERVER + YEAR)}
    )
    # an hour after the sync: Friday 4 December 2027, 14:00 in Mexico City
    window = open_window(qtbot, services, recorded_hub, SERVER + YEAR + dt.timedelta(hours=1))
    page = window.register
    try:
        band = page.clock_ahead_banner
        assert band.isVisible() and "is ahead." in band.label.text()
        counted[0] += 2 * 3_600_000  # two hours later, the clock turned back to ...
        # ... Monday 4 January 2027, 16:00 in Mexico City (the month still wrong)
        services.store.wall = lambda: ms(SERVER + dt.timedelta(days=31, hours=3))
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            window.tasks.notify(Changes(sync=True), None)
        assert band.isVisible()
        assert band.styleSheet().count("#b00020") == 1  # still red
        assert band.label.text() == (
            "<b>⚠ This computer's date is still ahead.</b> It says Monday 4 January 2027: "
            "its clock was turned back, but not far enough. When it last reached the sync "
            "server, the server's date was Friday 4 December 2026, and the time since then "
            "makes today probably Friday 4 December 2026: marks taken now would be saved on "
            "the wrong day. Set the date and time in this computer's settings, then close "
            "and reopen Harmony."
        )
        counted[0] += 60_000  # a minute on, set right
        services.store.wall = lambda: ms(SERVER + dt.timedelta(hours=3, minutes=1))
        with qtbot.waitSignal(page.clockChecked, timeout=20_000):
            window.tasks.notify(Changes(sync=True), None)
        assert not band.isVisible()
    finally:
        window.shutdown()
