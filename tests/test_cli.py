"""The command line, through typer's runner: exact output, messages and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from typer.testing import CliRunner

from voxpress.cli import app

runner = CliRunner()
SLUG = "at-least-7-countries-resisting-ukraines-nato-membership"


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_render_example_writes_a_real_tagged_mp3(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "audio"
    result = run("render", str(example), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    path = out / f"{SLUG}.mp3"
    assert result.stdout == f"{path}\n"
    mp3 = MP3(path)
    assert mp3.info.channels == 1 and mp3.info.bitrate == 64000
    assert 60 < mp3.info.length < 150  # ~400 words at 170 wpm plus pauses
    tags = ID3(path)
    assert str(tags["TIT2"]).startswith("At least 7 countries")
    assert str(tags["TPE1"]) == "Kateryna Denisova"
    assert str(tags["TALB"]) == "The Kyiv Independent"
    assert str(tags["TDRC"]).startswith("2024-10-24")
    assert tags["WOAS"].url.startswith("https://kyivindependent.com/")
    assert sorted(n for n in os.listdir(out) if not n.startswith(".")) == sorted(
        f"{SLUG}{ext}"
        for ext in (".mp3", ".vtt", ".words.vtt", ".transcript.json", ".chapters.json", ".json")
    )


def test_render_defaults_to_output_folder_and_rate_changes_length(example: Path) -> None:
    fast = run("render", str(example), "--rate", "300", "--bitrate", "32")
    assert fast.exit_code == 0, fast.stderr
    assert fast.stdout == f"output/{SLUG}.mp3\n"
    fast_len = MP3(f"output/{SLUG}.mp3").info.length
    assert MP3(f"output/{SLUG}.mp3").info.bitrate == 32000
    slow = run("render", str(example), "--rate", "150", "-o", "slow")
    assert slow.exit_code == 0
    assert MP3(f"slow/{SLUG}.mp3").info.length > 1.5 * fast_len


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: "missing.html", "Error: file not found: missing.html\n"),
        (lambda d: _write(d / "empty.html", b""), "Error: {src} is empty\n"),
        (
            lambda d: _write(d / "noise.bin", bytes(range(256)) * 64),
            "Error: {src} is not a text, Markdown or HTML document\n",
        ),
        (
            lambda d: _write(
                d / "chrome.html",
                b"<html><body><nav><a href='/'>Home</a></nav><footer>(c) Site</footer></body></html>",
            ),
            "Error: no article text found in {src}\n",
        ),
    ],
)
def test_render_errors_are_one_line_with_no_output(tmp_path: Path, setup, message: str) -> None:
    src = setup(tmp_path)
    result = run("render", src, "-o", "out")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message.format(src=src)
    assert not Path("out").exists() or os.listdir("out") == []


def test_unreachable_url_is_one_line(closed_port_url: str) -> None:
    result = run("render", closed_port_url, "-o", "out")
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot connect to {closed_port_url} (connection refused)\n"
    assert not Path("out").exists() or os.listdir("out") == []


def test_http_errors_are_one_line(http_server: str) -> None:
    result = run("extract", f"{http_server}/missing")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {http_server}/missing answered HTTP 404 Not Found\n"


def test_good_sources_still_render_when_one_fails(example: Path, tmp_path: Path) -> None:
    md = _write(tmp_path / "note.md", b"# Short note\n\nJust one paragraph of text here.\n")
    result = run("render", "missing.html", str(example), md, "-o", "out")
    assert result.exit_code == 1
    assert result.stderr == "Error: file not found: missing.html\n"
    assert result.stdout == f"out/{SLUG}.mp3\nout/short-note.mp3\n"
    assert sorted(p for p in os.listdir("out") if p.endswith(".mp3")) == sorted(
        [f"{SLUG}.mp3", "short-note.mp3"]
    )


def test_debug_shows_the_traceback() -> None:
    result = run("--debug", "render", "missing.html")
    assert result.exit_code == 1
    assert result.exception is not None and "file not found" in str(result.exception)


def test_render_embed_writes_the_snippet_and_the_player(example: Path, tmp_path: Path) -> None:
    from voxpress.player import script

    base = "https://cdn.example/audio/"
    result = run("render", str(example), "-o", str(tmp_path), "--embed", "--base-url", base)
    assert result.exit_code == 0, result.stderr
    snippet = (tmp_path / f"{SLUG}.embed.html").read_text()
    assert f'<voxpress-player src="{base}{SLUG}.json"' in snippet
    assert f'<script src="{base}voxpress-player.js" defer></script>' in snippet
    assert (tmp_path / "voxpress-player.js").read_text() == script()
    manifest = json.loads((tmp_path / f"{SLUG}.json").read_text())
    assert manifest["files"]["embed"] == f"{SLUG}.embed.html"
    bad = run("render", str(example), "--embed", "--base-url", "javascript:alert(1)")
    assert bad.exit_code == 2 and "must be an http(s) URL" in bad.stderr


def test_usage_errors_exit_2(example: Path) -> None:
    assert run("render").exit_code == 2
    assert run("extract", str(example), "--format", "xml").exit_code == 2
    assert run("render", str(example), "--bitrate", "1000").exit_code == 2


def test_extract_json_contract(example: Path) -> None:
    result = run("extract", str(example), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "source",
        "url",
        "title",
        "byline",
        "published",
        "site_name",
        "language",
        "blocks",
    ]
    assert data["source"] == str(example)
    assert data["byline"] == "Kateryna Denisova" and data["language"] == "en"
    assert all(set(b) == {"kind", "text", "level"} for b in data["blocks"])
    assert data["title"] not in [b["text"] for b in data["blocks"]]


def test_extract_json_list_and_jsonl(example: Path, tmp_path: Path) -> None:
    md = _write(tmp_path / "n.md", b"# Note\n\nOne paragraph.\n")
    listed = json.loads(run("extract", str(example), md, "--format", "json").stdout)
    assert [d["source"] for d in listed] == [str(example), md]
    lines = run("extract", str(example), md, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["source"] for x in lines] == [str(example), md]
    assert json.loads(lines[1])["blocks"] == [
        {"kind": "paragraph", "text": "One paragraph.", "level": None}
    ]


def test_extract_text(example: Path) -> None:
    out = run("extract", str(example)).stdout
    assert out.startswith(
        "At least 7 countries resisting Ukraine's NATO membership invitation, Politico reports\n"
        "By Kateryna Denisova · 2024-10-24T09:26:00+03:00 · The Kyiv Independent\n\n"
    )


def test_script_json_from_stdin() -> None:
    md = "# Title here\n\nFirst sentence. Second one.\n\n## Heading\n\nLast.\n"
    result = run("script", "-", "--format", "json", input=md)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "segments": [
            {"text": "Title here", "kind": "title", "pause_after_ms": 1200, "block": None},
            {"text": "First sentence.", "kind": "sentence", "pause_after_ms": 350, "block": 0},
            {"text": "Second one.", "kind": "sentence", "pause_after_ms": 750, "block": 0},
            {"text": "Heading", "kind": "heading", "pause_after_ms": 1200, "block": 1},
            {"text": "Last.", "kind": "sentence", "pause_after_ms": 0, "block": 2},
        ]
    }


def test_script_text_is_one_segment_a_line() -> None:
    result = run("script", "-", input="# T\n\nOne. Two.\n\nThree.\n")
    assert result.stdout == "T\n\nOne.\nTwo.\n\nThree.\n"


def test_script_reads_urls_briefly() -> None:
    result = run(
        "script", "-", input="# T\n\nSee https://www.example.co.uk/a/very/long/path?x=1 for more.\n"
    )
    assert result.stdout.splitlines()[-1] == "See example dot co dot uk for more."


def test_voices_lists_profiles_and_engine_voices() -> None:
    result = run("voices")
    assert result.exit_code == 0
    assert "default" in result.stdout and "gmw/en-us" in result.stdout
    assert "espeak-ng voices (" in result.stdout


def test_every_command_has_help_with_an_example() -> None:
    for command in ("render", "extract", "script", "voices", "feed"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and f"voxpress {command}" in result.stdout


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_stdin_errors_name_standard_input() -> None:
    result = run(
        "render",
        "-",
        "-o",
        "out",
        input="<html><body><nav><a href='/'>Home</a></nav></body></html>",
    )
    assert result.exit_code == 1
    assert result.stderr == "Error: no article text found in standard input\n"
