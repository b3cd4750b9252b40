"""The Piper neural engine with the real 'joe' model, behind the same interface as espeak."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from voxpress.engines import check_clip, create_engine
from voxpress.engines.piper import installed_voices, model_file
from voxpress.errors import ProfileError
from voxpress.lexicon import load_lexicon
from voxpress.render import Renderer, RenderOptions, profile_for, read_article, script_for
from voxpress.voices import VoiceProfile, load_profile

pytest.importorskip("piper")
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "headings.html"


@pytest.fixture(scope="module")
def joe():
    return create_engine(load_profile("joe"))


def test_joe_speaks_at_its_native_rate(joe) -> None:
    text = "Engineers worked through the coldest weeks of the year to keep the lights on."
    clip = joe.synthesize(text)
    assert clip.sample_rate == 22050 == joe.sample_rate
    assert check_clip(clip, text, 160) is None
    assert "piper-tts" in joe.describe() and "en_US-joe-medium" in joe.describe()


def test_rate_maps_to_length_scale() -> None:
    text = "The rate of speech is set in words per minute, for every engine alike."
    slow = create_engine(VoiceProfile("s", engine="piper", voice="joe", rate=110)).synthesize(text)
    fast = create_engine(VoiceProfile("f", engine="piper", voice="joe", rate=240)).synthesize(text)
    assert slow.duration > 1.6 * fast.duration


def test_installed_voices_list_joe() -> None:
    voices = {v.id: v for v in installed_voices()}
    assert voices["joe"].language == "en_US" and voices["joe"].sample_rate == 22050


def test_missing_model_is_a_profile_error(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match="Piper voice model not found"):
        model_file(str(tmp_path / "nope.onnx"))


def test_render_with_piper_keeps_chapters_and_exact_timing(tmp_path: Path) -> None:
    result = Renderer(RenderOptions(out_dir=tmp_path, voice="joe")).render_source(str(FIXTURE))
    assert result.timeline.sample_rate == 22050  # carried through, never resampled
    manifest = json.loads(Path(result.mp3).with_suffix(".json").read_text())
    assert manifest["engine"].startswith("piper-tts")
    chaps = ID3(result.mp3).getall("CHAP")
    assert len(chaps) == 4
    heading = next(s for s in manifest["segments"] if s["kind"] == "heading")
    assert round(heading["start_sample"] * 1000 / 22050) in {c.start_time for c in chaps}


def test_lexicon_phonemes_agree_with_pipers_phoneme_set(joe) -> None:
    symbols = set(joe.voice.config.phoneme_id_map)
    lexicon = load_lexicon("en-news", phonemes=True)
    ipa = [v for _, v in lexicon.entries if "[[" in v]
    assert len(ipa) >= 5
    for value in ipa:
        phonemes = re.search(r"\[\[(.+)\]\]", value).group(1)
        assert set(phonemes) - {" "} <= symbols, value


def test_piper_script_uses_lexicon_phonemes() -> None:
    article = read_article(
        str(Path(__file__).resolve().parent.parent / "examples" / "kyiv-independent-nato.html")
    )
    joe_text = " ".join(
        s.text for s in script_for(article, profile_for(RenderOptions(voice="joe")))
    )
    espeak_text = " ".join(s.text for s in script_for(article, profile_for(RenderOptions())))
    assert "[[kˈiːv]]" in joe_text and "[[" not in espeak_text and "Keev" in espeak_text


def test_model_patched_for_word_times_is_kept_and_reused(tmp_path: Path) -> None:
    """Patching joe for alignments costs onnx 1.6 s and 120 MB: it is done once, kept, and
    loaded by path after that; word times come out either way."""
    import os
    import subprocess
    import sys

    pytest.importorskip("onnx")
    code = (
        "from voxpress.engines import create_engine\n"
        "from voxpress.voices import load_profile\n"
        "c = create_engine(load_profile('joe')).synthesize('Word times, from a kept model.')\n"
        "print(len(c.words))\n"
    )
    env = {**os.environ, "VOXPRESS_PIPER_CACHE": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        for _ in range(2)
    ]
    assert [r.stdout.strip() for r in runs] == ["6", "6"], runs[0].stderr
    kept = list(tmp_path.glob("en_US-joe-medium.*.aligned.onnx"))
    assert len(kept) == 1 and kept[0].stat().st_size > 10_000_000
