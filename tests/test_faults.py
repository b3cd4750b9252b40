"""Crashes and bad disks, for real: renders and batches SIGKILLed at chosen and random points,
a full file system and a read-only one (small tmpfs mounts; skipped where mounting is not
allowed). After any of it, every article's files are consistent with its manifest.

The kill points come from tests/faultinject (an audit hook that SIGKILLs the process at its
n-th write, rename or removal in the output folder); benchmarks/faults.py runs the random
trials 20 times each.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from voxpress import outputs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-nato.html"
SLUG = "at-least-7-countries-resisting-ukraines-nato-membership"
TRIALS = int(os.environ.get("VOXPRESS_FAULT_TRIALS", "3"))


def voxpress(*args: str, env: dict[str, str] | None = None, timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "voxpress", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def last_cue_end(vtt: Path) -> float:
    stamp = [line for line in vtt.read_text().splitlines() if "-->" in line][-1].split()[-1]
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def check_sets(out: Path) -> dict[str, int]:
    """What a reader sees once voxpress has tidied the folder (every command does first): each
    article one whole set, its files agreeing with its manifest; returns slug -> the rate (wpm)
    the set was rendered at, which tells the old set from the new."""
    outputs.tidy(out)
    assert outputs.verify(out) == []
    found = {}
    for manifest_path in out.glob("*.json"):
        if manifest_path.name.endswith(".chapters.json"):
            continue
        manifest = json.loads(manifest_path.read_text())
        if "mp3" not in manifest:
            continue  # batch-report.json
        duration = manifest["duration"]
        mp3 = out / manifest["mp3"]
        assert abs(MP3(mp3).info.length - duration) < 0.1
        files = manifest["files"]
        assert abs(last_cue_end(out / files["vtt"]) - duration) < 0.01
        chapters = json.loads((out / files["chapters"]).read_text())["chapters"]
        assert abs(chapters[-1]["endTime"] - duration) < 0.01
        found[manifest_path.stem] = manifest["settings"]["profile"]["rate"]
    assert not [p for p in out.iterdir() if p.name.endswith((".part", ".commit"))]
    return found


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, float]:
    """A folder holding the example rendered at 150 wpm (and one at 230 wpm beside it); the
    two durations, which differ (so do the MP3s' sizes)."""
    base = tmp_path_factory.mktemp("versions")
    old, new = base / "old", base / "new"
    for folder, rate in ((old, "150"), (new, "230")):
        done = voxpress("render", str(EXAMPLE), "-o", str(folder), "--rate", rate)
        assert done.returncode == 0, done.stderr
    durations = [json.loads((f / f"{SLUG}.json").read_text())["duration"] for f in (old, new)]
    assert abs(durations[0] - durations[1]) > 5
    return old, durations[0], durations[1]


def killed_render(out: Path, faults, **kill: str) -> subprocess.CompletedProcess[str]:
    env = faults(VOXPRESS_TEST_KILL_DIR=str(out), **kill)
    return voxpress("render", str(EXAMPLE), "-o", str(out), "--rate", "230", env=env)


def test_a_render_killed_right_after_the_mp3_rename_leaves_one_set(
    two_versions, tmp_path: Path, faults
) -> None:
    old, _, _ = two_versions
    out = tmp_path / "out"
    shutil.copytree(old, out)
    done = killed_render(out, faults, VOXPRESS_TEST_KILL_AFTER=".mp3")
    assert done.returncode == -signal.SIGKILL
    assert check_sets(out) == {SLUG: 230}  # the commit was rolled forward to the new set
    again = voxpress("render", str(EXAMPLE), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert list(check_sets(out)) == [SLUG]


def test_a_killed_render_leaves_no_temporary_after_the_next_run(
    two_versions, tmp_path: Path, faults
) -> None:
    old, _, _ = two_versions
    out = tmp_path / "out"
    shutil.copytree(old, out)
    assert killed_render(out, faults, VOXPRESS_TEST_KILL_AT="2").returncode == -signal.SIGKILL
    left = [p.name for p in out.iterdir() if ".part" in p.name]
    assert left, "killed while writing a temporary"
    assert not [n for n in left if n.endswith((".mp3", ".json", ".vtt", ".srt", ".html"))]
    again = voxpress("render", str(EXAMPLE), "-o", str(out), "--rate", "230")
    assert again.returncode == 0, again.stderr
    assert not [p for p in out.iterdir() if ".part" in p.name]


@pytest.fixture(scope="module")
def render_operations(two_versions, tmp_path_factory: pytest.TempPathFactory) -> int:
    """How many writes, renames and removals a re-render does in its folder."""
    from conftest import fault_env

    old, _, _ = two_versions
    where = tmp_path_factory.mktemp("count")
    shutil.copytree(old, where / "out")
    env = fault_env(
        VOXPRESS_TEST_KILL_DIR=str(where / "out"), VOXPRESS_TEST_COUNT_TO=str(where / "n")
    )
    done = voxpress("render", str(EXAMPLE), "-o", str(where / "out"), "--rate", "230", env=env)
    assert done.returncode == 0, done.stderr
    return int((where / "n").read_text())


@pytest.mark.parametrize("trial", range(TRIALS))
def test_renders_killed_at_random_points(
    two_versions, render_operations: int, tmp_path: Path, faults, trial: int
) -> None:
    old, _, _ = two_versions
    point = random.Random(f"render-{trial}").randint(1, render_operations)
    out = tmp_path / "out"
    shutil.copytree(old, out)
    assert killed_render(out, faults, VOXPRESS_TEST_KILL_AT=str(point)).returncode == -9
    assert check_sets(out) in ({SLUG: 150}, {SLUG: 230}), f"killed at {point}"


def make_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = "\n\n".join(f"Paragraph {p} of story {i} has something to say." for p in range(4))
        (folder / f"s{i}.md").write_text(f"# Story {i}\n\n{body}\n")


@pytest.mark.parametrize("trial", range(TRIALS))
def test_batches_killed_at_random_points(tmp_path: Path, trial: int) -> None:
    make_articles(tmp_path / "in", 5)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "voxpress", "batch", str(tmp_path / "in"), "-o", str(out)]
    proc = subprocess.Popen(
        [*cmd, "-w", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(random.Random(f"batch-{trial}").uniform(1.0, 8.0))
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    gone_by = time.monotonic() + 30
    with contextlib.suppress(ProcessLookupError):
        while time.monotonic() < gone_by:  # until the workers are dead too, as for a real rerun
            os.killpg(proc.pid, 0)
            time.sleep(0.05)
    check_sets(out)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert len(check_sets(out)) == 5
    assert again.stdout.split(" rendered, ")[1].startswith(
        tuple(f"{n} unchanged" for n in range(6))
    )


# --------------------------------------------------------------------------- disks


@contextlib.contextmanager
def tmpfs(size: str) -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted on a temporary folder (root only)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    where = Path(tempfile.mkdtemp(prefix="voxpress-fs-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)
        with contextlib.suppress(OSError):
            where.rmdir()


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    return lines[0]


def test_a_full_disk_is_one_line_and_leaves_the_old_set(two_versions, tmp_path: Path) -> None:
    old, _, _ = two_versions
    mp3_bytes = (old.parent / "new" / f"{SLUG}.mp3").stat().st_size
    short = tmp_path / "short.md"
    short.write_text("# At least 7 countries resisting Ukraine's NATO membership\n\nShort.\n")
    with tmpfs("4m") as disk:
        out = disk / "out"
        first = voxpress("render", str(short), "-o", str(out), "--player")
        assert first.returncode == 0, first.stderr
        before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        # leave room for the new MP3 and a page or two: the disk fills up after the MP3
        with open(disk / "filler", "wb") as fh:
            fh.write(b"\0" * (shutil.disk_usage(disk).free - mp3_bytes - 12 * 1024))
        done = voxpress("render", str(EXAMPLE), "-o", str(out), "--rate", "230", "--player")
        assert "No space left on device" in one_error_line(done)
        after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        assert after == before  # the old set, untouched; nothing half-written beside it
        assert outputs.verify(out) == []


def test_a_read_only_folder_is_one_line_before_any_synthesis(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("# A title\n\nOne paragraph of text here.\n")
    cache = tmp_path / "cache"
    with tmpfs("1m") as disk:
        assert voxpress("render", str(article), "-o", str(disk / "out")).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        line = one_error_line(voxpress("render", str(article), "-o", str(disk / "out")))
        assert line.endswith("Read-only file system")
        feed = voxpress("feed", str(disk / "out"), "--base-url", "https://e.com/a/")
        assert one_error_line(feed).endswith("Read-only file system")
        line = one_error_line(
            voxpress("batch", str(article), "-o", str(disk / "out"), "--cache-dir", str(cache))
        )
        assert line.endswith("Read-only file system")
        assert not [p for p in cache.rglob("*") if p.is_file()]  # nothing was synthesized
