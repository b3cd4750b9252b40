"""What a batch's inputs name: files, folders, ``@list`` files, RSS/Atom feeds and sitemaps.

Where a source may come from is the security boundary here. A local path is only ever taken
from the command line or from a local list file the user wrote; a feed or a sitemap, local or
remote, is someone else's text, so each of its entries is resolved against the feed's URL and
kept only if it is an http(s) URL (a sitemap listing ``/etc/passwd`` names nothing). Sitemap
indexes are followed breadth-first with every URL visited once, to a bounded depth and count.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import sources
from .errors import SourceError
from .sanitize import safe_url

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".md", ".markdown"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
MAX_SITEMAP_DEPTH = 5
"""Sitemap indexes nested deeper than this are refused."""
MAX_FEEDS = 1000
"""Most feeds and sitemaps fetched for one input."""
MAX_ENTRIES = 250_000
"""Most article URLs taken from one input."""
MAX_LIST_DEPTH = 10
"""``@list`` files naming ``@list`` files, at most this deep."""

_LOC = re.compile(rb"<loc>\s*(?:<!\[CDATA\[)?\s*([^<\]]+?)\s*(?:\]\]>)?\s*</loc>")


def expand(item: str, deadline: float = sources.DEADLINE_S) -> list[str]:
    """The sources one input names, in order; a :class:`SourceError` if it cannot be read."""
    return _expand(item, deadline, ())


def _expand(item: str, deadline: float, lists: tuple[Path, ...]) -> list[str]:
    if item.startswith("@"):
        return _read_list(Path(item[1:]), deadline, lists)
    try:
        parts = urlsplit(item)
    except ValueError as exc:
        raise SourceError(f"not a valid URL: {item} ({exc})") from exc
    if parts.scheme.lower() in ("http", "https"):
        url_path = parts.path.lower()
        if url_path.endswith(tuple(FEED_SUFFIXES)) or re.search(
            r"/(feed|rss|atom)/?$|sitemap", url_path
        ):
            return crawl(item, deadline)
        return [item]
    path = Path(item)
    if path.is_dir():
        return sorted(
            str(p)
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    if path.suffix.lower() in FEED_SUFFIXES and path.is_file():
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read {path}: {exc.strerror or exc}") from exc
        articles, nested = parse_feed(data, None)
        return articles + [a for url in nested for a in crawl(url, deadline)]
    return [item]


def _read_list(path: Path, deadline: float, lists: tuple[Path, ...]) -> list[str]:
    """A list file the user wrote: one source a line (local paths allowed), ``#`` comments."""
    key = path.resolve()
    if key in lists or len(lists) >= MAX_LIST_DEPTH:
        raise SourceError(f"list {path} names itself, or lists are nested too deep")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise SourceError(f"cannot read list {path}: {why or exc}") from exc
    out: list[str] = []
    for line in lines:
        line = line.strip() if line.strip().startswith("http") else line.split("#", 1)[0].strip()
        if line:
            out.extend(_expand(line, deadline, (*lists, key)))
    return out


def parse_feed(data: bytes, base: str | None) -> tuple[list[str], list[str]]:
    """(article URLs, nested sitemap URLs) of an RSS/Atom feed or a sitemap.

    Every link is resolved against ``base`` (the feed's own URL; None for a local file, whose
    relative links are dropped) and kept only as http(s).
    """
    head = data[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        links = [html.unescape(m.decode("utf-8", "replace")) for m in _LOC.findall(data)]
        index = b"<sitemapindex" in head
    else:
        import feedparser

        parsed = feedparser.parse(data)
        if parsed.bozo and not parsed.entries:
            raise SourceError(f"not a readable feed or sitemap: {parsed.get('bozo_exception')}")
        links = [str(e.get("link")) for e in parsed.entries if e.get("link")]
        index = False
    kept = [u for u in (_resolve(link, base) for link in links) if u]
    if len(kept) < len(links):
        log.warning(
            "%s: ignored %d entries that are not http(s) URLs",
            base or "feed",
            len(links) - len(kept),
        )
    return ([], kept) if index else (kept, [])


def _resolve(link: str, base: str | None) -> str | None:
    link = link.strip()
    if base is not None:
        try:
            link = urljoin(base, link)
        except ValueError:
            return None
    return safe_url(link)


def crawl(url: str, deadline: float = sources.DEADLINE_S) -> list[str]:
    """Article URLs of a remote feed or sitemap, following sitemap indexes (each URL once)."""
    seen = {url}
    level = [url]
    articles: list[str] = []
    fetched = 0
    for depth in range(MAX_SITEMAP_DEPTH + 1):
        nested: list[str] = []
        for feed_url in level:
            fetched += 1
            if fetched > MAX_FEEDS:
                raise SourceError(f"{url}: more than {MAX_FEEDS} feeds and sitemaps")
            data, final = sources.fetch_feed(feed_url, deadline=deadline)
            found, more = parse_feed(data, final)
            articles.extend(found)
            if len(articles) > MAX_ENTRIES:
                raise SourceError(f"{url}: more than {MAX_ENTRIES} articles")
            for m in more:
                if m not in seen:
                    seen.add(m)
                    nested.append(m)
        if not nested:
            return articles
        level = nested
    raise SourceError(f"{url}: sitemap indexes nested more than {MAX_SITEMAP_DEPTH} deep")


def feed_entries(data: bytes, base: str | None) -> list[str]:
    """Article URLs of a feed or sitemap read from ``data`` (nested sitemaps fetched)."""
    articles, nested = parse_feed(data, base)
    return articles + [a for u in nested for a in crawl(u)]
