"""Word times from both engines, measured against recordings whose word positions are known.

Two references, both real audio from the real engines:

- words separated by commas: each word is an island of sound between pauses, so where it is
  heard can be read off the audio itself (5 ms blocks above the trim threshold);
- one word per segment: the assembler places every clip exactly, in samples, so each word's
  place in the programme is known from its clip's boundaries (and the sound within them).

A word's reported time must be within 30 ms of where it is heard.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from voxpress.audio import TRIM_THRESHOLD, assemble, first_loud, last_loud, trim
from voxpress.engines import create_engine
from voxpress.models import Clip, Segment, WordTime
from voxpress.voices import load_profile

TOLERANCE_MS = 30
LIST = "Red, green, blue, yellow, orange, purple, silver, golden, people, table, kettle, tiger."
ENGINES = ["default", "joe"]


def sound_islands(clip: Clip, min_gap_ms: int = 120) -> list[tuple[int, int]]:
    """(first, end) samples of each stretch of sound separated by at least ``min_gap_ms`` of
    quiet."""
    step = clip.sample_rate // 200
    samples = np.abs(np.frombuffer(clip.pcm, dtype="<i2").astype(np.int32))
    gap_blocks = min_gap_ms * clip.sample_rate // 1000 // step
    out: list[tuple[int, int]] = []
    start = last = -1
    quiet = 0
    for k, pos in enumerate(range(0, clip.samples, step)):
        if samples[pos : pos + step].max() >= TRIM_THRESHOLD:
            start = k if start < 0 else start
            last, quiet = k, 0
        elif start >= 0:
            quiet += 1
            if quiet >= gap_blocks:
                out.append((start * step, (last + 1) * step))
                start = -1
    if start >= 0:
        out.append((start * step, (last + 1) * step))
    return out


@pytest.fixture(scope="module", params=ENGINES)
def engine(request):
    if request.param == "joe":
        pytest.importorskip("piper")
        pytest.importorskip("onnx")
    return create_engine(load_profile(request.param))


def error_ms(a: int, b: int, rate: int) -> float:
    return abs(a - b) * 1000 / rate


def words_by_island(clip: Clip, islands: list[tuple[int, int]]) -> list[list[WordTime]]:
    """The words heard in each island of sound; every word is in exactly one, and each island's
    first word starts and last word ends within the tolerance of its edges."""
    assert clip.words is not None
    owners = [[w for w in clip.words if min(w.end, b) - max(w.start, a) > 0] for a, b in islands]
    assert sorted(id(w) for ws in owners for w in ws) == sorted(id(w) for w in clip.words)
    rate = clip.sample_rate
    worst = max(
        max(error_ms(ws[0].start, a, rate), error_ms(ws[-1].end, b, rate))
        for ws, (a, b) in zip(owners, islands)
    )
    assert worst <= TOLERANCE_MS, f"worst word-time error {worst:.1f} ms"
    return owners


def test_each_word_is_where_its_sound_is(engine) -> None:
    clip = trim(engine.synthesize(LIST))
    islands = sound_islands(clip)
    assert clip.words is not None
    assert [LIST[w.offset : w.offset + w.length].strip(",.") for w in clip.words] == [
        w.strip(",.") for w in LIST.split()
    ]
    # Piper samples noise, so now and then two words are said with too short a pause between
    # them to be told apart in the audio: such an island is checked at its outer edges (first
    # word's start, last word's end), and most islands must still hold exactly one word.
    owners = words_by_island(clip, islands)
    assert sum(len(ws) == 1 for ws in owners) >= 10, [len(ws) for ws in owners]


def test_one_word_per_segment_lands_on_its_clip(engine) -> None:
    words = ["Morning", "traffic", "stopped", "completely", "yesterday"]
    segments = [Segment(w, "sentence", 300) for w in words]
    clips = [trim(engine.synthesize(w)) for w in words]
    pcm, timeline = assemble(segments, clips)
    rate = timeline.sample_rate
    for timed in timeline.segments:
        assert timed.words is not None and len(timed.words) == 1
        (word,) = timed.words
        assert (word.offset, word.length) == (0, len(timed.segment.text))
        assert timed.start <= word.start < word.end <= timed.end
        heard = first_loud(pcm, timed.start, timed.end), last_loud(pcm, timed.start, timed.end)
        assert error_ms(word.start, heard[0], rate) <= TOLERANCE_MS
        assert error_ms(word.end, heard[1] + 1, rate) <= TOLERANCE_MS


def test_word_times_in_running_speech_are_ordered_and_cover_the_text(engine) -> None:
    text = "In 1999, the café on Main Street paid $12 for naïve paintings — twice."
    clip = engine.synthesize(text)
    assert clip.words is not None and len(clip.words) >= 10
    starts = [w.start for w in clip.words]
    assert starts == sorted(starts)
    assert all(0 <= w.start < w.end <= clip.samples for w in clip.words)
    spoken = [text[w.offset : w.offset + w.length] for w in clip.words]
    assert "café" in spoken and "naïve" in spoken
    assert spoken[-1].startswith("twice")


RUN_TOGETHER = "Tigers, out of the blue, kettles, in the end, tables, for a while, people."


def test_words_run_together_by_the_phonemizer_keep_their_times() -> None:
    """espeak-ng, Piper's phonemizer, says "of the", "in the" and "for a" as one phoneme word:
    each token still gets its time, inside the island of sound it is heard in."""
    pytest.importorskip("piper")
    pytest.importorskip("onnx")
    clip = trim(create_engine(load_profile("joe")).synthesize(RUN_TOGETHER))
    assert clip.words is not None
    assert [RUN_TOGETHER[w.offset : w.offset + w.length].strip(",.") for w in clip.words] == [
        w.strip(",.") for w in RUN_TOGETHER.split()
    ]
    starts = [w.start for w in clip.words]
    assert starts == sorted(starts) and all(w.start < w.end for w in clip.words)
    islands = sound_islands(clip)
    owners = words_by_island(clip, islands)
    rate = clip.sample_rate
    # "out of the blue" is one island; its four words follow each other inside it
    phrase = next(ws for ws in owners if len(ws) == 4)
    assert all(a.end <= b.start + rate // 100 for a, b in itertools.pairwise(phrase))
