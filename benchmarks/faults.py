"""Fault injection: renders and batches SIGKILLed at random points, then checked (issue #14).

Render trials: the example, rendered at 150 wpm, is re-rendered at 230 wpm into the same folder
and SIGKILLed just before a random one of the re-render's writes, renames and removals in the
folder (tests/faultinject/sitecustomize.py counts them, then kills there). Batch trials: six
articles, two workers, the whole process group SIGKILLed at a random moment. After each kill the
folder is read as the next voxpress command reads it (outputs.tidy first) and must hold, for
every article, one whole set whose files agree with its manifest (sizes, MP3 length, last cue,
last chapter); a render trial must show exactly the old set or exactly the new one. The batch is
then run again to completion and checked again.

    python benchmarks/faults.py [--trials 20]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from mutagen.mp3 import MP3

from voxpress import outputs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kyiv-independent-nato.html"
HOOKS = ROOT / "tests" / "faultinject"


def voxpress(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "voxpress", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def hooked(**variables: str) -> dict[str, str]:
    path = os.pathsep.join(p for p in (str(HOOKS), os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **variables}


def problems(out: Path) -> tuple[list[str], dict[str, int]]:
    """What is inconsistent in ``out`` once tidied, and each article's rate (which version)."""
    outputs.tidy(out)
    found = list(outputs.verify(out))
    durations = {}
    for path in out.glob("*.json"):
        manifest = json.loads(path.read_text())
        if "mp3" not in manifest:
            continue
        duration = manifest["duration"]
        durations[path.stem] = manifest["settings"]["profile"]["rate"]
        if abs(MP3(out / manifest["mp3"]).info.length - duration) > 0.1:
            found.append(f"{manifest['mp3']}: not {duration} s long")
        vtt = (out / manifest["files"]["vtt"]).read_text().splitlines()
        h, m, s = [line for line in vtt if "-->" in line][-1].split()[-1].split(":")
        if abs(int(h) * 3600 + int(m) * 60 + float(s) - duration) > 0.01:
            found.append(f"{manifest['files']['vtt']}: another version's transcript")
    found += [p.name for p in out.iterdir() if p.name.endswith((".part", ".commit"))]
    return found, durations


def render_trials(trials: int, work: Path, rng: random.Random, sweep: bool) -> Counter[str]:
    old, new = work / "old", work / "new"
    for folder, rate in ((old, "150"), (new, "230")):
        done = voxpress("render", str(EXAMPLE), "-o", str(folder), "--rate", rate)
        assert done.returncode == 0, done.stderr
    slug = next(old.glob("*.mp3")).stem
    versions = {150: "old set", 230: "new set"}
    counted = work / "counted"
    shutil.copytree(old, counted)
    env = hooked(VOXPRESS_TEST_KILL_DIR=str(counted), VOXPRESS_TEST_COUNT_TO=str(work / "n"))
    voxpress("render", str(EXAMPLE), "-o", str(counted), "--rate", "230", env=env)
    operations = int((work / "n").read_text())
    print(f"render trials: the re-render does {operations} operations in its folder")
    tally: Counter[str] = Counter()
    points = (
        range(1, operations + 1) if sweep else [rng.randint(1, operations) for _ in range(trials)]
    )
    for trial, point in enumerate(points):
        out = work / f"render-{trial}"
        shutil.copytree(old, out)
        env = hooked(VOXPRESS_TEST_KILL_DIR=str(out), VOXPRESS_TEST_KILL_AT=str(point))
        done = voxpress("render", str(EXAMPLE), "-o", str(out), "--rate", "230", env=env)
        mid_commit = bool(list(out.glob(".*.commit")))
        found, durations = problems(out)
        seen = versions.get(durations.get(slug, 0), "no set")
        tally["killed" if done.returncode == -signal.SIGKILL else "not killed"] += 1
        tally[seen] += 1
        tally["rolled forward (killed mid-commit)"] += mid_commit
        tally["inconsistent"] += bool(found)
        print(
            f"  trial {trial + 1:2d}: killed at {point:3d}/{operations} -> {seen}"
            f"{' (rolled forward)' if mid_commit else ''}{'; ' + '; '.join(found) if found else ''}"
        )
    return tally


def batch_trials(trials: int, work: Path, rng: random.Random) -> Counter[str]:
    articles = work / "articles"
    articles.mkdir()
    for i in range(6):
        body = "\n\n".join(f"Paragraph {p} of story {i} has something to say." for p in range(5))
        (articles / f"s{i}.md").write_text(f"# Story {i}\n\n{body}\n")
    tally: Counter[str] = Counter()
    print("batch trials: 6 articles, 2 workers, process group killed at a random moment")
    for trial in range(trials):
        out = work / f"batch-{trial}"
        cmd = [sys.executable, "-m", "voxpress", "batch", str(articles), "-o", str(out)]
        proc = subprocess.Popen(
            [*cmd, "-w", "2"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        delay = rng.uniform(1.0, 12.0)
        time.sleep(delay)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        try:
            while True:
                os.killpg(proc.pid, 0)
                time.sleep(0.05)
        except ProcessLookupError:
            pass
        left = len([p for p in out.glob(".*.part")]) if out.exists() else 0
        found, durations = problems(out) if out.exists() else ([], {})
        again = subprocess.run(cmd, capture_output=True, text=True, check=False)
        found_after, after = problems(out)
        complete = len(after) == 6 and again.returncode == 0
        tally["inconsistent after the kill"] += bool(found)
        tally["inconsistent after the rerun"] += bool(found_after) or not complete
        tally["temporaries left by the kill (removed by the rerun)"] += left
        tally["articles complete at the kill"] += len(durations)
        print(
            f"  trial {trial + 1:2d}: killed after {delay:4.1f} s: {len(durations)} complete, "
            f"{left} temporaries; rerun: {again.stdout.split(' in ')[0]}"
            f"{'; ' + '; '.join(found + found_after) if found or found_after else ''}"
        )
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument(
        "--sweep", action="store_true", help="kill the re-render once at every operation instead"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="voxpress-faults-") as tmp:
        work = Path(tmp)
        renders = render_trials(args.trials, work, rng, args.sweep)
        batches = batch_trials(0 if args.sweep else args.trials, work, rng)
    print("\nrenders:", dict(renders))
    print("batches:", dict(batches))
    bad = renders["inconsistent"] + batches["inconsistent after the kill"]
    bad += batches["inconsistent after the rerun"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
