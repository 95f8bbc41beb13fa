"""The web page in a real browser: headless Chromium (Debian's ``chromium`` and ``chromium-driver``) through
Selenium, against ``asistents serve`` started as a user starts it.

Filled with the keyboard alone (every field reached by Tab and labelled): Līga's month reads 51 h, the whole
emergency of the README reads 98.5 h, the example register's summary is read and its workbook downloaded.
Screenshots of each page at 1280×800 and 390×844 are written to ``build/screenshots`` (or
``$ASISTENTS_SCREENSHOTS``): look at them. Without a browser these tests are skipped, except where
``ASISTENTS_BROWSER_TESTS=required`` (CI): there a missing browser fails them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
SHOTS = Path(os.environ.get("ASISTENTS_SCREENSHOTS") or ROOT / "build" / "screenshots")

if not (CHROMIUM and DRIVER):
    if os.environ.get("ASISTENTS_BROWSER_TESTS") == "required":
        pytest.fail("headless Chromium is needed: apt-get install chromium chromium-driver", pytrace=False)
    pytest.skip("no Chromium here (apt-get install chromium chromium-driver)", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """``asistents serve --port 0``: the address it prints."""
    process = subprocess.Popen(
        [sys.executable, "-m", "asistents", "serve", "--port", "0", "--lang", "en"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"http://\S+/", line)
    assert found, line
    try:
        yield found.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(DRIVER)))
    driver.implicitly_wait(10)
    try:
        yield driver
    finally:
        driver.quit()


def shoot(driver: WebDriver, name: str) -> None:
    """The page at 1280×800 and at a phone's 390×844, whole length."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (390, 844)):
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, full), 6000))
        driver.save_screenshot(str(SHOTS / f"{name}-{width}x{height}.png"))
    driver.set_window_size(1280, 800)


def from_the_top(driver: WebDriver) -> None:
    """The keyboard's next Tab goes to the page's first control (as on a page just opened), with no click."""
    driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")


def tab_to(driver: WebDriver, element_id: str, limit: int = 200) -> None:
    """Press Tab until the field ``element_id`` has the focus: it is reachable by the keyboard."""
    for _ in range(limit):
        if driver.switch_to.active_element.get_attribute("id") == element_id:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"#{element_id} is never reached by Tab")


def type_in(driver: WebDriver, element_id: str, value: str) -> None:
    tab_to(driver, element_id)
    ActionChains(driver).send_keys(value).perform()


def every_control_reachable_and_labelled(driver: WebDriver) -> None:
    """Every input, select and button of the page's forms is reached by Tab, and every field has a label."""
    controls = [
        element
        for element in driver.find_elements(By.CSS_SELECTOR, "form input, form select, form textarea, form button")
        if element.get_attribute("type") != "hidden" and element.is_displayed()
    ]
    from_the_top(driver)
    reached: set[str] = set()
    for _ in range(len(controls) * 2 + 20):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        reached.add(active.id)
    # a group of radio buttons is one stop of Tab (the arrow keys choose within it)
    groups = {c.get_attribute("name") for c in controls if c.get_attribute("type") == "radio" and c.id in reached}
    missing = [
        c.get_attribute("name")
        for c in controls
        if c.id not in reached and not (c.get_attribute("type") == "radio" and c.get_attribute("name") in groups)
    ]
    assert not missing, f"not reached by Tab: {missing}"
    for control in controls:
        if control.tag_name == "button":
            assert control.text.strip()
            continue
        labels = driver.find_elements(By.CSS_SELECTOR, f'label[for="{control.get_attribute("id")}"]')
        assert labels and labels[0].text.strip(), control.get_attribute("name")


def summary_of(driver: WebDriver) -> dict[str, str]:
    terms = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "dl.summary dt")]
    return dict(zip(terms, (e.text for e in driver.find_elements(By.CSS_SELECTOR, "dl.summary dd")), strict=True))


def test_liga_by_keyboard_reads_51_hours(server: str, browser: WebDriver) -> None:
    browser.get(server + "?lang=en")
    every_control_reachable_and_labelled(browser)
    from_the_top(browser)
    type_in(browser, "f-avg", "130")
    type_in(browser, "f-used", "18")
    type_in(browser, "f-weekly", "35")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert browser.find_element(By.ID, "payable").text == "51 h"
    assert "avg=130" in browser.current_url  # the result is a link
    shoot(browser, "calc")
    browser.get(server)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "lv"
    shoot(browser, "calc-empty-lv")


def test_a_whole_emergency_by_keyboard_reads_98_5_hours(server: str, browser: WebDriver) -> None:
    browser.get(server + "emergency?lang=en")
    every_control_reachable_and_labelled(browser)
    from_the_top(browser)
    for i, hours in ((1, "40"), (2, "50"), (3, "30")):
        type_in(browser, f"f-before_{i}", hours)
    type_in(browser, "f-used_1_2020-03", "18")
    type_in(browser, "f-used_1_2020-06", "48")
    type_in(browser, "f-weekly", "35")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert "98.5 h" in browser.find_element(By.ID, "total").text
    shoot(browser, "emergency")


def test_the_example_register_uploaded_summary_read_and_workbook_downloaded(
    server: str, browser: WebDriver, downloads: Path
) -> None:
    from python_calamine import CalamineWorkbook

    browser.get(server + "register?lang=en")
    every_control_reachable_and_labelled(browser)
    browser.find_element(By.ID, "f-file").send_keys(str(ROOT / "examples" / "emergency_register.csv"))
    shoot(browser, "register-upload")
    browser.find_element(By.ID, "f-file").submit()
    figures = summary_of(browser)
    assert figures["Persons"] == "12" and figures["Months over the rules"] == "2"
    shoot(browser, "register-results")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Results workbook").click()
    workbook = downloads / "results.xlsx"
    for _ in range(100):
        if workbook.exists():
            break
        time.sleep(0.1)
    book = CalamineWorkbook.from_path(str(workbook))
    rows = book.get_sheet_by_index(0).to_python()
    assert book.sheet_names == ["Results", "Persons", "Summary"]
    assert len(rows) == 1 + 48 + 1  # the header, a row for each person's month, the totals


def test_a_column_in_doubt_shown_in_red_then_chosen_by_keyboard(
    server: str, browser: WebDriver, tmp_path: Path
) -> None:
    from selenium.webdriver.support.ui import Select

    register = tmp_path / "in_doubt.csv"
    register.write_text("Nr.p.k.;Vidēji (h);Izmantotas (h);Nedēļā (EUR)\n1;130;18;35\n", "utf-8")
    browser.get(server + "register?lang=en")
    browser.find_element(By.ID, "f-file").send_keys(str(register))
    browser.find_element(By.ID, "f-file").submit()
    problem = browser.find_element(By.CSS_SELECTOR, "tr.problem")
    assert "Nedēļā (EUR)" in problem.text
    assert problem.find_element(By.TAG_NAME, "th").value_of_css_property("color") == "rgba(164, 0, 0, 1)"  # red
    assert not browser.find_elements(By.ID, "summary-title")  # nothing computed
    shoot(browser, "register-in-doubt")
    select = problem.find_element(By.TAG_NAME, "select")
    select_id = select.get_attribute("id")
    from_the_top(browser)
    tab_to(browser, select_id)
    Select(browser.switch_to.active_element).select_by_value("weekly")  # as a keyboard's arrows would
    tab_to(browser, "read-again")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    assert summary_of(browser)["Total payable hours"] == "51"
