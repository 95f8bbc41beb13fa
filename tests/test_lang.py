"""Latvian and English: the human texts change with the language, the machine output never."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asistents.cli.app import app
from asistents.cli.localise import lang_from_args
from asistents.i18n import en, lv

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LIGA = ["calc", "--avg", "130", "--used", "18", "--weekly", "35"]


def invoke(args: list[str], env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, args, env=env, catch_exceptions=False)


def test_json_does_not_change_with_the_language() -> None:
    english = invoke([*LIGA, "--json", "--lang", "en"]).stdout
    latvian = invoke([*LIGA, "--json", "--lang", "lv"]).stdout
    assert english == latvian
    assert '"2020-06-01"' in latvian and "01.06.2020." not in latvian


def test_latvian_report_uses_latvian_conventions() -> None:
    out = invoke([*LIGA, "--lang", "lv"]).stdout
    assert "01.06.2020." in out and "2020-06-01" not in out
    assert "pirmdiena" in out and "svētdiena" in out
    assert "0,5 h" in out  # the step, decimal comma
    assert "7. pasākumā (sociālās iekļaušanas pasākumi)" in out
    assert "130 − 18 = 112 h" in out
    assert "10.06.2020.–14.06.2020." in out  # the warning's dates, in Latvian form


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "lv_LV.UTF-8"}, "lv"),
        ({"LC_ALL": "lv_LV.UTF-8", "LANG": "en_US.UTF-8"}, "lv"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "lv_LV.UTF-8"}, "en"),
        ({"LC_MESSAGES": "lv_LV", "LANG": "C"}, "lv"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_the_environment(env: dict[str, str], expected: str) -> None:
    full = {"LC_ALL": "", "LC_MESSAGES": "", "LANG": "", **env}
    out = invoke([*LIGA], env=full).stdout
    assert ("Aprēķina gaita" in out) == (expected == "lv")
    assert ("Reasoning" in out) == (expected == "en")


def test_flag_wins_over_the_environment() -> None:
    out = invoke([*LIGA, "--lang", "en"], env={"LANG": "lv_LV.UTF-8"}).stdout
    assert "Reasoning" in out


@pytest.mark.parametrize(
    ("args", "english", "latvian"),
    [
        (
            ["calc", "--avg", "-5"],
            "asistents: error: --avg '-5': is negative; hours cannot be below 0",
            "asistents: error: --avg '-5': ir negatīvs skaitlis; stundu skaits nevar būt mazāks par 0",
        ),
        (
            ["calc", "--avg", "80", "--start", "2020-06-10", "--end", "2020-06-03"],
            "asistents: error: --start '2020-06-10': is after the end 2020-06-03",
            "asistents: error: --start '2020-06-10': ir pēc beigu datuma 03.06.2020.",
        ),
        (
            ["calc", "--avg", "80", "--step", "9"],
            "asistents: error: --step '9': is above the daily limit 8 h; no day could take a step",
            "asistents: error: --step '9': ir lielāks par dienas limitu 8 h; "
            "nevienai dienai nevarētu piešķirt pat vienu soli",
        ),
        (
            ["calc", "--avg", "80", "--step", "0.5", "--daily-max", "7.5", "--rate", "1000.5"],
            "asistents: error: --rate '1000.5': is above 1000 EUR an hour; check the figure",
            "asistents: error: --rate '1000.5': ir lielāka par 1000 EUR stundā; pārbaudiet skaitli",
        ),
    ],
)
def test_error_messages_in_both_languages(args: list[str], english: str, latvian: str) -> None:
    for lang, expected in (("en", english), ("lv", latvian)):
        result = invoke([*args, "--lang", lang])
        assert result.exit_code == 2
        assert result.stderr == expected + "\n"


def test_batch_in_latvian_keeps_machine_columns_and_dialect() -> None:
    path = str(EXAMPLES / "recipients.csv")
    english = invoke(["batch", path, "--lang", "en"])
    latvian = invoke(["batch", path, "--lang", "lv"])
    assert english.stdout.splitlines()[0] == latvian.stdout.splitlines()[0]  # the header
    row = next(line for line in latvian.stdout.splitlines() if line.startswith("109;"))
    assert "10. rinda: Vidēji 'simts': nav stundu skaits" in row
    liga = next(line for line in latvian.stdout.splitlines() if line.startswith("102;"))
    assert "10.06.2020.–14.06.2020." in liga  # the warning, in Latvian
    assert ";51;" in liga
    assert "Nolasītās rindas" in latvian.stderr and "Rows read" in english.stderr
    assert "Izmaksājamās stundas kopā" in latvian.stderr


@pytest.mark.parametrize("command", [[], ["calc"], ["batch"], ["schema"]])
def test_help_in_both_languages_has_no_text_of_the_other(command: list[str]) -> None:
    english = invoke(
        [*command, "--help", "--lang", "en"] if command[:1] in (["calc"], ["batch"]) else [*command, "--help"]
    )
    latvian = invoke([*command, "--help"], env={"LANG": "lv_LV.UTF-8"})
    assert english.exit_code == latvian.exit_code == 0
    assert "Options" in english.stdout and "Opcijas" in latvian.stdout
    assert "Show this message and exit." in english.stdout
    assert "Parādīt šo palīdzību un beigt darbu." in latvian.stdout
    name = command[0] if command else "app"
    key = f"help.{name}"
    assert lv.MESSAGES[key].splitlines()[0] in latvian.stdout
    assert en.MESSAGES[key].splitlines()[0] not in latvian.stdout
    assert en.MESSAGES[key].splitlines()[0] in english.stdout


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["calc", "--lang", "lv"], {}, "lv"),
        (["calc", "--lang=lv"], {"LANG": "en_US.UTF-8"}, "lv"),
        (["calc", "--lang", "en"], {"LANG": "lv_LV.UTF-8"}, "en"),
        (["calc", "--lang", "de"], {"LANG": "lv_LV.UTF-8"}, "lv"),
        (["calc", "--lang"], {}, "en"),
    ],
)
def test_lang_from_args(args: list[str], env: dict[str, str], expected: str) -> None:
    assert lang_from_args(args, env) == expected


def test_unknown_language_is_a_usage_error() -> None:
    result = invoke([*LIGA, "--lang", "de"])
    assert result.exit_code == 2
    assert result.stderr.startswith("asistents: error: ")
    assert "--lang" in result.stderr


def test_a_wrong_language_or_schema_is_one_line_in_the_users_language() -> None:
    wrong = runner.invoke(app, ["calc", "--avg", "1", "--used", "0", "--lang", "de"], env={"LANG": "lv_LV.UTF-8"})
    assert wrong.exit_code == 2
    assert wrong.stderr == "asistents: error: --lang 'de': norādiet vienu no en, lv\n"
    schema = runner.invoke(app, ["schema", "foo"], env={"LANG": "C"})
    assert schema.exit_code == 2
    assert schema.stderr == "asistents: error: 'foo': give calc, batch, batch-emergency or emergency\n"
