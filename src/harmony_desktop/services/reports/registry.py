"""The report kinds, one module each in this package.

Adding a kind is one module defining ``KIND`` (a :class:`~.model.ReportKind`) and one
line below. Modules are imported the first time the list is asked for, so starting the
app or the command line does not load every report.
"""

from __future__ import annotations

import importlib
from functools import cache

from harmony_desktop.domain.errors import ValidationError
from harmony_desktop.domain.i18n import _
from harmony_desktop.services.reports.model import ReportKind

#: The modules of this package that define a report kind, in menu order.
KIND_MODULES: tuple[str, ...] = (
    "attendance",
    "hours",
    "retention",
    "ases",
    "leap",
    "completion",
    "grid",
)


@cache
def kinds() -> dict[str, ReportKind]:
    """Every report kind by name, in menu order."""
    found: dict[str, ReportKind] = {}
    for module in KIND_MODULES:
        kind: ReportKind = importlib.import_module(f"{__package__}.{module}").KIND
        if kind.name in found:
            raise RuntimeError(f"two report kinds are called {kind.name!r}")
        found[kind.name] = kind
    return found


def kind(name: str) -> ReportKind:
    """The kind called ``name``; ValidationError listing the kinds otherwise."""
    found = kinds().get(name.strip().casefold())
    if found is None:
        raise ValidationError(
            _("There is no report {name!r}. Reports: {names}").format(
                name=name, names=", ".join(kinds())
            )
        )
    return found
