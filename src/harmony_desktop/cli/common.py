"""What the command groups share: the common options, dates, and opening the data folder."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from harmony_desktop.domain.i18n import _

if TYPE_CHECKING:
    from harmony_desktop.services.context import Services

#: ``sub.add_parser`` of the top-level parser (argparse keeps the class private).
Subcommands = argparse._SubParsersAction


class SubcommandParser(argparse.ArgumentParser):
    """A subcommand's parser that can declare its arguments on first use.

    ``--version`` and ``--help`` then start without importing what only one subcommand
    needs (``demo``'s defaults live in the demo generator, a two-second import).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._declare: Callable[[argparse.ArgumentParser], None] | None = None

    def declare_later(self, declare: Callable[[argparse.ArgumentParser], None]) -> None:
        """Call ``declare(self)`` just before this parser first parses or prints help."""
        self._declare = declare

    def _declared(self) -> None:
        declare, self._declare = self._declare, None
        if declare is not None:
            declare(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Declare the arguments if not yet done, then parse as usual."""
        self._declared()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        """Declare the arguments if not yet done, then format the help as usual."""
        self._declared()
        return super().format_help()


def data_dir_help() -> str:
    """Help of ``--data-dir``, the same before and after a subcommand."""
    return _("folder for the database, backups and logs (or HARMONY_DATA_DIR)")


def hub_help() -> str:
    """Help of ``--hub``."""
    return _("hub name or id (default: the first hub)")


def lang_help() -> str:
    """Help of ``--lang`` (printouts and exports)."""
    return _("language of the document: en or es (default: the app's language)")


def common_options() -> argparse.ArgumentParser:
    """Options every subcommand also takes after its name (``demo --data-dir DIR``).

    Their default is SUPPRESS, so a value given before the subcommand
    (``--data-dir DIR demo``) is not overwritten by the subcommand's default.
    """
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar=_("FOLDER"), help=data_dir_help()
    )
    return common


def date_arg(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date, with a clear message otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            # The right shape, but no such day (2026-02-30, 2026-13-01).
            raise argparse.ArgumentTypeError(
                _("{text} does not exist: check the month and the day.").format(text=text)
            ) from exc
        raise argparse.ArgumentTypeError(
            _("dates are YYYY-MM-DD, not {text!r}").format(text=text)
        ) from exc


#: ``--dates``' words and the order each means (``services.sheets``' DAY_MONTH, MONTH_DAY).
DATE_ORDERS = {"day-first": "day/month", "month-first": "month/day"}


def add_dates_option(parser: argparse.ArgumentParser) -> None:
    """``--dates day-first|month-first``: how an imported file writes dates with numbers
    only, as the import window's "Dates written with numbers" says it."""
    parser.add_argument(
        "--dates",
        choices=tuple(DATE_ORDERS),
        default=None,
        help=_(
            "how the file writes dates with numbers only, such as 03/04/2014: day-first "
            "(3 April 2014) or month-first (March 4, 2014); then the dates that cannot be "
            "read so are rejected on their rows (default: as the file's dates show, which "
            "the dry run says)"
        ),
    )


def chosen_date_order(args: argparse.Namespace) -> str | None:
    """The order ``--dates`` chose (None: as the file's dates show)."""
    words = getattr(args, "dates", None)
    return DATE_ORDERS[words] if words else None


@contextmanager
def asking_date_order() -> Iterator[None]:
    """Turn a file refused because a date column holds both orders (with the rows of
    each) into the same refusal saying what to type: ``--dates day-first`` or
    ``--dates month-first`` (exit status 2, as any file refused)."""
    from harmony_desktop.domain.errors import ValidationError
    from harmony_desktop.services.sheets import DateOrderConflict

    try:
        yield
    except DateOrderConflict as exc:
        raise ValidationError(
            _(
                "{refusal}\nOr say how the file writes its dates: run the same command again "
                "with --dates day-first or --dates month-first (the dates that cannot be read "
                "so are then rejected on their rows)."
            ).format(refusal=exc)
        ) from exc


def open_services(args: argparse.Namespace) -> Services:
    """Open the data folder the arguments name (close the result, or use it in ``with``).

    A daily backup that cannot be made (a full disk) is a warning on stderr, never a
    failed command.
    """
    import sys

    from harmony_desktop.startup import open_app

    def warn(message: str) -> None:
        print(f"harmony-desktop: {message}", file=sys.stderr)

    return open_app(getattr(args, "data_dir", None), warn=warn)
