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

from render_speed import long_article  # noqa: E402

from voxpress.render import RenderOptions, Renderer, read_article, script_for  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2, help="copies of the example body (2 = ~700 words)")
    ap.add_argument("--threads", type=int, default=None, help="onnxruntime threads (default: all cores)")
    args = ap.parse_args()
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

        t0 = time.perf_counter()
        samples = 0
        for seg in segments:
            for chunk in voice.synthesize(seg.text, config):
                samples += len(chunk.audio_int16_bytes) // 2
        raw_time = time.perf_counter() - t0
        raw_audio = samples / voice_rate

        t0 = time.perf_counter()
        result = renderer.render_article(article)
        vox_time = time.perf_counter() - t0
        speech = sum(ts.end - ts.start for ts in result.timeline.segments) / result.timeline.sample_rate

    raw_rtf = raw_time / raw_audio
    vox_rtf = vox_time / speech
    print(f"{article.word_count} words, {len(segments)} segments, Piper 'joe', threads={args.threads or 'default'}")
    print(f"{'':<28} {'wall s':>7} {'speech s':>9} {'RTF':>7} {'x realtime':>11}")
    print(f"{'raw PiperVoice.synthesize':<28} {raw_time:7.2f} {raw_audio:9.1f} {raw_rtf:7.3f} {1 / raw_rtf:11.1f}")
    print(f"{'voxpress render (MP3 etc.)':<28} {vox_time:7.2f} {speech:9.1f} {vox_rtf:7.3f} {1 / vox_rtf:11.1f}")
    print(f"voxpress overhead on the same text: {(vox_time / raw_time - 1) * 100:+.1f}% wall time "
          f"(target <= 10%); programme with pauses: {result.duration:.1f} s "
          f"(voxpress speech is shorter than raw because clip ends are trimmed of silence)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
