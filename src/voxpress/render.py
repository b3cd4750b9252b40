"""The orchestrator: source -> extract -> normalize + script -> engine -> assemble -> MP3.

Stages are plain functions in their own modules; this module only puts them in order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import __version__, fallback, outputs, player, publish, sources
from . import extract as extract_mod
from .audio import AI_NOTICE, Chapter, Tags, load_audio_file, tag_room, write_tags
from .cache import CachedEngine, ClipCache, calibration_key
from .engines import Engine, create_engine
from .files import slugify
from .lexicon import language_lexicon, load_lexicon, site_lexicon
from .models import Article, Clip, Document, RenderResult, Segment, TimedSegment, Timeline
from .normalize import Normalizer
from .sanitize import safe_url
from .script import build_script
from .stream import HiddenFile, ProgrammeStream, StreamResult
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
    transcript: bool = True
    """Write the Podcasting 2.0 JSON transcript (by word where the words were timed)."""
    embed: bool = False
    """Write the snippet that embeds the player in an article page, and the player's script."""
    base_url: str | None = None
    """Public http(s) URL of ``out_dir``, for the snippet's links; None for relative names."""
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


LOUDNESS_TOLERANCE_LU = 0.5
"""A render whose measured loudness misses the target by more is encoded again."""
MAX_PASSES = 3
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
    if language.lower() == "pt" and (urlsplit(article.url or "").hostname or "").endswith(".br"):
        language = "pt-BR"  # a Brazilian site whose page says only 'pt': its numbers are Brazil's
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


def render_settings(profile: VoiceProfile, options: RenderOptions) -> dict[str, object]:
    """Everything that changes the output files, for the manifest's settings hash.

    Computable without starting an engine, so a batch can decide what is unchanged up front.
    """
    voice = dataclasses.asdict(profile)
    voice.pop("path", None)
    voice.pop("description", None)
    import importlib.metadata  # 50 ms at import; only a render needs it

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
        self.cache = cache
        self.settings = render_settings(self.profile, options)
        self._gains: dict[str, float] = {}
        self.reencodes = 0
        """Renders encoded a second time because the loudness missed its target."""
        self._by_language: dict[str, tuple[VoiceProfile, Engine]] = {}
        self._tidied: set[Path] = set()

    def render_source(self, source: str, progress: Progress | None = None) -> RenderResult:
        """Read, extract and render one source."""
        return self.render_document(sources.load(source), progress)

    def render_document(self, doc: Document, progress: Progress | None = None) -> RenderResult:
        """Extract and render a loaded document; its content hash goes into the manifest."""
        article = extract_mod.extract(doc)
        return self.render_article(article, progress, source_hash=content_hash(doc.content))

    def _jingle(self, path: str, intro: bool) -> tuple[Segment, Clip | None]:
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

    def _programme(
        self, profile: VoiceProfile, segments: list[Segment]
    ) -> list[tuple[Segment, Clip | None]]:
        """The programme in order: each segment with its jingle clip, or None to synthesize."""
        items: list[tuple[Segment, Clip | None]] = [(seg, None) for seg in segments]
        if profile.intro_audio:
            items.insert(0, self._jingle(profile.intro_audio, intro=True))
        if profile.outro_audio:
            last, clip = items[-1]
            items[-1] = (
                Segment(last.text, last.kind, JINGLE_PAUSE_MS, last.block, last.written),
                clip,
            )
            items.append(self._jingle(profile.outro_audio, intro=False))
        return items

    def speak_to_mp3(
        self,
        engine: Engine,
        profile: VoiceProfile,
        items: list[tuple[Segment, Clip | None]],
        target: Callable[[], Path],
        tags_for: Callable[[Timeline], Tags],
        progress: Progress | None = None,
    ) -> Timeline:
        """Synthesize the programme straight into an MP3 and return its timeline.

        ``target()`` names the temporary file the caller publishes (a
        :class:`voxpress.outputs.FileSet`'s). It is asked for only once the MP3 is complete
        when the system can encode into an unnamed file (Linux ``O_TMPFILE``), so a render
        killed while speaking leaves no file behind at all.

        Clips stream into the encoder as they are made (:class:`ProgrammeStream`) at the voice's
        calibrated gain (fitted on the programme's first minute when there is none yet). In the
        rare case the measured loudness misses the target by more than
        :data:`LOUDNESS_TOLERANCE_LU`, the programme is made again (from the clip cache when
        there is one) and encoded with the corrected gain.
        """
        opts = self.options
        target_lufs = opts.loudness_lufs
        key = calibration_key(profile, engine.describe())
        gain = self.calibration(key) if target_lufs is not None else 0.0
        # the tag is written after encoding, into room the encoder leaves: size it now, with
        # every segment a minute long (chapter times have a fixed size in the tag)
        minute = engine.sample_rate * 60
        placeholder = tuple(
            TimedSegment(seg, n * minute, (n + 1) * minute) for n, (seg, _) in enumerate(items)
        )
        room = tag_room(tags_for(Timeline(engine.sample_rate, len(items) * minute, placeholder)))
        hidden = HiddenFile.create(self.options.out_dir)
        try:
            if hidden is None:  # no O_TMPFILE here: encode into the visible temporary file
                path = target()
                result = self._passes(engine, items, path, gain, room, key, progress)
            else:
                result = self._passes(engine, items, hidden.path, gain, room, key, progress)
                path = target()
                hidden.link_to(path)
            write_tags(path, tags_for(result.timeline))
        finally:
            if hidden is not None:
                hidden.close()
        timeline = result.timeline
        log.info("encoded %s", path.name)
        return timeline

    def _passes(
        self,
        engine: Engine,
        items: list[tuple[Segment, Clip | None]],
        path: Path,
        gain: float | None,
        room: int,
        key: str,
        progress: Progress | None,
    ) -> StreamResult:
        """Encode until the loudness is within the tolerance (nearly always once)."""
        target_lufs = self.options.loudness_lufs
        for attempt in range(1, MAX_PASSES + 1):
            result = self._one_pass(engine, items, path, gain, room, progress)
            progress = None
            measured = result.loudness_lufs
            if target_lufs is None or measured is None:
                break
            error = target_lufs - measured
            self._remember(key, result.gain_db + error)
            if abs(error) <= LOUDNESS_TOLERANCE_LU or attempt == MAX_PASSES:
                break
            self.reencodes += 1
            gain = result.gain_db + error
            log.info(
                "%s: %.2f LUFS misses %.1f by more than %.1f LU; encoding again at %+.2f dB",
                path.name,
                measured,
                target_lufs,
                LOUDNESS_TOLERANCE_LU,
                gain,
            )
        return result

    def _one_pass(
        self,
        engine: Engine,
        items: list[tuple[Segment, Clip | None]],
        tmp: Path,
        gain: float | None,
        room: int,
        progress: Progress | None,
    ) -> StreamResult:
        opts = self.options
        spoken = sum(1 for _, clip in items if clip is None)
        done = 0
        with ProgrammeStream(
            tmp,
            engine.sample_rate,
            bitrate_kbps=opts.bitrate_kbps,
            target_lufs=opts.loudness_lufs,
            gain_db=gain,
            tag_room=room,
        ) as stream:
            for seg, clip in items:
                if clip is None:
                    seg, clip = fallback.speak(engine, seg, f"segment {done + 1}")
                    done += 1
                    if progress:
                        progress(done, spoken)
                stream.add(seg, clip)
            return stream.finish()

    def calibration(self, key: str) -> float | None:
        """The gain (dB) that brought this voice to the loudness target last time, if known."""
        if key not in self._gains and self.cache is not None:
            value = self.cache.calibration(key)
            if value is not None:
                self._gains[key] = value
        return self._gains.get(key)

    def _remember(self, key: str, gain: float) -> None:
        self._gains[key] = gain
        if self.cache is not None:
            self.cache.set_calibration(key, gain)

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
        programme = self._programme(profile, segments)
        mp3 = f"{slug}.mp3"
        chapter_list: list[Chapter] = []

        def tags_for(timeline: Timeline) -> Tags:
            chapter_list[:] = publish.chapters(timeline, article)
            return Tags(
                title=article.title,
                artist=article.byline,
                album=article.site_name,
                date=article.published,
                url=safe_url(article.url) or safe_url(article.source),
                language=article.language,
                chapters=tuple(chapter_list),
            )

        with outputs.FileSet(out, slug) as files:
            timeline = self.speak_to_mp3(
                engine, profile, programme, lambda: files.path(mp3), tags_for, progress
            )
            companions: dict[str, str] = {}

            def add(kind: str, name: str, text: str) -> None:
                companions[kind] = name
                files.write_text(name, text)

            items = publish.cues(timeline)
            if opts.vtt:
                add("vtt", f"{slug}.vtt", publish.to_vtt(items))
                # no word tags where no word was timed
                add("words_vtt", f"{slug}.words.vtt", publish.to_word_vtt(timeline))
            if opts.srt:
                add("srt", f"{slug}.srt", publish.to_srt(items))
            if opts.chapters:
                add("chapters", f"{slug}.chapters.json", publish.chapters_json(chapter_list))
            if opts.transcript:
                add("transcript", f"{slug}.transcript.json", publish.transcript_json(timeline))
            if opts.player:
                add(
                    "player", f"{slug}.html", publish.player_page(article, timeline, mp3, AI_NOTICE)
                )
            if opts.embed:  # the snippet reads the manifest, so it is written too
                snippet = publish.embed_snippet(f"{slug}.json", mp3, AI_NOTICE, opts.base_url)
                add("embed", f"{slug}.embed.html", snippet)
                add("player_js", player.SCRIPT_NAME, player.script())
            if opts.manifest or opts.embed:
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
