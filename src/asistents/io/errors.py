"""Errors about a whole input file, as values the shell turns into one line."""

from __future__ import annotations


class InputFileError(Exception):
    """The file as a whole cannot be read (bad encoding, not JSON at all, a workbook ...).

    ``code`` is a message key (``f_*``) of the catalogues; the shell adds ``path``.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
