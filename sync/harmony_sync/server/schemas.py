"""Request and response bodies of the sync API (see ``sync/PROTOCOL.md``).

A push's mutations are only loosely typed here on purpose: a malformed mutation is a
*permanent rejection* recorded with a reason (so the device's queue moves on), not a 422
for the whole push. Only ``mutation_id`` must be well formed, because it is what the
server acknowledges.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

MAX_MUTATION_ID = 2**63 - 1
#: Conflict ids are 32-bit integer keys.
MAX_ROW_NUMBER = 2**31 - 1
#: Largest number of mutations accepted in one push.
MAX_PUSH_MUTATIONS = 1000
#: Largest (and default) number of rows in one pull page.
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500

MutationId = Annotated[int, Field(strict=True, ge=1, le=MAX_MUTATION_ID)]
Cursor = Annotated[int, Field(strict=True, ge=0, le=MAX_MUTATION_ID)]
Epoch = Annotated[str | None, Field(max_length=64)]


class Mutation(BaseModel):
    """One change to one row, as queued on the device."""

    mutation_id: MutationId = Field(description="Per-device, strictly increasing.")
    table: Any = Field(None, description="A table from SYNCED_TABLES.")
    row_id: Any = Field(None, description="The row's UUID (string).")
    hub_id: Any = Field(None, description="The row's hub UUID, or null for programme-wide.")
    values: Any = Field(None, description="Object: field name -> JSON scalar.")
    clocks: Any = Field(None, description="Object: field name -> HLC of that value.")
    bases: Any = Field(None, description="Object: field name -> HLC it replaced, or null.")


class PushRequest(BaseModel):
    """A batch of mutations from one device."""

    epoch: Epoch = None
    mutations: list[Mutation] = Field(max_length=MAX_PUSH_MUTATIONS)


class PullRequest(BaseModel):
    """Ask for rows changed after ``cursor``."""

    epoch: Epoch = None
    cursor: Cursor = 0
    limit: Annotated[int, Field(strict=True, ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT
    own_rows: bool = Field(
        False,
        strict=True,
        description="Also return rows whose current state this device pushed itself "
        "(after restoring the device's database from an older backup).",
    )
    clocks: str = Field(
        "full",
        max_length=32,
        description='"compact": a row whose fields all share one clock carries it as '
        '{"*": clock}; anything else (and a server that does not know this field): every '
        "field's clock written out.",
    )

    @property
    def compact_clocks(self) -> bool:
        """Whether the device reads the compact form of a row's clocks."""
        return self.clocks == COMPACT_CLOCKS


#: The value of ``PullRequest.clocks`` that asks for ``{"*": clock}`` rows.
COMPACT_CLOCKS = "compact"


class EnrollRequest(BaseModel):
    """Exchange a one-time enrollment code for a device token."""

    code: str = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=r"^[0-9a-f]{16}$", description="The HLC node id.")
    device_name: str = Field("", max_length=200)


class ResolveRequest(BaseModel):
    """Mark conflicts as reviewed."""

    epoch: Epoch = None
    conflict_ids: list[Annotated[int, Field(strict=True, ge=1, le=MAX_ROW_NUMBER)]] = Field(
        max_length=1000
    )


class HubOut(BaseModel):
    """A hub in a device's scope."""

    id: str
    name: str


class ServerInfo(BaseModel):
    """Fields carried by every successful sync response."""

    epoch: str
    server_time: str = Field(description="ISO 8601 UTC")
    server_time_ms: int


class EnrollResponse(ServerInfo):
    """The device token (shown once) and the device's scope."""

    device_token: str
    device_key: int
    device_id: str
    data_manager: bool
    hubs: list[HubOut]


class DeviceOut(BaseModel):
    """A device of the programme, by its clock node."""

    device_id: str = Field(description="16 hex digits: the node that ends its clocks.")
    name: str = Field(description="The name the administrator (or the device) gave it.")


class SessionResponse(ServerInfo):
    """Who the token belongs to and what it may see."""

    device_key: int
    device_id: str
    device_name: str
    data_manager: bool
    hubs: list[HubOut]
    last_mutation_id: int
    devices: list[DeviceOut] = Field(
        default_factory=list,
        description="Every device of the programme, revoked ones too, so a client can "
        "say which laptop wrote a value. Added in protocol 1 without a version change; "
        "older servers leave it out (or name only the devices of this device's hubs and "
        "the data managers).",
    )
    programme_name: str | None = Field(
        default=None,
        description="The programme's name, which every laptop prints at the top of its "
        "rosters and sheets; null when the office has not set it on the server (each laptop "
        "then keeps its own). Added in protocol 1 without a version change; older servers "
        "leave it out.",
    )


class MutationResult(BaseModel):
    """What happened to one pushed mutation."""

    mutation_id: int
    status: str = Field(description="applied | duplicate | rejected")
    code: str | None = None
    reason: str | None = None


class ConflictOut(BaseModel):
    """A losing value kept for review."""

    id: int
    table: str
    row_id: str
    hub_id: str | None
    field: str
    losing_value: Any
    losing_clock: str
    winning_value: Any
    winning_clock: str
    created_at: str
    resolved: bool


class PushResponse(ServerInfo):
    """Per-mutation outcomes, and the conflicts this push produced."""

    results: list[MutationResult]
    last_mutation_id: int
    conflicts: list[ConflictOut]


class RowOut(BaseModel):
    """The merged current state of one row."""

    table: str
    id: str
    hub_id: str | None
    values: dict[str, Any]
    #: every field's clock; or, when the request asked for ``"clocks": "compact"`` and
    #: every field of the row has one clock, ``{"*": clock}``
    clocks: dict[str, str]


class PullResponse(ServerInfo):
    """One page of changed rows and the conflicts recorded in the same range."""

    rows: list[RowOut]
    conflicts: list[ConflictOut]
    cursor: int
    has_more: bool


class ResolveResponse(ServerInfo):
    """The conflicts now marked resolved."""

    resolved: list[int]


class ErrorBody(BaseModel):
    """``{"code": ..., "message": ...}`` plus optional machine-readable details."""

    code: str
    message: str


class ErrorResponse(BaseModel):
    """Every error response."""

    error: ErrorBody
