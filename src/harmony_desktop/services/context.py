"""One open data folder: the store and every service over it, built once and passed around.

:class:`Services` is to this app what Anki's ``Collection`` is to Anki: the window, its
pages, the background operations, the command line and the self-test all receive this one
object and reach every use case through it (``services.roll``, ``services.sync`` …) instead
of building services of their own.

Adding a service is one line in the class body::

    reports = provides(lambda s: ReportService(s.store))

Each service is built the first time it is used (the command line's ``print`` never probes
the keyring for the sync token) and then kept: it is one instance for the life of the
object, on every thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from harmony_desktop.paths import AppPaths
from harmony_desktop.services.calendar import CalendarService
from harmony_desktop.services.duplicates import (
    DuplicatePair,
    MergeOutcome,
    find_duplicates,
    merge_students,
)
from harmony_desktop.services.enrollment import EnrollmentService
from harmony_desktop.services.events import EventService
from harmony_desktop.services.exporting import ExportService
from harmony_desktop.services.hubs import HubDirectory
from harmony_desktop.services.importing import ImportService
from harmony_desktop.services.reports import ReportService
from harmony_desktop.services.review import ReviewService
from harmony_desktop.services.roll import RollService
from harmony_desktop.services.roster import RosterService
from harmony_desktop.services.sessions import SessionService
from harmony_desktop.services.setup import SetupService
from harmony_desktop.services.setup_import import SetupImportService
from harmony_desktop.services.stats import StatsService
from harmony_desktop.services.volunteer_import import VolunteerImport
from harmony_desktop.services.volunteers import VolunteerService
from harmony_desktop.store import Store

if TYPE_CHECKING:
    from harmony_desktop.services.sync import SyncService

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


def _sync_service(services: Services) -> SyncService:
    # Imported here: requests and the protocol client load only once something syncs.
    from harmony_desktop.services.sync import SyncService

    return SyncService(services.store, services.data_dir)


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

    roll = provides(lambda s: RollService(s.store))
    sessions = provides(lambda s: SessionService(s.store))
    roster = provides(lambda s: RosterService(s.store))
    enrollment = provides(lambda s: EnrollmentService(s.store))
    stats = provides(lambda s: StatsService(s.store))
    hubs = provides(lambda s: HubDirectory(s.store))
    importing = provides(lambda s: ImportService(s.store))
    exporting = provides(lambda s: ExportService(s.store))
    duplicates = provides(lambda s: Duplicates(s.store))
    review = provides(lambda s: ReviewService(s.store))
    volunteers = provides(lambda s: VolunteerService(s.store))
    events = provides(lambda s: EventService(s.store))
    volunteer_import = provides(lambda s: VolunteerImport(s.volunteers))
    reports = provides(lambda s: ReportService(s.store))
    sync = provides(_sync_service)
    calendar = provides(lambda s: CalendarService(s.store))
    setup = provides(lambda s: SetupService(s.store))
    setup_import = provides(lambda s: SetupImportService(s.store))

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
    def open_folder(cls, paths: AppPaths) -> Services:
        """Open (create, migrate, check) the database of ``paths``, with daily backups and
        the default attendance codes; :meth:`close` closes it again."""
        from harmony_desktop.store.seed import ensure_attendance_codes

        store = Store(paths.database, backup_dir=paths.backups)
        try:
            ensure_attendance_codes(store)
        except BaseException:
            store.close()
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
