"""Spanish throughout: complete catalogues, and Spanish in the window, a PDF and the CLI.

The completeness test extracts every marked string from the sources into a temporary
folder (the same scripts/update_translations.sh that refreshes the committed catalogues)
and fails when any of them is missing, unfinished or fuzzy in the committed catalogues,
or absent from their compiled forms.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from harmony_desktop.domain import i18n
from harmony_desktop.paths import resource
from harmony_desktop.services.context import Services
from harmony_desktop.store import settings
from harmony_desktop.ui.app import CatalogueTranslator, install_translator
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.models import SessionColumn
from tests.factories import HubFixture

ROOT = Path(__file__).resolve().parents[2]
TS = resource("translations", "harmony_desktop_es.ts")
PO = resource("translations", "es", "LC_MESSAGES", "harmony_desktop.po")
#: A Tuesday: Beginning Strings meets 15:30-17:00 on weekdays.
DAY = dt.date(2026, 9, 8)

needs_gettext = pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="gettext tools not installed (sudo apt-get install gettext)",
)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


def ts_messages(path: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → the finished translation, or None when unfinished."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            finished = (
                translation is not None
                and translation.get("type") not in ("unfinished", "obsolete", "vanished")
                and bool(translation.text)
            )
            if message.get("numerus") == "yes" and translation is not None:
                # a plural: its forms ("%n fila", "%n filas"); the first stands for it
                finished = translation.get("type") != "unfinished" and all(
                    form.text for form in translation.iter("numerusform")
                )
                text = translation.findtext("numerusform") if finished else None
            else:
                text = translation.text if finished and translation is not None else None
            found[name, message.findtext("source") or ""] = text
    return found


def po_messages(path: Path) -> dict[str, str | None]:
    """msgid → msgstr, or None when empty or fuzzy. A plural (ngettext) is listed under
    its singular with its first form, and is unfinished while any form is empty."""
    return {msgid: text for msgid, (text, _forms) in po_entries(path).items()}


def po_entries(path: Path) -> dict[str, tuple[str | None, list[tuple[str, str]]]]:
    """msgid (a plural's singular) → (its translation or None, as :func:`po_messages`;
    every (English, translated) pair of a plural's forms, else [])."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    found: dict[str, tuple[str | None, list[tuple[str, str]]]] = {}
    for m in catalogue:
        if not m.id:
            continue
        if m.pluralizable:
            strings = [str(form) for form in m.string]
            done = bool(strings) and all(strings) and not m.fuzzy
            english = [str(m.id[0])] + [str(m.id[1])] * (len(strings) - 1)
            found[str(m.id[0])] = (
                strings[0] if done else None,
                list(zip(english, strings, strict=True)),
            )
        else:
            found[str(m.id)] = (str(m.string) if m.string and not m.fuzzy else None, [])
    return found


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogues as scripts/update_translations.sh makes them from today's sources,
    written to a temporary folder (the committed ones are left alone)."""
    out = tmp_path_factory.mktemp("translations")
    shutil.copytree(resource("translations"), out, dirs_exist_ok=True)
    env = {**os.environ, "TRANSLATIONS_OUT": str(out)}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "update_translations.sh")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return out


@needs_gettext
def test_every_string_in_the_sources_is_translated(fresh: Path) -> None:
    committed_ts, committed_po = ts_messages(TS), po_messages(PO)
    extracted_ts = ts_messages(fresh / TS.name)
    extracted_po = po_messages(fresh / PO.relative_to(resource("translations")))
    assert len(extracted_ts) > 400 and len(extracted_po) > 250
    missing = [key for key in extracted_ts if not committed_ts.get(key)]
    missing += [msgid for msgid in extracted_po if not committed_po.get(msgid)]
    assert not missing, (
        f"{len(missing)} strings are not translated; run scripts/update_translations.sh, "
        f"translate them (scripts/translations.py missing es) and commit: {missing[:10]}"
    )


def test_the_committed_catalogues_have_no_unfinished_or_fuzzy_entry() -> None:
    unfinished = [key for key, text in ts_messages(TS).items() if not text]
    unfinished += [msgid for msgid, text in po_messages(PO).items() if not text]
    assert not unfinished


def test_the_compiled_catalogues_hold_every_translation() -> None:
    qm = QTranslator()
    assert qm.load(str(TS.with_suffix(".qm")))
    stale = [
        # n = 1 picks a plural's first form; other messages ignore it
        key
        for key, text in ts_messages(TS).items()
        if qm.translate(key[0], key[1], None, 1) != text
    ]
    with PO.with_suffix(".mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)
    stale += [
        msgid
        for msgid, (text, forms) in po_entries(PO).items()
        if not forms and mo.gettext(msgid) != text
    ]
    # a plural's forms: Spanish's rule picks the first for 1 and the second for 2
    stale += [
        msgid
        for msgid, (_text, forms) in po_entries(PO).items()
        if forms
        and [mo.ngettext(forms[0][0], forms[-1][0], n) for n in (1, 2)]
        != [forms[0][1], forms[-1][1]]
    ]
    assert not stale, f"compile the catalogues (scripts/update_translations.sh): {stale[:5]}"


def test_placeholders_survive_translation() -> None:
    fields = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdrvm]")
    pairs = [(src, text) for (_ctx, src), text in ts_messages(TS).items() if text]
    pairs += [(src, text) for src, text in po_messages(PO).items() if text]
    pairs += [pair for _text, forms in po_entries(PO).values() for pair in forms]
    wrong = [
        (src, text)
        for src, text in pairs
        if sorted(fields.findall(src)) != sorted(fields.findall(text or ""))
    ]
    assert not wrong


# -- the language: setting, system, per document -----------------------------------------


def test_the_language_defaults_to_the_system_and_the_setting_wins(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from harmony_desktop.startup import open_app

    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert i18n.system_language() == "es"
    monkeypatch.setenv("LANGUAGE", "fr:en")
    assert i18n.system_language() == "en"
    monkeypatch.delenv("LANGUAGE")
    assert services.store.settings.get(settings.LANGUAGE) is None
    folder = services.store.path.parent
    services.store.settings.set(settings.LANGUAGE, "en")
    services.close()
    with open_app(folder) as reopened:
        assert i18n.current_language() == "en"  # chosen, though the system is Spanish
        assert i18n._("Present") == "Present"
        reopened.store.settings.set(settings.LANGUAGE, "es")
    with open_app(folder):
        assert i18n._("Present") == "Presente"
        with i18n.using("en"):
            assert i18n._("Present") == "Present"
    with pytest.raises(ValueError, match="one of"):
        services.store.settings.set(settings.LANGUAGE, "fr")


# -- Spanish in the window ---------------------------------------------------------------


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[None]:
    """The window's language is Spanish for one test."""
    assert install_translator(qapp, QLocale("es_MX"))
    yield
    install_translator(qapp, QLocale("en_US"))


def test_the_window_comes_out_in_spanish(
    qtbot: QtBot, services: Services, hub: HubFixture, spanish: None
) -> None:
    taken = services.sessions.open(services.sessions.for_day(hub.hub_id, DAY)[0]).id
    services.roll.mark_remaining_present(taken, by=None)  # its state: "Asistencia tomada"
    window = MainWindow(services, hub.hub_id, today=DAY, auto_sync=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.register.dayLoaded, timeout=20_000):
        window.show()
    try:
        tabs = [window.pages.tabText(i) for i in range(window.pages.count())]
        assert tabs[:2] == ["Asistencia", "Lista"]
        menus = [a.text() for a in window.menuBar().actions()]
        assert "&Archivo" in menus and "&Configuración" in menus
        assert window.hub_label.text() == "Test Park Hub"
        assert window.hub_label.toolTip() == "Sede: Test Park Hub"
        assert window.date_label.text() == "mar 8 sep 2026"  # weekday and month
        assert window.date_label.toolTip() == "Fecha: mar 8 sep 2026"
        roster = window.roster
        assert roster.new_button.text() == "&Nuevo estudiante"
        assert "Buscar por nombre" in roster.search.placeholderText()
        assert window.language_actions["es"].isChecked()
        # The codes are data stored in English; they are shown through the catalogue.
        assert [c.label for c in window.register.codes][:3] == [
            "Presente",
            "Tarde",
            "Salió temprano",
        ]
        # "Asistencia tomada" takes two lines, so the session's name gets the room
        sessions = window.register.sessions.view
        states = [
            sessions.model().index(row, SessionColumn.STATE).data()
            for row in range(sessions.model().rowCount())
        ]
        assert "Asistencia tomada" in states
        metrics = sessions.fontMetrics()
        state = sessions.horizontalHeader().sectionSize(SessionColumn.STATE)
        assert metrics.horizontalAdvance("Asistencia") < state
        assert state < metrics.horizontalAdvance("Asistencia tomada")
    finally:
        window.shutdown()


def test_choosing_a_language_keeps_it_and_reopens_the_window(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    window = MainWindow(services, hub.hub_id, today=DAY, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    assert window.language_actions["en"].isChecked()
    window.language_actions["es"].trigger()
    assert services.store.settings.get(settings.LANGUAGE) == "es"
    assert window.chosen_language == "es" and not window.isVisible()


# -- Spanish in a PDF, while the window stays English ------------------------------------

#: The English words of the sign-in sheet's furniture: none may be left in Spanish.
ENGLISH_HEADINGS = (
    "Sign-in", "sign-out", "Name", "Time in", "Signature", "Time out", "Early-release",
    "Notes", "Teacher", "Printed", "Page", "May walk home", "CUSTODY", "Staff signature",
    "Date", "picked up", "guardian", "medical", "appointment", "transport", "other",
    "May be collected by", "Collected by", "SEE SITE LEAD", "Release",
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sep", "PM", "AM",
)  # fmt: skip
#: The names of people and places in the generated hub (the only English allowed).
NAMES = ("Harmony Project", "Harmony Desktop", "Test Park Hub", "Beginning Strings", "Teacher One")


def english_words() -> set[str]:
    """Words of the English source strings that no Spanish translation uses."""
    english: set[str] = set()
    spanish: set[str] = set()
    for (_ctx, source), text in ts_messages(TS).items():
        english |= {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", source)}
        spanish |= {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", text or "")}
    return english - spanish


@needs_poppler
def test_a_sign_in_sheet_printed_in_spanish(
    qapp: QApplication, services: Services, hub: HubFixture, tmp_path: Path
) -> None:
    from harmony_desktop.__main__ import main

    data_dir = str(services.store.path.parent)
    services.close()
    pdf = tmp_path / "hoja.pdf"
    args = ["print", "signin", "--ensemble", "Beginning Strings", "--date", DAY.isoformat()]
    assert main(["--data-dir", data_dir, *args, "--pdf", str(pdf), "--lang", "es"]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for heading in ("Hoja de entrada y salida", "Nombre", "Firma", "Hora de", "Lo recogió"):
        assert heading in text
    assert "mar 8 sep 2026" in text and "sept" not in text  # martes, septiembre
    assert "3:30 p.m.–5:00 p.m." in text and "lun–vie" in text
    assert "Página 1 de 1" in text and "Firma del personal" in text
    without_names = re.sub(r"Guardian \d+", "", text)  # the generated contacts' names
    for name in NAMES:
        without_names = without_names.replace(name, "")
    for heading in ENGLISH_HEADINGS:
        assert not re.search(rf"\b{re.escape(heading)}\b", without_names), heading
    left = {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", without_names)} & english_words()
    assert not left, f"English words in the Spanish sheet: {sorted(left)}"
    # The window's language (English here) did not change.
    assert i18n.current_language() == "en"
    assert QApplication.translate("MainWindow", "Register") == "Register"


# -- Spanish on the command line ---------------------------------------------------------


def test_help_under_a_spanish_locale_is_in_spanish(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    env.update(LANG="es_MX.UTF-8", HARMONY_DATA_DIR=str(tmp_path / "data"))
    run = [sys.executable, "-m", "harmony_desktop"]
    top = subprocess.run([*run, "--help"], capture_output=True, text=True, env=env, check=True)
    assert top.stdout.startswith("uso: harmony-desktop")
    for spanish in ("argumentos posicionales", "opciones:", "mostrar esta ayuda y salir",
                    "imprimir un documento de la lista en PDF", "abrir esta sede"):  # fmt: skip
        assert spanish in top.stdout
    for english in ("usage:", "options:", "show this help", "print a roster document"):
        assert english not in top.stdout
    printing = subprocess.run(
        [*run, "print", "--help"], capture_output=True, text=True, env=env, check=True
    )
    assert "idioma del documento: en o es" in printing.stdout
    wrong = subprocess.run(
        [*run, "print", "nothing"], capture_output=True, text=True, env=env, check=False
    )
    assert wrong.returncode == 2 and "opción no válida" in wrong.stderr


def test_qt_own_strings_still_come_from_qt(qapp: QApplication, spanish: None) -> None:
    # Not in the app's catalogue: Qt's own (the print preview's zoom "%1%", its buttons).
    assert QApplication.translate("QPrintPreviewDialog", "%1%") == "%1%"
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
    # The app's module-level tr() strings are found under their runtime context.
    assert QApplication.translate("MainWindow", "Register") == "Asistencia"


def qt_dialog_words(qtbot: QtBot) -> dict[str, str]:
    """The labels of Qt's own file dialog (the one drawn where no desktop portal draws
    it) and of its print dialog, by their object names."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel

    files = QFileDialog(None, "", "", "Excel (*.xlsx)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    printing = QPrintDialog(QPrinter())
    words: dict[str, str] = {}
    for dialog in (files, printing):
        qtbot.addWidget(dialog)
        words |= {w.objectName(): w.text() for w in dialog.findChildren(QLabel)}
        words |= {w.objectName(): w.title() for w in dialog.findChildren(QGroupBox)}
    return words


def test_qts_own_dialogs_speak_spanish_where_qts_catalogue_has_no_word(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """Qt's Spanish catalogue has "Look in:" but Qt now writes "&Look in:": the file
    dialog said "Look in:" and "Files of type:" in English in a Spanish window, and the
    print dialog "Page Set:" and "Double Sided Printing". The app's catalogue has them."""
    assert install_translator(qapp, QLocale("es_MX"))
    try:
        words = qt_dialog_words(qtbot)
    finally:
        install_translator(qapp, QLocale("en_US"))
    assert words["lookInLabel"] == "&Ver en:"
    assert words["fileTypeLabel"] == "Ficheros de &tipo:"
    assert words["fileNameLabel"] == "&Nombre de fichero:"  # Qt's own, as it was
    assert words["pageSetLabel"] == "&Conjunto de páginas:"
    assert words["duplex"] == "Impresión a doble cara"
    english = qt_dialog_words(qtbot)
    assert (english["lookInLabel"], english["fileTypeLabel"]) == ("&Look in:", "Files of &type:")


def test_the_app_supplies_only_the_words_qts_spanish_catalogue_lacks(qapp: QApplication) -> None:
    """Each word of ``ui/qt_words.py`` is missing from Qt's own Spanish catalogue (when a
    newer Qt brings one, its line there can go) and is in the app's."""
    from harmony_desktop.ui.app import qt_catalogue
    from harmony_desktop.ui.qt_words import WORDS

    qt = qt_catalogue("es")
    assert qt is not None
    assert [word for word in WORDS if qt.translate(*word)] == []
    app = CatalogueTranslator()
    assert app.load(str(TS.with_suffix(".qm")))
    assert [word for word in WORDS if not app.translate(*word)] == []


def test_qts_file_dialog_speaks_spanish_even_where_qts_path_has_no_catalogue(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where Qt's translations folder lacks its Spanish catalogue (a bundle laid out
    otherwise), it is taken from beside the PySide6 package: the words only Qt's
    catalogue has ("&Nombre de fichero:") are Spanish too."""
    from harmony_desktop.ui import app as ui_app

    class Elsewhere:  # Qt's paths lead to a folder without its catalogues
        LibraryPath = ui_app.QLibraryInfo.LibraryPath

        @staticmethod
        def path(_which: object) -> str:
            return str(tmp_path)

    monkeypatch.setattr(ui_app, "QLibraryInfo", Elsewhere)
    assert install_translator(qapp, QLocale("es_MX"))
    try:
        words = qt_dialog_words(qtbot)
    finally:
        install_translator(qapp, QLocale("en_US"))
    assert words["fileNameLabel"] == "&Nombre de fichero:"
    assert words["lookInLabel"] == "&Ver en:"


def test_the_window_writes_hours_as_its_language_does(qapp: QApplication) -> None:
    from harmony_desktop.ui.language import hours_text, time_text

    afternoon, morning = (dt.time(15, 30), dt.time(17, 0)), (dt.time(10, 0), dt.time(12, 30))
    try:
        QLocale.setDefault(QLocale("es_MX"))
        assert hours_text(*afternoon) == "3:30–5:00\u202fp.m."
        assert hours_text(*morning) == "10:00\u202fa.m.–12:30\u202fp.m."
        QLocale.setDefault(QLocale("de_DE"))  # a 24-hour language: both times whole
        assert hours_text(*afternoon) == "15:30–17:00"
        QLocale.setDefault(QLocale("en_US"))
        assert time_text(dt.time(9, 5)) == "9:05\u202fAM"
    finally:
        QLocale.setDefault(QLocale("en_US"))


def test_saved_at_says_the_seconds_as_the_language_writes_a_time(qapp: QApplication) -> None:
    from harmony_desktop.ui.register.models import saved_text

    try:
        QLocale.setDefault(QLocale("en_US"))
        assert saved_text(dt.time(15, 50, 7)) == "✓ Saved at 3:50:07\u202fPM"
        QLocale.setDefault(QLocale("de_DE"))  # a 24-hour language
        assert saved_text(dt.time(9, 5, 59)) == "✓ Saved at 09:05:59"
    finally:
        QLocale.setDefault(QLocale("en_US"))


RELAUNCH = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from harmony_desktop.ui.app import make_application, run_window
from harmony_desktop.ui.main_window import MainWindow

app = make_application()
seen = []

def windows():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

def step():
    shown = windows()
    if not shown:
        return
    window = shown[0]
    seen.append(window.pages.tabText(0))
    if len(seen) == 1:
        window.pages.setCurrentIndex(1)
        window.language_actions["es"].trigger()  # closes; run_window reopens it in Spanish
    else:
        print("TABS", seen, window.pages.currentIndex(), flush=True)
        window.close()

timer = QTimer()
timer.timeout.connect(step)
timer.start(300)
print("EXIT", run_window(sys.argv[1]), flush=True)
"""


def test_choosing_spanish_reopens_the_window_in_spanish(tmp_path: Path) -> None:
    from harmony_desktop.startup import open_app
    from tests.factories import make_hub

    data = tmp_path / "app-data"
    with open_app(data) as services:
        make_hub(services, students=3)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    result = subprocess.run(
        [sys.executable, "-c", RELAUNCH, str(data)],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-800:]
    # English first, then the same tab of a window rebuilt in Spanish.
    assert "TABS ['Register', 'Asistencia'] 1" in result.stdout.splitlines()
    assert "EXIT 0" in result.stdout.splitlines()
    with open_app(data) as services:
        assert services.store.settings.get(settings.LANGUAGE) == "es"


def test_a_printout_in_spanish_from_an_english_window(
    qtbot: QtBot, services: Services, hub: HubFixture
) -> None:
    window = MainWindow(services, hub.hub_id, today=DAY, auto_sync=False)
    qtbot.addWidget(window)
    window.show()
    roster = window.roster
    menu = roster.print_button.menu()
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert submenu.title() == "&Language of printouts and exports"
    spanish = next(a for a in submenu.actions() if a.text() == "E&spañol")
    assert roster.print_language() == "en"
    spanish.trigger()
    assert roster.print_language() == "es"
    roster.print_ensemble.setCurrentIndex(roster.print_ensemble.findText("Beginning Strings"))
    dialog = roster.print_preview("signin", DAY)
    assert dialog is not None
    try:
        assert dialog.windowTitle() == "Hoja de entrada y salida"
        assert window.pages.tabText(0) == "Register"  # the window stays English
    finally:
        dialog.close()
        window.shutdown()


#: The eighth of each month of 2026 falls on every weekday.
EIGHTHS = [dt.date(2026, month, 8) for month in range(1, 13)]


@pytest.mark.parametrize("code", sorted(i18n.LOCALES))
def test_the_window_and_the_reports_write_dates_alike(qapp: QApplication, code: str) -> None:
    """The window and the roster printouts write dates with Qt, the printed reports and
    their files with Babel: in each language's locale the two name every weekday and
    month alike, and the same times (es_US did not: Qt wrote "sept", Babel "sep")."""
    from PySide6.QtCore import QDate, QTime

    qt = QLocale(i18n.LOCALES[code])
    for day in EIGHTHS:
        qdate = QDate(day.year, day.month, day.day)
        assert qt.toString(qdate, "ddd d MMM yyyy") == i18n.format_date(day, "EEE d MMM y", code)
        assert qt.toString(qdate, "dddd d MMMM yyyy") == i18n.format_date(
            day, "EEEE d MMMM y", code
        )
    for moment in (dt.time(9, 5), dt.time(15, 30)):
        qtime = QTime(moment.hour, moment.minute)
        assert qt.toString(qtime, QLocale.FormatType.ShortFormat) == i18n.format_time(moment, code)


def test_spanish_months_are_written_one_way(qapp: QApplication, spanish: None) -> None:
    from harmony_desktop.ui.language import date_text

    months = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"]
    assert [i18n.format_date(day, "MMM", "es") for day in EIGHTHS] == months
    assert [date_text(day).split()[2] for day in EIGHTHS] == months  # the window's
    assert date_text(DAY) == "mar 8 sep 2026"
    assert i18n.format_date(DAY, "EEE d MMM y", "es") == "mar 8 sep 2026"
