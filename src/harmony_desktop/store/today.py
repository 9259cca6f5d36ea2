"""A hub's sessions read with plain ``sqlite3``: the one reading of "which sessions the
hub has on these days, with their counts and roll state".

:class:`~harmony_desktop.services.sessions.SessionService` runs it on its transaction's
driver connection; the window runs it before SQLAlchemy and the models are even
imported, to show today's view at once (:func:`read_first_view`). Both therefore list
exactly the same sessions: computed from the ensembles' weekly meetings within their
first and last day (or the terms), never on a closure day, merged with the stored ones
(ad-hoc sessions, cancellations, sessions kept because they have marks).

Nothing here imports SQLAlchemy, the models or Qt (``tests/test_startup_path.py``).
Dates are stored as ISO text (``2026-11-18``), times as ``15:00:00.000000`` and flags as
0/1, as SQLAlchemy writes them.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from harmony_desktop.domain.calendar import CalendarRules, TermInfo
from harmony_desktop.domain.collation import sort_key
from harmony_desktop.domain.schedule import Meeting, meetings
from harmony_desktop.domain.sessions import RollState, SessionInfo
from harmony_desktop.domain.vocab import EnrollmentStatus, SessionKind, SessionStatus
from harmony_desktop.store import settings
from harmony_desktop.store.revision import HEAD_REVISION, MIGRATION_FILES, migration_files
from harmony_sync.protocol import session_id

if TYPE_CHECKING:
    from sqlmodel import Session

C = TypeVar("C", bound=CalendarRules)
T = TypeVar("T")

#: Enrollments whose student is on the roll while the enrollment runs (an ended one
#: still counts on the days before it ended).
ON_ROLL_STATUSES = (
    EnrollmentStatus.ENROLLED.value,
    EnrollmentStatus.WITHDRAWN.value,
    EnrollmentStatus.COMPLETED.value,
)
#: How far back today's view looks for sessions still missing roll.
MISSING_ROLL_DAYS = 28
#: Ids per ``IN (…)`` list.
_CHUNK = 500


class EnsembleLike(Protocol):
    """What planning needs of an ensemble (a stored row or :class:`EnsembleRow`)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def schedule(self) -> str: ...
    @property
    def archived(self) -> bool: ...
    @property
    def first_day(self) -> dt.date | None: ...
    @property
    def last_day(self) -> dt.date | None: ...
    @property
    def follows_terms(self) -> bool: ...
    @property
    def teacher_id(self) -> str | None: ...


@dataclass(frozen=True)
class EnsembleRow:
    """An ensemble as planning reads it."""

    id: str
    name: str
    schedule: str
    archived: bool
    first_day: dt.date | None
    last_day: dt.date | None
    follows_terms: bool
    teacher_id: str | None


@dataclass(frozen=True)
class StoredSession:
    """A stored session row, as the list needs it."""

    id: str
    ensemble_id: str
    date: dt.date
    start: dt.time
    end: dt.time
    status: str
    kind: str
    title: str
    on_site: bool
    cancel_reason: str


def plain(s: Session) -> sqlite3.Connection:
    """The ``sqlite3`` connection under an ORM session, in the session's transaction."""
    return cast(sqlite3.Connection, s.connection().connection.driver_connection)


def day(text: str) -> dt.date:
    """A stored date."""
    return dt.date.fromisoformat(text)


def _optional_day(text: str | None) -> dt.date | None:
    return None if text is None else day(text)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


class Planner:
    """Which regular sessions a hub's ensembles have on a day: their meetings in
    effect, within their first and last day (or the terms), never on a closure day, and
    none for an archived ensemble."""

    def __init__(
        self, hub_id: str, ensembles: Iterable[EnsembleLike], calendar: CalendarRules
    ) -> None:
        self.hub_id = hub_id
        self.ensembles = list(ensembles)
        self.calendar = calendar
        self.meetings = {e.id: meetings(e.schedule) for e in self.ensembles}

    def runs_on(self, ensemble: EnsembleLike, on: dt.date) -> bool:
        """True when ``ensemble`` may meet on ``on`` at all."""
        if ensemble.archived:
            return False
        if ensemble.first_day and on < ensemble.first_day:
            return False
        if ensemble.last_day and on > ensemble.last_day:
            return False
        return not (ensemble.follows_terms and self.calendar.in_term(on) is False)

    def sessions_on(self, on: dt.date) -> Iterator[tuple[EnsembleLike, Meeting]]:
        """Every (ensemble, meeting) that meets on ``on``."""
        if self.calendar.closure(self.hub_id, on) is not None:
            return
        for ensemble in self.ensembles:
            if self.runs_on(ensemble, on):
                for meeting in self.meetings[ensemble.id]:
                    if meeting.meets_on(on):
                        yield ensemble, meeting

    def scheduled(self, ensemble_id: str, on: dt.date, start: dt.time) -> bool:
        """True when a stored regular session is still one the schedule makes."""
        return any(e.id == ensemble_id and m.start == start for e, m in self.sessions_on(on))


def read_calendar(
    conn: sqlite3.Connection,
    first: dt.date | None = None,
    last: dt.date | None = None,
    kind: type[C] = CalendarRules,  # type: ignore[assignment]
) -> C:
    """The stored years, terms and closures (closures only from ``first`` to ``last``
    when given), as ``kind``."""
    years = {
        label: (day(a), day(b))
        for label, a, b in conn.execute(
            "SELECT label, first_day, last_day FROM programme_year WHERE deleted = 0"
        )
    }
    terms = [
        TermInfo(i, year, name, day(a), day(b))
        for i, year, name, a, b in conn.execute(
            "SELECT id, year_label, name, first_day, last_day FROM term WHERE deleted = 0"
        )
    ]
    terms.sort(key=lambda t: (t.first_day, t.name))
    query = "SELECT hub_id, date, reason FROM closure WHERE deleted = 0"
    params: list[str] = []
    if first is not None:
        query, params = query + " AND date >= ?", [*params, first.isoformat()]
    if last is not None:
        query, params = query + " AND date <= ?", [*params, last.isoformat()]
    closed = {(hub, day(on)): reason for hub, on, reason in conn.execute(query, params)}
    return kind(years, terms, closed)


def read_ensembles(conn: sqlite3.Connection, hub_id: str) -> list[EnsembleRow]:
    """The hub's live ensembles (archived ones too)."""
    return [
        EnsembleRow(i, name, schedule, bool(archived), _optional_day(a), _optional_day(b),
                    bool(terms), teacher)
        for i, name, schedule, archived, a, b, terms, teacher in conn.execute(
            "SELECT id, name, schedule, archived, first_day, last_day, follows_terms,"
            " teacher_id FROM ensemble WHERE hub_id = ? AND deleted = 0",
            (hub_id,),
        )
    ]  # fmt: skip


#: ensemble id → (student id, enrolled on, ended on or None)
Spans = dict[str, list[tuple[str, dt.date, dt.date | None]]]


def enrollment_spans(conn: sqlite3.Connection, ensemble_ids: Sequence[str]) -> Spans:
    """When each student of ``ensemble_ids`` is on its roll (one query per 500)."""
    spans: Spans = {}
    statuses = _marks(len(ON_ROLL_STATUSES))
    for chunk in _chunks(ensemble_ids):
        rows = conn.execute(
            f"SELECT ensemble_id, student_id, enrolled_on, ended_on FROM enrollment"
            f" WHERE ensemble_id IN ({_marks(len(chunk))}) AND deleted = 0"
            f" AND status IN ({statuses}) AND enrolled_on IS NOT NULL",
            (*chunk, *ON_ROLL_STATUSES),
        )
        for ensemble_id, student_id, enrolled_on, ended_on in rows:
            spans.setdefault(ensemble_id, []).append(
                (student_id, day(enrolled_on), _optional_day(ended_on))
            )
    return spans


def on_roll(spans: Spans, ensemble_id: str, on: dt.date) -> list[str]:
    """Students enrolled in ``ensemble_id`` on ``on``: from the day their enrollment
    starts to the day before it ends."""
    return list(
        dict.fromkeys(
            student
            for student, start, end in spans.get(ensemble_id, ())
            if start <= on and (end is None or end > on)
        )
    )


def _stored_sessions(
    conn: sqlite3.Connection, ensemble_ids: Sequence[str], first: dt.date, last: dt.date
) -> dict[str, StoredSession]:
    stored: dict[str, StoredSession] = {}
    for chunk in _chunks(ensemble_ids):
        rows = conn.execute(
            'SELECT id, ensemble_id, date, start, "end", status, kind, title, on_site,'
            f" cancel_reason FROM session WHERE ensemble_id IN ({_marks(len(chunk))})"
            " AND deleted = 0 AND date >= ? AND date <= ?",
            (*chunk, first.isoformat(), last.isoformat()),
        )
        for sid, ensemble_id, on, start, end, status, kind, title, on_site, reason in rows:
            stored[sid] = StoredSession(
                sid, ensemble_id, day(on), _time(start), _time(end), status, kind, title,
                bool(on_site), reason,
            )  # fmt: skip
    return stored


def recorded_counts(conn: sqlite3.Connection, session_ids: Sequence[str]) -> dict[str, int]:
    """How many students have a mark with a code, per session."""
    found: dict[str, int] = {}
    for chunk in _chunks(session_ids):
        found.update(
            conn.execute(
                "SELECT session_id, count(*) FROM attendance_mark"
                f" WHERE session_id IN ({_marks(len(chunk))}) AND code IS NOT NULL"
                " AND deleted = 0 GROUP BY session_id",
                tuple(chunk),
            )
        )
    return found


def read_session_state(conn: sqlite3.Connection, session_id: str) -> tuple[str, str] | None:
    """(hub id, status) of a live session; None for a session not stored or deleted."""
    found = conn.execute(
        "SELECT hub_id, status FROM session WHERE id = ? AND deleted = 0", (session_id,)
    ).fetchone()
    return None if found is None else (str(found[0]), str(found[1]))


def read_session_and_students(
    conn: sqlite3.Connection, session_id: str, student_ids: Sequence[str]
) -> tuple[str, str, dict[str, tuple[bool, str]]] | None:
    """:func:`read_session_state` and :func:`read_student_flags` together: (hub id,
    status, flags of each stored student); None for a session not stored or deleted.
    For one student (a key press) it is one query."""
    if len(student_ids) != 1:
        state = read_session_state(conn, session_id)
        if state is None:
            return None
        return state[0], state[1], read_student_flags(conn, student_ids)
    student_id = student_ids[0]
    found = conn.execute(
        "SELECT s.hub_id, s.status, st.deleted, st.status FROM session AS s"
        " LEFT JOIN student AS st ON st.id = ? WHERE s.id = ? AND s.deleted = 0",
        (student_id, session_id),
    ).fetchone()
    if found is None:
        return None
    hub_id, status, deleted, student_status = found
    flags = {} if deleted is None else {student_id: (bool(deleted), str(student_status))}
    return str(hub_id), str(status), flags


@dataclass(frozen=True)
class CodeFlags:
    """What the register needs of an attendance code: its letters and flags."""

    code: str
    counts_present: bool
    tardy: bool
    early_departure: bool
    active: bool


def read_attendance_code(conn: sqlite3.Connection, code: str) -> CodeFlags | None:
    """The live attendance code written ``code`` (None if there is none)."""
    found = conn.execute(
        "SELECT code, counts_present, tardy, early_departure, active FROM attendance_code"
        " WHERE code = ? AND deleted = 0 LIMIT 1",
        (code,),
    ).fetchone()
    if found is None:
        return None
    letters, present, tardy, early, active = found
    return CodeFlags(str(letters), bool(present), bool(tardy), bool(early), bool(active))


def read_student_flags(
    conn: sqlite3.Connection, student_ids: Sequence[str]
) -> dict[str, tuple[bool, str]]:
    """(deleted, status) of each stored student among ``student_ids``."""
    found: dict[str, tuple[bool, str]] = {}
    for chunk in _chunks(student_ids):
        for student_id, deleted, status in conn.execute(
            f"SELECT id, deleted, status FROM student WHERE id IN ({_marks(len(chunk))})",
            tuple(chunk),
        ):
            found[student_id] = (bool(deleted), str(status))
    return found


#: An invitation: (ensemble id, hub id), one of them set.
Invitation = tuple[str | None, str | None]


def read_invitations(
    conn: sqlite3.Connection, session_ids: Sequence[str]
) -> dict[str, list[Invitation]]:
    """The live invitations of each of ``session_ids`` that has any."""
    found: dict[str, list[Invitation]] = {}
    for chunk in _chunks(session_ids):
        for sid, ensemble_id, hub_id in conn.execute(
            "SELECT session_id, ensemble_id, invited_hub_id FROM session_invitation"
            f" WHERE session_id IN ({_marks(len(chunk))}) AND deleted = 0",
            tuple(chunk),
        ):
            found.setdefault(sid, []).append((ensemble_id, hub_id))
    return found


def invited_ensembles(conn: sqlite3.Connection, invitations: Iterable[Invitation]) -> list[str]:
    """The ensembles the invitations name, directly or as every ensemble of a hub."""
    ensembles: list[str] = []
    hubs: list[str] = []
    for ensemble_id, hub_id in invitations:
        if ensemble_id:
            ensembles.append(ensemble_id)
        elif hub_id:
            hubs.append(hub_id)
    for chunk in _chunks(hubs):
        ensembles.extend(
            e
            for (e,) in conn.execute(
                f"SELECT id FROM ensemble WHERE hub_id IN ({_marks(len(chunk))}) AND deleted = 0",
                tuple(chunk),
            )
        )
    return list(dict.fromkeys(ensembles))


def expected_students(
    conn: sqlite3.Connection,
    ensemble_id: str,
    on: dt.date,
    invitations: Iterable[Invitation] = (),
    spans: Spans | None = None,
) -> list[str]:
    """The students expected at a session of ``ensemble_id`` on ``on``: enrolled in it
    that day, plus those enrolled that day in an ensemble or hub the session invites
    (``spans``: those already read, else they are read here)."""
    others = [e for e in invited_ensembles(conn, invitations) if e != ensemble_id]
    if spans is None or any(e not in spans for e in others):
        spans = {**(spans or {}), **enrollment_spans(conn, [ensemble_id, *others])}
    ids = on_roll(spans, ensemble_id, on)
    for other in others:
        ids.extend(on_roll(spans, other, on))
    return list(dict.fromkeys(ids))


def read_sessions(
    conn: sqlite3.Connection,
    hub_id: str,
    first: dt.date,
    last: dt.date,
) -> list[SessionInfo]:
    """Every session of the hub from ``first`` to ``last`` inclusive, by day, start and
    ensemble name.

    A stored regular session the schedule no longer makes (the schedule changed, a
    closure was added) is listed only if it has marks, flagged ``off_schedule``;
    without marks it was never held, and it is gone with the schedule.
    """
    ensembles = {e.id: e for e in read_ensembles(conn, hub_id)}
    planner = Planner(hub_id, ensembles.values(), read_calendar(conn, first, last))
    stored = _stored_sessions(conn, list(ensembles), first, last)
    candidates: dict[str, tuple[EnsembleRow, dt.date, dt.time, dt.time, StoredSession | None]]
    candidates = {}
    on = first
    while on <= last:
        for ensemble, meeting in planner.sessions_on(on):
            sid = session_id(ensemble.id, on, meeting.start)
            candidates[sid] = (ensembles[ensemble.id], on, meeting.start, meeting.end, None)
        on += dt.timedelta(days=1)
    recorded = recorded_counts(conn, [*candidates, *stored])
    off_schedule: set[str] = set()
    for sid, found in stored.items():
        ensemble = ensembles[found.ensemble_id]
        if sid not in candidates and found.kind == SessionKind.REGULAR:
            if not recorded.get(sid):
                continue  # never held: it went with the schedule
            if not ensemble.archived:
                off_schedule.add(sid)
        candidates[sid] = (ensemble, found.date, found.start, found.end, found)
    invited = read_invitations(conn, list(stored))
    spans = enrollment_spans(conn, list(ensembles))
    infos = []
    for sid, (ensemble, on, start, end, row) in candidates.items():
        if invitations := invited.get(sid, ()):
            expected = len(expected_students(conn, ensemble.id, on, invitations, spans))
        else:  # the ensemble's own students (one query for the whole range)
            expected = len(on_roll(spans, ensemble.id, on))
        infos.append(
            SessionInfo(
                id=sid,
                ensemble_id=ensemble.id,
                ensemble_name=ensemble.name,
                date=on,
                start=start,
                end=end,
                status=row.status if row else SessionStatus.SCHEDULED.value,
                kind=row.kind if row else SessionKind.REGULAR.value,
                title=row.title if row else "",
                on_site=row.on_site if row else True,
                cancel_reason=row.cancel_reason if row else "",
                stored=row is not None,
                expected=expected,
                recorded=int(recorded.get(sid, 0)),
                off_schedule=sid in off_schedule,
                teacher_id=ensemble.teacher_id,
            )
        )
    return by_start(infos)


def by_start(infos: list[SessionInfo]) -> list[SessionInfo]:
    """``infos`` by day, start, ensemble name (in the user's collation) and id. The
    collation's table loads only when two sessions start together: the window's first
    paint mostly goes without it."""
    infos.sort(key=lambda i: (i.date, i.start, i.id))
    starts = [(i.date, i.start) for i in infos]
    if len(set(starts)) < len(starts):
        infos.sort(key=lambda i: (i.date, i.start, sort_key(i.ensemble_name), i.id))
    return infos


def missing_rolls(
    sessions: Iterable[SessionInfo],
) -> list[SessionInfo]:
    """Of past ``sessions``, those not cancelled whose roll is not complete (and that
    expect someone)."""
    return [
        info
        for info in sessions
        if info.state in (RollState.NOT_STARTED, RollState.IN_PROGRESS) and info.expected
    ]


def missing_roll_range(
    today: dt.date, days_back: int = MISSING_ROLL_DAYS
) -> tuple[dt.date, dt.date]:
    """The days today's view looks at for sessions still missing roll."""
    return today - dt.timedelta(days=days_back), today - dt.timedelta(days=1)


# -- the window's first paint -------------------------------------------------------------


@dataclass(frozen=True)
class FirstView:
    """What the window shows at start, read before the store is opened."""

    #: every hub here, (id, name); by name unless the hub last chosen is among them
    hubs: list[tuple[str, str]]
    hub_id: str
    language: str | None
    day: dt.date
    sessions: list[SessionInfo]
    missing: list[SessionInfo]

    @property
    def hub_name(self) -> str:
        """The chosen hub's name."""
        return dict(self.hubs)[self.hub_id]


def nothing_to_write_back(path: Path) -> bool:
    """True when opening ``path`` before its integrity check cannot change it: it is in
    WAL mode (the first connection would otherwise switch it, writing its header) and
    its write-ahead log is empty or absent (the last connection to close moves a log's
    pages into the file)."""
    with path.open("rb") as file:
        header = file.read(20)
    wal = path.with_name(path.name + "-wal")
    in_wal_mode = len(header) == 20 and header[18] == header[19] == 2
    return in_wal_mode and (not wal.exists() or wal.stat().st_size == 0)


def read_setting(conn: sqlite3.Connection, setting: settings.Setting[T]) -> T:
    """A local setting, read on a plain connection."""
    row = conn.execute(settings.READ_SQL, (setting.key,)).fetchone()
    return setting.default if row is None else setting.decode(str(row[0]))


def read_language(path: Path) -> str | None:
    """The language chosen in the window for the database at ``path``, read-only;
    None when unset or the file cannot be read (a message is then in the system's)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return read_setting(conn, settings.LANGUAGE)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None


def read_first_view(path: Path, today: dt.date, hub: str | None = None) -> FirstView | None:
    """Today's view of the hub the window opens (the one last chosen, else the first),
    read-only and without the ORM; None when the window must take the normal way: no
    file or an empty one, one whose opening could change it before its integrity check
    (not in WAL mode, pages in its log), one not at this build's schema revision, a
    hub asked for by name (``--hub``), no hub at all, or anything SQLite refuses (a damaged file is then reported by the
    normal open)."""
    try:
        if hub or not path.is_file() or path.stat().st_size == 0:
            return None
        if not nothing_to_write_back(path) or migration_files() != MIGRATION_FILES:
            return None
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return _first_view(conn, today)
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError, KeyError):
        return None


def _first_view(conn: sqlite3.Connection, today: dt.date) -> FirstView | None:
    conn.execute("BEGIN")  # one snapshot for every read
    if [r for (r,) in conn.execute("SELECT version_num FROM alembic_version")] != [HEAD_REVISION]:
        return None
    hubs: list[tuple[str, str]] = conn.execute(
        "SELECT id, name FROM hub WHERE deleted = 0"
    ).fetchall()
    if not hubs:
        return None
    saved = read_setting(conn, settings.CURRENT_HUB)
    if len(hubs) > 1 and not any(h == saved for h, _name in hubs):
        # The first hub by name, as the window's hub directory orders them (the
        # collation's table loads only here: one hub, or the one last chosen, needs none).
        hubs.sort(key=lambda h: sort_key(h[1]))
    hub_id = next((h for h, _name in hubs if h == saved), hubs[0][0])
    sessions = read_sessions(conn, hub_id, today, today)
    missing = missing_rolls(read_sessions(conn, hub_id, *missing_roll_range(today)))
    return FirstView(
        hubs=hubs,
        hub_id=hub_id,
        language=read_setting(conn, settings.LANGUAGE),
        day=today,
        sessions=sessions,
        missing=missing,
    )
