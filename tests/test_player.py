"""The player page in a real headless browser (Debian's chromium driven by Selenium).

Skipped where no chromium is installed, unless VOXPRESS_REQUIRE_BROWSER=1 (as in CI), which makes
a missing browser a failure instead.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from voxpress.render import Renderer, RenderOptions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "headings.html"
SLUG = "how-the-grid-survived-the-winter"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("VOXPRESS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(
            "VOXPRESS_REQUIRE_BROWSER=1 but chromium and chromedriver are not installed"
        )
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select


class RangeHandler(SimpleHTTPRequestHandler):
    """Static files with byte ranges, as every real web server serves audio (seeking needs it)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        start = int(match.group(1))
        end = int(match.group(2)) if match.group(2) else len(data) - 1
        body = data[start : end + 1]
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{start + len(body) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        import io

        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("player")
    Renderer(RenderOptions(out_dir=out, player=True)).render_source(str(FIXTURE))
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RangeHandler, directory=str(out))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SLUG}.html"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def wait_for(driver, script: str, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script} (last value {value!r})")


def state(driver) -> dict:
    return driver.execute_script(
        "var a=document.getElementById('audio'), c=document.querySelector('.s.current');"
        "return {time:a.currentTime, paused:a.paused, rate:a.playbackRate, current:c&&c.id,"
        " aria:c&&c.getAttribute('aria-current')};"
    )


def test_click_seeks_and_the_highlight_follows_playback(browser, page_url: str) -> None:
    browser.get(page_url)
    wait_for(browser, "return document.getElementById('audio').readyState >= 1")
    spans = browser.find_elements(By.CSS_SELECTOR, ".s")
    target = next(s for s in spans if s.text.startswith("January brought the longest outages"))
    following = spans[spans.index(target) + 1]
    start = float(target.get_attribute("data-start"))
    next_start = float(following.get_attribute("data-start"))
    target.click()
    wait_for(
        browser,
        f"var a=document.getElementById('audio'); return !a.paused && a.currentTime >= {start}",
    )
    st = state(browser)
    assert st["current"] == target.get_attribute("id") and st["aria"] == "true"
    assert start <= st["time"] < next_start
    # let it play on at double speed: the highlight moves to the next sentence by itself
    Select(browser.find_element(By.ID, "speed")).select_by_value("2")
    assert state(browser)["rate"] == 2
    wait_for(
        browser,
        f"return document.querySelector('.s.current').id === '{following.get_attribute('id')}'",
        timeout=(next_start - start) / 2 + 10,
    )
    assert state(browser)["time"] >= next_start


def test_keyboard_seek_and_accessibility(browser, page_url: str) -> None:
    browser.get(page_url)
    wait_for(browser, "return document.getElementById('audio').readyState >= 1")
    spans = browser.find_elements(By.CSS_SELECTOR, ".s")
    assert all(
        s.get_attribute("role") == "button" and s.get_attribute("tabindex") == "0" for s in spans
    )
    assert all(s.get_attribute("aria-label").startswith("Play from: ") for s in spans)
    heading = next(s for s in spans if s.text == "What comes next")
    heading.send_keys(Keys.ENTER)
    start = float(heading.get_attribute("data-start"))
    wait_for(browser, f"return document.getElementById('audio').currentTime >= {start}")
    assert state(browser)["current"] == heading.get_attribute("id")
    region = browser.find_element(By.CSS_SELECTOR, "[role=region]")
    assert region.get_attribute("aria-label") == "Audio player"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    # self-contained: no external assets
    html = browser.page_source
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", html)
