"""Start-up time: from launching the app until its main window is on the screen.

    .venv/bin/python -m bench.bench_startup [--frozen PATH] [--runs 7] [--drop-caches]
                                            [--screenshot shot.png]

Starts a private Xvfb, generates a demo database once (one hub, 200 students, two years
of history), then launches the app ``--runs`` times from source (``python -m
harmony_desktop``) and from the frozen bundle (default ``dist/harmony-desktop``, made by
``scripts/build_linux.sh``), each on that database. A run is timed from the launch until
the main window is mapped on the X server (polled with ``xwininfo``, every 10 ms); the
app is then terminated. Also times ``--version`` (interpreter and imports only).

``--drop-caches`` (root, Linux) empties the page cache before every launch: a cold start
as after a reboot. Without it the files are in the page cache after the first run: the
start a user sees when opening the app a second time. ``--screenshot`` saves the screen
of the last frozen run, a moment after its window appeared.

Prints medians, and the worst run, in seconds. Needs Xvfb and xwininfo (x11-utils).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

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


def time_to_window(
    command: Sequence[str], display: str, data_dir: Path, *, screenshot: Path | None = None
) -> float:
    """Seconds from launching ``command`` until its main window is viewable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HARMONY_DATA_DIR=str(data_dir))
    env.pop("WAYLAND_DISPLAY", None)
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        app = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            while not mapped_app_window(display):
                if app.poll() is not None:
                    errors.seek(0)
                    tail = errors.read().decode(errors="replace")[-3000:]
                    raise RuntimeError(
                        f"{command[0]} exited with {app.returncode} before a window:\n{tail}"
                    )
                if time.perf_counter() - started > WINDOW_TIMEOUT_S:
                    raise RuntimeError("no window after a minute")
                time.sleep(0.01)
            seconds = time.perf_counter() - started
            if screenshot is not None:
                time.sleep(2.0)  # let the register load and paint
                grab_screen(display, screenshot)
            return seconds
        finally:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


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


def summary(label: str, seconds: list[float]) -> str:
    """One line: median, worst and every run."""
    runs = " ".join(f"{s:.2f}" for s in seconds)
    return (
        f"{label:<34} median {statistics.median(seconds):5.2f} s   worst {max(seconds):5.2f} s"
        f"   ({len(seconds)} runs: {runs})"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=DEFAULT_FROZEN, help="frozen executable")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--drop-caches", action="store_true", help="cold page cache (root)")
    parser.add_argument("--screenshot", type=Path, help="save the frozen app's screen here")
    args = parser.parse_args(argv)
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            print(f"bench_startup: {tool} is missing (apt-get install xvfb x11-utils); skipped")
            return 0
    source = [sys.executable, "-m", "harmony_desktop"]
    commands = {"source (python -m harmony_desktop)": source}
    if args.frozen.exists():
        commands["frozen (PyInstaller one-folder)"] = [str(args.frozen)]
    else:
        print(f"bench_startup: no frozen app at {args.frozen} (scripts/build_linux.sh makes it)")

    server, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="harmony-bench-") as tmp:
            data_dir = Path(tmp) / "data"
            started = time.perf_counter()
            subprocess.run(
                [*source, "demo", "--data-dir", str(data_dir), "--hubs", "1"],
                check=True,
                capture_output=True,
            )
            print(f"demo database (1 hub, 200 students): {time.perf_counter() - started:.1f} s")
            kind = "cold page cache" if args.drop_caches else "warm page cache"
            # Interleave source and frozen launches, so a change in the machine's load
            # during the benchmark hits both alike.
            seconds: dict[str, list[float]] = {label: [] for label in commands}
            for i in range(args.runs):
                for label, command in commands.items():
                    if args.drop_caches:
                        drop_page_cache()
                    last = i == args.runs - 1 and "frozen" in label
                    shot = args.screenshot if last else None
                    seconds[label].append(
                        time_to_window(command, display, data_dir, screenshot=shot)
                    )
            for label in commands:
                print(summary(f"{label}, to window, {kind}", seconds[label]))
            for label, command in commands.items():
                print(summary(f"{label}, --version", time_command([*command, "--version"], 5)))
    finally:
        server.terminate()
        server.wait()
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
