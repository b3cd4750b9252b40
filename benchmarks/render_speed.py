"""voxpress render beside the shell pipeline a user would type instead, same text, same run.

    espeak-ng --stdout -f text.txt | ffmpeg -i - -b:a 64k out.mp3          (espeak-ng voice)
    piper -m joe.onnx --output-raw < text.txt | ffmpeg -f s16le -i - out.mp3 (--voice joe)

The text is exactly what voxpress speaks (its script for the page, one segment a line), at the
profile's voice and rate; ffmpeg encodes at the same bitrate and LAME quality. voxpress runs as
the user runs it: ``voxpress render page.html`` in a fresh process (imports, extraction, checks,
loudness, tags, chapters, VTT, manifest). Every side is a whole process tree; the two sides
alternate, and medians are reported, with CPU time of the tree (user + system: what a busy
machine charges), peak memory (largest process of the tree) and bytes written to disk (the
block layer's count for the tree, so temporary files count too).

    python benchmarks/render_speed.py [--words 3000 30000] [--runs 3] [--voice joe]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-nato.html"
WORDS_PER_COPY = 342
"""Words in one copy of the example's body."""


def distinct(body: str, copy: int) -> str:
    """``body`` with a word of its own (the copy's number) after every sixth word of its text,
    so that no run of 12 words repeats from one copy to the next: voxpress reads repeated text
    once, as an article never says the same 12 words twice."""
    from num2words import num2words

    mark = num2words(copy + 1, to="ordinal")

    def text(m: re.Match[str]) -> str:
        words = m.group(0).split(" ")
        return " ".join(w + (f" {mark}" if k % 6 == 5 else "") for k, w in enumerate(words))

    return re.sub(r"(?<=>)[^<>]+(?=<)", text, body)


def long_article(words: int, folder: Path) -> Path:
    """The example page with its body repeated to about ``words`` words, under headings."""
    html = EXAMPLE.read_text(encoding="utf-8")
    start = html.index("<p><em>Editor's note")
    end = html.index('<div class="gh-post-upgrade-cta')
    body = html[start:end]
    repeat = max(1, round(words / (WORDS_PER_COPY * 7 / 6)))  # a sixth more: the marks
    sections = "".join(f"<h2>Part {i + 1}</h2>\n{distinct(body, i)}" for i in range(repeat))
    page = folder / f"article-{words}.html"
    page.write_text(html[:start] + sections + html[end:], encoding="utf-8")
    return page


def spoken_text(page: Path, voice: str | None) -> tuple[str, int, int]:
    """voxpress's spoken segments for ``page``, one a line; and the profile's rate; and words."""
    from voxpress.render import RenderOptions, profile_for, read_article, script_for

    profile = profile_for(RenderOptions(voice=voice))
    article = read_article(str(page))
    lines = [s.text.replace("\n", " ") for s in script_for(article, profile)]
    return "\n".join(lines) + "\n", profile.rate, article.word_count


def run_tree(cmd: str, cwd: Path) -> dict[str, float]:
    """Run ``cmd`` (a shell command line) in a child process tree; wall, peak RSS, bytes written."""
    probe = (
        "import json,resource,subprocess,sys,time\n"
        "t=time.perf_counter()\n"
        "subprocess.run(sys.argv[1],shell=True,check=True,executable='/bin/bash',"
        "stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL)\n"
        "w=time.perf_counter()-t\n"
        "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'seconds':w,'cpu_s':r.ru_utime+r.ru_stime,'peak_mb':r.ru_maxrss/1024,"
        "'written_mb':r.ru_oublock*512/1e6}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, cmd], cwd=cwd, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def sides(page: Path, folder: Path, voice: str | None, bitrate: int) -> dict[str, str]:
    from voxpress import runtime
    from voxpress.audio import ENCODER_ARGS

    text, rate, _ = spoken_text(page, voice)
    txt = folder / f"{page.stem}.txt"
    txt.write_text(text, encoding="utf-8")
    ffmpeg = shlex.quote(runtime.ffmpeg_exe())
    enc = f"-b:a {bitrate}k {' '.join(ENCODER_ARGS)} -y"
    vox = shlex.quote(str(Path(sys.executable).with_name("voxpress")))
    voice_opt = f"--voice {voice}" if voice else ""
    out = {
        "voxpress": f"{vox} render {shlex.quote(str(page))} -o vox {voice_opt} --bitrate {bitrate}"
    }
    if voice is None:
        out["espeak-ng | ffmpeg"] = (
            f"espeak-ng -v gmw/en-us -s {rate} --stdout -f {shlex.quote(str(txt))} | "
            f"{ffmpeg} -hide_banner -loglevel error -i - {enc} shell.mp3"
        )
    else:
        from voxpress.engines.piper import NATURAL_WPM, model_file

        piper = shlex.quote(str(Path(sys.executable).with_name("piper")))
        model = shlex.quote(str(model_file(voice)))
        out["piper | ffmpeg"] = (
            f"{piper} -m {model} --length-scale {NATURAL_WPM / rate:.4f} --output-raw "
            f"-i {shlex.quote(str(txt))} | {ffmpeg} -hide_banner -loglevel error "
            f"-f s16le -ar 22050 -ac 1 -i - {enc} shell.mp3"
        )
    return out


def measure(words: int, runs: int, voice: str | None, bitrate: int) -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("TMPDIR", "/tmp")) as tmp:
        folder = Path(tmp)
        page = long_article(words, folder)
        _, _, counted = spoken_text(page, voice)
        commands = sides(page, folder, voice, bitrate)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, cmd in reversed(list(commands.items())):  # the pipeline first, then us
                work = folder / "work"
                work.mkdir()
                results[name].append(run_tree(cmd, work))
                if name == "voxpress":
                    mp3 = next((work / "vox").glob("*.mp3"))
                    results[name][-1]["mp3_mb"] = mp3.stat().st_size / 1e6
                    files = sum(p.stat().st_size for p in (work / "vox").iterdir())
                    results[name][-1]["files_mb"] = files / 1e6
                subprocess.run(["rm", "-rf", str(work)], check=True)
    load = os.getloadavg()[0]
    print(f"\n{counted:,} words, {runs} alternating runs each, medians; load average {load:.2f}")
    print(f"{'':<20} {'wall s':>8} {'CPU s':>7} {'peak MB':>8} {'written MB':>11}")
    med = {
        name: {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        for name, rs in results.items()
    }
    for name, m in med.items():
        print(
            f"{name:<20} {m['seconds']:8.2f} {m['cpu_s']:7.2f} {m['peak_mb']:8.0f} "
            f"{m['written_mb']:11.1f}"
        )
    base = next(n for n in med if n != "voxpress")
    ratio = med["voxpress"]["seconds"] / med[base]["seconds"]
    print(
        f"voxpress / pipeline: {ratio:.2f}x wall; voxpress MP3 {med['voxpress']['mp3_mb']:.1f} MB,"
        f" all its files {med['voxpress']['files_mb']:.1f} MB"
    )
    print("each run, s:", {n: [round(r["seconds"], 2) for r in rs] for n, rs in results.items()})


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--words", type=int, nargs="+", default=[3000, 30000])
    ap.add_argument("--runs", type=int, default=3, help="alternating runs of each side")
    ap.add_argument("--voice", default=None, help="voice profile (default: espeak-ng's)")
    ap.add_argument("--bitrate", type=int, default=64)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    start = time.perf_counter()
    for words in args.words:
        measure(words, args.runs, args.voice, args.bitrate)
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
