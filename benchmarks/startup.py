"""Start-up: how long the CLI takes before it does anything, beside bare Python, and a short
`voxpress script` beside trafilatura's own CLI on the same page, in one run.

Whole processes, run alternately, medians of N runs (wall time; these machines are shared).

    python benchmarks/startup.py [--runs 9] [--page examples/kyiv-independent-nato.html]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str], stdin: Path | None = None) -> float:
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as fh:
        subprocess.run(
            cmd, stdin=fh, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--page", type=Path, default=ROOT / "examples" / "kyiv-independent-nato.html")
    args = ap.parse_args()
    exe = shutil.which("voxpress") or sys.exit("voxpress is not installed (pip install -e .)")
    traf = shutil.which("trafilatura") or sys.exit("trafilatura's CLI is not on PATH")
    cases: dict[str, tuple[list[str], Path | None]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "voxpress --version": ([exe, "--version"], None),
        "voxpress --help": ([exe, "--help"], None),
        f"trafilatura < {args.page.name}": ([traf], args.page),
        f"voxpress script {args.page.name}": ([exe, "script", str(args.page)], None),
    }
    for cmd, stdin in cases.values():  # warm the page cache and .pyc files
        timed(cmd, stdin)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (cmd, stdin) in cases.items():
            times[name].append(timed(cmd, stdin))
    med = {name: statistics.median(t) for name, t in times.items()}
    load = os.getloadavg()[0]
    print(f"start-up, median of {args.runs} runs (load average {load:.2f})")
    print(f"{'command':<44} {'median s':>9} {'min s':>7}")
    for name, t in times.items():
        print(f"{name:<44} {med[name]:>9.3f} {min(t):>7.3f}")
    names = list(cases)
    ratio = med[names[4]] / med[names[3]]
    print(f"\nvoxpress script / trafilatura CLI: {ratio:.2f}x (goal <= 2x)")
    print(
        f"voxpress --version {med[names[1]]:.3f} s, --help {med[names[2]]:.3f} s (goal <= 0.25 s)"
    )


if __name__ == "__main__":
    main()
