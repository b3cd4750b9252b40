"""Extraction time on very large pages, voxpress beside trafilatura in the same run.

Two synthetic pages around the real article in examples/ (the issue's bar: a 10 MB page in
under 2 s):

- "realistic": the article plus 9 MB of inline JSON state, 20,000 navigation links and 5,000
  inline SVG icons (what a heavy news front end ships);
- "book": the article plus 120,000 paragraphs of text (voxpress reads the first 250,000
  characters of text and says so).

trafilatura is warmed up on the plain article first, then timed once per page; voxpress is
timed cold (its first extraction in the process: its own imports and language model load) and
warm (the second extraction).

    python benchmarks/large_pages.py
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "examples" / "kyiv-independent-nato.html").read_bytes()


def realistic() -> bytes:
    blob = json.dumps(
        {
            "items": [
                {"id": i, "title": f"Story {i} headline here", "url": f"https://example.com/{i}"}
                for i in range(100_000)
            ]
        }
    ).encode()
    nav = (
        b"<nav><ul>"
        + b"".join(
            b'<li><a href="/s/%d">Section %d link text</a></li>' % (i, i) for i in range(20_000)
        )
        + b"</ul></nav>"
    )
    svg = b'<svg viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"/></svg>' * 5_000
    return BASE.replace(
        b"</body>",
        b"<script type='application/json'>" + blob + b"</script>" + nav + svg + b"</body>",
    )


def book() -> bytes:
    para = b"<p>The committee met again on a grey morning and read the long report aloud, page by page.</p>"
    return BASE.replace(b"</body>", b"<div>" + para * 120_000 + b"</div></body>")


def timed(fn, page: bytes) -> tuple[float, float]:
    t0 = time.perf_counter()
    fn(page)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    fn(page)
    return cold, time.perf_counter() - t0


def main() -> int:
    from voxpress.extract import extract_html

    def voxpress(page: bytes) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extract_html(page)

    def trafilatura(page: bytes) -> None:
        import trafilatura as t

        t.extract(page, include_comments=False)

    logging.getLogger("voxpress").setLevel(logging.ERROR)  # the book page's cut-off warning
    print(f"{'page':<10} {'MB':>5}  {'voxpress cold':>13} {'warm':>6}  {'trafilatura':>11}")
    trafilatura(BASE)
    for name, build in (("realistic", realistic), ("book", book)):
        page = build()
        cold, warm = timed(voxpress, page)
        t0 = time.perf_counter()
        trafilatura(page)
        print(
            f"{name:<10} {len(page) / 1e6:5.1f}  {cold:12.2f}s {warm:5.2f}s  {time.perf_counter() - t0:10.2f}s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
