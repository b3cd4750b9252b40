"""Reading sources: local files, http(s) URLs and standard input, into a :class:`Document`."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from .errors import SourceError
from .models import Document

log = logging.getLogger(__name__)

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
MAX_BYTES = 20 * 1024 * 1024
"""Largest page or file read, in bytes."""
TIMEOUT_S = 20.0
MAX_REDIRECTS = 5

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}

_HTML_SNIFF = re.compile(
    rb"<(!doctype html|html|head|body|article|p|div|meta|title)[\s>]", re.IGNORECASE
)


def load(source: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Document:
    """Read ``source`` (a path, an http(s) URL or ``-`` for stdin) into a :class:`Document`."""
    if source == "-":
        return _from_bytes(source, sys.stdin.buffer.read(max_bytes + 1), None, max_bytes)
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        return fetch(source, timeout=timeout, max_bytes=max_bytes)
    if scheme and len(scheme) > 1 and "://" in source:
        raise SourceError(f"unsupported URL scheme '{scheme}' in {source} (use http or https)")
    return read_file(Path(source), source, max_bytes)


def read_file(path: Path, source: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read a local HTML, text or Markdown file."""
    if not path.exists():
        raise SourceError(f"file not found: {source}")
    if path.is_dir():
        raise SourceError(f"{source} is a directory, not a file")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read {source}: {exc.strerror or exc}") from exc
    return _from_bytes(source, data, path.suffix.lower(), max_bytes)


def _from_bytes(source: str, data: bytes, suffix: str | None, max_bytes: int) -> Document:
    label = "standard input" if source == "-" else source
    if len(data) > max_bytes:
        raise SourceError(f"{label} is larger than {max_bytes // (1024 * 1024)} MB")
    if not data.strip():
        raise SourceError(f"{label} is empty")
    if not looks_like_text(data):
        raise SourceError(f"{label} is not a text, Markdown or HTML document")
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in TEXT_SUFFIXES:
        kind = "text"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    else:
        kind = "html" if _HTML_SNIFF.search(data[:65536]) else "markdown"
    return Document(source=source, content=data, kind=kind)  # type: ignore[arg-type]


def looks_like_text(data: bytes) -> bool:
    """True unless ``data`` looks binary: NUL bytes or many control bytes near its start."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > len(head) * 0.02:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:  # cut in the middle of a character
            return True
    # Not UTF-8: a legacy single-byte page is fine, random bytes are not.
    high = sum(1 for b in head if b >= 128)
    return high < len(head) * 0.3


def fetch(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_BYTES) -> Document:
    """GET an http(s) URL: desktop User-Agent, timeout, redirect limit and size cap."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        "Accept-Language": "en;q=0.9,*;q=0.5",
    }
    try:
        with (
            httpx.Client(
                follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=timeout, headers=headers
            ) as client,
            client.stream("GET", url) as resp,
        ):
            if resp.status_code >= 400:
                raise SourceError(f"{url} answered HTTP {resp.status_code} {resp.reason_phrase}")
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and ctype not in HTML_TYPES and ctype not in ("text/plain", "text/markdown"):
                raise SourceError(f"{url} is not an HTML page (content type {ctype})")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"{url} is larger than {max_bytes // (1024 * 1024)} MB")
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(f"{url} is larger than {max_bytes // (1024 * 1024)} MB")
                chunks.append(chunk)
            final_url = str(resp.url)
            charset = resp.charset_encoding
    except httpx.TooManyRedirects as exc:
        raise SourceError(f"{url}: more than {MAX_REDIRECTS} redirects") from exc
    except httpx.TimeoutException as exc:
        raise SourceError(f"{url}: timed out after {timeout:g} s") from exc
    except httpx.ConnectError as exc:
        reason = str(exc).lower()
        why = "host not found" if ("name" in reason or "resolv" in reason) else "connection refused"
        raise SourceError(f"cannot connect to {url} ({why})") from exc
    except httpx.UnsupportedProtocol as exc:
        raise SourceError(f"{url}: redirected to an unsupported URL scheme") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"cannot fetch {url}: {exc or type(exc).__name__}") from exc
    data = b"".join(chunks)
    if not data.strip():
        raise SourceError(f"{url} returned an empty page")
    if not looks_like_text(data):
        raise SourceError(f"{url} is not an HTML page")
    if ctype == "text/plain":
        kind = "text"
    elif ctype == "text/markdown":
        kind = "markdown"
    else:
        kind = "html"
    log.debug("fetched %s (%d bytes, %s)", final_url, len(data), charset)
    return Document(source=url, content=data, kind=kind, url=final_url, encoding=charset)  # type: ignore[arg-type]
