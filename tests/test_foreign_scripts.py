"""Letters of a script the voice cannot read, and a segment the engine cannot say (real espeak-ng)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from voxpress import fallback
from voxpress.engines import create_engine
from voxpress.models import Segment
from voxpress.normalize import Normalizer
from voxpress.render import Renderer, RenderOptions
from voxpress.voices import load_profile

CHIKAN = Path(__file__).parent / "fixtures" / "corpus" / "tf-blog.gaijinpot.com.chikan.html"
JAPANESE = (
    "みんなに知（し）っておいて欲（ほ）しいんだけど、目（め）の前（まえ）で痴漢（ちかん）してる"
)


@pytest.mark.parametrize(
    ("language", "written", "spoken"),
    [
        ("en", "The sign says 痴漢は犯罪です in red.", "The sign says Japanese text in red."),
        ("en", JAPANESE + "。", "Japanese text."),
        ("en", "Tokyo (東京) is big.", "Tokyo, Chinese text, is big."),
        ("en", "He shouted Слава Україні and left.", "He shouted Cyrillic text and left."),
        ("en", "Bangkok (กรุงเทพ) and Seoul (서울).", "Bangkok, Thai text, and Seoul, Korean text."),
        ("en", "Café crème in Kraków.", "Café crème in Kraków."),
        ("uk", "Слава Україні, 東京.", "Слава Україні, Chinese text."),
        ("ja", "東京です。", "東京です。"),
    ],
)
def test_foreign_script_stand_in(language: str, written: str, spoken: str) -> None:
    assert Normalizer(language)(written) == spoken


def test_unsayable_segment_is_replaced_not_fatal() -> None:
    """Raw Japanese makes espeak-ng's English voice spell for ~35 s: the clip check rejects it
    twice, and the fallback says a stand-in, recording why."""
    engine = create_engine(load_profile())
    seg, clip = fallback.speak(engine, Segment(JAPANESE, "sentence", 300, 0, JAPANESE), "segment 1")
    assert seg.replaced and "too long" in seg.replaced
    assert seg.text == fallback.STAND_IN
    assert seg.written == JAPANESE
    assert 0.5 < clip.duration < 5


def test_sayable_segment_is_kept() -> None:
    engine = create_engine(load_profile())
    seg = Segment("A plain sentence.", "sentence", 300, 0, "A plain sentence.")
    assert fallback.speak(engine, seg, "segment 1")[0] is seg


@pytest.mark.parametrize("voice", ["default", "joe"])
def test_page_with_japanese_renders(tmp_path: Path, voice: str) -> None:
    if voice == "joe":
        pytest.importorskip("piper")
    result = Renderer(RenderOptions(out_dir=tmp_path, voice=voice)).render_source(str(CHIKAN))
    manifest = json.loads(Path(result.mp3).with_suffix(".json").read_text())
    texts = [s["text"] for s in manifest["segments"]]
    assert any("Japanese text" in t for t in texts)
    assert not any("\u3040" <= ch <= "\u9fff" for t in texts for ch in t)
    for seg in manifest["segments"]:  # none spelled out letter by letter (that was 17-37 s)
        assert seg["end"] - seg["start"] < len(seg["text"].split()) * 0.8 + 2.5, seg["text"]
