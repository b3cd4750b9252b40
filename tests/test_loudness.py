"""Streaming loudness: the BS.1770 meter against independent references, the true-peak limiter,
and real MP3s from the streaming encoder measured afterwards by ffmpeg (OS and PyPI copies)."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from voxpress import runtime
from voxpress.audio import Tags, trim
from voxpress.engines import create_engine
from voxpress.loudness import Limiter, LoudnessMeter, true_peaks
from voxpress.models import Segment
from voxpress.stream import ProgrammeStream
from voxpress.voices import load_profile

RATE = 22050
TARGET = -16.0


def ffmpeg_copies() -> list[str]:
    import imageio_ffmpeg

    copies = [imageio_ffmpeg.get_ffmpeg_exe()]
    if Path("/usr/bin/ffmpeg").exists():
        copies.insert(0, "/usr/bin/ffmpeg")
    return copies


def ebur128(path: Path, ffmpeg: str) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) of a file, by ffmpeg's ebur128."""
    proc = subprocess.run(
        [ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af",
         "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", proc.stderr)[-1])
    peak = float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", proc.stderr)[-1])
    return integrated, peak


@pytest.fixture(scope="module")
def speech() -> np.ndarray:
    """Half a minute of real espeak-ng speech with pauses, float."""
    engine = create_engine(load_profile())
    text = (
        "The council met on Tuesday evening to discuss the budget. Residents asked why the "
        "bridge repairs had been delayed again, and the mayor promised an answer by spring. "
    )
    parts = []
    for _ in range(4):
        for sentence in filter(None, text.strip().split(". ")):
            parts.append(np.frombuffer(trim(engine.synthesize(sentence)).pcm, dtype="<i2"))
            parts.append(np.zeros(RATE // 3, dtype="<i2"))
    return np.concatenate(parts) / 32768.0


def test_meter_matches_pyloudnorm_and_ffmpeg(speech: np.ndarray) -> None:
    pyln = pytest.importorskip("pyloudnorm")
    meter = LoudnessMeter(RATE)
    for block in np.array_split(speech, 37):  # uneven blocks: state carries across them
        meter.feed(block)
    ours = meter.integrated()
    reference = pyln.Meter(RATE).integrated_loudness(speech)
    assert ours is not None and abs(ours - reference) < 0.1
    pcm = (speech * 32768).astype("<i2").tobytes()
    proc = subprocess.run(
        [runtime.ffmpeg_exe(), "-hide_banner", "-nostats", "-f", "s16le", "-ar", str(RATE),
         "-ac", "1", "-i", "pipe:0", "-af", "ebur128=framelog=verbose", "-f", "null", "-"],
        input=pcm, capture_output=True, check=True,
    )  # fmt: skip
    assert abs(ours - float(re.findall(rb"I:\s+(-?[\d.]+) LUFS", proc.stderr)[-1])) < 0.15


def test_meter_on_bs1770s_calibration_tone() -> None:
    """BS.1770: a 997 Hz sine at 0 dBFS peak reads -3.01 LUFS, so one at -20 dBFS reads -23.01.
    (pyloudnorm's filters are exact only at 48 kHz; ours follow libebur128 at any rate.)"""
    pyln = pytest.importorskip("pyloudnorm")
    for rate in (48000, 22050, 16000):
        t = np.arange(rate * 5) / rate
        x = 0.1 * np.sin(2 * math.pi * 997 * t)
        meter = LoudnessMeter(rate)
        meter.feed(x)
        assert abs(meter.integrated() - -23.01) < 0.05, rate
        if rate == 48000:
            assert abs(meter.integrated() - pyln.Meter(rate).integrated_loudness(x)) < 0.05


def test_limiter_keeps_true_peaks_under_the_ceiling_and_timing_exact(speech: np.ndarray) -> None:
    ceiling_db = -2.0
    loud = speech * 10 ** (8 / 20)  # 8 dB of gain: peaks far over full scale
    limiter = Limiter(RATE, ceiling_db)
    out = np.concatenate([limiter.feed(b) for b in np.array_split(loud, 23)] + [limiter.flush()])
    assert len(out) == len(loud)  # sample n out is sample n in: the timeline stays exact
    peak = float(true_peaks(out, np.zeros(12)).max())
    assert 20 * math.log10(peak) <= ceiling_db + 0.05
    quiet = np.abs(loud) < 0.05  # far from any peak the limiter may still hold gain down
    ratio = out[quiet & (np.abs(loud) > 0.01)] / loud[quiet & (np.abs(loud) > 0.01)]
    assert np.median(ratio) > 0.7  # it limits peaks, not the whole programme
    assert limiter.limited > 0


def test_limiter_leaves_quiet_audio_alone(speech: np.ndarray) -> None:
    quiet = speech * 0.3
    limiter = Limiter(RATE, -2.0)
    out = np.concatenate([limiter.feed(quiet), limiter.flush()])
    assert np.array_equal(out, quiet.astype(np.float32)) and limiter.limited == 0


@pytest.mark.parametrize("ffmpeg", ffmpeg_copies())
def test_streamed_mp3_meets_the_target_measured_independently(
    tmp_path: Path, ffmpeg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VOXPRESS_FFMPEG", ffmpeg)
    runtime.ffmpeg_exe.cache_clear()
    engine = create_engine(load_profile())
    target = tmp_path / "programme.mp3"
    sentences = [
        "Engineers worked through the coldest weeks of the year.",
        "Power stations were repaired at night, under fire, again and again.",
        "By March, the grid had held, and most homes had light.",
    ] * 8
    try:
        with ProgrammeStream(target, engine.sample_rate, target_lufs=TARGET) as stream:
            for n, text in enumerate(sentences):
                stream.add(
                    Segment(text, "sentence", 350 + 50 * (n % 3)), trim(engine.synthesize(text))
                )
            result = stream.finish()
        from voxpress.audio import write_tags

        write_tags(target, Tags(title="Streamed"))
        integrated, true_peak = ebur128(target, ffmpeg)
    finally:
        runtime.ffmpeg_exe.cache_clear()
    assert result.loudness_lufs is not None and abs(result.loudness_lufs - TARGET) <= 0.5
    assert abs(integrated - TARGET) <= 0.5, integrated
    assert true_peak <= -1.0
    # the MP3 holds the timeline's samples: decoders remove the encoder delay given in the LAME
    # header; what remains of the last frame's padding is at most a few ms
    decoded = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(target), "-f", "s16le", "-ac", "1", "-"],
        capture_output=True,
        check=True,
    ).stdout
    assert 0 <= len(decoded) // 2 - result.timeline.total_samples < RATE * 5 // 1000
