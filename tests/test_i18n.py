"""The message catalogues: same keys and placeholders in both, and the Latvian formats."""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal

import pytest

from asistents import i18n
from asistents.i18n import en, lv


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def test_same_keys() -> None:
    missing = set(en.MESSAGES) - set(lv.MESSAGES)
    extra = set(lv.MESSAGES) - set(en.MESSAGES)
    assert not missing, f"keys missing in lv.py: {sorted(missing)}"
    assert not extra, f"keys in lv.py but not in en.py: {sorted(extra)}"


def test_same_key_order() -> None:
    assert list(lv.MESSAGES) == list(en.MESSAGES)


@pytest.mark.parametrize("key", list(en.MESSAGES))
def test_same_placeholders(key: str) -> None:
    assert _placeholders(lv.MESSAGES[key]) == _placeholders(en.MESSAGES[key])


@pytest.mark.parametrize("key", list(lv.MESSAGES))
def test_latvian_template_formats(key: str) -> None:
    template = lv.MESSAGES[key]
    params = {name: f"<{name}>" for name in _placeholders(template)}
    shown = template.format(**params)
    assert "{" not in shown
    assert "}" not in shown
    for value in params.values():
        assert value in shown


def test_latvian_text_number_and_day() -> None:
    assert i18n.text("lv", "weekday_1") == "pirmdiena"
    assert i18n.number(Decimal("5.5"), "lv") == "5,5"
    assert i18n.day(date(2020, 6, 1), "lv") == "01.06.2020."


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "lv_LV.UTF-8"}, "lv"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "lv_LV.UTF-8", "LANG": "en_US.UTF-8"}, "lv"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "lv_LV.UTF-8"}, "en"),
    ],
)
def test_detect_lang(environ: dict[str, str], expected: str) -> None:
    assert i18n.detect_lang(environ) == expected
