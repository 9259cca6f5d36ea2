"""Every report kind over the full demo (17 hubs, 3,500 students, two years of marks).
Prints figures; asserts nothing.

    python -m bench.bench_reports            full scale
    python -m bench.bench_reports --quick    one 200-student hub
    python -m bench.bench_reports --xlsx     only the ASES year written to .xlsx

For each kind, ``--hub all`` over the complete programme year 2025-26 (and attendance
over the two years of the demo, the full-programme summary, and over this programme
year to date, a short period): the median wall time of
three runs, the median CPU time of the process (SQLite included: on a shared, loaded
machine the wall time is the CPU time plus the wait for a core), the extra memory at
the peak (resident set sampled every 5 ms, the SQLite page cache included, minus what
the process held before the run), and the ratio to a
plain ``SELECT count(*)`` over the live attendance marks through sqlite3 measured in
the same run. Then the full-programme attendance summary computed the old way, one hub
at a time, beside the one set-based run.

With ``--xlsx``, instead: the ASES report of the programme year 2025-26 (its by-day
sheet holds a row per student and day attended) written to .xlsx by the app's writer
(``write_report``: XlsxWriter's constant-memory mode, each cell format made once per
workbook), against the baseline of openpyxl's write-only mode writing the same rows with
no styles at all, and XlsxWriter's constant-memory mode with no formats, each timed as
above.

The cached demo database is copied (and migrated) to a private folder first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench._common import copy_database, demo_database
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import Report, ReportParams, Sheet
from harmony_desktop.store.db import Store

BENCH_TODAY = dt.date(2026, 11, 18)
RUNS = 3
_PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    """The process's resident set size now."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * _PAGE


def measure(action: Callable[[], object]) -> tuple[float, float, float]:
    """(median wall seconds over RUNS runs, median CPU seconds of this process, peak
    extra resident MB over the runs). SQLite runs in this process, so the CPU time is
    the report's whole work, less what a loaded machine adds to the wall time."""
    times, cpus, peaks = [], [], []
    for _ in range(RUNS):
        before = rss_bytes()
        peak = [before]
        done = threading.Event()

        def sample(peak: list[int] = peak, done: threading.Event = done) -> None:
            while not done.wait(0.005):
                peak[0] = max(peak[0], rss_bytes())

        sampler = threading.Thread(target=sample)
        sampler.start()
        began, cpu = time.perf_counter(), time.process_time()
        action()
        times.append(time.perf_counter() - began)
        cpus.append(time.process_time() - cpu)
        done.set()
        sampler.join()
        peaks.append((max(peak[0], rss_bytes()) - before) / 1e6)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def _sheet_rows(sheet: Sheet) -> Iterator[list[Any]]:
    """The sheet's rows with codes as their words, as the app's writer writes them."""
    labelled = [i for i, c in enumerate(sheet.columns) if c.labels is not None]
    for row in sheet.rows:
        if labelled:
            row = list(row)
            for i in labelled:
                row[i] = sheet.columns[i].word(row[i])
        yield row


def openpyxl_plain(report: Report, path: Path) -> None:
    """The baseline: openpyxl's write-only mode, the same rows, no styles."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for n, sheet in enumerate(report.sheets):
        ws = book.create_sheet(f"{n} {sheet.title}"[:31])
        ws.append([c.key for c in sheet.columns])
        for row in _sheet_rows(sheet):
            ws.append(row)
    book.save(path)


def xlsxwriter_plain(report: Report, path: Path) -> None:
    """XlsxWriter's constant-memory mode, the same rows, no formats (a date still
    needs one to be a date: the workbook's default)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"}
    )
    for n, sheet in enumerate(report.sheets):
        ws = book.add_worksheet(f"{n} {sheet.title}"[:31])
        ws.write_row(0, 0, [c.key for c in sheet.columns])
        for r, row in enumerate(_sheet_rows(sheet), start=1):
            ws.write_row(r, 0, row)
    book.close()


def xlsx_figures(services: Services, folder: Path) -> None:
    """The ASES year to .xlsx: the app's writer against plain writers (module doc)."""
    from harmony_desktop.services.reports.export import write_report

    report = services.reports.run("ases", ReportParams(year="2025-26", today=BENCH_TODAY))
    rows = sum(len(s.rows) for s in report.sheets)
    cells = sum(len(s.rows) * len(s.columns) for s in report.sheets)
    print(f"ases 2025-26: {rows:,} rows, {cells:,} cells; {RUNS} runs each")
    print(f"{'writer':<46} {'median s':>9} {'CPU s':>7} {'extra MB':>9} {'× openpyxl':>11}")
    ways: list[tuple[str, Callable[[Path], object]]] = [
        ("openpyxl write_only, no styles (baseline)", lambda o: openpyxl_plain(report, o)),
        ("xlsxwriter constant_memory, no formats", lambda o: xlsxwriter_plain(report, o)),
        ("the app's writer (write_report)", lambda o: write_report(report, o)),
    ]
    base = 0.0
    for name, write in ways:
        out = folder / f"ases-{len(name)}.xlsx"
        seconds, cpu, mb = measure(lambda w=write, o=out: w(o))
        base = base or seconds
        print(f"{name:<46} {seconds:>9.2f} {cpu:>7.2f} {mb:>9.1f} {seconds / base:>11.2f}")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--xlsx", action="store_true", help="only the ASES year to .xlsx")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    cached, _summary = demo_database(seed=DEFAULT_SEED, today=BENCH_TODAY, quick=args.quick)
    with tempfile.TemporaryDirectory() as folder:
        path = copy_database(cached, Path(folder))
        with Store(path) as store:  # migrates the private copy
            services = Services.open(store)
            if args.xlsx:
                xlsx_figures(services, Path(folder))
                print(f"load average: {os.getloadavg()}")
                return
            plain = sqlite3.connect(path)

            def baseline() -> None:
                plain.execute("SELECT count(*) FROM attendance_mark WHERE deleted = 0").fetchone()

            marks = plain.execute("SELECT count(*) FROM attendance_mark").fetchone()[0]
            base_s, _base_cpu, _base_mb = measure(baseline)
            print(f"{marks:,} marks; baseline SELECT count(*): {base_s * 1000:.1f} ms")
            year = ReportParams(year="2025-26", today=BENCH_TODAY)
            two_years = ReportParams(
                first=BENCH_TODAY - dt.timedelta(days=730), last=BENCH_TODAY, today=BENCH_TODAY
            )
            cases = [(kind.name, year) for kind in services.reports.kinds()]
            cases.insert(1, ("attendance (two years)", two_years))
            # A seventh of the register: a short period reads only its own sessions' marks.
            cases.insert(2, ("attendance (to date)", ReportParams(today=BENCH_TODAY)))
            print(
                f"{'kind':<24} {'median s':>9} {'CPU s':>7} {'extra MB':>9} {'× count(*)':>11}"
                f" {'rows':>7}"
            )
            for name, params in cases:
                kind = name.split()[0]
                rows = services.reports.run(kind, params).row_count
                seconds, cpu, mb = measure(lambda k=kind, p=params: services.reports.run(k, p))
                print(
                    f"{name:<24} {seconds:>9.3f} {cpu:>7.3f} {mb:>9.1f} {seconds / base_s:>11.0f}"
                    f" {rows:>7}"
                )
            hubs = [h.id for h in services.hubs.hubs()]

            def per_hub() -> None:
                for hub_id in hubs:
                    services.reports.run(
                        "attendance",
                        ReportParams(hub_id=hub_id, first=two_years.first, last=two_years.last,
                                     today=BENCH_TODAY),
                    )  # fmt: skip

            seconds, cpu, _mb = measure(per_hub)
            print(
                f"attendance two years, one hub at a time ({len(hubs)} runs): {seconds:.3f} s"
                f" (CPU {cpu:.3f} s)"
            )
            plain.close()
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
