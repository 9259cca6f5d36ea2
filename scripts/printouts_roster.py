"""Print every roster document for the biggest ensemble of a generated demo hub and save
PNG pages in docs/printouts/ (to look at them as a site lead would).

Run: .venv/bin/python scripts/printouts_roster.py [--lang es]  (es: roster-doc-KIND-es-N.png)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "printouts"


def main(argv: list[str] | None = None) -> int:
    """Generate a demo hub, print the five documents, convert page 1 (and 2) to PNG."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en", help="the documents' language (en, es)")
    args = parser.parse_args(argv)
    suffix = "" if args.lang == "en" else f"-{args.lang}"
    from harmony_desktop.demo import generate_demo
    from harmony_desktop.printing import DOCUMENT_KINDS, render_document
    from harmony_desktop.services.context import Services
    from harmony_desktop.store import Store
    from harmony_desktop.store.seed import ensure_attendance_codes

    today = dt.date(2026, 10, 6)
    folder = Path(tempfile.mkdtemp(prefix="harmony-printouts-"))
    store = Store(folder / "demo.sqlite3")
    ensure_attendance_codes(store)
    generate_demo(store, hubs=1, students_per_hub=200, today=today)
    services = Services.open(store)
    hub = services.hubs.hubs()[0]
    ensembles = services.hubs.ensembles(hub.id)
    biggest = max(ensembles, key=lambda e: services.enrollment.enrolled_count(e.id, today))
    # A day the ensemble meets, so the sign-in sheet carries the class times.
    while biggest.schedule_days and today.weekday() not in biggest.schedule_days:
        today += dt.timedelta(days=1)
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in DOCUMENT_KINDS:
        pdf = render_document(
            kind, services, hub_id=hub.id, ensemble_id=biggest.id, day=today,
            pdf_path=folder / f"{kind}.pdf", language_code=args.lang,
            now=dt.datetime.combine(today, dt.time(14, 30)),  # printed before class
        )  # fmt: skip
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf),
                str(OUT / f"roster-doc-{kind}{suffix}"),
            ],
            check=True,
        )
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        print(kind, pdf, [line for line in pages.splitlines() if line.startswith("Pages")])
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
