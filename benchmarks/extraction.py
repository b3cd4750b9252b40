"""Extraction quality and speed on ../shared/corpus, voxpress beside trafilatura in the same run.

Every set is scored the way the public extraction benchmarks score a body (and the held-out
measure does): ``\\w+`` tokens, 4-token shingles counted as multisets, precision averaged over
the pages with output, recall over all pages, F1 from the two averages; pages whose own F1 is
under 0.8 are counted. Sets and their truth:

- ``readability``: Readability's expected.html, figures and captions removed (an audio article
  drops them);
- ``wcxb``: the WCXB body, plus its must-contain / must-not-contain snippets;
- ``trafilatura``: snippets only (must-contain, and must-not-contain with reader comments);
  its "F1" is snippet recall and precision, not shingles.

Each set is split by a stable hash of the page id into a ``tune`` part (70%: look at its pages,
fix what goes wrong) and a ``check`` part (30%: only measure). The check figures come first: the
gap between the parts is the over-fitting the held-out pages would show.

Also counted per part: pages whose extracted text repeats a run of 12 words that the truth does
not (``rep12``; where there is no body truth, any repeated run), pages repeating a run of 40
(a paragraph read twice, ``rep40``), and title, author and date against the truth.

    python benchmarks/extraction.py [--corpus ../shared/corpus] [--set wcxb] [--part check]
        [--worst 10] [--save scores.json] [--traf-cache /tmp/traf.json] [--fail-under-floor]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from voxpress.errors import VoxpressError
from voxpress.extract import extract_html

ROOT = Path(__file__).resolve().parent.parent
SETS = ("readability", "trafilatura", "wcxb")
CHECK_SHARE = 30
"""Percent of each set's pages held back from tuning (by a hash of the page id)."""
REPEAT_FLOOR = {"rep40": 0}
"""Pinned: no page of any set may read a paragraph (a 40-word run) twice that its truth does
not hold twice; ``--fail-under-floor`` exits 1 otherwise."""


def part_of(page_id: str) -> str:
    """'check' or 'tune', stable across runs and machines."""
    digest = hashlib.sha1(page_id.encode("utf-8")).hexdigest()
    return "check" if int(digest[:8], 16) % 100 < CHECK_SHARE else "tune"


@dataclass
class Case:
    name: str
    set: str
    html: bytes
    url: str | None
    body: str | None
    """The true article text (None where only snippets are known)."""
    must: list[str]
    must_not: list[str]
    meta: dict[str, object]

    @property
    def part(self) -> str:
        return part_of(self.name)


@dataclass
class Output:
    body: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None


@dataclass
class PageScore:
    p: float
    r: float
    has_output: bool
    must: float | None
    must_not: float | None
    rep12: bool
    rep40: bool
    meta: dict[str, bool]
    ms: float

    @property
    def f1(self) -> float:
        return 0.0 if self.p + self.r == 0 else 2 * self.p * self.r / (self.p + self.r)


@dataclass
class Totals:
    pages: list[tuple[str, PageScore]] = field(default_factory=list)

    def row(self) -> dict[str, float | int | None]:
        s = [ps for _, ps in self.pages]
        with_out = [x.p for x in s if x.has_output]
        p = statistics.mean(with_out) if with_out else 0.0
        r = statistics.mean(x.r for x in s) if s else 0.0
        musts = [x.must for x in s if x.must is not None]
        nots = [x.must_not for x in s if x.must_not is not None]
        out: dict[str, float | int | None] = {
            "n": len(s),
            "F1": 0.0 if p + r == 0 else 2 * p * r / (p + r),
            "P": p,
            "R": r,
            "<0.8": sum(x.f1 < 0.8 for x in s),
            "rep12": sum(x.rep12 for x in s),
            "rep40": sum(x.rep40 for x in s),
            "must": statistics.mean(musts) if musts else None,
            "not": statistics.mean(nots) if nots else None,
        }
        for key in ("title", "author", "date"):
            got = [x.meta[key] for x in s if key in x.meta]
            out[key] = sum(got) / len(got) if got else None
        out["ms"] = statistics.median(x.ms for x in s) if s else 0.0
        return out


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    w = words(text)
    return Counter(tuple(w[i : i + n]) for i in range(max(0, len(w) - n + 1)))


def repeats(text: str, n: int) -> set[tuple[str, ...]]:
    """The runs of ``n`` words that occur more than once in ``text``."""
    return {g for g, c in shingles(text, n).items() if c > 1}


# ------------------------------------------------------------------------------------ extractors


def voxpress_extract(html: bytes, url: str | None) -> Output:
    try:
        a = extract_html(html, url=url)
    except VoxpressError:
        return Output("")
    return Output(
        "\n".join(b.text for b in a.blocks if b.kind != "table"), a.title, a.byline, a.published
    )


def trafilatura_extract(html: bytes, url: str | None) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return Output("")
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    return Output(get("text") or "", get("title"), get("author"), get("date"))


# ---------------------------------------------------------------------------------- metadata


def same_title(got: str | None, want: str) -> bool:
    """Equal, or equal to the expected title without a ' | Site' suffix (which voxpress drops
    on purpose and Readability's expected titles often keep)."""
    from voxpress.metadata import strip_site_suffix

    def key(t: str) -> str:
        return re.sub(r"\W", "", norm(t))

    return bool(got) and key(got or "") in (key(want), key(strip_site_suffix(want, None)))


def same_byline(got: str | None, want: object) -> bool:
    if not got:
        return False
    wants = want if isinstance(want, list) else [str(want)]
    g = set(words(got)) - {"by", "and"}
    w = set(words(" ".join(wants))) - {"by", "and"}
    return bool(w) and (g == w or (w <= g and len(g) <= len(w) + 2) or (g <= w and len(g) >= 2))


def same_date(got: str | None, want: str) -> bool:
    return bool(got) and (got or "")[:10] == want[:10]


# -------------------------------------------------------------------------------------- cases


def readability_cases(corpus: Path) -> Iterator[Case]:
    index = {}
    import csv

    with open(corpus / "index.csv", newline="") as fh:
        index = {row["path"]: row for row in csv.DictReader(fh)}
    for d in sorted((corpus / "readability").iterdir()):
        if not (d / "source.html").exists():
            continue
        meta = json.loads((d / "expected-metadata.json").read_text())
        exp = BeautifulSoup((d / "expected.html").read_bytes(), "lxml")
        for cap in exp.find_all(["figcaption", "figure"]):
            cap.decompose()
        row = index.get(f"readability/{d.name}/source.html", {})
        yield Case(
            f"readability/{d.name}",
            "readability",
            (d / "source.html").read_bytes(),
            row.get("url") or None,
            exp.get_text(" "),
            [],
            [],
            {
                "title": meta.get("title"),
                "author": meta.get("byline"),
                "date": meta.get("publishedTime"),
            },
        )


def trafilatura_cases(corpus: Path) -> Iterator[Case]:
    expected = json.loads((corpus / "trafilatura" / "expected.json").read_text())
    for page_id, exp in sorted(expected.items()):
        path = corpus / "trafilatura" / "pages" / f"{page_id}.html"
        if not path.exists() or not exp.get("must_contain"):
            continue
        m = exp.get("metadata") or {}
        yield Case(
            f"trafilatura/{page_id}",
            "trafilatura",
            path.read_bytes(),
            exp.get("url"),
            None,
            exp["must_contain"],
            exp.get("must_not_contain", []) + exp.get("comments", []),
            {"title": m.get("title"), "author": m.get("author"), "date": m.get("date")},
        )


def wcxb_cases(corpus: Path) -> Iterator[Case]:
    truth = json.loads((corpus / "wcxb" / "ground-truth.json").read_text())
    for page_id, exp in sorted(truth.items()):
        path = corpus / "wcxb" / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        yield Case(
            f"wcxb/{page_id}",
            "wcxb",
            gzip.decompress(path.read_bytes()),
            exp.get("url"),
            exp["body"],
            exp.get("must_contain") or [],
            exp.get("must_not_contain") or [],
            {"title": exp.get("title"), "author": exp.get("author"), "date": exp.get("published")},
        )


LOADERS = {"readability": readability_cases, "trafilatura": trafilatura_cases, "wcxb": wcxb_cases}


# -------------------------------------------------------------------------------------- scoring


def score(case: Case, out: Output, ms: float) -> PageScore:
    text = norm(out.body)
    must = sum(norm(s) in text for s in case.must) / len(case.must) if case.must else None
    must_not = (
        sum(norm(s) not in text for s in case.must_not) / len(case.must_not)
        if case.must_not
        else None
    )
    if case.body is not None:
        want, got = shingles(case.body), shingles(out.body)
        common = sum((want & got).values())
        p = common / sum(got.values()) if got else 0.0
        r = common / sum(want.values()) if want else 1.0
        rep12 = bool(repeats(out.body, 12) - repeats(case.body, 12))
        rep40 = bool(repeats(out.body, 40) - repeats(case.body, 40))
    else:
        r = must if must is not None else 0.0
        p = (must_not if must_not is not None else 1.0) if text else 0.0
        rep12, rep40 = bool(repeats(out.body, 12)), bool(repeats(out.body, 40))
    meta: dict[str, bool] = {}
    checks: dict[str, Callable[[str | None, object], bool]] = {
        "title": lambda g, w: same_title(g, str(w)),
        "author": same_byline,
        "date": lambda g, w: same_date(g, str(w)),
    }
    for key, got in (("title", out.title), ("author", out.byline), ("date", out.date)):
        if case.meta.get(key):
            meta[key] = checks[key](got, case.meta[key])
    return PageScore(p, r, bool(text), must, must_not, rep12, rep40, meta, ms)


def timed(fn: Callable[[bytes, str | None], Output], case: Case, name: str) -> tuple[Output, float]:
    t0 = time.perf_counter()
    try:
        out = fn(case.html, case.url)
    except Exception as exc:  # noqa: BLE001 - a crash is scored as an empty extraction
        print(f"{name} crashed on {case.name}: {exc!r}", file=sys.stderr)
        out = Output("")
    return out, (time.perf_counter() - t0) * 1000


COLUMNS = (
    "n",
    "F1",
    "P",
    "R",
    "<0.8",
    "rep12",
    "rep40",
    "must",
    "not",
    "title",
    "author",
    "date",
    "ms",
)


def fmt(value: float | None, col: str) -> str:
    if value is None:
        return f"{'-':>6}"
    if col in ("n", "<0.8", "rep12", "rep40"):
        return f"{int(value):>6d}"
    if col == "ms":
        return f"{value:>6.0f}"
    return f"{value:>6.3f}"


def print_table(results: dict[tuple[str, str, str], Totals], parts: list[str]) -> None:
    print(f"{'set':<12} {'part':<6} {'extractor':<12} " + " ".join(f"{c:>6}" for c in COLUMNS))
    for set_name in SETS:
        for part in parts:
            for ex in ("voxpress", "trafilatura"):
                t = results.get((set_name, part, ex))
                if not t or not t.pages:
                    continue
                row = t.row()
                cells = " ".join(fmt(row[c], c) for c in COLUMNS)
                print(f"{set_name:<12} {part:<6} {ex:<12} {cells}")
    for ex in ("voxpress", "trafilatura"):
        every = [ps.ms for (_, _, e), t in results.items() if e == ex for _, ps in t.pages]
        if every:
            print(f"median ms per page, whole run, {ex}: {statistics.median(every):.1f}")


def run(args: argparse.Namespace) -> int:
    sets = [args.set] if args.set else list(SETS)
    traf_cache: dict[str, dict[str, object]] = {}
    if args.traf_cache and args.traf_cache.exists():
        traf_cache = json.loads(args.traf_cache.read_text())
    results: dict[tuple[str, str, str], Totals] = {}
    saved: dict[str, dict[str, object]] = {}
    for set_name in sets:
        for case in LOADERS[set_name](args.corpus):
            if args.part != "all" and case.part != args.part:
                continue
            if args.only and args.only not in case.name:
                continue
            vox, vms = timed(voxpress_extract, case, "voxpress")
            if case.name in traf_cache:
                c = traf_cache[case.name]
                traf = Output(str(c["body"]), c["title"], c["author"], c["date"])  # type: ignore[arg-type]
                tms = float(c["ms"])  # type: ignore[arg-type]
            else:
                traf, tms = timed(trafilatura_extract, case, "trafilatura")
                traf_cache[case.name] = {
                    "body": traf.body,
                    "title": traf.title,
                    "author": traf.byline,
                    "date": traf.date,
                    "ms": tms,
                }
            for ex, out, ms in (("voxpress", vox, vms), ("trafilatura", traf, tms)):
                ps = score(case, out, ms)
                results.setdefault((set_name, case.part, ex), Totals()).pages.append(
                    (case.name, ps)
                )
                if ex == "voxpress":
                    saved[case.name] = {"f1": ps.f1, "p": ps.p, "r": ps.r, "rep12": ps.rep12}
                    saved[case.name]["rep40"] = ps.rep40
                    saved[case.name]["meta"] = ps.meta
                    saved[case.name]["out"] = {"title": out.title, "byline": out.byline}
                else:
                    saved[case.name]["traf_f1"] = ps.f1
                    saved[case.name]["traf_meta"] = ps.meta
    if args.traf_cache:
        args.traf_cache.write_text(json.dumps(traf_cache))
    parts = ["check", "tune"] if args.part == "all" else [args.part]
    print(f"corpus {args.corpus}; parts by sha1(page id): check {CHECK_SHARE}%, tune the rest")
    print_table(results, parts)
    if args.save:
        args.save.write_text(json.dumps(saved, indent=0))
    if args.worst:
        for set_name in sets:
            pages = [
                (n, ps, saved[n]["traf_f1"])
                for part in parts
                for n, ps in results.get((set_name, part, "voxpress"), Totals()).pages
            ]
            pages.sort(key=lambda x: x[1].f1 - float(x[2]))  # type: ignore[arg-type]
            print(
                f"\n{set_name}: worst {args.worst} against trafilatura (F1 voxpress / trafilatura)"
            )
            for n, ps, tf in pages[: args.worst]:
                flags = " rep12" * ps.rep12 + " rep40" * ps.rep40
                print(
                    f"  {ps.f1:.3f} / {tf:.3f}  p={ps.p:.2f} r={ps.r:.2f}{flags}  {n} ({part_of(n)})"
                )
    if args.fail_under_floor:
        over = [n for n, s in saved.items() if s["rep40"]]
        if len(over) > REPEAT_FLOOR["rep40"]:
            print(f"FAIL: {len(over)} pages read a paragraph twice: {over[:10]}", file=sys.stderr)
            return 1
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default = next(
        (
            p
            for p in (ROOT.parent / "shared" / "corpus", ROOT.parent.parent / "shared" / "corpus")
            if p.is_dir()
        ),
        ROOT.parent / "shared" / "corpus",
    )
    ap.add_argument("--corpus", type=Path, default=default)
    ap.add_argument("--set", choices=SETS, default=None, help="only this set")
    ap.add_argument("--part", choices=("all", "tune", "check"), default="all")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--only", default=None, help="only pages whose name contains this")
    ap.add_argument("--save", type=Path, default=None, help="write per-page scores to this JSON")
    ap.add_argument(
        "--traf-cache",
        type=Path,
        default=None,
        help="reuse (and store) trafilatura's outputs and times in this JSON: quicker, but its "
        "times then come from an earlier run",
    )
    ap.add_argument(
        "--fail-under-floor", action="store_true", help="exit 1 when a pinned floor is broken"
    )
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
