"""One open data folder: the store and every service over it, built once and passed around.

:class:`Services` is to this app what Anki's ``Collection`` is to Anki: the window, its
pages, the background operations, the command line and the self-test all receive this one
object and reach every use case through it (``services.roll``, ``services.sync`` …) instead
of building services of their own.

Adding a service is one line in the class body::

    reports: provides[ReportService] = provides(over_store("reports", "ReportService"))

Each service is built the first time it is used (the command line's ``print`` never probes
the keyring for the sync token) and then kept: it is one instance for the life of the
object, on every thread.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from harmony_desktop.paths import AppPaths
from harmony_desktop.services.duplicates import (
    DuplicatePair,
    MergeOutcome,
    find_duplicates,
    merge_students,
)
from harmony_desktop.store import Store

if TYPE_CHECKING:
    from harmony_desktop.services.calendar import CalendarService
    from harmony_desktop.services.clock_check import ClockCheck
    from harmony_desktop.services.enrollment import EnrollmentService
    from harmony_desktop.services.events import EventService
    from harmony_desktop.services.exporting import ExportService
    from harmony_desktop.services.hubs import HubDirectory
    from harmony_desktop.services.importing import ImportService
    from harmony_desktop.services.new_year import NewYearService
    from harmony_desktop.services.reports import ReportService
    from harmony_desktop.services.review import ReviewService
    from harmony_desktop.services.roll import RollService
    from harmony_desktop.services.roster import RosterService
    from harmony_desktop.services.sessions import SessionService
    from harmony_desktop.services.setup import SetupService
    from harmony_desktop.services.setup_import import SetupImportService
    from harmony_desktop.services.stats import StatsService
    from harmony_desktop.services.sync import SyncService
    from harmony_desktop.services.volunteer_import import VolunteerImport
    from harmony_desktop.services.volunteers import VolunteerService

T = TypeVar("T")


class provides(Generic[T]):
    """Declares one service of :class:`Services`: ``name = provides(build)``.

    ``build(services)`` makes the service; it runs once, on first use, under the
    object's lock (two threads asking at once still share one instance).
    """

    def __init__(self, build: Callable[[Services], T]) -> None:
        self.build = build
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> provides[T]: ...

    @overload
    def __get__(self, obj: Services, owner: type) -> T: ...

    def __get__(self, obj: Services | None, owner: type) -> provides[T] | T:
        if obj is None:
            return self
        built = obj.__dict__.get(self.name)
        if built is None:
            with obj._lock:
                built = obj.__dict__.get(self.name)
                if built is None:
                    built = self.build(obj)
                    obj.__dict__[self.name] = built
        return built


class Duplicates:
    """Students entered twice (usually on two laptops): find them, merge a pair."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def find(self, hub_id: str | None = None) -> list[DuplicatePair]:
        """Pairs of live students that look like the same child (see duplicates.py)."""
        return find_duplicates(self.store, hub_id)

    def merge(self, keep_id: str, drop_id: str) -> MergeOutcome:
        """Merge ``drop_id`` into ``keep_id``, keeping every enrollment and mark."""
        return merge_students(self.store, keep_id, drop_id)


def over_store(module: str, name: str) -> Callable[[Services], Any]:
    """Build ``name`` from ``harmony_desktop.services.<module>`` over the store, importing
    the module only then: a start-up imports only what today's view uses (the import
    spreadsheets, exports and reports load the first time they are asked for)."""

    def build(services: Services) -> Any:
        service = getattr(importlib.import_module(f"harmony_desktop.services.{module}"), name)
        return service(services.store)

    return build


def _sync_service(services: Services) -> SyncService:
    # Imported here: requests and the protocol client load only once something syncs.
    from harmony_desktop.services.sync import SyncService

    return SyncService(services.store, services.data_dir)


def _volunteer_import(services: Services) -> VolunteerImport:
    from harmony_desktop.services.volunteer_import import VolunteerImport

    return VolunteerImport(services.volunteers)


class Services:
    """The open store and every use case over it.

    ``data_dir`` is the data folder (the sync token file lives there); it defaults to
    the database's folder. ``paths`` is set when the object was opened from the app's
    folders (:meth:`open_folder`); :meth:`close` closes the store when this object
    opened it, or always when ``owns_store`` is given.
    """

    store: Store
    data_dir: Path
    paths: AppPaths | None

    # Annotated, as each is built from its module's name (imported on first use).
    roll: provides[RollService] = provides(over_store("roll", "RollService"))
    sessions: provides[SessionService] = provides(over_store("sessions", "SessionService"))
    clock: provides[ClockCheck] = provides(over_store("clock_check", "ClockCheck"))
    roster: provides[RosterService] = provides(over_store("roster", "RosterService"))
    enrollment: provides[EnrollmentService] = provides(
        over_store("enrollment", "EnrollmentService")
    )
    stats: provides[StatsService] = provides(over_store("stats", "StatsService"))
    hubs: provides[HubDirectory] = provides(over_store("hubs", "HubDirectory"))
    importing: provides[ImportService] = provides(over_store("importing", "ImportService"))
    exporting: provides[ExportService] = provides(over_store("exporting", "ExportService"))
    duplicates = provides(lambda s: Duplicates(s.store))
    review: provides[ReviewService] = provides(over_store("review", "ReviewService"))
    volunteers: provides[VolunteerService] = provides(over_store("volunteers", "VolunteerService"))
    events: provides[EventService] = provides(over_store("events", "EventService"))
    volunteer_import = provides(_volunteer_import)
    reports: provides[ReportService] = provides(over_store("reports", "ReportService"))
    sync = provides(_sync_service)
    calendar: provides[CalendarService] = provides(over_store("calendar", "CalendarService"))
    setup: provides[SetupService] = provides(over_store("setup", "SetupService"))
    setup_import: provides[SetupImportService] = provides(
        over_store("setup_import", "SetupImportService")
    )
    new_year: provides[NewYearService] = provides(over_store("new_year", "NewYearService"))

    def __init__(
        self,
        store: Store,
        data_dir: Path | None = None,
        *,
        paths: AppPaths | None = None,
        owns_store: bool = False,
    ) -> None:
        self.store = store
        self.paths = paths
        self.data_dir = Path(data_dir) if data_dir else store.path.parent
        self._owns_store = owns_store
        self._lock = threading.RLock()

    @classmethod
    def open(cls, store: Store, data_dir: Path | None = None) -> Services:
        """The services over an already open ``store`` (the caller closes the store)."""
        return cls(store, data_dir)

    @classmethod
    def open_folder(cls, paths: AppPaths, *, check_later: bool = False) -> Services:
        """Open (create, migrate, check) the database of ``paths``, with daily backups and
        the default attendance codes; :meth:`close` closes it again. ``check_later``:
        see :meth:`Store.checked`."""
        from harmony_desktop.store.seed import ensure_attendance_codes

        store = Store(paths.database, backup_dir=paths.backups, check_later=check_later)
        try:
            ensure_attendance_codes(store)
        except BaseException as exc:
            store.close()
            store.opening_failed(exc)  # damage or a full disk: say that, not what it broke
            raise
        return cls(store, paths.data_dir, paths=paths, owns_store=True)

    def close(self) -> None:
        """Close the store if this object opened it."""
        if self._owns_store:
            self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        built = [name for name in self.declared() if name in self.__dict__]
        return f"Services({self.store.path}, built={built})"

    @classmethod
    def declared(cls) -> list[str]:
        """The names of every service this object provides."""
        return [name for name, value in vars(cls).items() if isinstance(value, provides)]
