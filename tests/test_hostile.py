"""A hostile site on loopback: pages, feeds and encodings that attack voxpress (issue #14).

Every test serves its page from a real HTTP server and drives the real library or command.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from voxpress import sources
from voxpress.batch import BatchOptions, expand_inputs, run_batch
from voxpress.errors import SourceError
from voxpress.extract import extract
from voxpress.render import RenderOptions

runner = CliRunner()

ARTICLE = (
    "<html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
    "<article><h1>{title}</h1><p>The first paragraph says something about the world, with "
    "commas, and detail enough to count as article text.</p><p>A second paragraph follows it, "
    "also long enough to be an article paragraph, naturally.</p></article></body></html>"
)


def page(title: str = "Hostile news", head: str = "") -> str:
    return ARTICLE.format(title=title, head=head)


def urlset(*locs: str) -> bytes:
    items = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    ).encode()


def sitemapindex(*locs: str) -> bytes:
    items = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def rss(*links: str) -> bytes:
    items = "".join(
        f"<item><title>t{n}</title><link>{u}</link></item>" for n, u in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>'
        f"<link>http://x/</link><description>d</description>{items}</channel></rss>"
    ).encode()


def _bomb(decoded_mb: int, layers: int) -> bytes:
    """``layers`` of gzip around ``decoded_mb`` MB of one byte: tiny on the wire."""
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"<html><body>" + b"a" * (1024 * 1024 - 12)
    body = c.compress(chunk) + b"".join(
        c.compress(b"a" * (1024 * 1024)) for _ in range(decoded_mb - 1)
    )
    body += c.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "Bad\\u0001 control\\u0000 headline", '
    '"author": {"@type": "Person", "name": "Ann\\u0002 \\ud800 Author"}}</script>'
)

LEGACY = {
    # path: (codec, title, body sentence)
    "/cp1251": (
        "windows-1251",
        "Новости дня",
        "Первый абзац рассказывает о мире, с запятыми и подробностями, достаточными для статьи.",
    ),
    "/greek": (
        "iso-8859-7",
        "Ειδήσεις της ημέρας",
        "Η πρώτη παράγραφος λέει κάτι για τον κόσμο, με κόμματα και αρκετές λεπτομέρειες.",
    ),
    "/sjis": (
        "shift_jis",
        "今日のニュース",
        "最初の段落は世界について何かを語っています。記事の本文として十分な長さがあります。",
    ),
}


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    bombs: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, body: bytes, ctype: str = "text/html", status: int = 200, **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1  # type: ignore[attr-defined]
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/article" or path.startswith("/news/"):
            self.send(page().encode(), "text/html; charset=utf-8")
        elif path == "/sitemap-local.txt":
            home = str(Path.home() / ".bashrc")
            body = urlset(
                "/etc/passwd",
                "file:///etc/passwd",
                home,
                "~/.ssh/id_rsa",
                "news/relative",
                "javascript:alert(1)",
            )
            self.send(body + b"\n", "text/plain")
        elif path == "/feed-local.rss":
            self.send(
                rss("/etc/passwd", "file:///etc/hostname", "news/one", f"{base}/news/two"),
                "application/rss+xml",
            )
        elif path == "/sitemap.xml":
            self.send(urlset(f"{base}/news/a", f"{base}/news/b"), "application/xml")
        elif path == "/feed.xml":
            self.send(rss(f"{base}/news/c", f"{base}/news/d"), "application/rss+xml; charset=utf-8")
        elif path == "/atom.xml":
            atom = (
                '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
                f'<entry><title>e</title><link href="{base}/news/e"/><id>e</id></entry></feed>'
            )
            self.send(atom.encode(), "application/atom+xml")
        elif path == "/sitemap-a.xml":
            self.send(sitemapindex(f"{base}/sitemap-a.xml", f"{base}/sitemap-b.xml"), "text/plain")
        elif path == "/sitemap-b.xml":
            self.send(
                sitemapindex(f"{base}/sitemap-a.xml", f"{base}/sitemap-leaf.xml"), "text/plain"
            )
        elif path == "/sitemap-leaf.xml":
            self.send(urlset(f"{base}/news/leaf"), "text/plain")
        elif path.startswith("/sitemap-deep-"):
            n = int(path.rsplit("-", 1)[1].split(".")[0])
            self.send(sitemapindex(f"{base}/sitemap-deep-{n + 1}.xml"), "application/xml")
        elif path == "/og-url-attack":
            head = '<meta property="og:url" content="javascript:alert(document.domain)//">'
            self.send(page(head=head).encode())
        elif path == "/control-chars":
            self.send(page("Bad\x01 control headline", JSON_LD).encode())
        elif path in LEGACY:
            codec, title, sentence = LEGACY[path]
            body = (
                f"<html><head><meta http-equiv='Content-Type' content='text/html; charset={codec}'>"
                f"<title>{title}</title></head><body><article><h1>{title}</h1>"
                + f"<p>{sentence}</p>" * 6
                + "</article></body></html>"
            )
            self.send(body.encode(codec), "text/html")
        elif path == "/to-data":
            self.send(b"", status=302, Location="data:text/html,<p>hi</p>")
        elif path == "/to-file":
            self.send(b"", status=302, Location="file:///etc/passwd")
        elif path in self.bombs:
            encoding = "gzip, " * (path.count("gzip") - 1) + "gzip"
            self.send(self.bombs[path], "text/html", Content_Encoding=encoding)
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                self.wfile.write(b"<html><body><p>")
                for _ in range(300):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
        else:
            self.send(b"not here", "text/plain", status=404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Counter[str]]]:
    Hostile.bombs = {"/bomb-gzip-gzip": _bomb(300, 2), "/bomb-gzip-gzip-gzip": _bomb(300, 3)}
    server = _Server(("127.0.0.1", 0), Hostile)
    server.hits = Counter()  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.hits  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


@pytest.fixture()
def base(site: tuple[str, Counter[str]]) -> str:
    return site[0]


def voxpress(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in a real process: what a user sees on stderr."""
    return subprocess.run(
        [sys.executable, "-m", "voxpress", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# --------------------------------------------------------------------------- 1. local files


def test_a_remote_sitemap_cannot_name_local_files(base: str) -> None:
    found, errors = expand_inputs([f"{base}/sitemap-local.txt"])
    assert errors == []
    home = Path.home().relative_to("/")
    # each entry resolved against the sitemap's own URL: paths on that server, not on this disk
    assert found == [
        f"{base}/etc/passwd",
        f"{base}/{home}/.bashrc",
        f"{base}/~/.ssh/id_rsa",
        f"{base}/news/relative",
    ]


def test_a_remote_feed_cannot_name_local_files(base: str) -> None:
    found, errors = expand_inputs([f"{base}/feed-local.rss"])
    assert errors == []
    assert found == [f"{base}/etc/passwd", f"{base}/news/one", f"{base}/news/two"]


def test_a_local_feed_file_names_only_web_pages(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss("/etc/passwd", "file:///etc/passwd", "https://example.com/a"))
    found, _ = expand_inputs([str(feed)])
    assert found == ["https://example.com/a"]


def test_batch_of_a_hostile_sitemap_renders_no_local_file(base: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_batch(
        [f"{base}/sitemap-local.txt"],
        BatchOptions(render=RenderOptions(out_dir=out), workers=1, base_url="https://e.com/a/"),
    )
    assert all(r.source.startswith(base + "/") for r in report.results)
    assert [r.source for r in report.results if r.status == "rendered"] == [f"{base}/news/relative"]
    assert all("HTTP 404" in (r.error or "") for r in report.failed)
    assert not list(out.glob("passwd*")) and not list(out.glob("*bashrc*"))
    assert "root:" not in "".join(p.read_text() for p in out.glob("*.vtt"))
    assert "root:" not in (out / "feed.xml").read_text()


# --------------------------------------------------------------------------- 2. page URLs


def test_a_javascript_page_url_is_dropped_everywhere(base: str, tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    url = f"{base}/og-url-attack"
    doc = sources.load(url)
    assert extract(doc).url == url  # the fetched URL, not the page's javascript: one
    out = tmp_path / "out"
    result = runner.invoke(app(), ["render", url, "-o", str(out), "--player"])
    assert result.exit_code == 0, result.output
    written = {p.name: p for p in out.iterdir() if not p.name.startswith(".")}
    for name, p in written.items():
        if not name.endswith(".mp3"):
            assert "javascript" not in p.read_text(), name
    mp3 = next(p for n, p in written.items() if n.endswith(".mp3"))
    assert [str(f) for f in ID3(mp3).getall("WOAS")] == [url]
    result = runner.invoke(app(), ["feed", str(out), "--base-url", "https://e.com/a/"])
    assert result.exit_code == 0, result.output
    assert "javascript" not in (out / "feed.xml").read_text()


def test_unsafe_urls_are_not_written_by_publish_feed_or_tags(tmp_path: Path) -> None:
    """Defence in depth: an Article built without extract() still cannot smuggle a URL."""
    from mutagen.id3 import ID3

    from voxpress.feed import FeedOptions, build_feed
    from voxpress.models import Article, Block
    from voxpress.render import Renderer

    bad = "javascript:alert(document.domain)//"
    art = Article("Unsafe link", (Block("paragraph", "One sentence is enough here."),), url=bad)
    out = tmp_path / "out"
    result = Renderer(RenderOptions(out_dir=out, player=True)).render_article(art)
    assert "javascript" not in Path(result.mp3).with_suffix(".html").read_text()
    assert ID3(result.mp3).getall("WOAS") == []
    manifest = Path(result.mp3).with_suffix(".json")
    data = json.loads(manifest.read_text())
    data["url"] = " JaVaScRiPt:alert(1)"  # as an older version or a hand edit may have left it
    manifest.write_text(json.dumps(data))
    assert b"avascript" not in build_feed(out, FeedOptions(base_url="https://e.com/a/")).lower()


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://example.com/a?b=1#c", True),
        ("HTTP://EXAMPLE.COM/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("https:alert(1)", False),
        ("http://exa mple.com/", False),
        ("file:///etc/passwd", False),
        ("/relative/path", False),
    ],
)
def test_safe_url(url: str, safe: bool) -> None:
    from voxpress.sanitize import safe_url

    assert (safe_url(url) is not None) is safe


# --------------------------------------------------------------------------- 3. deadline


def test_a_slow_drip_stops_at_the_deadline(base: str) -> None:
    start = time.monotonic()
    with pytest.raises(SourceError, match="deadline of 2 s"):
        sources.fetch(f"{base}/drip", deadline=2)
    assert time.monotonic() - start < 30  # finished (the drip would last 300 s)


def test_a_batch_source_has_a_deadline(base: str, tmp_path: Path) -> None:
    report = run_batch(
        [f"{base}/drip"],
        BatchOptions(render=RenderOptions(out_dir=tmp_path / "o"), workers=1, fetch_deadline_s=2),
    )
    assert report.counts()["failed"] == 1
    assert "deadline of 2 s" in (report.failed[0].error or "")


def test_the_batch_command_takes_a_fetch_deadline(base: str, tmp_path: Path) -> None:
    done = voxpress("batch", f"{base}/drip", "-o", str(tmp_path / "o"), "--fetch-deadline", "2")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].endswith("within the deadline of 2 s")


# --------------------------------------------------------------------------- 4. layered bombs


def _peak_rss_mb_of(code: str) -> tuple[float, str]:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked test process
    peak = (
        "\ntry:\n"
        "    status = open('/proc/self/status').read()\n"
        "    print(int(status.split('VmHWM:')[1].split()[0]) / 1024)\n"
        "except OSError:\n"
        "    import resource\n"
        "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    probe = code + peak
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    return float(lines[-1]), "\n".join(lines[:-1])


@pytest.mark.parametrize("path", ["/bomb-gzip-gzip", "/bomb-gzip-gzip-gzip"])
def test_layered_compression_is_capped_on_the_decoded_stream(base: str, path: str) -> None:
    code = (
        "from voxpress import sources\n"
        "try:\n"
        f"    sources.fetch({base + path!r})\n"
        "except sources.SourceError as exc:\n"
        "    print(exc)\n"
    )
    peak, said = _peak_rss_mb_of(code)
    assert "larger than 20 MB" in said
    assert peak < 250, f"{peak:.0f} MB peak for a 300 MB bomb"  # the cap held while decoding


# --------------------------------------------------------------------------- 5. sitemap loops


def test_sitemap_index_loops_are_visited_once(site: tuple[str, Counter[str]]) -> None:
    base, hits = site
    found, errors = expand_inputs([f"{base}/sitemap-a.xml"])
    assert found == [f"{base}/news/leaf"] and errors == []
    assert hits["/sitemap-a.xml"] == 1 and hits["/sitemap-b.xml"] == 1


def test_sitemap_index_depth_is_bounded(site: tuple[str, Counter[str]]) -> None:
    base, hits = site
    found, errors = expand_inputs([f"{base}/sitemap-deep-0.xml"])
    assert found == []
    assert len(errors) == 1 and "nested" in (errors[0].error or "")
    assert sum(n for p, n in hits.items() if p.startswith("/sitemap-deep-")) <= 10


# --------------------------------------------------------------------------- 17. feed types


@pytest.mark.parametrize(
    "path, found",
    [
        ("/feed.xml", ["/news/c", "/news/d"]),
        ("/sitemap.xml", ["/news/a", "/news/b"]),
        ("/atom.xml", ["/news/e"]),
    ],
)
def test_feeds_and_sitemaps_served_with_their_own_types(
    base: str, path: str, found: list[str]
) -> None:
    entries, errors = expand_inputs([base + path])
    assert errors == []
    assert entries == [base + p for p in found]


def test_an_article_url_that_serves_a_feed_is_named_as_such(base: str) -> None:
    with pytest.raises(SourceError, match="is a feed or sitemap"):
        sources.load(f"{base}/feed.xml")


# --------------------------------------------------------------------------- 18. legacy charsets


@pytest.mark.parametrize("path", sorted(LEGACY))
def test_legacy_pages_that_declare_their_charset(base: str, path: str) -> None:
    _codec, title, sentence = LEGACY[path]
    article = extract(sources.load(base + path))
    assert article.title == title
    assert sentence in article.blocks[0].text


@pytest.mark.parametrize("path", sorted(LEGACY))
def test_legacy_files_that_declare_their_charset(tmp_path: Path, path: str) -> None:
    codec, title, sentence = LEGACY[path]
    f = tmp_path / "page.html"
    f.write_bytes(
        f"<html><head><meta charset='{codec}'><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{sentence}</p><p>{sentence}</p></article></body></html>".encode(codec)
    )
    assert extract(sources.load(str(f))).title == title


def test_random_bytes_are_still_refused(tmp_path: Path) -> None:
    import random

    f = tmp_path / "noise.html"
    data = bytes(random.Random(1).randrange(128, 256) for _ in range(5000))
    f.write_bytes(b"<meta charset='shift_jis'>" + data)
    with pytest.raises(SourceError, match="not a text, Markdown or HTML document"):
        sources.load(str(f))


# --------------------------------------------------------------------------- 19. control chars


def test_control_characters_and_lone_surrogates_from_metadata(base: str, tmp_path: Path) -> None:
    from mutagen.id3 import ID3

    url = f"{base}/control-chars"
    shown = voxpress("extract", url, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    for value in (data["title"], data["byline"]):
        assert value and all(ch >= " " and not 0xD800 <= ord(ch) <= 0xDFFF for ch in value)
    out = tmp_path / "out"
    done = voxpress("batch", url, "-o", str(out), "--base-url", "https://e.com/a/")
    assert done.returncode == 0, done.stderr
    assert (out / "batch-report.json").is_file() and (out / "feed.xml").is_file()
    mp3 = next(out.glob("*.mp3"))
    assert len(ID3(mp3)["TIT2"].text) == 1  # a NUL would split the title in two
    again = voxpress("feed", str(out), "--base-url", "https://e.com/a/")
    assert again.returncode == 0, again.stderr


def test_a_feed_survives_control_characters_left_by_an_older_version(tmp_path: Path) -> None:
    from voxpress.feed import FeedOptions, build_feed
    from voxpress.models import Article, Block
    from voxpress.render import Renderer

    out = tmp_path / "out"
    art = Article("Clean title", (Block("paragraph", "One sentence is enough here."),))
    result = Renderer(RenderOptions(out_dir=out)).render_article(art)
    manifest = Path(result.mp3).with_suffix(".json")
    data = json.loads(manifest.read_text())
    data["title"], data["byline"] = "Bad\x01 title\x00", "Lone \ud800 author"
    manifest.write_text(json.dumps(data))  # JSON escapes them, as json.dumps did before
    rss_bytes = build_feed(out, FeedOptions(base_url="https://e.com/a/"))
    assert b"Bad title" in rss_bytes or b"Bad  title" in rss_bytes


# --------------------------------------------------------------------------- 20. one-line errors


@pytest.mark.parametrize("path", ["/to-data", "/to-file"])
def test_a_redirect_to_another_scheme_is_one_line(base: str, path: str) -> None:
    line = one_error_line(voxpress("extract", base + path))
    assert "redirected to an unsupported" in line


def test_a_malformed_url_is_one_line() -> None:
    line = one_error_line(voxpress("extract", "http://[bad/"))
    assert "http://[bad/" in line


def test_a_nonsense_cluster_address_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A title\n\nOne paragraph of text here.\n")
    line = one_error_line(
        voxpress(
            "batch", str(tmp_path / "a.md"), "-o", str(tmp_path / "o"), "--cluster", "nonsense://x"
        )
    )
    assert "nonsense://x" in line


def test_a_cache_dir_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A title\n\nOne paragraph of text here.\n")
    (tmp_path / "cache").write_text("not a folder")
    line = one_error_line(
        voxpress(
            "batch",
            str(tmp_path / "a.md"),
            "-o",
            str(tmp_path / "o"),
            "--cache-dir",
            str(tmp_path / "cache"),
        )
    )
    assert "cache" in line and "not a folder" in line


# --------------------------------------------------------------------------- 16. size caps


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_text_and_markdown_have_the_html_cap(tmp_path: Path, suffix: str) -> None:
    from voxpress.extract import MAX_TEXT_CHARS

    f = tmp_path / f"huge{suffix}"
    para = " ".join(["word"] * 100) + ".\n\n"
    f.write_text("Huge title\n\n" + para * 10_000)  # 1,000,000 words
    article = extract(sources.load(str(f)))
    chars = sum(len(b.text) for b in article.blocks)
    assert MAX_TEXT_CHARS * 0.9 < chars <= MAX_TEXT_CHARS


def app():
    from voxpress.cli import app as the_app

    return the_app
