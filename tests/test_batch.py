"""Batch production for real: a process pool, the clip cache, kill -9 and resume, a Dask cluster."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from voxpress.batch import BatchOptions, expand_inputs, run_batch
from voxpress.cache import ClipCache
from voxpress.index import BatchIndex
from voxpress.models import Clip
from voxpress.outputs import verify
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
    """Every article in ``out`` is one complete set: each file its manifest names is there
    with the recorded size, the MP3 parses to the recorded length; nothing temporary is left."""
    assert verify(out) == []
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


@contextlib.contextmanager
def dask_cluster(workers: int) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A real Dask scheduler and ``workers`` single-threaded workers on loopback."""
    pytest.importorskip("distributed")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = [
        sys.executable,
        "-m",
        "distributed.cli.dask_scheduler",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--dashboard-address",
        ":0",
    ]
    worker = [
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
    ]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [subprocess.Popen(scheduler, start_new_session=True, env=env, **quiet)]
    try:
        for _ in range(workers):
            procs.append(subprocess.Popen(worker, start_new_session=True, env=env, **quiet))
        _wait_for_workers(address, workers)
        yield address, procs
    finally:
        for p in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGKILL)
            p.wait()


def test_dask_cluster_survives_losing_a_worker(tmp_path: Path) -> None:
    with dask_cluster(2) as (address, procs):
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


def same_headlines(folder: Path, count: int) -> list[Path]:
    """``count`` different articles, all titled 'Same headline', of the same length."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"same{i}.md"
        body = f"Story {i} says something of its own, in words of its own, at length."
        path.write_text(f"# Same headline\n\n{body}\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def _check_same_headlines(out: Path, report, count: int) -> None:
    names = [f"same-headline{'' if n == 1 else f'-{n}'}.mp3" for n in range(1, count + 1)]
    assert report.counts() == {"rendered": count, "unchanged": 0, "failed": 0}
    assert sorted(check_outputs(out)) == sorted(names)
    assert sorted(r.mp3 for r in report.results) == sorted(names)
    sources = {json.loads((out / n).with_suffix(".json").read_text())["source"] for n in names}
    assert len(sources) == count  # each article in its own files


def test_same_headline_on_two_workers_gets_two_names(tmp_path: Path) -> None:
    same_headlines(tmp_path / "in", 2)
    out = tmp_path / "out"
    report = run_batch([str(tmp_path / "in")], options(out, workers=2))
    _check_same_headlines(out, report, 2)
    again = run_batch([str(tmp_path / "in")], options(out, workers=2))
    assert again.counts() == {"rendered": 0, "unchanged": 2, "failed": 0}


def test_same_headline_on_a_dask_cluster_gets_distinct_names(tmp_path: Path) -> None:
    same_headlines(tmp_path / "in", 3)
    out = tmp_path / "out"
    with dask_cluster(2) as (address, _):
        report = run_batch([str(tmp_path / "in")], options(out, cluster=address))
    _check_same_headlines(out, report, 3)


def test_a_second_batch_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    from voxpress.errors import FolderLockedError

    make_articles(tmp_path / "in", 4, paragraphs=4)
    make_articles(tmp_path / "other", 4, paragraphs=4)
    out = tmp_path / "out"
    first = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voxpress",
            "batch",
            str(tmp_path / "in"),
            "-o",
            str(out),
            "-w",
            "1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (out / ".voxpress-batch.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the lock is taken right after the file is created
        with pytest.raises(FolderLockedError, match="another batch is writing to"):
            run_batch([str(tmp_path / "other")], options(out, workers=1))
        second = subprocess.run(
            [sys.executable, "-m", "voxpress", "batch", str(tmp_path / "other"), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert second.returncode == 1
        assert second.stderr.startswith(
            f"Error: another batch is writing to {out} (pid {first.pid}"
        )
        stdout, stderr = first.communicate(timeout=300)
    finally:
        first.kill()
    assert first.returncode == 0, stderr
    assert stdout.startswith("4 rendered, 0 unchanged, 0 failed")
    assert len(BatchIndex(out)) == 4 and len(check_outputs(out)) == 4
    assert json.loads((out / "batch-report.json").read_text())["counts"]["rendered"] == 4
    again = run_batch([str(tmp_path / "in")], options(out, workers=1))
    assert again.counts() == {"rendered": 0, "unchanged": 4, "failed": 0}


def test_the_index_is_an_append_only_journal(tmp_path: Path) -> None:
    from voxpress.index import INDEX_NAME

    make_articles(tmp_path / "in", 3)
    out = tmp_path / "out"
    sizes: list[int] = []

    def on_progress(event, res, state) -> None:
        if event == "done":
            sizes.append((out / INDEX_NAME).stat().st_size)

    run_batch([str(tmp_path / "in")], options(out, workers=1), on_progress)
    lines = (out / INDEX_NAME).read_text().splitlines()
    assert len(lines) == 3 and sizes == sorted(sizes) and len(set(sizes)) == 3
    assert all(json.loads(line)["entry"]["mp3"].endswith(".mp3") for line in lines)


def test_the_index_folds_in_the_old_index_and_survives_a_torn_line(tmp_path: Path) -> None:
    from voxpress.index import INDEX_NAME, LEGACY_NAME

    (tmp_path / LEGACY_NAME).write_text(json.dumps({"a": {"mp3": "a.mp3"}}))
    good = json.dumps({"source": "b", "entry": {"mp3": "b.mp3"}})
    (tmp_path / INDEX_NAME).write_text(good + '\n{"source": "c", "ent')  # killed mid-line
    index = BatchIndex(tmp_path)
    assert sorted(index.entries) == ["a", "b"]
    index.record("d", {"mp3": "d.mp3"})
    index.close()
    assert sorted(BatchIndex(tmp_path).entries) == ["a", "b", "d"]
    assert not (tmp_path / LEGACY_NAME).exists()
    lines = (tmp_path / INDEX_NAME).read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["a", "b", "d"]


def test_deleted_or_damaged_outputs_are_rendered_again(tmp_path: Path, http_server: str) -> None:
    make_articles(tmp_path / "in", 4)
    url = f"{http_server}/article"
    out = tmp_path / "out"
    first = run_batch([str(tmp_path / "in"), url], options(out, workers=1))
    assert first.counts() == {"rendered": 5, "unchanged": 0, "failed": 0}
    (out / "story-number-1.mp3").unlink()
    (out / "story-number-2.json").unlink()
    with open(out / "story-number-3.vtt", "a") as fh:
        fh.write("damaged")
    (out / "loopback-news.mp3").unlink()  # a URL source: the worker used to trust the index
    again = run_batch([str(tmp_path / "in"), url], options(out, workers=1))
    rendered = sorted(Path(r.source).name for r in again.results if r.status == "rendered")
    assert rendered == ["article", "story01.md", "story02.md", "story03.md"]
    assert again.counts() == {"rendered": 4, "unchanged": 1, "failed": 0}
    assert len(check_outputs(out)) == 5


def test_titles_never_take_names_voxpress_uses(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from voxpress.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    for n, title in enumerate(["Batch report", "Feed", "CON", "Index"]):
        (folder / f"{n}.md").write_text(f"# {title}\n\nA paragraph of the story titled {title}.\n")
    out = tmp_path / "out"
    report = run_batch([str(folder)], options(out, workers=1, base_url="https://e.com/a/"))
    assert sorted(r.mp3 for r in report.results) == [
        "batch-report-2.mp3",
        "con-2.mp3",
        "feed-2.mp3",
        "index-2.mp3",
    ]
    assert json.loads((out / "batch-report.json").read_text())["counts"]["rendered"] == 4
    result = CliRunner().invoke(app, ["feed", str(out), "--base-url", "https://e.com/a/"])
    assert result.exit_code == 0, result.output
    assert (out / "feed.xml").read_text().count("<item>") == 4


def _workers_of(parent: int) -> list[int]:
    """PIDs of the pool's worker processes (spawned children) of ``parent``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_with_the_batch_parent(tmp_path: Path) -> None:
    make_articles(tmp_path / "in", 6, paragraphs=6)
    cmd = [
        sys.executable,
        "-m",
        "voxpress",
        "batch",
        str(tmp_path / "in"),
        "-o",
        str(tmp_path / "o"),
    ]
    parent = subprocess.Popen(
        [*cmd, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(workers := _workers_of(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) == 2
        os.kill(parent.pid, signal.SIGKILL)  # the parent only, not its process group
        parent.wait()
        deadline = time.monotonic() + 30
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)


def test_a_crashing_worker_fails_only_its_own_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, faults
) -> None:
    make_articles(tmp_path / "in", 6)
    crash = tmp_path / "in" / "crash-me.md"
    crash.write_text("# Crashes its worker\n\nThe engine segfaults on this one.\n")
    for k, v in faults(VOXPRESS_TEST_CRASH_ON="crash-me").items():
        monkeypatch.setenv(k, v)  # the spawned workers load the fault hook
    out = tmp_path / "out"
    report = run_batch([str(tmp_path / "in")], options(out, workers=2))
    assert report.counts() == {"rendered": 6, "unchanged": 0, "failed": 1}
    assert [(Path(r.source).name, r.error) for r in report.failed] == [
        ("crash-me.md", "the worker rendering it died (killed by SIGSEGV)")
    ]
    assert len(check_outputs(out)) == 6


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
        for ext in (".mp3", ".vtt", ".words.vtt", ".transcript.json", ".chapters.json", ".json")
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
