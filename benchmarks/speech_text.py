"""Newsreader normalization: pass rate on tests/data/speech_cases.tsv beside raw espeak-ng.

A case passes when espeak-ng's phonemes for the text voxpress speaks equal its phonemes for the
expected newsreader text (stress marks and pauses ignored); raw espeak-ng is scored the same way
on the written input. Also times normalizing a 5,000-word article (wall clock and CPU time: on a
shared machine the CPU time is the steadier figure).

    python benchmarks/speech_text.py [--show-failures]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from voxpress.engines.espeak import phonemes
from voxpress.lexicon import load_lexicon
from voxpress.normalize import Normalizer

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "speech_cases.tsv"


def key(text: str) -> str:
    ph = phonemes(text)
    return re.sub(r"[\s'_,:;!.%=|-]+", "", ph)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--show-failures", action="store_true")
    args = ap.parse_args()
    rows = [
        line.split("\t")
        for line in CASES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    norm = Normalizer("en", [load_lexicon("en-news")])
    exact = raw_ok = vox_ok = 0
    failures = []
    for written, spoken in rows:
        out = norm(written)
        exact += out == spoken
        want = key(spoken)
        raw_ok += key(written) == want
        ok = key(out) == want
        vox_ok += ok
        if not ok:
            failures.append((written, out, spoken))
    n = len(rows)
    print(
        f"{n} cases from {CASES.relative_to(ROOT)}; pass = same espeak-ng phonemes as the newsreader text"
    )
    print(f"{'':<22} {'pass':>6} {'rate':>7}")
    print(f"{'raw espeak-ng':<22} {raw_ok:6d} {raw_ok / n:7.1%}")
    print(
        f"{'voxpress normalizer':<22} {vox_ok:6d} {vox_ok / n:7.1%}   (exact text match {exact / n:.1%})"
    )

    from voxpress.extract import extract
    from voxpress.script import split_sentences
    from voxpress.sources import load

    example = extract(load(str(ROOT / "examples" / "kyiv-independent-nato.html")))
    prose = " ".join(b.text for b in example.blocks)
    dense = " ".join(w for w, _ in rows)
    for label, text, target in (
        ("news prose (example article)", prose, 100),
        ("number-dense (the cases)", dense, 200),
    ):
        words = text.split()
        article = " ".join((words * (5000 // len(words) + 1))[:5000])
        sentences = split_sentences(article)
        times, cpu = [], []
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.process_time()
            for s in sentences:
                norm(s)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        print(
            f"normalizing 5,000 words of {label} ({len(sentences)} sentences): "
            f"median {statistics.median(times) * 1000:.0f} ms wall, "
            f"{statistics.median(cpu) * 1000:.0f} ms CPU (target < {target} ms)"
        )
    if args.show_failures:
        for w, o, s in failures:
            print(f"\n  written:  {w}\n  voxpress: {o}\n  expected: {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
