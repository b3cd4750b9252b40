"""The clip cache: word times kept, every entry verified on read, damage replaced, and a cache
that cannot be written never fails a render."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from voxpress.cache import CachedEngine, ClipCache, clip_key
from voxpress.engines import check_clip, create_engine
from voxpress.models import Clip, WordTime
from voxpress.voices import load_profile

TEXT = "The council met on Tuesday evening to discuss the budget."


@pytest.fixture(scope="module")
def engine():
    return create_engine(load_profile())


def cached(engine, root: Path) -> CachedEngine:
    return CachedEngine(engine, ClipCache(root), load_profile())


def entry(root: Path, engine) -> Path:
    key = clip_key(load_profile(), engine.describe(), TEXT)
    return root / key[:2] / f"{key}.pcm"


def test_round_trip_keeps_audio_and_word_times(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path)
    clip = Clip(b"\x01\x02" * 500, 22050, (WordTime(0, 3, 0, 200), WordTime(4, 5, 250, 500)))
    cache.put("ab" + "c" * 62, clip)
    assert cache.get("ab" + "c" * 62) == clip
    no_words = Clip(b"\x01\x02" * 10, 16000)
    cache.put("cd" + "e" * 62, no_words)
    assert cache.get("cd" + "e" * 62) == no_words


def test_second_render_of_a_segment_is_a_hit_with_the_same_clip(tmp_path: Path, engine) -> None:
    first = cached(engine, tmp_path)
    clip = first.synthesize(TEXT)
    again = cached(engine, tmp_path)
    assert again.synthesize(TEXT) == clip and clip.words
    assert (first.cache.stats.misses, again.cache.stats.hits) == (1, 1)
    assert first.cache.stats.bytes_written == entry(tmp_path, engine).stat().st_size


@pytest.mark.parametrize(
    "damage",
    ["noise over the audio", "length 0 in the header", "rate 8000 in the header", "one byte"],
)
def test_damaged_entry_is_a_logged_miss_and_is_replaced(
    tmp_path: Path, engine, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    good = cached(engine, tmp_path).synthesize(TEXT)
    path = entry(tmp_path, engine)
    data = bytearray(path.read_bytes())
    if damage == "noise over the audio":
        data[-20000:] = os.urandom(20000)
    elif damage == "length 0 in the header":
        data[8:12] = (0).to_bytes(4, "little")
    elif damage == "rate 8000 in the header":
        data[4:8] = (8000).to_bytes(4, "little")
    else:
        data = bytearray(b"\x00")
    path.write_bytes(bytes(data))
    reader = cached(engine, tmp_path)
    with caplog.at_level(logging.WARNING, logger="voxpress.cache"):
        clip = reader.synthesize(TEXT)
    assert check_clip(clip, TEXT, 170) is None and clip.words  # espeak-ng varies a little
    assert abs(clip.samples - good.samples) < 100
    assert (reader.cache.stats.hits, reader.cache.stats.misses) == (0, 1)
    assert len(reader.cache.stats.errors) == 1 and "damaged" in caplog.text
    again = cached(engine, tmp_path)
    assert again.synthesize(TEXT) == clip  # replaced: now a clean hit
    assert (again.cache.stats.hits, again.cache.stats.errors) == (1, [])


@pytest.mark.parametrize("kind", ["read-only folder", "a file"])
def test_unusable_cache_warns_once_and_renders_without_it(
    tmp_path: Path, engine, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "cache"
    if kind == "a file":
        root.write_text("not a folder")
    elif os.geteuid() == 0:
        root = Path("/proc/self")  # a folder not even root can write into
    else:
        root.mkdir()
        root.chmod(0o555)
    with caplog.at_level(logging.WARNING, logger="voxpress.cache"):
        wrapped = cached(engine, root)
        clips = [wrapped.synthesize(t) for t in (TEXT, "A second sentence.", "A third one.")]
    assert all(c.samples for c in clips)
    assert len([r for r in caplog.records if "rendering without it" in r.message]) == 1
    assert wrapped.cache.size() == 0 and wrapped.cache.evict() == 0
