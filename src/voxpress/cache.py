"""A content-addressed clip cache on disk, shared safely by many processes.

Key: the engine, its version, the voice settings that change the sound, and the segment's
spoken text. A clip is stored as ``<root>/<k[:2]>/<k>.pcm`` (a 12-byte header, then PCM), written
to a temporary file and renamed into place, so concurrent writers of the same clip cannot
corrupt it and readers never see half a file. Hits touch the file's mtime; :meth:`ClipCache.evict`
removes the least recently used clips until the cache fits its size cap.
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

from .engines import Engine, EngineVoice
from .models import Clip
from .voices import VoiceProfile

log = logging.getLogger(__name__)

MAGIC = b"VXC1"
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
    """Unreadable cache entries met (each was re-synthesized)."""


class ClipCache:
    """Clips keyed by engine, voice settings and text; LRU-evicted to ``cap_bytes``."""

    def __init__(self, root: str | Path, cap_bytes: int = DEFAULT_CAP_BYTES) -> None:
        self.root = Path(root)
        self.cap_bytes = cap_bytes
        self.root.mkdir(parents=True, exist_ok=True)
        self.stats = CacheStats()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.pcm"

    def get(self, key: str) -> Clip | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self.stats.errors.append(f"{path}: {exc}")
            return None
        if len(data) < 12 or data[:4] != MAGIC:
            self.stats.errors.append(f"{path}: not a cached clip")
            return None
        rate, length = struct.unpack("<II", data[4:12])
        pcm = data[12:]
        if len(pcm) != length:
            self.stats.errors.append(f"{path}: truncated")
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # mark as recently used
        return Clip(pcm, rate)

    def put(self, key: str, clip: Clip) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{key[:8]}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(MAGIC + struct.pack("<II", clip.sample_rate, len(clip.pcm)) + clip.pcm)
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            log.warning("clip cache write failed: %s", exc)

    def size(self) -> int:
        """Bytes held by cached clips."""
        return sum(
            e.stat().st_size for d in self._dirs() for e in os.scandir(d) if e.name.endswith(".pcm")
        )

    def _dirs(self) -> list[Path]:
        return [Path(e.path) for e in os.scandir(self.root) if e.is_dir()]

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
        if clip is not None:
            self.cache.stats.hits += 1
            return clip
        clip = self.inner.synthesize(text)
        self.cache.stats.misses += 1
        self.cache.put(key, clip)
        return clip

    def voices(self) -> list[EngineVoice]:
        return self.inner.voices()

    def describe(self) -> str:
        return self._description
