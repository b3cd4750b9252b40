"""Batch throughput on the English pages of ../shared/corpus: 1 worker, 2 workers, cached rerun.

Prints articles per minute, audio hours per hour and peak memory per worker, side by side.
Each configuration renders into a fresh folder with a fresh clip cache; the rerun repeats the
2-worker batch over its own output (nothing changed, so everything is skipped).

    python benchmarks/batch.py [--limit 40] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

from voxpress.batch import BatchOptions, BatchReport, run_batch
from voxpress.render import RenderOptions

ROOT = Path(__file__).resolve().parent.parent


def english_pages(corpus: Path, limit: int) -> list[str]:
    with open(corpus / "index.csv", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["language"] == "en"]
    rows.sort(key=lambda r: r["id"])
    return [str(corpus / r["path"]) for r in rows[:limit]]


def line(label: str, report: BatchReport) -> str:
    rendered = [r for r in report.results if r.status == "rendered"]
    done = [r for r in report.results if r.status in ("rendered", "unchanged")]
    audio_h = sum(r.duration for r in done) / 3600
    per_min = len(done) / (report.seconds / 60)
    hours_per_hour = audio_h / (report.seconds / 3600)
    peak = max((r.peak_rss_mb for r in rendered), default=0.0)
    c = report.counts()
    return (
        f"{label:<22} {report.seconds:8.1f} {len(done):6d} {c['failed']:6d} {per_min:9.1f} "
        f"{hours_per_hour:9.1f} {peak:9.0f}"
    )


def _written() -> int:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_oublock
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_oublock
    return (own + kids) * 512


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--limit", type=int, default=40)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        args.corpus = Path("/work/shared/corpus")
    pages = english_pages(args.corpus, args.limit)
    written: dict[str, float] = {}

    def batch(label: str, out: Path, workers: int) -> BatchReport:
        before = _written()
        report = run_batch(pages, BatchOptions(render=RenderOptions(out_dir=out), workers=workers))
        written[label] = (_written() - before) / 1e6
        return report

    with tempfile.TemporaryDirectory() as tmp:
        one = batch("1 worker", Path(tmp) / "w1", 1)
        two = batch("2 workers", Path(tmp) / "w2", 2)
        rerun = batch("2 workers, rerun", Path(tmp) / "w2", 2)
        mp3_mb = sum(p.stat().st_size for p in (Path(tmp) / "w2").glob("*.mp3")) / 1e6
    print(f"{len(pages)} English pages from {args.corpus}")
    print(
        f"{'':<22} {'wall s':>8} {'done':>6} {'failed':>6} {'art/min':>9} {'audio h/h':>9} {'peak MB':>9}"
    )
    print(line("1 worker", one))
    print(line("2 workers", two))
    print(line("2 workers, rerun", rerun))
    print(
        "written to disk, MB (block layer, workers and ffmpeg included): "
        + ", ".join(f"{k} {v:.0f}" for k, v in written.items())
        + f"; the MP3s are {mp3_mb:.0f} MB"
    )
    print(
        f"speedup with 2 workers: {one.seconds / two.seconds:.2f}x (target >= 1.7x); "
        f"cached rerun: {two.seconds / rerun.seconds:.1f}x faster than the first run (target >= 20x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
