"""The task manager: jobs off the UI thread, results back on it, progress, cancellation,
the change notice; and the guard that fails a test leaving a QThread running."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.services.context import Services
from harmony_desktop.ui.operations import CollectionOp, QueryOp
from harmony_desktop.ui.tasks import Cancelled, Changes, Lane, Progress, TaskManager
from tests.support.qt_threads import QThreadWatch

#: Up to 20 s for background work, as elsewhere: a job held by an event gives up after this
#: long, so a shorter wait on a loaded machine let it finish before it was cancelled.
WAIT = 20_000


@pytest.fixture
def tasks(services: Services) -> Iterator[TaskManager]:
    manager = TaskManager(services)
    yield manager
    manager.shutdown()


def test_a_job_runs_on_its_lane_and_reports_on_the_ui_thread(
    qtbot: QtBot, tasks: TaskManager
) -> None:
    ran_on: dict[Lane, str] = {}
    results: list[tuple[int, bool]] = []

    def job(lane: Lane) -> int:
        ran_on[lane] = threading.current_thread().name
        return 42

    def done(value: int) -> None:
        results.append((value, threading.current_thread() is threading.main_thread()))

    for lane in Lane:
        with qtbot.waitSignal(tasks.idle, timeout=WAIT):
            tasks.run(lambda _p, lane=lane: job(lane), done, lane=lane)
    assert results == [(42, True), (42, True), (42, True)]
    assert threading.main_thread().name not in ran_on.values()
    assert len(set(ran_on.values())) == 3  # three threads, one per lane
    assert not tasks.busy()


def test_errors_go_to_the_handler_or_to_the_error_signal(qtbot: QtBot, tasks: TaskManager) -> None:
    def refuse(_progress: Progress) -> None:
        raise ValidationError("Give the ensemble a name.")

    handled: list[str] = []
    with qtbot.waitSignal(tasks.idle, timeout=WAIT):
        tasks.run(refuse, lambda _r: handled.append("done"), lambda e: handled.append(str(e)))
    assert handled == ["Give the ensemble a name."]
    with qtbot.waitSignal(tasks.error, timeout=WAIT) as shown:
        tasks.run(refuse, lambda _r: handled.append("done"))
    assert shown.args == ["Give the ensemble a name."]


def test_progress_reaches_the_ui_and_cancel_stops_queued_and_running_jobs(
    qtbot: QtBot, tasks: TaskManager
) -> None:
    started, release = threading.Event(), threading.Event()
    seen: list[tuple[str, int, int]] = []
    outcome: list[str] = []

    def long_job(progress: Progress) -> str:
        progress.report("push", 1, 3)
        started.set()
        release.wait(WAIT / 1000)
        progress.report("push", 2, 3)  # raises Cancelled once cancelled
        return "finished"

    running = tasks.run(
        long_job,
        outcome.append,
        lambda e: outcome.append(type(e).__name__),
        on_progress=lambda *args: seen.append(args),
    )
    queued = tasks.run(lambda _p: outcome.append("queued ran"), outcome.append)
    assert started.wait(WAIT / 1000)
    qtbot.waitUntil(lambda: seen == [("push", 1, 3)], timeout=WAIT)
    running.cancel()
    queued.cancel()
    with qtbot.waitSignal(tasks.idle, timeout=WAIT):
        release.set()
    assert outcome == []  # neither reported back: both were cancelled
    assert not tasks.busy()
    with pytest.raises(Cancelled):
        running.progress.report("push", 3, 3)


def test_no_callback_for_a_deleted_owner_but_a_write_is_still_announced(
    qtbot: QtBot, tasks: TaskManager
) -> None:
    owner = QWidget()
    release = threading.Event()
    called: list[str] = []
    notices: list[tuple[Changes, object]] = []
    tasks.changed.connect(lambda changes, initiator: notices.append((changes, initiator)))
    CollectionOp(
        tasks,
        op=lambda _s: release.wait(WAIT / 1000),
        changes=Changes(students=True),
        parent=owner,
    ).success(lambda _r: called.append("success")).run_in_background(initiator="importer")
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=WAIT)
    with qtbot.waitSignal(tasks.idle, timeout=WAIT):
        release.set()
    assert called == []
    assert notices == [(Changes(students=True), "importer")]


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_query_and_collection_ops_use_the_services(
    qtbot: QtBot, tasks: TaskManager, services: Services
) -> None:
    notices: list[Changes] = []
    tasks.changed.connect(lambda changes, _initiator: notices.append(changes))
    hubs: list[list[str]] = []
    with qtbot.waitSignal(tasks.idle, timeout=WAIT):
        QueryOp(
            tasks, op=lambda s: [h.name for h in s.hubs.hubs()], success=hubs.append
        ).run_in_background()
    assert hubs == [[]] and notices == []  # a query announces nothing
    failures: list[str] = []
    with qtbot.waitSignal(tasks.idle, timeout=WAIT):
        CollectionOp(
            tasks,
            op=lambda s: s.roster.archive_student("no-such-student"),
            changes=Changes(students=True),
        ).failure(lambda e: failures.append(type(e).__name__)).run_in_background()
    assert failures == ["NotFoundError"] and notices == []  # nothing written, nothing announced


def test_changes_combine_and_say_which_views_care() -> None:
    marks = Changes(marks=True)
    assert marks.register and not marks.roster
    both = marks | Changes(enrollment=True)
    assert both == Changes(marks=True, enrollment=True) and both.roster
    assert Changes.everything().review and Changes.everything().sync
    assert not Changes().register and not Changes().roster


def test_shutdown_stops_both_threads_and_refuses_new_work(qtbot: QtBot, services: Services) -> None:
    manager = TaskManager(services)
    threads = [lane.worker for lane in manager._lanes.values()]
    assert all(t.isRunning() for t in threads)
    manager.shutdown()
    manager.shutdown()  # idempotent
    assert not any(t.isRunning() for t in threads)
    ran: list[int] = []
    ticket = manager.run(lambda _p: ran.append(1), lambda _r: None)
    qtbot.wait(50)
    assert ticket.progress.cancelled and ran == []


def test_the_guard_names_where_a_leaked_thread_was_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    watch = QThreadWatch()
    watch.install(monkeypatch)
    leaked = QThread()
    leaked.setObjectName("leaky")
    leaked.start()  # the line the report must name
    line = _line_of("    leaked.start()  # the line the report must name")
    try:
        left = watch.running()
        assert [thread for thread, _where in left] == [leaked]
        report = watch.describe(left)
        assert f"leaky: tests/ui/test_tasks.py:{line}" in report
    finally:
        watch.stop(watch.running())
    assert watch.running() == [] and not leaked.isRunning()


def _line_of(text: str) -> int:
    from pathlib import Path

    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_an_unexpected_failure_is_logged_without_its_message(
    qtbot: QtBot, tasks: TaskManager, caplog: pytest.LogCaptureFixture
) -> None:
    quoted = "INSERT failed for student " + "Ana Garcia"  # a message quoting a row

    def crash(_progress: Progress) -> None:
        raise RuntimeError(quoted)

    with qtbot.waitSignal(tasks.error, timeout=WAIT):
        tasks.run(crash, lambda _r: None)
    logged = caplog.text
    assert "failed with RuntimeError" in logged and "in crash" in logged
    assert "Ana Garcia" not in logged
