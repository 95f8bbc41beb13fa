"""The office's web page (``asistents serve``) through Starlette's test client: every route, the API against the
command line, the downloads opened, and the guards (Host, size, headers, no server path)."""

from __future__ import annotations

import concurrent.futures
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from starlette.testclient import TestClient
from typer.testing import CliRunner

from asistents.cli.app import app as cli
from asistents.web.app import create_app

EXAMPLES = Path(__file__).parent.parent / "examples"
LIGA = {"avg": "130", "used": "18", "weekly": "35"}
runner = CliRunner()


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(("testserver",)))


def command(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The command line itself, in a child, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "asistents", *args], capture_output=True, check=False)


def cli_error(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code in (1, 2), result.stdout
    return result.stderr.strip().removeprefix("asistents: error: ")


def page_text(html: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</', html, re.S)
    assert found is not None, html[:2000]
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def alert(html: str) -> str:
    found = re.search(r'role="alert">(.*?)</div>', html, re.S)
    assert found is not None
    import html as markup

    return markup.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


# --- one person, one month ---


def test_liga_in_the_address_reads_51_hours_in_both_languages(client: TestClient) -> None:
    for lang, hours in (("lv", "51 h"), ("en", "51 h")):
        page = client.get("/?" + urlencode({**LIGA, "lang": lang}))
        assert page.status_code == 200
        assert f'<html lang="{lang}">' in page.text
        assert page_text(page.text, "payable") == hours
        assert "130 − 18 = 112 h" in page.text  # the reasoning, step by step, in the report's own words
        assert page.text.count('<table class="days">') == 2  # the days by calendar week: 1-7 June, 8-9 June
        assert "/calc.pdf?" in page.text and "/calc.json?" in page.text


def test_the_form_has_every_option_of_calc_labelled_with_its_help(client: TestClient) -> None:
    from asistents.core.fields import FIELDS

    page = client.get("/?lang=en").text
    for field in FIELDS:
        if not field.calc:
            continue
        names = [c.name for c in field.columns[:3]] if field.kind == "months" else [field.name]
        names = ["rates_text"] if field.kind == "rates" else names
        for name in names:
            assert f'<label for="f-{name}">' in page, name
            assert f'aria-describedby="h-{name}"' in page, name
            assert f'id="h-{name}"' in page, name
    assert 'placeholder="8"' in page  # the daily limit's default, as help shows it


def test_a_wrong_figure_is_the_command_line_s_message_in_the_page_s_language(client: TestClient) -> None:
    for lang in ("lv", "en"):
        page = client.get("/?" + urlencode({"avg": "12,5x", "used": "18", "lang": lang}))
        assert page.status_code == 422
        expected = cli_error("calc", "--avg", "12,5x", "--used", "18", "--lang", lang)
        assert alert(page.text).endswith(expected)


def test_json_download_and_api_are_what_calc_json_prints() -> None:
    client = TestClient(create_app(("testserver",)))
    cases = [
        LIGA,
        {"avg": "130.50", "used": "0", "weekly": "35.5", "rate": "8.04", "paid": "60"},
        {"months": ["40", "50", "30"], "used": "18", "exclude_weekends": True, "daily_max": "6"},
        {"no_history": True, "start": "2020-05-01", "end": "2020-05-31"},
        {"avg": "100", "used": "0", "start": "2021-01-01", "end": "2021-01-31", "rate": "official", "under_18": True},
        {"avg": "130", "used": "18", "weekly": "35", "claimed": ["5"] * 7 + ["8", "9"]},
    ]
    for case in cases:
        args = ["calc", "--json"]
        for key, value in case.items():
            flag = "--" + key.replace("_", "-")
            args += [flag] if value is True else [flag, *value] if isinstance(value, list) else [flag, value]
        expected = runner.invoke(cli, args)
        assert expected.exit_code == 0, expected.stderr
        api = client.post("/api/calc", json=case)  # figures as text are read as typed, as numbers are
        assert api.status_code == 200, api.text
        assert api.text == expected.stdout, case
        query = []
        for key, value in case.items():
            if key == "months":
                query += [(f"m{i}", v) for i, v in enumerate(value, 1)]
            elif key == "claimed":
                query.append((key, " ".join(value)))
            else:
                query.append((key, "on" if value is True else value))
        download = client.get("/calc.json?" + urlencode(query))
        assert download.text == expected.stdout, case
        assert "attachment" in download.headers["content-disposition"]


def test_api_numbers_keep_their_digits_as_typed() -> None:
    client = TestClient(create_app(("testserver",)))
    body = '{"avg": 130.50, "used": 18.0, "weekly": 35.00}'
    api = client.post("/api/calc", content=body, headers={"content-type": "application/json"})
    assert (
        api.text
        == runner.invoke(cli, ["calc", "--json", "--avg", "130.50", "--used", "18.0", "--weekly", "35.00"]).stdout
    )


@settings(max_examples=25)
@given(
    avg=st.decimals(min_value=0, max_value=400, places=2),
    used=st.decimals(min_value=0, max_value=200, places=1),
    weekly=st.one_of(st.none(), st.decimals(min_value=0, max_value=40, places=1)),
)
def test_api_equals_the_command_line_on_any_figures(avg, used, weekly) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(create_app(("testserver",)))
    args = ["calc", "--json", "--avg", str(avg), "--used", str(used)]
    body = f'{{"avg": {avg}, "used": {used}'
    if weekly is not None:
        args += ["--weekly", str(weekly)]
        body += f', "weekly": {weekly}'
    expected = runner.invoke(cli, args)
    api = client.post("/api/calc", content=body + "}", headers={"content-type": "application/json"})
    if expected.exit_code == 0:
        assert (api.status_code, api.text) == (200, expected.stdout)
    else:
        assert api.status_code == 422
        assert api.json()["error"] == expected.stderr.strip().removeprefix("asistents: error: ")


def test_api_errors_are_422_with_the_command_s_line_in_the_request_s_language(client: TestClient) -> None:
    for lang in ("lv", "en"):
        api = client.post("/api/calc", json={"avg": -5, "used": 18, "lang": lang})
        assert api.status_code == 422
        assert api.json() == {"error": cli_error("calc", "--avg", "-5", "--used", "18", "--lang", lang)}
    by_header = client.post("/api/calc", json={"avg": "x"}, headers={"accept-language": "en-GB,en;q=0.8"})
    assert by_header.json()["error"] == cli_error("calc", "--avg", "x", "--lang", "en")
    unknown = client.post("/api/calc", json={"avg": 130, "used": 18, "wekly": 35, "lang": "en"})
    assert (unknown.status_code, unknown.json()) == (422, {"error": "'wekly' is not an input of this request"})
    not_object = client.post("/api/calc?lang=en", content=b"[1, 2]", headers={"content-type": "application/json"})
    assert (not_object.status_code, not_object.json()) == (422, {"error": "The request's body is not a JSON object"})
    a_path = client.post("/api/calc", json={"avg": 130, "used": 18, "rates": "/etc/passwd", "lang": "en"})
    # the table's text, never a file to read: a path is a table that is not one
    assert (a_path.status_code, a_path.json()) == (
        422,
        {"error": "--rates '/etc/passwd': is not 'month;rate' (line 1)"},
    )


def test_calc_pdf_is_the_timesheet_calc_pdf_writes(client: TestClient, tmp_path: Path) -> None:
    pytest.importorskip("typst")
    from pypdf import PdfReader

    for name in ("Līga Ozola", "--lang"):  # a name is a value, never read as an option
        page = client.get("/calc.pdf?" + urlencode({**LIGA, "name": name, "lang": "lv"}))
        assert page.status_code == 200 and page.headers["content-type"] == "application/pdf"
        reader = PdfReader(io.BytesIO(page.content))
        assert len(reader.pages) == 1
        assert name in reader.pages[0].extract_text()
    bad = client.get("/calc.pdf?avg=x&used=1&lang=en")
    assert bad.status_code == 422


# --- a whole emergency ---

EMERGENCY_FORM = {"emergency": "1", "before_1": "40", "before_2": "50", "before_3": "30",
                  "used_1_2020-03": "18", "used_1_2020-06": "48", "weekly": "35"}  # fmt: skip
EMERGENCY_ARGS = ["emergency", "--before", "40", "50", "30", "--used", "2020-03=18", "--used", "2020-06=48",
                  "--weekly", "35"]  # fmt: skip


def test_emergency_form_reads_98_5_hours_and_its_months(client: TestClient) -> None:
    page = client.post("/emergency?lang=en", data=EMERGENCY_FORM, files={"rates": ("", b"")})
    assert page.status_code == 200, alert(page.text)
    assert "98.5 h" in page_text(page.text, "total")
    assert page.text.count("<details>") == 4  # March to June, each with its reasoning and days
    lv = client.post("/emergency?lang=lv", data=EMERGENCY_FORM, files={"rates": ("", b"")})
    assert "98,5 h" in page_text(lv.text, "total")


def test_emergency_api_and_download_are_what_emergency_json_prints(client: TestClient) -> None:
    expected = runner.invoke(cli, [*EMERGENCY_ARGS, "--json"]).stdout
    api = client.post("/api/emergency", json={"before": [40, 50, 30], "used": {"2020-03": 18, "2020-06": 48},
                                              "weekly": 35})  # fmt: skip
    assert (api.status_code, api.text) == (200, expected)
    download = client.post("/emergency.json", data=EMERGENCY_FORM, files={"rates": ("", b"")})
    assert download.text == expected
    second = runner.invoke(cli, ["emergency", "--emergency", "2", "--before", "30", "30", "30", "--used",
                                 "2020-11=10", "--used", "2021-04=5", "--resumed", "2021-02", "--used", "2021-02=30",
                                 "--json"])  # fmt: skip
    api = client.post("/api/emergency", json={"emergency": 2, "before": [30, 30, 30], "resumed": ["2021-02"],
                                              "used": {"2020-11": 10, "2021-04": 5, "2021-02": 30}})  # fmt: skip
    assert api.text == second.stdout
    form = {
        "emergency": "2",
        "before_1": "30",
        "before_2": "30",
        "before_3": "30",
        "used_2_2020-11": "10",
        "used_2_2021-04": "5",
        "used_2_2021-02": "30",
        "resumed_2_2021-02": "on",
        "used_1_2020-03": "99",
        "resumed_1_2020-05": "on",
    }  # fmt: skip  (the other emergency's fields: unread)
    assert client.post("/emergency.json", data=form, files={"rates": ("", b"")}).text == second.stdout


def test_emergency_errors_name_the_flag_as_the_command_does(client: TestClient) -> None:
    for lang in ("lv", "en"):
        api = client.post("/api/emergency", json={"before": [40, 50, 30], "lang": lang})
        expected = cli_error("emergency", "--before", "40", "50", "30", "--lang", lang)
        assert (api.status_code, api.json()) == (422, {"error": expected})
    page = client.post("/emergency?lang=en", data={**EMERGENCY_FORM, "used_1_2020-03": "x"}, files={"rates": ("", b"")})
    assert page.status_code == 422
    assert alert(page.text).endswith(cli_error("emergency", "--before", "40", "50", "30", "--used", "2020-03=x",
                                               "--lang", "en"))  # fmt: skip
    wrong = client.post("/api/emergency", json={"emergency": 3, "before": [1, 2, 3], "lang": "en"})
    assert wrong.status_code == 422 and "--emergency '3'" in wrong.json()["error"]


def test_emergency_with_a_rates_file_carries_it_to_its_downloads(client: TestClient, tmp_path: Path) -> None:
    rates = b"month;rate\n2020-11;7.50\n2020-12;7.50\n2021-01;8.00\n2021-02;8.00\n2021-03;8.00\n2021-04;8.00\n"
    form = {"emergency": "2", "before_1": "30", "before_2": "30", "before_3": "30",
            "used_2_2020-11": "10", "used_2_2021-04": "5"}  # fmt: skip
    (tmp_path / "rates.csv").write_bytes(rates)
    expected = runner.invoke(cli, ["emergency", "--emergency", "2", "--before", "30", "30", "30", "--used",
                                   "2020-11=10", "--used", "2021-04=5", "--rates", str(tmp_path / "rates.csv"),
                                   "--json"])  # fmt: skip
    assert expected.exit_code == 0, expected.stderr
    page = client.post("/emergency?lang=en", data=form, files={"rates": ("likmes.csv", rates)})
    assert page.status_code == 200, alert(page.text)
    assert 'name="rates_text"' in page.text  # carried to the downloads
    carried = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', page.text))
    import html as markup

    carried = {k: markup.unescape(v) for k, v in carried.items()}
    download = client.post("/emergency.json", data=carried, files={"rates": ("", b"")})
    assert download.text == expected.stdout


def test_emergency_pdf_has_a_page_a_month(client: TestClient) -> None:
    pytest.importorskip("typst")
    from pypdf import PdfReader

    pdf = client.post("/emergency.pdf?lang=lv", data={**EMERGENCY_FORM, "name": "Anna"}, files={"rates": ("", b"")})
    assert pdf.status_code == 200, pdf.text[:300]
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) == 4


# --- a register ---


def upload(client: TestClient, path: Path, lang: str = "en", emergency: str = "", name: str | None = None):  # type: ignore[no-untyped-def]
    return client.post(f"/register?lang={lang}", data={"lang": lang, "emergency": emergency},
                       files={"file": (name or path.name, path.read_bytes())})  # fmt: skip


def summary(html: str) -> dict[str, str]:
    import html as markup

    shown = html.split('id="summary"')[1].split("</dl>")[0]
    return {markup.unescape(k): markup.unescape(v) for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", shown)}


def cli_summary(path: Path, *more: str) -> dict[str, str]:
    """``batch``'s own summary table, read from its stderr."""
    ran = command("batch", str(path), "-o", "-", "--lang", "en", *more)
    return {m[0].strip(): m[1].strip() for m in re.findall(r"│ (.+?)\s+│\s+(\S+) │", ran.stderr.decode())}


BLANK_AND_TOTALS = "id,avg,used,weekly,paid\n1,130,18,35,60\n,,,,\n2,80,48,,\nKopā,210,66,,60\n"


@pytest.mark.parametrize(
    "name", ["emergency_register.csv", "claims.csv", "recipients.csv", "recipients.xlsx", "recipients.ndjson", "-"]
)
def test_the_summary_is_batch_s_own(client: TestClient, name: str, tmp_path: Path) -> None:
    path = EXAMPLES / name
    if name == "-":  # a blank row and a totals row: counted apart, listed as what they are
        path = tmp_path / "blank_and_totals.csv"
        path.write_text(BLANK_AND_TOTALS, "utf-8")
    page = upload(client, path)
    assert page.status_code == 200, alert(page.text)
    assert summary(page.text) == cli_summary(path)  # every line of batch's table, in its words
    if name == "-":
        every = client.get(str(page.url).split("?")[0] + "?lang=en&show=all").text
        assert re.findall(r'<tr class="(\w+)">', every) == ["over", "ok", "mark", "mark"]


def test_rows_errors_and_months_over_first_and_filtered(client: TestClient, tmp_path: Path) -> None:
    register = tmp_path / "paid.csv"  # within, over, an error, over: in the register's order
    register.write_text(
        "id,avg,used,weekly,paid\n1,130,18,35,10\n2,130,18,35,60\n3,x,18,35,\n4,130,18,35,70\n", "utf-8"
    )
    page = upload(client, register)

    def rows(html: str) -> list[tuple[str, str]]:
        return re.findall(r'<tr class="(error|over|ok)"><td class="num">(\d+)</td>', html)

    assert rows(page.text) == [("error", "4"), ("over", "3"), ("over", "5")]  # lines: the header is line 1
    url = str(page.url).split("?")[0]
    assert rows(client.get(url + "?lang=en&show=all").text) == [
        ("error", "4"),
        ("over", "3"),
        ("over", "5"),
        ("ok", "2"),
    ]
    assert rows(client.get(url + "?lang=en&show=errors").text) == [("error", "4")]
    assert rows(client.get(url + "?lang=en&show=over").text) == [("over", "3"), ("over", "5")]
    every = client.get(url + "?lang=en&show=all")
    assert re.findall(r'<tr class="(?:error|over|ok)">', upload(client, EXAMPLES / "recipients.csv").text)
    assert "4 of 4 rows shown" in every.text


def test_downloads_are_what_batch_writes(client: TestClient, tmp_path: Path) -> None:
    page = upload(client, EXAMPLES / "emergency_register.csv")
    url = str(page.url).split("?")[0]
    xlsx = client.get(url + "/results.xlsx?lang=en")
    assert xlsx.status_code == 200
    (tmp_path / "web.xlsx").write_bytes(xlsx.content)
    assert command("batch", str(EXAMPLES / "emergency_register.csv"), "-o", str(tmp_path / "cli.xlsx"),
                   "--lang", "en").returncode == 0  # fmt: skip
    web_book, cli_book = (
        CalamineWorkbook.from_path(str(tmp_path / "web.xlsx")),
        CalamineWorkbook.from_path(str(tmp_path / "cli.xlsx")),
    )
    assert web_book.sheet_names == cli_book.sheet_names
    for sheet in web_book.sheet_names:
        web_rows = web_book.get_sheet_by_name(sheet).to_python()
        cli_rows = cli_book.get_sheet_by_name(sheet).to_python()
        # the summary sheet names the input file and the run's time: the rest is equal cell for cell
        differ = [(a, b) for a, b in zip(web_rows, cli_rows, strict=True) if a != b]
        assert all("register" in str(a) or "emergency_register" in str(b) or ":" in str(a) for a, b in differ), differ
    csv = client.get(url + "/results.csv?lang=en").content
    expected = command("batch", str(EXAMPLES / "emergency_register.csv"), "--to", "csv", "--out-delimiter", ";",
                       "--out-decimal", ",", "--bom", "--quiet").stdout  # fmt: skip
    assert csv == expected and csv.startswith(b"\xef\xbb\xbf")
    column_map = client.get(url + "/map.json?lang=en")
    assert json.loads(column_map.content)["columns"]["Izmantots marts (h)"] == "used 2020-03"
    (tmp_path / "map.json").write_bytes(column_map.content)
    assert command("batch", str(EXAMPLES / "emergency_register.csv"), "--columns", str(tmp_path / "map.json"),
                   "-o", str(tmp_path / "mapped.csv")).returncode == 0  # fmt: skip


def test_timesheets_download_is_a_pdf_of_every_month(client: TestClient) -> None:
    pytest.importorskip("typst")
    from pypdf import PdfReader

    page = upload(client, EXAMPLES / "emergency_register.csv")
    pdf = client.get(str(page.url).split("?")[0] + "/timesheets.pdf?lang=lv")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(pdf.content)).pages) >= 12


def test_a_column_in_doubt_stops_everything_until_it_is_chosen(client: TestClient, tmp_path: Path) -> None:
    register = tmp_path / "in_doubt.csv"
    register.write_text("Nr.p.k.;Vidēji (h);Izmantotas (h);Nedēļā (EUR);Piezīmes\n1;130;18;35;x\n", "utf-8")
    expected = command("batch", str(register), "--lang", "en")
    assert expected.returncode == 2
    page = upload(client, register)
    assert page.status_code == 422
    assert "Summary" not in page.text  # nothing computed
    assert 'class="problem"' in page.text
    problems = re.findall(r"<li>(.*?)</li>", page.text.split("How each column was read")[1])
    assert problems
    chosen = {f"col:{h}": v for h, v in (("Nr.p.k.", "id"), ("Vidēji (h)", "avg"), ("Izmantotas (h)", "used"),
                                          ("Nedēļā (EUR)", "weekly"), ("Piezīmes", "note"))}  # fmt: skip
    url = str(page.url).split("?")[0]
    assert '<option value="" selected>' in page.text  # the column in doubt: no reading chosen for it
    unchosen = client.post(url + "?lang=en", data={**chosen, "col:Nedēļā (EUR)": ""})
    assert unchosen.status_code == 422 and "Summary" not in unchosen.text  # left unchosen: still in doubt
    read = client.post(url + "?lang=en", data=chosen)
    assert read.status_code == 200, alert(read.text)
    assert summary(read.text)["Total payable hours"] == "51"
    saved = client.get(url + "/map.json?lang=en")  # the map as chosen, for batch --columns
    assert json.loads(saved.content)["columns"]["Nedēļā (EUR)"] == "weekly"
    forged = client.post(url + "?lang=en", data={"col:Nr.p.k.": "../../etc/passwd"})
    assert forged.status_code == 422


def test_an_unreadable_upload_is_one_line_naming_the_upload_never_a_server_path(client: TestClient) -> None:
    page = client.post("/register?lang=en", data={"lang": "en"},
                       files={"file": ("mans registrs.xlsx", b"not a workbook at all")})  # fmt: skip
    assert page.status_code == 422
    message = alert(page.text)
    assert "mans registrs.xlsx" in message
    assert "/tmp" not in page.text and "asistents-web-" not in page.text and "register.xlsx" not in message


def test_eight_uploads_at_once_each_get_their_own_results(client: TestClient, tmp_path: Path) -> None:
    registers = []
    for n in range(8):
        path = tmp_path / f"r{n}.csv"
        path.write_text("id,avg,used,weekly\n" + "".join(f"{i},{100 + n},{n},35\n" for i in range(n + 1)), "utf-8")
        registers.append(path)

    def run(path: Path) -> dict[str, str]:
        return summary(upload(client, path).text)

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        found = list(pool.map(run, registers))
    for n, shown in enumerate(found):
        assert shown["Rows read"] == str(n + 1)
        assert shown == {k: v for k, v in cli_summary(registers[n]).items() if k in shown}


def test_the_register_form_in_both_languages(client: TestClient) -> None:
    for lang, words in (("lv", "Reģistrs (CSV, xlsx, ods, JSON vai NDJSON)"), ("en", "The register (CSV, xlsx")):
        page = client.get(f"/register?lang={lang}")
        assert page.status_code == 200 and words in page.text
        assert 'enctype="multipart/form-data"' in page.text and '<label for="f-file">' in page.text
    nothing = client.post("/register?lang=lv", data={"lang": "lv"}, files={"file": ("", b"")})
    assert nothing.status_code == 422 and alert(nothing.text).endswith("Izvēlieties augšupielādējamo failu.")


def test_an_upload_no_longer_held_is_said_so(client: TestClient) -> None:
    page = client.get("/register/not-a-token?lang=en")
    assert page.status_code == 410 and "upload it again" in page.text


def test_api_batch_is_the_file_batch_writes(client: TestClient) -> None:
    source = EXAMPLES / "recipients.csv"
    for to in ("csv", "json", "ndjson"):
        api = client.post(
            "/api/batch", data={"to": to, "lang": "en"}, files={"file": ("recipients.csv", source.read_bytes())}
        )
        assert api.status_code == 200
        assert api.content == command("batch", str(source), "--to", to, "--quiet", "--lang", "en").stdout
        assert api.headers["x-asistents-exit-code"] == "1"  # the example holds bad rows on purpose
    bad = client.post("/api/batch", data={"to": "pdf", "lang": "en"}, files={"file": ("r.csv", source.read_bytes())})
    assert bad.status_code == 422 and "pdf" in bad.json()["error"]
    import tempfile

    outside = Path(tempfile.gettempdir()) / "escaped-by-a-request"  # where -o results.{to} would have written
    for hostile in ({"to": f"/../../{outside}"}, {"emergency": "--timesheets-pdf=x.pdf"}):
        sent = {**hostile, "lang": "en"}
        refused = client.post("/api/batch", data=sent, files={"file": ("r.csv", source.read_bytes())})
        assert refused.status_code == 422, hostile
    assert not outside.exists()


def test_api_schema_is_what_asistents_schema_prints(client: TestClient) -> None:
    for name in ("calc", "batch", "batch-emergency", "emergency"):
        assert client.get(f"/api/schema/{name}").text == runner.invoke(cli, ["schema", name]).stdout
    assert client.get("/api/schema/nothing?lang=en").status_code == 422


# --- guards ---


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "testserver:8000"}).status_code == 200


def test_an_upload_over_the_limit_is_413_whether_or_not_its_length_is_said() -> None:
    small = TestClient(create_app(("testserver",), max_upload=1000))
    said = small.post("/register?lang=en", files={"file": ("r.csv", b"x" * 5000)})
    assert said.status_code == 413 and "1000" not in said.text

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(10):
            yield b"y" * 500

    unsaid = small.post("/api/calc", content=chunks(), headers={"content-type": "application/json"})
    assert unsaid.status_code == 413


def test_every_response_has_the_content_security_policy(client: TestClient) -> None:
    for response in (
        client.get("/"),
        client.get("/nothing"),
        client.post("/api/calc", json={}),
        client.get("/static/style.css"),
    ):
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        assert response.headers["x-content-type-options"] == "nosniff"


def test_nothing_in_a_request_names_a_file_to_read(client: TestClient) -> None:
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/%2e%2e%2fapp.py").status_code == 404
    assert client.get("/register/x/..%2f..%2fetc%2fpasswd").status_code in (404, 410)


def test_pages_need_no_script_and_no_other_site(client: TestClient) -> None:
    page = client.get("/?lang=en").text
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert '<script src="/static/page.js" defer>' in page  # optional; every form is a plain form
    assert client.get("/static/page.js").status_code == 200


def test_serve_refuses_a_port_in_use_in_one_line() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        ran = command("serve", "--port", str(port), "--lang", "en")
    assert ran.returncode == 1
    assert (
        ran.stderr.decode().strip()
        == f"asistents: error: --host 127.0.0.1 --port {port}: cannot listen there (Address already in use)"
    )


def test_batch_summary_file_holds_the_table_s_figures(tmp_path: Path) -> None:
    path = tmp_path / "blank_and_totals.csv"
    path.write_text(BLANK_AND_TOTALS, "utf-8")
    ran = command("batch", str(path), "-o", str(tmp_path / "out.csv"), "--summary", str(tmp_path / "s.json"))
    assert ran.returncode == 0, ran.stderr
    figures = json.loads((tmp_path / "s.json").read_text("utf-8"))
    table = cli_summary(path)
    words = {"rows": "Rows read", "ok": "OK", "errors": "Errors", "blank": "Blank rows (kept in place)",
             "totals_rows": "Totals rows (not computed)", "payable_hours": "Total payable hours",
             "weekly_cap": "Rows limited by the weekly cap", "daily_max": "Rows limited by the daily limit",
             "checked": "Rows checked (claimed or paid)", "over_rows": "Rows over the rules",
             "over_hours": "Hours over the rules", "over_eur": "EUR over the rules"}  # fmt: skip
    assert {name: table[word] for name, word in words.items()} == {
        name: f"{figures[name]:.2f}" if name == "over_eur" else str(figures[name]) for name in words
    }
    assert (figures["blank"], figures["totals_rows"], figures["persons"], figures["checked"]) == (1, 1, 0, 1)
    assert (tmp_path / "s.json").read_text("utf-8").endswith('"over_eur": 0.00}\n')  # euro with its cents


# --- what the review of the page found: refused, never a 500 and never dropped ---


def test_a_nul_in_a_name_is_one_line_not_a_server_error(client: TestClient) -> None:
    page = client.get("/calc.pdf?" + urlencode({**LIGA, "name": "a\x00b", "lang": "en"}))
    assert page.status_code == 422 and alert(page.text) == "'name' holds a character a document cannot carry (NUL)"


def test_api_months_must_be_three_and_a_flag_a_boolean(client: TestClient) -> None:
    for months in ([1, 2], [1, 2, 3, 4], "130"):
        api = client.post("/api/calc", json={"months": months, "used": 5, "lang": "en"})
        assert api.status_code == 422 and "'months'" in api.json()["error"], months
    flag = client.post("/api/calc", json={"avg": 130, "used": 18, "exclude_weekends": "true", "lang": "en"})
    assert (flag.status_code, flag.json()) == (422, {"error": "'exclude_weekends': \"true\" is not true or false"})


def test_api_a_figure_left_out_is_the_command_line_s_words(client: TestClient) -> None:
    for body, args in (({"avg": 130}, ["--avg", "130"]), ({"used": 18}, ["--used", "18"])):
        api = client.post("/api/calc", json={**body, "lang": "en"})
        assert api.json() == {"error": cli_error("calc", *args, "--lang", "en")}


def test_a_key_given_twice_is_refused_never_the_last_one_kept(client: TestClient) -> None:
    for body in ('{"avg": 130, "avg": 140, "used": 18}',
                 '{"before": [40, 50, 30], "used": {"2020-03": 18, "2020-03": 99, "2020-06": 48}}'):  # fmt: skip
        route = "/api/calc" if "avg" in body else "/api/emergency"
        api = client.post(route + "?lang=en", content=body, headers={"content-type": "application/json"})
        assert api.status_code == 422 and "is given twice" in api.json()["error"], body
    twice = client.get("/?avg=130&avg=140&used=18&lang=en")
    assert twice.status_code == 422 and "given twice: avg" in alert(twice.text)


def test_a_field_the_page_has_not_is_refused(client: TestClient) -> None:
    page = client.get("/?avg=130&used=18&weeekly=35&lang=en")
    assert page.status_code == 422 and "not an input of this page: weeekly" in alert(page.text)
    emergency = client.post("/emergency?lang=en", data={**EMERGENCY_FORM, "wekly": "35"}, files={"rates": ("", b"")})
    assert emergency.status_code == 422 and "wekly" in alert(emergency.text)


def test_an_upload_for_no_emergency_or_two_files_is_refused(client: TestClient) -> None:
    data = (EXAMPLES / "recipients.csv").read_bytes()
    page = client.post("/register?lang=en", data={"lang": "en", "emergency": "3"}, files={"file": ("r.csv", data)})
    assert page.status_code == 422 and "--emergency '3'" in alert(page.text)
    two = client.post("/api/batch", data={"lang": "en"}, files=[("file", ("a.csv", data)), ("file", ("b.csv", data))])
    assert two.status_code == 422 and "given twice: file" in two.json()["error"]


def test_a_malformed_form_is_one_line_in_the_page_s_language(client: TestClient) -> None:
    bad = {"content-type": "multipart/form-data"}  # no boundary
    page = client.post("/register?lang=lv", content=b"x", headers=bad)
    assert page.status_code == 422 and alert(page.text).startswith("Nevar aprēķināt: veidlapu nevar nolasīt")
    api = client.post("/api/batch?lang=en", content=b"x", headers=bad)
    assert api.status_code == 422 and api.json()["error"].startswith("the form cannot be read")


def test_a_rates_table_once_chosen_can_be_let_go(client: TestClient) -> None:
    rates = b"month;rate\n2020-03;7\n2020-04;7\n2020-05;7\n2020-06;7\n"
    page = client.post("/emergency?lang=en", data=EMERGENCY_FORM, files={"rates": ("r.csv", rates)})
    assert page.status_code == 200 and 'name="keep_rates" checked' in page.text
    carried = {"rates_text": rates.decode(), "rates_name": "r.csv"}
    kept = client.post("/emergency?lang=en", data={**EMERGENCY_FORM, **carried, "keep_rates": "on"},
                       files={"rates": ("", b"")})  # fmt: skip
    assert "Total amount" in kept.text or "EUR" in page_text(kept.text, "total")
    let_go = client.post("/emergency?lang=en", data={**EMERGENCY_FORM, **carried, "rate": "5"},
                         files={"rates": ("", b"")})  # fmt: skip
    assert let_go.status_code == 200, alert(let_go.text)  # the box unticked: the rate alone, no conflict


def test_the_language_link_stays_on_the_page(client: TestClient) -> None:
    page = client.get("//evil.example/x")
    assert page.status_code == 404
    assert 'href="?lang=en"' in page.text and "evil.example" not in page.text.split("<main")[0]


def test_an_upload_s_name_replaces_only_the_file_s_name_in_messages(client: TestClient) -> None:
    page = client.post("/register?lang=en", data={"lang": "en"}, files={"file": ("register", b"PK\x03\x04garbage")})
    assert page.status_code == 422
    message = alert(page.text)
    assert "asistents-upload" not in message and "'register': cannot be read as a workbook" in message


def test_serve_on_every_address_prints_the_address_to_open() -> None:
    process = subprocess.Popen([sys.executable, "-m", "asistents", "serve", "--host", "0.0.0.0", "--port", "0",
                                "--lang", "en"], stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stderr is not None
    try:
        warning, serving = process.stderr.readline(), process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
    assert "--host 0.0.0.0: the page is open to other computers on the network" in warning
    assert re.search(r"serving on http://127\.0\.0\.1:\d+/", serving)


def test_the_emergency_page_by_its_address_and_empty(client: TestClient) -> None:
    empty = client.get("/emergency")
    assert empty.status_code == 200 and '<html lang="lv">' in empty.text and "<details>" not in empty.text
    linked = client.get("/emergency?" + urlencode({**EMERGENCY_FORM, "lang": "en"}))
    assert linked.status_code == 200 and "98.5 h" in page_text(linked.text, "total")


def test_serve_open_opens_the_address_it_prints(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    environment = {
        **os.environ,
        "BROWSER": f"{sys.executable} -c 'import sys; open(sys.argv[1], \"w\").write(sys.argv[2])' {opened} %s",
    }
    process = subprocess.Popen([sys.executable, "-m", "asistents", "serve", "--port", "0", "--open", "--lang", "en"],
                               stderr=subprocess.PIPE, text=True, env=environment)  # fmt: skip
    assert process.stderr is not None
    try:
        serving = process.stderr.readline()
        for _ in range(100):
            if opened.exists() and opened.read_text():
                break
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()
    url = re.search(r"http://\S+/", serving)
    assert url is not None and opened.read_text() == url.group(0)
