"""The input fields: one declaration per input, from which everything else is derived.

As OpenFisca declares each variable once with its type and label, each input of
the calculation is declared here once: its machine name (the output column, the
``--column FIELD`` name, the JSON key), the :class:`CalcInput` attribute it feeds,
its kind (how a cell or a flag is parsed), the command-line flag, the register
headers it is recognised by (English, then Latvian), whether it is a run-wide
option of ``batch`` and whether it identifies the row. The Typer options of
``calc`` and ``batch``, the parsers, the column aliases, the output's input
columns and the README's tables all come from :data:`FIELDS`; defaults come from
the rule parameters through :class:`CalcInput`.

Adding an input: one :class:`InputField` here, its attribute in ``CalcInput``,
its help texts in the catalogues, and the rule that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from asistents.core import rules
from asistents.core.decimals import decimal_text

Kind = Literal["text", "hours", "euro", "date", "flag", "months", "claims", "rates", "notes"]
#: Register columns of hours claimed by day are named ``claimed:2020-06-01`` (or
#: ``claimed:--06-01`` when the header has no year): their headers are dates.
CLAIMED_PREFIX = "claimed:"


@dataclass(frozen=True)
class Column:
    """One register column of a field: its output name and the headers it is read from."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class InputField:
    name: str
    kind: Kind
    columns: tuple[Column, ...]
    attribute: str | None = None
    calc: bool = True
    run_wide: bool = False
    identifying: bool = False
    #: The person's own figure: two people who differ only in such fields share one split
    #: (:func:`asistents.core.calculate.limits_of` blanks them; :mod:`asistents.core.person`).
    personal: bool = False
    #: The rule parameter that applies when the figure is not given (:mod:`asistents.core.rules`).
    parameter: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def default_text(self) -> str | None:
        """The default as help shows it (``8``, ``0.5``): a rule parameter's value in the default
        period. Read when help is shown; a calculation reads the parameter at its own period."""
        if self.parameter is not None:
            return decimal_text(rules.PARAMETERS[self.parameter].at(rules.DEFAULT_START))
        return None  # dates: the period is resolved from what was given (core.period.resolve_period)


def _one(name: str, *aliases: str) -> tuple[Column, ...]:
    return (Column(name, (name, *aliases)),)


FIELDS: tuple[InputField, ...] = (
    # Names and codes are read by their whole header (never a figure); every other field by the header
    # grammar's words (asistents.io.headers: "Izmantots marts (h)", "Piešķirtais apjoms nedēļā"), so its
    # only header here is its own name.
    InputField(
        "id", "text", _one("id", "nr", "nr_p_k", "numurs", "klienta_nr", "kods", "no", "client_no"), identifying=True
    ),
    # The person's identity on a document (personal data: never in a file name).
    InputField(
        "personal_code",
        "text",
        _one("personal_code", "personas_kods", "p_k", "pk", "pers_kods", "personas_kods_pk"),
        identifying=True,
    ),
    InputField(
        "name", "text", _one("name", "vards", "vards_uzvards", "klients", "persona", "klienta_vards"), identifying=True
    ),
    InputField(
        "assistant", "text", _one("assistant", "asistents", "asistenta_vards", "asistenta_vards_uzvards", "asistente")
    ),
    InputField(
        "service",
        "text",
        _one(
            "service",
            "socialais_dienests",
            "dienests",
            "pasvaldiba",
            "novads",
            "pakalpojuma_sniedzejs",
            "sociala_dienesta_nosaukums",
        ),
    ),
    InputField("avg", "hours", _one("avg"), attribute="average", personal=True),
    InputField(
        "months",
        "months",
        (
            *(Column(f"m{i}", (f"m{i}", f"month{i}", f"men{i}", f"menesis{i}", f"{i}_menesis")) for i in (1, 2, 3)),
            # The three in one cell, "40 | 50 | 30": as a CSV writes a JSON register's "months" list.
            Column("months", ("months", "menesi")),
        ),
        attribute="months",
        personal=True,
    ),
    InputField("used", "hours", _one("used"), attribute="used", personal=True),
    InputField("weekly", "hours", _one("weekly"), attribute="weekly", run_wide=True),
    InputField("used_week_before", "hours", _one("used_week_before"), attribute="used_week_before"),
    InputField("used_week_after", "hours", _one("used_week_after"), attribute="used_week_after"),
    InputField("daily_max", "hours", _one("daily_max"), attribute="daily_max", run_wide=True, parameter="daily_max"),
    InputField("step", "hours", _one("step"), attribute="step", run_wide=True, parameter="step"),
    InputField("start", "date", _one("start"), attribute="start", run_wide=True),
    InputField("end", "date", _one("end"), attribute="end", run_wide=True),
    InputField("exclude_weekends", "flag", _one("exclude_weekends"), attribute="exclude_weekends", run_wide=True),
    InputField("resumed", "flag", _one("resumed"), attribute="resumed"),
    InputField("no_history", "flag", _one("no_history"), attribute="no_history"),
    InputField("rate", "euro", _one("rate"), attribute="rate", run_wide=True),
    # A table of rates by month (--rates FILE, or --rate official): given on the command line only.
    InputField("rates", "rates", (), attribute="rates", run_wide=True),
    # With --rate official: the rates of an assistant under 18 (Annex 4 of Regulation 942).
    InputField("under_18", "flag", (), run_wide=True),
    InputField("paid", "hours", _one("paid"), attribute="paid", personal=True),
    # What was paid in euro: a header in EUR or € (README "How headers are read"); checked against the
    # allowed hours x the rate, never read as hours.
    InputField("paid_eur", "euro", _one("paid_eur"), attribute="paid_eur", personal=True),
    InputField("claimed", "claims", (), attribute="claimed", personal=True),
    # Set by the workbook reader (no flag, no header): which figures it rounded down to 4 decimals.
    InputField("rounded", "notes", (Column("rounded", ()),), attribute="rounded", calc=False),
)

BY_NAME: dict[str, InputField] = {f.name: f for f in FIELDS}
#: The three months' own columns (``m1``-``m3``), without the one that holds all three.
MONTH_COLUMNS: tuple[Column, ...] = BY_NAME["months"].columns[:3]
#: Register column name -> its field (``m2`` -> ``months``).
BY_COLUMN: dict[str, InputField] = {c.name: f for f in FIELDS for c in f.columns}
#: Every register column, in the registry's order (the output's input columns).
COLUMN_NAMES: tuple[str, ...] = tuple(BY_COLUMN)
#: The input attributes that are a person's own (blanked in a row's limits: :func:`~asistents.core.block.limits_of`).
PERSONAL_ATTRIBUTES: tuple[str, ...] = tuple(f.attribute for f in FIELDS if f.personal and f.attribute is not None)

#: The first three columns the tool's own results add after a register's columns (``line``, ``status``,
#: ``error``; in a Latvian workbook ``Rinda``, ``Statuss``, ``Kļūda``), as headers are compared: where a
#: header holds them in a row, what follows is the tool's own results, copied and never read as figures
#: (so a results file reads back as its register). A test keeps them equal to the output's headers.
RESULT_MARKS: tuple[tuple[str, str, str], ...] = (("line", "status", "error"), ("rinda", "statuss", "kluda"))
#: The column a whole emergency's results put before them (``month``; ``Mēnesis`` in a Latvian workbook).
RESULT_MONTH = ("month", "menesis")
