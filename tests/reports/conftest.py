"""The hand-built register for report tests."""

from __future__ import annotations

import pytest

from harmony_desktop.services.context import Services
from tests.reports.register import Register, build


@pytest.fixture
def register(services: Services) -> Register:
    """The register described in :mod:`tests.reports.register`."""
    return build(services)
