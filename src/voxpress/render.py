"""The orchestrator: source -> extract -> normalize + script -> engine -> assemble -> MP3.

Stages are plain functions in their own modules; this module only puts them in order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import extract as extract_mod
from . import sources
from .audio import Tags, assemble, encode_mp3, trim
from .engines import Engine, create_engine
from .errors import EngineError
from .files import slugify
from .models import Article, Clip, RenderResult, Segment
from .lexicon import load_lexicon, site_lexicon
from .normalize import Normalizer
from .script import build_script
from .voices import VoiceProfile, load_profile

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    """Per-run choices, built once at the edge (the CLI) and passed down."""

    out_dir: Path = Path("output")
    """Folder the MP3 is written to."""
    voice: str | None = None
    """Voice profile name or path; None for the default profile."""
    rate: int | None = None
    """Words per minute; None for the profile's rate."""
    bitrate_kbps: int = 64
    """MP3 bitrate."""
    lexicons: tuple[str, ...] = ()
    """Extra pronunciation lexicons (names or paths), after the profile's own."""


def read_article(source: str) -> Article:
    """Load and extract one source."""
    return extract_mod.extract(sources.load(source))


def profile_for(options: RenderOptions) -> VoiceProfile:
    """The voice profile with the run's overrides applied."""
    return load_profile(options.voice).with_overrides(rate=options.rate)


def normalizer_for(article: Article, profile: VoiceProfile, extra: tuple[str, ...] = ()) -> Normalizer:
    """A normalizer in the article's language with the profile's, the run's and the site's lexicons."""
    lexicons = [load_lexicon(name) for name in (*profile.lexicons, *extra)]
    site = site_lexicon(article.url)
    if site is not None:
        lexicons.append(site)
    return Normalizer(article.language or profile.language, lexicons)


def script_for(article: Article, profile: VoiceProfile, lexicons: tuple[str, ...] = ()) -> list[Segment]:
    """The exact segments that will be spoken for ``article``."""
    return build_script(article, profile, normalizer_for(article, profile, lexicons))


def synthesize_all(engine: Engine, segments: list[Segment], progress: Progress | None = None) -> list[Clip]:
    """One checked, trimmed clip per segment; an engine failure names the segment."""
    clips = []
    for n, seg in enumerate(segments):
        try:
            clips.append(trim(engine.synthesize(seg.text)))
        except EngineError as exc:
            raise EngineError(f"segment {n + 1} ({seg.text[:50]!r}): {exc}") from exc
        if progress:
            progress(n + 1, len(segments))
    return clips


class Renderer:
    """Renders articles with one engine, created once and reused for every article."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self.profile = profile_for(options)
        self.engine: Engine = create_engine(self.profile)

    def render_source(self, source: str, progress: Progress | None = None) -> RenderResult:
        """Read, extract and render one source."""
        return self.render_article(read_article(source), progress)

    def render_article(self, article: Article, progress: Progress | None = None) -> RenderResult:
        """Render an extracted article to ``out_dir/<slug>.mp3``."""
        segments = script_for(article, self.profile, self.options.lexicons)
        clips = synthesize_all(self.engine, segments, progress)
        pcm, timeline = assemble(segments, clips, self.engine.sample_rate)
        target = self.options.out_dir / f"{slugify(article.title)}.mp3"
        tags = Tags(
            title=article.title,
            artist=article.byline,
            album=article.site_name,
            date=article.published,
            url=article.url or (article.source if article.source.startswith("http") else None),
            language=article.language,
        )
        encode_mp3(pcm, timeline.sample_rate, target, tags, self.options.bitrate_kbps)
        return RenderResult(article, str(target), timeline.duration, timeline, (str(target),))


def render(source: str, options: RenderOptions | None = None) -> RenderResult:
    """Render one source with a fresh :class:`Renderer` (convenient for one-off use)."""
    return Renderer(options or RenderOptions()).render_source(source)
