"""Batch production: many sources, every core (or a Dask cluster), incremental and resumable.

The parent takes the output folder's lock (one batch per folder), expands the inputs (files,
folders, ``@lists``, feeds, sitemaps: see :mod:`voxpress.inputs`), skips what is unchanged
since the last run (the folder's index: source content hash + settings hash, and every file the
manifest names still there at its recorded size), and hands the rest to workers: a local
process pool by default, or a Dask distributed cluster with ``cluster=``. Each worker process
owns one engine and one clip cache handle, kept in :data:`_WORKER` (the only global state here),
and dies with the parent. A worker that crashes fails only its own article: the pool is rebuilt.
Results come back to the parent, which appends each finished article to the index at once
(:mod:`voxpress.index`), so a killed batch resumes where it stopped. An article's files are
published together (:mod:`voxpress.outputs`).
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import functools
import json
import logging
import multiprocessing
import os
import re
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import outputs, sources
from .cache import DEFAULT_CAP_BYTES, ClipCache
from .errors import OutputError, VoxpressError
from .files import write_text_atomic
from .index import INDEX_NAME, BatchIndex
from .inputs import expand
from .publish import settings_hash
from .render import Renderer, RenderOptions, content_hash, profile_for, render_settings

log = logging.getLogger(__name__)

REPORT_NAME = "batch-report.json"
__all__ = ["INDEX_NAME", "BatchOptions", "BatchReport", "TaskResult", "expand_inputs", "run_batch"]

_WORKER: dict[str, Any] = {}
"""Per-process worker state: the Renderer (one engine) for the current options, by key."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; the render options are those of ``voxpress render``."""

    render: RenderOptions = field(default_factory=RenderOptions)
    """Options of every render; ``render.out_dir`` is the local output folder."""
    output: str | None = None
    """An fsspec URL (``s3://bucket/audio/``) to publish to instead of ``render.out_dir``."""
    workers: int | None = None
    """Local worker processes; None for the core count."""
    cluster: str | None = None
    """Dask scheduler address (``tcp://host:8786``); None for the local pool."""
    cache_dir: Path | None = None
    """Clip cache folder; None for ``<out_dir>/.voxpress-cache`` (or ~/.cache/voxpress)."""
    cache_bytes: int = DEFAULT_CAP_BYTES
    """Clip cache size cap."""
    base_url: str | None = None
    """Public URL of the output folder, for feed.xml; None to reuse the existing feed's."""
    fetch_deadline_s: float = sources.DEADLINE_S
    """Longest one fetch may take (each source, each feed or sitemap), start to last byte."""


@dataclass
class TaskResult:
    """The outcome of one source."""

    source: str
    """The source as given or expanded."""
    status: str
    """rendered, unchanged or failed."""
    mp3: str | None = None
    """MP3 file name."""
    duration: float = 0.0
    """Seconds of audio."""
    seconds: float = 0.0
    """Wall time spent on it."""
    error: str | None = None
    """Why it failed."""
    synthesized: int = 0
    """Segments the engine spoke."""
    cached: int = 0
    """Segments served from the clip cache."""
    source_hash: str | None = None
    """Hash of the source's bytes."""
    worker: str = ""
    """host:pid of the worker."""
    peak_rss_mb: float = 0.0
    """Peak resident memory of the worker process so far."""


@dataclass
class BatchReport:
    """Everything a batch did."""

    results: list[TaskResult]
    """One per source, in completion order."""
    input_errors: list[TaskResult]
    """Inputs that could not be expanded (bad list file, unreadable feed)."""
    seconds: float
    """Wall time of the batch."""
    workers: str
    """local:N or the cluster address."""

    @property
    def failed(self) -> list[TaskResult]:
        return [r for r in [*self.input_errors, *self.results] if r.status == "failed"]

    def counts(self) -> dict[str, int]:
        out = {"rendered": 0, "unchanged": 0, "failed": 0}
        for r in [*self.input_errors, *self.results]:
            out[r.status] = out.get(r.status, 0) + 1
        return out

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "seconds": round(self.seconds, 2),
                    "workers": self.workers,
                    "counts": self.counts(),
                    "audio_hours": round(
                        sum(r.duration for r in self.results if r.status == "rendered") / 3600, 4
                    ),
                    "failures": [{"source": r.source, "error": r.error} for r in self.failed],
                    "results": [asdict(r) for r in [*self.input_errors, *self.results]],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )


# --------------------------------------------------------------------------- inputs


def expand_inputs(
    inputs: Iterable[str], deadline: float = sources.DEADLINE_S
) -> tuple[list[str], list[TaskResult]]:
    """Sources from URLs, files, folders (recursive), ``@list`` files, feeds and sitemaps."""
    found: list[str] = []
    errors: list[TaskResult] = []
    for item in inputs:
        try:
            found.extend(expand(item, deadline))
        except VoxpressError as exc:
            errors.append(TaskResult(item, "failed", error=str(exc)))
    unique = list(dict.fromkeys(found))
    return unique, errors


def outputs_present(out_dir: Path, entry: dict[str, Any]) -> bool:
    """True when an index entry's manifest is there and every file it names matches it: the
    MP3 has the recorded size, and so has each companion file (they are published together,
    the manifest last; see :mod:`voxpress.outputs`)."""
    try:
        manifest = json.loads((out_dir / entry["manifest"]).read_text(encoding="utf-8"))
        if (out_dir / manifest["mp3"]).stat().st_size != manifest["mp3_bytes"]:
            return False
        sizes = manifest.get("file_bytes") or {}
        for name in (manifest.get("files") or {}).values():
            size = (out_dir / name).stat().st_size
            if name in sizes and sizes[name] != size:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


# --------------------------------------------------------------------------- worker side


def render_task(
    source: str,
    options: RenderOptions,
    cache_dir: str,
    cache_bytes: int,
    known: dict[str, Any] | None,
    output: str | None = None,
    deadline: float = sources.DEADLINE_S,
) -> TaskResult:
    """Render one source in a worker process (picklable; runs locally or on a Dask worker).

    ``known`` is the source's index entry when all its outputs are present: if the source's
    bytes are unchanged, nothing is rendered."""
    start = time.perf_counter()
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        key = repr((options, cache_dir, output))
        renderer = _WORKER.get(key)
        if renderer is None:
            _WORKER.clear()
            local = (
                options
                if output is None
                else replace(options, out_dir=Path(tempfile.mkdtemp(prefix="voxpress-out-")))
            )
            renderer = Renderer(local, ClipCache(cache_dir, cache_bytes))
            _WORKER[key] = renderer
        doc = sources.load(source, deadline=deadline)
        digest = content_hash(doc.content)
        if (
            known
            and known.get("source_hash") == digest
            and known.get("settings_hash") == settings_hash(renderer.settings)
        ):
            return TaskResult(
                source,
                "unchanged",
                known.get("mp3"),
                float(known.get("duration") or 0),
                time.perf_counter() - start,
                source_hash=digest,
                worker=worker,
            )
        stats = renderer.engine.cache.stats  # type: ignore[union-attr]
        hits, misses = stats.hits, stats.misses
        result = renderer.render_document(doc)
        if output is not None:
            _publish_remote(result.files, output)
        return TaskResult(
            source,
            "rendered",
            Path(result.mp3).name,
            result.duration,
            time.perf_counter() - start,
            synthesized=stats.misses - misses,
            cached=stats.hits - hits,
            source_hash=digest,
            worker=worker,
            peak_rss_mb=_peak_mb(),
        )
    except (VoxpressError, OSError) as exc:
        error = str(exc)
        if isinstance(exc, OSError) and not isinstance(exc, VoxpressError):
            error = f"{exc.strerror or exc}{f' ({exc.filename})' if exc.filename else ''}"
        return TaskResult(
            source, "failed", error=error, seconds=time.perf_counter() - start, worker=worker
        )


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _publish_remote(files: Iterable[str], output: str) -> None:
    """Copy a render's files to an fsspec URL, the manifest last (it marks the render complete)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(output)
    fs.makedirs(root, exist_ok=True)
    ordered = sorted(files, key=lambda f: f.endswith(".json") and not f.endswith(".chapters.json"))
    for f in ordered:
        fs.put_file(f, f"{root.rstrip('/')}/{Path(f).name}")
        os.unlink(f)


def _init_worker(piper_threads: int | None = None, parent: int | None = None) -> None:
    logging.getLogger().setLevel(logging.WARNING)
    if piper_threads and "VOXPRESS_PIPER_THREADS" not in os.environ:
        os.environ["VOXPRESS_PIPER_THREADS"] = str(piper_threads)
    if parent is not None:
        _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """End this worker when the batch process ``parent`` dies, even by SIGKILL: the kernel's
    parent-death signal on Linux, and a watchdog thread everywhere (and for the case where the
    parent died before the signal was armed)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="voxpress-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1


# --------------------------------------------------------------------------- parent side


ProgressSink = Callable[[str, TaskResult | None, dict[str, Any]], None]


def run_batch(
    inputs: Iterable[str], options: BatchOptions, progress: ProgressSink | None = None
) -> BatchReport:
    """Render every source the inputs name; never redo what is done; return the report.

    The output folder is locked for the batch: a second batch into it is refused."""
    out_dir = options.render.out_dir
    cache_dir = _cache_dir(options)
    if options.output is not None:
        return _run(inputs, options, progress, cache_dir, BatchIndex(None))
    outputs.check_writable(out_dir)
    with outputs.FolderLock(out_dir):
        outputs.tidy(out_dir)
        index = BatchIndex(out_dir)
        try:
            report = _run(inputs, options, progress, cache_dir, index)
        finally:
            index.close()
        index.compact()
        outputs.tidy(out_dir)  # left by workers killed during this run
        ClipCache(cache_dir, options.cache_bytes).evict()
        try:
            write_text_atomic(out_dir / REPORT_NAME, report.to_json())
        except OSError as exc:
            raise outputs.output_error(out_dir / REPORT_NAME, exc) from exc
        _update_feed(out_dir, options.base_url)
    return report


def _run(
    inputs: Iterable[str],
    options: BatchOptions,
    progress: ProgressSink | None,
    cache_dir: str,
    index: BatchIndex,
) -> BatchReport:
    t0 = time.perf_counter()
    out_dir = options.render.out_dir
    srcs, input_errors = expand_inputs(inputs, options.fetch_deadline_s)
    profile = profile_for(options.render)
    wanted = settings_hash(render_settings(profile, options.render))

    results: list[TaskResult] = []
    pending: list[str] = []
    known: dict[str, dict[str, Any]] = {}
    for src in srcs:
        entry = index.get(src)
        if entry and entry.get("settings_hash") == wanted and outputs_present(out_dir, entry):
            local = Path(src)
            if local.is_file() and content_hash(local.read_bytes()) == entry.get("source_hash"):
                results.append(
                    TaskResult(
                        src,
                        "unchanged",
                        entry.get("mp3"),
                        float(entry.get("duration") or 0),
                        source_hash=entry["source_hash"],
                    )
                )
                continue
            known[src] = entry  # a URL: the worker compares the bytes it fetches
        pending.append(src)

    state = {
        "total": len(srcs) + len(input_errors),
        "done": len(results) + len(input_errors),
        "failed": len(input_errors),
        "in_flight": 0,
        "audio": 0.0,
        "started": t0,
    }
    if progress:
        progress("start", None, state)

    def record(res: TaskResult) -> None:
        results.append(res)
        state["done"] += 1
        if res.status == "failed":
            state["failed"] += 1
        if res.status == "rendered":
            state["audio"] += res.duration
            manifest = res.mp3[:-4] + ".json" if res.mp3 else None
            index.record(
                res.source,
                {
                    "source_hash": res.source_hash,
                    "settings_hash": wanted,
                    "mp3": res.mp3,
                    "manifest": manifest,
                    "duration": res.duration,
                },
            )
        if progress:
            progress("done", res, state)

    if pending:
        task = functools.partial(_task_args, options=options, known=known, cache_dir=cache_dir)
        if options.cluster:
            _run_dask(pending, options, task, record, state)
        else:
            _run_local(pending, options, task, record, state)

    workers = options.cluster or f"local:{options.workers or os.cpu_count() or 1}"
    return BatchReport(results, input_errors, time.perf_counter() - t0, workers)


def _task_args(
    src: str, *, options: BatchOptions, known: dict[str, dict[str, Any]], cache_dir: str
) -> tuple[Any, ...]:
    """The arguments of :func:`render_task` for ``src``."""
    return (
        src,
        options.render,
        cache_dir,
        options.cache_bytes,
        known.get(src),
        options.output,
        options.fetch_deadline_s,
    )


def _cache_dir(options: BatchOptions) -> str:
    """The clip cache folder, created; an OutputError if it cannot be."""
    if options.cache_dir is not None:
        path = options.cache_dir
    elif options.output is None:
        path = options.render.out_dir / ".voxpress-cache"
    else:
        path = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "voxpress" / "clips"
    if path.exists() and not path.is_dir():
        raise OutputError(f"the clip cache {path} is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the clip cache {path}: {exc.strerror or exc}") from exc
    return str(path)


TaskArgs = Callable[[str], tuple[Any, ...]]


def _run_local(
    pending: list[str],
    options: BatchOptions,
    task: TaskArgs,
    record: Callable[[TaskResult], None],
    state: dict[str, Any],
) -> None:
    """Render ``pending`` in a process pool, at most one article per worker in flight.

    A worker that dies (a segfault in the engine, the OOM killer) breaks the whole pool: the
    pool is rebuilt and the articles that were in flight are rerun one at a time, so the one
    that kills its worker again fails alone and every other article still renders.
    """
    cores = os.cpu_count() or 1
    default = cores
    if options.workers is None and profile_for(options.render).engine == "piper":
        # Measured on 2 cores (benchmarks/neural.py --batch): one worker whose onnxruntime uses
        # both cores renders 7.4 articles/min; two single-threaded workers 5.8; two workers with
        # two threads each (oversubscribed) 5.0. So Piper defaults to one worker, all cores.
        default = 1
    workers = max(1, min(options.workers or default, len(pending)))
    threads = max(1, cores // workers)
    queue = collections.deque(pending)
    suspects: collections.deque[str] = collections.deque()
    running: dict[cf.Future[TaskResult], str] = {}
    isolated: cf.Future[TaskResult] | None = None
    pool = _pool(workers, threads)
    clean = False
    try:
        while queue or suspects or running:
            broken = False
            line = suspects if suspects and not running else queue if not suspects else None
            while line and (line is queue and len(running) < workers or not running):
                src = line.popleft()
                try:
                    fut = pool.submit(render_task, *task(src))
                except BrokenProcessPool:  # a worker died since the last wait, not on this one
                    line.appendleft(src)
                    broken = True
                    break
                running[fut] = src
                if line is suspects:
                    isolated = fut
            state["in_flight"] = len(running)
            done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED) if running else ((), ())
            for fut in done:
                src = running.pop(fut)
                try:
                    res = fut.result()
                except BrokenProcessPool:
                    broken = True
                    if fut is not isolated:
                        suspects.append(src)
                        continue
                    res = TaskResult(
                        src, "failed", error=f"the worker rendering it died ({_death(pool)})"
                    )
                except Exception as exc:  # noqa: BLE001 - a bug in one article fails that article
                    res = TaskResult(src, "failed", error=f"{type(exc).__name__}: {exc}")
                state["in_flight"] = len(running)
                record(res)
            if broken:
                suspects.extend(running.values())  # they died with the pool: rerun each alone
                running.clear()
                if suspects:
                    log.warning(
                        "a worker process died; rerunning %d articles one at a time", len(suspects)
                    )
                _stop(pool, kill=True)
                pool = _pool(workers, threads)
        clean = True
    finally:
        _stop(pool, kill=not clean)


def _pool(workers: int, threads: int) -> cf.ProcessPoolExecutor:
    return cf.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(threads, os.getpid()),
    )


def _processes(pool: cf.ProcessPoolExecutor) -> list[multiprocessing.Process]:
    return list((getattr(pool, "_processes", None) or {}).values())


def _death(pool: cf.ProcessPoolExecutor) -> str:
    """How a broken pool's worker died: 'killed by SIGSEGV', 'exit status 1'."""
    deadline = time.monotonic() + 2.0  # the pool may not have reaped the dead one yet
    while time.monotonic() < deadline and not any(
        p.exitcode not in (None, 0, -signal.SIGTERM) for p in _processes(pool)
    ):
        time.sleep(0.02)
    for p in _processes(pool):
        code = p.exitcode
        if code is None or code == 0 or code == -signal.SIGTERM:
            continue  # alive, or terminated by the pool after the death
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"killed by {signal.Signals(-code).name}"
        return f"exit status {code}"
    return "killed"


def _stop(pool: cf.ProcessPoolExecutor, kill: bool) -> None:
    """Shut ``pool`` down; with ``kill``, end its workers at once (the batch is failing or
    being stopped, or the pool is broken), instead of waiting for their articles."""
    if kill:
        for p in _processes(pool):
            with contextlib.suppress(OSError, AttributeError, ValueError):
                p.kill()
    pool.shutdown(wait=not kill, cancel_futures=True)


def _run_dask(
    pending: list[str],
    options: BatchOptions,
    task: TaskArgs,
    record: Callable[[TaskResult], None],
    state: dict[str, Any],
) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise VoxpressError("--cluster needs Dask: pip install 'voxpress[cluster]'") from exc
    try:
        client = Client(options.cluster, timeout="10s")
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise VoxpressError(
            f"cannot connect to the Dask scheduler at {options.cluster}: {exc}"
        ) from exc
    with client:
        futures = {
            client.submit(
                render_task,
                *task(src),
                key=f"voxpress-{content_hash(src.encode())}",
                pure=False,
                retries=2,
            ): src
            for src in pending
        }
        state["in_flight"] = len(futures)
        for fut in as_completed(list(futures)):
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - the task failed on every worker that tried it
                res = TaskResult(futures[fut], "failed", error=f"cluster task failed: {exc}")
            state["in_flight"] = max(0, state["in_flight"] - 1)
            record(res)


def _update_feed(out_dir: Path, base_url: str | None) -> None:
    """Rewrite feed.xml after a batch (with the existing feed's base URL if none is given); a
    failure is a warning: the renders and the report are written."""
    from .feed import FeedOptions, write_feed

    if base_url is None:
        existing = out_dir / "feed.xml"
        if not existing.is_file():
            return
        m = re.search(
            r'<atom:link href="([^"]+)feed\.xml" rel="self"',
            existing.read_text(encoding="utf-8", errors="replace"),
        )
        if not m:
            return
        base_url = m.group(1)
    try:
        write_feed(out_dir, FeedOptions(base_url=base_url))
    except VoxpressError as exc:
        log.warning("feed.xml not updated: %s", exc)


def iter_failures(report: BatchReport) -> Iterator[str]:
    """'source: reason' for every failure."""
    for r in report.failed:
        yield f"{r.source}: {r.error}"
