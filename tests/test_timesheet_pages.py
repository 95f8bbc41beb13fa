"""The page that is signed: what it shows with a claim, that its total is what it lists, plain words, the
guidance of its month (render/timesheet.py)."""

from __future__ import annotations

import typing
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from asistents.core.calculate import calculate
from asistents.core.models import CalcInput, Notice, WarningCode
from asistents.i18n import LANGS, Lang
from asistents.render.messages import notice_line
from asistents.render.timesheet import person_page

D = Decimal
JUNE = CalcInput(average=D(130), used=D(18), weekly=D(35))


def number(text: str) -> Decimal:
    return D(0) if text in ("", "—") else D(text.replace(",", "."))


def claim(*hours: str) -> tuple[tuple[date, Decimal], ...]:
    return tuple((date(2020, 6, n), D(h)) for n, h in enumerate(hours, start=1) if h)


def assert_total_is_what_the_page_lists(page: dict) -> None:  # type: ignore[type-arg]
    assert sum(number(d["hours"]) for d in page["days"]) == number(page["total"])
    if page["show_allowed"]:
        assert sum(number(d["allowed"]) for d in page["days"]) == number(page["allowed_total"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_claim_over_the_rules_is_what_the_page_shows_with_its_verdict(lang: Lang) -> None:
    result = calculate(replace(JUNE, claimed=claim("6", "6", "6", "6", "6", "6", "6")))
    page = person_page(result, {"name": "Līga"}, lang)
    assert page["claimed"] and [d["hours"] for d in page["days"]][:7] == ["6"] * 7
    assert page["total"] == "42"  # the claim, not the tool's own 51 h
    verdict = "pārsniedz noteikumos atļauto par 7 h" if lang == "lv" else "over the rules by 7 h"
    assert any(verdict in line for line in page["check"])
    assert_total_is_what_the_page_lists(page)


def test_a_day_above_the_daily_limit_shows_the_allowed_hours_beside_the_claim() -> None:
    result = calculate(replace(JUNE, claimed=claim("10", "5")))
    page = person_page(result, {}, "en")
    assert page["show_allowed"]
    assert (page["days"][0]["hours"], page["days"][0]["allowed"]) == ("10", "8")
    assert (page["days"][1]["hours"], page["days"][1]["allowed"]) == ("5", "5")
    assert (page["total"], page["allowed_total"]) == ("15", "13")
    assert_total_is_what_the_page_lists(page)


def test_without_a_claim_the_page_is_the_tool_s_split() -> None:
    result = calculate(JUNE)
    page = person_page(result, {}, "lv")
    assert not page["claimed"] and not page["show_allowed"] and page["check"] == []
    assert page["total"] == "51"
    assert_total_is_what_the_page_lists(page)


hours = st.sampled_from(["", "0", "2", "5.25", "8", "9.5", "12"])


@settings(max_examples=60, deadline=None)
@given(st.lists(hours, min_size=9, max_size=9), st.sampled_from([None, D(20), D(35), D(40)]),
       st.sampled_from([D(0), D(18), D(100)]))  # fmt: skip
@example(["5.25", "5", "5", "5", "5", "5", "5", "8", "8"], D(35), D(18))  # the within claim of 51.25 h
def test_every_page_s_total_equals_the_hours_it_lists(
    claimed: list[str], weekly: Decimal | None, used: Decimal
) -> None:
    given_claim = claim(*claimed) or None
    result = calculate(replace(JUNE, weekly=weekly, used=used, claimed=given_claim))
    for lang in LANGS:
        assert_total_is_what_the_page_lists(person_page(result, {}, lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", typing.get_args(WarningCode))
def test_the_page_s_warnings_name_no_flag_or_column(code: str, lang: Lang) -> None:
    params = {"maximum": D(40), "cap": D(10), "from": date(2020, 6, 1), "to": date(2020, 6, 7), "weekly": D(50),
              "used": D(5), "week_start": date(2020, 6, 1), "columns": "Vidēji", "payable": D(1),
              "no_history": D(2), "month": "2020-11"}  # fmt: skip
    line = notice_line(Notice(code=code, params=params), lang, page=True)  # type: ignore[arg-type]
    assert "--" not in line and "column" not in line and "kolonn" not in line


@pytest.mark.parametrize(("first", "en", "lv"), [
    (date(2020, 3, 12), "guidance of March 2020", "skaidrojums 2020. gada martā"),
    (date(2020, 5, 1), "guidance of March 2020", "skaidrojums 2020. gada martā"),
    (date(2020, 6, 1), "guidance of 12.06.2020", "skaidrojums 12.06.2020."),
    (date(2020, 11, 9), "point 11.1", "11.1 punkts"),
])  # fmt: skip
def test_the_footer_cites_the_guidance_of_the_page_s_month(first: date, en: str, lv: str) -> None:
    from asistents.core.period import resolve_period

    start, end = resolve_period(first, None)
    result = calculate(replace(JUNE, start=start, end=end, used=D(0) if first.day == 1 else JUNE.used))
    for lang, words in (("en", en), ("lv", lv)):
        footer = person_page(result, {}, lang)["footer"]  # type: ignore[arg-type]
        assert words in footer
        if first.month != 6:
            assert "12.06.2020" not in footer


@pytest.mark.parametrize(("lang", "shown"), [("lv", "30.11.2020."), ("en", "2020-11-30")])
def test_a_single_day_is_a_date_not_a_range(lang: Lang, shown: str) -> None:
    notice = Notice(code="outside_emergency", params={"from": date(2020, 11, 30), "to": date(2020, 11, 30)})
    line = notice_line(notice, lang)
    assert shown in line and "–" not in line.replace(" – ", "")


def test_a_week_of_one_day_in_the_reasoning_is_that_day() -> None:
    result = calculate(replace(JUNE, start=date(2020, 11, 9), end=date(2020, 11, 30), weekly=D(5)))
    lines = person_page(result, {}, "lv")["reasoning"]
    assert any(line.startswith("Nedēļa 30.11.2020.:") for line in lines), lines


# --- one page per person per month, whatever the month, its warnings and the language --------------------


def _worst_month(month: object) -> CalcInput:
    """A month of an emergency with as much on its page as a page can have: a claim over the daily limit on
    every day (the allowed column and a reason a day), a payment in hours and euro that disagree, no weekly
    hours, a rounded cell, boundary weeks not given, and no rate (--rate official in 2020)."""
    from asistents.core import rules

    start, end = month.start, month.end  # type: ignore[attr-defined]
    days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    return CalcInput(
        start=start, end=end, average=D("130.3333"), used=D(0) if not month.has_other_days else D(18),  # type: ignore[attr-defined]
        claimed=tuple((day, D(9)) for day in days), paid=D(200), paid_eur=D(1),
        rates=rules.official_rates(False), rounded=("Vidēji (h)", "Izmantotas (h)"),
    )  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_every_emergency_month_is_one_page_with_the_longest_warnings(lang: Lang) -> None:
    pytest.importorskip("typst")
    import io

    from pypdf import PdfReader

    from asistents.about import program_version
    from asistents.core import rules
    from asistents.core.chain import emergency_months
    from asistents.render.timesheet import PdfWriter, document

    months = [m for emergency in rules.EMERGENCIES for m in emergency_months(emergency)]
    writer = PdfWriter(None, None)
    try:
        for month in months:
            inp = _worst_month(month)
            result = (
                calculate(replace(inp, paid_eur=None))
                if inp.rates and not dict(inp.rates).get(month.month)
                else calculate(inp)
            )
            person = {
                "name": "Anna-Marija Bērziņa-Kalniņa",
                "id": "12",
                "personal_code": "010150-10001",
                "assistant": "Ilze Kalniņa-Ozoliņa",
                "service": "Rīgas valstspilsētas pašvaldības Sociālais dienests",
            }
            pdf = writer.pdf(document([person_page(result, person, lang)], lang, program_version()))
            assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, (month.month, lang)
    finally:
        writer.close()
