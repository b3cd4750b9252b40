"""Assembly: clips trimmed and placed with their pauses on one timeline; MP3 tags and chapters.

Every length is counted in whole samples at the engine's rate, so the positions in the
:class:`Timeline` are exact, not estimated; chapters and transcripts are derived from them. A
render streams its clips into the encoder (:mod:`voxpress.stream`); :func:`assemble` joins
clips in memory for short programmes and tests.
"""

from __future__ import annotations

import logging
import subprocess
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, COMM, CTOC, ID3, TALB, TDRC, TIT2, TLAN, TPE1, TSSE, WOAS, CTOCFlags

from . import runtime
from .errors import EncodeError
from .files import atomic_path
from .models import Clip, Segment, TimedSegment, Timeline, WordTime

log = logging.getLogger(__name__)

with warnings.catch_warnings():  # deprecated in 3.11-3.12; audioop-lts provides it from 3.13
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

AI_NOTICE = (
    "This audio was generated from the article text with a synthetic (AI) voice by voxpress."
)
TRIM_THRESHOLD = 250
"""Samples quieter than this (of 32767) at a clip's ends count as silence and are trimmed."""
ENCODER_ARGS = ["-ac", "1", "-compression_level", "5"]
"""ffmpeg options for every MP3: mono; LAME quality 5 (good for speech, twice as fast as 2)."""
LEAD_MS = 10
TAIL_MS = 40


@dataclass(frozen=True)
class Chapter:
    """A chapter of the programme, in milliseconds."""

    title: str
    """Chapter title (the heading, or the article title for the opening)."""
    start_ms: int
    """Start time."""
    end_ms: int
    """End time (the next chapter's start, or the end of the programme)."""


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
    chapters: tuple[Chapter, ...] = ()
    """ID3v2 CHAP frames with a CTOC table of contents."""


def _loud(pcm: bytes, i: int) -> bool:
    return abs(audioop.getsample(pcm, 2, i)) >= TRIM_THRESHOLD


def first_loud(pcm: bytes, start: int, end: int, step: int = 110) -> int:
    """Index of the first sample in [start, end) at or above the threshold (scanning blocks in
    C); ``end`` if none."""
    for block in range(start, end, step):
        stop = min(end, block + step)
        if audioop.max(pcm[block * 2 : stop * 2], 2) >= TRIM_THRESHOLD:
            return next(i for i in range(block, stop) if _loud(pcm, i))
    return end


def last_loud(pcm: bytes, start: int, end: int, step: int = 110) -> int:
    """Index of the last sample in [start, end) at or above the threshold; -1 if none."""
    for stop in range(end, start, -step):
        block = max(start, stop - step)
        if audioop.max(pcm[block * 2 : stop * 2], 2) >= TRIM_THRESHOLD:
            return next(i for i in range(stop - 1, block - 1, -1) if _loud(pcm, i))
    return -1


def shift_words(
    words: tuple[WordTime, ...] | None, by: int, limit: int
) -> tuple[WordTime, ...] | None:
    """Word times moved by ``by`` samples and kept inside [0, limit]; words left with no audio
    inside are dropped."""
    if words is None:
        return None
    out = []
    for w in words:
        start, end = max(0, w.start + by), min(limit, w.end + by)
        if end > start:
            out.append(WordTime(w.offset, w.length, start, end))
    return tuple(out)


def trim(clip: Clip) -> Clip:
    """Cut leading and trailing silence, keeping a short margin, so pauses are exactly as set.

    Word times move with the audio."""
    import numpy as np

    samples = np.frombuffer(clip.pcm[: clip.samples * 2], dtype="<i2")
    heard = np.flatnonzero(np.abs(samples.astype(np.int32)) >= TRIM_THRESHOLD)
    if not len(heard):
        return clip
    n = clip.samples
    start = max(0, int(heard[0]) - clip.sample_rate * LEAD_MS // 1000)
    end = min(n, int(heard[-1]) + 1 + clip.sample_rate * TAIL_MS // 1000)
    words = shift_words(clip.words, -start, end - start)
    return Clip(clip.pcm[start * 2 : end * 2], clip.sample_rate, words)


def load_audio_file(
    path: str | Path, sample_rate: int, fade_in_ms: int = 0, fade_out_ms: int = 0
) -> Clip:
    """Decode any audio file (ffmpeg) to a mono clip at ``sample_rate``, with optional fades."""
    cmd = [
        runtime.ffmpeg_exe(),
        "-hide_banner",
        "-loglevel",
        "error",
        "-i",
        str(path),
        "-vn",
        "-f",
        "s16le",
        "-ac",
        "1",
        "-ar",
        str(sample_rate),
        "pipe:1",
    ]
    try:
        proc = subprocess.run(cmd, capture_output=True, check=True)
    except FileNotFoundError as exc:
        raise EncodeError(f"cannot run ffmpeg: {exc}") from exc
    except subprocess.CalledProcessError as exc:
        why = exc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["unknown error"]
        raise EncodeError(f"cannot read audio file {path}: {why[0]}") from exc
    if len(proc.stdout) < 2:
        raise EncodeError(f"audio file {path} has no audio")
    return Clip(fade(proc.stdout, sample_rate, fade_in_ms, fade_out_ms), sample_rate)


def fade(pcm: bytes, sample_rate: int, in_ms: int = 0, out_ms: int = 0) -> bytes:
    """``pcm`` with linear fades in and out (each at most the whole clip)."""
    import numpy as np

    x = np.frombuffer(pcm[: len(pcm) // 2 * 2], dtype="<i2").astype(np.float64)
    n_in = min(len(x), sample_rate * in_ms // 1000)
    n_out = min(len(x), sample_rate * out_ms // 1000)
    if n_in:
        x[:n_in] *= np.linspace(0.0, 1.0, n_in, endpoint=False)
    if n_out:
        x[len(x) - n_out :] *= np.linspace(1.0, 0.0, n_out, endpoint=False)
    return np.rint(x).astype("<i2").tobytes()


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
        words = shift_words(clip.words, pos, pos + clip.samples)
        timed.append(TimedSegment(seg, pos, pos + clip.samples, words))
        pos += clip.samples
        gap = silence_samples(seg.pause_after_ms, rate)
        parts.append(b"\x00\x00" * gap)
        pos += gap
    pcm = b"".join(parts)
    return pcm, Timeline(sample_rate=rate, total_samples=pos, segments=tuple(timed))


def encode_mp3(
    pcm: bytes,
    sample_rate: int,
    target: str | Path,
    tags: Tags,
    bitrate_kbps: int = 64,
    loudness_lufs: float | None = -16.0,
) -> Path:
    """Encode mono 16-bit PCM to an MP3 at ``target`` with ID3v2 tags and chapters, atomically.

    ``loudness_lufs`` normalizes to that integrated loudness (EBU R128) with true peak at most
    -1 dBTP; None leaves the level as synthesized. (A render streams its clips through
    :class:`voxpress.stream.ProgrammeStream` instead of joining them first.)
    """
    from .stream import stream_programme

    target = Path(target)
    with atomic_path(target) as tmp:
        stream_programme(
            tmp,
            [Segment("", "sentence", 0)],
            [Clip(pcm, sample_rate)],
            sample_rate,
            bitrate_kbps=bitrate_kbps,
            target_lufs=loudness_lufs,
            tag_room=tag_room(tags),
        )
        write_tags(tmp, tags)
    log.info("wrote %s", target)
    return target


def tag_room(tags: Tags) -> int:
    """Bytes to reserve at the head of the MP3 so that ``tags`` (chapter times aside) fit."""
    text = sum(len(v.encode("utf-8")) for v in (tags.title, tags.artist, tags.album, tags.url) if v)
    chapters = sum(len(c.title.encode("utf-8")) + 64 for c in tags.chapters)
    return 2048 + 2 * (text + len(tags.comment.encode("utf-8"))) + 2 * chapters


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
    if tags.chapters:
        ids = [f"chp{n}" for n in range(len(tags.chapters))]
        id3.add(
            CTOC(
                element_id="toc",
                flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[TIT2(encoding=3, text=tags.title)],
            )
        )
        for element_id, ch in zip(ids, tags.chapters):
            id3.add(
                CHAP(
                    element_id=element_id,
                    start_time=ch.start_ms,
                    end_time=ch.end_ms,
                    sub_frames=[TIT2(encoding=3, text=ch.title)],
                )
            )
    # in place, into the padding the encoder left, when it fits (it was sized with tag_room)
    id3.save(
        str(path), v2_version=4, padding=lambda info: info.padding if info.padding >= 0 else 1024
    )
