"""The one error shape that actions raise and views, the API and imports show to users."""


class ActionError(Exception):
    """A rule refused a write. ``message`` is a full sentence a user can act on."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)
