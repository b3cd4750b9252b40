"""The podcast feed over a folder of real renders, parsed back with feedparser."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from voxpress.cli import app
from voxpress.feed import FeedError, FeedOptions, build_feed
from voxpress.render import Renderer, RenderOptions

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "headings.html"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feed")
    renderer = Renderer(RenderOptions(out_dir=out, srt=True, rate=260))
    renderer.render_source(str(FIXTURE))
    renderer.render_source(str(ROOT / "examples" / "kyiv-independent-nato.html"))
    return out


def test_feed_parses_cleanly_with_exact_enclosures(folder: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "feed",
            str(folder),
            "--base-url",
            "https://example.com/audio/",
            "--image",
            "https://example.com/art.png",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{folder / 'feed.xml'}\n"
    parsed = feedparser.parse(str(folder / "feed.xml"))
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.language == "en"
    assert parsed.feed.image.href == "https://example.com/art.png"
    assert len(parsed.entries) == 2
    # newest first: the Kyiv Independent story (2024) is older than the fixture (2025)
    assert parsed.entries[0].title == "How the grid survived the winter"
    for entry in parsed.entries:
        enclosure = entry.enclosures[0]
        assert enclosure.type == "audio/mpeg"
        name = enclosure.href.rsplit("/", 1)[1]
        assert int(enclosure.length) == (folder / name).stat().st_size
        assert entry.itunes_duration.count(":") == 2
        assert entry.published_parsed is not None
    xml = (folder / "feed.xml").read_text()
    assert 'xmlns:podcast="https://podcastindex.org/namespace/1.0"' in xml
    assert (
        '<podcast:transcript url="https://example.com/audio/how-the-grid-survived-the-winter.vtt" type="text/vtt"'
        in xml
    )
    assert (
        '<podcast:transcript url="https://example.com/audio/how-the-grid-survived-the-winter.transcript.json" type="application/json"'
        in xml
    )
    assert (
        '<podcast:chapters url="https://example.com/audio/how-the-grid-survived-the-winter.chapters.json" type="application/json+chapters"'
        in xml
    )
    assert '<itunes:category text="News"' in xml
    assert "<itunes:explicit>no</itunes:explicit>" in xml


def test_feed_errors(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="no rendered articles"):
        build_feed(tmp_path, FeedOptions(base_url="https://example.com/"))
    with pytest.raises(FeedError, match="must be an http"):
        build_feed(tmp_path, FeedOptions(base_url="example.com"))
    result = CliRunner().invoke(app, ["feed", str(tmp_path), "--base-url", "https://example.com/"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: no rendered articles (MP3 with manifest) in {tmp_path}\n"
