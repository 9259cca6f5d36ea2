"""Roster benchmarks: import, printing and search at programme scale. Prints figures.

* import of a 3,500-row CSV (students + two contacts each), dry run and import,
  into an empty hub and again over the same students (matching, nothing to change);
* a 60-student class roster to PDF;
* roster search per keystroke at 3,500 students (RosterService.search and the table
  model the page uses, together), with accent-free and hyphen-free queries;
* the collation (pyuca) that sorts names in the user's language: loading its table, and
  sorting 3,500 names, against sorting them by ``str.casefold`` (the baseline).

Run: ``./dev bench`` or ``.venv/bin/python -m bench.bench_roster`` (offscreen Qt).
All data is generated.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST = ["Ana", "Luis", "Maya", "Diego", "Sofía", "Mateo", "Emma", "Noah", "Valeria", "Liam",
         "Camila", "José", "Zoë", "Chidi", "Linh", "Aiyana", "Omar", "Ruth", "Yuki", "Ximena"]  # fmt: skip
LAST = ["García", "López", "Nguyen", "Smith", "Hernández", "Kim", "Rivera", "Jones", "Cruz",
        "Ali", "Okafor", "Muñoz", "Peña", "Brown", "Reyes", "Torres", "Flores", "Díaz",
        "Núñez", "Álvarez", "Mendoza-Ruiz", "Penner"]  # fmt: skip


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A school-system style export: English headers, US dates, two contacts a row."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(
            ["Student ID", "Last Name", "First Name", "DOB", "Grade", "School", "Instrument",
             "Parent/Guardian Name", "Parent Phone", "Emergency Contact", "Emergency Phone",
             "Allergies", "Photo Release"]
        )  # fmt: skip
        for i in range(rows):
            born = dt.date(2008, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 12))
            last = rng.choice(LAST)
            out.writerow(
                [
                    f"{8_000_000 + i}", last, rng.choice(FIRST), f"{born.month}/{born.day}/{born.year}",
                    rng.choice(["K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]),
                    "Lincoln Elementary, Annex", rng.choice(["violin", "cello", "flute", "trumpet"]),
                    f"{rng.choice(FIRST)} {last}", f"(323) 555-{rng.randrange(10000):04d}",
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"213-555-{rng.randrange(10000):04d}",
                    rng.choice(["", "", "", "peanuts", "latex, bees"]), rng.choice(["Yes", "No"]),
                ]
            )  # fmt: skip


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float], target: float | None = None, unit: str = "s") -> None:
    """Median, p99 and max, and the target if there is one."""
    scale = 1000.0 if unit == "ms" else 1.0
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    line = (
        f"{name}: median {statistics.median(times) * scale:.3f} {unit}, "
        f"p99 {p99 * scale:.3f} {unit}, max {ordered[-1] * scale:.3f} {unit} (n={len(times)})"
    )
    if target is not None:
        verdict = "OK" if statistics.median(times) * scale <= target else "OVER TARGET"
        line += f"  target < {target} {unit}: {verdict}"
    print(line)


def main() -> int:
    """Run the three benchmarks and print their figures."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from tests.factories import make_hub

    import harmony_desktop.ui.roster  # noqa: F401  (None work-around first)
    from harmony_desktop.printing import render_document
    from harmony_desktop.services.context import Services
    from harmony_desktop.services.importing import ImportService, read_table
    from harmony_desktop.store import Store
    from harmony_desktop.store.models import Hub
    from harmony_desktop.store.seed import ensure_attendance_codes
    from harmony_desktop.ui.roster.model import RosterTableModel

    folder = Path(tempfile.mkdtemp(prefix="harmony-bench-"))
    source = folder / "students-3500.csv"
    make_csv(source, 3500)
    print(f"generated {source.name}: {source.stat().st_size // 1024} KiB, 3,500 rows")

    # -- import --------------------------------------------------------------------------
    first_times: list[float] = []
    again_times: list[float] = []
    dry_times: list[float] = []
    dry_first: list[float] = []
    import_only: list[float] = []
    for run in range(5):
        store = Store(folder / f"import-{run}.sqlite3")
        with store.write() as w:
            hub = w.insert(Hub(name="Bench Hub"))
        service = ImportService(store)
        start = time.perf_counter()
        table = read_table(source)
        dry = service.dry_run(hub.id, table)
        dry_first.append(time.perf_counter() - start)
        done = service.apply(hub.id, table)
        first_times.append(time.perf_counter() - start)
        import_only.append(first_times[-1] - dry_first[-1])
        assert done.created == 3500 and not done.rejected, done.summary()
        dry_times.append(timed(lambda s=service, h=hub.id, t=table: s.dry_run(h, t), 1)[0])
        start = time.perf_counter()
        again = service.apply(hub.id, read_table(source))
        again_times.append(time.perf_counter() - start)
        assert again.unchanged == 3500, again.summary()
        store.close()
        del dry
    report(
        "import 3,500-row CSV into an empty hub: whole flow (read + dry run + import)",
        first_times,
        2.0,
    )
    report("  of which read + dry run", dry_first)
    report("  of which the import transaction", import_only, 2.0)
    report("dry run of the same file over 3,500 existing students", dry_times)
    report("re-import of the same file (3,500 matched, unchanged)", again_times, 2.0)

    # -- printing ------------------------------------------------------------------------
    store = Store(folder / "print.sqlite3")
    ensure_attendance_codes(store)
    services = Services.open(store)
    hub60 = make_hub(services, students=60, capacity=60)
    day = dt.date(2026, 9, 8)
    render = lambda: render_document(  # noqa: E731
        "roster", services, hub_id=hub60.hub_id, ensemble_id=hub60.ensemble_id, day=day,
        pdf_path=folder / "roster60.pdf",
    )  # fmt: skip
    render()  # warm-up: fonts
    report("60-student class roster to PDF", timed(render, 30), 500, unit="ms")
    for kind in ("signin", "blank-roll", "emergency"):
        pdf = folder / f"{kind}.pdf"
        times = timed(
            lambda k=kind, p=pdf: render_document(
                k, services, hub_id=hub60.hub_id, ensemble_id=hub60.ensemble_id, day=day, pdf_path=p
            ),
            10,
        )
        report(f"60-student {kind} to PDF", times, unit="ms")

    # -- search per keystroke --------------------------------------------------------
    big = Store(folder / "import-0.sqlite3")
    big_services = Services.open(big)
    hub_id = _first_hub(big)
    load_times = timed(lambda: big_services.roster.entries(hub_id), 5)
    report("load 3,500 roster entries (off the UI thread)", load_times, unit="ms")
    model = RosterTableModel()
    model.set_entries(big_services.roster.entries(hub_id))
    keystrokes: list[float] = []
    queries = ("garcía", "violin", "grade 5", "8000123", "sofía ló", "zzz", "nunez", "alvarez",
               "mendoza ruiz", "HERNANDEZ JOSE")  # fmt: skip
    for query in queries:
        for n in range(1, len(query) + 1):
            start = time.perf_counter()
            model.set_query(query[:n])
            model.rowCount()
            keystrokes.append(time.perf_counter() - start)
        for n in range(len(query) - 1, -1, -1):  # backspacing
            start = time.perf_counter()
            model.set_query(query[:n])
            keystrokes.append(time.perf_counter() - start)
    report(
        "roster search per keystroke at 3,500 students (filter + model reset)",
        keystrokes,
        16,
        unit="ms",
    )
    collation_figures([(e.first_name, e.last_name) for e in big_services.roster.entries(hub_id)])
    big.close()
    store.close()
    del app
    return 0


def collation_figures(roster: list[tuple[str, str]]) -> None:
    """The cost of sorting in the language's collation, with its baseline."""
    from harmony_desktop.domain import collation
    from harmony_desktop.domain.names import name_sort_key

    def fresh() -> None:
        collation._collators.clear()
        collation._sort_key.cache_clear()

    def first_use(text: str) -> Callable[[], object]:
        def run() -> object:
            fresh()
            return collation.sort_key(text)

        return run

    collation.set_collation_language("en")
    report("collation table, Latin/Greek/Cyrillic part (< U+0600), first use", timed(first_use("Núñez"), 5), unit="ms")  # fmt: skip
    report("collation table, whole (a name in another script), first use", timed(first_use("김민준"), 5), unit="ms")  # fmt: skip
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyzáéíóúñü"
    unique = [
        ("".join(rng.choices(letters, k=6)).capitalize(), "".join(rng.choices(letters, k=8)).capitalize())
        for _ in range(3500)
    ]  # fmt: skip
    for label, names in (("the bench roster's 3,500 names", roster), ("3,500 names, all different", unique)):  # fmt: skip
        baseline = timed(lambda n=names: sorted(n, key=lambda p: (p[1].casefold(), p[0].casefold())), 20)  # fmt: skip
        report(f"sort {label} by str.casefold (baseline)", baseline, unit="ms")
        for language in ("en", "es"):
            collation.set_collation_language(language)
            collation.sort_key("warm")  # the table is loaded
            cold: list[float] = []
            for _ in range(5):
                collation._sort_key.cache_clear()
                cold += timed(lambda n=names: sorted(n, key=lambda p: name_sort_key(*p)), 1)
            warm = timed(lambda n=names: sorted(n, key=lambda p: name_sort_key(*p)), 20)
            report(f"sort {label} by collation ({language}), keys not cached", cold, unit="ms")
            report(f"sort {label} by collation ({language}), keys cached", warm, unit="ms")
            ratio = statistics.median(cold) / statistics.median(baseline)
            print(f"  ratio, not cached / baseline: {ratio:.1f}x")
    collation.set_collation_language(None)


def _first_hub(store: object) -> str:
    from harmony_desktop.services.hubs import HubDirectory

    return HubDirectory(store).hubs()[0].id  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
