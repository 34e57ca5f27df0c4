"""The one exception users see: a page or input newsdesk cannot read, with a one-line reason."""


class NewsdeskError(Exception):
    """Bad input or a failed stage; `str()` is the one line shown to the user."""


class InputError(NewsdeskError):
    """A page that cannot be read: missing, empty, binary, undecodable, too large, no article."""
