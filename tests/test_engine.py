"""The espeak-ng engine through pyttsx3, for real, and the clip check."""

from __future__ import annotations

import pytest

from voxpress.engines import check_clip, create_engine
from voxpress.errors import EngineError, ProfileError
from voxpress.models import Clip
from voxpress.voices import VoiceProfile, load_profile


@pytest.fixture(scope="module")
def engine():
    return create_engine(load_profile())


def test_real_clip_is_plausible(engine) -> None:
    text = "The quick brown fox jumps over the lazy dog, twice over."
    clip = engine.synthesize(text)
    assert clip.sample_rate == 22050
    assert check_clip(clip, text, 170) is None
    words = len(text.split())
    assert words / 170 * 60 * 0.5 < clip.duration < words / 170 * 60 * 2


def test_many_segments_in_a_row_each_get_their_own_audio(engine) -> None:
    short = engine.synthesize("Yes.")
    long = engine.synthesize(" ".join(["This sentence is rather long and keeps going."] * 6))
    again = engine.synthesize("Yes.")
    assert long.duration > 5 * short.duration
    assert abs(again.duration - short.duration) < 0.05


def test_rate_changes_duration() -> None:
    text = "Speaking rate is set in words per minute by the voice profile."
    slow = create_engine(VoiceProfile("slow", rate=100)).synthesize(text)
    fast = create_engine(VoiceProfile("fast", rate=300)).synthesize(text)
    assert slow.duration > 2 * fast.duration


def test_empty_text_is_refused(engine) -> None:
    with pytest.raises(EngineError, match="empty"):
        engine.synthesize("   ")


def test_unknown_voice_is_a_profile_error() -> None:
    with pytest.raises(ProfileError, match="espeak-ng has no voice 'xx/nope'"):
        create_engine(VoiceProfile("bad", voice="xx/nope"))


def test_installed_voices_include_english(engine) -> None:
    ids = {v.id for v in engine.voices()}
    assert {"gmw/en-us", "gmw/en"} <= ids
    assert len(ids) > 100


@pytest.mark.parametrize(
    ("clip", "text", "reason"),
    [
        (Clip(b"", 22050), "hello", "empty audio"),
        (Clip(b"\x00\x10" * 100, 22050), "one two three four five six", "too short"),
        (Clip(b"\x00\x10" * 22050 * 60, 22050), "hello", "too long"),
        (Clip(b"\x01\x00" * 22050, 22050), "hello there", "silent"),
    ],
)
def test_check_clip_rejects_bad_audio(clip: Clip, text: str, reason: str) -> None:
    assert reason in (check_clip(clip, text, 170) or "")


def test_no_cancelled_utterances_under_load(engine, caplog: pytest.LogCaptureFixture) -> None:
    """pyttsx3's stop() used to cancel the next utterance while espeak-ng was still busy setting
    voice parameters, which under load left empty WAVs (and retries). Load the machine with a
    real ffmpeg encode and speak many short segments: none may need a retry."""
    import logging
    import subprocess

    from voxpress import runtime

    hog = subprocess.Popen(
        [
            runtime.ffmpeg_exe(),
            "-loglevel",
            "error",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=600",
            "-b:a",
            "64k",
            "-f",
            "null",
            "-",
        ]
    )
    other = create_engine(VoiceProfile("other", rate=200))
    try:
        with caplog.at_level(logging.WARNING, logger="voxpress.engines"):
            for n in range(120):
                (engine if n % 3 else other).synthesize(
                    ["Yes.", "Interesting.", "Stay focused, he said."][n % 3]
                )
    finally:
        hog.kill()
        hog.wait()
    assert [r.message for r in caplog.records] == []


def test_bundled_espeak_library_speaks_with_word_times() -> None:
    """espeakng-loader's copy (VOXPRESS_ESPEAK=bundled), in a fresh process: the library is
    process-wide state."""
    import os
    import subprocess
    import sys

    code = (
        "from voxpress.engines import create_engine\n"
        "from voxpress.voices import load_profile\n"
        "e = create_engine(load_profile())\n"
        "c = e.synthesize('Hello there, this is the bundled library speaking.')\n"
        "assert 'bundled' in e.describe() and c.samples > 22050 and len(c.words) == 8\n"
        "print('ok')\n"
    )
    env = {**os.environ, "VOXPRESS_ESPEAK": "bundled"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.stdout.strip() == "ok", out.stderr


def test_settings_are_applied_on_every_synthesis_and_on_retries(engine) -> None:
    """Issue #14 item 12: a retry once came out at another rate. Every synthesis (a retry is
    one) sets voice, rate, volume and pitch again and reads the rate back."""
    from voxpress.engines.espeak import library

    text = "Speaking rate is set in words per minute by the voice profile."
    reference = engine.synthesize(text)
    fast = create_engine(VoiceProfile("fast", rate=300))
    library().apply(fast.settings)  # leave another profile's settings behind
    again = engine.synthesize(text)
    assert abs(again.duration - reference.duration) < 0.05 * reference.duration
    assert fast.synthesize(text).duration < 0.7 * reference.duration


def test_a_clip_at_another_rate_stands_out_from_its_voice() -> None:
    """Issue #14 item 12: one render came out 15 % faster (rate 200 instead of 170). Every clip's
    pace is compared with its voice's running median; real clips at 170 pass, at 200 do not."""
    from voxpress.engines.base import PaceCheck

    normal = create_engine(VoiceProfile("normal", rate=170))
    fast = create_engine(VoiceProfile("fast", rate=200))
    sentences = [
        "The council met on Tuesday evening to discuss the budget for next year.",
        "Residents asked why the bridge repairs had been delayed again this spring.",
        "The mayor promised an answer by the end of the month, and a public meeting.",
        "Engineers said the steel had arrived late from a supplier in the north.",
        "Traffic on the old road has doubled since the bridge was closed in March.",
        "Local shops say they have lost customers who no longer cross the river.",
        "A temporary ferry was proposed, but the council found it too expensive.",
        "Work is now expected to finish before the schools open in September.",
        "Opposition members called for an independent review of the contract.",
        "The contractor declined to comment on the delays when asked on Wednesday.",
    ]
    check = PaceCheck()
    for text in sentences[:8]:
        check.add(normal.synthesize(text), text)
    for text in sentences[8:]:
        assert check.suspect(normal.synthesize(text), text) is None
        assert "pace" in (check.suspect(fast.synthesize(text), text) or "")
