"""How often the streaming loudness misses its target and a render is encoded again (corpus).

Renders pages of ../shared/corpus (index.csv: news and other, every language) with one
Renderer, two ways:

- ``fresh``: a new Renderer per page, no cache: the gain is fitted on each programme's first
  minute (what ``voxpress render`` does);
- ``calibrated``: one Renderer and one clip cache for all pages (what a batch worker does): the
  gain comes from the voice's calibration, updated after every render.

For each page: the measured loudness of the first pass, whether it was encoded again (missed
-16 LUFS by more than 0.5 LU), and the final figure. Prints the re-encode rate per mode.

    python benchmarks/loudness.py [--limit 40] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import csv
import logging
import statistics
import sys
import tempfile
from pathlib import Path

from voxpress import stream
from voxpress.cache import ClipCache
from voxpress.errors import VoxpressError
from voxpress.render import Renderer, RenderOptions

ROOT = Path(__file__).resolve().parent.parent


def pages(corpus: Path, limit: int) -> list[str]:
    with open(corpus / "index.csv", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: r["id"])
    return [str(corpus / r["path"]) for r in rows[:limit]]


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        args.corpus = Path("/work/shared/corpus")
    logging.basicConfig(level=logging.ERROR)
    passes: list[float | None] = []
    original = stream.ProgrammeStream.finish

    def finish(self: stream.ProgrammeStream) -> stream.StreamResult:
        result = original(self)
        passes.append(result.loudness_lufs)
        return result

    stream.ProgrammeStream.finish = finish  # type: ignore[method-assign]
    sources = pages(args.corpus, args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        cache = ClipCache(Path(tmp) / "cache")
        shared = Renderer(RenderOptions(out_dir=Path(tmp) / "cal", manifest=False), cache)
        for mode in ("fresh", "calibrated"):
            firsts: list[float] = []
            finals: list[float] = []
            again = failed = 0
            for n, source in enumerate(sources):
                renderer = shared
                if mode == "fresh":
                    out = Path(tmp) / "fresh"
                    renderer = Renderer(RenderOptions(out_dir=out, manifest=False))
                passes.clear()
                before = renderer.reencodes
                try:
                    renderer.render_source(source)
                except VoxpressError:
                    failed += 1
                    continue
                again += renderer.reencodes - before
                if passes and passes[0] is not None and passes[-1] is not None:
                    firsts.append(passes[0])
                    finals.append(passes[-1])
                if (n + 1) % 10 == 0:
                    print(f"  {mode}: {n + 1} pages", file=sys.stderr)
            spread = max(abs(f + 16) for f in firsts) if firsts else 0.0
            print(
                f"{mode:<11} {len(firsts)} rendered, {failed} failed; encoded again: {again} "
                f"({again / max(1, len(firsts)):.0%}); first pass median "
                f"{statistics.median(firsts):.2f} LUFS, worst miss {spread:.2f} LU; final "
                f"{min(finals):.2f} .. {max(finals):.2f} LUFS"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
