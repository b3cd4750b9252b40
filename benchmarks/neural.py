"""Piper through voxpress beside raw Piper, same spoken text, same process.

Raw: ``PiperVoice.synthesize`` on every segment's spoken text, audio joined (no checks, no
pauses, no file). voxpress: the same segments through the engine (checks, trimming), assembly,
loudness normalization, MP3 encode and tags. Real-time factor = processing time / audio time.

    python benchmarks/neural.py [--repeat 2] [--threads N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from render_speed import long_article

from voxpress.render import Renderer, RenderOptions, read_article, script_for


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--repeat", type=int, default=2, help="copies of the example body (2 = ~700 words)"
    )
    ap.add_argument(
        "--threads", type=int, default=None, help="onnxruntime threads (default: all cores)"
    )
    ap.add_argument(
        "--runs", type=int, default=2, help="alternating runs of each side; the best is reported"
    )
    ap.add_argument(
        "--batch",
        type=int,
        default=0,
        metavar="N",
        help="instead: batch N articles with Piper, comparing worker/thread splits",
    )
    args = ap.parse_args()
    if args.batch:
        return batch_splits(args.batch)
    if args.threads:
        import os

        os.environ["VOXPRESS_PIPER_THREADS"] = str(args.threads)
    with tempfile.TemporaryDirectory() as folder:
        page = long_article(args.repeat, Path(folder))
        renderer = Renderer(RenderOptions(out_dir=Path(folder) / "out", voice="joe"))
        article = read_article(str(page))
        segments = script_for(article, renderer.profile)
        voice = renderer.engine.voice  # type: ignore[attr-defined]
        config = renderer.engine._config  # type: ignore[attr-defined]
        voice_rate = renderer.engine.sample_rate
        # warm up both paths once
        list(voice.synthesize("Warm up.", config))

        raw_time = vox_time = float("inf")
        for _ in range(args.runs):  # alternate the two sides; keep the best of each
            t0 = time.perf_counter()
            samples = 0
            for seg in segments:
                for chunk in voice.synthesize(seg.text, config):
                    samples += len(chunk.audio_int16_bytes) // 2
            raw_time = min(raw_time, time.perf_counter() - t0)
            raw_audio = samples / voice_rate

            t0 = time.perf_counter()
            result = renderer.render_article(article)
            vox_time = min(vox_time, time.perf_counter() - t0)
            speech = (
                sum(ts.end - ts.start for ts in result.timeline.segments)
                / result.timeline.sample_rate
            )

    raw_rtf = raw_time / raw_audio
    vox_rtf = vox_time / speech
    print(
        f"{article.word_count} words, {len(segments)} segments, Piper 'joe', threads={args.threads or 'default'}, "
        f"best of {args.runs} alternating runs"
    )
    print(f"{'':<28} {'wall s':>7} {'speech s':>9} {'RTF':>7} {'x realtime':>11}")
    print(
        f"{'raw PiperVoice.synthesize':<28} {raw_time:7.2f} {raw_audio:9.1f} {raw_rtf:7.3f} {1 / raw_rtf:11.1f}"
    )
    print(
        f"{'voxpress render (MP3 etc.)':<28} {vox_time:7.2f} {speech:9.1f} {vox_rtf:7.3f} {1 / vox_rtf:11.1f}"
    )
    print(
        f"voxpress overhead on the same text: {(vox_time / raw_time - 1) * 100:+.1f}% wall time "
        f"(target <= 10%); programme with pauses: {result.duration:.1f} s "
        f"(voxpress speech is shorter than raw because clip ends are trimmed of silence)"
    )
    return 0


def batch_splits(count: int) -> int:
    """Articles per minute with Piper for 1 worker x 2 threads, 2 x 1, and 2 x 2 (oversubscribed)."""
    import os
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        page = long_article(1, Path(folder))
        inputs = []
        for n in range(count):  # distinct articles (distinct text, so the clip cache cannot help)
            copy = Path(folder) / f"a{n}.html"
            copy.write_text(
                page.read_text(encoding="utf-8").replace("Belgium", f"Belgium ({n})"),
                encoding="utf-8",
            )
            inputs.append(str(copy))
        print(f"{count} articles of ~350 words with Piper 'joe'")
        print(f"{'split':<28} {'wall s':>7} {'articles/min':>13}")
        for workers, threads in ((1, 2), (2, 1), (2, 2)):
            out = Path(folder) / f"out{workers}{threads}"
            env = {**os.environ, "VOXPRESS_PIPER_THREADS": str(threads)}
            t0 = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "voxpress",
                    "batch",
                    *inputs,
                    "-o",
                    str(out),
                    "--voice",
                    "joe",
                    "--workers",
                    str(workers),
                    "--cache-dir",
                    str(out / "cache"),
                ],
                check=True,
                env=env,
                capture_output=True,
            )
            wall = time.perf_counter() - t0
            print(
                f"{f'{workers} worker(s) x {threads} thread(s)':<28} {wall:7.1f} {count / wall * 60:13.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
