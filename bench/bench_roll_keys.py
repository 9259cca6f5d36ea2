"""Keys to take a 40-student roll from a freshly opened window.

The window opens offscreen on a generated hub (one 40-student class meeting today);
every key goes to whatever has the keyboard focus, as a real keyboard's would
(``tests/support/roll_keys.py``). The roll: 35 present, 1 left early (the pickup chosen
from the authorised adults), 2 unexcused, 1 excused, 1 late, finished. Printed: the keys
it took, apart from the Enter that accepts each dialog, for the exceptions spread over
the list (the teacher ends with "all remaining present") and at its very end (the
whole list walked), beside the reference of one key per student plus one to open.

Run: ``./dev bench`` or ``.venv/bin/python -m bench.bench_roll_keys``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from tests.support.roll_keys import AT_THE_END, ROLL_SIZE, SPREAD, open_window, roll_hub, take_roll
from tests.support.store_template import new_store_file

from harmony_desktop.services.context import Services
from harmony_desktop.store import Store
from harmony_desktop.store.seed import ensure_attendance_codes


def main() -> None:
    """Take the roll both ways and print the keys each took."""
    app = QApplication.instance() or QApplication([])
    print(f"load average: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    print(f"reference: one key per student plus one to open = {ROLL_SIZE + 1}; goal: 42")
    for name, plan in (("exceptions spread", SPREAD), ("exceptions at the end", AT_THE_END)):
        with (
            tempfile.TemporaryDirectory() as folder,
            Store(new_store_file(Path(folder) / "harmony.sqlite3")) as store,
        ):
            ensure_attendance_codes(store)
            services = Services.open(store)
            window = open_window(services, roll_hub(services))
            count = take_roll(window, plan)
            window.shutdown()
            window.close()
            window.deleteLater()
            app.processEvents()
        print(
            f"{name}: {count.keys} keys + {count.dialog_enters} dialog Enter"
            f" ({count.seconds:.2f} s of keys and writes)"
        )


if __name__ == "__main__":
    main()
