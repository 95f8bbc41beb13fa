"""What an Excel sheet cannot hold, as errors: apart from the workbook writer, so that a run of any format
can name them without loading XlsxWriter at its start (a CSV run's start-up is 30 ms shorter)."""

from __future__ import annotations


class NotForASheet(Exception):
    """What an Excel sheet cannot hold (too many columns, a cell too long): an error before anything is
    committed, never a workbook with the results cut off. ``code`` is a message key, with its parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class TooManyRows(Exception):
    """More rows than an Excel sheet holds: never a truncated workbook."""

    def __init__(self, maximum: int) -> None:
        super().__init__(maximum)
        self.maximum = maximum
