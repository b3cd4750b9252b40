"""espeak-ng through pyttsx3's ctypes binding, in espeak-ng's synchronous mode.

pyttsx3 2.99's espeak driver is not used to speak: its loop polls with ``time.sleep(0.01)``,
``runAndWait()`` returns when synthesis *starts*, only the last of several queued
``save_to_file`` calls is written, it writes a WAV per call, and it passes on word events
without their audio positions. Instead :class:`EspeakLibrary`, the one owner of espeak-ng's
process-wide state, initialises the library through pyttsx3's binding
(``pyttsx3.drivers._espeak``) in ``AUDIO_OUTPUT_SYNCHRONOUS`` mode: ``espeak_Synth`` returns when
the whole text is spoken, the audio arrives in our callback in memory, and every word event
carries its exact sample position. pyttsx3's driver still lists the voices and sets the voice
properties (its static ``getProperty``/``setProperty``), so voice ids and the meaning of rate,
volume and pitch are pyttsx3's. Voice settings are applied before every synthesis, retries
included, and read back, so a clip can never be spoken at another profile's rate.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from .. import runtime
from ..errors import EngineError, ProfileError
from ..models import Clip, WordTime
from ..voices import VoiceProfile
from .base import EngineVoice, PaceCheck, check_clip, speak_with_retry, word_spans

log = logging.getLogger(__name__)

BUFFER_MS = 500
"""Length of the audio buffers espeak-ng hands to the callback."""
INITIALIZE_DONT_EXIT = 0x8000
"""espeak_Initialize option: report a data error instead of calling exit()."""


@dataclass(frozen=True)
class Settings:
    """The espeak-ng voice settings one synthesis is spoken with."""

    voice: str
    """espeak-ng voice identifier ('gmw/en-us')."""
    rate: int
    """Words per minute."""
    volume: float
    """0.0-2.0 (pyttsx3's scale; espeak-ng's 0-200)."""
    pitch: int
    """0-100."""


@dataclass(frozen=True)
class Spoken:
    """What one synthesis produced: samples and word events."""

    pcm: bytes
    """16-bit mono PCM at the library's rate."""
    words: tuple[tuple[int, int, int], ...]
    """(character offset, length, first sample) of each word, in order."""
    boundaries: tuple[int, ...]
    """Sample positions where a clause ends (espeak-ng's end events)."""


class EspeakLibrary:
    """espeak-ng's process-wide state: initialised once, spoken to under one lock."""

    def __init__(self) -> None:
        self.origin = runtime.prepare_espeak()
        try:
            from pyttsx3.drivers import _espeak
            from pyttsx3.drivers.espeak import EspeakDriver
        except (OSError, RuntimeError, ImportError) as exc:
            raise EngineError(f"cannot load espeak-ng: {exc}") from exc
        self._e: Any = _espeak
        self._driver: Any = EspeakDriver
        rate = _espeak.Initialize(
            _espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, None, INITIALIZE_DONT_EXIT
        )
        if rate <= 0:
            raise EngineError("cannot start espeak-ng (espeak_Initialize failed)")
        # A pyttsx3 driver created later must not initialise espeak-ng again (in its polling
        # mode); it would still replace the callback, which is why synth() sets it every time.
        EspeakDriver._moduleInitialized = True
        self.sample_rate = int(rate)
        self.lock = threading.Lock()
        get = _espeak.dll.espeak_GetParameter
        get.restype, get.argtypes = ctypes.c_int, [ctypes.c_int, ctypes.c_int]
        self._get_parameter = get
        self._chunks: list[bytes] = []
        self._samples = 0
        self._words: list[tuple[int, int, int]] = []
        self._ends: list[int] = []
        self._callback = _espeak.t_espeak_callback(self._on_synth)

    def _on_synth(self, wav: Any, n: int, events: Any) -> int:
        e = self._e
        i = 0
        while True:
            event = events[i]
            if event.type == e.EVENT_LIST_TERMINATED:
                break
            if event.type == e.EVENT_WORD and event.length > 0:
                self._words.append((event.text_position - 1, event.length, event.sample))
            elif event.type in (e.EVENT_END, e.EVENT_MSG_TERMINATED):
                self._ends.append(event.sample)
            i += 1
        if n > 0:
            self._chunks.append(ctypes.string_at(wav, n * 2))
            self._samples += n
        return 0

    def apply(self, settings: Settings) -> None:
        """Set voice, rate, volume and pitch with pyttsx3's driver, and check they took."""
        driver = self._driver
        try:
            driver.setProperty("voice", settings.voice)
        except ValueError as exc:
            raise EngineError(f"espeak-ng refused voice {settings.voice}: {exc}") from exc
        driver.setProperty("rate", settings.rate)
        driver.setProperty("volume", settings.volume)
        driver.setProperty("pitch", settings.pitch)
        rate = self._get_parameter(self._e.RATE, 1)
        if rate != settings.rate:
            raise EngineError(f"espeak-ng rate is {rate}, not {settings.rate} as set")

    def synth(self, text: str, settings: Settings) -> Spoken:
        """Speak ``text`` with ``settings`` into memory; returns when the text is spoken."""
        e = self._e
        with self.lock:
            self.apply(settings)
            self._chunks, self._samples, self._words, self._ends = [], 0, [], []
            e.cSetSynthCallback(self._callback)
            data = text.encode("utf-8")
            status = e.cSynth(
                data, len(data) + 1, 0, e.POS_CHARACTER, 0, e.ENDPAUSE | e.CHARS_UTF8, None, None
            )
            spoken = Spoken(b"".join(self._chunks), tuple(self._words), tuple(self._ends))
            self._chunks = []
        if status != e.EE_OK:
            raise EngineError(f"espeak_Synth failed (status {status})")
        return spoken

    def voices(self) -> list[Any]:
        """pyttsx3's Voice objects for every installed espeak-ng voice."""
        with self.lock:
            return list(self._driver.getProperty("voices"))


_LIBRARY: EspeakLibrary | None = None
_LIBRARY_LOCK = threading.Lock()


def library() -> EspeakLibrary:
    """The process's one :class:`EspeakLibrary`."""
    global _LIBRARY
    with _LIBRARY_LOCK:
        if _LIBRARY is None:
            _LIBRARY = EspeakLibrary()
        return _LIBRARY


class EspeakEngine:
    """The default engine: fast, intelligible, 100+ languages, with word timings."""

    name = "espeak"

    def __init__(self, profile: VoiceProfile) -> None:
        self.profile = profile
        self._lib = library()
        self.sample_rate = self._lib.sample_rate
        ids = {v.id for v in self.voices()}
        if profile.voice.lower() not in ids:
            raise ProfileError(
                f"voice profile {profile.name}: espeak-ng has no voice '{profile.voice}' "
                "(see 'voxpress voices')"
            )
        self.settings = Settings(profile.voice, profile.rate, profile.volume, profile.pitch)
        self._pace = PaceCheck()

    def close(self) -> None:
        """Nothing to release: espeak-ng stays loaded for the process."""

    def _speak_once(self, text: str) -> Clip | str:
        spoken = self._lib.synth(text, self.settings)
        starts = [start for _, _, start in spoken.words]
        spans = word_spans(spoken.pcm, starts, spoken.boundaries, self.sample_rate)
        words = tuple(
            WordTime(offset, length, start, end)
            for (offset, length, _), (start, end) in zip(spoken.words, spans)
            if end > start
        )
        clip = Clip(spoken.pcm, self.sample_rate, words)
        return check_clip(clip, text, self.profile.rate) or clip

    def synthesize(self, text: str) -> Clip:
        """Speak ``text``; one retry (settings applied again), then :class:`EngineError`.

        A clip whose pace is off this voice's usual (:class:`PaceCheck`) is spoken again; the
        clip closer to the usual pace is kept. When both agree the text itself is unusual (0.7 %
        of 754 corpus clips); a warning says when they do not.
        """
        clip = speak_with_retry(self._speak_once, text, "espeak-ng")
        why = self._pace.suspect(clip, text)
        if why:
            again = speak_with_retry(self._speak_once, text, "espeak-ng")
            first, second = (self._pace.ratio(c, text) or 1.0 for c in (clip, again))
            if abs(first - second) > 0.03 * first:  # not the text: the settings were off
                log.warning("espeak-ng: %s for %r; spoken again at %.2fx", why, text[:60], second)
            else:
                log.debug("espeak-ng: %s for %r, and again: the text's own", why, text[:60])
            clip = again if abs(1 - second) <= abs(1 - first) else clip
        self._pace.add(clip, text)
        return clip

    def voices(self) -> list[EngineVoice]:
        """espeak-ng's installed voices."""
        out = []
        for v in self._lib.voices():
            langs = getattr(v, "languages", None) or [""]
            out.append(EngineVoice(v.id, v.name, str(langs[0]), self.sample_rate))
        return out

    def describe(self) -> str:
        """'espeak-ng <origin> via pyttsx3 <version>, voice <id>'."""
        version = metadata.version("pyttsx3")
        return f"espeak-ng ({self._lib.origin}) via pyttsx3 {version}, voice {self.profile.voice}"


def phonemes(text: str, voice: str = "gmw/en-us") -> str:
    """espeak-ng's phonemes (ASCII mnemonics) for ``text``, clause by clause, space-separated."""
    lib = library()
    dll = lib._e.dll
    dll.espeak_TextToPhonemes.restype = ctypes.c_char_p
    dll.espeak_TextToPhonemes.argtypes = [
        ctypes.POINTER(ctypes.c_char_p),
        ctypes.c_int,
        ctypes.c_int,
    ]
    out: list[str] = []
    with lib.lock:
        dll.espeak_SetVoiceByName(voice.encode())
        buf = ctypes.c_char_p(text.encode("utf-8"))
        ptr = ctypes.pointer(buf)
        while ptr.contents.value:
            chunk = dll.espeak_TextToPhonemes(ptr, 1, 0)  # espeakCHARS_UTF8, ASCII phonemes
            out.append((chunk or b"").decode("utf-8", "replace"))
    return " ".join(out)
