"""The player in a real headless browser (Debian's chromium driven by Selenium), on real renders.

The example article is rendered with espeak-ng (word times measured by the engine), its
``--embed`` snippet is pasted into the example page in place of the site's own player, and the
page is served on loopback with byte ranges, as a real web server serves audio. axe-core comes
from the npm registry (``npm ci --prefix tests/browser``).

Skipped where no chromium (or no axe-core) is installed, unless VOXPRESS_REQUIRE_BROWSER=1 (as
in CI), which makes a missing browser or axe-core a failure instead.
"""

from __future__ import annotations

import functools
import html
import io
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from voxpress.render import Renderer, RenderOptions

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "kyiv-independent-nato.html"
HEADINGS = HERE / "fixtures" / "headings.html"
AXE = HERE / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SLUG = "at-least-7-countries-resisting-ukraines-nato-membership"
PAGE_SLUG = "how-the-grid-survived-the-winter"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("VOXPRESS_REQUIRE_BROWSER") == "1"

if not (CHROMIUM and CHROMEDRIVER):
    if REQUIRED:
        raise RuntimeError(
            "VOXPRESS_REQUIRE_BROWSER=1 but chromium and chromedriver are not installed"
        )
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

webdriver = pytest.importorskip("selenium.webdriver")
import itertools

from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


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
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()


def paste(page: str, snippet: str) -> str:
    """The example page with the snippet where the site's own audio player was."""
    pasted, n = re.subn(
        r'<div class="article-audio-player".*?</div>', lambda _: snippet, page, flags=re.DOTALL
    )
    assert n == 1
    return pasted


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    Renderer(RenderOptions(out_dir=out, embed=True)).render_source(str(EXAMPLE))
    Renderer(RenderOptions(out_dir=out, player=True)).render_source(str(HEADINGS))
    page = EXAMPLE.read_text(encoding="utf-8")
    (out / "article.html").write_text(paste(page, (out / f"{SLUG}.embed.html").read_text()))
    (out / "plain.html").write_text(page)
    (out / "no-text.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>Audio only</title></head><body><main>"
        f"<h1>Audio only</h1>{(out / f'{SLUG}.embed.html').read_text()}</main></body></html>"
    )
    return out


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RangeHandler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
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
        "--window-size=1000,800",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    yield driver
    driver.quit()


def wait_for(driver, script: str, timeout: float = 10.0, *args: Any) -> Any:
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = driver.execute_script(script, *args)
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script} (last value {value!r})")


P = "var p = document.querySelector('voxpress-player'), a = p.audio, s = p.shadowRoot;"
"""Prefix for scripts: the player, its audio element and its shadow root."""

HIGHLIGHTED = """
function marked(name) {
  var h = CSS.highlights.get(name);
  return h ? Array.from(h).map(function (r) { return r.toString(); }).join('|') : '';
}
"""


def open_player(driver, url: str) -> dict[str, Any]:
    """Load ``url`` and wait for its player; the manifest data the player holds."""
    driver.get(url)
    wait_for(driver, P + "return p && p._data && a.readyState >= 1")
    return driver.execute_script(P + "return p._data")


def compact(text: str) -> str:
    return re.sub(r"[\s\u00ad]", "", text)


def start(driver, t: float, rate: float = 1.0) -> None:
    """Play from ``t`` at ``rate``, through the player's own controls' code paths."""
    driver.execute_script(P + f"a.playbackRate = {rate}; p.seekTo({t}); p.play();")
    wait_for(driver, P + f"return !a.paused && a.currentTime > {t}")


def test_the_snippet_finds_every_sentence_of_the_article_in_the_page(browser, base: str) -> None:
    data = open_player(browser, base + "article.html")
    start(browser, 0)  # the text is looked for when the listener first presses play
    browser.execute_script(P + "a.pause()")
    found = browser.execute_script(
        P
        + """return p._data.segments.map(function (g) {
            return g.from < 0 ? null : p._index.text.slice(g.from, g.to); });"""
    )
    segments = data["segments"]
    for seg, text in zip(segments, found):
        if seg["kind"] in ("title", "sentence"):
            assert text == compact(seg["written"]), seg["written"]
    # the byline is said "By Kateryna Denisova." but the page writes "by Kateryna Denisova"
    assert [s["kind"] for s, t in zip(segments, found) if t is None] == ["byline"]


def follow_at_double_speed(browser, manifest: dict[str, Any], first: int) -> str:
    """Play from segment ``first`` at 2x for 600 animation frames; check in every frame that the
    sentence and the word highlighted are the ones the audio clock is in, within that frame.
    What was measured, in words."""
    segments = manifest["segments"]
    start(browser, segments[first]["start"], rate=2.0)
    # sampled in every animation frame after the player's own update (callbacks run in the
    # order they were asked for), so each sample is what is painted against the audio clock
    browser.execute_script(
        HIGHLIGHTED
        + P
        + """window.frames_seen = [];
        function sample(now) {
          window.frames_seen.push([now, a.currentTime, a.playbackRate, marked('voxpress-word'),
                                   marked('voxpress-sentence'), p.segmentIndex, p.wordIndex]);
          if (window.frames_seen.length < 600) requestAnimationFrame(sample);
        }
        requestAnimationFrame(sample);"""
    )
    wait_for(browser, "return window.frames_seen.length >= 600", timeout=60)
    browser.execute_script(P + "a.pause()")
    frames = browser.execute_script("return window.frames_seen")

    # every word as (segment, word, start, end of its turn: the next word's start or the
    # segment's end; then no word is marked until the next segment)
    spans = []
    for i, seg in enumerate(segments):
        words = seg["words"] or []
        for j, w in enumerate(words):
            nxt = words[j + 1]["start"] if j + 1 < len(words) else seg["end"]
            spans.append((i, j, w["start"], nxt))
    order = {(i, j): n for n, (i, j, _, _) in enumerate(spans)}

    errors, seen, last, late = [], set(), -1, []
    for prev, (now, t, rate, word, sentence, i, j) in itertools.pairwise(frames):
        if rate != 2 or t <= segments[first]["start"]:
            continue
        frame = (now - prev[0]) / 1000 * rate  # audio seconds in this animation frame
        assert sentence and compact(sentence) == compact(segments[i]["written"])
        if not segments[i]["words"]:  # not timed by word: the sentence alone is marked
            assert j < 0 and word == ""
            continue
        if j < 0:  # no word: the sentence's lead-in before its first word, or its speech is over
            lead_in = t <= segments[i]["words"][0]["start"] + frame + 0.001
            assert lead_in or t >= segments[i]["end"] - frame - 0.001, (t, segments[i]["end"])
            continue
        assert compact(word) == compact(segments[i]["words"][j]["text"])
        n = order[(i, j)]
        assert n >= last, "the highlight went back"
        _, _, a, b = spans[n]
        if last >= 0 and n != last:  # the next word: how far past its start it is first shown
            late.append(t - a)
        last = n
        seen.add(n)
        error = max(0.0, a - t, t - b)  # the clock outside the word's turn
        errors.append(error)
        assert error <= frame + 0.001, (t, spans[n], segments[i]["words"][j]["text"])
    end = frames[-1][1]
    played = [n for n, (_, _, a, b) in enumerate(spans) if segments[first]["start"] <= a < b <= end]
    assert len(seen) >= 0.9 * len(played) > 20  # a dropped frame may skip a short word
    late.sort()
    return (
        f"{len(errors)} frames, {len(seen)} words shown, worst error {max(errors) * 1000:.1f} ms;"
        f" a word is first shown {late[len(late) // 2] * 1000:.0f} ms (median),"
        f" {late[-1] * 1000:.0f} ms (max) of audio after its start (a frame: ~33 ms at 2x)"
    )


def test_words_are_highlighted_in_order_and_on_time_at_double_speed(
    browser, site: Path, base: str
) -> None:
    open_player(browser, base + "article.html")
    manifest = json.loads((site / f"{SLUG}.json").read_text())
    assert manifest["word_timing"] == "measured"  # espeak-ng timed every word
    found = follow_at_double_speed(browser, manifest, first=3)  # "Belgium, Slovenia and Spain"
    print(f"\nespeak-ng, highlighted word vs audio clock at 2x: {found}")


def test_piper_words_are_highlighted_too(browser, site: Path, base: str) -> None:
    pytest.importorskip("piper")
    out = site / "piper"
    Renderer(RenderOptions(out_dir=out, voice="joe", embed=True)).render_source(str(EXAMPLE))
    snippet = (out / f"{SLUG}.embed.html").read_text()
    (out / "article.html").write_text(paste(EXAMPLE.read_text(encoding="utf-8"), snippet))
    open_player(browser, base + "piper/article.html")
    manifest = json.loads((out / f"{SLUG}.json").read_text())
    timed = [bool(s["words"]) for s in manifest["segments"]]
    # Piper's alignments give words where its phoneme words match the text's one to one
    assert manifest["word_timing"] in ("measured", "partial") and sum(timed) > len(timed) / 2
    found = follow_at_double_speed(browser, manifest, first=timed.index(True, 3))
    print(f"\nPiper ({sum(timed)} of {len(timed)} segments timed by word), at 2x: {found}")


def test_chromium_hears_each_sentence_where_the_manifest_says(
    browser, site: Path, base: str
) -> None:
    """The MP3 as Chromium decodes it (no encoder delay left in): every sentence after a pause
    starts sounding within 30 ms of its first word's time in the manifest."""
    open_player(browser, base + "article.html")
    manifest = json.loads((site / f"{SLUG}.json").read_text())
    decoded = browser.execute_async_script(
        f"""var done = arguments[arguments.length - 1];
        fetch('{SLUG}.mp3').then(function (r) {{ return r.arrayBuffer(); }})
          .then(function (b) {{ return new OfflineAudioContext(1, 1, 22050).decodeAudioData(b); }})
          .then(function (buf) {{
            var x = buf.getChannelData(0), rate = buf.sampleRate, quiet = 0, onsets = [];
            for (var i = 0; i < x.length; i++) {{
              if (Math.abs(x[i]) < 0.02) {{ quiet++; continue; }}
              if (quiet >= 0.2 * rate) onsets.push(i / rate);  // sound after 200 ms of quiet
              quiet = 0;
            }}
            done([x.length / rate, onsets]);
          }}, function (e) {{ done(String(e)); }});"""
    )
    length, onsets = decoded
    assert abs(length - manifest["duration"]) < 0.002
    firsts = [s["words"][0]["start"] for s in manifest["segments"][1:]]
    errors = []
    for t in firsts:
        near = min(onsets, key=lambda o: abs(o - t))
        errors.append(near - t)
    assert all(-0.005 <= e <= 0.030 for e in errors), errors
    print(
        f"\nfirst sound vs first word time, {len(errors)} sentences, Chromium's decoding:"
        f" {min(errors) * 1000:+.1f} to {max(errors) * 1000:+.1f} ms"
    )


def test_clicking_a_sentence_plays_from_it(browser, base: str) -> None:
    data = open_player(browser, base + "article.html")
    start(browser, 0)
    target = next(
        n for n, s in enumerate(data["segments"]) if s["written"].startswith("Two other countries")
    )
    x, y = browser.execute_script(
        P
        + f"""var g = p._data.segments[{target}], r = document.createRange();
        r.setStart(p._index.nodes[p._index.owner[g.from]], p._index.offset[g.from]);
        r.collapse(true);
        r.startContainer.parentElement.scrollIntoView({{block: 'center'}});
        var rect = r.getBoundingClientRect();
        return [rect.left + 30, rect.top + rect.height / 2];"""
    )
    ActionChains(browser).move_by_offset(0, 0).perform()
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.w3c_actions.pointer_action.click()
    actions.perform()
    begin = data["segments"][target]["start"]
    wait_for(browser, P + f"return p.segmentIndex === {target} && a.currentTime >= {begin}")
    assert browser.execute_script(P + "return !a.paused && a.currentTime") < begin + 1.0
    sentence = browser.execute_script(HIGHLIGHTED + "return marked('voxpress-sentence')")
    assert compact(sentence) == compact(data["segments"][target]["written"])


FOCUSED = """
var f = document.activeElement;
while (f && f.shadowRoot && f.shadowRoot.activeElement) f = f.shadowRoot.activeElement;
var style = f ? getComputedStyle(f) : null;
return f && [f.tagName.toLowerCase(), f.className, f.getAttribute('aria-label') || f.textContent,
             style.outlineStyle, style.outlineWidth];
"""


def press(driver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def test_every_control_works_from_the_keyboard(browser, base: str) -> None:
    data = open_player(browser, base + f"{PAGE_SLUG}.html")
    browser.execute_script("localStorage.clear()")

    def said(text: str) -> None:  # what the status region announces (events come as tasks)
        status = "return s.querySelector('[role=status]').textContent === arguments[0]"
        wait_for(browser, P + status, 10, text)

    # from the top of the page, Tab reaches the play button first (the links come before)
    browser.find_element(By.TAG_NAME, "body").click()
    for _ in range(5):
        press(browser, Keys.TAB)
        if browser.execute_script(FOCUSED)[1] == "play":
            break
    tag, _, name, outline, width = browser.execute_script(FOCUSED)
    assert (tag, name, outline, width) == ("button", "Play", "solid", "3px")  # visible focus
    press(browser, Keys.ENTER)
    wait_for(browser, P + "return !a.paused && a.currentTime > 0.2")
    said("Playing")
    assert browser.execute_script(FOCUSED)[2] == "Pause"  # the name says what it does now
    press(browser, Keys.SPACE)
    wait_for(browser, P + "return a.paused")
    said("Paused")

    def at() -> float:
        return browser.execute_script(P + "return a.currentTime")

    press(browser, Keys.TAB, Keys.TAB)
    assert browser.execute_script(FOCUSED)[2] == "Forward 15 seconds"
    before = at()
    press(browser, Keys.ENTER)
    assert abs(at() - (before + 15)) < 0.01
    ActionChains(browser).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert browser.execute_script(FOCUSED)[2] == "Back 15 seconds"
    press(browser, Keys.ENTER)
    assert abs(at() - before) < 0.01
    press(browser, Keys.TAB, Keys.TAB)
    assert browser.execute_script(FOCUSED)[:3] == ["input", "", "Position"]
    press(browser, Keys.ARROW_RIGHT)
    assert abs(at() - (before + 5)) < 0.01
    press(browser, Keys.PAGE_UP)
    assert abs(at() - (before + 35)) < 0.01
    press(browser, Keys.HOME)
    assert at() == 0
    valuetext = browser.execute_script(
        P + "return s.querySelector('input').getAttribute('aria-valuetext')"
    )
    assert valuetext == f"0:00 of 0:{round(data['duration']) // 1:02d}" or valuetext.startswith(
        "0:00 of "
    )

    press(browser, Keys.TAB)
    assert browser.execute_script(FOCUSED)[0] == "select"  # speed
    press(browser, Keys.ARROW_DOWN)
    wait_for(browser, P + "return a.playbackRate === 1.25")
    said("Speed 1.25 times")
    press(browser, Keys.TAB)
    assert browser.execute_script(FOCUSED)[0] == "select"  # chapter
    chapters = data["chapters"]
    assert [c["title"] for c in chapters][1:] == [
        "The first attacks",
        "A long January",
        "What comes next",
    ]
    press(browser, Keys.ARROW_DOWN)
    wait_for(browser, P + f"return Math.abs(a.currentTime - {chapters[1]['start']}) < 0.01")
    said("Chapter: The first attacks")

    starts = [s["start"] for s in data["segments"]]
    here = min(range(len(starts)), key=lambda k: abs(starts[k] - chapters[1]["start"]))
    press(browser, Keys.TAB)
    assert browser.execute_script(FOCUSED)[2] == "Previous sentence"
    press(browser, Keys.ENTER)
    assert abs(at() - starts[here - 1]) < 0.01
    press(browser, Keys.TAB)
    assert browser.execute_script(FOCUSED)[2] == "Next sentence"
    press(browser, Keys.ENTER, Keys.ENTER)
    assert abs(at() - starts[here + 1]) < 0.01
    press(browser, Keys.TAB)
    tag, _, name, outline, _ = browser.execute_script(FOCUSED)
    assert (tag, name, outline) == ("a", "Download audio", "solid")
    href = browser.execute_script(P + "return s.querySelector('a.dl').href")
    assert href == base + f"{PAGE_SLUG}.mp3"
    # the speed is remembered on the next visit
    open_player(browser, base + f"{PAGE_SLUG}.html")
    assert browser.execute_script(
        P + "return [a.playbackRate, s.querySelector('select').value]"
    ) == [1.25, "1.25"]
    browser.execute_script("localStorage.clear()")


def test_the_page_follows_the_voice_unless_the_listener_scrolls_away(browser, base: str) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]},
    )
    try:
        data = open_player(browser, base + "article.html")
        segments = data["segments"]
        n = next(i for i, s in enumerate(segments) if s["written"].startswith("Zelensky said"))
        start(browser, 0)  # the text is found on the first play
        browser.execute_script(P + "a.pause()")
        # the sentence before is at the bottom of the window, the next one out of sight
        browser.execute_script(
            P
            + f"""var g = p._data.segments[{n - 1}], r = document.createRange();
            r.setStart(p._index.nodes[p._index.owner[g.from]], p._index.offset[g.from]);
            r.setEnd(p._index.nodes[p._index.owner[g.to - 1]], p._index.offset[g.to - 1] + 1);
            window.scrollBy(0, r.getBoundingClientRect().bottom - innerHeight + 5);"""
        )
        scrolled = browser.execute_script("return scrollY")
        browser.execute_script(P + f"p.seekTo({segments[n]['start'] - 0.3})")  # paused: no move
        wait_for(browser, P + f"return p.segmentIndex === {n - 1}")
        assert browser.execute_script("return scrollY") == scrolled
        browser.execute_script(P + "p.play()")
        wait_for(browser, P + f"return p.segmentIndex === {n}")
        wait_for(browser, f"return scrollY > {scrolled}")  # followed, at once (reduced motion)
        # the listener scrolls back to the top: the page no longer moves
        browser.execute_script("window.scrollTo(0, 0)")
        browser.execute_script(P + f"a.currentTime = {segments[n + 1]['start'] - 0.3}")
        wait_for(browser, P + f"return p.segmentIndex === {n + 1}")
        time.sleep(0.3)
        assert browser.execute_script("return scrollY") == 0
        # pausing stops everything that moves (WCAG 2.2.2)
        browser.execute_script(P + "a.pause()")
        snapshot = HIGHLIGHTED + P + "return [a.currentTime, marked('voxpress-word'), scrollY];"
        before = browser.execute_script(snapshot)
        time.sleep(1.0)
        assert browser.execute_script(snapshot) == before
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def axe(driver, context: str = "document") -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 AA violations on the current page: (rule, element) pairs."""
    if not AXE.is_file():
        if REQUIRED:
            raise RuntimeError("VOXPRESS_REQUIRE_BROWSER=1 but axe-core is not installed")
        pytest.skip("axe-core is not installed (npm ci --prefix tests/browser)")
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    return driver.execute_async_script(
        f"""var done = arguments[arguments.length - 1];
        axe.run({context}, {{runOnly: {{type: 'tag', values: {json.dumps(tags)}}}}})
          .then(function (r) {{
            done([].concat.apply([], r.violations.map(function (v) {{
              return v.nodes.map(function (n) {{ return [v.id, n.target.join(' > ')]; }});
            }})));
          }}, function (e) {{ done([['axe failed', String(e)]]); }});"""
    )


def test_axe_finds_nothing_in_the_player_nor_on_its_own_page(browser, base: str) -> None:
    open_player(browser, base + f"{PAGE_SLUG}.html")
    start(browser, 1.0)  # with the highlight showing and the button saying "Pause"
    browser.execute_script(P + "a.pause()")
    assert axe(browser) == []


def test_the_snippet_adds_nothing_to_the_articles_axe_report(browser, base: str) -> None:
    browser.get(base + "plain.html")
    page_own = axe(browser)  # the example page itself, unstyled here: small nav links
    open_player(browser, base + "article.html")
    start(browser, 1.0)
    browser.execute_script(P + "a.pause()")
    assert axe(browser, "{include: [['voxpress-player'], ['.post-content']]}") == []
    assert sorted(axe(browser)) == sorted(page_own)
    print(
        f"\nthe example page's own axe findings (not the player's): {sorted({r for r, _ in page_own})}"
    )


def test_the_audio_alone_works_where_the_text_is_not_on_the_page(browser, base: str) -> None:
    open_player(browser, base + "no-text.html")
    start(browser, 0)
    assert browser.execute_script(P + "return p.located") == 0
    assert browser.execute_script(HIGHLIGHTED + "return marked('voxpress-word')") == ""
    browser.execute_script(P + "a.pause()")


def test_the_stand_alone_page_works_opened_from_disk(browser, site: Path) -> None:
    data = open_player(browser, (site / f"{PAGE_SLUG}.html").as_uri())
    assert browser.execute_script(P + "return a.src") == (site / f"{PAGE_SLUG}.mp3").as_uri()
    start(browser, data["segments"][2]["start"])
    assert browser.execute_script(P + "return p.located") == len(data["segments"])
    browser.execute_script(P + "a.pause()")


def test_nothing_from_the_manifest_reaches_the_page_but_text(
    browser, site: Path, base: str
) -> None:
    evil = '<img src=x onerror="window.pwned=1">'
    manifest = json.loads((site / f"{SLUG}.json").read_text())
    manifest["chapters"] = [
        {"title": evil, "start": 0, "end": 1},
        {"title": "Two", "start": 1, "end": 2},
    ]
    manifest["segments"][0]["written"] = evil
    (site / "evil.json").write_text(json.dumps(manifest))
    (site / "js-audio.json").write_text(
        json.dumps({**manifest, "mp3": "javascript:window.pwned=1"})
    )
    player_js = "<script src='voxpress-player.js'></script>"
    (site / "evil.html").write_text(
        f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main><p>{html.escape(evil)}</p>"
        "<voxpress-player src='evil.json' policy='javascript:window.pwned=1' label='<b>x</b>'>"
        f"</voxpress-player>{player_js}</main></body></html>"
    )
    open_player(browser, base + "evil.html")
    start(browser, 0)
    shadow = browser.execute_script(P + "return s.innerHTML")
    assert "<img" not in shadow and "&lt;img src=x" in shadow and "javascript" not in shadow
    assert "&lt;b&gt;x&lt;/b&gt;" in shadow and "How we use AI" not in shadow  # no such link
    assert not browser.execute_script("return window.pwned")
    # an audio URL that is not http(s) or relative is refused: the element's content shows
    (site / "js-audio.html").write_text(
        "<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>"
        "<voxpress-player src='js-audio.json'><p>Listen on our app</p>"
        f"</voxpress-player>{player_js}</body></html>"
    )
    browser.get(base + "js-audio.html")
    wait_for(browser, P + "return s.querySelector('slot')")
    assert not browser.execute_script("return window.pwned")
