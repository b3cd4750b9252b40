"""Batch production for real: a process pool, the clip cache, kill -9 and resume, a Dask cluster."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from voxpress.batch import BatchOptions, expand_inputs, run_batch
from voxpress.cache import ClipCache
from voxpress.index import BatchIndex
from voxpress.models import Clip
from voxpress.render import RenderOptions


def make_articles(folder: Path, count: int, paragraphs: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        body = "\n\n".join(
            f"Paragraph {p + 1} of story {i + 1} says something new, with a few more words."
            for p in range(paragraphs)
        )
        path = folder / f"story{i + 1:02d}.md"
        path.write_text(f"# Story number {i + 1}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def options(out: Path, **kw) -> BatchOptions:
    return BatchOptions(render=RenderOptions(out_dir=out), **kw)


def check_outputs(out: Path) -> list[str]:
    """Every MP3 in ``out`` is complete: it parses and its length matches its manifest."""
    names = []
    for mp3 in sorted(p for p in out.glob("*.mp3") if not p.name.startswith(".")):
        manifest = json.loads(mp3.with_suffix(".json").read_text())
        assert mp3.stat().st_size == manifest["mp3_bytes"]
        assert abs(MP3(mp3).info.length - manifest["duration"]) < 0.1
        names.append(mp3.name)
    assert not list(out.glob(".*.part*")), "temporary files left behind"
    return names


def test_inputs_expand_folders_lists_and_feeds(tmp_path: Path) -> None:
    arts = make_articles(tmp_path / "a", 2)
    (tmp_path / "a" / "notes.bin").write_bytes(b"x")
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>x</title><link>https://example.com/x</link></item></channel></rss>"
    )
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://example.com/y</loc></url></urlset>"
    )
    listing = tmp_path / "list.txt"
    listing.write_text(f"# backlog\n{arts[0]}\nhttps://example.com/z\n")
    found, errors = expand_inputs(
        [str(tmp_path / "a"), str(feed), str(sitemap), f"@{listing}", "@missing.txt"]
    )
    assert found == [
        str(arts[0]),
        str(arts[1]),
        "https://example.com/x",
        "https://example.com/y",
        "https://example.com/z",
    ]
    assert [e.error for e in errors] == ["cannot read list missing.txt: No such file or directory"]


def test_batch_renders_with_two_workers_and_names_failures(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.md").write_text("")
    out = tmp_path / "out"
    report = run_batch(
        [str(tmp_path / "in"), str(tmp_path / "missing.html")], options(out, workers=2)
    )
    assert report.counts() == {"rendered": 4, "unchanged": 0, "failed": 2}
    assert sorted(f"{r.source}: {r.error}" for r in report.failed) == sorted(
        [
            f"{tmp_path / 'in' / 'empty.md'}: {tmp_path / 'in' / 'empty.md'} is empty",
            f"{tmp_path / 'missing.html'}: file not found: {tmp_path / 'missing.html'}",
        ]
    )
    assert len({r.worker for r in report.results if r.status == "rendered"}) == 2
    assert len(check_outputs(out)) == 4
    saved = json.loads((out / "batch-report.json").read_text())
    assert saved["counts"] == {"rendered": 4, "unchanged": 0, "failed": 2}
    assert {f["source"] for f in saved["failures"]} == {
        str(tmp_path / "in" / "empty.md"),
        str(tmp_path / "missing.html"),
    }


def test_incremental_rerun_and_partial_change(tmp_path: Path) -> None:
    arts = make_articles(tmp_path / "in", 3, paragraphs=4)
    out = tmp_path / "out"
    first = run_batch([str(tmp_path / "in")], options(out, workers=1))
    assert first.counts()["rendered"] == 3
    segments = sum(r.synthesized for r in first.results)
    assert segments == 3 * (1 + 4)  # title and four one-sentence paragraphs each
    again = run_batch([str(tmp_path / "in")], options(out, workers=1))
    assert again.counts() == {"rendered": 0, "unchanged": 3, "failed": 0}
    # change two paragraphs of one article: only those two segments are synthesized again
    text = (
        arts[1]
        .read_text()
        .replace("Paragraph 2 of story 2", "Paragraph two, rewritten,")
        .replace("Paragraph 4 of story 2", "Paragraph four, rewritten,")
    )
    arts[1].write_text(text)
    third = run_batch([str(tmp_path / "in")], options(out, workers=1))
    changed = [r for r in third.results if r.status == "rendered"]
    assert [r.source for r in changed] == [str(arts[1])]
    assert (changed[0].synthesized, changed[0].cached) == (2, 3)
    assert len(check_outputs(out)) == 3


def test_clip_cache_is_lru_capped(tmp_path: Path) -> None:
    cache = ClipCache(tmp_path / "c", cap_bytes=3000)
    for n in range(5):
        cache.put(f"{n:02d}" + "a" * 62, Clip(b"\x01\x00" * 500, 22050))
        time.sleep(0.01)
    assert cache.get("00" + "a" * 62) is not None  # touch the oldest: now most recently used
    removed = cache.evict()
    assert removed == 3 and cache.size() <= 3000
    assert cache.get("00" + "a" * 62) is not None and cache.get("04" + "a" * 62) is not None
    assert cache.get("01" + "a" * 62) is None


def test_kill_minus_9_then_resume(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", 8, paragraphs=6)
    out = tmp_path / "out"
    cmd = [
        sys.executable,
        "-m",
        "voxpress",
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(out),
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(BatchIndex(out)) >= 2:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(BatchIndex(out))
    assert 2 <= done_before < 8, "the batch should have been killed mid-way"
    check_outputs(out)  # whatever is there is complete
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        f"{8 - done_before} rendered, {done_before} unchanged, 0 failed"
    )
    assert len(check_outputs(out)) == 8


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_workers(address: str, count: int, timeout: float = 60) -> None:
    from distributed import Client

    with Client(address, timeout="20s") as client:
        client.wait_for_workers(count, timeout=timeout)


def test_dask_cluster_survives_losing_a_worker(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--dashboard-address",
                ":0",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
    ]
    try:
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "distributed.cli.dask_worker",
                        address,
                        "--nthreads",
                        "1",
                        "--host",
                        "127.0.0.1",
                        "--dashboard-address",
                        ":0",
                        "--no-nanny",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                    env=env,
                )
            )
        _wait_for_workers(address, 2)
        make_articles(tmp_path / "in", 8, paragraphs=5)
        out = tmp_path / "out"
        killed: list[int] = []

        def on_progress(event, res, state) -> None:
            if event == "done" and not killed:
                victim = procs[1]
                os.killpg(victim.pid, signal.SIGKILL)
                killed.append(victim.pid)

        report = run_batch([str(tmp_path / "in")], options(out, cluster=address), on_progress)
        assert killed, "a worker should have been killed mid-run"
        sources = [r.source for r in report.results]
        assert len(sources) == 8 and len(set(sources)) == 8  # every article exactly once
        assert report.counts() == {"rendered": 8, "unchanged": 0, "failed": 0}
        assert len(check_outputs(out)) == 8
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            p.wait()


def test_publish_to_an_fsspec_url(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", 2)
    target = tmp_path / "published"
    report = run_batch(
        [str(tmp_path / "in")],
        BatchOptions(
            render=RenderOptions(out_dir=tmp_path / "local"),
            output=f"file://{target}",
            workers=1,
            cache_dir=tmp_path / "cache",
        ),
    )
    assert report.counts() == {"rendered": 2, "unchanged": 0, "failed": 0}
    names = sorted(p.name for p in target.iterdir())
    assert names == sorted(
        f"story-number-{n}{ext}"
        for n in (1, 2)
        for ext in (".mp3", ".vtt", ".chapters.json", ".json")
    )
    assert len(check_outputs(target)) == 2


def test_only_temporaries_of_dead_writers_are_stale(tmp_path: Path) -> None:
    from voxpress.files import stale_temporaries, writer_tag

    host = writer_tag().rsplit("-", 1)[0]
    dead = tmp_path / f".a.mp3.{host}-999999.x1.part.mp3"
    alive = tmp_path / f".b.mp3.{writer_tag()}.x2.part.mp3"
    remote = tmp_path / ".c.mp3.otherhost-123.x3.part.mp3"
    for p in (dead, alive, remote):
        p.write_bytes(b"partial")
    assert stale_temporaries(tmp_path) == [dead]
    assert sorted(stale_temporaries(tmp_path, max_age_s=0)) == sorted([dead, remote])
