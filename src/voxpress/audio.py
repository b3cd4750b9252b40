"""Assembly: clips and pauses joined once into one timeline, encoded to MP3 with ID3 tags.

Every length is counted in whole samples at the engine's rate, so the positions in the
:class:`Timeline` are exact, not estimated; chapters and transcripts are derived from them.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import COMM, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TSSE, WOAS

from . import runtime
from .errors import EncodeError
from .files import atomic_path
from .models import Clip, Segment, TimedSegment, Timeline

log = logging.getLogger(__name__)

with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH; we set it
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # pydub's own dependency (audioop-lts on Python 3.13+)

AI_NOTICE = "This audio was generated from the article text with a synthetic (AI) voice by voxpress."
TRIM_THRESHOLD = 250
"""Samples quieter than this (of 32767) at a clip's ends count as silence and are trimmed."""
ENCODER_ARGS = ["-ac", "1", "-compression_level", "5"]
"""ffmpeg options for every MP3: mono; LAME quality 5 (good for speech, twice as fast as 2)."""
LEAD_MS = 10
TAIL_MS = 40


@dataclass(frozen=True)
class Tags:
    """What goes into the MP3's ID3v2 tag."""

    title: str
    """Article headline (TIT2)."""
    artist: str | None = None
    """Byline (TPE1)."""
    album: str | None = None
    """Site name (TALB)."""
    date: str | None = None
    """Publication date, ISO 8601 (TDRC)."""
    url: str | None = None
    """Source URL (WOAS)."""
    language: str | None = None
    """Language (TLAN)."""
    comment: str = AI_NOTICE
    """Comment (COMM) saying the audio is AI-generated."""


def _loud(pcm: bytes, i: int) -> bool:
    return abs(audioop.getsample(pcm, 2, i)) >= TRIM_THRESHOLD


def _first_loud(pcm: bytes, n: int, step: int) -> int:
    """Index of the first sample at or above the threshold, scanning blocks in C; n if none."""
    for block in range(0, n, step):
        end = min(n, block + step)
        if audioop.max(pcm[block * 2 : end * 2], 2) >= TRIM_THRESHOLD:
            return next(i for i in range(block, end) if _loud(pcm, i))
    return n


def _last_loud(pcm: bytes, n: int, step: int) -> int:
    """Index of the last sample at or above the threshold; -1 if none."""
    for end in range(n, 0, -step):
        block = max(0, end - step)
        if audioop.max(pcm[block * 2 : end * 2], 2) >= TRIM_THRESHOLD:
            return next(i for i in range(end - 1, block - 1, -1) if _loud(pcm, i))
    return -1


def trim(clip: Clip) -> Clip:
    """Cut leading and trailing silence, keeping a short margin, so pauses are exactly as set."""
    n = clip.samples
    step = max(1, clip.sample_rate // 200)  # 5 ms blocks
    first = _first_loud(clip.pcm, n, step)
    if first >= n:
        return clip
    last = _last_loud(clip.pcm, n, step)
    start = max(0, first - clip.sample_rate * LEAD_MS // 1000)
    end = min(n, last + 1 + clip.sample_rate * TAIL_MS // 1000)
    return Clip(clip.pcm[start * 2 : end * 2], clip.sample_rate)


def silence_samples(ms: int, sample_rate: int) -> int:
    """Whole samples in ``ms`` milliseconds at ``sample_rate``."""
    return round(ms * sample_rate / 1000)


def assemble(
    segments: Sequence[Segment], clips: Sequence[Clip], sample_rate: int | None = None
) -> tuple[bytes, Timeline]:
    """Join clips with each segment's pause after it, once; return PCM and the exact timeline."""
    if len(segments) != len(clips):
        raise ValueError("one clip per segment is required")
    if not clips:
        raise EncodeError("nothing to assemble")
    rate = sample_rate or clips[0].sample_rate
    parts: list[bytes] = []
    timed: list[TimedSegment] = []
    pos = 0
    for seg, clip in zip(segments, clips):
        if clip.sample_rate != rate:
            raise EncodeError(f"clip at {clip.sample_rate} Hz in a {rate} Hz timeline")
        parts.append(clip.pcm)
        timed.append(TimedSegment(seg, pos, pos + clip.samples))
        pos += clip.samples
        gap = silence_samples(seg.pause_after_ms, rate)
        parts.append(b"\x00\x00" * gap)
        pos += gap
    pcm = b"".join(parts)
    return pcm, Timeline(sample_rate=rate, total_samples=pos, segments=tuple(timed))


def encode_mp3(pcm: bytes, sample_rate: int, target: str | Path, tags: Tags, bitrate_kbps: int = 64) -> Path:
    """Encode mono 16-bit PCM to an MP3 at ``target`` with ID3v2 tags, atomically."""
    if not 8 <= bitrate_kbps <= 320:
        raise EncodeError(f"bitrate {bitrate_kbps} kbps is outside 8-320")
    AudioSegment.converter = runtime.ffmpeg_exe()
    audio = AudioSegment(data=pcm, sample_width=2, frame_rate=sample_rate, channels=1)
    target = Path(target)
    with atomic_path(target) as tmp:
        try:
            audio.export(str(tmp), format="mp3", bitrate=f"{bitrate_kbps}k", parameters=ENCODER_ARGS)
        except Exception as exc:  # pydub raises CouldntEncodeError or OSError
            raise EncodeError(f"MP3 encoding failed: {exc}") from exc
        write_tags(tmp, tags)
    log.info("wrote %s", target)
    return target


def write_tags(path: str | Path, tags: Tags) -> None:
    """Write an ID3v2.4 tag (title, artist, album, date, source URL, AI notice) to ``path``."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    if tags.artist:
        id3.add(TPE1(encoding=3, text=tags.artist))
    if tags.album:
        id3.add(TALB(encoding=3, text=tags.album))
    if tags.date:
        id3.add(TDRC(encoding=3, text=tags.date[:19]))
    if tags.url:
        id3.add(WOAS(url=tags.url))
    if tags.language:
        id3.add(TLAN(encoding=3, text=tags.language))
    id3.add(COMM(encoding=3, lang="eng", desc="", text=tags.comment))
    id3.add(TSSE(encoding=3, text="voxpress"))
    id3.save(str(path), v2_version=4)
