"""A laptop whose server address answers, but not as a sync server (HTTP 404 to every
sync endpoint: a web site, a proxy sending the path elsewhere), says so in the status
bar instead of "Online"."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pytestqt.qtbot import QtBot

from harmony_desktop.ui.sync.controller import SyncController
from harmony_desktop.ui.sync.status import SyncStatusWidget
from harmony_desktop.ui.tasks import TaskManager
from tests.factories import make_hub
from tests.support.ports import free_port
from tests.sync_client.conftest import ReplicaFactory

WAIT = 30_000


class _NotFound(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        body = b"<html><body><h1>404 Not Found</h1></body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def web_site() -> Iterator[str]:
    """A loopback web server that answers 404 to everything: no sync server."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_address_answering_404_is_not_called_online(
    qtbot: QtBot, replica: ReplicaFactory, web_site: str
) -> None:
    rep = replica("wrong-address")
    make_hub(rep.services, students=1)
    rep.store.set_meta("sync.server_url", web_site)
    rep.sync.tokens.save("token")
    tasks = TaskManager(rep.services)
    controller = SyncController(tasks, rep.sync, auto=False)
    widget = SyncStatusWidget(controller)
    qtbot.addWidget(widget)
    try:
        with qtbot.waitSignal(controller.statusChanged, timeout=WAIT):
            controller.refresh_status()
        with qtbot.waitSignal(controller.syncFailed, timeout=WAIT):
            controller.sync_now()
        assert controller.not_a_sync_server
        assert widget.online_label.text() == "⚠ Not a sync server"
        assert widget.online_label.toolTip() == (
            f"{web_site} answers, but not as a Harmony sync server. Check the server "
            "address with your administrator."
        )
        assert "Check the server address." in widget.message_label.toolTip()
        # unreachable later: "Offline", not "not a sync server"
        rep.store.set_meta("sync.server_url", f"http://127.0.0.1:{free_port()}")  # nobody there
        with qtbot.waitSignal(controller.syncFailed, timeout=WAIT):
            controller.sync_now()
        assert widget.online_label.text() == "○ Offline"
        assert not controller.not_a_sync_server
    finally:
        controller.shutdown()
        tasks.shutdown()
