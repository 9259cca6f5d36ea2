"""What a failed sync or enrollment says is in the app's language, not the server's English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harmony_desktop.domain import i18n
from harmony_desktop.store import settings
from harmony_sync.client import EnrollmentRefused, ServerUnreachable
from tests.factories import make_hub
from tests.support.ports import free_port
from tests.sync_client.conftest import ReplicaFactory


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    try:
        yield
    finally:
        i18n.set_language("en")


def test_a_used_enrollment_code_is_refused_in_spanish(
    replica: ReplicaFactory,
    live,  # type: ignore[no-untyped-def]
    spanish: None,
) -> None:
    a, b = replica("a"), replica("b")
    hub = make_hub(a.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    code = live.enrollment_code([hub.hub_id])
    a.sync.enroll(live.url, code, "laptop a")
    with pytest.raises(EnrollmentRefused) as refused:
        b.sync.enroll(live.url, code, "laptop b")
    assert str(refused.value) == (
        "Este código de registro no es válido (mal escrito, ya usado o revocado). "
        "Pida un código nuevo a su administrador."
    )
    assert refused.value.code == "invalid_enrollment_code"


def test_an_unreachable_server_is_explained_in_spanish_and_kept_for_the_status(
    replica: ReplicaFactory,
    live,  # type: ignore[no-untyped-def]
    spanish: None,
) -> None:
    a = replica("a")
    hub = make_hub(a.services, students=1)
    live.add_hub("Test Park Hub", hub.hub_id)
    a.enroll([hub.hub_id])
    gone = f"http://127.0.0.1:{free_port()}"
    a.store.settings.set(settings.SYNC_SERVER, gone)
    with pytest.raises(ServerUnreachable) as failed:
        a.sync.sync()
    expected = (
        f"Ahora mismo no se puede conectar con el servidor de sincronización en {gone}. "
        "Su trabajo está a salvo en esta computadora; se sincronizará cuando vuelva la "
        "conexión."
    )
    assert str(failed.value) == expected
    assert failed.value.retryable and failed.value.code == "unreachable"
    assert a.sync.status().last_error == expected


def test_in_english_the_messages_stay_english(
    replica: ReplicaFactory,
    live,  # type: ignore[no-untyped-def]
) -> None:
    a = replica("a")
    with pytest.raises(EnrollmentRefused) as refused:
        a.sync.enroll(live.url, "WRNG-CODE-0000", "laptop a")
    assert str(refused.value) == (
        "This enrollment code is not valid (mistyped, already used or revoked). "
        "Ask your administrator for a new code."
    )


def test_an_address_that_answers_but_is_no_sync_server_is_not_called_offline(
    replica: ReplicaFactory,
) -> None:
    """A web server that answers 501 to the enrollment is there: "connect this laptop to
    the internet" would send staff looking for a network problem that does not exist."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class NotASyncServer(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_error(501)

        def log_message(self, *_args: object) -> None:
            pass

    web = HTTPServer(("127.0.0.1", 0), NotASyncServer)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{web.server_address[1]}"
    try:
        with pytest.raises(ServerUnreachable) as failed:
            replica("a").sync.enroll(url, "ABCD-EFGH-JKLM", "laptop a")
    finally:
        web.shutdown()
        web.server_close()
    assert str(failed.value) == (
        f"The sync server at {url} is not answering properly right now. Your work is safe "
        "on this laptop; try again in a few minutes."
    )
