"""The orchestrator: source -> extract -> normalize + script -> engine -> assemble -> MP3.

Stages are plain functions in their own modules; this module only puts them in order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import __version__, outputs, publish, sources
from . import extract as extract_mod
from .audio import AI_NOTICE, Tags, assemble, encode_mp3, load_audio_file, trim
from .cache import CachedEngine, ClipCache
from .engines import Engine, create_engine
from .errors import EngineError
from .files import slugify
from .lexicon import language_lexicon, load_lexicon, site_lexicon
from .models import Article, Clip, Document, RenderResult, Segment
from .normalize import Normalizer
from .sanitize import safe_url
from .script import build_script
from .voices import VoiceProfile, load_profile

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderOptions:
    """Per-run choices, built once at the edge (the CLI) and passed down."""

    out_dir: Path = Path("output")
    """Folder the MP3 and its companion files are written to."""
    voice: str | None = None
    """Voice profile name or path; None for the default profile."""
    rate: int | None = None
    """Words per minute; None for the profile's rate."""
    bitrate_kbps: int = 64
    """MP3 bitrate."""
    lexicons: tuple[str, ...] = ()
    """Extra pronunciation lexicons (names or paths), after the profile's own."""
    loudness_lufs: float | None = -16.0
    """Integrated loudness target (EBU R128); None to skip normalization."""
    vtt: bool = True
    """Write a WebVTT transcript."""
    srt: bool = False
    """Write an SRT transcript."""
    chapters: bool = True
    """Write Podcasting 2.0 chapters JSON (ID3 chapters are always in the MP3)."""
    manifest: bool = True
    """Write the JSON manifest."""
    player: bool = False
    """Write the accessible HTML player page."""
    intro: str | None = None
    """Spoken intro line; None for the profile's."""
    outro: str | None = None
    """Spoken outro line; None for the profile's."""
    table_note: str | None = None
    """What is said where a data table is left out; None for the profile's, '' for nothing."""
    intro_audio: str | None = None
    """Intro audio file; None for the profile's."""
    outro_audio: str | None = None
    """Outro audio file; None for the profile's."""


JINGLE_FADE_MS = 1500
JINGLE_PAUSE_MS = 400


def content_hash(data: bytes) -> str:
    """Hash of a source's raw bytes: an unchanged source has an unchanged hash."""
    return hashlib.sha256(data).hexdigest()[:32]


def read_article(source: str) -> Article:
    """Load and extract one source."""
    return extract_mod.extract(sources.load(source))


def profile_for(options: RenderOptions) -> VoiceProfile:
    """The voice profile with the run's overrides applied."""
    return load_profile(options.voice).with_overrides(
        rate=options.rate,
        intro=options.intro,
        outro=options.outro,
        table_note=options.table_note,
        intro_audio=options.intro_audio,
        outro_audio=options.outro_audio,
    )


def normalizer_for(
    article: Article, profile: VoiceProfile, extra: tuple[str, ...] = ()
) -> Normalizer:
    """A normalizer in the article's language with its language's, the profile's, the run's and
    the site's lexicons."""
    phonemes = profile.engine == "piper"  # Piper reads [[phonemes]]; espeak via pyttsx3 cannot
    language = article.language or profile.language
    lexicons = [lex for lex in [language_lexicon(language, phonemes)] if lex is not None]
    # The profile's lexicons respell for its own voice: a French article, read by a French
    # voice, must not hear the English respelling 'Mah-cron'.
    names = (*(profile.lexicons if profile.speaks(language) else ()), *extra)
    lexicons += [load_lexicon(name, phonemes) for name in names]
    site = site_lexicon(article.url, phonemes)
    if site is not None:
        lexicons.append(site)
    return Normalizer(language, lexicons)


def script_for(
    article: Article, profile: VoiceProfile, lexicons: tuple[str, ...] = ()
) -> list[Segment]:
    """The exact segments that will be spoken for ``article``, intro and outro lines included."""
    segments = build_script(article, profile, normalizer_for(article, profile, lexicons))
    if profile.intro.strip():
        segments.insert(
            0,
            Segment(
                profile.intro.strip(),
                "intro",
                profile.pauses.paragraph_ms,
                None,
                profile.intro.strip(),
            ),
        )
    if profile.outro.strip() and segments:
        last = segments[-1]
        segments[-1] = Segment(
            last.text, last.kind, profile.pauses.heading_ms, last.block, last.written
        )
        segments.append(Segment(profile.outro.strip(), "outro", 0, None, profile.outro.strip()))
    return segments


def synthesize_all(
    engine: Engine, segments: list[Segment], progress: Progress | None = None
) -> list[Clip]:
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


def render_settings(profile: VoiceProfile, options: RenderOptions) -> dict[str, object]:
    """Everything that changes the output files, for the manifest's settings hash.

    Computable without starting an engine, so a batch can decide what is unchanged up front.
    """
    voice = dataclasses.asdict(profile)
    voice.pop("path", None)
    voice.pop("description", None)
    engine_package = "piper-tts" if profile.engine == "piper" else "pyttsx3"
    try:
        engine_version = importlib.metadata.version(engine_package)
    except importlib.metadata.PackageNotFoundError:
        engine_version = "not installed"
    out = {
        k: v
        for k, v in dataclasses.asdict(options).items()
        if k not in ("out_dir", "voice", "rate")
    }
    return {
        "voxpress": __version__,
        "engine": f"{engine_package} {engine_version}",
        "profile": voice,
        "options": out,
    }


class Renderer:
    """Renders articles with one engine, created once and reused for every article."""

    def __init__(self, options: RenderOptions, cache: ClipCache | None = None) -> None:
        self.options = options
        self.profile = profile_for(options)
        engine: Engine = create_engine(self.profile)
        self.engine: Engine = CachedEngine(engine, cache, self.profile) if cache else engine
        self.settings = render_settings(self.profile, options)
        self._by_language: dict[str, tuple[VoiceProfile, Engine]] = {}
        self._tidied: set[Path] = set()

    def render_source(self, source: str, progress: Progress | None = None) -> RenderResult:
        """Read, extract and render one source."""
        return self.render_document(sources.load(source), progress)

    def render_document(self, doc: Document, progress: Progress | None = None) -> RenderResult:
        """Extract and render a loaded document; its content hash goes into the manifest."""
        article = extract_mod.extract(doc)
        return self.render_article(article, progress, source_hash=content_hash(doc.content))

    def _jingle(self, path: str, intro: bool) -> tuple[Segment, Clip]:
        clip = load_audio_file(
            path,
            self.engine.sample_rate,
            fade_in_ms=0 if intro else JINGLE_FADE_MS,
            fade_out_ms=JINGLE_FADE_MS if intro else 0,
        )
        kind = "intro" if intro else "outro"
        return Segment("", kind, JINGLE_PAUSE_MS if intro else 0, None, "[music]"), clip  # type: ignore[arg-type]

    def voice_for(self, article: Article) -> tuple[VoiceProfile, Engine]:
        """The profile and engine to read ``article`` with: an espeak-ng voice in the article's
        language when it differs from the profile's and the engine is espeak-ng (which has 100+
        languages); otherwise the configured voice."""
        lang = (article.language or "").lower()
        profile = self.profile
        if not lang or lang == profile.language or profile.engine != "espeak":
            if lang and lang != profile.language:
                log.warning(
                    "%s is in '%s' but voice %s speaks '%s'",
                    article.source,
                    lang,
                    profile.name,
                    profile.language,
                )
            return profile, self.engine
        if lang not in self._by_language:
            voice = next((v.id for v in self.engine.voices() if v.language.lower() == lang), None)
            voice = voice or next(
                (v.id for v in self.engine.voices() if v.language.lower().startswith(lang + "-")),
                None,
            )
            if voice is None:
                log.warning(
                    "no espeak-ng voice for '%s'; reading %s with %s",
                    lang,
                    article.source,
                    profile.voice,
                )
                self._by_language[lang] = (profile, self.engine)
            else:
                other = dataclasses.replace(profile, voice=voice, language=lang, lexicons=())
                engine: Engine = create_engine(other)
                if isinstance(self.engine, CachedEngine):
                    engine = CachedEngine(engine, self.engine.cache, other)
                self._by_language[lang] = (other, engine)
        return self._by_language[lang]

    def render_article(
        self, article: Article, progress: Progress | None = None, source_hash: str | None = None
    ) -> RenderResult:
        """Render an extracted article to ``out_dir/<slug>.mp3`` and its companion files.

        The name is claimed first (which also proves the folder writable, before any synthesis);
        the files are published together, the manifest last (see :mod:`voxpress.outputs`).
        """
        opts = self.options
        out = opts.out_dir
        if out not in self._tidied:
            outputs.tidy(out)  # a killed earlier run's leftovers
            self._tidied.add(out)
        slug = outputs.claim_slug(out, slugify(article.title), article.source, article.url)
        profile, engine = self.voice_for(article)
        segments = script_for(article, profile, opts.lexicons if profile is self.profile else ())
        clips = synthesize_all(engine, segments, progress)
        if profile.intro_audio:
            seg, clip = self._jingle(profile.intro_audio, intro=True)
            segments.insert(0, seg)
            clips.insert(0, clip)
        if profile.outro_audio:
            seg, clip = self._jingle(profile.outro_audio, intro=False)
            last = segments[-1]
            segments[-1] = Segment(last.text, last.kind, JINGLE_PAUSE_MS, last.block, last.written)
            segments.append(seg)
            clips.append(clip)
        pcm, timeline = assemble(segments, clips, engine.sample_rate)
        mp3 = f"{slug}.mp3"
        chapter_list = publish.chapters(timeline, article)
        tags = Tags(
            title=article.title,
            artist=article.byline,
            album=article.site_name,
            date=article.published,
            url=safe_url(article.url) or safe_url(article.source),
            language=article.language,
            chapters=tuple(chapter_list),
        )
        with outputs.FileSet(out, slug) as files:
            encode_mp3(
                pcm,
                timeline.sample_rate,
                files.path(mp3),
                tags,
                opts.bitrate_kbps,
                opts.loudness_lufs,
            )
            companions: dict[str, str] = {}
            items = publish.cues(timeline)
            if opts.vtt:
                companions["vtt"] = f"{slug}.vtt"
                files.write_text(f"{slug}.vtt", publish.to_vtt(items))
            if opts.srt:
                companions["srt"] = f"{slug}.srt"
                files.write_text(f"{slug}.srt", publish.to_srt(items))
            if opts.chapters:
                companions["chapters"] = f"{slug}.chapters.json"
                files.write_text(f"{slug}.chapters.json", publish.chapters_json(chapter_list))
            if opts.player:
                companions["player"] = f"{slug}.html"
                page = publish.player_page(article, timeline, mp3, AI_NOTICE)
                files.write_text(f"{slug}.html", page)
            if opts.manifest:
                text = publish.manifest(
                    article,
                    timeline,
                    mp3=mp3,
                    mp3_bytes=files.size(mp3),
                    engine=engine.describe(),
                    voice=profile.name,
                    settings=self.settings,
                    files=companions,
                    version=__version__,
                    source_hash=source_hash,
                    file_bytes={name: files.size(name) for name in companions.values()},
                )
                files.write_text(f"{slug}.json", text)
            written = files.commit(last=f"{slug}.json")
        return RenderResult(
            article, str(out / mp3), timeline.duration, timeline, tuple(map(str, written))
        )


def render(source: str, options: RenderOptions | None = None) -> RenderResult:
    """Render one source with a fresh :class:`Renderer` (convenient for one-off use)."""
    return Renderer(options or RenderOptions()).render_source(source)
