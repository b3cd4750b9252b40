"""Batch production: many sources, every core (or a Dask cluster), incremental and resumable.

The parent expands the inputs (files, folders, ``@lists``, feeds, sitemaps), skips what is
unchanged since the last run (the output folder's index: source content hash + settings hash,
and the files still present), and hands the rest to workers: a local process pool by default,
or a Dask distributed cluster with ``cluster=``. Each worker process owns one engine and one
clip cache handle, kept in :data:`_WORKER` (the only global state here). Results come back to the
parent, which records each finished article in the index at once, so a killed batch resumes
where it stopped. Every output file is written atomically.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import json
import logging
import multiprocessing
import os
import re
import socket
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from . import sources
from .cache import DEFAULT_CAP_BYTES, ClipCache
from .errors import SourceError, VoxpressError
from .files import stale_temporaries, write_text_atomic
from .publish import settings_hash
from .render import Renderer, RenderOptions, content_hash, profile_for, render_settings

log = logging.getLogger(__name__)

INDEX_NAME = ".voxpress-index.json"
REPORT_NAME = "batch-report.json"
ARTICLE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".md", ".markdown"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}

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


def expand_inputs(inputs: Iterable[str]) -> tuple[list[str], list[TaskResult]]:
    """Sources from URLs, files, folders (recursive), ``@list`` files, feeds and sitemaps."""
    found: list[str] = []
    errors: list[TaskResult] = []
    for item in inputs:
        try:
            found.extend(_expand(item))
        except VoxpressError as exc:
            errors.append(TaskResult(item, "failed", error=str(exc)))
    unique = list(dict.fromkeys(found))
    return unique, errors


def _expand(item: str) -> list[str]:
    if item.startswith("@"):
        path = Path(item[1:])
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise SourceError(f"cannot read list {path}: {exc.strerror or exc}") from exc
        out: list[str] = []
        for line in lines:
            line = (
                line.split("#", 1)[0].strip()
                if not line.strip().startswith("http")
                else line.strip()
            )
            if line:
                out.extend(_expand(line))
        return out
    scheme = urlsplit(item).scheme.lower()
    if scheme in ("http", "https"):
        url_path = urlsplit(item).path.lower()
        if url_path.endswith(tuple(FEED_SUFFIXES)) or re.search(
            r"/(feed|rss|atom)/?$|sitemap", url_path
        ):
            doc = sources.fetch(item)
            return feed_entries(doc.content, doc.url or item)
        return [item]
    path = Path(item)
    if path.is_dir():
        return sorted(
            str(p)
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    if path.suffix.lower() in FEED_SUFFIXES and path.is_file():
        return feed_entries(path.read_bytes(), None)
    return [item]


def feed_entries(data: bytes, base: str | None) -> list[str]:
    """Article links of an RSS/Atom feed or a sitemap (sitemap indexes are followed)."""
    head = data[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        locs = [
            m.decode("utf-8", "replace").strip()
            for m in re.findall(rb"<loc>\s*([^<]+?)\s*</loc>", data)
        ]
        if b"<sitemapindex" in head:
            out: list[str] = []
            for loc in locs:
                out.extend(feed_entries(sources.fetch(loc).content, loc))
            return out
        return locs
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise SourceError(f"not a readable feed or sitemap: {parsed.get('bozo_exception')}")
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if link:
            links.append(urljoin(base or "", link))
    return links


# --------------------------------------------------------------------------- the index


def load_index(out_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((out_dir / INDEX_NAME).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def outputs_present(out_dir: Path, entry: dict[str, Any]) -> bool:
    """True when the MP3 an index entry names is there with the size its manifest records."""
    try:
        manifest = json.loads((out_dir / entry["manifest"]).read_text(encoding="utf-8"))
        return (out_dir / manifest["mp3"]).stat().st_size == manifest["mp3_bytes"]
    except (OSError, ValueError, KeyError, TypeError):
        return False


def remove_stale_temporaries(out_dir: Path) -> int:
    """Delete temporary files whose writer died (a killed run, a lost worker)."""
    removed = 0
    if out_dir.is_dir():
        for p in stale_temporaries(out_dir):
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed


# --------------------------------------------------------------------------- worker side


def render_task(
    source: str,
    options: RenderOptions,
    cache_dir: str,
    cache_bytes: int,
    known: dict[str, Any] | None,
    output: str | None = None,
) -> TaskResult:
    """Render one source in a worker process (picklable; runs locally or on a Dask worker)."""
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
        doc = sources.load(source)
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
    except VoxpressError as exc:
        return TaskResult(
            source, "failed", error=str(exc), seconds=time.perf_counter() - start, worker=worker
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


def _init_worker(piper_threads: int | None = None) -> None:
    logging.getLogger().setLevel(logging.WARNING)
    if piper_threads and "VOXPRESS_PIPER_THREADS" not in os.environ:
        os.environ["VOXPRESS_PIPER_THREADS"] = str(piper_threads)


# --------------------------------------------------------------------------- parent side


ProgressSink = Callable[[str, TaskResult | None, dict[str, Any]], None]


def run_batch(
    inputs: Iterable[str], options: BatchOptions, progress: ProgressSink | None = None
) -> BatchReport:
    """Render every source the inputs name; never redo what is done; return the report."""
    t0 = time.perf_counter()
    out_dir = options.render.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out_dir)
    srcs, input_errors = expand_inputs(inputs)
    profile = profile_for(options.render)
    wanted = settings_hash(render_settings(profile, options.render))
    index = load_index(out_dir) if options.output is None else {}
    cache_dir = str(options.cache_dir or _default_cache(options))

    results: list[TaskResult] = []
    pending: list[str] = []
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
        state["in_flight"] = max(0, state["in_flight"] - 1)
        if res.status == "failed":
            state["failed"] += 1
        if res.status == "rendered":
            state["audio"] += res.duration
            manifest = res.mp3[:-4] + ".json" if res.mp3 else None
            index[res.source] = {
                "source_hash": res.source_hash,
                "settings_hash": wanted,
                "mp3": res.mp3,
                "manifest": manifest,
                "duration": res.duration,
            }
            if options.output is None:
                write_text_atomic(
                    out_dir / INDEX_NAME, json.dumps(index, indent=1, ensure_ascii=False)
                )
        if progress:
            progress("done", res, state)

    if pending:
        if options.cluster:
            _run_dask(pending, options, index, cache_dir, record, state)
        else:
            _run_local(pending, options, index, cache_dir, record, state)

    if options.output is None:
        remove_stale_temporaries(out_dir)  # left by workers killed during this run
        ClipCache(cache_dir, options.cache_bytes).evict()
        _update_feed(out_dir, options.base_url)
    workers = options.cluster or f"local:{options.workers or os.cpu_count() or 1}"
    report = BatchReport(results, input_errors, time.perf_counter() - t0, workers)
    if options.output is None:
        write_text_atomic(out_dir / REPORT_NAME, report.to_json())
    return report


def _default_cache(options: BatchOptions) -> Path:
    if options.output is None:
        return options.render.out_dir / ".voxpress-cache"
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "voxpress" / "clips"


def _run_local(
    pending: list[str],
    options: BatchOptions,
    index: dict[str, Any],
    cache_dir: str,
    record: Callable[[TaskResult], None],
    state: dict[str, Any],
) -> None:
    cores = os.cpu_count() or 1
    default = cores
    if options.workers is None and profile_for(options.render).engine == "piper":
        # Measured on 2 cores (benchmarks/neural.py --batch): one worker whose onnxruntime uses
        # both cores renders 7.4 articles/min; two single-threaded workers 5.8; two workers with
        # two threads each (oversubscribed) 5.0. So Piper defaults to one worker, all cores.
        default = 1
    workers = max(1, min(options.workers or default, len(pending)))
    threads = max(1, cores // workers)
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(threads,)
    ) as pool:
        futures = {}
        for src in pending:
            fut = pool.submit(
                render_task,
                src,
                options.render,
                cache_dir,
                options.cache_bytes,
                index.get(src),
                options.output,
            )
            futures[fut] = src
        state["in_flight"] = min(workers, len(pending))
        for fut in cf.as_completed(futures):
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a worker process died (killed, out of memory)
                res = TaskResult(futures[fut], "failed", error=f"worker process died: {exc}")
            record(res)


def _run_dask(
    pending: list[str],
    options: BatchOptions,
    index: dict[str, Any],
    cache_dir: str,
    record: Callable[[TaskResult], None],
    state: dict[str, Any],
) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise VoxpressError("--cluster needs Dask: pip install 'voxpress[cluster]'") from exc
    try:
        client = Client(options.cluster, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise VoxpressError(
            f"cannot connect to the Dask scheduler at {options.cluster}: {exc}"
        ) from exc
    with client:
        futures = {
            client.submit(
                render_task,
                src,
                options.render,
                cache_dir,
                options.cache_bytes,
                index.get(src),
                options.output,
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
            record(res)


def _update_feed(out_dir: Path, base_url: str | None) -> None:
    from .feed import FeedError, FeedOptions, write_feed

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
    with contextlib.suppress(FeedError):
        write_feed(out_dir, FeedOptions(base_url=base_url))


def iter_failures(report: BatchReport) -> Iterator[str]:
    """'source: reason' for every failure."""
    for r in report.failed:
        yield f"{r.source}: {r.error}"
