"""Render speed and peak memory on a long article, beside the floor on the same text.

The floor: the espeak-ng library synthesizing the whole spoken text in one call (ctypes, no
pyttsx3, no pauses) plus one ffmpeg MP3 encode of the result. voxpress: the full pipeline from
the HTML file (extract, script, one engine call per segment with checks, assembly, MP3, tags).
Each side runs in its own process so that peak memory is its own.

    python benchmarks/render_speed.py [--repeat 8] [--runs 3]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from voxpress.audio import ENCODER_ARGS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-nato.html"


def long_article(repeat: int, folder: Path) -> Path:
    """The example page with its body repeated ``repeat`` times under section headings."""
    html = EXAMPLE.read_text(encoding="utf-8")
    start = html.index("<p><em>Editor's note")
    end = html.index('<div class="gh-post-upgrade-cta')
    body = html[start:end]
    sections = "".join(f"<h2>Part {i + 1}</h2>\n{body}" for i in range(repeat))
    page = folder / "long-article.html"
    page.write_text(html[:start] + sections + html[end:], encoding="utf-8")
    return page


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def run_voxpress(page: str, out: str) -> dict:
    from voxpress.render import Renderer, RenderOptions

    t0 = time.perf_counter()
    renderer = Renderer(RenderOptions(out_dir=Path(out)))
    result = renderer.render_source(page)
    elapsed = time.perf_counter() - t0
    return {
        "seconds": elapsed,
        "audio": result.duration,
        "peak_mb": peak_mb(),
        "words": result.article.word_count,
        "segments": len(result.timeline.segments),
    }


def run_floor(page: str, out: str) -> dict:
    from voxpress import runtime
    from voxpress.render import RenderOptions, profile_for, read_article, script_for

    profile = profile_for(RenderOptions())
    text = " ".join(s.text for s in script_for(read_article(page), profile))
    runtime.prepare_espeak()
    lib = ctypes.CDLL("libespeak-ng.so.1")
    chunks: list[bytes] = []
    callback_type = ctypes.CFUNCTYPE(
        ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
    )

    def on_synth(wav, n, events):
        if n > 0:
            chunks.append(ctypes.string_at(wav, n * 2))
        return 0

    cb = callback_type(on_synth)
    t0 = time.perf_counter()
    rate = lib.espeak_Initialize(2, 0, None, 0)  # AUDIO_OUTPUT_SYNCHRONOUS
    lib.espeak_SetSynthCallback(cb)
    lib.espeak_SetVoiceByName(profile.voice.encode())
    lib.espeak_SetParameter(1, profile.rate, 0)  # espeakRATE
    data = text.encode("utf-8")
    lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, 1, None, None)  # espeakCHARS_UTF8
    pcm = b"".join(chunks)
    subprocess.run(
        [
            runtime.ffmpeg_exe(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "s16le",
            "-ar",
            str(rate),
            "-ac",
            "1",
            "-i",
            "pipe:0",
            "-b:a",
            "64k",
            *ENCODER_ARGS,
            os.path.join(out, "floor.mp3"),
        ],
        input=pcm,
        check=True,
    )
    elapsed = time.perf_counter() - t0
    return {"seconds": elapsed, "audio": len(pcm) / 2 / rate, "peak_mb": peak_mb()}


def measure(which: str, page: Path, runs: int) -> dict:
    best: dict | None = None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", which, str(page), out],
                capture_output=True,
                text=True,
                check=True,
            )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    assert best is not None
    return best


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--repeat", type=int, default=10, help="copies of the example body (10 = ~3,400 words)"
    )
    ap.add_argument(
        "--runs", type=int, default=3, help="runs of each side; the fastest is reported"
    )
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        which, page, out = args.child
        print(json.dumps(run_voxpress(page, out) if which == "voxpress" else run_floor(page, out)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        page = long_article(args.repeat, Path(folder))
        vox = measure("voxpress", page, args.runs)
        floor = measure("floor", page, args.runs)
    print(
        f"long article: {vox['words']} words, {vox['segments']} segments; best of {args.runs} runs each"
    )
    print(
        f"{'':<10} {'audio s':>8} {'wall s':>7} {'s per audio s':>14} {'x realtime':>11} {'peak MB':>8}"
    )
    for name, r in (("floor", floor), ("voxpress", vox)):
        per = r["seconds"] / r["audio"]
        print(
            f"{name:<10} {r['audio']:8.1f} {r['seconds']:7.2f} {per:14.5f} {1 / per:11.1f} {r['peak_mb']:8.1f}"
        )
    ratio = (vox["seconds"] / vox["audio"]) / (floor["seconds"] / floor["audio"])
    print(
        f"voxpress / floor, time per second of audio: {ratio:.2f}x (target <= 1.5x); "
        f"peak memory {vox['peak_mb']:.0f} MB (target < 300 MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
