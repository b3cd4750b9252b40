"""Any bytes in: an Article or a clear VoxpressError, never a crash (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voxpress.errors import VoxpressError
from voxpress.extract import extract
from voxpress.models import Article
from voxpress.sources import _from_bytes

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "examples" / "kyiv-independent-nato.html"
).read_bytes()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read(data: bytes, suffix: str | None = None) -> None:
    try:
        article = extract(_from_bytes("fuzz", data, suffix, 20 * 1024 * 1024))
    except VoxpressError:
        return
    assert isinstance(article, Article) and article.title
    assert any(b.kind != "heading" for b in article.blocks)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    read(data)


@FUZZ
@given(
    st.integers(min_value=0, max_value=len(EXAMPLE)),
    st.sampled_from([".html", None, ".md", ".txt"]),
)
def test_truncated_pages(cut: int, suffix: str | None) -> None:
    read(EXAMPLE[:cut], suffix)


@FUZZ
@given(st.sampled_from(["utf-16", "latin-1", "cp1251", "shift_jis", "utf-8"]), st.integers(0, 3000))
def test_misencoded_pages(encoding: str, cut: int) -> None:
    text = EXAMPLE.decode("utf-8")[cut:]
    read(text.encode(encoding, errors="replace"))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 1200), st.sampled_from(["div", "span", "p", "blockquote", "li", "table"]))
def test_deeply_nested(depth: int, tag: str) -> None:
    body = (
        f"<{tag}>" * depth
        + "<p>Some words in a deeply nested page, with commas, enough to read.</p>"
    )
    read(f"<html><body>{body}</body></html>".encode())


@FUZZ
@given(st.lists(st.text(max_size=200), max_size=30))
def test_markdown_and_text(lines: list[str]) -> None:
    data = "\n\n".join(lines).encode("utf-8", errors="replace")
    read(data, ".md")
    read(data, ".txt")


def test_giant_page_reads() -> None:
    para = b"<p>This is a paragraph of a very long page, with commas, and enough words.</p>"
    page = (
        b"<html><body><script>"
        + b"x" * 8_000_000
        + b"</script><article>"
        + para * 200
        + b"</article></body></html>"
    )
    read(page)


def test_page_of_book_length_is_cut_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    from voxpress.extract import MAX_TEXT_CHARS, extract_html

    para = "<p>Paragraph {} of a page that goes on and on, with commas, about the council and its budget.</p>"
    paras = "".join(para.format(i) for i in range(2 * MAX_TEXT_CHARS // len(para) + 10))
    page = f"<html><body><article>{paras}</article></body></html>".encode()
    with caplog.at_level("WARNING"):
        article = extract_html(page)
    text = sum(len(b.text) for b in article.blocks)
    assert (
        0.8 * MAX_TEXT_CHARS < text <= MAX_TEXT_CHARS + len(para)
    )  # cut after the paragraph that crosses it
    assert "reading only the first" in caplog.text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a stale declaration on a page saved as UTF-8 (common in archives)
        ('<meta charset="gb2312"><p>宇航员在太空中喝酒</p>'.encode(), "宇航员在太空中喝酒"),
        # declared UTF-8 with one bad byte: the rest stays UTF-8, not a guessed code page
        ('<meta charset="utf-8"><p>Fundację Lux</p>'.encode() + b"\xc3(", "Fundację Lux"),
        # declared Latin-1, read as browsers do (windows-1252: curly quotes)
        (b'<meta charset="iso-8859-1"><p>caf\xe9 \x93quoted\x94</p>', "café “quoted”"),
        # no declaration, not UTF-8: detection
        (
            "<p>Die Bürger von München wählten am Sonntag einen neuen Stadtrat.</p>".encode(
                "cp1252"
            ),
            "Bürger von München",
        ),
    ],
)
def test_decoding(data: bytes, expected: str) -> None:
    from voxpress.extract import decode_html

    assert expected in decode_html(data)
