"""Reading sources: local files, http(s) URLs and standard input, into a :class:`Document`.

A fetch is bounded whatever the server does: one overall deadline from connecting to the last
byte (a server dripping a byte a second is cut off, not only one silent for a whole read
timeout), a size cap on the *decoded* body however many ``Content-Encoding`` layers it has
(decoded here, a bounded step at a time), a redirect limit and http(s) only.
"""

from __future__ import annotations

import codecs
import logging
import re
import socket
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from .errors import SourceError
from .models import Document

if TYPE_CHECKING:
    from typing_extensions import Self

log = logging.getLogger(__name__)

USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)
MAX_BYTES = 20 * 1024 * 1024
"""Largest page or file read, in bytes."""
TIMEOUT_S = 20.0
"""Longest wait for any one step of a fetch (connecting, one read)."""
DEADLINE_S = 60.0
"""Longest a whole fetch may take, redirects and every byte of the body included."""
MAX_REDIRECTS = 5
MAX_ENCODINGS = 4
"""Most ``Content-Encoding`` layers accepted on one response."""
_STEP = 64 * 1024

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
}
_NOT_FEEDS = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")

_HTML_SNIFF = re.compile(
    rb"<(!doctype html|html|head|body|article|p|div|meta|title)[\s>]", re.IGNORECASE
)


def load(
    source: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE_S,
) -> Document:
    """Read ``source`` (a path, an http(s) URL or ``-`` for stdin) into a :class:`Document`."""
    if source == "-":
        return _from_bytes(source, sys.stdin.buffer.read(max_bytes + 1), None, max_bytes)
    try:
        scheme = urlsplit(source).scheme.lower()
    except ValueError as exc:
        raise SourceError(f"not a valid URL: {source} ({exc})") from exc
    if scheme in ("http", "https"):
        return fetch(source, timeout=timeout, max_bytes=max_bytes, deadline=deadline)
    if scheme and len(scheme) > 1 and "://" in source:
        raise SourceError(f"unsupported URL scheme '{scheme}' in {source} (use http or https)")
    return read_file(Path(source), source, max_bytes)


def read_file(path: Path, source: str, max_bytes: int = MAX_BYTES) -> Document:
    """Read a local HTML, text or Markdown file."""
    try:
        if not path.exists():
            raise SourceError(f"file not found: {source}")
        if path.is_dir():
            raise SourceError(f"{source} is a directory, not a file")
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


_DECLARED = re.compile(
    rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.IGNORECASE
)


def looks_like_text(data: bytes, encoding: str | None = None) -> bool:
    """True unless ``data`` looks binary: NUL bytes or many control bytes near its start, or
    bytes that are neither UTF-8, nor the charset declared (``encoding``, from the transport, or
    the document's own ``charset=``/``encoding=``), nor plausibly a single-byte legacy text."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte-order mark
        return True
    if b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if control > len(head) * 0.02:
        return False
    if _decodes(head, "utf-8"):
        return True
    found = _DECLARED.search(head[:4096])
    declared = [encoding, found.group(1).decode("ascii") if found else None]
    high = sum(1 for b in head if b >= 128)
    ascii_share = 1 - high / len(head)  # spaces, digits, markup: random bytes have none
    if ascii_share > 0.02 and any(_decodes(head, name) for name in declared if name):
        return True
    # Not UTF-8 nor as declared: a legacy single-byte page is fine, random bytes are not.
    return high < len(head) * 0.3


def _decodes(head: bytes, name: str) -> bool:
    """Whether ``head`` is valid in codec ``name`` (a character cut at the end allowed)."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return False
    if codec.startswith(("utf-16", "utf-32")):
        return False  # a declaration in ASCII bytes cannot be true of UTF-16 bytes
    try:
        head.decode(codec)
        return True
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 4


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE_S,
) -> Document:
    """GET an article at an http(s) URL: a page, plain text or Markdown."""
    got = _get(
        url,
        timeout,
        max_bytes,
        deadline,
        "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
    )
    ctype = got.ctype
    if ctype in FEED_TYPES:
        raise SourceError(
            f"{url} is a feed or sitemap ({ctype}), not an article: give it to voxpress batch"
        )
    if ctype and ctype not in HTML_TYPES and ctype not in ("text/plain", "text/markdown"):
        raise SourceError(f"{url} is not an HTML page (content type {ctype})")
    if not looks_like_text(got.data, got.charset):
        raise SourceError(f"{url} is not an HTML page")
    kind: Literal["html", "text", "markdown"] = "html"
    if ctype == "text/plain":
        kind = "text"
    elif ctype == "text/markdown":
        kind = "markdown"
    return Document(
        source=url,
        content=got.data,
        kind=kind,
        url=got.url,
        encoding=got.charset,
    )


def fetch_feed(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE_S,
) -> tuple[bytes, str]:
    """GET an RSS/Atom feed or a sitemap, whatever XML or text type it is served as; return its
    bytes and final URL (entries are resolved against it)."""
    accept = (
        "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
    )
    got = _get(url, timeout, max_bytes, deadline, accept)
    if got.ctype.startswith(_NOT_FEEDS) or not looks_like_text(got.data, got.charset):
        raise SourceError(f"{url} is not a feed or sitemap (content type {got.ctype or 'none'})")
    return got.data, got.url


class _Got:
    """A fetched body."""

    def __init__(self, data: bytes, url: str, ctype: str, charset: str | None) -> None:
        self.data, self.url, self.ctype, self.charset = data, url, ctype, charset


def _get(url: str, timeout: float, max_bytes: int, deadline: float, accept: str) -> _Got:
    """GET ``url`` within ``deadline`` seconds overall; the decoded body at most ``max_bytes``."""
    import httpx  # here, not at the top: a local file is read without loading an HTTP client

    headers = {
        "User-Agent": USER_AGENT,
        "Accept": accept,
        "Accept-Language": "en;q=0.9,*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise SourceError(f"not a valid URL: {url} ({exc})") from exc
    too_big = f"{url} is larger than {max_bytes // (1024 * 1024)} MB"
    watchdog = _Watchdog(deadline)
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=min(timeout, deadline),
                headers=headers,
            ) as client,
            watchdog,
            client.stream("GET", url, extensions={"trace": watchdog.trace}) as resp,
        ):
            if resp.status_code >= 400:
                raise SourceError(f"{url} answered HTTP {resp.status_code} {resp.reason_phrase}")
            ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(too_big)
            layers = _encodings(url, resp.headers.get("content-encoding", ""))
            chunks: list[bytes] = []
            size = 0
            for chunk in _decoded(resp.iter_raw(_STEP), layers):
                size += len(chunk)
                if size > max_bytes:
                    raise SourceError(too_big)
                chunks.append(chunk)
                watchdog.check()
            final_url = str(resp.url)
            charset = resp.charset_encoding
    except (httpx.HTTPError, zlib.error) as exc:
        if watchdog.expired:
            raise SourceError(f"{url}: not fetched within the deadline of {deadline:g} s") from exc
        raise _fetch_error(url, exc, timeout) from exc
    except httpx.InvalidURL as exc:
        raise SourceError(f"{url}: redirected to an unsupported or invalid URL ({exc})") from exc
    data = b"".join(chunks)
    if not data.strip():
        raise SourceError(f"{url} returned an empty page")
    log.debug("fetched %s (%d bytes, %s)", final_url, len(data), charset)
    return _Got(data, final_url, ctype, charset)


def _fetch_error(url: str, exc: Exception, timeout: float) -> SourceError:
    import httpx

    if isinstance(exc, httpx.TooManyRedirects):
        return SourceError(f"{url}: more than {MAX_REDIRECTS} redirects")
    if isinstance(exc, httpx.TimeoutException):
        return SourceError(f"{url}: timed out after {timeout:g} s")
    if isinstance(exc, httpx.ConnectError):
        reason = str(exc).lower()
        why = "host not found" if ("name" in reason or "resolv" in reason) else "connection refused"
        return SourceError(f"cannot connect to {url} ({why})")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return SourceError(f"{url}: redirected to an unsupported URL scheme ({exc})")
    if isinstance(exc, zlib.error):
        return SourceError(f"{url}: the compressed body is corrupt ({exc})")
    return SourceError(f"cannot fetch {url}: {exc or type(exc).__name__}")


class _Watchdog:
    """Cuts every connection of a fetch when its deadline passes, even in the middle of a
    blocking read (the connections are learnt from httpcore's trace events)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._streams: list[Any] = []
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> Self:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def trace(self, name: str, info: dict[str, Any]) -> None:
        if name.endswith(("connect_tcp.complete", "start_tls.complete")):
            self._streams.append(info.get("return_value"))
            if self.expired:
                self._cut()

    def check(self) -> None:
        if self.expired:
            import httpx

            raise httpx.ReadTimeout("deadline")

    def _cut(self) -> None:
        self.expired = True
        for stream in self._streams:
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed


def _encodings(url: str, header: str) -> list[str]:
    """The ``Content-Encoding`` layers to undo, outermost first."""
    layers = [e.strip().lower() for e in header.split(",") if e.strip()]
    layers = [e for e in layers if e != "identity"]
    if len(layers) > MAX_ENCODINGS:
        raise SourceError(f"{url}: {len(layers)} layers of content encoding")
    for e in layers:
        if e not in ("gzip", "x-gzip", "deflate"):
            raise SourceError(f"{url}: unsupported content encoding '{e}'")
    return layers[::-1]


def _decoded(raw: Iterable[bytes], layers: list[str]) -> Iterator[bytes]:
    """Undo ``layers`` of gzip/deflate, each step producing at most 64 KB, so that memory stays
    bounded however much a small body expands (a size cap can stop the stream in time)."""
    decoders: list[Any] = [None] * len(layers)

    def through(n: int, data: bytes) -> Iterator[bytes]:
        if n == len(layers):
            yield data
            return
        d = decoders[n]
        if d is None:
            d = decoders[n] = zlib.decompressobj(_wbits(layers[n], data))
        while not d.eof:
            out = d.decompress(data, _STEP)
            data = d.unconsumed_tail
            if out:
                yield from through(n + 1, out)
            elif not data:
                break

    for chunk in raw:
        if chunk:
            yield from through(0, chunk)


def _wbits(layer: str, head: bytes) -> int:
    """zlib's window bits for a layer: gzip; deflate with its zlib header, or raw (some servers
    send raw deflate)."""
    if layer != "deflate":
        return 31
    zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return 15 if zlib_header else -15
