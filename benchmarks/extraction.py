"""Extraction quality and speed on ../shared/corpus, voxpress beside trafilatura in the same run.

Body: 4-word shingles for the readability pages (against Readability's expected.html with figure
captions removed, since an audio article drops them); must-contain / must-not-contain snippets
(reader comments counting as must-not) for the trafilatura pages. Precision and recall are
averaged over pages. Metadata: title, byline, date and language against the expected values.

    python benchmarks/extraction.py [--corpus ../shared/corpus] [--lang en] [--worst 10]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

from voxpress.errors import VoxpressError
from voxpress.extract import extract_html

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Output:
    body: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass
class Score:
    precision: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)
    f1: list[float] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    meta_right: dict[str, int] = field(default_factory=dict)
    meta_total: dict[str, int] = field(default_factory=dict)
    errors: int = 0

    def add(self, page: str, p: float, r: float) -> None:
        self.pages.append(page)
        self.precision.append(p)
        self.recall.append(r)
        self.f1.append(0.0 if p + r == 0 else 2 * p * r / (p + r))

    def meta(self, key: str, ok: bool) -> None:
        self.meta_total[key] = self.meta_total.get(key, 0) + 1
        self.meta_right[key] = self.meta_right.get(key, 0) + int(ok)


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text).strip().lower()


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", norm(text))
    return {tuple(words[i : i + n]) for i in range(max(0, len(words) - n + 1))}


def voxpress_extract(html: bytes, url: str | None) -> Output:
    try:
        a = extract_html(html, url=url)
    except VoxpressError:
        return Output("")
    return Output(
        "\n".join(b.text for b in a.blocks if b.kind != "table"),
        a.title,
        a.byline,
        a.published,
        a.language,
    )


def trafilatura_extract(html: bytes, url: str | None) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return Output("")
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    return Output(get("text") or "", get("title"), get("author"), get("date"), get("language"))


def same_title(got: str | None, want: str) -> bool:
    """Equal, or equal to the expected title without a ' | Site' suffix (which voxpress drops
    on purpose and Readability's expected titles often keep)."""
    from voxpress.metadata import strip_site_suffix

    def key(t: str) -> str:
        return re.sub(r"\W", "", norm(t))

    return bool(got) and key(got or "") in (key(want), key(strip_site_suffix(want, None)))


def same_byline(got: str | None, want: str | list[str]) -> bool:
    if not got:
        return False
    wants = want if isinstance(want, list) else [want]
    g = set(re.findall(r"\w+", norm(got))) - {"by", "and"}
    w = set(re.findall(r"\w+", norm(" ".join(wants)))) - {"by", "and"}
    return bool(w) and (g == w or (w <= g and len(g) <= len(w) + 2) or (g <= w and len(g) >= 2))


def same_date(got: str | None, want: str) -> bool:
    return bool(got) and (got or "")[:10] == want[:10]


def same_lang(got: str | None, want: str) -> bool:
    return bool(got) and (got or "").lower().split("-")[0] == want.lower().split("-")[0]


def readability_cases(corpus: Path, lang: str | None, index: dict[str, dict[str, str]]):
    for d in sorted((corpus / "readability").iterdir()):
        if not (d / "source.html").exists():
            continue
        meta = json.loads((d / "expected-metadata.json").read_text())
        row = index.get(f"readability/{d.name}/source.html", {})
        page_lang = row.get("language") or (meta.get("lang") or "en").split("-")[0]
        if lang and page_lang != lang:
            continue
        exp = BeautifulSoup((d / "expected.html").read_bytes(), "lxml")
        for cap in exp.find_all(["figcaption", "figure"]):
            cap.decompose()
        expected = exp.get_text(" ")
        yield (
            f"readability/{d.name}",
            (d / "source.html").read_bytes(),
            row.get("url"),
            ("shingles", expected),
            {
                "title": meta.get("title"),
                "byline": meta.get("byline"),
                "date": meta.get("publishedTime"),
                "language": meta.get("lang"),
            },
        )


def trafilatura_cases(corpus: Path, lang: str | None, index: dict[str, dict[str, str]]):
    expected = json.loads((corpus / "trafilatura" / "expected.json").read_text())
    for page_id, exp in sorted(expected.items()):
        path = corpus / "trafilatura" / "pages" / f"{page_id}.html"
        row = index.get(f"trafilatura/pages/{page_id}.html", {})
        if lang and row.get("language") != lang:
            continue
        if not path.exists() or not exp.get("must_contain"):
            continue
        m = exp.get("metadata") or {}
        yield (
            f"trafilatura/{page_id}",
            path.read_bytes(),
            exp.get("url"),
            (
                "snippets",
                (exp["must_contain"], exp.get("must_not_contain", []) + exp.get("comments", [])),
            ),
            {
                "title": m.get("title"),
                "byline": m.get("author"),
                "date": m.get("date"),
                "language": row.get("language"),
            },
        )


def score_page(kind: str, truth, body: str) -> tuple[float, float]:
    if kind == "shingles":
        want, got = shingles(truth), shingles(body)
        if not got:
            return 0.0, 0.0
        common = len(want & got)
        return common / len(got), (common / len(want) if want else 1.0)
    must, must_not = truth
    text = norm(body)
    recall = sum(norm(s) in text for s in must) / len(must)
    precision = (sum(norm(s) not in text for s in must_not) / len(must_not)) if must_not else 1.0
    if not text:
        precision = 0.0
    return precision, recall


def run(
    corpus: Path, lang: str | None, worst: int, only: str | None, save: Path | None = None
) -> int:
    index = {}
    with open(corpus / "index.csv", newline="") as fh:
        import csv

        for row in csv.DictReader(fh):
            index[row["path"]] = row
    cases = list(readability_cases(corpus, lang, index)) + list(
        trafilatura_cases(corpus, lang, index)
    )
    if only:
        cases = [c for c in cases if only in c[0]]
    extractors: dict[str, Callable[[bytes, str | None], Output]] = {
        "voxpress": voxpress_extract,
        "trafilatura": trafilatura_extract,
    }
    scores = {name: Score() for name in extractors}
    for name, html, url, (kind, truth), meta in cases:
        for ex_name, fn in extractors.items():
            t0 = time.perf_counter()
            try:
                out = fn(html, url)
            except Exception as exc:  # noqa: BLE001 - a crash is scored as an empty extraction
                print(f"{ex_name} crashed on {name}: {exc!r}", file=sys.stderr)
                scores[ex_name].errors += 1
                out = Output("")
            scores[ex_name].ms.append((time.perf_counter() - t0) * 1000)
            p, r = score_page(kind, truth, out.body)
            scores[ex_name].add(name, p, r)
            s = scores[ex_name]
            if meta.get("title"):
                s.meta("title", same_title(out.title, meta["title"]))
            if meta.get("byline"):
                s.meta("byline", same_byline(out.byline, meta["byline"]))
            if meta.get("date"):
                s.meta("date", same_date(out.date, meta["date"]))
            if meta.get("language"):
                s.meta("language", same_lang(out.language, meta["language"]))

    print(f"{len(cases)} pages ({lang or 'all languages'}) from {corpus}")
    print(
        f"{'extractor':<12} {'F1':>6} {'prec':>6} {'recall':>6} {'<0.8':>5} {'med ms':>7} "
        f"{'title':>6} {'byline':>6} {'date':>6} {'lang':>6} {'meta':>6}"
    )
    for ex_name, s in scores.items():
        meta_cells = []
        for key in ("title", "byline", "date", "language"):
            tot = s.meta_total.get(key, 0)
            meta_cells.append(f"{s.meta_right.get(key, 0) / tot:6.3f}" if tot else "     -")
        all_right = sum(s.meta_right.values())
        all_tot = sum(s.meta_total.values())
        print(
            f"{ex_name:<12} {statistics.mean(s.f1):6.3f} {statistics.mean(s.precision):6.3f} "
            f"{statistics.mean(s.recall):6.3f} {sum(f < 0.8 for f in s.f1):5d} "
            f"{statistics.median(s.ms):7.1f} {' '.join(meta_cells)} {all_right / max(1, all_tot):6.3f}"
        )
    if save:
        vs, ts = scores["voxpress"], scores["trafilatura"]
        save.write_text(
            json.dumps(
                {
                    p: [
                        vs.f1[i],
                        vs.precision[i],
                        vs.recall[i],
                        ts.f1[i],
                        ts.precision[i],
                        ts.recall[i],
                    ]
                    for i, p in enumerate(vs.pages)
                },
                indent=0,
            )
        )
    if worst:
        vs = scores["voxpress"]
        ts = scores["trafilatura"]
        order = sorted(range(len(vs.f1)), key=lambda i: vs.f1[i])[:worst]
        print(f"\nworst {worst} voxpress pages (F1 voxpress / trafilatura, precision, recall):")
        for i in order:
            print(
                f"  {vs.f1[i]:.3f} / {ts.f1[i]:.3f}  p={vs.precision[i]:.2f} r={vs.recall[i]:.2f}  {vs.pages[i]}"
            )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--lang", default=None, help="only pages in this language (e.g. en)")
    ap.add_argument("--worst", type=int, default=10)
    ap.add_argument("--only", default=None, help="only pages whose name contains this")
    ap.add_argument(
        "--save",
        type=Path,
        default=None,
        help="write per-page scores (voxpress F1, P, R, then trafilatura's) to this JSON file",
    )
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    return run(args.corpus, args.lang, args.worst, args.only, args.save)


if __name__ == "__main__":
    sys.exit(main())
