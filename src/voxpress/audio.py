"""Assembly: clips and pauses joined once into one timeline, encoded to MP3 with ID3 tags.

Every length is counted in whole samples at the engine's rate, so the positions in the
:class:`Timeline` are exact, not estimated; chapters and transcripts are derived from them.
"""

from __future__ import annotations

import logging
import re
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

with warnings.catch_warnings():  # pydub warns at import when no ffmpeg is on PATH; we set it
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop  # pydub's own dependency (audioop-lts on Python 3.13+)

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
    n = clip.samples
    step = max(1, clip.sample_rate // 200)  # 5 ms blocks
    first = first_loud(clip.pcm, 0, n, step)
    if first >= n:
        return clip
    last = last_loud(clip.pcm, 0, n, step)
    start = max(0, first - clip.sample_rate * LEAD_MS // 1000)
    end = min(n, last + 1 + clip.sample_rate * TAIL_MS // 1000)
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
    if not proc.stdout:
        raise EncodeError(f"audio file {path} has no audio")
    seg = AudioSegment(data=proc.stdout, sample_width=2, frame_rate=sample_rate, channels=1)
    if fade_in_ms:
        seg = seg.fade_in(min(fade_in_ms, len(seg)))
    if fade_out_ms:
        seg = seg.fade_out(min(fade_out_ms, len(seg)))
    return Clip(seg.raw_data, sample_rate)


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


def measure_loudness(pcm: bytes, sample_rate: int, filters: str | None = None) -> float | None:
    """Integrated loudness (EBU R128, LUFS) of mono PCM, after ``filters`` if given; None if silent."""
    chain = f"{filters},ebur128=framelog=verbose" if filters else "ebur128=framelog=verbose"
    cmd = [
        runtime.ffmpeg_exe(),
        "-hide_banner",
        "-nostats",
        "-f",
        "s16le",
        "-ar",
        str(sample_rate),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-af",
        chain,
        "-f",
        "null",
        "-",
    ]
    try:
        proc = subprocess.run(cmd, input=pcm, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise EncodeError(f"loudness measurement failed: {exc}") from exc
    found = re.findall(rb"I:\s+(-?[\d.]+|-inf) LUFS", proc.stderr)
    if not found or found[-1] == b"-inf":
        return None
    value = float(found[-1])
    return None if value <= -69.0 else value


def _gain_chain(gain_db: float, true_peak_db: float) -> str:
    limit = 10 ** ((true_peak_db - 1.0) / 20)
    return f"volume={gain_db:.2f}dB,alimiter=limit={limit:.4f}:attack=5:release=50:level=false:latency=1"


def loudness_filter(
    pcm: bytes, sample_rate: int, target_lufs: float, true_peak_db: float = -1.0
) -> str | None:
    """ffmpeg filters that bring ``pcm`` to ``target_lufs`` under the true-peak ceiling; None if silent.

    A linear gain, then a lookahead limiter (latency-compensated, so timing is unchanged) set 1 dB
    under the ceiling to leave room for inter-sample and encoder overshoot. The limiter lowers the
    loudness of peaky speech, so the gain is refined by the secant method, measuring the chain's
    output on a two-minute excerpt (a synthetic voice's level is steady) until within 0.2 LU.
    """
    measured = measure_loudness(pcm, sample_rate)
    if measured is None:
        return None
    excerpt = pcm
    window = 120 * sample_rate * 2
    if len(pcm) > window * 5 // 4:
        middle = (len(pcm) // 2) & ~1
        excerpt = pcm[middle - window // 2 : middle + window // 2]
    points: list[tuple[float, float]] = []
    gain = target_lufs - measured
    for _ in range(4):
        after = measure_loudness(excerpt, sample_rate, _gain_chain(gain, true_peak_db))
        if after is None or abs(target_lufs - after) < 0.2:
            break
        points.append((gain, after))
        if len(points) >= 2 and points[-1][1] != points[-2][1]:
            (g1, a1), (g2, a2) = points[-2], points[-1]
            slope = max(0.05, (a2 - a1) / (g2 - g1))
            gain = g2 + (target_lufs - a2) / slope
        else:
            gain += target_lufs - after
        gain = min(gain, 40.0)
    return _gain_chain(gain, true_peak_db)


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
    -1 dBTP; None leaves the level as synthesized.
    """
    if not 8 <= bitrate_kbps <= 320:
        raise EncodeError(f"bitrate {bitrate_kbps} kbps is outside 8-320")
    AudioSegment.converter = runtime.ffmpeg_exe()
    params = [*ENCODER_ARGS, "-ar", str(sample_rate)]
    if loudness_lufs is not None:
        filters = loudness_filter(pcm, sample_rate, loudness_lufs)
        if filters:
            params += ["-af", filters]
    audio = AudioSegment(data=pcm, sample_width=2, frame_rate=sample_rate, channels=1)
    target = Path(target)
    with atomic_path(target) as tmp:
        try:
            audio.export(str(tmp), format="mp3", bitrate=f"{bitrate_kbps}k", parameters=params)
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
    id3.save(str(path), v2_version=4)
