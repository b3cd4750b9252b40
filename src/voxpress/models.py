"""Typed records passed between the pipeline's stages.

source -> :class:`Document` -> extract -> :class:`Article` -> script -> :class:`Segment` list
-> engine -> :class:`Clip` per segment -> assemble -> :class:`Timeline` -> :class:`RenderResult`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


def primary_language(tag: str | None) -> str:
    """The primary subtag of a language tag, lower case: 'en-GB' -> 'en'; '' when unknown."""
    return (tag or "").split("-")[0].lower()


BlockKind = Literal["heading", "paragraph", "list_item", "quote", "table"]
SegmentKind = Literal["title", "byline", "heading", "sentence", "intro", "outro"]


@dataclass(frozen=True)
class Document:
    """Raw content read from a source, before extraction."""

    source: str
    """The source exactly as the user gave it (path, URL or ``-``)."""
    content: bytes
    """The raw bytes read."""
    kind: Literal["html", "text", "markdown"]
    """How the content is to be parsed."""
    url: str | None = None
    """The final URL after redirects, for web sources."""
    encoding: str | None = None
    """Character set declared by the transport (HTTP header), if any."""


@dataclass(frozen=True)
class Block:
    """One readable unit of an article body, in reading order."""

    kind: BlockKind
    """heading, paragraph, list_item, quote, or table: a data table left out of the reading,
    its text the table's caption (possibly empty); the script says the voice's table note."""
    text: str
    """The text as written in the article, whitespace collapsed."""
    level: int | None = None
    """Heading level 1-6 for headings, else None."""


@dataclass(frozen=True)
class Article:
    """An article as extracted from a page: metadata plus ordered body blocks."""

    title: str
    """Headline, without a trailing ' | Site name'."""
    blocks: tuple[Block, ...]
    """Body blocks in reading order; never contains the title."""
    byline: str | None = None
    """Author name(s) as credited, without a leading 'By'."""
    published: str | None = None
    """Publication date-time in ISO 8601, if known."""
    site_name: str | None = None
    """Publisher or site name, if known."""
    language: str | None = None
    """BCP 47 language tag of the article (e.g. 'en', 'de'), if known."""
    url: str | None = None
    """Canonical URL of the article, if known."""
    source: str = ""
    """The source as given by the user."""
    untitled: bool = False
    """True when the source has no headline: ``title`` is then a stand-in ('Untitled', or the
    file's name) for file names and tags, and is not spoken."""

    def metadata(self) -> dict[str, str | None]:
        """Source and metadata fields, in the order the JSON outputs use."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "byline": self.byline,
            "published": self.published,
            "site_name": self.site_name,
            "language": self.language,
        }

    @property
    def word_count(self) -> int:
        """Words in the title and body."""
        return len(self.title.split()) + sum(len(b.text.split()) for b in self.blocks)


@dataclass(frozen=True)
class Segment:
    """One unit of speech: exactly the text the engine is asked to say, and the pause after it."""

    text: str
    """The spoken text, after normalization."""
    kind: SegmentKind
    """title, byline, heading, sentence, intro or outro."""
    pause_after_ms: int
    """Silence after this segment, in milliseconds."""
    block: int | None = None
    """Index into ``Article.blocks``; None for title, byline, intro and outro."""
    written: str = ""
    """The same passage as written in the article (for transcripts)."""
    replaced: str | None = None
    """Why the engine could not say ``text`` and a stand-in was spoken instead; None if it did."""


@dataclass(frozen=True)
class WordTime:
    """Where one word of a segment's spoken text is heard, in samples.

    In a :class:`Clip` the positions count from the clip's first sample; in a
    :class:`TimedSegment` from the programme's first sample.
    """

    offset: int
    """Character offset of the word in ``Segment.text`` (the spoken text)."""
    length: int
    """Length of the word in characters."""
    start: int
    """First sample of the word."""
    end: int
    """One past the last sample of the word."""


@dataclass(frozen=True)
class Clip:
    """Audio for one segment: 16-bit signed little-endian mono PCM."""

    pcm: bytes
    """Raw samples, 2 bytes each."""
    sample_rate: int
    """Samples per second."""
    words: tuple[WordTime, ...] | None = None
    """Where each spoken word is heard, as the engine reported it; None when the engine or
    voice cannot tell (sentence timing only)."""

    @property
    def samples(self) -> int:
        """Number of samples."""
        return len(self.pcm) // 2

    @property
    def duration(self) -> float:
        """Duration in seconds."""
        return self.samples / self.sample_rate


@dataclass(frozen=True)
class TimedSegment:
    """A segment placed on the assembled timeline, in samples."""

    segment: Segment
    """The segment spoken."""
    start: int
    """First sample of speech."""
    end: int
    """One past the last sample of speech (the pause follows)."""
    words: tuple[WordTime, ...] | None = None
    """The clip's word times moved onto the programme; None when not known."""


@dataclass(frozen=True)
class Timeline:
    """The assembled programme: where every segment starts and ends, exactly."""

    sample_rate: int
    """Samples per second of the whole programme."""
    total_samples: int
    """Length of the programme in samples, pauses included."""
    segments: tuple[TimedSegment, ...]
    """Every segment in order with its exact position."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.total_samples / self.sample_rate


@dataclass(frozen=True)
class RenderResult:
    """What a render wrote."""

    article: Article
    """The article that was rendered."""
    mp3: str
    """Path of the MP3 written."""
    duration: float
    """Length of the MP3's programme in seconds."""
    timeline: Timeline
    """Exact segment positions."""
    files: tuple[str, ...] = field(default_factory=tuple)
    """Every file written, the MP3 first."""
