"""The server checks the device's wall clock, not the clocks of the changes it pushes.

Edits made while a laptop's clock was a day ahead keep their stamps; once the clock is
right again they must sync at once. A device whose clock is wrong *now* is refused with
a message about its clock; a stamp years ahead is refused alone, without blocking the
changes after it, and without counting as applied: the device's later changes, stamped
from its fixed clock with lower ids, are applied.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from harmony_sync.hlc import wall_clock_ms
from harmony_sync.server.store import REJECTIONS
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


def rejections_of(engine: Engine, key: int) -> list[tuple[int, str]]:
    """The device's recorded refusals: (mutation id, code), in id order."""
    with engine.connect() as conn:
        query = (
            select(REJECTIONS.c.mutation_id, REJECTIONS.c.code)
            .where(REJECTIONS.c.device_key == key)
            .order_by(REJECTIONS.c.mutation_id)
        )
        return [(int(i), str(c)) for i, c in conn.execute(query)]


def test_a_change_refused_for_a_stamp_years_ahead_does_not_hide_later_lower_ids(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory
) -> None:
    """A laptop whose year was mistyped pushes changes stamped two years ahead, with ids
    derived from those stamps; once its clock is fixed its ids are lower again. The
    refused changes must not move its "already applied" mark past what was applied."""
    north, _ = hubs
    dev = laptop([north])
    now = wall_clock_ms()
    far = f"{now + 2 * 365 * DAY_MS:015d}-00000-{dev.node}"
    before, refused, after = new_id(), new_id(), new_id()
    first = [
        dev.mutation("student", before, north, {"level": "1"}, mutation_id=100),
        dev.mutation("student", refused, north, {"level": "2"}, clock=far, mutation_id=900),
    ]
    body = push_at(dev, now, first).json()
    assert [r["status"] for r in body["results"]] == ["applied", "rejected"]
    assert body["last_mutation_id"] == 100
    assert last_mutation_id(engine, dev.key) == 100

    # The clock fixed, the laptop's next change has an id below the refused one's.
    fixed = dev.mutation("student", after, north, {"level": "3"}, mutation_id=200)
    body = push_at(dev, wall_clock_ms(), [fixed]).json()
    assert [r["status"] for r in body["results"]] == ["applied"]
    assert last_mutation_id(engine, dev.key) == 200
    assert stored_rows(engine) == {
        ("student", before): {"level": "1"},
        ("student", after): {"level": "3"},
    }

    # A retry of the first push (its answer lost): the applied change is a duplicate,
    # the refused one is refused again, recorded once, and nothing is applied twice.
    body = push_at(dev, wall_clock_ms(), first).json()
    assert [(r["status"], r["code"]) for r in body["results"]] == [
        ("duplicate", None),
        ("rejected", "bad_clocks"),
    ]
    assert last_mutation_id(engine, dev.key) == 200
    assert rejections_of(engine, dev.key) == [(900, "bad_clocks")]
    assert set(stored_rows(engine)) == {("student", before), ("student", after)}


def test_other_refusals_still_count_as_done(
    engine: Engine, hubs: tuple[str, str], laptop: LaptopFactory
) -> None:
    """Only a stamp too far ahead leaves the mark: any other refusal is final, and a
    resend of it is a duplicate (``south`` is not this laptop's hub)."""
    north, south = hubs
    dev = laptop([north])
    outside = [dev.mutation("student", new_id(), south, {"level": "1"}, mutation_id=50)]
    body = push_at(dev, wall_clock_ms(), outside).json()
    assert [(r["status"], r["code"]) for r in body["results"]] == [("rejected", "out_of_scope")]
    assert last_mutation_id(engine, dev.key) == 50
    body = push_at(dev, wall_clock_ms(), outside).json()
    assert [r["status"] for r in body["results"]] == ["duplicate"]
    assert rejections_of(engine, dev.key) == [(50, "out_of_scope")]
