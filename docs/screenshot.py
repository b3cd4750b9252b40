"""Make docs/player.png: the embedded player on the example page, mid-sentence.

Renders examples/kyiv-independent-nato.html with --embed (espeak-ng), pastes the snippet where
the site's own player was (as tests/test_player.py does), serves the folder on loopback and
takes the screenshot in headless Chromium while a word is being highlighted. The example page's
stylesheet is not in the repository; a few lines of plain article CSS stand in for it.

    python docs/screenshot.py
"""

from __future__ import annotations

import functools
import io
import re
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from voxpress.render import Renderer, RenderOptions

ROOT = Path(__file__).resolve().parent.parent
SLUG = "at-least-7-countries-resisting-ukraines-nato-membership"
STAND_IN_CSS = (
    "<style>body{font:18px/1.6 Georgia,serif;max-width:44rem;margin:0 auto;padding:0 1rem;"
    "color:#1a1a1a}.site-header,.gh-admin-bar,.membership-banner,.skip-link,.post-tag{display:none}"
    "h1{font-size:2rem;line-height:1.2}</style>"
)


class Quiet(SimpleHTTPRequestHandler):
    """Static files, quietly, with the byte ranges a browser needs to seek in audio."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        match = re.fullmatch(r"bytes=(\d+)-", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file():
            return super().send_head()
        data = path.read_bytes()[int(match.group(1)) :]
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header(
            "Content-Range",
            f"bytes {match.group(1)}-{path.stat().st_size - 1}/{path.stat().st_size}",
        )
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def main() -> None:
    out = Path(tempfile.mkdtemp())
    Renderer(RenderOptions(out_dir=out, embed=True)).render_source(
        str(ROOT / "examples" / "kyiv-independent-nato.html")
    )
    page = (ROOT / "examples" / "kyiv-independent-nato.html").read_text(encoding="utf-8")
    snippet = (out / f"{SLUG}.embed.html").read_text(encoding="utf-8")
    page = re.sub(
        r'<div class="article-audio-player".*?</div>',
        lambda _: snippet,
        page,
        count=1,
        flags=re.DOTALL,
    )
    (out / "article.html").write_text(page.replace("</head>", STAND_IN_CSS + "</head>"))
    handler = functools.partial(Quiet, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--window-size=900,760",
                "--hide-scrollbars", f"--user-data-dir={tempfile.mkdtemp()}"):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        driver.get(f"http://127.0.0.1:{server.server_address[1]}/article.html")
        player = "var p = document.querySelector('voxpress-player');"
        while not driver.execute_script(player + "return p._data && p.audio.readyState >= 1"):
            time.sleep(0.1)
        driver.execute_script(
            player + "p.scrollIntoView({block: 'start'}); window.scrollBy(0, -12);"
            "p.play(); p.seekTo(p._data.segments[3].words[9].start + 0.05);"
        )
        while not driver.execute_script(
            player + "return p.segmentIndex === 3 && p.wordIndex === 9"
        ):
            time.sleep(0.01)
        driver.execute_script(player + "p.audio.pause()")
        time.sleep(0.5)
        target = ROOT / "docs" / "player.png"
        driver.save_screenshot(str(target))
        print(target, file=sys.stderr)
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
