"""Assembly and encoding: exact sample positions, real ffmpeg MP3s, ID3 tags, atomic writes."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from voxpress.audio import Tags, assemble, encode_mp3, first_loud, silence_samples, trim
from voxpress.errors import EncodeError
from voxpress.models import Clip, Segment

RATE = 22050


def tone(seconds: float, rate: int = RATE, pad: float = 0.0) -> Clip:
    """A 440 Hz tone of exactly ``seconds``, with ``pad`` seconds of silence on each side."""
    n = round(seconds * rate)
    p = round(pad * rate)
    body = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate))) for i in range(n)
    )
    return Clip(b"\x00\x00" * p + body + b"\x00\x00" * p, rate)


def test_silence_is_whole_samples() -> None:
    assert silence_samples(350, 22050) == 7718  # 7717.5 rounds half to even -> 7718
    assert silence_samples(750, 22050) == 16538
    assert silence_samples(1000, 22050) == 22050


def test_assemble_places_every_segment_exactly() -> None:
    segs = [Segment("a", "title", 1200), Segment("b", "sentence", 350), Segment("c", "sentence", 0)]
    clips = [tone(0.5), tone(1.0), tone(0.25)]
    pcm, tl = assemble(segs, clips)
    a, b, c = (round(x * RATE) for x in (0.5, 1.0, 0.25))
    s1200, s350 = silence_samples(1200, RATE), silence_samples(350, RATE)
    assert [(t.start, t.end) for t in tl.segments] == [
        (0, a),
        (a + s1200, a + s1200 + b),
        (a + s1200 + b + s350, a + s1200 + b + s350 + c),
    ]
    assert tl.total_samples == a + s1200 + b + s350 + c == len(pcm) // 2


def test_assemble_refuses_mixed_rates() -> None:
    with pytest.raises(EncodeError, match="16000 Hz"):
        assemble([Segment("a", "sentence", 0)] * 2, [tone(0.1), tone(0.1, rate=16000)])


def test_trim_cuts_silence_but_keeps_a_margin() -> None:
    clip = tone(1.0, pad=0.5)
    trimmed = trim(clip)
    assert 1.0 <= trimmed.duration <= 1.0 + 0.06
    assert trim(Clip(b"\x00\x00" * 100, RATE)).samples == 100  # all-silent clip left alone


def test_encode_writes_a_tagged_mono_mp3(tmp_path: Path) -> None:
    pcm = tone(2.0).pcm
    target = tmp_path / "out" / "story.mp3"
    tags = Tags(
        title="A title",
        artist="Jane Doe",
        album="Site",
        date="2024-10-24T09:26:00+03:00",
        url="https://example.com/a",
        language="en",
    )
    encode_mp3(pcm, RATE, target, tags, bitrate_kbps=48)
    mp3 = MP3(target)
    assert mp3.info.channels == 1 and mp3.info.sample_rate == RATE and mp3.info.bitrate == 48000
    assert abs(mp3.info.length - 2.0) < 0.1
    id3 = ID3(target)
    assert (
        str(id3["TIT2"]) == "A title"
        and str(id3["TPE1"]) == "Jane Doe"
        and str(id3["TALB"]) == "Site"
    )
    assert str(id3["TDRC"]) == "2024-10-24 09:26:00"
    assert id3["WOAS"].url == "https://example.com/a"
    assert "synthetic (AI) voice" in str(id3.getall("COMM")[0])
    assert [p.name for p in target.parent.iterdir()] == ["story.mp3"]


def test_failed_encode_leaves_previous_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "story.mp3"
    target.write_bytes(b"previous good file")
    from voxpress import runtime

    for broken in (str(tmp_path / "no-such-ffmpeg"), "/bin/false"):  # missing; fails at once
        monkeypatch.setenv("VOXPRESS_FFMPEG", broken)
        runtime.ffmpeg_exe.cache_clear()
        try:
            with pytest.raises(EncodeError, match="cannot be used"):
                encode_mp3(tone(0.5).pcm, RATE, target, Tags(title="t"), loudness_lufs=None)
            with pytest.raises(EncodeError, match="cannot be used"):
                encode_mp3(tone(30.0).pcm, RATE, target, Tags(title="t"))
        finally:
            runtime.ffmpeg_exe.cache_clear()
    assert target.read_bytes() == b"previous good file"
    assert [p.name for p in tmp_path.iterdir()] == ["story.mp3"]


def test_trim_and_assemble_carry_word_times() -> None:
    from voxpress.models import WordTime

    pad = round(0.5 * RATE)
    words = (WordTime(0, 3, pad, pad + 1000), WordTime(4, 2, pad + 1200, pad + 22050))
    clip = Clip(tone(1.0, pad=0.5).pcm, RATE, words)
    trimmed = trim(clip)
    cut = first_loud(clip.pcm, 0, clip.samples) - RATE * 10 // 1000  # 10 ms lead kept
    assert clip.pcm[cut * 2 :].startswith(trimmed.pcm)
    assert trimmed.words == tuple(
        WordTime(w.offset, w.length, w.start - cut, min(w.end - cut, trimmed.samples))
        for w in words
    )
    _, tl = assemble(
        [Segment("a", "title", 1000), Segment("one two", "sentence", 0)],
        [Clip(tone(0.5).pcm, RATE), trimmed],
    )
    second = tl.segments[1]
    assert tl.segments[0].words is None
    assert second.words == tuple(
        WordTime(w.offset, w.length, w.start + second.start, w.end + second.start)
        for w in trimmed.words
    )


def test_tags_are_written_in_place_into_the_room_the_encoder_left(tmp_path: Path) -> None:
    """Writing the ID3 tag (with chapters) after a streamed encode rewrites only the tag: the
    audio stays where the encoder put it, so the MP3 is written once."""
    from voxpress.audio import Chapter, tag_room, write_tags
    from voxpress.stream import stream_programme

    chapters = tuple(
        Chapter(f"Part {n} of a long story", n * 1000, n * 1000 + 999) for n in range(40)
    )
    tags = Tags(title="A long title " * 5, artist="Jane Doe", chapters=chapters)
    target = tmp_path / "a.mp3"
    stream_programme(
        target, [Segment("", "sentence", 0)], [tone(3.0)], RATE, tag_room=tag_room(tags)
    )
    before = target.read_bytes()
    audio_at = ID3(target).size
    write_tags(target, tags)
    after = target.read_bytes()
    assert len(after) == len(before) and after[audio_at:] == before[audio_at:]
    assert len(ID3(target).getall("CHAP")) == 40
