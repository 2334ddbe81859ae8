"""The HTML report in real headless Chromium: loads cleanly, links sentences, runs no injected code.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them) and selenium;
skipped cleanly when any of them is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from analysis.corpus.loader import Corpus, load_corpus
from analysis.report import ReportConfig, build_report
from tests.report_data import HOSTILE_ARTICLES, THREE_ARTICLES

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip("selenium.webdriver")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if CHROMIUM is None or CHROMEDRIVER is None:
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

FAST = ReportConfig(n_resamples=99)


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    options.binary_location = str(CHROMIUM)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    except WebDriverException as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"headless Chromium does not start: {exc.msg}")
    yield browser
    browser.quit()


def _open(driver: Any, html: str, path: Path) -> list[dict[str, Any]]:
    """Load *html* from *path*; returns the console messages of the load."""
    path.write_text(html, encoding="utf-8")
    driver.get_log("browser")  # drop messages of earlier pages
    driver.get(path.as_uri())
    driver.find_element("id", "status")
    return driver.get_log("browser")


def _problems(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")]


@pytest.fixture(scope="module")
def seed_html(seed_corpus: Corpus) -> str:
    return build_report(seed_corpus, config=FAST).as_html()


def _write_event(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _hover(driver: Any, element: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    ActionChains(driver).move_to_element(element).perform()


def test_seed_page_loads_without_console_errors(driver: Any, seed_html: str, tmp_path: Path):
    log = _open(driver, seed_html, tmp_path / "index.html")
    assert _problems(log) == []
    assert driver.find_elements("css selector", "#findings li")
    assert len(driver.find_elements("css selector", "figure svg")) >= 6
    assert driver.find_elements("css selector", ".s.unique")


def test_hover_highlights_counterpart_and_shows_similarity(
    driver: Any, seed_html: str, tmp_path: Path
) -> None:
    _open(driver, seed_html, tmp_path / "index.html")
    matched = driver.find_elements("css selector", '.col[data-side="a"] .s.matched')
    assert matched, "no aligned sentence in column A"
    _hover(driver, matched[0])
    active = driver.find_elements("css selector", ".s.active")
    counterparts = driver.find_elements("css selector", '.col[data-side="b"] .s.counterpart')
    assert [el.get_attribute("data-sid") for el in active] == [matched[0].get_attribute("data-sid")]
    assert counterparts
    badge = counterparts[0].find_element("css selector", ".sim").text
    assert 0.0 <= float(badge) <= 1.0
    status = driver.find_element("id", "status").text
    assert "similarity" in status
    assert status.startswith("A sentence")
    driver.save_screenshot("/tmp/storydiff-report-hover.png")

    unique = driver.find_elements("css selector", '.col[data-side="b"] .s.unique')
    assert unique
    _hover(driver, unique[0])
    assert "no counterpart" in driver.find_element("id", "status").text
    assert not driver.find_elements("css selector", ".s.counterpart")


def test_pair_selector_switches_articles(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.support.ui import Select

    corpus = load_corpus(_write_event(tmp_path / "three", THREE_ARTICLES))
    html = build_report(corpus, config=FAST).as_html()
    assert _problems(_open(driver, html, tmp_path / "three.html")) == []

    def visible(side: str) -> list[str]:
        arts = driver.find_elements("css selector", f'.col[data-side="{side}"] .art')
        return [a.get_attribute("data-article") for a in arts if a.is_displayed()]

    assert (visible("a"), visible("b")) == (["alpha"], ["beta"])
    Select(driver.find_element("id", "pair-select")).select_by_index(2)
    assert (visible("a"), visible("b")) == (["beta"], ["gamma"])
    matched = driver.find_elements("css selector", '.col[data-side="a"] .s.matched')
    assert matched
    _hover(driver, matched[0])
    shown = driver.find_elements("css selector", ".s.counterpart")
    assert shown
    assert all(el.is_displayed() for el in shown)


def test_hostile_article_runs_no_injected_script(driver: Any, tmp_path: Path) -> None:
    corpus = load_corpus(_write_event(tmp_path / "hostile", HOSTILE_ARTICLES))
    html = build_report(corpus, config=FAST).as_html()
    log = _open(driver, html, tmp_path / "hostile.html")
    for element in driver.find_elements("css selector", ".s")[:12]:
        _hover(driver, element)
    assert driver.execute_script("return window.__pwned === undefined;")
    assert _problems(log + driver.get_log("browser")) == []
    # The hostile text is shown as text, and the javascript: URL is not a link.
    page_text = driver.find_element("tag name", "body").text
    assert "<script>window.__pwned=1</script>" in page_text
    assert not driver.find_elements("css selector", 'a[href^="javascript"]')
    assert not driver.find_elements("css selector", "main img, header img, main svg[onload]")
