"""What a failed sync or enrollment says is in the app's language, not the server's English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harmony_desktop.domain import i18n
from harmony_desktop.store import settings
from harmony_sync.client import EnrollmentRefused, ServerUnreachable
from tests.factories import make_hub
from tests.support.postgres import free_port
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
