"""Local settings: declared once, typed, stored as text in ``local_meta``."""

from __future__ import annotations

import datetime as dt

import pytest

from harmony_desktop.store import Store, settings


def test_unset_settings_read_as_their_defaults(store: Store) -> None:
    assert store.settings.get(settings.SYNC_CURSOR) == 0
    assert store.settings.get(settings.SYNC_SERVER) is None
    assert store.settings.get(settings.SYNC_DATA_MANAGER) is False
    assert store.settings.get(settings.SYNC_RESOLVE_PENDING) == []
    assert store.settings.get(settings.PROGRAMME_NAME) == "Harmony Project"


def test_values_round_trip_with_their_types(store: Store) -> None:
    moment = dt.datetime(2026, 11, 18, 17, 5, 9, tzinfo=dt.UTC)
    store.settings.set(settings.SYNC_CURSOR, 1234)
    store.settings.set(settings.SYNC_DATA_MANAGER, True)
    store.settings.set(settings.SYNC_LAST_SUCCESS, moment)
    store.settings.set(settings.SYNC_RESOLVE_PENDING, [3, 5])
    assert store.settings.get(settings.SYNC_CURSOR) == 1234
    assert store.settings.get(settings.SYNC_DATA_MANAGER) is True
    assert store.settings.get(settings.SYNC_LAST_SUCCESS) == moment
    assert store.settings.get(settings.SYNC_RESOLVE_PENDING) == [3, 5]
    # stored as plain text, readable by older code and by hand
    assert store.get_meta("sync.cursor") == "1234"
    assert store.get_meta("sync.data_manager") == "1"
    assert store.get_meta("sync.last_success") == "2026-11-18T17:05:09+00:00"
    many = store.settings.get_many([settings.SYNC_CURSOR, settings.SYNC_EPOCH])
    assert many == {"sync.cursor": 1234, "sync.epoch": None}


def test_keys_are_declared_once() -> None:
    keys = [s.key for s in settings.ALL]
    assert len(keys) == len(set(keys))
    assert settings.register_staff("h1").key == "register.staff.h1"


def test_an_unset_optional_text_cannot_be_stored(store: Store) -> None:
    with pytest.raises(ValueError, match="cannot store None"):
        store.settings.set(settings.SYNC_EPOCH, None)
