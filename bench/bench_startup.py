"""Start-up time: from launching the app until today's view is on the screen.

    .venv/bin/python -m bench.bench_startup [--quick | --database FILE] [--runs 5]
                                            [--frozen PATH] [--drop-caches]
                                            [--screenshot shot.png] [--baseline TREE]
                                            [--first-screenshot shot.png]

Starts a private Xvfb and makes a data folder with the full demo (17 hubs, 3,500
students, two years; ``--quick``: one 200-student hub; ``--database``: a copy of that
file). Then, ``--runs`` rounds, launches the app from source (``python -m
harmony_desktop``) and from the frozen bundle if there is one (default
``dist/harmony-desktop``, made by ``scripts/build_linux.sh``) twice each: as the **first
launch of the day** (no backup yet today: the daily backup is due) and as a **later
launch** (today's backup exists). Each launch is timed until the main window is mapped
on the X server (polled with ``xwininfo``, every 10 ms), until today's view has loaded
(the window prints a line when ``HARMONY_REPORT_READY`` is set) and, on the first launch,
until the daily backup it takes in the background is written; the app is then
terminated.

Before the launches it compiles the app's own modules to bytecode (``compileall``,
into their ``__pycache__``): an installed copy has them compiled (pip and PyInstaller
do it), while a clone run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise compile
every module again at every launch, a cost no user pays.

``--baseline TREE`` launches the app from another source tree as well (``git archive
COMMIT src sync | tar -x -C TREE``, and a ``resources`` link to this clone's), in the
same rounds: a before/after comparison under the same load.

Then, in this process, the parts a start-up used to wait for: opening the store (its
integrity and migration checks) and the daily backup itself, which the first launch of a
day took before showing the window; ``--version`` (interpreter and imports only); and
the slowest top-level imports (``-X importtime``).

From source, the app also presses Enter as soon as today's view shows and P once the
roll is open (``HARMONY_BENCH_KEYS``, through the same event path as keys typed): "launch
to first key press handled". A window that shows today's view before its services are
open prints when they are. After each launch (terminated) the write-ahead log is folded
into the file, as the app's normal close does.

``--drop-caches`` (root, Linux) empties the page cache before every launch: a cold start
as after a reboot. Without it the files are in the page cache after the first run: the
start a user sees when opening the app a second time. ``--screenshot`` saves the screen
of the last launch a moment after its view loaded.

Prints medians, the worst run, and the load average. Needs Xvfb and xwininfo (x11-utils).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from harmony_desktop.ui.app import (
    KEYS_ENV,
    MARK_LINE,
    NO_SESSION_LINE,
    OPEN_LINE,
    READY_ENV,
    READY_LINE,
    ROLL_LINE,
)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FROZEN = ROOT / "dist" / "harmony-desktop" / "harmony-desktop"
WINDOW_TIMEOUT_S = 60.0


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X server; returns it and its DISPLAY."""
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
            # Without it the server resets whenever its last client leaves, and a client
            # connecting during the reset fails ("could not connect to display").
            "-noreset",
        ],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise RuntimeError("Xvfb did not start")
    return server, f":{number}"


def mapped_app_window(display: str) -> bool:
    """True once a viewable top-level window titled "… Harmony Desktop" is on the display."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(
        ["xwininfo", "-root", "-children"], capture_output=True, text=True, env=env
    ).stdout
    # e.g. 0x200007 "Hollenbeck Park — Harmony Desktop": ("harmony-desktop" …)  1280x720+0+0
    pattern = r"^\s+(0x[0-9a-f]+) \"[^\"]*Harmony Desktop\".*?\s(\d+)x(\d+)[+-]"
    for match in re.finditer(pattern, tree, re.M):
        if int(match.group(2)) < 200:  # Qt's 1×1 client-leader window has the app's name too
            continue
        info = subprocess.run(
            ["xwininfo", "-id", match.group(1)], capture_output=True, text=True, env=env
        ).stdout
        if "IsViewable" in info:
            return True
    return False


def drop_page_cache() -> None:
    """Empty the page cache (root only), so the next launch reads everything from disk."""
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n")


@dataclass
class Launch:
    """Seconds from the launch until the window was viewable, until today's view had
    loaded, and (first launch of the day) until the daily backup was written; with
    ``keys``, until the services were open (a window that paints first says when), until
    Enter pressed as today's view showed had opened the roll, and until P pressed once
    the roll showed had stored a mark."""

    window: float
    ready: float
    backup: float | None = None
    opened: float | None = None
    roll: float | None = None
    mark: float | None = None
    #: the app said today has no session for Enter to open
    no_session: bool = False


def time_launch(
    command: Sequence[str],
    display: str,
    data_dir: Path,
    *,
    wait_for_backup: bool = False,
    screenshot: Path | None = None,
    keys: bool = False,
    first_screenshot: Path | None = None,
) -> Launch:
    """Launch ``command`` on ``data_dir`` and time it (see :class:`Launch`).

    ``keys``: the app presses Enter as soon as today's view shows and P once the roll
    is open (``KEYS_ENV``, through the same event path as a key typed). The app is then
    terminated, and its write-ahead log folded into the file as a normal close does.
    ``first_screenshot``: the screen as soon as today's view shows.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        DISPLAY=display, QT_QPA_PLATFORM="xcb", HARMONY_DATA_DIR=str(data_dir), **{READY_ENV: "1"}
    )
    if keys:
        env[KEYS_ENV] = "1"
    env.pop("WAYLAND_DISPLAY", None)
    backup = data_dir / "backups" / f"harmony-{dt.date.today().isoformat()}.sqlite3"
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        app = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        seen: dict[str, float] = {}

        def watch() -> None:
            assert app.stdout is not None
            for line in app.stdout:
                if line.strip() in (READY_LINE, OPEN_LINE, ROLL_LINE, MARK_LINE, NO_SESSION_LINE):
                    seen.setdefault(line.strip(), time.perf_counter() - started)

        reader = threading.Thread(target=watch, daemon=True)
        reader.start()
        window: float | None = None
        made: float | None = None
        try:
            shot = first_screenshot
            while (
                window is None
                or READY_LINE not in seen
                or (wait_for_backup and made is None)
                or (keys and MARK_LINE not in seen and NO_SESSION_LINE not in seen)
            ):
                if shot is not None and READY_LINE in seen:
                    grab_screen(display, shot)
                    shot = None
                if app.poll() is not None:
                    errors.seek(0)
                    tail = errors.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(
                        f"{command[0]} exited with {app.returncode} before a window:\n{tail}"
                    )
                if time.perf_counter() - started > WINDOW_TIMEOUT_S:
                    raise RuntimeError("no window, today's view or backup after a minute")
                if window is None and mapped_app_window(display):
                    window = time.perf_counter() - started
                if wait_for_backup and made is None and backup.exists():
                    made = time.perf_counter() - started
                time.sleep(0.01)
            if screenshot is not None:
                time.sleep(1.0)  # let it paint
                grab_screen(display, screenshot)
            return Launch(
                window,
                seen[READY_LINE],
                made,
                seen.get(OPEN_LINE),
                seen.get(ROLL_LINE),
                seen.get(MARK_LINE),
                NO_SESSION_LINE in seen,
            )
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
            reader.join(5)
            fold_log(data_dir / "harmony.sqlite3")


def fold_log(database: Path) -> None:
    """Move the write-ahead log's pages into the file, as the app's normal close does
    (the benchmark terminates it): the next launch finds the file as a user would."""
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def grab_screen(display: str, png: Path) -> None:
    """Save the whole X screen to ``png`` (Qt from this environment, not the app)."""
    code = (
        "import sys; from PySide6.QtGui import QGuiApplication; "
        "app = QGuiApplication(sys.argv[:1]); "
        "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1]); sys.exit(0 if ok else 1)"
    )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", code, str(png)], env=env, check=True)


def time_command(command: Sequence[str], runs: int) -> list[float]:
    """Wall seconds of ``command`` (run to completion) ``runs`` times."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        out.append(time.perf_counter() - started)
    return out


def load() -> str:
    """The load average now, printed beside every figure (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def summary(label: str, seconds: list[float]) -> str:
    """One line: median, worst and every run."""
    runs = " ".join(f"{s:.2f}" for s in seconds)
    return (
        f"{label:<46} median {statistics.median(seconds):5.2f} s   worst {max(seconds):5.2f} s"
        f"   ({len(seconds)} runs: {runs})"
    )


def in_process_costs(database: Path, runs: int) -> None:
    """What a start-up did before the window could appear, timed in this process: opening
    the store (integrity and migration check) and the daily backup, which the first
    launch of a day used to take before showing the window."""
    from harmony_desktop.store.db import Store

    opens: list[float] = []
    backups: list[float] = []
    with tempfile.TemporaryDirectory(prefix="harmony-bench-") as tmp:
        for i in range(runs):
            started = time.perf_counter()
            store = Store(database, backup_dir=Path(tmp))
            opens.append(time.perf_counter() - started)
            try:
                started = time.perf_counter()
                store.backup_now(Path(tmp) / f"copy-{i}.sqlite3")
                backups.append(time.perf_counter() - started)
            finally:
                store.close()
            (Path(tmp) / f"copy-{i}.sqlite3").unlink()
    print(summary("opening the store (checks), in process", opens) + f"   [{load()}]")
    print(summary("the daily backup itself, in process", backups) + f"   [{load()}]")


#: What a launch of the window imports before it can show anything.
WINDOW_IMPORTS = "import harmony_desktop.ui.app, harmony_desktop.ui.main_window"


def slowest_imports(count: int) -> None:
    """The total import time of the window's modules and the ``count`` slowest packages
    among them (``-X importtime``, cumulative), from source."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", WINDOW_IMPORTS],
        capture_output=True,
        text=True,
        check=True,
    )
    rows: dict[str, int] = {}
    total = 0
    for line in result.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not match:
            continue
        cumulative, depth, name = int(match.group(2)), len(match.group(3)), match.group(4)
        if depth <= 1:
            total += cumulative
        top = name.split(".")[0]
        if top != "harmony_desktop":  # a third-party package, counted once at its top
            rows[top] = max(rows.get(top, 0), cumulative)
    print(f"importing the window's modules: {total / 1e6:.2f} s ({load()}); slowest packages:")
    for name, micros in sorted(rows.items(), key=lambda kv: -kv[1])[:count]:
        print(f"  {micros / 1000:7.1f} ms  {name}")


def compile_bytecode(baseline: Path | None) -> str:
    """Compile the app's packages to bytecode as an installed copy has them (and the
    baseline tree's); describe it."""
    import harmony_desktop
    import harmony_sync

    packages = [Path(harmony_desktop.__file__).parent, Path(harmony_sync.__file__).parent]
    if baseline is not None:
        packages += [baseline / "src" / "harmony_desktop", baseline / "sync" / "harmony_sync"]
    for package in packages:
        if not compileall.compile_dir(package, quiet=1):
            raise RuntimeError(f"could not compile {package}")
    return ", ".join(str(p) for p in packages)


def make_data_dir(source: list[str], data_dir: Path, args: argparse.Namespace) -> str:
    """Put the benchmark's database in ``data_dir``; describe it."""
    data_dir.mkdir(parents=True)
    if args.database is not None:
        shutil.copyfile(args.database, data_dir / "harmony.sqlite3")
        return f"copy of {args.database}"
    scale = ["--hubs", "1"] if args.quick else ["--full"]
    started = time.perf_counter()
    subprocess.run([*source, "demo", "--data-dir", str(data_dir), *scale], check=True)
    kind = "1 hub, 200 students" if args.quick else "17 hubs, 3,500 students, two years"
    return f"demo ({kind}) generated in {time.perf_counter() - started:.0f} s"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN, help="frozen executable")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one 200-student hub")
    parser.add_argument("--database", type=Path, help="use a copy of this database file")
    parser.add_argument("--drop-caches", action="store_true", help="cold page cache (root)")
    parser.add_argument("--screenshot", type=Path, help="save the last launch's screen here")
    parser.add_argument(
        "--first-screenshot",
        type=Path,
        help="save the last launch's screen as soon as today's view shows",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="TREE",
        help="also launch the app from this source tree (e.g. an older commit's "
        "git archive, with src/ and sync/), in the same rounds: a before/after comparison",
    )
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            print(f"bench_startup: {tool} is missing (apt-get install xvfb x11-utils); skipped")
            return 0
    source = [sys.executable, "-m", "harmony_desktop"]
    commands = {"source": source}
    if args.baseline is not None:
        tree = args.baseline.resolve()
        path = os.pathsep.join(str(tree / part) for part in ("src", "sync"))
        # PYTHONPATH comes before the editable install of this tree on sys.path.
        commands["baseline"] = ["env", f"PYTHONPATH={path}", *source]
    if args.frozen.exists():
        commands["frozen"] = [str(args.frozen)]
    else:
        print(f"bench_startup: no frozen app at {args.frozen} (scripts/build_linux.sh makes it)")

    print(f"bytecode compiled: {compile_bytecode(args.baseline)}")
    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="harmony-bench-") as tmp:
            data_dir = Path(tmp) / "data"
            described = make_data_dir(source, data_dir, args)
            database = data_dir / "harmony.sqlite3"
            print(f"database: {described}, {database.stat().st_size / 1e6:.0f} MB")
            kind = "cold page cache" if args.drop_caches else "warm page cache"
            backups = data_dir / "backups"
            # Interleave: each round launches every command as the first launch of the
            # day (no backup yet today) and as a later one, so a change in the machine's
            # load during the benchmark hits all alike.
            runs: dict[tuple[str, str], list[Launch]] = {}
            for i in range(args.runs):
                for label, command in commands.items():
                    for first in (True, False):
                        if first:
                            shutil.rmtree(backups, ignore_errors=True)
                        if args.drop_caches:
                            drop_page_cache()
                        last = i == args.runs - 1 and not first
                        launch = time_launch(
                            command,
                            display,
                            data_dir,
                            wait_for_backup=first,
                            screenshot=args.screenshot if last else None,
                            keys=label == "source",  # the baseline tree has no key hook
                            first_screenshot=args.first_screenshot if last else None,
                        )
                        when = "first launch of the day" if first else "later launch"
                        runs.setdefault((label, when), []).append(launch)
            print(f"\nlaunch until ... ({kind}, {args.runs} runs each, [{load()}]):")
            for (label, when), launches in runs.items():
                name = f"{label}, {when}"
                print(summary(f"{name}: window", [x.window for x in launches]))
                print(summary(f"{name}: today's view", [x.ready for x in launches]))
                for what, values in (
                    ("services open", [x.opened for x in launches]),
                    ("Enter opened the roll", [x.roll for x in launches]),
                    ("P stored a mark", [x.mark for x in launches]),
                    ("backup written", [x.backup for x in launches]),
                ):
                    known = [v for v in values if v is not None]
                    if known:
                        print(summary(f"{name}: {what}", known))
                if label == "source" and any(x.no_session for x in launches):
                    print(
                        f"{name}: no key pressed: today has no session to open (a Sunday, a closure)"
                    )
            print()
            in_process_costs(database, 3)
            for label, command in commands.items():
                print(summary(f"{label}, --version", time_command([*command, "--version"], 5)))
            slowest_imports(8)
    finally:
        server.terminate()
        server.wait()
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
