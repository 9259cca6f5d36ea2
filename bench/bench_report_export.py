"""Writing every report kind to .csv, .xlsx and .pdf over the full demo (17 hubs,
3,500 students, two years of marks). Prints figures; asserts nothing.

    python -m bench.bench_report_export                 full scale
    python -m bench.bench_report_export --quick         one 200-student hub
    python -m bench.bench_report_export --kind ases     one kind

Each kind runs once (``--hub all``, programme year 2025-26); then each format is
written RUNS times and the median wall time, the median CPU time of the process (less
swayed by other programs on a loaded machine), the extra memory at the peak (resident set
sampled every 5 ms, minus what the process held before writing) and the cells written
are printed. The honest baseline, measured in the same run: the same cells written as
plain text with the standard library's ``csv`` module to an in-memory buffer, the least
any writer can do.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench._common import copy_database, demo_database
from bench.bench_reports import BENCH_TODAY, measure
from harmony_desktop.demo import DEFAULT_SEED
from harmony_desktop.services.context import Services
from harmony_desktop.services.reports import Report, ReportParams
from harmony_desktop.store.db import Store


def cells(report: Report) -> int:
    """Cells of every sheet, headers included."""
    return sum(len(s.columns) * (len(s.rows) + 1) for s in report.sheets)


def plain_csv(report: Report) -> None:
    """The baseline: every cell as ``str`` through ``csv.writer`` into memory."""
    for sheet in report.sheets:
        out = csv.writer(io.StringIO())
        out.writerow([c.key for c in sheet.columns])
        out.writerows([["" if v is None else str(v) for v in row] for row in sheet.rows])


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kind", action="append", help="only this kind (repeatable)")
    parser.add_argument("--formats", default="csv,xlsx,pdf", help="comma-separated")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()}")
    cached, _summary = demo_database(seed=DEFAULT_SEED, today=BENCH_TODAY, quick=args.quick)
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as folder:
        path = copy_database(cached, Path(folder))
        with Store(path) as store:  # migrates the private copy
            services = Services.open(store)
            year = ReportParams(year="2025-26", today=BENCH_TODAY)
            names = args.kind or [k.name for k in services.reports.kinds()]
            print(f"{'kind':<12} {'format':<9} {'median s':>9} {'CPU s':>9} {'extra MB':>9} "
                  f"{'cells':>10} {'× plain csv':>12} {'size kB':>9}")  # fmt: skip
            for name in names:
                report = services.reports.run(name, year, charts="pdf" in formats)
                base_s, _mb = measure(partial(plain_csv, report))
                print(f"{name:<12} {'plain csv':<9} {base_s:>9.3f} {'':>9} {'':>9} "
                      f"{cells(report):>10,}")  # fmt: skip
                for suffix in formats:
                    out = Path(folder) / f"{name}.{suffix}"
                    if suffix == "pdf":
                        from harmony_desktop.printing.reports import render_report_pdf

                        def write(r: Report = report, o: Path = out) -> object:
                            return render_report_pdf(r, o)
                    else:

                        def write(r: Report = report, o: Path = out) -> object:
                            return services.reports.export(r, o)

                    cpu: list[float] = []

                    def timed(write: Callable[[], object] = write, cpu: list[float] = cpu) -> None:
                        began = time.process_time()
                        write()
                        cpu.append(time.process_time() - began)

                    seconds, mb = measure(timed)
                    size = sum(p.stat().st_size for p in Path(folder).glob(f"{name}*.{suffix}"))
                    print(f"{name:<12} {suffix:<9} {seconds:>9.3f} {statistics.median(cpu):>9.3f} "
                          f"{mb:>9.1f} {cells(report):>10,} {seconds / base_s:>12.1f} "
                          f"{size / 1e3:>9.0f}")  # fmt: skip
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
