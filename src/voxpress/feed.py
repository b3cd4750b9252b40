"""The podcast feed of an output folder: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces.

Built from the manifests that ``voxpress render`` writes beside each MP3, with feedgen. Every
enclosure's length is the MP3's real size on disk; transcripts and chapters are linked with
``podcast:transcript`` and ``podcast:chapters``.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import lxml.etree
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator

from .audio import AI_NOTICE
from .errors import VoxpressError
from .files import write_bytes_atomic
from .outputs import tidy
from .sanitize import clean_text, safe_url

log = logging.getLogger(__name__)

PODCAST_NS = "https://podcastindex.org/namespace/1.0"


class FeedError(VoxpressError):
    """The feed could not be built (no renders in the folder, bad base URL)."""


@dataclass(frozen=True)
class FeedOptions:
    """Channel-level settings of a feed."""

    base_url: str
    """Public URL the folder is served at; file names are appended to it."""
    title: str | None = None
    """Channel title; defaults to the site name of the renders, or the folder name."""
    description: str | None = None
    """Channel description."""
    author: str | None = None
    """Channel author (iTunes)."""
    image: str | None = None
    """URL of the channel artwork (podcast directories require one)."""
    language: str | None = None
    """Channel language; defaults to the renders' most common language."""


class _PodcastIndex(BaseExtension):
    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, feed: Any) -> Any:
        channel = feed[0]
        locked = lxml.etree.SubElement(channel, f"{{{PODCAST_NS}}}locked")
        locked.text = "no"
        return feed


class _PodcastIndexEntry(BaseEntryExtension):
    def __init__(self) -> None:
        self.links: list[tuple[str, dict[str, str]]] = []

    def add(self, tag: str, **attrs: str) -> None:
        self.links.append((tag, attrs))

    def extend_rss(self, entry: Any) -> Any:
        for tag, attrs in self.links:
            el = lxml.etree.SubElement(entry, f"{{{PODCAST_NS}}}{tag}")
            for k, v in attrs.items():
                el.set(k, v)
        return entry


def _hms(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def _when(manifest: dict[str, Any], mp3: Path) -> datetime:
    published = manifest.get("published")
    if published:
        try:
            when = datetime.fromisoformat(str(published).replace("Z", "+00:00"))
            return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    return datetime.fromtimestamp(mp3.stat().st_mtime, tz=timezone.utc)


def read_manifests(folder: Path) -> list[dict[str, Any]]:
    """Manifests of renders in ``folder`` whose MP3 is present and complete."""
    found = []
    for path in sorted(folder.glob("*.json")):
        if path.name.endswith(".chapters.json"):
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("skipping unreadable manifest %s", path)
            continue
        if isinstance(data, dict) and "voxpress" in data and _complete(folder, data):
            found.append(data)
    return found


def _complete(folder: Path, manifest: dict[str, Any]) -> bool:
    """Whether the MP3 a manifest names is there with the size the manifest records."""
    try:
        return (folder / str(manifest.get("mp3"))).stat().st_size == manifest["mp3_bytes"]
    except (OSError, KeyError):
        return False


def _text(manifest: dict[str, Any], key: str) -> str | None:
    """A manifest's text field, with what XML cannot hold removed (older versions kept it)."""
    value = manifest.get(key)
    return clean_text(str(value)).strip() or None if value else None


def build_feed(folder: str | Path, options: FeedOptions) -> bytes:
    """RSS bytes for every render in ``folder``, newest first."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FeedError(f"{folder} is not a folder")
    if not options.base_url.startswith(("http://", "https://")):
        raise FeedError(f"--base-url must be an http(s) URL, not {options.base_url!r}")
    base = options.base_url.rstrip("/") + "/"
    tidy(folder)  # finish a render interrupted while publishing
    manifests = read_manifests(folder)
    if not manifests:
        raise FeedError(f"no rendered articles (MP3 with manifest) in {folder}")
    sites = [_text(m, "site_name") for m in manifests if _text(m, "site_name")]
    langs = [_text(m, "language") for m in manifests if _text(m, "language")]
    title = clean_text(
        options.title
        or (max(set(sites), key=sites.count) if sites else None)
        or folder.resolve().name
    )
    language = options.language or (max(set(langs), key=langs.count) if langs else "en")

    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", _PodcastIndex, _PodcastIndexEntry)
    fg.title(title)
    fg.link(href=base, rel="alternate")
    fg.link(href=base + "feed.xml", rel="self")
    fg.description(options.description or f"Articles from {title}, read aloud. {AI_NOTICE}")
    fg.language(language)
    fg.generator("voxpress")
    fg.podcast.itunes_category("News")
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_summary(options.description or f"Articles from {title}, read aloud.")
    if options.author:
        fg.podcast.itunes_author(options.author)
        fg.author({"name": options.author})
    if options.image:
        fg.podcast.itunes_image(options.image)
        fg.image(url=options.image, title=title, link=base)

    entries = [(m, _when(m, folder / m["mp3"])) for m in manifests]
    entries.sort(key=lambda pair: pair[1])  # feedgen prepends: oldest first gives newest on top
    for m, when in entries:
        mp3 = folder / m["mp3"]
        fe = fg.add_entry()
        heading, byline, url = _text(m, "title"), _text(m, "byline"), safe_url(m.get("url"))
        fe.title(heading or mp3.stem)
        fe.guid(url or base + quote(m["mp3"]), permalink=False)
        if url:
            fe.link(href=url)
        fe.description(f"{heading}{' by ' + byline if byline else ''}. {AI_NOTICE}")
        fe.enclosure(base + quote(m["mp3"]), str(mp3.stat().st_size), "audio/mpeg")
        fe.pubDate(format_datetime(when))
        fe.podcast.itunes_duration(_hms(float(m.get("duration") or 0)))
        if byline:
            fe.podcast.itunes_author(byline)
        files = m.get("files") or {}
        if files.get("vtt"):
            fe.podcastindex.add(
                "transcript",
                url=base + quote(files["vtt"]),
                type="text/vtt",
                language=_text(m, "language") or language,
            )
        if files.get("transcript"):  # Podcasting 2.0 JSON, by word where the engine timed them
            fe.podcastindex.add(
                "transcript",
                url=base + quote(files["transcript"]),
                type="application/json",
                language=_text(m, "language") or language,
            )
        if files.get("srt"):
            fe.podcastindex.add(
                "transcript", url=base + quote(files["srt"]), type="application/x-subrip"
            )
        if files.get("chapters"):
            fe.podcastindex.add(
                "chapters", url=base + quote(files["chapters"]), type="application/json+chapters"
            )
    try:
        return fg.rss_str(pretty=True)
    except ValueError as exc:  # lxml refuses text XML cannot hold
        raise FeedError(f"cannot write the feed of {folder}: {exc}") from exc


def write_feed(folder: str | Path, options: FeedOptions) -> Path:
    """Write ``folder/feed.xml`` atomically; return its path."""
    target = Path(folder) / "feed.xml"
    data = build_feed(folder, options)
    try:
        return write_bytes_atomic(target, data)
    except OSError as exc:
        raise FeedError(f"cannot write {target}: {exc.strerror or exc}") from exc
