"""A content-addressed clip cache on disk, shared safely by many processes.

Key: the engine, its version, the voice settings that change the sound, and the segment's
spoken text. A clip is stored as ``<root>/<k[:2]>/<k>.pcm``: a 32-byte header (magic, sample
rate, sample count, word count, and a BLAKE2b checksum of everything after it), the word times,
then the PCM. It is written to a temporary file and renamed into place, so concurrent writers of
the same clip cannot corrupt it and readers never see half a file. Every read is verified: a
damaged entry (noise written over the audio, a bad header, a truncated file) is logged, removed
and counted as a miss, so the clip is synthesized again and replaced. Hits touch the file's
mtime; :meth:`ClipCache.evict` removes the least recently used clips until the cache fits its
size cap. The cache is an optimization: one that cannot be created or written is reported once
and the render goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .engines import Engine, EngineVoice, check_clip
from .models import Clip, WordTime
from .voices import VoiceProfile

log = logging.getLogger(__name__)

MAGIC = b"VXC2"
OLD_MAGIC = b"VXC1"
HEADER = struct.Struct("<4sIIi16s")
"""magic, sample rate, samples, words (-1: the engine gave none), checksum."""
WORD = struct.Struct("<IIII")
"""offset, length, start, end of one word."""
DEFAULT_CAP_BYTES = 2 * 1024**3


@dataclass
class CacheStats:
    """What one process's cache use did."""

    hits: int = 0
    """Clips served from the cache."""
    misses: int = 0
    """Clips the engine had to synthesize."""
    evicted: int = 0
    """Clips removed to respect the size cap."""
    errors: list[str] = field(default_factory=list)
    """Damaged or unreadable cache entries met (each was re-synthesized and replaced)."""
    bytes_written: int = 0
    """Bytes of new clips written."""


def _checksum(fields: bytes, body: bytes) -> bytes:
    h = hashlib.blake2b(fields, digest_size=16)
    h.update(body)
    return h.digest()


def encode_entry(clip: Clip) -> bytes:
    """The bytes a clip is stored as."""
    words = b"".join(WORD.pack(w.offset, w.length, w.start, w.end) for w in (clip.words or ()))
    count = -1 if clip.words is None else len(clip.words)
    fields = struct.pack("<IIi", clip.sample_rate, clip.samples, count)
    body = words + clip.pcm[: clip.samples * 2]
    return HEADER.pack(MAGIC, clip.sample_rate, clip.samples, count, _checksum(fields, body)) + body


def decode_entry(data: bytes) -> Clip:
    """The clip stored in ``data``; ValueError saying what is wrong with a damaged entry."""
    if len(data) < HEADER.size or data[:4] != MAGIC:
        raise ValueError("not a cached clip")
    _, rate, samples, count, digest = HEADER.unpack_from(data)
    body = data[HEADER.size :]
    if _checksum(data[4:16], body) != digest:
        raise ValueError("checksum mismatch")
    words_len = max(count, 0) * WORD.size
    if len(body) != words_len + samples * 2 or samples == 0 or not 8000 <= rate <= 96000:
        raise ValueError("inconsistent header")
    words = None
    if count >= 0:
        words = tuple(WordTime(*WORD.unpack_from(body, i * WORD.size)) for i in range(count))
    return Clip(body[words_len:], rate, words)


class ClipCache:
    """Clips keyed by engine, voice settings and text; LRU-evicted to ``cap_bytes``."""

    def __init__(self, root: str | Path, cap_bytes: int = DEFAULT_CAP_BYTES) -> None:
        self.root = Path(root)
        self.cap_bytes = cap_bytes
        self.stats = CacheStats()
        self.readable = True
        self.writable = True
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.readable = self.writable = False
            log.warning("clip cache %s cannot be used (%s); rendering without it", root, exc)

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    def discard(self, key: str, why: str) -> None:
        """Remove a damaged entry (logged and counted) so that it is synthesized again."""
        self._damaged(self._path(key), why)

    def _damaged(self, path: Path, why: str) -> None:
        log.warning("clip cache: %s is damaged (%s); synthesizing it again", path, why)
        self.stats.errors.append(f"{path}: {why}")
        with contextlib.suppress(OSError):
            path.unlink()

    def get(self, key: str) -> Clip | None:
        """The clip stored under ``key``, verified; None when absent or damaged."""
        if not self.readable:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            self._damaged(path, str(exc))
            return None
        if data[:4] == OLD_MAGIC:
            return None  # an entry of the previous format (no word times): replaced on put
        try:
            clip = decode_entry(data)
        except ValueError as exc:
            self._damaged(path, str(exc))
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # mark as recently used
        return clip

    def put(self, key: str, clip: Clip) -> None:
        """Store ``clip`` under ``key``; a cache that cannot be written is reported once."""
        if not self.writable:
            return
        path = self._path(key)
        data = encode_entry(clip)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            self.writable = False
            log.warning(
                "clip cache %s cannot be written (%s); rendering without it", self.root, exc
            )
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
            self.stats.bytes_written += len(data)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            self.writable = False
            log.warning(
                "clip cache %s cannot be written (%s); rendering without it", self.root, exc
            )

    def calibration(self, key: str) -> float | None:
        """A voice's stored loudness gain (dB), or None."""
        if not self.readable:
            return None
        try:
            value = json.loads((self.root / "calibration" / f"{key}.json").read_text())["gain_db"]
            return float(value)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def set_calibration(self, key: str, gain_db: float) -> None:
        """Store a voice's loudness gain beside the clips (small; written atomically)."""
        if not self.writable:
            return
        folder = self.root / "calibration"
        try:
            folder.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".cal.", suffix=".tmp", dir=folder)
            with os.fdopen(fd, "w") as fh:
                json.dump({"gain_db": round(gain_db, 3)}, fh)
            os.replace(tmp, folder / f"{key}.json")
        except OSError as exc:
            log.debug("clip cache: calibration not stored: %s", exc)

    def size(self) -> int:
        """Bytes held by cached clips."""
        return sum(
            e.stat().st_size for d in self._dirs() for e in os.scandir(d) if e.name.endswith(".pcm")
        )

    def _dirs(self) -> list[Path]:
        try:
            return [Path(e.path) for e in os.scandir(self.root) if e.is_dir()]
        except OSError:
            return []

    def evict(self) -> int:
        """Remove least recently used clips until the cache fits its cap; return how many."""
        entries = []
        for d in self._dirs():
            for e in os.scandir(d):
                if e.name.endswith(".pcm"):
                    with contextlib.suppress(FileNotFoundError):
                        st = e.stat()
                        entries.append((st.st_mtime, st.st_size, e.path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.cap_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                removed += 1
            total -= size
        self.stats.evicted += removed
        return removed


def calibration_key(profile: VoiceProfile, engine_description: str) -> str:
    """Key of a voice's loudness calibration: everything that changes its level."""
    return clip_key(profile, engine_description, "\x00calibration")[:32]


def clip_key(profile: VoiceProfile, engine_description: str, text: str) -> str:
    """Cache key of a segment: everything that changes the sound of ``text``."""
    voice = {
        "engine": profile.engine,
        "voice": profile.voice,
        "rate": profile.rate,
        "pitch": profile.pitch,
        "volume": profile.volume,
        "engine_version": engine_description,
    }
    blob = json.dumps(voice, sort_keys=True) + "\n" + text
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class CachedEngine:
    """An :class:`Engine` that asks the cache before the engine it wraps."""

    def __init__(self, engine: Engine, cache: ClipCache, profile: VoiceProfile) -> None:
        self.inner = engine
        self.cache = cache
        self.profile = profile
        self.name = engine.name
        self.sample_rate = engine.sample_rate
        self._description = engine.describe()

    def synthesize(self, text: str) -> Clip:
        key = clip_key(self.profile, self._description, text)
        clip = self.cache.get(key)
        if clip is not None and clip.sample_rate != self.sample_rate:
            self.cache.discard(key, f"{clip.sample_rate} Hz clip")
            clip = None
        if clip is not None:
            why = check_clip(clip, text, self.profile.rate)
            if why is None:
                self.cache.stats.hits += 1
                return clip
            self.cache.discard(key, why)
        clip = self.inner.synthesize(text)
        self.cache.stats.misses += 1
        self.cache.put(key, clip)
        return clip

    def voices(self) -> list[EngineVoice]:
        return self.inner.voices()

    def describe(self) -> str:
        return self._description
