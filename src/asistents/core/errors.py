"""Input errors as values.

A bad figure is not a crash: the core raises :class:`InputError` naming the field,
the value as the user wrote it and a message key; the shell turns it into a
one-line message (``calc``) or an error row (``batch``). The key and its
parameters, not English text, travel with the error so that the message can be
written in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class InputError(ValueError):
    """One input field is unusable.

    ``field`` is the input's machine name (``avg``, ``used``, ``start`` ...),
    ``value`` the text as given, ``code`` a key of the message catalogue and
    ``params`` what the message needs.
    """

    def __init__(self, field: str, value: object, code: str, **params: Any) -> None:
        self.field = field
        self.value = "" if value is None else str(value)
        self.code = code
        self.params = params
        super().__init__(f"{field}={self.value!r}: {code} {params}")


def error_of(check: Callable[..., object], *args: Any) -> InputError | None:
    """The :class:`InputError` ``check(*args)`` raises, or None: a check's verdict as a value, where a block's
    rows or sets collect each one's error instead of stopping at the first."""
    try:
        check(*args)
    except InputError as error:
        return error
    return None
