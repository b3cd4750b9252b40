"""What a first user meets: text without a headline, start-up, a clean source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import ID3

ROOT = Path(__file__).resolve().parent.parent


def voxpress(*args: str, stdin: str | None = None, cwd: Path | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "voxpress", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


SENTENCE = "The council voted on Tuesday to close the bridge for repairs."


def test_a_line_from_stdin_without_a_headline_is_spoken_without_a_stand_in_title() -> None:
    assert voxpress("script", "-", stdin=SENTENCE + "\n") == SENTENCE + "\n"


def test_a_short_first_line_is_the_headline_and_is_spoken_first() -> None:
    text = f"Bridge to close for repairs\n\n{SENTENCE}\n"
    assert voxpress("script", "-", stdin=text) == f"Bridge to close for repairs\n\n{SENTENCE}\n"


def test_a_text_file_without_a_headline_is_named_but_not_titled_aloud(tmp_path: Path) -> None:
    story = tmp_path / "council-notes.txt"
    story.write_text(f"{SENTENCE}\n\nThe work is expected to take three weeks.\n")
    script = voxpress("script", str(story))
    assert "Council notes" not in script and script.startswith(SENTENCE)


def test_an_untitled_render_has_a_title_tag_but_speaks_none(tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = Path(voxpress("render", "-", "-o", str(out), stdin=SENTENCE + "\n").strip())
    assert path.name == "untitled.mp3"
    assert str(ID3(path)["TIT2"]) == "Untitled"
    manifest = json.loads(path.with_suffix(".json").read_text())
    assert [s["kind"] for s in manifest["segments"]] == ["sentence"]
    assert manifest["segments"][0]["text"] == SENTENCE


@pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file(), reason="needs the source tree")
def test_version_and_help_import_no_pipeline_stage() -> None:
    """`voxpress --version` and `--help` start without the heavy modules (see benchmarks/startup.py
    for the times): no trafilatura, bs4, httpx, pydub, numpy, engines or rich's live display."""
    code = (
        "import sys\n"
        "from voxpress.cli import app\n"
        "try:\n"
        "    app(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('trafilatura', 'bs4', 'httpx', 'pydub', 'numpy', 'lxml', 'rich.live',\n"
        "         'pyttsx3', 'piper', 'dask', 'voxpress.render', 'voxpress.extract')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    env = {**os.environ, "COLUMNS": "100"}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]"
