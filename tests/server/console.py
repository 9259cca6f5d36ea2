"""Helpers for the console tests: an app with a settable clock, and a signed-in client."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from harmony_sync.server.admin import users
from harmony_sync.server.admin.settings import ConsoleSettings
from harmony_sync.server.app import create_app

#: A Wednesday, so school-day arithmetic in the tests is easy to follow.
WEDNESDAY = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@dataclass
class Clock:
    """A clock the test moves by hand (no sleeping)."""

    now: datetime = WEDNESDAY

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)``."""
        self.now += timedelta(**delta)


@dataclass
class Console:
    """A console app on the test's database, its clock, and helpers to use it."""

    engine: Engine
    clock: Clock = field(default_factory=Clock)
    secure_cookies: bool = False

    def __post_init__(self) -> None:
        self.settings = ConsoleSettings(clock=self.clock, secure_cookies=self.secure_cookies)
        self.app: FastAPI = create_app(self.engine, self.settings)

    def add_user(self, name: str, role: str = "admin", password: str = PASSWORD) -> None:
        """Create a console user directly."""
        users.add_user(self.engine, name, role, password, self.clock())

    def client(self) -> TestClient:
        """A fresh browser-like client (its own cookies); redirects are not followed."""
        return TestClient(
            self.app,
            base_url="https://testserver" if self.secure_cookies else "http://testserver",
            raise_server_exceptions=False,
            follow_redirects=False,
        )

    def flush(self) -> None:
        """Wait until the device contacts queued so far are written."""
        assert self.app.state.console_contacts.flush()


def csrf_of(html: str) -> str:
    """The first CSRF token in a page's forms."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Response:
    """Open the sign-in page, post the form; returns the answer to the post."""
    page = client.get("/admin/login")
    assert page.status_code == 200
    return client.post(
        "/admin/login",
        data={"name": name, "password": password, "csrf_token": csrf_of(page.text)},
    )


def signed_in(console: Console, name: str, role: str = "admin") -> tuple[TestClient, str]:
    """A client signed in as a new user; returns it and its session's CSRF token."""
    console.add_user(name, role)
    client = console.client()
    assert sign_in(client, name).status_code == 303
    return client, csrf_of(client.get("/admin").text)


def post(client: TestClient, path: str, csrf: str, **form: Any) -> Response:
    """Post a console form with the session's CSRF token."""
    return client.post(path, data={"csrf_token": csrf, **form})
