"""The printed documents of a site: what goes on each, built from the services.

Each builder returns a :class:`~harmony_desktop.printing.layout.TableDocument`; the same
document is painted to a PDF (:func:`render_document`) or a printer / print preview.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, Qt
from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import data_label
from harmony_desktop.domain.vocab import EARLY_DEPARTURE_REASONS
from harmony_desktop.printing import language
from harmony_desktop.printing.layout import Column, TableDocument, TablePainter, tr
from harmony_desktop.services.context import Services
from harmony_desktop.services.exporting import Member
from harmony_desktop.services.files import saving
from harmony_desktop.services.hubs import EnsembleInfo

#: The documents a site prints, in menu order.
DOCUMENT_KINDS: tuple[str, ...] = ("roster", "signin", "blank-roll", "emergency", "no-photo")
PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
_CENTER = Qt.AlignmentFlag.AlignHCenter
_EARLY_CODES = {
    "picked_up_by_guardian": ("G", QT_TRANSLATE_NOOP("Printing", "picked up by guardian")),
    "medical": ("M", QT_TRANSLATE_NOOP("Printing", "medical")),
    "appointment": ("A", QT_TRANSLATE_NOOP("Printing", "appointment")),
    "transport": ("T", QT_TRANSLATE_NOOP("Printing", "transport")),
    "other": ("O", QT_TRANSLATE_NOOP("Printing", "other")),
}


def document_title(kind: str) -> str:
    """The title of a document kind, as menus and headers show it."""
    return {
        "roster": tr("Class roster"),
        "signin": tr("Sign-in / sign-out sheet"),
        "blank-roll": tr("Paper roll sheet"),
        "emergency": tr("Emergency contact sheet"),
        "no-photo": tr("No-photo list"),
    }[kind]


def long_date(day: dt.date) -> str:
    """ "Mon 7 Sep 2026", "lun 7 sep 2026": in the document's language."""
    return language.current().long_date(day)


def _hours(start: dt.time, end: dt.time) -> str:
    """ "3:30 PM–5:00 PM" in the document's language."""
    lang = language.current()
    return f"{lang.time(start)}–{lang.time(end)}"


def _age(dob: dt.date | None, on: dt.date) -> str:
    if dob is None:
        return ""
    years = on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    return str(years)


def _yes(flag: bool) -> str:
    return tr("Yes") if flag else tr("No")


def _alerts(m: Member) -> str:
    st = m.student
    flags = []
    if st.allergy_notes:
        flags.append(tr("Allergy"))
    if st.medical_notes:
        flags.append(tr("Medical"))
    if m.custody_flags:
        flags.append(tr("Custody"))
    return ", ".join(flags)


def _keep_together(text: str) -> str:
    """``text`` with non-breaking spaces, so a phone number never wraps in the middle."""
    return text.replace(" ", "\u00a0")


def _pickup_cell(m: Member) -> str:
    """Who may collect the student, for the sheet at the door: authorised adults by
    name, "may walk home", and for a custody restriction only "see site lead" (its
    details stay on the confidential emergency sheet). One line where it fits, so a
    row stays a signing line high."""
    adults = ", ".join(c.name for c in m.contacts if c.authorized_pickup)
    parts = [adults] if adults else []
    if m.student.may_walk_home:
        parts.append(tr("may walk home"))
    if not parts:
        parts.append(tr("no pickup on file"))
    text = " · ".join(parts)
    if m.custody_flags:
        return tr("SEE SITE LEAD") + "\n" + text
    return text


def meeting_days(
    services: Services,
    hub_id: str,
    ensemble_id: str,
    around: dt.date,
    *,
    before: int = 7,
    after: int = 35,
) -> list[dt.date]:
    """The days ``ensemble_id`` meets from ``before`` days before ``around`` to ``after``
    days after (its schedule within its term, ad-hoc sessions; not cancelled ones)."""
    sessions = services.sessions.for_range(
        hub_id, around - dt.timedelta(days=before), around + dt.timedelta(days=after)
    )
    return sorted(
        {s.date for s in sessions if s.ensemble_id == ensemble_id and s.state != "cancelled"}
    )


def check_meeting_day(
    services: Services, hub_id: str, ensemble: EnsembleInfo, day: dt.date
) -> None:
    """Raise a ValidationError naming the next meeting days when ``ensemble`` does not
    meet on ``day`` (a sign-in sheet for a day without class is a mistake)."""
    days = meeting_days(services, hub_id, ensemble.id, day)
    if day in days:
        return
    upcoming = [d for d in days if d > day][:3]
    raise ValidationError(
        tr("{ensemble} does not meet on {day} ({schedule}).").format(
            ensemble=ensemble.name, day=long_date(day), schedule=ensemble.schedule or "-"
        )
        + " "
        + (
            tr("Next meetings: {days}.").format(days=", ".join(long_date(d) for d in upcoming))
            if upcoming
            else tr("It has no meeting in the next five weeks.")
        ),
        "date",
    )


def _nobody(ensemble: EnsembleInfo | None) -> str:
    """What a printout of nobody says instead of an empty table."""
    if ensemble is None:
        return tr("No student is enrolled at this hub.")
    return tr("No student is enrolled in this ensemble on this date.")


def _name_cell(m: Member) -> str:
    st = m.student
    text = m.display_name
    if st.preferred_name and st.preferred_name != st.legal_first_name:
        text += "\n" + tr("legal: {name}").format(name=m.legal_name)
    return text


class DocumentBuilder:
    """Builds the printed documents of one hub from the services."""

    def __init__(self, services: Services, *, now: dt.datetime | None = None) -> None:
        self.services = services
        self.export = services.exporting
        self.directory = services.hubs
        self.now = now or dt.datetime.now()

    def build(
        self,
        kind: str,
        *,
        hub_id: str,
        ensemble_id: str | None = None,
        session_id: str | None = None,
        day: dt.date | None = None,
    ) -> TableDocument:
        """The document ``kind`` for a hub, ensemble or session."""
        if kind not in DOCUMENT_KINDS:
            raise ValidationError(
                tr("Unknown document {kind!r}; choose one of: {kinds}").format(
                    kind=kind, kinds=", ".join(DOCUMENT_KINDS)
                )
            )
        day = day or self.now.date()
        start_end = ""
        if session_id:
            info = self.services.sessions.get(session_id)
            ensemble_id, day = info.ensemble_id, info.date
            start_end = _hours(info.start, info.end)
        ensemble = self.directory.ensemble(ensemble_id) if ensemble_id else None
        if ensemble is not None and ensemble.hub_id != hub_id:
            hub_id = ensemble.hub_id
        if ensemble is None and kind in ("roster", "signin", "blank-roll"):
            raise ValidationError(tr("Choose an ensemble (or a session) for this document."))
        if kind == "signin" and ensemble is not None and not start_end:
            for info in self.services.sessions.for_day(hub_id, day):
                if info.ensemble_id == ensemble.id:
                    start_end = _hours(info.start, info.end)
                    break
        members = (
            self.export.members(ensemble.id, day)
            if ensemble is not None
            else self.export.hub_members(hub_id)
        )
        hub = self.directory.hub(hub_id)
        parts = [self.export.programme_name(), hub.name]
        parts.append(ensemble.name if ensemble else tr("All ensembles"))
        parts.append(long_date(day) + (f", {start_end}" if start_end else ""))
        subtitle = " · ".join(parts)
        if ensemble is not None:
            details = [
                tr("Teacher: {name}").format(name=ensemble.teacher) if ensemble.teacher else "",
                ensemble.schedule,
                ensemble.location,
            ]
            subtitle += "\n" + " · ".join(d for d in details if d)
        builder = {
            "roster": self._roster,
            "signin": self._signin,
            "blank-roll": self._blank_roll,
            "emergency": self._emergency,
            "no-photo": self._no_photo,
        }[kind]
        doc = builder(members, ensemble, day)
        doc.subtitle = subtitle + (f"\n{doc.subtitle}" if doc.subtitle else "")
        doc.printed_on = tr("Printed {when} · Harmony Desktop").format(
            when=language.current().date_time(self.now)
        )
        return doc

    # -- the five documents ------------------------------------------------------------

    def _roster(
        self, members: list[Member], ensemble: EnsembleInfo | None, day: dt.date
    ) -> TableDocument:
        rows = []
        for i, m in enumerate(members, start=1):
            st = m.student
            guardian = m.guardians[0] if m.guardians else (m.contacts[0] if m.contacts else None)
            rows.append(
                [
                    str(i),
                    _name_cell(m),
                    st.grade,
                    _age(st.date_of_birth, day),
                    st.instrument,
                    st.district_student_id,
                    f"{guardian.name}\n{_keep_together(guardian.phone)}" if guardian else "",
                    _yes(st.may_walk_home),
                    _yes(st.photo_consent),
                    _alerts(m),
                ]
            )
        subtitle = tr("%n student(s) enrolled", "", len(members))
        if ensemble:
            subtitle += " " + tr("(capacity {capacity})").format(capacity=ensemble.capacity)
        return TableDocument(
            title=document_title("roster"),
            subtitle=subtitle,
            columns=[
                Column("#", 3, _CENTER),
                Column(tr("Name"), 18, bold_first_line=True),
                Column(tr("Grade"), 5, _CENTER),
                Column(tr("Age"), 4, _CENTER),
                Column(tr("Instrument"), 9),
                Column(tr("District ID"), 9),
                Column(tr("Guardian"), 18),
                Column(tr("Walks home"), 6, _CENTER),
                Column(tr("Photo OK"), 6, _CENTER),
                Column(tr("Alerts"), 9),
            ],
            rows=rows,
            min_row_mm=7,
            # Read from the top: the first page full, not shared out evenly with the last.
            balance=False,
            empty_message=_nobody(ensemble),
            footer_lines=[tr("Alerts: details are on the emergency contact sheet.")],
        )

    def first_enrolled_after(self, ensemble_id: str, day: dt.date) -> dt.date | None:
        """The first day after ``day`` on which a student of the ensemble is enrolled (an
        enrollment on the roll, not ended by then), or None."""
        from sqlmodel import col, select

        from harmony_desktop.store.models import Enrollment
        from harmony_desktop.store.queries import live
        from harmony_desktop.store.today import ON_ROLL_STATUSES

        with self.services.store.read() as s:
            days = s.exec(
                select(col(Enrollment.enrolled_on), col(Enrollment.ended_on)).where(
                    Enrollment.ensemble_id == ensemble_id,
                    live(Enrollment),
                    col(Enrollment.status).in_(ON_ROLL_STATUSES),
                    col(Enrollment.enrolled_on) > day,
                )
            ).all()
        starts = [on for on, ended in days if on is not None and (ended is None or ended > on)]
        return min(starts, default=None)

    def _signin_notice(self, ensemble: EnsembleInfo | None, day: dt.date) -> str:
        """Why a sign-in sheet lists nobody: said on the sheet, above its blank lines."""
        if ensemble is None:
            return ""
        first = self.first_enrolled_after(ensemble.id, day)
        if first is not None:
            return tr(
                "No student is enrolled in {ensemble} yet on {day}: its students are enrolled "
                "from {first}. Print the sheet for {first} or later to list them; the lines "
                "below are for walk-ins."
            ).format(ensemble=ensemble.name, day=long_date(day), first=long_date(first))
        return tr(
            "No student is enrolled in {ensemble} on {day}. Enroll students in the Roster "
            "tab; the lines below are for walk-ins."
        ).format(ensemble=ensemble.name, day=long_date(day))

    def _signin(
        self, members: list[Member], ensemble: EnsembleInfo | None, day: dt.date
    ) -> TableDocument:
        # The name the student goes by only: every family at the door reads this sheet
        # (the legal name is on the roster and the emergency sheet, for staff).
        rows = [
            [str(i), m.display_name, "", "", _pickup_cell(m), "", "", ""]
            for i, m in enumerate(members, start=1)
        ]
        for j in range(3):  # walk-ins and new students, where the last page has room
            rows.append([str(len(members) + j + 1), "", "", "", "", "", "", ""])
        legend = ", ".join(
            f"{code} = {tr(str(label))}"
            for reason in EARLY_DEPARTURE_REASONS
            for code, label in [_EARLY_CODES.get(reason, (reason[:1].upper(), reason))]
        )
        return TableDocument(
            title=document_title("signin"),
            subtitle="",
            notice="" if members else self._signin_notice(ensemble, day),
            columns=[
                Column("#", 3, _CENTER),
                Column(tr("Name"), 16, bold_first_line=True),
                Column(tr("Time in"), 7),
                Column(tr("Signature"), 12),
                Column(tr("May be collected by"), 20),
                Column(tr("Time out"), 7),
                Column(tr("Collected by (name and signature)"), 16),
                Column(tr("Early-release code"), 7),
            ],
            rows=rows,
            spare_rows=3,
            landscape=True,
            min_row_mm=9,
            footer_lines=[
                tr(
                    "Release a student only to an adult named for them, or let them walk "
                    "home where it says so. Anyone else, or SEE SITE LEAD: ask the site lead."
                ),
                tr("Early-release codes: {legend}").format(legend=legend),
                tr(
                    "Staff signature: ______________________________   Name: ______________________   Date: ____________"
                ),
            ],
        )

    def _blank_roll(
        self, members: list[Member], ensemble: EnsembleInfo | None, day: dt.date
    ) -> TableDocument:
        assert ensemble is not None
        # The next ten days it meets (no closure day, none after its last day); only
        # when it has none ahead, the next ten of its weekdays, for dates to write in.
        dates = meeting_days(self.services, ensemble.hub_id, ensemble.id, day, before=0, after=140)[
            :10
        ]
        if not dates:
            cursor = day
            weekdays = set(ensemble.schedule_days) or {day.weekday()}
            while len(dates) < 10:
                if cursor.weekday() in weekdays:
                    dates.append(cursor)
                cursor += dt.timedelta(days=1)
        rows = [
            [str(i), m.display_name, m.student.grade] + [""] * len(dates)
            for i, m in enumerate(members, start=1)
        ]
        # Blank lines for new students fill the room the last page has left (about 30
        # rows a page, 34 a little tighter): never a page of their own, nor a second
        # page for a class that fits on one without them.
        blanks = 40  # more than a page holds
        rows += [[str(len(rows) + j + 1), "", ""] + [""] * len(dates) for j in range(blanks)]
        codes = ", ".join(
            f"{c.code} {data_label(c.label, c.label_es).lower()}"
            for c in self.services.roll.codes()
        )
        lang = language.current()
        return TableDocument(
            title=document_title("blank-roll"),
            subtitle=tr(
                "For when a laptop is not available: mark a code per date, enter it later."
            ),
            # Lines only, and no name: say why, as the sign-in sheet does.
            notice="" if members else self._signin_notice(ensemble, day),
            columns=[
                Column("#", 3, _CENTER),
                Column(tr("Name"), 22, bold=True),
                Column(tr("Gr."), 3.5, _CENTER),
                *[Column(f"{lang.weekday(d)}\n{lang.day_month(d)}", 5.5, _CENTER) for d in dates],
            ],
            rows=rows,
            spare_rows=blanks,
            balance=False,
            rows_per_page=30,
            min_row_mm=6,
            footer_lines=[
                tr("Codes: {codes}").format(codes=codes),
                tr("Teacher signature: ______________________________"),
            ],
        )

    def _emergency(
        self, members: list[Member], ensemble: EnsembleInfo | None, day: dt.date
    ) -> TableDocument:
        rows = []
        for m in members:
            st = m.student
            who = [_name_cell(m)]
            if st.date_of_birth:
                who.append(
                    tr("Born {date} (age {age})").format(
                        date=language.current().date(st.date_of_birth),
                        age=_age(st.date_of_birth, day),
                    )
                )
            if st.grade:
                who.append(tr("Grade {grade}").format(grade=st.grade))
            if st.guardian_language:
                who.append(tr("Family language: {lang}").format(lang=st.guardian_language))
            contacts = []
            for c in m.contacts:
                role = (
                    tr("Guardian")
                    if c.is_guardian
                    else (tr("Emergency") if c.is_emergency else tr("Contact"))
                )
                phones = " / ".join(_keep_together(p) for p in (c.phone, c.phone_alt) if p)
                relation = f", {c.relationship}" if c.relationship else ""
                contacts.append(f"{c.name} ({role}{relation}) {phones}")
            pickups = [c.name for c in m.contacts if c.authorized_pickup]
            if st.may_walk_home:
                pickups.append(tr("May walk home"))
            health = []
            if st.allergy_notes:
                health.append(tr("Allergies: {notes}").format(notes=st.allergy_notes))
            if st.medical_notes:
                health.append(tr("Medical: {notes}").format(notes=st.medical_notes))
            rows.append(
                [
                    "\n".join(who),
                    "\n".join(contacts) or tr("NO CONTACT ON FILE"),
                    "\n".join(pickups) or tr("None listed"),
                    "\n".join(m.custody_flags),
                    "\n".join(health),
                ]
            )
        return TableDocument(
            title=document_title("emergency"),
            subtitle=tr("%n student(s)", "", len(members)),
            columns=[
                Column(tr("Student"), 17, bold_first_line=True),
                Column(tr("Guardians and emergency contacts"), 30),
                Column(tr("Authorized pickups"), 13),
                Column(tr("Custody restrictions"), 15),
                Column(tr("Allergies and medical notes"), 20),
            ],
            rows=rows,
            landscape=True,
            min_row_mm=10,
            font_pt=8.5,
            notice=tr(
                "CONFIDENTIAL: keep with staff at all times; never post or leave behind. Shred when replaced."
            ),
            empty_message=_nobody(ensemble),
        )

    def _no_photo(
        self, members: list[Member], ensemble: EnsembleInfo | None, day: dt.date
    ) -> TableDocument:
        chosen = [m for m in members if not m.student.photo_consent]
        # Handed to photographers and volunteers: the name the student goes by only.
        rows = [
            [str(i), m.display_name, m.student.grade, m.student.instrument, ", ".join(m.ensembles)]
            for i, m in enumerate(chosen, start=1)
        ]
        return TableDocument(
            title=document_title("no-photo"),
            subtitle=tr("%n of {total} student(s) have no photo consent.", "", len(chosen)).format(
                total=len(members)
            ),
            notice=tr(
                "Keep these students out of photos, video and live streams. Check before posting."
            ),
            columns=[
                Column("#", 3, _CENTER),
                Column(tr("Name"), 22, bold_first_line=True),
                Column(tr("Grade"), 5, _CENTER),
                Column(tr("Instrument"), 10),
                Column(tr("Ensembles"), 20),
            ],
            rows=rows,
            min_row_mm=8,
            empty_message=(
                tr("Every student listed here has photo consent.") if members else _nobody(ensemble)
            ),
        )


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new one (offscreen without a display).

    A QApplication (not just a QGuiApplication), so widgets created later in the same
    process (the window after a self-test, pytest-qt after a printing test) still work.
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    global _APP
    _APP = QApplication(["harmony-desktop"])
    return _APP


_APP: QCoreApplication | None = None


def set_up_device(device: QPagedPaintDevice, page_size: str, *, landscape: bool) -> None:
    """Page size (Letter or A4), orientation and 12 mm margins on a PDF writer or printer."""
    size_id = PAGE_SIZES.get(page_size.casefold())
    if size_id is None:
        raise ValidationError(
            tr("Page size must be Letter or A4, not {size!r}.").format(size=page_size)
        )
    layout = QPageLayout(
        QPageSize(size_id),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(12, 12, 12, 12),
        QPageLayout.Unit.Millimeter,
    )
    device.setPageLayout(layout)


def render_document(
    kind: str,
    services: Services,
    *,
    hub_id: str,
    ensemble_id: str | None = None,
    session_id: str | None = None,
    day: dt.date | None = None,
    pdf_path: Path,
    page_size: str = "Letter",
    language_code: str | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Print document ``kind`` ("roster", "signin", "blank-roll", "emergency",
    "no-photo") to the PDF ``pdf_path`` and return the path.

    ``language_code`` ("en", "es") is the document's language; None: the app's.
    ``now`` is the moment its pages say it was printed (default: now).
    Creates a QGuiApplication when none is running (offscreen on a headless machine).
    """
    ensure_gui_application()
    with language.document_language(language_code):
        document = DocumentBuilder(services, now=now).build(
            kind, hub_id=hub_id, ensemble_id=ensemble_id, session_id=session_id, day=day
        )
        # Written beside and moved into place, readable by its owner only: a failure
        # leaves no half PDF and says what to do (services.files.file_error).
        with saving(pdf_path) as partial:
            writer = QPdfWriter(str(partial))
            writer.setResolution(300)
            writer.setTitle(document.title)
            writer.setCreator("Harmony Desktop")
            set_up_device(writer, page_size, landscape=document.landscape)
            try:
                TablePainter(document).paint(writer)
            except RuntimeError as exc:  # Qt could not open the file: say it as the OS would
                raise OSError(errno.EIO, str(exc)) from exc
            finally:
                del writer  # finishes the file
    return pdf_path
