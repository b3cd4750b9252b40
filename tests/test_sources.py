"""Sources: files of each kind, stdin, and real HTTP on loopback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from voxpress.errors import SourceError
from voxpress.extract import extract
from voxpress.sources import USER_AGENT, fetch, load


def test_html_file_by_suffix_and_sniffing(tmp_path: Path, example: Path) -> None:
    assert load(str(example)).kind == "html"
    unknown = tmp_path / "page.data"
    unknown.write_bytes(example.read_bytes())
    assert load(str(unknown)).kind == "html"


def test_text_and_markdown_files(tmp_path: Path) -> None:
    txt = tmp_path / "note.txt"
    txt.write_text("A headline\n\nFirst paragraph\nwraps here.\n\nSecond paragraph.\n")
    a = extract(load(str(txt)))
    assert a.title == "A headline"
    assert [b.text for b in a.blocks] == ["First paragraph wraps here.", "Second paragraph."]

    md = tmp_path / "story.md"
    md.write_text(
        "# The title\n\nIntro with *emphasis* and a [link](http://x.org).\n\n## Part two\n\n"
        "- one item\n- two item\n\n> quoted words\n\n```\ncode is skipped\n```\n"
    )
    a = extract(load(str(md)))
    assert a.title == "The title"
    assert [(b.kind, b.text) for b in a.blocks] == [
        ("paragraph", "Intro with emphasis and a link."),
        ("heading", "Part two"),
        ("list_item", "one item"),
        ("list_item", "two item"),
        ("quote", "quoted words"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.html", b"", "is empty"),
        ("blank.txt", b"   \n\n  ", "is empty"),
        (
            "noise.bin",
            os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00\x00",
            "is not a text, Markdown or HTML document",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(SourceError, match=message):
        load(str(f))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="^file not found: nope.html$"):
        load("nope.html")
    with pytest.raises(SourceError, match="is a directory"):
        load(str(tmp_path))


def test_other_schemes_are_refused() -> None:
    with pytest.raises(SourceError, match="unsupported URL scheme 'ftp'"):
        load("ftp://example.com/story.html")
    with pytest.raises(SourceError, match="unsupported URL scheme 'file'"):
        load("file:///etc/passwd")


def test_fetch_sends_a_browser_user_agent_and_follows_redirects(http_server: str) -> None:
    doc = load(f"{http_server}/moved")
    assert doc.kind == "html" and doc.url == f"{http_server}/article"
    assert extract(doc).title == "Loopback news"


def test_fetch_uses_the_header_charset(http_server: str) -> None:
    assert extract(load(f"{http_server}/latin1")).title == "Café naïve news"


def test_fetch_uses_the_meta_charset(http_server: str) -> None:
    assert extract(load(f"{http_server}/meta-charset")).title == "Smart “quotes” news"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", r"answered HTTP 404 Not Found$"),
        ("/broken", r"answered HTTP 500 Internal Server Error$"),
        ("/image", r"is not an HTML page \(content type image/png\)$"),
        ("/loop", r"more than 5 redirects$"),
    ],
)
def test_fetch_errors(http_server: str, path: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        load(f"{http_server}{path}")


def test_fetch_timeout_and_size_cap(http_server: str) -> None:
    with pytest.raises(SourceError, match=r"timed out after 0.5 s$"):
        fetch(f"{http_server}/slow", timeout=0.5)
    with pytest.raises(SourceError, match=r"is larger than 1 MB$"):
        fetch(f"{http_server}/big", max_bytes=1024 * 1024)


def test_unreachable_url(closed_port_url: str) -> None:
    with pytest.raises(SourceError, match=r"^cannot connect to .* \(connection refused\)$"):
        load(closed_port_url)


def test_user_agent_is_a_desktop_browser(http_server: str) -> None:
    assert "Mozilla/5.0" in USER_AGENT and "Chrome/" in USER_AGENT
