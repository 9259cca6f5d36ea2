"""The one error type of the API and its JSON shape ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error a client can act on: HTTP status, machine-readable code, human message.

    ``details`` adds machine-readable fields next to ``code`` and ``message`` (for example
    ``update`` on a version mismatch, or the new ``epoch`` after a restore).
    """

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        """The JSON body sent to the client."""
        return {"error": {"code": self.code, "message": self.message, **self.details}}


def unauthorized(code: str, message: str) -> ApiError:
    """401: the request carries no usable device token."""
    return ApiError(401, code, message)


def forbidden(message: str) -> ApiError:
    """403: the device is known but the hub is outside its scope."""
    return ApiError(403, "out_of_scope", message)
