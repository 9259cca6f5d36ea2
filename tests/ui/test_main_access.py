"""The main window and the dialogs opened from it most, for keyboard and screen-reader
users, in English and Spanish: no two Alt+keys clash on a page (its widgets, the tabs,
the menu bar) nor in a menu or a dialog, each Alt+key lands where its label says, and
every widget the keyboard can reach has a name to be read. The roster's Export and
Print menus and the student, import, note and late dialogs offer the keys listed here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from harmony_desktop.domain.vocab import StudentStatus
from harmony_desktop.services.context import Services
from harmony_desktop.ui.main_window import MainWindow
from harmony_desktop.ui.register.dialogs import (
    AdHocDialog,
    ArrivalDialog,
    CancelDialog,
    DepartureDialog,
    NoteDialog,
)
from harmony_desktop.ui.roster.import_dialog import ImportDialog
from harmony_desktop.ui.roster.print_day import SignInDayDialog
from harmony_desktop.ui.roster.student_dialog import StudentDialog
from harmony_desktop.ui.sync.enroll import EnrollDialog
from tests.factories import HubFixture
from tests.support.access import (
    clashes,
    menu_clashes,
    menu_keys,
    menu_problems,
    misplaced,
    mnemonic,
    nameless,
    reachable,
)
from tests.ui.conftest import TODAY


@pytest.fixture
def main(qtbot: QtBot, services: Services, hub: HubFixture, language: str) -> Iterator[MainWindow]:
    """The main window on TODAY; the hub has a volunteer, so the roll shows them (and
    their Alt+V), an archived student (the roster's "Restore"), and a family event and a
    performance next week (the Events tab's roll and performance details)."""
    services.volunteers.save(
        hub.hub_id, {"first_name": "Iris", "last_name": "Tester", "status": "active"}
    )
    services.roster.archive_student(hub.student_ids[-1])
    next_week = TODAY + dt.timedelta(days=7)
    services.events.add_family_event(
        hub.hub_id, next_week, dt.time(18, 0), dt.time(19, 30), title="Family night"
    )
    services.events.add_performance(
        hub.ensemble_id,
        next_week,
        dt.time(17, 0),
        dt.time(18, 0),
        title="Winter concert",
        venue="Park stage",
        on_site=False,
    )
    win = MainWindow(services, hub.hub_id, today=TODAY, auto_sync=False)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.register.dayLoaded, timeout=20_000):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=20_000)
    yield win
    win.shutdown()


def open_roll(qtbot: QtBot, win: MainWindow) -> None:
    page = win.register
    win.pages.setCurrentWidget(page)
    if page.roll_ready:
        return
    page.sessions_view.setFocus()
    page.sessions_view.setCurrentIndex(page.sessions_model.index(0, 0))
    with qtbot.waitSignal(page.volunteers.loaded, timeout=20_000):
        qtbot.keyClick(page.sessions_view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.roll_ready, timeout=20_000)


def states(qtbot: QtBot, win: MainWindow) -> list[tuple[str, Callable[[], None]]]:
    """Each page as it is shown (the register's day and its roll), and how to show it."""

    def tab(name: str) -> Callable[[], None]:
        def show() -> None:
            page = getattr(win, name) if name != "review" else win.sync_ui.review
            win.pages.setCurrentWidget(page)
            view = getattr(page, "view", None)
            model = None if view is None else view.model()
            if model is not None and model.rowCount() and not view.currentIndex().isValid():
                view.setCurrentIndex(model.index(0, 0))

        return show

    def day() -> None:
        win.pages.setCurrentWidget(win.register)

    def archived() -> None:
        """The roster with the archived student shown and chosen (its "Restore")."""
        page = win.roster
        win.pages.setCurrentWidget(page)
        page.show_archived.setChecked(True)

        def chosen() -> bool:
            rows = [
                r
                for r in range(page.model.rowCount())
                if page.model.entry(r).status == StudentStatus.ARCHIVED
            ]
            return bool(rows) and page.select_student(page.model.entry(rows[0]).student_id)

        qtbot.waitUntil(chosen, timeout=20_000)

    def event(kind: str) -> Callable[[], None]:
        """The Events tab with its first event of ``kind`` chosen."""

        def show() -> None:
            page = win.events
            win.pages.setCurrentWidget(page)
            qtbot.waitUntil(
                lambda: any(
                    page.model.event_at(r).kind == kind for r in range(page.model.rowCount())
                ),
                timeout=20_000,
            )
            row = next(
                r for r in range(page.model.rowCount()) if page.model.event_at(r).kind == kind
            )
            page.view.setCurrentIndex(page.model.index(row, 0))

        return show

    return [
        ("register", day),
        ("roll", lambda: open_roll(qtbot, win)),
        ("roster", tab("roster")),
        ("roster archived", archived),
        ("volunteers", tab("volunteers")),
        ("events", tab("events")),
        ("family event", event("family")),
        ("performance", event("performance")),
        *[(n, tab(n)) for n in ("reports", "review")],
    ]


#: The Alt+keys of an open roll and of the Sync menu (on a laptop not enrolled).
ROLL_KEYS = {
    "en_US": {"f": "&File", "t": "Se&ttings", "s": "&Sync", "v": "&Volunteers"},
    "es_MX": {"a": "&Archivo", "c": "&Configuración", "s": "&Sincronización", "v": "&Voluntarios"},
}
SYNC_MENU_KEYS = {
    "en_US": {"y": "Set up s&ync…", "r": "Needs &review", "e": "&Enroll this laptop…"},
    "es_MX": {
        "c": "&Configurar la sincronización…",
        "p": "&Pendiente de revisión",
        "r": "&Registrar esta computadora…",
    },
}

#: The Alt+keys of the roster, volunteers and events pages, with the menu bar's.
MENU_BAR_KEYS = {
    "en_US": {"f": "&File", "t": "Se&ttings", "s": "&Sync"},
    "es_MX": {"a": "&Archivo", "c": "&Configuración", "s": "&Sincronización"},
}
ROSTER_KEYS = {
    "en_US": {
        "h": "Searc&h:",
        "c": "Show ar&chived",
        "n": "&New student",
        "o": "&Open",
        "a": "&Archive",
        "w": "&Waitlists…",
        "i": "&Import…",
        "x": "E&xport",
        "r": "Print fo&r",
        "p": "&Print",
    },
    "es_MX": {
        "b": "&Buscar:",
        "v": "Mostrar archi&vados",
        "n": "&Nuevo estudiante",
        "r": "Ab&rir",
        "h": "Arc&hivar",
        "l": "&Listas de espera…",
        "i": "&Importar…",
        "x": "E&xportar",
        "p": "Imprimir &para",
        "m": "I&mprimir",
    },
}
#: An archived student chosen: "Restore" instead of "Archive".
RESTORE_KEYS = {
    "en_US": ("a", {"e": "R&estore"}),
    "es_MX": ("h", {"e": "R&estaurar"}),
}
VOLUNTEERS_KEYS = {
    "en_US": {
        "h": "Searc&h:",
        "c": "Show ina&ctive",
        "n": "&New volunteer",
        "o": "&Open",
        "r": "&Remove",
        "k": "Clearance &kinds…",
        "i": "&Import…",
        "x": "E&xport",
    },
    "es_MX": {
        "b": "&Buscar:",
        "m": "&Mostrar inactivos",
        "n": "&Nuevo voluntario(a)",
        "r": "Ab&rir",
        "q": "&Quitar",
        "t": "&Tipos de autorización…",
        "i": "&Importar…",
        "x": "E&xportar",
    },
}
EVENTS_KEYS = {
    "en_US": {
        "w": "Sho&w:",
        "n": "&New family event…",
        "m": "New &masterclass…",
        "p": "New &performance…",
    },
    "es_MX": {
        "m": "&Mostrar:",
        "n": "&Nuevo evento familiar…",
        "l": "Nueva c&lase magistral…",
        "p": "Nueva &presentación…",
    },
}
#: A family event chosen: its roll's search and walk-in buttons.
FAMILY_KEYS = {
    "en_US": {"h": "Searc&h:", "a": "&Add walk-in…", "r": "&Remove walk-in"},
    "es_MX": {
        "b": "&Buscar:",
        "g": "A&gregar persona sin inscripción…",
        "q": "&Quitar persona sin inscripción",
    },
}
#: A performance chosen: its venue, on site, audience and save.
PERFORMANCE_KEYS = {
    "en_US": {"v": "&Venue:", "o": "&On site:", "u": "A&udience:", "e": "Sav&e"},
    "es_MX": {"u": "L&ugar:", "e": "&En el lugar:", "i": "Públ&ico:", "d": "Guar&dar"},
}


def page_keys(name: str, language: str) -> dict[str, str]:
    """The Alt+keys expected on page state ``name`` (see :func:`states`)."""
    keys = dict(MENU_BAR_KEYS[language])
    if name.startswith("roster"):
        keys |= ROSTER_KEYS[language]
        if name == "roster archived":
            archive, restore = RESTORE_KEYS[language]
            del keys[archive]
            keys |= restore
    elif name == "volunteers":
        keys |= VOLUNTEERS_KEYS[language]
    else:
        keys |= EVENTS_KEYS[language]
        keys |= {"family event": FAMILY_KEYS, "performance": PERFORMANCE_KEYS}.get(name, {}).get(
            language, {}
        )
    return keys


@pytest.mark.parametrize(
    "name",
    ["roster", "roster archived", "volunteers", "events", "family event", "performance"],
)
def test_the_roster_volunteers_and_events_offer_these_alt_keys(
    qtbot: QtBot, main: MainWindow, language: str, name: str
) -> None:
    show = dict(states(qtbot, main))[name]
    show()
    qtbot.wait(20)
    assert {a.key: a.text for a in reachable(main)} == page_keys(name, language)


def test_the_roll_and_the_sync_menu_offer_these_alt_keys(
    qtbot: QtBot, main: MainWindow, language: str
) -> None:
    open_roll(qtbot, main)
    assert {a.key: a.text for a in reachable(main)} == ROLL_KEYS[language]
    sync_menu = main.menuBar().actions()[-1].menu()
    assert sync_menu is not None
    assert {
        key: action.text()
        for action in sync_menu.actions()
        if (key := mnemonic(action.text())) is not None
    } == SYNC_MENU_KEYS[language]


def test_no_two_alt_keys_clash_on_any_page(qtbot: QtBot, main: MainWindow, language: str) -> None:
    problems = menu_clashes(main.menuBar(), "menus")
    for name, show in states(qtbot, main):
        show()
        qtbot.wait(20)
        problems += clashes(reachable(main), name)
    assert not problems, language + ":\n" + "\n".join(problems)


def test_every_alt_key_lands_where_its_label_says(
    qtbot: QtBot, main: MainWindow, language: str
) -> None:
    problems: list[str] = []
    for name, show in states(qtbot, main):
        show()
        qtbot.wait(20)
        problems += misplaced(qtbot, main, name, show)
    assert not problems, language + ":\n" + "\n".join(problems)


def test_every_focusable_widget_has_a_name_to_be_read(
    qtbot: QtBot, main: MainWindow, language: str
) -> None:
    problems: list[str] = []
    for name, show in states(qtbot, main):
        show()
        qtbot.wait(20)
        problems += nameless(main, name)
    assert not problems, language + ":\n" + "\n".join(problems)


def dialogs(win: MainWindow, services: Services, hub: HubFixture) -> list[tuple[str, QDialog]]:
    session = (dt.time(15, 30), dt.time(17, 0))
    student = hub.student_ids[0]
    pickup = services.roll.pickup_info(student)
    leads = services.roll.site_leads(hub.hub_id)
    page = win.register
    roster = win.roster
    return [
        ("late", ArrivalDialog("Ana Pérez", "Late", dt.time(15, 45), session, page)),
        (
            "left early",
            DepartureDialog(
                "Ana Pérez", "Left early", dt.time(16, 30), session, pickup, leads, page
            ),
        ),
        (
            "sign out",
            DepartureDialog(
                "Ana Pérez",
                "Sign out",
                dt.time(17, 0),
                session,
                pickup,
                leads,
                page,
                with_reason=False,
            ),
        ),
        ("note", NoteDialog("Ana Pérez", "", page)),
        ("cancel session", CancelDialog("Beginning Strings 3:30 PM", page)),
        (
            "add session",
            AdHocDialog([(hub.ensemble_id, "Beginning Strings")], TODAY, page),
        ),
        ("new student", StudentDialog(services, hub.hub_id, None, roster, today=TODAY)),
        ("student", StudentDialog(services, hub.hub_id, student, roster, today=TODAY)),
        ("import", ImportDialog(win.tasks, hub.hub_id, roster)),
        ("import with a file", ImportDialog(win.tasks, hub.hub_id, roster)),
        ("enroll", EnrollDialog(win.sync_ui.controller, win)),
        (
            "print day",
            SignInDayDialog(
                services, hub.hub_id, hub.ensemble_id, "Beginning Strings", TODAY, roster
            ),
        ),
    ]


def dialog_states(dialog: QDialog) -> list[Callable[[], None]]:
    """Each tab of a dialog with tabs; a departure as it opens and with "Someone else"
    chosen (the adult's name and the site lead's confirmation show); else the dialog
    as it opens."""
    if isinstance(dialog, DepartureDialog):
        choices = dialog.chooser.choices
        return [
            lambda: choices.setCurrentRow(-1),
            lambda: choices.setCurrentRow(choices.count() - 1),
        ]
    tabs = getattr(dialog, "tabs", None)
    if tabs is None:
        return [lambda: None]
    return [lambda i=i: tabs.setCurrentIndex(i) for i in range(tabs.count())]


def test_dialogs_keep_alt_keys_apart_and_name_every_field(
    qtbot: QtBot,
    main: MainWindow,
    services: Services,
    hub: HubFixture,
    language: str,
    tmp_path: Path,
) -> None:
    problems: list[str] = []
    students = tmp_path / "students.csv"
    students.write_text("First name,Last name,Birth date\nIvo,Tester,2015-03-02\n")
    for name, dialog in dialogs(main, services, hub):
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, ImportDialog) and "file" in name:
            with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
                dialog.load_file(students)
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=20_000)
        for index, show in enumerate(dialog_states(dialog)):
            show()
            qtbot.wait(10)
            where = f"{name} {index}"
            problems += clashes(reachable(dialog), where)
            problems += nameless(dialog, where)
            problems += misplaced(qtbot, dialog, where, show)
        dialog.reject()
    assert not problems, language + ":\n" + "\n".join(problems)


#: The letters of the roster's Export and Print menus (typed alone while the menu is open)
#: and of the Print menu's language submenu (each language by its own name).
EXPORT_MENU_KEYS = {
    "en_US": {"r": "&Roster…", "c": "&Contacts…", "a": "&Attendance…"},
    "es_MX": {"l": "&Lista…", "c": "&Contactos…", "a": "&Asistencia…"},
}
PRINT_MENU_KEYS = {
    "en_US": {
        "c": "&Class roster…",
        "s": "&Sign-in / sign-out sheet…",
        "r": "Paper &roll sheet…",
        "e": "&Emergency contact sheet…",
        "n": "&No-photo list…",
        "l": "&Language of printouts and exports",
    },
    "es_MX": {
        "c": "Lista de la &clase…",
        "h": "&Hoja de entrada y salida…",
        "p": "Hoja de asistencia en &papel…",
        "e": "Hoja de contactos de &emergencia…",
        "f": "Lista de estudiantes sin &fotos…",
        "i": "&Idioma de impresos y exportaciones",
    },
}
LANGUAGE_MENU_KEYS = {"e": "&English", "s": "E&spañol"}


VOLUNTEER_EXPORT_KEYS = {
    "en_US": {
        "h": "&Hours per volunteer, hub and month…",
        "s": "Clearance &status…",
        "u": "S&ummary: active TAs and clearances…",
        "e": "Clearances &expiring within 30 days…",
    },
    "es_MX": {
        "h": "&Horas por voluntario(a), sede y mes…",
        "e": "&Estado de las autorizaciones…",
        "r": "&Resumen: asistentes de enseñanza activos y autorizaciones…",
        "v": "Autorizaciones que &vencen en menos de 30 días…",
    },
}


def test_the_volunteers_export_menu_gives_each_item_its_letter(
    main: MainWindow, language: str
) -> None:
    menu = main.volunteers.export_button.menu()
    assert {a.key: a.text for a in menu_keys(menu)} == VOLUNTEER_EXPORT_KEYS[language]
    problems = menu_problems(menu, "Volunteers export")
    assert not problems, language + ":\n" + "\n".join(problems)


def test_the_roster_export_and_print_menus_give_each_item_its_letter(
    main: MainWindow, language: str
) -> None:
    roster = main.roster
    export_menu, print_menu = roster.export_button.menu(), roster.print_button.menu()
    assert {a.key: a.text for a in menu_keys(export_menu)} == EXPORT_MENU_KEYS[language]
    assert {a.key: a.text for a in menu_keys(print_menu)} == PRINT_MENU_KEYS[language]
    [languages] = [a.menu() for a in print_menu.actions() if a.menu() is not None]
    assert {a.key: a.text for a in menu_keys(languages)} == LANGUAGE_MENU_KEYS
    problems = menu_problems(export_menu, "Export") + menu_problems(print_menu, "Print")
    assert not problems, language + ":\n" + "\n".join(problems)


#: The Alt+keys of the student form: its tabs and buttons, on every tab (Enrollment only
#: for a student already saved), and those of each tab.
STUDENT_KEYS = {
    "en_US": {
        "p": "&Profile",
        "a": "Cont&acts",
        "h": "&Health and permissions",
        "s": "&Save",
        "c": "&Cancel",
    },
    "es_MX": {
        "p": "&Perfil",
        "o": "C&ontactos",
        "y": "Salud &y permisos",
        "g": "&Guardar",
        "c": "&Cancelar",
    },
}
ENROLLMENT_TAB = {"en_US": {"e": "&Enrollment"}, "es_MX": {"i": "&Inscripción"}}
#: A new student's form has no Enrollment tab; its button takes the tab's letter.
SAVE_AND_ENROLL = {
    "en_US": {"e": "Save and &enroll…"},
    "es_MX": {"i": "Guardar e &inscribir…"},
}
PROFILE_KEYS = {
    "en_US": {
        "f": "Legal &first name *",
        "l": "Legal &last name *",
        "n": "Preferred &name",
        "b": "Date of &birth",
        "r": "G&rade",
        "u": "Stat&us",
        "o": "Sch&ool",
        "d": "&District student id",
        "w": "State&wide student id",
        "m": "Ho&me language",
        "g": "&Guardian's language",
        "i": "&Instrument",
        "v": "Le&vel",
    },
    "es_MX": {
        "n": "&Nombre legal *",
        "l": "Apellido &legal *",
        "b": "Nom&bre preferido",
        "f": "&Fecha de nacimiento",
        "r": "G&rado",
        "e": "&Estado",
        "u": "Esc&uela",
        "d": "ID &de estudiante del distrito",
        "s": "ID e&statal del estudiante",
        "h": "Idioma del &hogar",
        "t": "Idioma del &tutor(a)",
        "m": "Instru&mento",
        "v": "Ni&vel",
    },
}
#: The contacts by number (the form offers a second one when there is one).
CONTACTS_KEYS = {
    "en_US": {"1": "Contact &1", "2": "Contact &2", "d": "A&dd contact"},
    "es_MX": {"1": "Contacto &1", "2": "Contacto &2", "r": "Ag&regar contacto"},
}
HEALTH_KEYS = {
    "en_US": {
        "l": "A&llergies",
        "m": "&Medical notes",
        "g": "Photo consent &given",
        "w": "May &walk home alone",
        "n": "&Notes",
    },
    "es_MX": {
        "l": "A&lergias",
        "m": "Notas &médicas",
        "d": "&Dio permiso para fotos",
        "s": "Puede irse caminando &solo(a) a casa",
        "n": "&Notas",
    },
}
ENROLLMENT_KEYS = {
    "en_US": {
        "i": "H&istory of the selected enrollment",
        "o": "&on",
        "n": "E&nroll",
        "r": "p&riority",
        "d": "A&dd to waitlist",
        "w": "&Withdraw selected",
    },
    "es_MX": {
        "h": "&Historial de la inscripción seleccionada",
        "e": "&el",
        "n": "I&nscribir",
        "r": "p&rioridad",
        "l": "Agregar a la &lista de espera",
        "d": "&Dar de baja la seleccionada",
    },
}
IMPORT_KEYS = {
    "en_US": {
        "f": "Choose a CSV or Excel &file…",
        "w": 'Check &where each column goes. Columns set to "(ignore)" are skipped.',
        "d": "&Dates written with numbers:",
        "1": "&1. Check (dry run)",
        "2": "&2. Import",
        "c": "&Close",
        "r": "&Rejected rows and rows to check (row number: reason)",
    },
    "es_MX": {
        "a": "Elija un &archivo CSV o de Excel…",
        "r": '&Revise adónde va cada columna. Las columnas marcadas "(ignorar)" se omiten.',
        "n": "Fechas escritas con &números:",
        "1": "&1. Revisar (prueba)",
        "2": "&2. Importar",
        "c": "&Cerrar",
        "f": "&Filas rechazadas y filas a revisar (número de fila: motivo)",
    },
}
NOTE_KEYS = {
    "en_US": {
        "n": "&Note (kept with this mark, visible to staff):",
        "s": "&Save note",
        "c": "&Cancel",
    },
    "es_MX": {
        "n": "&Nota (se guarda con esta marca; la ve el personal):",
        "g": "&Guardar nota",
        "c": "&Cancelar",
    },
}
LATE_KEYS = {
    "en_US": {"a": "&Arrived at:", "m": "&Mark late", "c": "&Cancel"},
    "es_MX": {"l": "&Llegó a las:", "m": "&Marcar tarde", "c": "&Cancelar"},
}
#: A departure (left early, or signed out at the end): who collected the child, when,
#: why; with "Someone else" chosen, also the adult and the site lead who confirms.
#: Cancel has no letter here ("C" is who collected); Escape cancels.
DEPARTURE_KEYS = {
    "en_US": {"c": "&Collected by (↓/↑ or a digit):", "a": "Left &at:"},
    "es_MX": {"l": "&Lo recogió (↓/↑ o un dígito):", "a": "Salió &a las:"},
}
LEFT_EARLY_KEYS = {
    "en_US": {"r": "&Reason:", "m": "&Mark left early"},
    "es_MX": {"o": "M&otivo:", "m": "&Marcar salida temprana"},
}
SIGN_OUT_KEYS = {"en_US": {"s": "&Sign out"}, "es_MX": {"r": "&Registrar salida"}}
SOMEONE_ELSE_KEYS = {
    "en_US": {
        "d": "A&dult:",
        "t": "Si&te lead:",
        "i": "The site lead has checked their &ID and confirms",
    },
    "es_MX": {
        "d": "A&dulto:",
        "s": "Coordinador(a) de &sede:",
        "v": "El coordinador(a) de sede re&visó su identificación y confirma",
    },
}
CANCEL_SESSION_KEYS = {
    "en_US": {"r": "&Reason:", "c": "&Cancel session", "k": "&Keep session"},
    "es_MX": {"o": "M&otivo:", "c": "&Cancelar sesión", "s": "Conservar &sesión"},
}
ADD_SESSION_KEYS = {
    "en_US": {
        "e": "&Ensemble:",
        "k": "&Kind:",
        "t": "&Title:",
        "d": "&Date:",
        "s": "&Starts:",
        "n": "E&nds:",
        "o": "&Off-site (performance, visit)",
        "a": "&Add session",
        "c": "&Cancel",
    },
    "es_MX": {
        "o": "C&onjunto:",
        "i": "T&ipo:",
        "t": "&Título:",
        "f": "&Fecha:",
        "m": "E&mpieza:",
        "r": "Te&rmina:",
        "s": "Fuera de la &sede (presentación, visita)",
        "a": "&Agregar sesión",
        "c": "&Cancelar",
    },
}


def dialog_keys(name: str, state: int, language: str) -> dict[str, str] | None:
    """The Alt+keys expected in state ``state`` (its tab) of dialog ``name`` (see
    :func:`dialogs`), or None for a dialog not listed here."""
    if name in ("new student", "student"):
        tabs = [PROFILE_KEYS, CONTACTS_KEYS, HEALTH_KEYS, ENROLLMENT_KEYS]
        keys = STUDENT_KEYS[language] | tabs[state][language]
        return keys | (ENROLLMENT_TAB if name == "student" else SAVE_AND_ENROLL)[language]
    listed = {"import": IMPORT_KEYS, "import with a file": IMPORT_KEYS}
    listed |= {"note": NOTE_KEYS, "late": LATE_KEYS}
    listed |= {"cancel session": CANCEL_SESSION_KEYS, "add session": ADD_SESSION_KEYS}
    if name in ("left early", "sign out"):
        own = LEFT_EARLY_KEYS if name == "left early" else SIGN_OUT_KEYS
        keys = DEPARTURE_KEYS[language] | own[language]
        return keys | SOMEONE_ELSE_KEYS[language] if state == 1 else keys
    return listed[name][language] if name in listed else None


def test_the_dialogs_offer_these_alt_keys(
    qtbot: QtBot,
    main: MainWindow,
    services: Services,
    hub: HubFixture,
    language: str,
    tmp_path: Path,
) -> None:
    students = tmp_path / "students.csv"
    students.write_text("First name,Last name,Birth date\nIvo,Tester,2015-03-02\n")
    offered: dict[tuple[str, int], dict[str, str]] = {}
    expected: dict[tuple[str, int], dict[str, str]] = {}
    for name, dialog in dialogs(main, services, hub):
        if dialog_keys(name, 0, language) is None:
            dialog.deleteLater()
            continue
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, ImportDialog) and "file" in name:
            with qtbot.waitSignal(dialog.file_loaded, timeout=20_000):
                dialog.load_file(students)
        for index, show in enumerate(dialog_states(dialog)):
            show()
            qtbot.wait(10)
            offered[name, index] = {a.key: a.text for a in reachable(dialog)}
            expected[name, index] = dialog_keys(name, index, language) or {}
        dialog.reject()
    assert sorted(offered) == [
        ("add session", 0), ("cancel session", 0),
        ("import", 0), ("import with a file", 0), ("late", 0),
        ("left early", 0), ("left early", 1),
        ("new student", 0), ("new student", 1), ("new student", 2), ("note", 0),
        ("sign out", 0), ("sign out", 1),
        ("student", 0), ("student", 1), ("student", 2), ("student", 3),
    ]  # fmt: skip
    assert offered == expected
