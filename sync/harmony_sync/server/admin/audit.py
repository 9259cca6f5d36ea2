"""The console's audit log: who did what, and when. Entries are only ever added.

Entries are stored so that each reader sees them in their own language:

- the **action** is one of a fixed vocabulary of English keys (:data:`ACTIONS`, each
  marked with ``N_`` for extraction), translated through the console's catalogue when
  the page is shown;
- the **target** and the **detail** are stored language-neutral when they say more than a
  name: a short JSON object naming a message and its values, such as
  ``{"msg":"waiting","num":12}``, made by the builders below (:func:`device`,
  :func:`hub`, :func:`waiting`, …) and written out in the reader's language by
  :func:`shown`. A console user's name is stored as it is.

Entries recorded before details were stored this way hold English text; they, and
anything else that is not such an object (a name), are shown as recorded. Never pass
secrets (codes, passwords, tokens) in any field.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.lists import format_list
from sqlalchemy import Engine, func, insert, select

from harmony_sync.server.accounts import as_utc
from harmony_sync.server.admin.i18n import N_, Language
from harmony_sync.server.admin.models import AuditEntry

AUDIT = AuditEntry.__table__  # type: ignore[attr-defined]

#: The actor recorded for changes made with the ``harmony-sync`` command line when the
#: operating-system user running it is not known (see :func:`command_line`).
COMMAND_LINE = N_("command line")
#: Longest operating-system user name kept in an entry (the actor column holds 64).
_MAX_OS_USER = 32
#: The actor of a failed sign-in under a name that is no user's (it may be a password).
UNKNOWN_NAME = N_("(unknown name)")

SIGNED_IN = N_("signed in")
SIGNED_OUT = N_("signed out")
SIGN_IN_FAILED = N_("sign-in failed")
CODE_ISSUED = N_("enrollment code issued")
DEVICE_RENAMED = N_("device renamed")
DEVICE_REVOKED = N_("device revoked")
#: the office marked a laptop's refused changes as dealt with: the entry says how many,
#: never what they were
REFUSALS_DEALT = N_("refused changes marked dealt with")
HUB_CREATED = N_("hub created")
HUB_RENAMED = N_("hub renamed")
HUB_ARCHIVED = N_("hub archived")
HUB_RESTORED = N_("hub restored")
#: whom to call about a hub: the entry names the hub, never the contact itself
HUB_CONTACT_SET = N_("hub contact set")
HUB_CONTACT_CLEARED = N_("hub contact cleared")
PROGRAMME_NAMED = N_("programme named")
PROGRAMME_NAME_CLEARED = N_("programme name cleared")
USER_ADDED = N_("console user added")
PASSWORD_CHANGED = N_("password changed")
USER_ENABLED = N_("console user enabled")
USER_DISABLED = N_("console user disabled")
#: Every action an entry may record (stored in English, shown translated).
ACTIONS = frozenset(
    {
        SIGNED_IN,
        SIGNED_OUT,
        SIGN_IN_FAILED,
        CODE_ISSUED,
        DEVICE_RENAMED,
        DEVICE_REVOKED,
        REFUSALS_DEALT,
        HUB_CREATED,
        HUB_RENAMED,
        HUB_ARCHIVED,
        HUB_RESTORED,
        HUB_CONTACT_SET,
        HUB_CONTACT_CLEARED,
        PROGRAMME_NAMED,
        PROGRAMME_NAME_CLEARED,
        USER_ADDED,
        PASSWORD_CHANGED,
        USER_ENABLED,
        USER_DISABLED,
    }
)
#: Console roles, as a detail shows them ("as admin").
ROLES = (N_("admin"), N_("viewer"))


@dataclass(frozen=True)
class Note:
    """A target or detail in no language: a message's key and its values."""

    message: str
    values: Mapping[str, Any]

    def stored(self) -> str:
        """The form kept in the database: ``{"msg":"waiting","num":12}``."""
        return json.dumps(
            {"msg": self.message, **self.values}, ensure_ascii=False, separators=(",", ":")
        )


def os_user() -> str | None:
    """The operating-system account running this process, the one behind ``sudo`` when
    run through it; None when the system cannot say."""
    name = os.environ.get("SUDO_USER")
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError, ImportError):
            return None
    name = name.strip()
    return name[:_MAX_OS_USER] if name and name.isprintable() else None


def command_line(user: str | None = None) -> str:
    """The actor of a change made with the ``harmony-sync`` command line, as stored: the
    operating-system user running it (``user``, else :func:`os_user`), shown "command
    line (rosa)", or plain :data:`COMMAND_LINE` when none is known. An account's name,
    as the console's own entries keep a console user's: nothing else about anyone."""
    name = user or os_user()
    return Note("cli", {"user": name[:_MAX_OS_USER]}).stored() if name else COMMAND_LINE


# -- the notes an entry may carry ------------------------------------------------------


def device(number: int, name: str | None = None) -> Note:
    """A device by its number, and its name then if given: "device 7 (North laptop 1)"."""
    return Note("device", {"number": number} if name is None else {"number": number, "name": name})


def hub(name: str) -> Note:
    """A hub by its name then: "hub North Park"."""
    return Note("hub", {"name": name})


def programme(name: str) -> Note:
    """The programme's name then: "programme Eastside Youth Strings"."""
    return Note("programme", {"name": name})


def hub_id(identifier: str) -> Note:
    """A hub's id (not secret: laptops and ``list-hubs`` show it): "id 9f…"."""
    return Note("hub_id", {"id": identifier})


def role(name: str) -> Note:
    """A console user's role: "as admin"."""
    return Note("role", {"role": name})


def previous_name(name: str) -> Note:
    """What a renamed device or hub was called: "was North Park"."""
    return Note("was", {"name": name})


def code_for(hubs: Sequence[str] | None, days: int) -> Note:
    """An enrollment code's hubs (``None``: a data manager's) and how many days it lasts:
    "for North Park; valid 3 days". Never the code itself."""
    if hubs is None:
        return Note("code", {"all_hubs": True, "days": days})
    return Note("code", {"hubs": list(hubs), "days": days})


def waiting(count: int | None) -> Note:
    """The changes a revoked device last reported waiting (``None``: it never did)."""
    return Note("waiting", {"num": count})


def refusals(count: int) -> Note:
    """How many refused changes were marked as dealt with: "3 refused changes"."""
    return Note("refusals", {"num": count})


def _text(lang: Language, message: str, values: Mapping[str, Any]) -> str:
    """A note written out in ``lang``; KeyError, TypeError or ValueError when its values
    are not what its message needs."""
    if message == "device":
        number = _int(values["number"])
        if "name" in values:
            # TRANSLATORS: the audit log's "To" column: a device's number and its name.
            return lang.gettext(
                "device %(number)s (%(name)s)", number=number, name=_str(values["name"])
            )
        return lang.gettext("device %(number)s", number=number)
    if message == "hub":
        return lang.gettext("hub %(name)s", name=_str(values["name"]))
    if message == "cli":
        # TRANSLATORS: the audit log's "Who" column for a change made with the harmony-sync
        # command line: the operating-system user who ran it.
        return lang.gettext("command line (%(user)s)", user=_str(values["user"]))
    if message == "programme":
        # TRANSLATORS: the audit log's "To" column when the programme is named: its name.
        return lang.gettext("programme %(name)s", name=_str(values["name"]))
    if message == "hub_id":
        # TRANSLATORS: the audit log's detail of a hub created: its id (letters and digits).
        return lang.gettext("id %(id)s", id=_str(values["id"]))
    if message == "role":
        name = _str(values["role"])
        # TRANSLATORS: the audit log's detail of a sign-in or a console user added: the
        # role ("admin" or "viewer", translated).
        return lang.gettext("as %(role)s", role=lang.gettext(name) if name in ROLES else name)
    if message == "was":
        # TRANSLATORS: the audit log's detail of a renamed device, hub or programme: its
        # old name.
        return lang.gettext("was %(name)s", name=_str(values["name"]))
    if message == "code":
        days = _int(values["days"])
        if values.get("all_hubs") is True:
            # TRANSLATORS: the audit log's detail of an enrollment code issued (the code).
            return lang.ngettext(
                "for all hubs (data manager); valid %(num)d day",
                "for all hubs (data manager); valid %(num)d days",
                days,
            )
        names = values["hubs"]
        if not isinstance(names, list) or not names:
            raise ValueError(names)
        # TRANSLATORS: as "for all hubs (data manager)…", for the hubs named.
        return lang.ngettext(
            "for %(hubs)s; valid %(num)d day",
            "for %(hubs)s; valid %(num)d days",
            days,
            hubs=format_list([_str(n) for n in names], locale=lang.code),
        )
    if message == "waiting":
        if values["num"] is None:
            # TRANSLATORS: the audit log's detail of a revoked device, whose laptop never
            # said how many changes it had not sent yet.
            return lang.gettext("it never reported its changes waiting")
        # TRANSLATORS: as "it never reported…", with the number it last reported.
        return lang.ngettext(
            "it last reported %(num)d change waiting",
            "it last reported %(num)d changes waiting",
            _int(values["num"]),
        )
    if message == "refusals":
        # TRANSLATORS: the audit log's detail when refused changes are marked as dealt
        # with: how many were marked.
        return lang.ngettext(
            "%(num)d refused change", "%(num)d refused changes", _int(values["num"])
        )
    raise KeyError(message)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def written(stored: str, lang: Language) -> str:
    """A stored target or detail as ``lang``'s reader sees it: a note in their language,
    anything else (a name, an entry recorded as English text) as recorded."""
    if not stored.startswith("{"):
        return stored
    try:
        data = json.loads(stored)
        if not isinstance(data, dict):
            return stored
        values = dict(data)
        return _text(lang, _str(values.pop("msg")), values)
    except (ValueError, KeyError, TypeError):
        return stored


def _stored(field: str | Note | None) -> str:
    if field is None:
        return ""
    return field.stored() if isinstance(field, Note) else field


def record(
    engine: Engine,
    actor: str,
    action: str,
    target: str | Note = "",
    detail: Note | None = None,
    *,
    at: datetime,
) -> None:
    """Add one entry: ``action`` one of :data:`ACTIONS`; ``target`` a note or a console
    user's name. Never pass secrets (codes, passwords, tokens) in any field."""
    if action not in ACTIONS:
        raise ValueError(f"Not an audit action: {action!r}")
    with engine.begin() as conn:
        conn.execute(
            insert(AUDIT).values(
                at=at,
                actor=actor[:64],
                action=action,
                target=_stored(target),
                detail=_stored(detail),
            )
        )


@dataclass(frozen=True)
class Shown:
    """One entry as a reader sees it, in their language."""

    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def shown(entry: Mapping[str, Any], lang: Language) -> Shown:
    """An entry of :func:`page` in ``lang``: the action, the command line and an unknown
    name translated, the target and detail written out (:func:`written`); a person's
    name, and an action this version does not know, as recorded."""
    actor = entry["actor"]
    return Shown(
        at=entry["at"],
        actor=_actor(actor, lang),
        action=lang.gettext(entry["action"]) if entry["action"] in ACTIONS else entry["action"],
        target=written(entry["target"], lang),
        detail=written(entry["detail"], lang),
    )


def _actor(actor: str, lang: Language) -> str:
    """Who, in ``lang``: the command line (and its user) and an unknown name translated,
    a console user's name as recorded."""
    if actor in (COMMAND_LINE, UNKNOWN_NAME):
        return lang.gettext(actor)
    if actor.startswith('{"msg":"cli",'):
        return written(actor, lang)
    return actor


def page(engine: Engine, number: int, size: int = 50) -> tuple[list[dict[str, Any]], int]:
    """One page of entries as stored, newest first, and the number of pages."""
    with engine.connect() as conn:
        total = int(conn.execute(select(func.count()).select_from(AUDIT)).scalar_one())
        rows = conn.execute(
            select(AUDIT).order_by(AUDIT.c.id.desc()).limit(size).offset(max(0, number - 1) * size)
        ).all()
    entries = [
        {
            "at": as_utc(r.at),
            "actor": r.actor,
            "action": r.action,
            "target": r.target,
            "detail": r.detail,
        }
        for r in rows
    ]
    return entries, max(1, -(-total // size))
