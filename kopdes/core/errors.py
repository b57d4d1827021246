"""The one exception type for refused business operations.

Services raise a ``DomainError`` (or a subclass) with a message in Bahasa
Indonesia for the user and, where it applies, the name of the offending
field. Views put it on the form, the API turns it into a 400/409 body, and
commands print it; none of them invent their own wording.
"""

from __future__ import annotations


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code or type(self).__name__

    def as_dict(self) -> dict[str, str | None]:
        return {"detail": self.message, "field": self.field, "code": self.code}


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409
