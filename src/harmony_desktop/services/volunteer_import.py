"""Import volunteers and their clearance dates from CSV or .xlsx, by the roster import's
rules: the file is read by ``services/importing.py`` (encodings, separators, Excel
dates, title rows), a dry run says what would happen with the row number and reason of
every rejected row, and the import writes every valid row in ONE transaction (or, with
``strict``, nothing at all if any row is rejected).

Columns (English or Spanish headers, matched as the roster import matches them): first
and last name (or one full name), preferred name, e-mail, phone, address, organisation,
skills, instruments, role, status, the hubs they assist (names separated by ``;``), and
for each clearance kind the date it was done and, optionally, when it expires
("TB clearance", "TB expires"…). Existing volunteers are matched by e-mail, then by
name; empty cells never blank out what is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.domain.names import fold
from harmony_desktop.domain.vocab import VolunteerRole, VolunteerStatus

# The roster import's cell readers are used as they are (not copied), so both imports
# read a spreadsheet's cells the same way.
from harmony_desktop.services.importing import (
    Cell,
    ImportRefused,
    ImportReport,
    RawTable,
    Rejection,
    _blank,
    _text,
    normalise_header,
    split_full_name,
)
from harmony_desktop.services.sheets import DateColumns, NotADate, NotInOrder, date_columns
from harmony_desktop.services.volunteers import (
    VolunteerService,
    clearance_kinds,
    clearance_label,
    validate_volunteer,
)
from harmony_desktop.store import ChangeWriter
from harmony_desktop.store.models import Hub, Volunteer, VolunteerAssignment
from harmony_desktop.store.queries import live

#: Person fields and the header names (English and Spanish) that map to them.
PERSON_ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "first", "given name", "nombre", "nombres", "primer nombre"),
    "last_name": ("last name", "last", "surname", "family name", "apellido", "apellidos"),
    "full_name": (
        "name",
        "full name",
        "volunteer",
        "volunteer name",
        "nombre completo",
        "voluntario",
    ),
    "preferred_name": ("preferred name", "nickname", "goes by", "nombre preferido", "apodo"),
    "email": ("email", "e mail", "email address", "correo", "correo electronico"),
    "phone": ("phone", "phone number", "mobile", "cell", "telefono", "celular"),
    "address": ("address", "home address", "direccion", "domicilio"),
    "organisation": (
        "organisation",
        "organization",
        "employer",
        "company",
        "empresa",
        "organizacion",
    ),
    "skills": ("skills", "skill", "habilidades"),
    "instruments": ("instruments", "instrument", "instrumentos", "instrumento"),
    "role": ("role", "rol", "position", "puesto"),
    "status": ("status", "estado", "estatus"),
    "hubs": ("hubs", "hub", "sites", "site", "sedes", "sede"),
}

#: Header words for a clearance kind's dates, besides its code and label.
_KIND_WORDS: dict[str, tuple[str, ...]] = {
    "background": ("background check", "fingerprint", "fingerprints", "live scan", "huellas"),
    "tb": ("tb", "tb test", "tuberculosis"),
    "safeguarding": ("safeguarding", "child protection", "mandated reporter"),
    "agreement": ("agreement", "volunteer agreement", "agreement signed", "acuerdo"),
}
_EXPIRY_WORDS = ("expires", "expiry", "expiration", "expires on", "vence", "vencimiento")
_DONE_WORDS = ("", "date", "done", "done on", "cleared", "cleared on", "fecha")

_STATUSES = {
    "prospect": VolunteerStatus.PROSPECT,
    "prospective": VolunteerStatus.PROSPECT,
    "applicant": VolunteerStatus.PROSPECT,
    "prospecto": VolunteerStatus.PROSPECT,
    "active": VolunteerStatus.ACTIVE,
    "activo": VolunteerStatus.ACTIVE,
    "activa": VolunteerStatus.ACTIVE,
    "inactive": VolunteerStatus.INACTIVE,
    "inactivo": VolunteerStatus.INACTIVE,
    "inactiva": VolunteerStatus.INACTIVE,
}
_ROLES = {
    "teaching assistant": VolunteerRole.TEACHING_ASSISTANT,
    "ta": VolunteerRole.TEACHING_ASSISTANT,
    "assistant": VolunteerRole.TEACHING_ASSISTANT,
    "asistente": VolunteerRole.TEACHING_ASSISTANT,
    "mentor": VolunteerRole.MENTOR,
    "mentora": VolunteerRole.MENTOR,
    "event helper": VolunteerRole.EVENT_HELPER,
    "helper": VolunteerRole.EVENT_HELPER,
    "other": VolunteerRole.OTHER,
    "otro": VolunteerRole.OTHER,
}


@dataclass
class VolunteerPlan:
    """What the import does with one valid row."""

    line: int
    fields: dict[str, Any]
    hubs: list[str]
    #: kind id -> (done on, expires on)
    clearances: dict[str, tuple[dt.date | None, dt.date | None]]
    existing_id: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def _same_clearance(
    stored: tuple[dt.date | None, dt.date | None] | None,
    incoming: tuple[dt.date | None, dt.date | None],
) -> bool:
    """The file says what is stored: the same date done, and the same expiry or none
    (the stored one then follows from the kind's validity)."""
    if stored is None:
        return False
    return stored[0] == incoming[0] and incoming[1] in (None, stored[1])


class VolunteerImport:
    """Plans and applies an import of volunteers into one hub (their home)."""

    def __init__(self, volunteers: VolunteerService) -> None:
        self.volunteers = volunteers
        self.store = volunteers.store

    def mapping(self, headers: list[str]) -> dict[int, str | None]:
        """Column index -> target (a person field, ``hubs``, ``done:<kind id>`` or
        ``expires:<kind id>``; None: ignored), from the header names."""
        index: dict[str, str] = {}
        for target, names in PERSON_ALIASES.items():
            for name in names:
                index.setdefault(normalise_header(name), target)
        for kind in self.volunteers.kinds(include_inactive=True):
            words = {kind.code, kind.label, *_KIND_WORDS.get(kind.code, ())}
            for word in words:
                for done in _DONE_WORDS:
                    index.setdefault(normalise_header(f"{word} {done}"), f"done:{kind.id}")
                for expiry in _EXPIRY_WORDS:
                    index[normalise_header(f"{word} {expiry}")] = f"expires:{kind.id}"
        mapping: dict[int, str | None] = {}
        used: set[str] = set()
        for i, header in enumerate(headers):
            found = index.get(normalise_header(header))
            # A second column for the same field is ignored, as in the roster import.
            mapping[i] = found if found and found not in used else None
            if found:
                used.add(found)
        if "full_name" not in used and not {"first_name", "last_name"} <= used:
            raise ValidationError(
                _(
                    "The file needs a First name and a Last name column (or one Name column); "
                    "without names no volunteer can be imported."
                )
            )
        return mapping

    def dry_run(
        self, hub_id: str, table: RawTable, *, date_order: str | None = None
    ) -> ImportReport:
        """What :meth:`apply` would do, without writing anything. ``date_order``: the
        order of day and month the person importing chose for dates written with numbers
        only (:data:`~harmony_desktop.services.sheets.DAY_MONTH` or ``MONTH_DAY``; None:
        as the file's dates show, :func:`~harmony_desktop.services.sheets.date_columns`)."""
        mapping = self.mapping(table.headers)
        with self.store.read() as s:
            report, _plans = self._plan(s, hub_id, table, mapping, date_order)
        return report

    def apply(
        self,
        hub_id: str,
        table: RawTable,
        *,
        strict: bool = False,
        date_order: str | None = None,
        before_commit: Callable[[], None] | None = None,
    ) -> ImportReport:
        """Import the valid rows in one transaction; ``strict``: nothing at all if any row
        is rejected (:class:`ImportRefused`); ``date_order`` as for :meth:`dry_run`.
        ``before_commit`` runs inside the transaction after every write (tests prove a
        failure there writes nothing)."""
        mapping = self.mapping(table.headers)
        with self.store.write() as w:
            report, plans = self._plan(w.session, hub_id, table, mapping, date_order)
            if strict and report.rejected:
                raise ImportRefused(report)
            for plan in plans:
                self._write(w, hub_id, plan)
            if before_commit is not None:
                before_commit()
        report.applied = True
        return report

    def _write(self, w: ChangeWriter, hub_id: str, plan: VolunteerPlan) -> None:
        if plan.existing_id is None:
            row = w.insert(Volunteer(hub_id=hub_id, **plan.fields))
            volunteer_id = row.id
        else:
            volunteer_id = plan.existing_id
            if plan.changes:
                w.update(w.get(Volunteer, volunteer_id), **plan.changes)
        if plan.hubs:
            current = w.session.exec(
                select(VolunteerAssignment).where(
                    VolunteerAssignment.volunteer_id == volunteer_id, live(VolunteerAssignment)
                )
            ).all()
            wanted = {(a.hub_id or "", a.ensemble_id) for a in current}
            wanted |= {(h, None) for h in plan.hubs}
            self.volunteers.assign_in(w, volunteer_id, wanted)
        for kind_id, (done, expires) in plan.clearances.items():
            self.volunteers.record_clearance_in(w, volunteer_id, kind_id, done, expires, "")

    def _plan(
        self,
        s: Session,
        hub_id: str,
        table: RawTable,
        mapping: dict[int, str | None],
        date_order: str | None = None,
    ) -> tuple[ImportReport, list[VolunteerPlan]]:
        today = self.volunteers.today()
        hubs = {fold(h.name): h.id for h in s.exec(select(Hub).where(live(Hub)))}
        kinds = {k.id: k for k in clearance_kinds(s, include_inactive=True)}
        existing = {v.id: v for v in self.volunteers.for_hub(hub_id)}
        by_email = {v.email.casefold(): v for v in existing.values() if v.email}
        by_name = {(fold(v.first_name), fold(v.last_name)): v for v in existing.values()}
        # Each clearance column's order of day and month is decided once, from all its
        # dates and the file's other ones (a file refused here when they disagree).
        columns = date_columns(
            table,
            {t: i for i, t in mapping.items() if t and t.startswith(("done:", "expires:"))},
            order=date_order,
        )
        report = ImportReport(dates=columns.notes(today))
        plans: list[VolunteerPlan] = []
        seen: dict[tuple[str, ...], int] = {}
        for line, cells in table.rows:
            if all(_blank(c) for c in cells):
                continue
            try:
                plan = self._convert(line, cells, mapping, hubs, kinds, today, columns)
            except ValidationError as exc:
                report.rejected.append(Rejection(line, str(exc)))
                continue
            fields = plan.fields
            keys: list[tuple[str, ...]] = [
                ("name", fold(fields["first_name"]), fold(fields["last_name"]))
            ]
            if fields.get("email"):
                keys.insert(0, ("email", str(fields["email"]).casefold()))
            earlier = next((seen[k] for k in keys if k in seen), None)
            if earlier is not None:
                report.rejected.append(
                    Rejection(
                        line,
                        _("The same volunteer as on row {row} (e-mail or name).").format(
                            row=earlier
                        ),
                    )
                )
                continue
            for key in keys:
                seen[key] = line
            match = (
                by_email.get(str(fields.get("email", "")).casefold())
                if fields.get("email")
                else None
            )
            match = match or by_name.get((fold(fields["first_name"]), fold(fields["last_name"])))
            if match is None:
                plan.fields = {
                    "role": VolunteerRole.TEACHING_ASSISTANT.value,
                    "status": VolunteerStatus.PROSPECT.value,
                    **fields,
                }
                report.created += 1
            else:
                plan.existing_id = match.id
                plan.changes = {k: v for k, v in fields.items() if getattr(match, k) != v}
                stored = {c.kind_id: (c.done_on, c.expires_on) for c in match.clearances}
                plan.clearances = {
                    kind_id: dates
                    for kind_id, dates in plan.clearances.items()
                    if not _same_clearance(stored.get(kind_id), dates)
                }
                placed = {a.hub_id for a in match.assignments}
                plan.hubs = [h for h in plan.hubs if h not in placed]
                if plan.changes or plan.clearances or plan.hubs:
                    report.updated += 1
                else:
                    report.unchanged += 1
            plans.append(plan)
        return report, plans

    @staticmethod
    def _convert(
        line: int,
        cells: list[Cell],
        mapping: dict[int, str | None],
        hubs: dict[str, str],
        kinds: dict[str, Any],
        today: dt.date,
        columns: DateColumns,
    ) -> VolunteerPlan:
        """One row as a plan; raises ValidationError with the reason it is rejected."""
        fields: dict[str, Any] = {}
        hub_ids: list[str] = []
        dates: dict[str, list[dt.date | None]] = {}
        for index, target in mapping.items():
            if not target or index >= len(cells) or _blank(cells[index]):
                continue
            raw = cells[index]
            if target.startswith(("done:", "expires:")):
                what, _sep, kind_id = target.partition(":")
                try:
                    day = columns.parse(target, raw, today=today)
                except (NotADate, NotInOrder) as exc:
                    raise ValidationError(
                        exc.reason(clearance_label(kinds[kind_id].label))
                    ) from exc
                except (ValueError, OverflowError) as exc:
                    raise ValidationError(
                        _("{value!r} is not a date ({kind}).").format(
                            value=_text(raw), kind=clearance_label(kinds[kind_id].label)
                        )
                    ) from exc
                slot = dates.setdefault(kind_id, [None, None])
                slot[0 if what == "done" else 1] = day
            elif target == "hubs":
                for name in _text(raw).replace(",", ";").split(";"):
                    if not name.strip():
                        continue
                    hub = hubs.get(fold(name))
                    if hub is None:
                        raise ValidationError(
                            _("No hub is called {name!r} on this laptop.").format(name=name.strip())
                        )
                    hub_ids.append(hub)
            elif target == "status":
                status = _STATUSES.get(normalise_header(_text(raw)))
                if status is None:
                    raise ValidationError(
                        _("Unknown status {status!r}: use prospect, active or inactive.").format(
                            status=_text(raw)
                        )
                    )
                fields["status"] = status.value
            elif target == "role":
                role = _ROLES.get(normalise_header(_text(raw)))
                if role is None:
                    raise ValidationError(_("Unknown role {role!r}.").format(role=_text(raw)))
                fields["role"] = role.value
            else:
                fields[target] = _text(raw)
        if "full_name" in fields:
            first, last = split_full_name(fields.pop("full_name"))
            fields.setdefault("first_name", first)
            fields.setdefault("last_name", last)
        if not fields.get("first_name") or not fields.get("last_name"):
            raise ValidationError(_("The volunteer's first and last name are required."))
        validate_volunteer(fields)
        clearances: dict[str, tuple[dt.date | None, dt.date | None]] = {}
        for kind_id, (done, expires) in dates.items():
            label = clearance_label(kinds[kind_id].label)  # a default kind's translated
            if done is None:
                raise ValidationError(
                    _("{kind} has an expiry date but no date it was done.").format(kind=label)
                )
            if done > today:
                raise ValidationError(_("{kind} cannot be done in the future.").format(kind=label))
            if expires is not None and expires < done:
                raise ValidationError(
                    _("{kind} cannot expire before it was done.").format(kind=label)
                )
            clearances[kind_id] = (done, expires)
        return VolunteerPlan(line, fields, list(dict.fromkeys(hub_ids)), clearances)
