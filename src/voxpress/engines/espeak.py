"""espeak-ng through pyttsx3's espeak driver.

pyttsx3 2.99 has traps (see DEVELOPERS.md): ``pyttsx3.init()`` returns a shared cached engine and
espeak-ng initialises once per process; only the last of several queued ``save_to_file`` calls is
written; a call can return without writing; it prints "Audio saved to …" on stdout. So this module
owns the one pyttsx3 engine of the process, speaks one segment at a time into a private temporary
folder, silences stdout around the call, and reads back and checks every clip, retrying once.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import io
import logging
import shutil
import tempfile
import threading
import time
import wave
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import runtime
from ..errors import EngineError, ProfileError
from ..models import Clip
from ..voices import VoiceProfile
from .base import EngineVoice, check_clip, speak_with_retry

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_DONE = threading.Event()
_PYTTSX3: Any = None
_CONFIGURED: tuple[object, ...] | None = None


def _shared_engine() -> Any:
    """The process's one pyttsx3 engine on the espeak driver."""
    global _PYTTSX3
    if _PYTTSX3 is None:
        runtime.prepare_espeak()
        try:
            import pyttsx3

            _PYTTSX3 = pyttsx3.init("espeak")
        except (OSError, RuntimeError, ImportError) as exc:
            raise EngineError(f"cannot start espeak-ng: {exc}") from exc
        # runAndWait() returns as soon as synthesis has *started*; the driver announces the end
        # (after the WAV is closed) with 'finished-utterance', so that is what we wait for.
        _PYTTSX3.connect("finished-utterance", lambda **_: _DONE.set())
        atexit.register(_release)
    return _PYTTSX3


def _release() -> None:
    """Drop the engine while the interpreter is intact (pyttsx3's __del__ fails at shutdown)."""
    global _PYTTSX3
    _PYTTSX3 = None
    gc.collect()


def _wait_until_idle(timeout: float = 5.0) -> None:
    """Wait until espeak-ng's command queue is empty.

    espeak-ng runs commands (setting voice and rate, finishing the last utterance) on its own
    thread. pyttsx3's runAndWait() calls stop() before it starts speaking, and stop() cancels
    whatever espeak-ng is doing if it still looks busy; it also leaves a flag that cancels the
    utterance about to start. Under load that produced empty WAVs (seen 30 times in a 30-article
    batch). Waiting here, after configuring, until espeak-ng is idle prevents it.
    """
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + timeout
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.0005)


class EspeakEngine:
    """The default engine: fast, intelligible, 100+ languages."""

    name = "espeak"
    sample_rate = 22050

    def __init__(self, profile: VoiceProfile) -> None:
        self.profile = profile
        self._tts = _shared_engine()
        ids = {v.id for v in self.voices()}
        if profile.voice.lower() not in ids:
            raise ProfileError(
                f"voice profile {profile.name}: espeak-ng has no voice '{profile.voice}' "
                "(see 'voxpress voices')"
            )
        self._dir = Path(tempfile.mkdtemp(prefix="voxpress-espeak-"))
        self._count = 0

    def close(self) -> None:
        """Remove the engine's temporary folder."""
        shutil.rmtree(self._dir, ignore_errors=True)

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def _configure(self) -> None:
        """Set voice, rate, volume and pitch, only when another profile set them last."""
        global _CONFIGURED
        p = self.profile
        wanted = (p.voice, p.rate, p.volume, p.pitch)
        if _CONFIGURED == wanted:
            return
        self._tts.setProperty("voice", p.voice)
        self._tts.setProperty("rate", p.rate)
        self._tts.setProperty("volume", p.volume)
        self._tts.setProperty("pitch", p.pitch)
        _CONFIGURED = wanted

    def _speak_once(self, text: str) -> Clip | str:
        self._count += 1
        path = self._dir / f"clip{self._count}.wav"
        with _LOCK, contextlib.redirect_stdout(io.StringIO()):
            self._configure()
            _wait_until_idle()
            _DONE.clear()
            self._tts.save_to_file(text, str(path))
            self._tts.runAndWait()
            finished = _DONE.wait(timeout=10 + len(text) / 20)
        if not finished:
            return "synthesis did not finish"
        try:
            with wave.open(str(path), "rb") as w:
                if w.getnchannels() != 1 or w.getsampwidth() != 2:
                    return "unexpected WAV format"
                clip = Clip(w.readframes(w.getnframes()), w.getframerate())
        except FileNotFoundError:
            return "no WAV file was written"
        except (wave.Error, EOFError) as exc:
            return f"invalid WAV file ({exc})"
        finally:
            path.unlink(missing_ok=True)
        return check_clip(clip, text, self.profile.rate) or clip

    def synthesize(self, text: str) -> Clip:
        """Speak ``text``; one retry, then :class:`EngineError` naming the problem."""
        return speak_with_retry(self._speak_once, text, "espeak-ng")

    def voices(self) -> list[EngineVoice]:
        """espeak-ng's installed voices."""
        out = []
        for v in self._tts.getProperty("voices"):
            langs = getattr(v, "languages", None) or [""]
            out.append(EngineVoice(v.id, v.name, str(langs[0]), self.sample_rate))
        return out

    def describe(self) -> str:
        """'espeak-ng <origin> via pyttsx3 <version>, voice <id>'."""
        version = metadata.version("pyttsx3")
        return f"espeak-ng ({runtime.prepare_espeak()}) via pyttsx3 {version}, voice {self.profile.voice}"


def phonemes(text: str, voice: str = "gmw/en-us") -> str:
    """espeak-ng's phonemes (ASCII mnemonics) for ``text``, clause by clause, space-separated."""
    import ctypes

    _shared_engine()
    lib = ctypes.CDLL("libespeak-ng.so.1")
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [
        ctypes.POINTER(ctypes.c_char_p),
        ctypes.c_int,
        ctypes.c_int,
    ]
    out: list[str] = []
    with _LOCK:
        lib.espeak_SetVoiceByName(voice.encode())
        buf = ctypes.c_char_p(text.encode("utf-8"))
        ptr = ctypes.pointer(buf)
        while ptr.contents.value:
            chunk = lib.espeak_TextToPhonemes(ptr, 1, 0)  # espeakCHARS_UTF8, ASCII phonemes
            out.append((chunk or b"").decode("utf-8", "replace"))
    return " ".join(out)
