"""The server checks the device's wall clock, not the clocks of the changes it pushes.

Edits made while a laptop's clock was a day ahead keep their stamps; once the clock is
right again they must sync at once. A device whose clock is wrong *now* is refused with
a message about its clock; a stamp years ahead is refused alone, without blocking the
changes after it.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from harmony_sync.hlc import wall_clock_ms
from tests.server.conftest import LaptopFactory
from tests.server.fakes import Laptop, new_id
from tests.server.test_push import last_mutation_id, stored_rows

DAY_MS = 86_400_000


def push_at(dev: Laptop, device_ms: int, mutations: list[dict[str, Any]]) -> Any:
    """Push saying the device's clock reads ``device_ms``."""
    body = {"epoch": dev.epoch, "mutations": mutations}
    headers = {**dev.headers, "Harmony-Device-Time": str(device_ms)}
    return dev.client.post("/v1/push", json=body, headers=headers)


def test_edits_stamped_a_day_ahead_sync_once_the_clock_is_right(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    row = new_id()
    tomorrow = f"{wall_clock_ms() + DAY_MS:015d}-00000-{dev.node}"
    response = push_at(
        dev,
        wall_clock_ms(),
        [dev.mutation("student", row, north, {"legal_first_name": "Ana"}, clock=tomorrow)],
    )
    assert response.status_code == 200, response.text
    assert [r["status"] for r in response.json()["results"]] == ["applied"]
    assert stored_rows(engine)[("student", row)] == {"legal_first_name": "Ana"}


@pytest.mark.parametrize(("off_ms", "word"), [(6 * 60_000, "ahead of"), (-6 * 60_000, "behind")])
def test_a_device_whose_clock_is_wrong_now_is_refused_about_its_clock(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory, off_ms: int, word: str
) -> None:
    north, _ = hubs
    dev = laptop([north])
    response = push_at(
        dev, wall_clock_ms() + off_ms, [dev.mutation("student", new_id(), north, {"level": "1"})]
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "clock_skew"
    assert f"This computer's clock is 6.0 minutes {word} the server's" in error["message"]
    assert stored_rows(engine) == {} and last_mutation_id(engine, dev.key) == 0


def test_a_stamp_years_ahead_is_refused_alone(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    far = f"{wall_clock_ms() + 3 * 365 * DAY_MS:015d}-00000-{dev.node}"
    fine = new_id()
    response = push_at(
        dev,
        wall_clock_ms(),
        [
            dev.mutation("student", new_id(), north, {"level": "1"}, clock=far),
            dev.mutation("student", fine, north, {"level": "2"}),
        ],
    )
    assert response.status_code == 200, response.text
    first, second = response.json()["results"]
    assert first["status"] == "rejected" and first["code"] == "bad_clocks"
    assert "1,095 days ahead" in first["reason"]
    assert second["status"] == "applied"
    assert set(stored_rows(engine)) == {("student", fine)}


def test_an_older_app_is_still_checked_by_its_stamps_without_blaming_a_right_clock(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory
) -> None:
    north, _ = hubs
    dev = laptop([north])
    tomorrow = f"{wall_clock_ms() + DAY_MS:015d}-00000-{dev.node}"
    response = dev.push_raw(
        [dev.mutation("student", new_id(), north, {"level": "1"}, clock=tomorrow)]
    )
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "1440.0 minutes ahead" in message and "if it is right now, update the app" in message
