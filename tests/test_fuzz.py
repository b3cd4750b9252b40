"""Any bytes in: an Article or a clear VoxpressError, never a crash (hypothesis)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voxpress.errors import VoxpressError
from voxpress.extract import extract
from voxpress.models import Article
from voxpress.sources import _from_bytes

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "kyiv-independent-nato.html").read_bytes()
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
@given(st.integers(min_value=0, max_value=len(EXAMPLE)), st.sampled_from([".html", None, ".md", ".txt"]))
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
    body = f"<{tag}>" * depth + "<p>Some words in a deeply nested page, with commas, enough to read.</p>"
    read(f"<html><body>{body}</body></html>".encode())


@FUZZ
@given(st.lists(st.text(max_size=200), max_size=30))
def test_markdown_and_text(lines: list[str]) -> None:
    data = "\n\n".join(lines).encode("utf-8", errors="replace")
    read(data, ".md")
    read(data, ".txt")


def test_giant_page_reads() -> None:
    para = b"<p>This is a paragraph of a very long page, with commas, and enough words.</p>"
    page = b"<html><body><script>" + b"x" * 8_000_000 + b"</script><article>" + para * 200 + b"</article></body></html>"
    read(page)
