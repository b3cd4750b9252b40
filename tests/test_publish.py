"""Publishing: chapters, transcripts, loudness, manifest, intro and outro, from real renders."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import wave
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from voxpress import runtime
from voxpress.render import Renderer, RenderOptions

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "headings.html"
SLUG = "how-the-grid-survived-the-winter"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish")
    Renderer(RenderOptions(out_dir=out, srt=True, player=True)).render_source(str(FIXTURE))
    return out


def vtt_times(text: str) -> list[tuple[float, float, str]]:
    def secs(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = []
    for block in text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        start, end = lines[1].split(" --> ")
        cues.append((secs(start), secs(end), lines[2]))
    return cues


def test_all_files_are_written(rendered: Path) -> None:
    names = sorted(p.name for p in rendered.iterdir() if not p.name.startswith("."))
    assert names == sorted(
        f"{SLUG}{ext}"
        for ext in (
            *(".mp3", ".vtt", ".words.vtt", ".srt", ".chapters.json", ".json", ".html"),
            ".transcript.json",
        )
    )


def test_id3_chapters_match_the_headings_exactly(rendered: Path) -> None:
    manifest = json.loads((rendered / f"{SLUG}.json").read_text())
    tags = ID3(rendered / f"{SLUG}.mp3")
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    titles = [str(c.sub_frames["TIT2"]) for c in chaps]
    assert titles == [
        "How the grid survived the winter",
        "The first attacks",
        "A long January",
        "What comes next",
    ]
    heading_starts = [
        round(s["start_sample"] * 1000 / manifest["sample_rate"])
        for s in manifest["segments"]
        if s["kind"] == "heading"
    ]
    assert [c.start_time for c in chaps] == [0, *heading_starts]
    assert [c.end_time for c in chaps[:-1]] == [c.start_time for c in chaps[1:]]
    assert chaps[-1].end_time == round(manifest["duration"] * 1000)
    toc = tags.getall("CTOC")[0]
    assert toc.child_element_ids == [c.element_id for c in chaps]
    chapters_json = json.loads((rendered / f"{SLUG}.chapters.json").read_text())
    assert [c["title"] for c in chapters_json["chapters"]] == titles
    assert [c["startTime"] for c in chapters_json["chapters"]] == [
        c.start_time / 1000 for c in chaps
    ]


def test_vtt_cues_tile_the_duration_with_exact_times(rendered: Path) -> None:
    manifest = json.loads((rendered / f"{SLUG}.json").read_text())
    cues = vtt_times((rendered / f"{SLUG}.vtt").read_text())
    assert len(cues) == len(manifest["segments"])
    assert cues[0][0] == 0.0
    for (_, end, _), (start, _, _) in itertools.pairwise(cues):
        assert end == start
    assert cues[-1][1] == round(manifest["duration"], 3)
    rate = manifest["sample_rate"]
    for cue, seg in zip(cues[1:], manifest["segments"][1:]):
        assert cue[0] == round(seg["start_sample"] / rate, 3)
    # text as written in the article, not the spoken form
    assert "How the grid survived the winter" == cues[0][2]
    mp3_length = MP3(rendered / f"{SLUG}.mp3").info.length
    assert abs(mp3_length - manifest["duration"]) < 0.1


def test_srt_matches_vtt(rendered: Path) -> None:
    srt = (rendered / f"{SLUG}.srt").read_text()
    vtt = (rendered / f"{SLUG}.vtt").read_text()
    assert srt.count(" --> ") == vtt.count(" --> ")
    assert re.search(r"^00:00:00,000 --> ", srt, re.MULTILINE)


def ebur128(path: Path) -> tuple[float, float]:
    proc = subprocess.run(
        [
            runtime.ffmpeg_exe(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=verbose",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", proc.stderr)[-1])
    peak = float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", proc.stderr)[-1])
    return integrated, peak


def test_loudness_is_broadcast_normalized(rendered: Path) -> None:
    integrated, true_peak = ebur128(rendered / f"{SLUG}.mp3")
    assert abs(integrated - -16.0) <= 1.0
    assert true_peak <= -1.0


def test_no_normalize_keeps_the_synthesized_level(tmp_path: Path) -> None:
    Renderer(
        RenderOptions(
            out_dir=tmp_path,
            loudness_lufs=None,
            vtt=False,
            chapters=False,
            manifest=False,
            transcript=False,
        )
    ).render_source(str(FIXTURE))
    integrated, _ = ebur128(tmp_path / f"{SLUG}.mp3")
    assert abs(integrated - -16.0) > 1.0
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        f"{SLUG}.mp3"
    ]


def test_manifest_describes_the_render(rendered: Path) -> None:
    m = json.loads((rendered / f"{SLUG}.json").read_text())
    assert m["title"] == "How the grid survived the winter"
    assert m["byline"] == "Olena Example" and m["language"] == "en"
    assert m["url"] == "https://gazette.example/grid-winter"
    assert m["engine"].startswith("espeak-ng") and "pyttsx3 2." in m["engine"]
    assert m["voice"] == "default" and len(m["settings_hash"]) == 16
    assert m["mp3_bytes"] == (rendered / f"{SLUG}.mp3").stat().st_size
    assert m["files"] == {
        "vtt": f"{SLUG}.vtt",
        "words_vtt": f"{SLUG}.words.vtt",
        "srt": f"{SLUG}.srt",
        "chapters": f"{SLUG}.chapters.json",
        "transcript": f"{SLUG}.transcript.json",
        "player": f"{SLUG}.html",
    }
    starts = [s["start_sample"] for s in m["segments"]]
    assert starts == sorted(starts)
    assert all(len(s["text_hash"]) == 16 for s in m["segments"])


def test_intro_outro_lines_and_jingle(tmp_path: Path) -> None:
    jingle = tmp_path / "jingle.wav"
    with wave.open(str(jingle), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(b"\x00\x20\x00\x20" * 44100 * 2)  # two seconds, stereo, 44.1 kHz
    out = tmp_path / "out"
    result = Renderer(
        RenderOptions(
            out_dir=out,
            intro="This audio is created with AI assistance.",
            outro="Thanks for listening.",
            intro_audio=str(jingle),
        )
    ).render_source(str(FIXTURE))
    kinds = [ts.segment.kind for ts in result.timeline.segments]
    assert kinds[:3] == ["intro", "intro", "title"] and kinds[-1] == "outro"
    first = result.timeline.segments[0]
    assert first.end - first.start == 2 * 22050  # resampled to the engine's rate, exact length
    cues = vtt_times((out / f"{SLUG}.vtt").read_text())
    assert [c[2] for c in cues[:2]] == ["[music]", "This audio is created with AI assistance."]
    assert cues[-1][2] == "Thanks for listening."


def test_a_german_article_is_read_by_a_german_voice(tmp_path: Path) -> None:
    page = tmp_path / "de.html"
    body = (
        "<p>Die Bundesregierung hat am Mittwoch beschlossen, dass die Renten im kommenden Jahr "
        "deutlich steigen werden, teilte das Ministerium in Berlin mit.</p>"
        "<p>Die Erhöhung gilt für alle Rentnerinnen und Rentner und soll die gestiegenen Preise "
        "ausgleichen, sagte der Minister vor Journalisten.</p>"
    )
    # the template declares English, as many CMS templates do; the text is German
    page.write_text(
        f"<html lang='en'><head><title>Renten steigen</title></head><body><article>"
        f"<h1>Renten steigen</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    result = Renderer(RenderOptions(out_dir=tmp_path / "out")).render_source(str(page))
    assert result.article.language == "de"
    manifest = json.loads(Path(result.mp3).with_suffix(".json").read_text())
    assert manifest["engine"].endswith("voice gmw/de")
    assert "im kommenden Jahr" in manifest["segments"][1]["text"]
