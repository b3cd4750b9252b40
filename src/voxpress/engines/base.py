"""The engine contract, and the check every clip must pass before it reaches a timeline."""

from __future__ import annotations

import bisect
import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import EngineError
from ..models import Clip

log = logging.getLogger("voxpress.engines")

with warnings.catch_warnings():  # deprecated in 3.11-3.12; audioop-lts provides it from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop


@dataclass(frozen=True)
class EngineVoice:
    """A voice an engine has installed."""

    id: str
    """Identifier to put in a profile's ``voice``."""
    name: str
    """Human-readable name."""
    language: str
    """Language tag."""
    sample_rate: int | None = None
    """Output sample rate, when known."""


class Engine(Protocol):
    """Turns one segment of text into one clip. One engine object per process."""

    name: str
    """Engine name, as in a profile's ``engine``."""
    sample_rate: int
    """Rate of every clip it returns."""

    def synthesize(self, text: str) -> Clip:
        """Speak ``text`` (non-empty) into a clip; raise :class:`EngineError` on failure."""
        ...

    def voices(self) -> list[EngineVoice]:
        """Installed voices."""
        ...

    def describe(self) -> str:
        """Engine, library and voice with versions, for manifests."""
        ...


def speak_with_retry(speak_once: Callable[[str], Clip | str], text: str, label: str) -> Clip:
    """Run ``speak_once`` (a clip, or why there is none) with one retry; then fail loudly."""
    if not text.strip():
        raise EngineError("cannot synthesize empty text")
    result = speak_once(text)
    if isinstance(result, str):
        log.warning("%s: %s for %r; retrying", label, result, text[:60])
        result = speak_once(text)
    if isinstance(result, str):
        raise EngineError(f"{label} failed twice ({result})")
    return result


class PaceCheck:
    """Each clip's speaking pace against the same voice's other clips (issue #14 item 12).

    Pace is seconds of speech (word spans, so not pauses) per character of text. At fixed
    settings espeak-ng's pace is steady: over a 3,080-word article, clips of 40+ characters
    fall within 0.95-1.08 of their median (1st-99th percentile). A clip outside
    [:data:`SLOW`, :data:`FAST`] of the running median was probably spoken at other settings.
    """

    MIN_CHARS = 40
    FAST = 0.90
    SLOW = 1.12
    WARMUP = 8
    WINDOW = 64

    def __init__(self) -> None:
        self._paces: list[float] = []

    @staticmethod
    def pace(clip: Clip, text: str) -> float | None:
        """Seconds of speech per character, or None for short or untimed clips."""
        if len(text) < PaceCheck.MIN_CHARS or not clip.words:
            return None
        return sum(w.end - w.start for w in clip.words) / clip.sample_rate / len(text)

    def ratio(self, clip: Clip, text: str) -> float | None:
        """This clip's pace over the running median; None until there is one."""
        pace = self.pace(clip, text)
        if pace is None or len(self._paces) < self.WARMUP:
            return None
        ordered = sorted(self._paces)
        return pace / ordered[len(ordered) // 2]

    def suspect(self, clip: Clip, text: str) -> str | None:
        """Why ``clip`` looks spoken at another rate, or None."""
        ratio = self.ratio(clip, text)
        if ratio is None or self.FAST <= ratio <= self.SLOW:
            return None
        return f"pace {ratio:.2f}x this voice's usual"

    def add(self, clip: Clip, text: str) -> None:
        pace = self.pace(clip, text)
        if pace is not None:
            self._paces = [*self._paces[-(self.WINDOW - 1) :], pace]


SILENCE_PEAK = 300
"""A clip whose loudest sample stays below this (of 32767) counts as silent."""


def peak(pcm: bytes) -> int:
    """Largest absolute sample value of 16-bit little-endian PCM."""
    return audioop.max(pcm[: len(pcm) - len(pcm) % 2], 2) if len(pcm) >= 2 else 0


WORD_MARGIN_MS = 10
"""Margin kept before a word's first and after its last audible sample."""


def word_spans(
    pcm: bytes, starts: Sequence[int], boundaries: Sequence[int], sample_rate: int
) -> list[tuple[int, int]]:
    """Where each word, given the sample its engine says it starts at, is heard.

    A word runs at most to the next word's start, a clause end (a pause follows) or the end of
    the audio; within that, the quiet before its first and after its last audible sample (a
    stop consonant's closure, the pause at a comma) is not part of it. A start reported late
    (Piper's durations come in 11.6 ms frames) moves back to the onset of the sound it falls in,
    when that onset is within 80 ms and after a pause.
    """
    import numpy as np

    from ..audio import TRIM_THRESHOLD

    samples = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2")
    loud = np.abs(samples.astype(np.int32)) >= TRIM_THRESHOLD
    total = len(samples)
    stops = sorted({*starts, *boundaries, total})
    margin = sample_rate * WORD_MARGIN_MS // 1000
    step = max(1, sample_rate // 200)
    out: list[tuple[int, int]] = []
    for start in starts:
        start = min(max(0, start), total)
        i = bisect.bisect_right(stops, start)
        limit = min(stops[i], total) if i < len(stops) else total
        floor = out[-1][1] if out else 0
        cap = start - sample_rate * 80 // 1000
        start = _onset(loud, start, max(floor, cap), step, own=floor >= cap)
        heard = np.flatnonzero(loud[start:limit])
        if not len(heard):
            out.append((start, max(start, limit)))
            continue
        first, last = start + int(heard[0]), start + int(heard[-1])
        out.append((max(start, first - margin), min(limit, last + 1 + margin)))
    return out


def _onset(loud: Any, start: int, floor: int, step: int, own: bool = False) -> int:
    """``start``, or the end of a quiet 5 ms block in [floor, start) followed by sound up to
    ``start``. With ``own`` (``floor`` is the previous word's end or the clip's start, so no
    other word's sound lies in between), sound that runs unbroken back to ``floor`` is this
    word's too: the first loud sample from ``floor``."""
    pos = start
    while pos - step >= floor:
        if not loud[pos - step : pos].any():
            return pos
        pos -= step
    if own:
        import numpy as np

        heard = np.flatnonzero(loud[floor:start])
        if len(heard):
            return floor + int(heard[0])
    return start


def check_clip(clip: Clip, text: str, rate_wpm: int) -> str | None:
    """Why ``clip`` cannot be the audio of ``text`` at ``rate_wpm``, or None if it plausibly is."""
    if clip.samples == 0:
        return "empty audio"
    words = max(1, len(text.split()))
    expected = words / rate_wpm * 60.0
    if clip.duration < min(0.15, expected) or clip.duration < expected * 0.25:
        return f"{clip.duration:.2f} s of audio is too short for {words} words"
    if clip.duration > expected * 4 + 3.0:
        return f"{clip.duration:.2f} s of audio is too long for {words} words"
    if peak(clip.pcm) < SILENCE_PEAK:
        return "audio is silent"
    return None
