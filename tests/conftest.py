"""Shared fixtures: the example page, a loopback HTTP server, and output folders."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-nato.html"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _in_tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in an empty folder so default output/ never lands in the project."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture()
def example() -> Path:
    return EXAMPLE


ARTICLE_HTML = (
    "<html lang='en'><head><meta charset='utf-8'><title>Loopback news | Test Site</title>"
    "<meta property='og:site_name' content='Test Site'></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Loopback news</h1><p>The first paragraph says something about the world, with commas, "
    "and detail enough to count as article text.</p><p>A second paragraph follows it, also long enough "
    "to be an article paragraph, naturally.</p></article><footer>Copyright</footer></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # silence test output
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path == "/article":
            self.server.seen_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/latin1":
            body = ARTICLE_HTML.replace("Loopback news", "Café naïve news").replace(
                "<meta charset='utf-8'>", ""
            )
            self._send(200, body.encode("latin-1"), "text/html; charset=iso-8859-1")
        elif path == "/meta-charset":
            body = ARTICLE_HTML.replace(
                "<meta charset='utf-8'>", "<meta charset='windows-1252'>"
            ).replace("Loopback news", "Smart “quotes” news")
            self._send(200, body.encode("cp1252"), "text/html")
        elif path == "/missing":
            self._send(404, b"<html><body>Not found</body></html>", "text/html")
        elif path == "/broken":
            self._send(500, b"<html><body>Oops</body></html>", "text/html")
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image/png")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, ARTICLE_HTML.encode(), "text/html")
        elif path == "/loop":
            self._send(302, b"", "text/html", {"Location": "/loop"})
        elif path == "/moved":
            self._send(301, b"", "text/html", {"Location": "/article"})
        elif path == "/big":
            self._send(
                200, b"<html><body>" + b"<p>word </p>" * 300_000 + b"</body></html>", "text/html"
            )
        elif path == "/empty-article":
            self._send(
                200,
                b"<html><body><nav>Home News</nav><footer>(c)</footer></body></html>",
                "text/html",
            )
        else:
            self._send(404, b"", "text/html")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that time out on purpose break the pipe


@pytest.fixture(scope="session")
def http_server() -> Iterator[str]:
    """A real HTTP server on loopback; yields its base URL."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    server.seen_agents = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def closed_port_url() -> str:
    """An http URL on loopback where nothing listens."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/story"


FAULT_HOOKS = Path(__file__).resolve().parent / "faultinject"


def fault_env(**variables: str) -> dict[str, str]:
    """The environment for a process that loads tests/faultinject (see its docstring)."""
    import os

    path = os.pathsep.join(p for p in (str(FAULT_HOOKS), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **variables}


@pytest.fixture()
def faults() -> object:
    """``fault_env`` as a fixture: ``faults(VOXPRESS_TEST_CRASH_ON="x")`` -> an environment."""
    return fault_env
