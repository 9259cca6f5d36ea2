"""The student form: profile, contacts and (for an existing student) enrollment.

It validates as you type with the services' own rules (one set of rules for the form,
the import and the command line) and, for a new student, warns about a likely duplicate
(same name and date of birth, or same guardian phone) before saving.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from harmony_desktop.domain.calendar import start_year
from harmony_desktop.domain.errors import HarmonyError, ValidationError
from harmony_desktop.domain.grades import grade_far_from_age
from harmony_desktop.domain.vocab import StudentStatus
from harmony_desktop.services.context import Services
from harmony_desktop.services.roster import GRADES, validate_contact, validate_student
from harmony_desktop.store.models import Contact, Student
from harmony_desktop.ui.datefield import DateField, DateReading, FittingLabel, not_a_date
from harmony_desktop.ui.roster.enrollment_panel import EnrollmentPanel
from harmony_desktop.ui.screen_fit import scrolling_dialog

_ERROR_STYLE = "color: #a40000; font-weight: bold;"
_WARNING_STYLE = "color: #7a4b00; background: #fff4d6; padding: 4px;"
_NOTE_STYLE = "color: #7a4b00;"


class _NoteLine(FittingLabel):
    """A line of its own under the grade (the programme year it is for; a grade far
    from the age): asks no more room than its shortest text, so a long note takes the
    room its column has and never widens the column, squeezing the other column's
    fields (it shortens instead; the whole note is its tooltip)."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


def _two_columns(
    page: QWidget, left: list[tuple[str, QWidget]], right: list[tuple[str, QWidget]]
) -> list[QFormLayout]:
    """Lay ``page`` out as two forms side by side; each label is its field's buddy (its
    Alt key, after the ``&``, goes to the field) and names it for screen readers. Fields
    are added left column first, so Tab goes down the left column and then down the
    right one. Returns the two forms, left and right."""
    columns = QHBoxLayout(page)
    forms: list[QFormLayout] = []
    for rows in (left, right):
        form = QFormLayout()
        forms.append(form)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, widget in rows:
            form.addRow(label, widget)  # a QLabel whose buddy is ``widget``
            # A row of several widgets (a field and a note beside it) stands for its
            # field, its focus proxy: the label's Alt key goes to it, and names it.
            field = widget.focusProxy() or widget
            found = form.labelForField(widget)
            if isinstance(found, QLabel):
                found.setBuddy(field)
            if label:
                field.setAccessibleName(label.replace("&", "").rstrip(" *"))
        column = QVBoxLayout()  # the rows at the top, the room left below them
        column.addLayout(form)
        column.addStretch(1)
        columns.addLayout(column, 1)
    columns.insertSpacing(1, 12)
    return forms


class ContactEditor(QGroupBox):
    """One contact: guardian, emergency contact and/or authorized pickup.

    Its fields have no Alt keys of their own (every contact has the same fields): the
    form numbers the contacts, and Alt+1 … Alt+9 go to each (to its first field, or to
    the one the keyboard last left there; :meth:`set_title`)."""

    #: any field changed
    changed = Signal()
    #: the user asked to remove this contact
    remove_requested = Signal(object)

    def __init__(
        self, title: str, contact: Contact | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        #: the title without its Alt key ("Contact 2"), as messages and names say it
        self.plain_title = title.replace("&", "")
        #: each field with the label that names it (after the contact's title)
        self._names: list[tuple[QWidget, str]] = []
        self.contact_id = contact.id if contact else None
        grid = QGridLayout(self)
        self.name = QLineEdit(contact.name if contact else "")
        self.relationship = QLineEdit(contact.relationship if contact else "")
        self.phone = QLineEdit(contact.phone if contact else "")
        self.phone_alt = QLineEdit(contact.phone_alt if contact else "")
        self.email = QLineEdit(contact.email if contact else "")
        self.language = QLineEdit(contact.language if contact else "")
        self.custody = QLineEdit(contact.custody_restriction if contact else "")
        self.is_guardian = QCheckBox(self.tr("Guardian"))
        self.is_emergency = QCheckBox(self.tr("Emergency contact"))
        self.pickup = QCheckBox(self.tr("Authorized pickup"))
        if contact:
            self.is_guardian.setChecked(contact.is_guardian)
            self.is_emergency.setChecked(contact.is_emergency)
            self.pickup.setChecked(contact.authorized_pickup)
        self.remove = QPushButton(self.tr("Remove"))
        self.name.setPlaceholderText(self.tr("Full name"))
        self.relationship.setPlaceholderText(self.tr("mother, grandfather, neighbour…"))
        self.phone.setPlaceholderText(self.tr("(323) 555-0100"))
        self.custody.setPlaceholderText(self.tr('Empty if none. e.g. "No contact with father"'))
        rows = [
            (self.tr("Name"), self.name, self.tr("Relationship"), self.relationship),
            (self.tr("Phone"), self.phone, self.tr("Other phone"), self.phone_alt),
            (self.tr("Email"), self.email, self.tr("Language"), self.language),
        ]
        for r, (l1, w1, l2, w2) in enumerate(rows):
            for column, (text, widget) in enumerate(((l1, w1), (l2, w2))):
                label = QLabel(text)
                label.setBuddy(widget)
                grid.addWidget(label, r, 2 * column)
                grid.addWidget(widget, r, 2 * column + 1)
                self._names.append((widget, text))
        flags = QHBoxLayout()
        for box in (self.is_guardian, self.is_emergency, self.pickup):
            flags.addWidget(box)
            self._names.append((box, box.text()))
            box.toggled.connect(self.changed)
        flags.addStretch(1)
        flags.addWidget(self.remove)
        custody = QLabel(self.tr("Custody restriction"))
        custody.setBuddy(self.custody)
        grid.addWidget(custody, 3, 0)
        grid.addWidget(self.custody, 3, 1, 1, 3)
        grid.addLayout(flags, 4, 0, 1, 4)
        self._names += [(self.custody, custody.text()), (self.remove, self.tr("Remove"))]
        self._name_fields()
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for edit in (
            self.name,
            self.relationship,
            self.phone,
            self.phone_alt,
            self.email,
            self.language,
            self.custody,
        ):
            edit.textChanged.connect(self.changed)

    def set_title(self, title: str) -> None:
        """Show the contact as ``title`` ("Contact &2"): its Alt key goes to the
        contact, and each field is named after it ("Contact 2: Phone")."""
        self.setTitle(title)
        self.plain_title = title.replace("&", "")
        self._name_fields()

    def _name_fields(self) -> None:
        for widget, name in self._names:
            widget.setAccessibleName(f"{self.plain_title}: {name}")

    def is_empty(self) -> bool:
        """True when nothing was typed (an empty slot is skipped on save)."""
        return not any(
            e.text().strip()
            for e in (
                self.name,
                self.relationship,
                self.phone,
                self.phone_alt,
                self.email,
                self.custody,
            )
        )

    def values(self) -> dict[str, Any]:
        """The contact's fields as the roster service takes them."""
        return {
            "name": self.name.text().strip(),
            "relationship": self.relationship.text().strip(),
            "phone": self.phone.text().strip(),
            "phone_alt": self.phone_alt.text().strip(),
            "email": self.email.text().strip(),
            "language": self.language.text().strip(),
            "is_guardian": self.is_guardian.isChecked(),
            "is_emergency": self.is_emergency.isChecked(),
            "authorized_pickup": self.pickup.isChecked(),
            "custody_restriction": self.custody.text().strip(),
        }


class StudentDialog(QDialog):
    """Create or edit a student. ``student_id`` None creates one in ``hub_id``."""

    #: the student was saved (id)
    saved = Signal(str)
    #: "Open that student instead": the existing student's id (the form closes unsaved)
    openInstead = Signal(str)
    #: "Save and enroll…" on a new student's form: the new student's id, after ``saved``
    #: (the page opens the student's form on its Enrollment tab)
    enrollRequested = Signal(str)

    def __init__(
        self,
        services: Services,
        hub_id: str,
        student_id: str | None = None,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub_id = hub_id
        self.student_id = student_id
        self.today = today or dt.date.today()
        self._duplicates_acknowledged = False
        self._enroll_next = False
        student = self.services.roster.student(student_id) if student_id else None
        #: the grade as stored and the programme year it is for ("" when not recorded)
        self._stored_grade = (student.grade, student.grade_year) if student else ("", "")
        #: the programme year holding today: what a grade changed here is saved for
        self._year_now = services.calendar.programme_year_for(self.today).label
        contacts = self.services.roster.contacts(student_id) if student_id else []
        self._original_contacts = {c.id: c for c in contacts}
        self.setWindowTitle(
            self.tr("New student")
            if student is None
            else self.tr("Student: {name}").format(
                name=f"{student.legal_first_name} {student.legal_last_name}"
            )
        )
        self.resize(820, 560)  # two contacts in sight; no taller than the screen

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Student form sections"))
        # Every Alt key is unique among the tabs, the buttons below and the tab shown
        # (a key may come back on another tab: only the tab shown answers).
        self.tabs.addTab(self._profile_tab(student), self.tr("&Profile"))
        self.tabs.addTab(self._contacts_tab(contacts), self.tr("Cont&acts"))
        self.tabs.addTab(self._health_tab(student), self.tr("&Health and permissions"))
        self.enrollment: EnrollmentPanel | None = None
        if student_id:
            self.enrollment = EnrollmentPanel(services, hub_id, student_id, today=self.today)
            self.tabs.addTab(self.enrollment, self.tr("&Enrollment"))
        # Each tab is as small as its own fields allow: the enrollment table must not
        # make the profile scroll, nor the profile's two columns wider than the screen.
        self.tabs.currentChanged.connect(self._size_to_current_tab)
        self._size_to_current_tab()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Form messages"))
        self.duplicate_banner = QLabel()
        self.duplicate_banner.setWordWrap(True)
        self.duplicate_banner.setStyleSheet(_WARNING_STYLE)
        self.duplicate_banner.setAccessibleName(self.tr("Possible duplicate warning"))
        self.duplicate_banner.hide()
        self.open_existing_button = QPushButton(self.tr("Open &that student instead"))
        self.open_existing_button.setAccessibleName(self.tr("Open that student instead"))
        self.open_existing_button.clicked.connect(self._open_existing)
        self.open_existing_button.hide()
        self._duplicate_ids: list[str] = []
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            self.tr("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setAccessibleName(self.tr("Save student"))
        # A new student has no Enrollment tab (an enrollment needs the saved student):
        # this saves, then opens the student's form on it.
        self.save_enroll_button: QPushButton | None = None
        if student_id is None:
            self.save_enroll_button = self.buttons.addButton(
                self.tr("Save and &enroll…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.save_enroll_button.setAccessibleName(self.tr("Save, then enroll in an ensemble"))
            self.save_enroll_button.clicked.connect(self.save_and_enroll)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("&Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)

        # The fields scroll; the warning and the messages stay in sight above Save and
        # Cancel, and none of them is ever pushed off a small screen.
        # The message sits beside Save and Cancel: on a small screen (200 %) every line
        # of height is a row of fields seen without scrolling.
        footer = QWidget()
        below = QVBoxLayout(footer)
        below.setContentsMargins(0, 0, 0, 0)
        warning = QHBoxLayout()
        warning.addWidget(self.duplicate_banner, 1)
        warning.addWidget(self.open_existing_button, 0, Qt.AlignmentFlag.AlignTop)
        below.addLayout(warning)
        last = QHBoxLayout()
        last.addWidget(self.message, 1)
        last.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        below.addLayout(last)
        scrolling_dialog(self, self.tabs, footer)
        # Tab reaches the buttons in the order they are seen (Save, Save and enroll…,
        # Cancel, as the style lays them out), after the "Open that student instead"
        # above them: the order they were made in put Cancel first.
        row = self.buttons.layout()
        items = [row.itemAt(i) for i in range(row.count())] if row is not None else []
        shown = [item.widget() for item in items if item is not None]
        chain = [self.open_existing_button, *(b for b in shown if isinstance(b, QPushButton))]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.validate()
        # Enter saves (Save is the default button), Escape cancels; typing starts at the
        # first name.
        self.first_name.setFocus()

    # -- building ----------------------------------------------------------------------

    def _size_to_current_tab(self) -> None:
        """Only the tab shown counts for the form's smallest size (a QTabWidget takes
        the largest of all its tabs): the other tabs' size policies are Ignored."""
        current = self.tabs.currentIndex()
        for index in range(self.tabs.count()):
            policy = (
                QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            )
            page = self.tabs.widget(index)
            if page is not None:
                page.setSizePolicy(policy, policy)
        self.tabs.updateGeometry()

    def _profile_tab(self, st: Student | None) -> QWidget:
        """Who the student is (left) and their school, languages and music (right): two
        columns of at most seven rows, seen whole on a 1280×720 screen at 200 %.
        Tab goes down the left column, then down the right one."""
        page = QWidget()
        self.first_name = QLineEdit(st.legal_first_name if st else "")
        self.last_name = QLineEdit(st.legal_last_name if st else "")
        self.preferred_name = QLineEdit(st.preferred_name if st else "")
        # Typed whole in the window's language's order ("5/6/2014": 5 June in Spanish,
        # May 6 in English), and said in words under it before anything is saved.
        self.date_of_birth = DateField(
            st.date_of_birth.isoformat() if st and st.date_of_birth else "", today=self.today
        )
        self.date_read = DateReading(self.date_of_birth)
        # Never narrower than a date typed whole: the reading beside it shortens first
        # (to "10 may" at 200 % in Spanish, where "2012-05-10" once showed "012-05-10").
        frame = self.date_of_birth.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
        digits = self.date_of_birth.fontMetrics()
        typed = max(digits.horizontalAdvance(t) for t in ("0000-00-00", "00/00/0000"))
        self.date_of_birth.setMinimumWidth(typed + 2 * frame + 6)  # 2 px margins, the cursor
        # The date as read sits beside the field: a row more would make the profile
        # scroll on a 1280×720 screen at 200 %.
        birth_row = QWidget()
        birth_layout = QHBoxLayout(birth_row)
        birth_layout.setContentsMargins(0, 0, 0, 0)
        birth_layout.addWidget(self.date_of_birth, 1)
        birth_layout.addWidget(self.date_read, 1)
        birth_row.setFocusProxy(self.date_of_birth)
        self.grade = QComboBox()
        self.grade.addItem(self.tr("(not set)"), "")
        for g in GRADES:
            self.grade.addItem(g, g)
        self.grade.setCurrentIndex(max(0, self.grade.findData(st.grade if st else "")))
        grade_row = QWidget()
        grade_layout = QHBoxLayout(grade_row)
        grade_layout.setContentsMargins(0, 0, 0, 0)
        grade_layout.addWidget(self.grade)
        grade_layout.addStretch(1)
        grade_row.setFocusProxy(self.grade)
        # Under the grade, each on a line of its own as wide as the column: the
        # programme year it is for, and a grade far from the age (never refused; its
        # line is there only while there is one). Beside the grade, a note had the room
        # the grade leaves, and took the rest from the right column's fields: at 200 %
        # in Spanish it squeezed School to 30 px. The left column's lines under the
        # grade are lower than the right column's fields, and close together (one row
        # of the form): the two lines cost the form no height, even at 200 %.
        self.grade_year_note = _NoteLine()
        self.grade_year_note.setAccessibleName(self.tr("The grade's school year"))
        self.grade_note = _NoteLine()
        self.grade_note.setStyleSheet(_NOTE_STYLE)
        self.grade_note.setAccessibleName(self.tr("Grade and age note"))
        self.grade_note.hide()
        self._under_grade = under_grade = QWidget()
        under_layout = QVBoxLayout(under_grade)
        under_layout.setContentsMargins(0, 0, 0, 0)
        under_layout.setSpacing(0)
        under_layout.addWidget(self.grade_year_note)
        under_layout.addWidget(self.grade_note)
        self.school = QLineEdit(st.school if st else "")
        self.district_id = QLineEdit(st.district_student_id if st else "")
        self.statewide_id = QLineEdit(st.statewide_student_id if st else "")
        self.home_language = QLineEdit(st.home_language if st else "")
        self.guardian_language = QLineEdit(st.guardian_language if st else "")
        self.instrument = QLineEdit(st.instrument if st else "")
        self.level = QLineEdit(st.level if st else "")
        self.status = QComboBox()
        for value, label in (
            (StudentStatus.ACTIVE, self.tr("Active")),
            (StudentStatus.INACTIVE, self.tr("Inactive")),
            (StudentStatus.ARCHIVED, self.tr("Archived")),
        ):
            self.status.addItem(label, value.value)
        self.status.setCurrentIndex(max(0, self.status.findData(st.status if st else "active")))
        left: list[tuple[str, QWidget]] = [
            (self.tr("Legal &first name *"), self.first_name),
            (self.tr("Legal &last name *"), self.last_name),
            (self.tr("Preferred &name"), self.preferred_name),
            (self.tr("Date of &birth"), birth_row),
            (self.tr("G&rade"), grade_row),
            ("", under_grade),
            (self.tr("Stat&us"), self.status),
        ]
        right: list[tuple[str, QWidget]] = [
            (self.tr("Sch&ool"), self.school),
            (self.tr("&District student id"), self.district_id),
            (self.tr("State&wide student id"), self.statewide_id),
            (self.tr("Ho&me language"), self.home_language),
            (self.tr("&Guardian's language"), self.guardian_language),
            (self.tr("&Instrument"), self.instrument),
            (self.tr("Le&vel"), self.level),
        ]
        self._profile_left = _two_columns(page, left, right)[0]
        self._profile_left.setRowVisible(under_grade, False)  # until there is a note
        self._field_widgets: dict[str, QWidget] = {
            "legal_first_name": self.first_name,
            "legal_last_name": self.last_name,
            "date_of_birth": self.date_of_birth,
            "grade": self.grade,
            "status": self.status,
        }
        line_edits: list[QLineEdit] = [
            self.first_name, self.last_name, self.preferred_name, self.date_of_birth,
            self.school, self.district_id, self.statewide_id, self.home_language,
            self.guardian_language,
            self.instrument, self.level,
        ]  # fmt: skip
        for line_edit in line_edits:
            line_edit.textChanged.connect(self.validate)
        self.first_name.textChanged.connect(self._reset_duplicates)
        self.last_name.textChanged.connect(self._reset_duplicates)
        self.date_of_birth.textChanged.connect(self._reset_duplicates)
        self.grade.currentIndexChanged.connect(self.validate)
        self.status.currentIndexChanged.connect(self.validate)
        return page

    def _health_tab(self, st: Student | None) -> QWidget:
        """Allergies and medical notes (left); permissions and notes (right)."""
        page = QWidget()
        self.allergy_notes = QPlainTextEdit(st.allergy_notes if st else "")
        self.medical_notes = QPlainTextEdit(st.medical_notes if st else "")
        self.notes = QPlainTextEdit(st.notes if st else "")
        for edit in (self.allergy_notes, self.medical_notes, self.notes):
            edit.setMaximumHeight(60)
            edit.setTabChangesFocus(True)
        # A check box's Alt key ticks or clears it (the "Permissions" label has none).
        self.photo_consent = QCheckBox(self.tr("Photo consent &given"))
        self.photo_consent.setChecked(bool(st and st.photo_consent))
        self.may_walk_home = QCheckBox(self.tr("May &walk home alone"))
        self.may_walk_home.setChecked(bool(st and st.may_walk_home))
        _two_columns(
            page,
            [(self.tr("A&llergies"), self.allergy_notes),
             (self.tr("&Medical notes"), self.medical_notes)],
            [(self.tr("Permissions"), self.photo_consent), ("", self.may_walk_home),
             (self.tr("&Notes"), self.notes)],
        )  # fmt: skip
        for box in (self.photo_consent, self.may_walk_home):
            box.setAccessibleName(box.text().replace("&", ""))
        return page

    def _contacts_tab(self, contacts: list[Contact]) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "At least two contacts: a guardian and an emergency contact. Tick who may pick "
                "the student up, and write any custody restriction staff must know."
            )
        )
        hint.setWordWrap(True)
        outer.addWidget(hint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName(self.tr("Contacts"))
        holder = QWidget()
        self.contacts_layout = QVBoxLayout(holder)
        self.contacts_layout.addStretch(1)
        scroll.setWidget(holder)
        outer.addWidget(scroll, 1)
        self.add_contact_button = QPushButton(self.tr("A&dd contact"))
        self.add_contact_button.setAccessibleName(self.tr("Add contact"))
        self.add_contact_button.clicked.connect(self._add_contact_by_hand)
        self._contacts_scroll = scroll
        # Alt+2 goes to the second contact: scrolled into sight, as Tab does.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)
        outer.addWidget(self.add_contact_button)
        self.contact_editors: list[ContactEditor] = []
        for contact in contacts:
            self.add_contact_editor(contact)
        if not contacts:
            first = self.add_contact_editor()
            first.is_guardian.setChecked(True)
            first.pickup.setChecked(True)
            second = self.add_contact_editor()
            second.is_emergency.setChecked(True)
        elif len(contacts) == 1:
            self.add_contact_editor().is_emergency.setChecked(True)
        return page

    def add_contact_editor(self, contact: Contact | None = None) -> ContactEditor:
        """Add a contact slot (filled from ``contact``) and return it."""
        editor = ContactEditor(self._contact_title(len(self.contact_editors) + 1), contact)
        editor.changed.connect(self.validate)
        editor.phone.textChanged.connect(self._reset_duplicates)
        editor.remove_requested.connect(self._remove_editor)
        self.contact_editors.append(editor)
        self.contacts_layout.insertWidget(self.contacts_layout.count() - 1, editor)
        self._order_contacts()
        self.validate()
        return editor

    def _contact_title(self, number: int) -> str:
        """ "Contact &2": Alt+2 goes to the second contact (the first nine have one)."""
        return self.tr("Contact {n}").format(n=f"&{number}" if number < 10 else number)

    def _order_contacts(self) -> None:
        """Tab goes through the contacts in order, then to Add contact."""
        chain: list[QWidget] = [self._contacts_scroll]
        for editor in self.contact_editors:
            chain += [editor.name, editor.relationship, editor.phone, editor.phone_alt,
                      editor.email, editor.language, editor.custody, editor.is_guardian,
                      editor.is_emergency, editor.pickup, editor.remove]  # fmt: skip
        chain.append(self.add_contact_button)
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Keep the field with the keyboard in sight among the contacts."""
        holder = self._contacts_scroll.widget()
        if new is not None and holder is not None and holder.isAncestorOf(new):
            self._contacts_scroll.ensureWidgetVisible(new)

    def _add_contact_by_hand(self) -> None:
        """Add contact: a new slot, with the keyboard in its first field."""
        editor = self.add_contact_editor()
        editor.name.setFocus()
        self._contacts_scroll.ensureWidgetVisible(editor)

    def _remove_editor(self, editor: ContactEditor) -> None:
        """Remove a contact; those after it move up a number (the order is the order
        staff call them in), and the keyboard goes to the next one or Add contact."""
        index = self.contact_editors.index(editor)
        self.contact_editors.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        for number, kept in enumerate(self.contact_editors, start=1):
            kept.set_title(self._contact_title(number))
        self._order_contacts()
        following = self.contact_editors[index:]
        (following[0].name if following else self.add_contact_button).setFocus()
        self.validate()

    # -- values and validation ---------------------------------------------------------

    def student_fields(self) -> dict[str, Any]:
        """The profile as the roster service takes it (raises ValidationError on a bad date)."""
        try:
            dob = self.date_of_birth.typed()
        except (ValueError, OverflowError) as exc:
            raise ValidationError(not_a_date(self.date_of_birth.text()), "date_of_birth") from exc
        return {
            "legal_first_name": self.first_name.text().strip(),
            "legal_last_name": self.last_name.text().strip(),
            "preferred_name": self.preferred_name.text().strip(),
            "date_of_birth": dob,
            "grade": self.grade.currentData() or "",
            "school": self.school.text().strip(),
            "district_student_id": self.district_id.text().strip(),
            "statewide_student_id": self.statewide_id.text().strip(),
            "home_language": self.home_language.text().strip(),
            "guardian_language": self.guardian_language.text().strip(),
            "instrument": self.instrument.text().strip(),
            "level": self.level.text().strip(),
            "status": self.status.currentData(),
            "allergy_notes": self.allergy_notes.toPlainText().strip(),
            "medical_notes": self.medical_notes.toPlainText().strip(),
            "notes": self.notes.toPlainText().strip(),
            "photo_consent": self.photo_consent.isChecked(),
            "may_walk_home": self.may_walk_home.isChecked(),
        }

    def contact_values(self) -> list[tuple[ContactEditor, dict[str, Any]]]:
        """Filled contact slots with their values; the order in the form is the order staff
        call them in (priority 1, 2, …)."""
        filled = [e for e in self.contact_editors if not e.is_empty()]
        return [(e, {**e.values(), "priority": n}) for n, e in enumerate(filled, start=1)]

    def validate(self) -> bool:
        """Check the form; show the first problem and enable Save only when it is fine."""
        if not hasattr(self, "save_button"):
            return False  # still building the form
        self._mark_field(None)
        try:
            validate_student(self.student_fields(), today=self.today)
            for _editor, values in self.contact_values():
                try:
                    validate_contact(values)
                except ValidationError as exc:
                    self._mark_field(getattr(_editor, exc.field or "", None))
                    raise ValidationError(
                        self.tr("{contact}: {error}").format(
                            contact=_editor.plain_title, error=exc
                        ),
                        exc.field,
                    ) from exc
        except ValidationError as exc:
            if exc.field in self._field_widgets:
                self._mark_field(self._field_widgets[exc.field])
            self._show(str(exc), error=True)
            self._saveable(False)
            return False
        self._note_grade()
        filled = len(self.contact_values())
        if filled == 0:
            self._show(
                self.tr(
                    "No contacts yet: add a guardian and an emergency contact so staff can "
                    "always reach someone."
                ),
                error=False,
            )
        elif filled == 1:
            self._show(
                self.tr(
                    "Only one contact: add a second one (an emergency contact) so staff can "
                    "always reach someone."
                ),
                error=False,
            )
        else:
            self._show("", error=False)
        self._saveable(True)
        return True

    def grade_year_shown(self) -> str:
        """The programme year the grade in the form is for: the stored one while the
        grade is as stored ("" when not recorded), this year's once it is changed (what
        saving records), "" for no grade."""
        grade = self.grade.currentData() or ""
        if not grade:
            return ""
        stored_grade, stored_year = self._stored_grade
        return stored_year if grade == stored_grade else self._year_now

    def _year_texts(self) -> tuple[list[str], bool]:
        """What under the grade says of its year, longest first, and whether the year is
        an earlier one: "Grade for 2026-27"; an earlier year's grade said to be one, with
        where moving students up is; nothing for no grade or a year not recorded
        (nothing to say that is sure)."""
        year = self.grade_year_shown()
        if not year:
            return [], False
        try:
            behind = start_year(self._year_now) - start_year(year)
        except ValidationError:
            behind = 0
        if behind <= 0:
            return [self.tr("Grade for {year}").format(year=year), year], False
        if behind == 1:
            return [
                self.tr(
                    "Last year's grade ({year}): Programme set-up's Next grade tab moves "
                    "students up"
                ).format(year=year),
                self.tr("Last year's grade ({year}): see Next grade").format(year=year),
                self.tr("Last year's grade ({year})").format(year=year),
                year,  # where there is no more room: in the note's colour, its tooltip says
            ], True
        return [
            self.tr(
                "Grade for {year}, an earlier year: Programme set-up's Next grade tab moves "
                "students up"
            ).format(year=year),
            self.tr("Grade for {year}, an earlier year: see Next grade").format(year=year),
            self.tr("Grade for {year}, an earlier year").format(year=year),
            year,
        ], True

    def _note_grade(self) -> None:
        """Under the grade: the programme year it is for, and a note when it is far
        from the age the date of birth gives (children are held back and skip grades:
        the form saves all the same)."""
        fields = self.student_fields()
        far = grade_far_from_age(fields["grade"], fields["date_of_birth"], self.today)
        if far is None:
            self.grade_note.set_texts()
        else:
            self.grade_note.set_texts(
                far.text(),
                self.tr("Usually grade {usual} at {age}: check").format(
                    usual=far.usual, age=far.age
                ),
                self.tr("Usually grade {usual}").format(usual=far.usual),
            )
        self.grade_note.setVisible(far is not None)
        years, earlier = self._year_texts()
        self.grade_year_note.set_texts(*years)
        self.grade_year_note.setVisible(bool(years))  # no blank line above the age note
        # nothing to say: no row (nor its spacing) between the grade and the status
        self._profile_left.setRowVisible(self._under_grade, bool(years) or far is not None)
        self.grade_year_note.setStyleSheet(_NOTE_STYLE if earlier else "")
        said = [self.grade_year_note.full_text(), self.grade_note.full_text()]
        self.grade.setAccessibleDescription(" ".join(t for t in said if t))

    def _saveable(self, saveable: bool) -> None:
        """Enable or disable Save (and Save and enroll…) as the form is valid or not."""
        self.save_button.setEnabled(saveable)
        if self.save_enroll_button is not None:
            self.save_enroll_button.setEnabled(saveable)

    def _mark_field(self, widget: QWidget | None) -> None:
        """Outline the field the message is about (and only that one) in red."""
        previous = getattr(self, "_marked", None)
        if previous is not None and previous is not widget:
            previous.setStyleSheet("")
        if widget is not None:
            widget.setStyleSheet("border: 2px solid #a40000;")
        self._marked = widget

    def _show(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(_ERROR_STYLE if error else _WARNING_STYLE if text else "")

    def _reset_duplicates(self) -> None:
        if self._duplicates_acknowledged:
            self._duplicates_acknowledged = False
            self.duplicate_banner.hide()
            self.open_existing_button.hide()
            self.save_button.setText(self.tr("&Save"))

    def check_duplicates(self) -> list[Student]:
        """Students that look like the one being created (empty when editing)."""
        if self.student_id:
            return []
        fields = self.student_fields()
        phones = [v["phone"] for _e, v in self.contact_values()] + [
            v["phone_alt"] for _e, v in self.contact_values() if v["phone_alt"]
        ]
        return self.services.roster.possible_duplicates(
            self.hub_id,
            fields["legal_first_name"],
            fields["legal_last_name"],
            fields["date_of_birth"],
            phones,
        )

    # -- saving ----------------------------------------------------------------------

    def save(self) -> None:
        """Save (after one warning about a likely duplicate, for a new student)."""
        if not self.validate():
            return
        try:
            if not self._duplicates_acknowledged:
                matches = self.check_duplicates()
                if matches:
                    self._show_duplicates(matches)
                    return
            fields = self.student_fields()
            contacts = self.contact_values()
            if self.student_id is None:
                self.student_id = self.services.roster.create_student(
                    self.hub_id, fields, [values for _e, values in contacts]
                )
            else:
                self._save_existing(fields, contacts)
        except HarmonyError as exc:
            self._show(str(exc), error=True)
            return
        self.saved.emit(self.student_id)
        self.accept()
        if self._enroll_next:
            self.enrollRequested.emit(self.student_id)

    def save_and_enroll(self) -> None:
        """Save a new student, then ask for the student's form on its Enrollment tab."""
        self._enroll_next = True
        try:
            self.save()
        finally:
            self._enroll_next = False

    def _show_duplicates(self, matches: list[Student]) -> None:
        lines = [
            f"• {st.legal_first_name} {st.legal_last_name}"
            + (f", {st.date_of_birth.isoformat()}" if st.date_of_birth else "")
            + (f", {st.district_student_id}" if st.district_student_id else "")
            for st in matches[:5]
        ]
        self.duplicate_banner.setText(
            self.tr(
                "This may be a student already on the roster (same name and date of birth, or "
                "same guardian phone):\n{list}\nOpen that student instead, or click "
                '"Save anyway" if this really is another child.'
            ).format(list="\n".join(lines))
        )
        self.duplicate_banner.show()
        self._duplicate_ids = [st.id for st in matches]
        self.open_existing_button.setText(
            self.tr("Open &that student instead")
            if len(matches) == 1
            else self.tr("Open &the first of them instead")
        )
        self.open_existing_button.setAccessibleName(
            self.open_existing_button.text().replace("&", "")
        )
        self.open_existing_button.show()
        self._duplicates_acknowledged = True
        self.save_button.setText(self.tr("&Save anyway"))

    def _open_existing(self) -> None:
        """Close this form unsaved and ask for the likely duplicate's form instead."""
        if self._duplicate_ids:
            self.openInstead.emit(self._duplicate_ids[0])
            self.reject()

    def _save_existing(
        self, fields: dict[str, Any], contacts: list[tuple[ContactEditor, dict[str, Any]]]
    ) -> None:
        assert self.student_id is not None
        roster = self.services.roster
        roster.update_student(self.student_id, **fields)
        kept = set()
        for editor, values in contacts:
            if editor.contact_id:
                kept.add(editor.contact_id)
                roster.update_contact(editor.contact_id, **values)
            else:
                editor.contact_id = roster.add_contact(self.student_id, **values)
                kept.add(editor.contact_id)
        for contact_id in set(self._original_contacts) - kept:
            roster.remove_contact(contact_id)
