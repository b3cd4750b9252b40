"""The streaming assembler: clips and pauses flow into one MP3 encoder as they are synthesized.

:class:`ProgrammeStream` counts every clip and pause in samples into the :class:`Timeline`
(word times included), applies the gain and the true-peak limiter, meters BS.1770 loudness on
the way (:mod:`voxpress.loudness`), and pipes raw PCM to one ffmpeg process (libmp3lame), which
encodes on the other core while the next clips are synthesized and writes the MP3 straight to
its (temporary) path. Nothing of the programme is kept but a few floats a second.

The gain is either given (a voice's calibration) or, when not, fitted on the programme's first
:data:`HEAD_SECONDS`, held in memory until then (a short article is held whole, so it is exact).
The caller compares :attr:`StreamResult.loudness_lufs` with its target and encodes again, with
the corrected gain, in the rare case it misses.

ffmpeg is asked only for what 4.4 has: raw PCM in, libmp3lame, an ID3v2.4 header padded to
leave room for the tag written afterwards (so writing tags rewrites a few KB in place, not the
file), and the Xing/LAME header (encoder delay, for gapless and exact duration).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import os
import queue
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import runtime
from .audio import ENCODER_ARGS, shift_words, silence_samples
from .errors import EncodeError
from .loudness import Limiter, LoudnessMeter
from .models import Clip, Segment, TimedSegment, Timeline

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

HEAD_SECONDS = 60.0
"""Programme held before encoding starts when the gain is not known: the gain is fitted on it."""
CEILING_DB = -2.5
"""Limiter ceiling, dBTP: 1.5 dB under the -1 dBTP limit for the MP3 encoder's overshoot (up to
1.5 dB on heavily limited speech, measured)."""
FIT_TOLERANCE_LU = 0.1
QUEUE_BLOCKS = 64
"""PCM blocks (one clip or pause each) waiting for the encoder: synthesis may run this far ahead."""


@dataclass(frozen=True)
class StreamResult:
    """What one pass through the encoder produced."""

    timeline: Timeline
    """Exact positions of every segment and word."""
    gain_db: float
    """The gain applied before the limiter."""
    loudness_lufs: float | None
    """Integrated loudness of the MP3 (what was encoded, plus the codec's gain); None when
    silent or not normalized."""
    limited_fraction: float
    """Share of samples the limiter turned down."""


def fit_gain(x: np.ndarray, sample_rate: int, target_lufs: float) -> float | None:
    """The gain (dB) that brings ``x`` through the limiter to ``target_lufs``; None if silent.

    The limiter lowers the loudness of peaky speech, so the gain is refined by the secant
    method until within :data:`FIT_TOLERANCE_LU`.
    """
    meter = LoudnessMeter(sample_rate)
    meter.feed(x)
    measured = meter.integrated()
    if measured is None:
        return None
    gain = target_lufs - measured
    points: list[tuple[float, float]] = []
    for _ in range(5):
        after = _loudness_through(x, sample_rate, gain)
        if after is None or abs(target_lufs - after) < FIT_TOLERANCE_LU:
            break
        points.append((gain, after))
        if len(points) >= 2 and points[-1][1] != points[-2][1]:
            (g1, a1), (g2, a2) = points[-2], points[-1]
            slope = max(0.05, (a2 - a1) / (g2 - g1))
            gain = g2 + (target_lufs - a2) / slope
        else:
            gain += target_lufs - after
        gain = min(gain, 40.0)
    return gain


def _loudness_through(x: np.ndarray, sample_rate: int, gain_db: float) -> float | None:
    import numpy as np

    limiter = Limiter(sample_rate, CEILING_DB)
    meter = LoudnessMeter(sample_rate)
    meter.feed(limiter.feed(x * 10 ** (gain_db / 20)))
    meter.feed(limiter.flush())
    meter.feed(np.zeros(0))
    return meter.integrated()


_CODEC_GAIN: dict[tuple[str, int, int], float] = {}


def codec_gain_db(sample_rate: int, bitrate_kbps: int) -> float:
    """How much louder (dB, usually negative) the encoder's MP3 decodes than its input.

    LAME as ffmpeg drives it scales the signal (by about 0.95, -0.45 dB: a 1 kHz tone and real
    speech alike, in every band), so the level is measured once per process and
    configuration - a 2 s tone through this ffmpeg and back - and the target is corrected.
    """
    import numpy as np

    exe = runtime.ffmpeg_exe()
    key = (exe, sample_rate, bitrate_kbps)
    if key not in _CODEC_GAIN:
        t = np.arange(sample_rate * 2) / sample_rate
        tone = np.rint(8192 * np.sin(2 * np.pi * 1000 * t)).astype("<i2")
        raw = ["-f", "s16le", "-ar", str(sample_rate), "-ac", "1"]
        base = [exe, "-hide_banner", "-loglevel", "error"]
        try:
            mp3 = subprocess.run(
                [*base, *raw, "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k",
                 *ENCODER_ARGS, "-f", "mp3", "pipe:1"],
                input=tone.tobytes(), capture_output=True, check=True,
            ).stdout  # fmt: skip
            back = subprocess.run(
                [*base, "-i", "pipe:0", *raw, "pipe:1"], input=mp3, capture_output=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            raise EncodeError(f"MP3 encoding failed: {exc}") from exc
        y = np.frombuffer(back[: len(back) // 2 * 2], dtype="<i2").astype(np.float64)
        middle = slice(sample_rate // 2, sample_rate * 3 // 2)
        ratio = np.sqrt(np.mean(y[middle] ** 2) / np.mean(tone[middle].astype(np.float64) ** 2))
        _CODEC_GAIN[key] = float(20 * np.log10(ratio)) if ratio > 0 else 0.0
        log.debug("MP3 codec gain %.2f dB (%s)", _CODEC_GAIN[key], exe)
    return _CODEC_GAIN[key]


def _resolve(future: concurrent.futures.Future[float], fn: Any, *args: Any) -> None:
    try:
        future.set_result(fn(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the result
        future.set_exception(exc)


class _Encoder:
    """One ffmpeg process turning raw PCM on stdin into an MP3 file; fed from a thread."""

    def __init__(self, target: Path, sample_rate: int, bitrate_kbps: int, tag_room: int) -> None:
        cmd = [
            runtime.ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-f",
            "s16le",
            "-ar",
            str(sample_rate),
            "-ac",
            "1",
            "-i",
            "pipe:0",
            "-c:a",
            "libmp3lame",
            "-b:a",
            f"{bitrate_kbps}k",
            *ENCODER_ARGS,
            "-ar",
            str(sample_rate),
            "-map_metadata",
            "-1",
            "-fflags",
            "+bitexact",
            "-id3v2_version",
            "4",
            "-metadata_header_padding",
            str(tag_room),
            "-write_xing",
            "1",
            "-f",
            "mp3",
            "-y",
            str(target),
        ]
        try:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
        except OSError as exc:
            raise EncodeError(f"MP3 encoding failed: cannot run ffmpeg ({exc})") from exc
        self._queue: queue.Queue[bytes | None] = queue.Queue(QUEUE_BLOCKS)
        self._error: BaseException | None = None
        self._stderr = b""
        self._writer = threading.Thread(target=self._write, name="voxpress-encoder", daemon=True)
        self._reader = threading.Thread(target=self._read, name="voxpress-stderr", daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self) -> None:
        stdin = self.proc.stdin
        assert stdin is not None
        try:
            while (block := self._queue.get()) is not None:
                if self._error is None:
                    stdin.write(block)
        except OSError as exc:  # ffmpeg died: drain the queue so the producer never blocks
            self._error = exc
            while self._queue.get() is not None:
                pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        self._stderr = self.proc.stderr.read()

    def write(self, block: bytes) -> None:
        if block:
            self._queue.put(block)

    def close(self) -> None:
        """Wait for the encoder to finish; EncodeError if it failed."""
        self._queue.put(None)
        self._writer.join()
        code = self.proc.wait()
        self._reader.join()
        if code != 0 or self._error is not None:
            lines = self._stderr.decode("utf-8", "replace").strip().splitlines()
            why = lines[-1] if lines else str(self._error or f"exit status {code}")
            raise EncodeError(f"MP3 encoding failed: {why}")

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(None)
        self.proc.wait()
        self._writer.join(timeout=5)
        self._reader.join(timeout=5)


class ProgrammeStream:
    """Segments and their clips in, one MP3 out; see the module docstring.

    Use as a context manager: leaving it by an exception stops the encoder.
    """

    def __init__(
        self,
        target: str | Path,
        sample_rate: int,
        bitrate_kbps: int = 64,
        target_lufs: float | None = -16.0,
        gain_db: float | None = None,
        tag_room: int = 4096,
    ) -> None:
        if not 8 <= bitrate_kbps <= 320:
            raise EncodeError(f"bitrate {bitrate_kbps} kbps is outside 8-320")
        self.sample_rate = sample_rate
        self.target_lufs = target_lufs
        self.gain_db = gain_db if target_lufs is not None else 0.0
        self._codec: concurrent.futures.Future[float] = concurrent.futures.Future()
        if target_lufs is None:
            self._codec.set_result(0.0)
        else:  # measured on the side (two short ffmpeg runs) while the first clips are made
            threading.Thread(
                target=_resolve,
                args=(self._codec, codec_gain_db, sample_rate, bitrate_kbps),
                daemon=True,
            ).start()
        self._encoder = _Encoder(Path(target), sample_rate, bitrate_kbps, tag_room)
        self._limiter = Limiter(sample_rate, CEILING_DB) if target_lufs is not None else None
        self._meter = LoudnessMeter(sample_rate)
        self._held: list[np.ndarray] = []
        self._held_samples = 0
        self._timed: list[TimedSegment] = []
        self._pos = 0

    @property
    def codec_db(self) -> float:
        """The encoder's gain (:func:`codec_gain_db`), waiting for its measurement."""
        return self._codec.result()

    def __enter__(self) -> ProgrammeStream:  # noqa: PYI034 - typing.Self is 3.11+
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is not None:
            self._encoder.kill()

    def add(self, segment: Segment, clip: Clip) -> None:
        """Append ``clip`` (the audio of ``segment``) and the segment's pause after it."""
        import numpy as np

        if clip.sample_rate != self.sample_rate:
            raise EncodeError(f"clip at {clip.sample_rate} Hz in a {self.sample_rate} Hz timeline")
        start = self._pos
        words = shift_words(clip.words, start, start + clip.samples)
        self._timed.append(TimedSegment(segment, start, start + clip.samples, words))
        self._pos += clip.samples
        gap = silence_samples(segment.pause_after_ms, self.sample_rate)
        self._pos += gap
        if self._limiter is None:  # not normalized: the samples as synthesized
            self._encoder.write(clip.pcm[: clip.samples * 2])
            self._encoder.write(b"\x00\x00" * gap)
            return
        pcm = np.frombuffer(clip.pcm[: clip.samples * 2], dtype="<i2")
        self._push(pcm.astype(np.float32) * np.float32(1 / 32768))
        if gap:
            self._push(np.zeros(gap, dtype=np.float32))

    def _push(self, x: np.ndarray) -> None:
        if self.gain_db is None:
            self._held.append(x)
            self._held_samples += len(x)
            if self._held_samples >= HEAD_SECONDS * self.sample_rate:
                self._release_head()
            return
        self._emit(x)

    def _release_head(self) -> None:
        import numpy as np

        head = np.concatenate(self._held) if self._held else np.zeros(0, dtype=np.float32)
        assert self.target_lufs is not None
        self.gain_db = fit_gain(head, self.sample_rate, self.target_lufs - self.codec_db) or 0.0
        log.debug("gain %.2f dB fitted on %.0f s", self.gain_db, len(head) / self.sample_rate)
        self._held, self._held_samples = [], 0
        for block in np.array_split(head, max(1, len(head) // (self.sample_rate * 10))):
            self._emit(block)

    def _emit(self, x: np.ndarray) -> None:
        import numpy as np

        if not len(x):
            return
        if self._limiter is not None:
            if self.gain_db:
                x = x * 10 ** (self.gain_db / 20)
            x = self._limiter.feed(x)
            self._meter.feed(x)
        pcm = np.clip(np.rint(x * np.float32(32768.0)), -32768, 32767).astype("<i2")
        self._encoder.write(pcm.tobytes())

    def finish(self) -> StreamResult:
        """Flush, wait for the encoder, and return the timeline and the measured loudness."""
        if self.gain_db is None:
            self._release_head()
        if self._limiter is not None:
            tail = self._limiter.flush()
            self._meter.feed(tail)
            import numpy as np

            pcm = np.clip(np.rint(tail * 32768.0), -32768, 32767).astype("<i2")
            self._encoder.write(pcm.tobytes())
        self._encoder.close()
        if not self._timed:
            raise EncodeError("nothing to assemble")
        limited = self._limiter.limited / max(1, self._pos) if self._limiter else 0.0
        timeline = Timeline(self.sample_rate, self._pos, tuple(self._timed))
        loudness = self._meter.integrated() if self.target_lufs is not None else None
        if loudness is not None:
            loudness += self.codec_db  # what the MP3 decodes to
        return StreamResult(timeline, float(self.gain_db or 0.0), loudness, limited)


class HiddenFile:
    """A file being written that no one can see, and that vanishes if the process is killed.

    Linux's ``O_TMPFILE``: the MP3 is encoded into a file with no name in the output folder, so
    a render killed with ``kill -9`` an hour into a long article leaves nothing behind; once it
    is complete it gets a name (:meth:`link_to`, no copy) and is published as before.
    :meth:`create` returns None where the system or file system cannot do it.
    """

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.path = Path(f"/proc/{os.getpid()}/fd/{fd}")
        """A path other processes (the encoder) can open it by."""

    @classmethod
    def create(cls, folder: Path) -> HiddenFile | None:
        flag = getattr(os, "O_TMPFILE", 0)
        if not flag or not Path("/proc/self/fd").is_dir():
            return None
        try:
            return cls(os.open(folder, flag | os.O_RDWR, 0o644))
        except OSError:
            return None

    def link_to(self, path: Path) -> None:
        """Give the file the name ``path`` (replacing a file there)."""
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        # linkat(AT_SYMLINK_FOLLOW), which os.link uses only when given a directory fd
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.link(f"/proc/self/fd/{self.fd}", path.name, dst_dir_fd=folder)
        finally:
            os.close(folder)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def stream_programme(
    target: str | Path,
    segments: Sequence[Segment],
    clips: Sequence[Clip],
    sample_rate: int,
    **options: Any,
) -> StreamResult:
    """Encode ``clips`` (one per segment) to ``target`` in one pass."""
    if len(segments) != len(clips):
        raise ValueError("one clip per segment is required")
    with ProgrammeStream(target, sample_rate, **options) as stream:
        for seg, clip in zip(segments, clips):
            stream.add(seg, clip)
        return stream.finish()
